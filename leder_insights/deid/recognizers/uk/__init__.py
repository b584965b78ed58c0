"""UK identifiers: NHS number, NI number, postcode, phone, hospital/GMC/NMC numbers, addresses."""
from .gmc_number import GmcNumberRecognizer
from .hospital_number import HospitalNumberRecognizer
from .nhs_number import UkNhsNumberRecognizer
from .ni_number import UkNiNumberRecognizer
from .nmc_number import NmcNumberRecognizer
from .phone import UkPhoneRecognizer
from .phone_words import UkPhoneWordsRecognizer
from .place_gazetteer import PlaceGazetteerRecognizer
from .postcode import UkPostcodeRecognizer
from .street_address import StreetAddressRecognizer
from .town import TownRecognizer

__all__ = ["GmcNumberRecognizer", "HospitalNumberRecognizer", "UkNhsNumberRecognizer",
           "UkNiNumberRecognizer", "NmcNumberRecognizer", "UkPhoneRecognizer", "UkPhoneWordsRecognizer", "UkPostcodeRecognizer",
           "StreetAddressRecognizer", "TownRecognizer",
           "PlaceGazetteerRecognizer"]
