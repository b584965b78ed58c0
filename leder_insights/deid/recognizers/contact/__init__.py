"""Contact details: e-mail (offline suffix check), web addresses, social handles. Phones are in ``uk``."""
from .email import OfflineEmailRecognizer
from .email_forms import EmailFormsRecognizer
from .handle import SocialHandleRecognizer
from .ip_address import IpAddressRecognizer
from .url import UrlRecognizer

__all__ = ["OfflineEmailRecognizer", "EmailFormsRecognizer", "SocialHandleRecognizer", "IpAddressRecognizer", "UrlRecognizer"]
