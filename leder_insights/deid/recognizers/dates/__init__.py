"""UK date forms (numeric, written, coordinated, month-year, spreadsheet serials)."""
from .date_pieces import DatePiecesRecognizer
from .day_month import DayMonthDateRecognizer
from .excel_serial import ExcelSerialDateRecognizer
from .labelled_date import LabelledDateRecognizer
from .numeric_date import NumericDateRecognizer
from .slipped_date import SlippedDateRecognizer
from .written_date import WrittenDateRecognizer
from .year_words import YearWordsRecognizer

__all__ = ["ExcelSerialDateRecognizer", "LabelledDateRecognizer", "NumericDateRecognizer", "SlippedDateRecognizer", "WrittenDateRecognizer",
           "DayMonthDateRecognizer", "YearWordsRecognizer", "DatePiecesRecognizer"]
