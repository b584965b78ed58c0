"""decode_bytes: UTF-8, UTF-8 with BOM, Windows-1252, and refusal of binary data."""
from __future__ import annotations

import pytest

from leder_insights.errors import InputError
from leder_insights.io import decode_bytes

TEXT = "Zoë’s carer paid £5 – café"


@pytest.mark.parametrize("encoding,expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"),
                                               ("cp1252", "cp1252")])
def test_encoding_detected_and_text_intact(encoding, expected):
    text, found = decode_bytes(TEXT.encode(encoding), "x.csv")
    assert (text, found) == (TEXT, expected)


@pytest.mark.parametrize("encoding,expected", [("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
                                               ("utf-16-be", "utf-16-be")])
def test_encoding_utf16_with_or_without_bom_is_detected(encoding, expected):
    """UTF-16 without a BOM is valid UTF-8 when mostly ASCII (NUL every other byte): it must be
    recognised, not read as UTF-8 with NULs (issue 12 #8)."""
    text = "review_id,icb\n" + TEXT
    assert decode_bytes(text.encode(encoding), "x.csv") == (text, expected)


def test_encoding_utf16_garbage_is_refused():
    with pytest.raises(InputError, match=r"\[E105\]"):
        decode_bytes(b"\xff\xfe" + b"\x00\xd8a\x00", "x.csv")  # a lone surrogate


def test_encoding_binary_noise_is_refused():
    with pytest.raises(InputError, match=r"\[E105\]"):
        decode_bytes(bytes(range(1, 32)) * 20 + b"\xff", "x.csv")


def test_encoding_respects_configured_order():
    data = TEXT.encode("cp1252")
    with pytest.raises(InputError, match=r"\[E105\]"):
        decode_bytes(data, "x.csv", encodings=("utf-8",))
