"""Ages of people in their common written forms."""
from .age import AgeRecognizer

__all__ = ["AgeRecognizer"]
