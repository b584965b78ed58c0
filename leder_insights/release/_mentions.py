"""Mentions of a quasi-identifier's value in the free text: read them back, or mask them.

A release that generalises or suppresses a column is undone when the text says the value
("a moderate learning disability", "a White British man", "aged 60–69", "he lived in a supported
living flat"): attacker's F3. The patterns live in ``schemas/text_mentions.yaml``.

>>> read_mentions("He was a White British man with a moderate learning disability, aged 60–69.")["ld_severity"]
'moderate'
>>> mask_mentions("He was a White British man with a moderate learning disability.")[0]
'He was a [ETHNIC_GROUP] [PERSON_SEX] with [LD_SEVERITY].'
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

MENTIONS_FILE = Path(__file__).parent / "schemas" / "text_mentions.yaml"


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(MENTIONS_FILE.read_text(encoding="utf-8"))


def _phrase(word) -> str:
    return re.escape(str(word)).replace(r"\ ", r"\s+").replace("'", "['\u2019]")


def expand_lists(pattern: str, data: dict | None = None) -> str:
    """``pattern`` with each ``<<name>>`` replaced by the alternatives of ``word_lists: name``
    (literal phrases, longest first) or by ``fragments: name`` (regular expressions) of
    ``schemas/text_mentions.yaml``.

    >>> bool(re.search(expand_lists(r"\\b<<died>>\\s+at\\s+home"), "He passed away at home"))
    True
    >>> expand_lists("<<nope>>")
    Traceback (most recent call last):
    KeyError: "text_mentions.yaml has no word list or fragment 'nope'"
    """
    data = _data() if data is None else data
    lists, fragments = data.get("word_lists") or {}, data.get("fragments") or {}

    def one(m: re.Match) -> str:
        name = m.group(1)
        if name in lists:
            return "(?:" + "|".join(_phrase(w) for w in sorted(lists[name], key=lambda w: -len(str(w)))) + ")"
        if name in fragments:
            frag = fragments[name]
            return "(?:" + ("|".join(f"(?:{f})" for f in frag) if isinstance(frag, list) else frag) + ")"
        raise KeyError(f"text_mentions.yaml has no word list or fragment {name!r}")

    return re.sub(r"<<(\w+)>>", one, pattern)


@functools.lru_cache(maxsize=1)
def _mentions() -> dict:
    data = _data()
    out = {}
    for name, spec in data["hierarchies"].items():
        def compiled(table):
            return [(str(value), re.compile(expand_lists(p, data), re.I))
                    for value, pats in (table or {}).items() for p in pats]
        out[str(name)] = {"token": spec["token"], "values": compiled(spec.get("values")),
                          "read_only": compiled(spec.get("read_only"))}
    return out


def _units(word: str) -> list[str]:
    """A word of a calendar list as regular-expression units: one per character, any run of
    spaces for a space, an optional apostrophe (either kind) for one."""
    out: list[str] = []
    for ch in str(word).strip().lower():
        if ch.isspace():
            if out and out[-1] == r"\s+":
                continue
            out.append(r"\s+")
        else:
            out.append("['\u2019]?" if ch in "'\u2019" else re.escape(ch))
    return out


def words_pattern(words) -> str:
    """One regular expression matching any of ``words`` (to be compiled case-insensitively), as a
    trie: ``re`` tries an alternation's branches one by one at every position, so a flat list of
    a hundred names costs a hundred tries per character; the trie branches once per character.

    >>> rx = re.compile(words_pattern(["St David's Day", "St Davids Day", "Six Nations"]), re.I)
    >>> [bool(rx.fullmatch(t)) for t in ("st  davids day", "St David\u2019s Day", "Six Nations", "Six")]
    [True, True, True, False]
    """
    trie: dict = {}
    for w in words:
        node = trie
        for u in _units(w):
            node = node.setdefault(u, {})
        node[""] = {}  # the end of a word

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [u + emit(child) for u, child in sorted(node.items()) if u]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends and body else body

    return emit(trie)


@functools.lru_cache(maxsize=4)
def _always(section: str) -> tuple:
    data = _data()
    groups = []
    for spec in (data.get(section) or {}).values():
        patterns = [expand_lists(str(p), data) for p in spec.get("patterns") or ()]
        for lst in spec.get("lists") or ():  # before + (any of the words, longest first) + after
            before, after = (expand_lists(str(lst.get(k, "")), data) for k in ("before", "after"))
            patterns.append(f"{before}(?:{words_pattern(lst['words'])}){after}")
        groups.append((str(spec["token"]), tuple(re.compile(p, re.I) for p in patterns)))
    return tuple(groups)


def _is_forename(word: str) -> bool:
    """Whether ``word`` is a forename of the de-identifier's name gazetteer (everyday words left out)."""
    from ..deid.recognizers.people.name_gazetteer import forenames

    return word.lower() in forenames()




def _spans_of(text, groups) -> list[tuple[int, int, str]]:
    found = []
    for token, patterns in groups:
        for pat in patterns:
            for m in pat.finditer(text):
                if "forename" in pat.groupindex and not _is_forename(m.group("forename") or ""):
                    continue  # "storm damage": the word after "storm" must be a forename
                s, e = _span(text, m, pat)
                if e > s:
                    found.append((s, e, token))
    return non_overlapping(found)


def _span(text: str, m: re.Match, pat: re.Pattern) -> tuple[int, int]:
    """The part of a match to mask (group ``v`` if it took part), without edge spaces."""
    s, e = m.span("v") if "v" in pat.groupindex and m.group("v") else m.span()
    while e > s and text[e - 1].isspace():
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e


def calendar_spans(text) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of every mention that pins the calendar: a weekday, a dated public
    event (``calendar`` in ``schemas/text_mentions.yaml``).

    >>> [t for _s, _e, t in calendar_spans("On a Tuesday during the first Covid lockdown, at the 2012 Olympics.")]
    ['[WEEKDAY]', '[PUBLIC_EVENT]', '[PUBLIC_EVENT]']
    >>> calendar_spans("He sat in the sun on Sundays.")[0][2], len(calendar_spans("He sat in the sun."))
    ('[WEEKDAY]', 0)
    >>> [t for _s, _e, t in calendar_spans("During Vaisakhi, in Storm eunice, not in storm damage.")]
    ['[NAMED_DAY]', '[PUBLIC_EVENT]']
    """
    if not isinstance(text, str) or not text:
        return []
    return _spans_of(text, _always("calendar"))


def identifier_spans(text) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of identifiers no recognizer catches that every release masks
    (``identifiers`` in ``schemas/text_mentions.yaml``): a vehicle registration ("KX19 ABC").

    >>> identifier_spans("Minibus KX19 ABC took him; the KX19 [PERSON_7] van.")
    [(8, 16, '[VEHICLE_REG]'), (31, 35, '[VEHICLE_REG]')]
    """
    if not isinstance(text, str) or not text:
        return []
    return _spans_of(text, _always("identifiers"))


class OwnIds:
    """The review ids of a batch, read for :func:`own_id_spans`: their letters and digits (lower
    case, separators dropped) and their prefixes (leading letters). Settings: ``own_ids`` in
    ``schemas/text_mentions.yaml``.

    >>> ids = OwnIds(["LDR-2021-00037", "LDR-2021-00038", "R1"])
    >>> sorted(ids.keys), sorted(ids.prefixes)
    (['ldr202100037', 'ldr202100038'], ['ldr'])
    """

    def __init__(self, ids) -> None:
        c = _data()["own_ids"]
        self.token = str(c["token"])
        self.max_parts = int(c["max_parts"])
        self.min_digits = int(c["min_digits"])
        self.series_digits = int(c["series_min_digits"])
        self.keys: set[str] = set()
        self.prefixes: set[str] = set()
        for rid in ids:
            if not isinstance(rid, str):
                continue
            key = "".join(ch for ch in rid.lower() if ch.isalnum())
            if len(key) < int(c["min_chars"]) or sum(ch.isdigit() for ch in key) < self.min_digits:
                continue
            self.keys.add(key)
            lead = re.match(r"[^\W\d_]+", key)
            if lead and len(lead.group()) >= int(c["min_prefix_letters"]):
                self.prefixes.add(lead.group())
        sep = "[" + re.escape(str(c["separators"])) + "]"
        self.parts_rx = re.compile(rf"(?P<w>[^\W_]+)(?:{sep}{{1,{int(c['max_separator'])}}}(?=[^\W_]))?")

    def is_id(self, key: str) -> bool:
        """Whether ``key`` (letters and digits, lower case) is an id of the batch or a prefix of
        the batch's series followed by digits only (not a year alone: "LDR 2021 report")."""
        if key in self.keys:
            return True
        lead = re.match(r"[^\W\d_]+", key)
        rest = key[lead.end():] if lead else ""
        return bool(lead and lead.group() in self.prefixes and rest.isdigit()
                    and len(rest) >= self.series_digits and not re.fullmatch(r"(?:19|20)\d\d", rest))


def own_id_spans(text, ids: "OwnIds | None") -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of the batch's own review ids written in ``text`` in any spelling
    (separators, case), and of ids of the same series (a prefix of the batch, then digits).

    >>> ids = OwnIds(["LDR-2021-00037"])
    >>> t = "See ldr 2021 00037, LDR/2021/00038 and LDR2020-00412; not LDR 2021 or 2021 00037 cases."
    >>> [t[s:e] for s, e, _ in own_id_spans(t, ids)]
    ['ldr 2021 00037', 'LDR/2021/00038', 'LDR2020-00412']
    """
    if not isinstance(text, str) or not text or ids is None or not (ids.keys or ids.prefixes):
        return []
    # runs of letters and digits, each with the separators after it when another run follows
    parts = [(m.start("w"), m.end("w"), m.end(), m.group("w").lower()) for m in ids.parts_rx.finditer(text)]
    found = []
    for i in range(len(parts)):
        key, best = "", None
        for j in range(i, min(len(parts), i + ids.max_parts)):
            if j > i and parts[j - 1][2] != parts[j][0]:
                break  # something other than separators stands before this part
            key += parts[j][3]
            if ids.is_id(key):
                best = parts[j][1]
        if best is not None:
            found.append((parts[i][0], best, ids.token))
    return non_overlapping(found)


def mention_hierarchies() -> tuple:
    """The hierarchies that have mention patterns."""
    return tuple(_mentions())


def read_mentions(text) -> dict:
    """What a simple regex reader gets back from ``text``: per hierarchy the value mentioned most
    often (``None`` when none, or a tie). For ``age`` the first band as written ("aged 60–69")."""
    out: dict = {}
    text = text if isinstance(text, str) else ""
    for name, spec in _mentions().items():
        counts: dict = {}
        first_age = None
        for value, pat in spec["values"] + spec["read_only"]:
            for m in pat.finditer(text):
                if name == "age" and (first_age is None or m.start() < first_age[0]):
                    first_age = (m.start(), m.group())
                counts[value] = counts.get(value, 0) + 1
        if name == "age":
            out[name] = first_age[1] if first_age else None
            continue
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        out[name] = (ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
                     else None)
    return out


def non_overlapping(spans) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` spans left to right, keeping the longest of those that start
    together and dropping any that overlaps a span already kept.

    >>> non_overlapping([(5, 9, "B"), (0, 4, "A"), (0, 6, "C"), (8, 12, "D")])
    [(0, 6, 'C'), (8, 12, 'D')]
    """
    out: list[tuple[int, int, str]] = []
    for r in sorted(spans, key=lambda r: (r[0], -(r[1] - r[0]))):
        if out and r[0] < out[-1][1]:
            continue
        out.append(r)
    return out


def mention_spans(text, hierarchies=None) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of every maskable mention (not the ``read_only`` ones)."""
    if not isinstance(text, str) or not text:
        return []
    found = []
    for name, spec in _mentions().items():
        if hierarchies is not None and name not in hierarchies:
            continue
        for _value, pat in spec["values"]:
            for m in pat.finditer(text):
                s, e = _span(text, m, pat)
                if e > s:
                    found.append((s, e, spec["token"]))
    return non_overlapping(found)


def mask_mentions(text, hierarchies=None) -> tuple:
    """``(text, spans)``: ``text`` with every maskable mention replaced by its token."""
    reps = mention_spans(text, hierarchies)
    if not reps:
        return text, reps
    pieces, last = [], 0
    for s, e, token in reps:
        pieces += [text[last:s], token]
        last = e
    pieces.append(text[last:])
    return "".join(pieces), reps


__all__ = ["OwnIds", "own_id_spans", "read_mentions", "mask_mentions", "mention_spans", "calendar_spans", "identifier_spans",
           "mention_hierarchies", "non_overlapping", "expand_lists", "MENTIONS_FILE"]
