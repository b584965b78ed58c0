"""Ages of people in their common written forms."""
from .age import AgeRecognizer
from .age_forms import AgeFormsRecognizer

__all__ = ["AgeRecognizer", "AgeFormsRecognizer"]
