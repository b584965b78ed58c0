"""Problems found while reading a corpus, and the result of reading one."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

import pandas as pd

from ..errors import Errors

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem in an input file.

    ``row`` is the 1-based data row (``None`` for file- or column-level problems); ``code`` is the
    numbered message in :mod:`leder_insights.errors`; ``severity`` is ``'error'`` (the row was
    quarantined, or the file cannot be used) or ``'warning'`` (the data was kept).

    Examples
    --------
    >>> p = Problem("r.csv", 3, "care_grade", "E113", "error", "care_grade '9' is not ...", "R3")
    >>> p.location()
    'r.csv row 3 (review_id R3), column care_grade'
    >>> Problem("r.csv", 3, None, "E113", "error", "...", "R3", line=40).location()
    'r.csv row 3 (file line 40, review_id R3)'
    """

    file: str
    row: int | None
    column: str | None
    code: str
    severity: Severity
    message: str
    review_id: str | None = None
    #: the file's physical line where the row starts (CSV rows holding line breaks), if it differs
    line: int | None = None

    def location(self) -> str:
        """Where the problem is, in words: file, row (number and review_id) and column."""
        parts = [self.file]
        if self.row is not None:
            rid = (" (review_id not shown)" if self.review_id == "(not shown)"
                   else f" (review_id {self.review_id})" if self.review_id else " (no review_id)")
            sheet = "sheet " if self.file.lower().endswith(".xlsx") else ""  # the row Excel shows
            if self.line is not None:  # where a text editor finds it
                rid = f" (file line {self.line}, {rid[2:]}"
            parts.append(f" {sheet}row {self.row}{rid}")
        if self.column:
            parts.append(f"{',' if self.row is not None else ''} column {self.column}")
        return "".join(parts)

    def __str__(self) -> str:
        return f"{self.severity} [{self.code}] {self.location()}: {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


def make_problem(code: str, severity: Severity, file, row=None, column=None, review_id=None,
                 **fields) -> Problem:
    """Build a :class:`Problem` from a numbered template in :class:`~leder_insights.errors.Errors`.

    A cell's value never reaches the message (problems go to quarantine files, logs and
    ``--json`` reports, and a misplaced cell can hold a name or an NHS number): a ``value`` field
    is dropped, and a template that cannot be filled is shown as it is, without the fields.

    >>> make_problem("E115", "warning", "r.csv", 3, "place_of_death", "R3",
    ...              value="Zorbal Quintrell", allowed="home, hospital").message[:40]
    'place_of_death is not one of home, hospi'
    """
    template = getattr(Errors, code)
    fields.pop("value", None)
    try:
        message = template.format(column=column, review_id=review_id, path=file, **fields)
    except (KeyError, IndexError):
        message = template
    return Problem(str(file), row, column, code, severity, message, review_id)


@dataclass
class LoadResult:
    """What :func:`read_reviews` found: valid rows, quarantined rows and every problem.

    ``len(valid) + len(quarantine) == n_rows`` always holds.

    Examples
    --------
    >>> res = LoadResult(pd.DataFrame({"review_id": ["R1"], "_row": [1]}),
    ...                  pd.DataFrame(columns=["_row", "review_id", "reason_code", "reason"]), n_rows=1)
    >>> res.usable, res.summary()["n_quarantined"]
    (True, 0)
    """

    valid: pd.DataFrame
    quarantine: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    encoding: str | None = None
    n_rows: int = 0
    path: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def usable(self) -> bool:
        """True when at least one row is valid (quarantined rows alone do not block use)."""
        return len(self.valid) > 0

    def summary(self) -> dict:
        """Row accounting and counts, ready for JSON."""
        reasons = (self.quarantine["reason_code"].value_counts().sort_index().to_dict()
                   if len(self.quarantine) else {})
        return {"file": self.path, "encoding": self.encoding, "n_rows": int(self.n_rows),
                "n_valid": int(len(self.valid)), "n_quarantined": int(len(self.quarantine)),
                "quarantine_reasons": {str(k): int(v) for k, v in reasons.items()},
                "n_errors": len(self.errors), "n_warnings": len(self.warnings),
                "usable": self.usable}
