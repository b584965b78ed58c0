"""The blind double coding of the written points: file sound and agreement as documented."""
import json
from pathlib import Path

from leder_insights.themes import cohen_kappa, load_taxonomy, to_indicator

DATA = Path(__file__).resolve().parents[2] / "leder_insights" / "themes" / "data"


def test_written_second_labeller_agrees_as_documented():
    ids = [t.id for t in load_taxonomy().themes]
    first = {r["id"]: r for r in map(json.loads, (DATA / "written_points.jsonl").read_text().splitlines())}
    second = [json.loads(line) for line in (DATA / "written_points_second.jsonl").read_text().splitlines()]
    assert len(second) == 300 and len({r["id"] for r in second}) == 300
    assert all(r["id"] in first and set(r["themes"]) <= set(ids) for r in second)
    a = to_indicator([first[r["id"]]["themes"] for r in second], ids)
    b = to_indicator([r["themes"] for r in second], ids)
    kappa = cohen_kappa(a, b, ids)
    assert round(kappa["pooled"], 3) == 0.844  # the figure in themes/data/README.md
