"""Ages of people in their common written forms."""
from .age import AgeRecognizer
from .age_forms import AgeFormsRecognizer
from .age_phrases import AgePhrasesRecognizer

__all__ = ["AgeRecognizer", "AgeFormsRecognizer", "AgePhrasesRecognizer"]
