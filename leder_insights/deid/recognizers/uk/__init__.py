"""UK identifiers: NHS number, NI number, postcode, phone, hospital/GMC/NMC numbers, addresses, bank
details, passport and driving licence numbers, public-service reference numbers (Blue Badge, DWP, CQC)."""
from .address_chain import AddressChainRecognizer
from .bank_account import BankAccountRecognizer
from .case_reference import CaseReferenceRecognizer
from .driving_licence import DrivingLicenceRecognizer
from .dwelling_number import DwellingNumberRecognizer
from .gmc_number import GmcNumberRecognizer
from .hospital_number import HospitalNumberRecognizer
from .location_code import LocationCodeRecognizer
from .nhs_number import UkNhsNumberRecognizer
from .ni_number import UkNiNumberRecognizer
from .nmc_number import NmcNumberRecognizer
from .passport_number import PassportNumberRecognizer
from .phone import UkPhoneRecognizer
from .phone_words import UkPhoneWordsRecognizer
from .place_forms import PlaceFormRecognizer
from .place_gazetteer import PlaceGazetteerRecognizer
from .postcode import UkPostcodeRecognizer
from .postcode_sector import PostcodeSectorRecognizer
from .reference_number import ReferenceNumberRecognizer
from .split_identifier import SplitIdentifierRecognizer
from .record_number import RecordNumberRecognizer
from .street_address import StreetAddressRecognizer
from .town import TownRecognizer

__all__ = ["BankAccountRecognizer", "DrivingLicenceRecognizer", "PassportNumberRecognizer", "GmcNumberRecognizer", "HospitalNumberRecognizer", "UkNhsNumberRecognizer",
           "UkNiNumberRecognizer", "NmcNumberRecognizer", "UkPhoneRecognizer", "UkPhoneWordsRecognizer", "UkPostcodeRecognizer",
           "StreetAddressRecognizer", "TownRecognizer",
           "PlaceGazetteerRecognizer", "PlaceFormRecognizer", "AddressChainRecognizer", "ReferenceNumberRecognizer",
           "RecordNumberRecognizer", "LocationCodeRecognizer", "PostcodeSectorRecognizer",
           "SplitIdentifierRecognizer", "CaseReferenceRecognizer",
           "DwellingNumberRecognizer"]
