"""Contact details: e-mail (offline suffix check), web addresses, social handles,
hashtags, CamelCase page names and quoted campaign titles. Phones are in ``uk``."""
from .email import OfflineEmailRecognizer
from .email_forms import EmailFormsRecognizer
from .handle import SocialHandleRecognizer
from .handle_cues import SocialHandleCuesRecognizer
from .ip_address import IpAddressRecognizer
from .online import CamelCaseNameRecognizer, CampaignTitleRecognizer, HashtagRecognizer
from .url import UrlRecognizer

__all__ = ["OfflineEmailRecognizer", "EmailFormsRecognizer", "SocialHandleRecognizer", "SocialHandleCuesRecognizer", "IpAddressRecognizer", "UrlRecognizer",
           "HashtagRecognizer", "CamelCaseNameRecognizer", "CampaignTitleRecognizer"]
