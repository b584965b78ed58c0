"""Job tests reuse the de-identification tests' fake detector (no spaCy model is loaded)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deid"))
