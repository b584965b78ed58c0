"""Contact details: e-mail (offline suffix check) and web addresses. Phones are in ``uk``."""
from .email import OfflineEmailRecognizer
from .url import UrlRecognizer

__all__ = ["OfflineEmailRecognizer", "UrlRecognizer"]
