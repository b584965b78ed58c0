"""Contact details: e-mail (offline suffix check), web addresses, social handles,
hashtags, CamelCase page names, quoted campaign titles and computer account names. Phones are in ``uk``."""
from .account_names import AccountNameRecognizer
from .email import OfflineEmailRecognizer
from .email_forms import EmailFormsRecognizer
from .handle import SocialHandleRecognizer
from .handle_cues import SocialHandleCuesRecognizer
from .ip_address import IpAddressRecognizer
from .online import CamelCaseNameRecognizer, CampaignTitleRecognizer, HashtagRecognizer
from .url import UrlRecognizer

__all__ = ["AccountNameRecognizer", "OfflineEmailRecognizer", "EmailFormsRecognizer", "SocialHandleRecognizer", "SocialHandleCuesRecognizer", "IpAddressRecognizer", "UrlRecognizer",
           "HashtagRecognizer", "CamelCaseNameRecognizer", "CampaignTitleRecognizer"]
