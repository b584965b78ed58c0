"""UK date forms (numeric, written, coordinated, month-year)."""
from .numeric_date import NumericDateRecognizer
from .written_date import WrittenDateRecognizer

__all__ = ["NumericDateRecognizer", "WrittenDateRecognizer"]
