"""Named local services: care homes, hospitals, GP practices, NHS trusts/ICBs, councils."""
from .care_home import CareHomeRecognizer
from .council import CouncilRecognizer
from .gp_practice import GpPracticeRecognizer
from .hospital import HospitalRecognizer
from .hospital_short_name import HospitalShortNameRecognizer
from .local_press import LocalPressRecognizer
from .lower_case_org import LowerCaseOrgRecognizer
from .named_service import NamedServiceRecognizer
from .provider import CareProviderRecognizer
from .provider_code import ProviderCodeRecognizer
from .public_service import PublicServiceRecognizer
from .nhs_trust import NhsTrustRecognizer

__all__ = ["CareHomeRecognizer", "CouncilRecognizer", "GpPracticeRecognizer", "HospitalRecognizer", "LowerCaseOrgRecognizer",
           "NhsTrustRecognizer", "CareProviderRecognizer",
           "PublicServiceRecognizer", "ProviderCodeRecognizer", "HospitalShortNameRecognizer", "NamedServiceRecognizer",
           "LocalPressRecognizer"]
