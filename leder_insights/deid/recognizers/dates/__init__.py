"""UK date forms (numeric, written, coordinated, month-year, spreadsheet serials)."""
from .excel_serial import ExcelSerialDateRecognizer
from .labelled_date import LabelledDateRecognizer
from .numeric_date import NumericDateRecognizer
from .slipped_date import SlippedDateRecognizer
from .written_date import WrittenDateRecognizer

__all__ = ["ExcelSerialDateRecognizer", "LabelledDateRecognizer", "NumericDateRecognizer", "SlippedDateRecognizer", "WrittenDateRecognizer"]
