"""Decoding CSV bytes: UTF-8 (with or without BOM) or Windows-1252, never a silent guess."""
from __future__ import annotations

import codecs
import re

from ..errors import Errors, InputError

# C0 control characters other than tab, newline, carriage return (NUL is handled per cell)
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    # a stray control character or NUL is reported per cell later; many mean binary or UTF-16
    return (len(_CONTROL.findall(text)) / len(text) < 0.001
            and text.count("\x00") / len(text) < 0.05)


def _decode_mixed(data: bytes) -> str | None:
    """Line by line, when a file is not valid UTF-8 but some of its lines are non-ASCII UTF-8.

    Exports stitched together from several systems mix encodings; decoding the whole file as
    cp1252 would garble the UTF-8 lines ("Zoë" -> "ZoÃ«"). Returns ``None`` when the file is
    not mixed.
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    out, n_utf8_non_ascii = [], 0
    for line in lines:
        try:
            text = line.decode("utf-8")
            n_utf8_non_ascii += not line.isascii()
        except UnicodeDecodeError:
            try:
                text = line.decode("cp1252")
            except UnicodeDecodeError:
                return None
        out.append(text)
    return "".join(out) if n_utf8_non_ascii else None


def sniff_utf16(head: bytes) -> str | None:
    """``'utf-16'`` (BOM), ``'utf-16-le'``/``'utf-16-be'`` (no BOM, told by where the NUL bytes of
    ASCII characters fall) or ``None`` for a file that is not UTF-16.

    UTF-16 text without a BOM is valid UTF-8 when it is mostly ASCII (every other byte NUL), so it
    must be recognised before UTF-8 is tried.

    >>> sniff_utf16("review_id,icb".encode("utf-16-le"))
    'utf-16-le'
    >>> sniff_utf16(b"review_id,icb") is None
    True
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    n = min(len(even), len(odd))
    if n == 0:
        return None
    nul_even, nul_odd = even.count(0) / n, odd.count(0) / n
    if nul_odd > 0.3 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.3 and nul_odd < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path, encodings=("utf-8-sig", "utf-8", "cp1252")) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``.

    UTF-16 (with a BOM, or without one, recognised by :func:`sniff_utf16`) is decoded as such. A
    UTF-8 BOM means ``utf-8-sig``; otherwise strict UTF-8; a file whose lines mix UTF-8 and
    Windows-1252 is decoded line by line (``"mixed utf-8/cp1252"``); otherwise the next encoding in
    ``encodings`` that decodes and looks like text. Raises ``InputError`` E105 with the offset of
    the first undecodable byte.

    Examples
    --------
    >>> decode_bytes("Zoë £5".encode("cp1252"), "r.csv")
    ('Zoë £5', 'cp1252')
    >>> decode_bytes(b"\\xef\\xbb\\xbfid", "r.csv")
    ('id', 'utf-8-sig')
    """
    first_bad = None
    utf16 = sniff_utf16(data[:4096])
    if utf16 is not None:
        try:
            return data.decode(utf16).lstrip("\ufeff"), utf16
        except UnicodeDecodeError as exc:
            raise InputError(Errors.E105, path=path, offset=exc.start) from None
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed, "mixed utf-8/cp1252"
    for enc in encodings:
        norm = codecs.lookup(enc).name
        if norm == "utf-8-sig":
            if data.startswith(codecs.BOM_UTF8):
                try:
                    return data.decode("utf-8-sig"), "utf-8-sig"
                except UnicodeDecodeError as exc:
                    first_bad = exc.start + len(codecs.BOM_UTF8) if first_bad is None else first_bad
            continue
        try:
            text = data.decode(norm)
        except UnicodeDecodeError as exc:
            first_bad = exc.start if first_bad is None else first_bad
            continue
        if norm == "utf-8" or _looks_like_text(text):
            return text, norm
        if first_bad is None:
            bad = _CONTROL.search(text)
            first_bad = bad.start() if bad else 0
    raise InputError(Errors.E105, path=path, offset=first_bad if first_bad is not None else 0)


_BLOCK = 1 << 20


def detect_file_encoding(path, encodings=("utf-8-sig", "utf-8", "cp1252")) -> str:
    """The encoding of a text file, found while streaming it (memory does not grow with its size).

    Same rules as :func:`decode_bytes`: UTF-16 (BOM, or no BOM told by its NUL bytes), a UTF-8 BOM,
    strict UTF-8, a file whose lines mix UTF-8 and Windows-1252 (``"mixed utf-8/cp1252"``, read
    line by line with :func:`iter_decoded_lines`), then the next of ``encodings`` that decodes and
    looks like text. Raises ``InputError`` E105 with the offset of the first undecodable byte.
    """
    with open(path, "rb") as fh:
        head = fh.read(4096)
    utf16 = sniff_utf16(head)
    if utf16 is not None:
        return utf16
    names = [codecs.lookup(e).name for e in encodings]
    bom = head.startswith(codecs.BOM_UTF8)
    if bom and "utf-8-sig" not in names:
        names.insert(0, "utf-8-sig")
    first_bad = _first_bad_utf8(path)
    if first_bad is None:
        if bom and "utf-8-sig" in names:
            return "utf-8-sig"
        if "utf-8" in names:
            return "utf-8"
    elif "utf-8" in names and _mixed_lines(path):
        return "mixed utf-8/cp1252"
    for norm in names:
        if norm in ("utf-8", "utf-8-sig"):
            continue
        ok, bad = _decodes_as_text(path, norm)
        if ok:
            return norm
        first_bad = bad if first_bad is None else first_bad
    raise InputError(Errors.E105, path=path, offset=first_bad if first_bad is not None else 0)


def _first_bad_utf8(path) -> int | None:
    dec = codecs.getincrementaldecoder("utf-8")("strict")
    offset = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            try:
                dec.decode(block)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(block)
        try:
            dec.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            return offset + exc.start
    return None


def _mixed_lines(path) -> bool:
    """Some non-ASCII lines are UTF-8 and every other line is Windows-1252 (see _decode_mixed)."""
    n_utf8_non_ascii = 0
    with open(path, "rb") as fh:
        for line in fh:
            try:
                line.decode("utf-8")
                n_utf8_non_ascii += not line.isascii()
            except UnicodeDecodeError:
                try:
                    line.decode("cp1252")
                except UnicodeDecodeError:
                    return False
    return n_utf8_non_ascii > 0


def _decodes_as_text(path, encoding: str) -> tuple[bool, int | None]:
    dec = codecs.getincrementaldecoder(encoding)("strict")
    n_chars = n_control = n_nul = 0
    offset = 0
    first_control = None
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            try:
                text = dec.decode(block)
            except UnicodeDecodeError as exc:
                return False, offset + exc.start
            m = _CONTROL.search(text)
            if m and first_control is None:
                first_control = offset + m.start()
            n_chars += len(text)
            n_control += len(_CONTROL.findall(text))
            n_nul += text.count("\x00")
            offset += len(block)
    if not n_chars or (n_control / n_chars < 0.001 and n_nul / n_chars < 0.05):
        return True, None
    return False, first_control or 0


def iter_decoded_lines(path, encoding: str):
    """Lines of ``path`` decoded as ``encoding`` (line ends kept, BOM removed), streaming.

    ``"mixed utf-8/cp1252"`` decodes each line as UTF-8, else as Windows-1252.
    """
    if encoding == "mixed utf-8/cp1252":
        with open(path, "rb") as fh:
            for line in fh:
                try:
                    yield line.decode("utf-8")
                except UnicodeDecodeError:
                    yield line.decode("cp1252")
        return
    with open(path, encoding=encoding, newline="") as fh:
        first = True
        for text_line in fh:
            if first:
                text_line = text_line.lstrip("\ufeff")
                first = False
            yield text_line
