"""Attack: free text typed into a coded column (a name and address in ``sex``, an ICB or ethnic
group that is not one) is released when enough rows share it to meet k. Coded columns release
only their listed values; anything else becomes "other"."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.release import Release

PLANTED = "female (Kimberly Exampleton, 14 Acacia Avenue)"


def _frame(column: str, value: str, n: int = 8) -> pd.DataFrame:
    base = {"review_id": [f"R{i}" for i in range(2 * n)], "sex": ["female"] * (2 * n),
            "age_at_death": [55] * (2 * n), "icb": ["NHS Devon ICB"] * (2 * n),
            "ethnic_group": ["Not stated"] * (2 * n)}
    df = pd.DataFrame(base)
    df.loc[:n - 1, column] = value  # n rows share the planted value: k = 5 alone would not stop it
    return df


@pytest.mark.parametrize("column", ["sex", "icb", "ethnic_group", "ld_severity", "place_of_death",
                                    "living_arrangement", "review_type"])
def test_attack_free_text_in_a_coded_column_never_reaches_the_release(column):
    rel = Release("national", key=b"q" * 32)
    df = _frame(column, PLANTED)
    out = rel.transform(df, rel.plan(df, k=5, max_suppressed_share=0.0))
    blob = out.astype(str).to_csv(index=False)
    assert "Exampleton" not in blob and "Acacia" not in blob
    assert rel.schema.columns[column].allowed, f"{column} has no list of released values"


def test_listed_values_are_released_as_they_are():
    rel = Release("national", key=b"q" * 32)
    df = _frame("sex", "male")
    out = rel.transform(df, rel.plan(df, k=5, max_suppressed_share=0.0))
    assert set(out["sex"]) == {"female", "male"}
    assert set(out["icb"].dropna()) <= {"NHS Devon ICB", "South West", "*"}
