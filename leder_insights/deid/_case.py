"""ALL-CAPS runs ("MR OWAIN GRIFFITHS WAS ADMITTED TO PENGARTH GENERAL HOSPITAL ON 9 MAY 2022"):
a case-restored copy for the NER and the case-sensitive recognizers.

NER models and our patterns read capitals as a cue, so a sentence written in capitals hides its
names. For every run of two or more ALL-CAPS words, the sentence around it is copied with the run
re-cased: everyday English words in lower case (``was admitted to``), month and weekday names,
titles, organisation words and every other word capitalised (``Mr Owain Griffiths``, ``Pengarth
General Hospital``, ``9 May 2022``); acronyms on the allow-list stay as they are. The copy has the
same length as the original, so spans found in it are spans of the original text.

>>> t = "Notes. MR OWAIN GRIFFITHS WAS FOUND AT HIS FLAT ON 9 MAY 2022 BY THE NHS GP."
>>> [(a, b) for a, b in caps_runs(t, frozenset({"NHS", "GP"}))]
[(7, 68)]
>>> restore_case(t[7:68], frozenset({"NHS", "GP"}))
'Mr Owain Griffiths was found at his flat on 9 May 2022 by the'
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

CAPS_WORDS_PATH = Path(__file__).parent / "conf" / "caps_capitalised.txt"
CAPS_LOWER_PATH = Path(__file__).parent / "conf" / "caps_lowercase.txt"
_WORD = r"[A-Z](?:[A-Z'’\-]*[A-Z])?"
_RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?![\w'’-])(?:[ ,:;/&()\-]{{1,3}}(?:{_WORD}|\d{{1,4}}(?:ST|ND|RD|TH)?)(?![\w'’-]))+")
_TOKEN = re.compile(r"[A-Z][A-Z'’\-]*[A-Z]|[A-Z]")
_SENTENCE_END = re.compile(r"[.!?\n]")


@functools.lru_cache(maxsize=1)
def _capitalised() -> frozenset:
    """Lower-case words that stay capitalised in a restored run (titles, months, organisation words)."""
    lines = CAPS_WORDS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset:
    """Everyday English words (spaCy's stop words, the domain words) and ``caps_lowercase.txt``."""
    from .recognizers.people.context_name import common_words

    lines = CAPS_LOWER_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(common_words() | {w for line in lines if not line.startswith("#") for w in line.split()})


def everyday_words() -> frozenset:
    """The everyday English words the re-casing passes never take for a name or place (public
    for the release's lower-case place mask).

    >>> "the" in everyday_words() and "scunthorpe" not in everyday_words()
    True
    """
    return _common_words()


@functools.lru_cache(maxsize=1)
def _everyday() -> frozenset:
    """:func:`_common_words` that are not also names (written in lower case in a re-cased run)."""
    from .recognizers.people.name_gazetteer import name_set

    return _common_words() - name_set()


def caps_runs(text: str, acronyms: frozenset = frozenset()) -> list[tuple[int, int]]:
    """Spans of runs of two or more ALL-CAPS words, at least one of them not an acronym (two short
    words such as "WAST, BCU" are taken for acronyms too)."""
    if not re.search(r"[A-Z]{2}", text):
        return []
    out = []
    for m in _RUN.finditer(text):
        words = _TOKEN.findall(m.group())
        long_words = [w for w in words if len(w) >= 2]
        words = [w for w in long_words if w not in acronyms]
        # "WAST, BCU" is a list of acronyms: a run needs a longer word or three words
        if len(long_words) >= 2 and words and (len(long_words) >= 3 or max(map(len, words)) >= 5):
            a, b = m.span()
            toks = [t for t in _TOKEN.finditer(text, a, b)]
            while toks and toks[0].group() in acronyms:  # "NHS GP HIS SISTER": the run starts at HIS
                toks.pop(0)
            while toks and toks[-1].group() in acronyms:
                toks.pop()
            if toks:
                out.append((toks[0].start(), toks[-1].end()))
    return out


#: one ALL-CAPS word of three letters or more, alone (not in a run): "TUNDE was not offered"
_LONE_CAPS = re.compile(r"(?<![\w'’-])[A-Z][A-Z'’]{2,}(?:-[A-Z][A-Z'’]+)*(?![\w'’-])")


def lone_caps_names(text: str, acronyms: frozenset = frozenset()) -> list[tuple[int, int]]:
    """Spans of single ALL-CAPS words that are listed forenames or surnames and not everyday words
    or acronyms ("TUNDE was not offered", "seen by DOREEN"); runs of two or more are
    :func:`caps_runs`.

    >>> t = "TUNDE was not offered. The NHS and MRSA. WAS"
    >>> [t[a:b] for a, b in lone_caps_names(t, frozenset({"NHS"}))]
    ['TUNDE']
    """
    if not re.search(r"[A-Z]{3}", text):
        return []
    from .recognizers.people.name_gazetteer import forenames_wide

    names, everyday = forenames_wide(), _common_words()
    out = []
    for m in _LONE_CAPS.finditer(text):
        w = m.group()
        low = re.sub(r"['’]s$", "", w.lower())
        if w in acronyms or low in everyday or low not in names:
            continue
        out.append(m.span())
    return out


def _recase(word: str) -> str:
    """A capitalised word, hyphen and apostrophe parts too, with a possessive "'S" in lower case.

    >>> _recase("O'HALLORAN"), _recase("FENWICK-ODUYA'S")
    ("O'Halloran", "Fenwick-Oduya's")
    """
    out = re.sub(r"(^|['’\-])([A-Z])([A-Z]*)", lambda m: m.group(1) + m.group(2) + m.group(3).lower(), word)
    return re.sub(r"(?<=[a-z])(['’])S$", r"\1s", out)


def restore_case(run: str, acronyms: frozenset = frozenset()) -> str:
    """``run`` re-cased word by word (same length)."""
    everyday, capital = _everyday(), _capitalised()

    def one(m: re.Match) -> str:
        w = m.group()
        if w in acronyms or len(w) == 1 and w not in ("A", "I"):
            return w
        low = w.lower()
        if low in capital:
            return _recase(w)
        if low in everyday or low.strip("'’") in everyday:
            return low
        return _recase(w)

    return _TOKEN.sub(one, run)


def caps_windows(text: str, acronyms: frozenset = frozenset(), margin: int = 200
                 ) -> list[tuple[int, int, str, list[tuple[int, int]]]]:
    """``(start, end, restored_copy, runs)`` of the sentences around caps runs (merged when they meet)."""
    runs = caps_runs(text, acronyms)
    lone = [(a, b) for a, b in lone_caps_names(text, acronyms) if not any(x <= a < y for x, y in runs)]
    runs = sorted(runs + lone)
    if not runs:
        return []
    windows: list[list] = []
    for a, b in runs:
        lo = max(0, a - margin)
        prev = [m.end() for m in _SENTENCE_END.finditer(text, lo, a)]
        s = prev[-1] if prev else lo
        nxt = _SENTENCE_END.search(text, b, min(len(text), b + margin))
        t = nxt.end() if nxt else min(len(text), b + margin)
        if windows and s <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], t)
            windows[-1][2].append((a, b))
        else:
            windows.append([s, t, [(a, b)]])
    out = []
    for s, t, rs in windows:
        piece = list(text[s:t])
        for a, b in rs:
            piece[a - s:b - s] = restore_case(text[a:b], acronyms)
        out.append((s, t, "".join(piece), rs))
    return out


#: a sentence typed without capitals: words (any script's lower-case letters), at least three of them,
#: and no capital letter
_LOWER_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_MIN_LOWER_WORDS = 3
#: a sentence ends at a full stop, ! or ? before a space (not inside "15.10.63"), or a line break
_LOWER_SENTENCE_END = re.compile(r"(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bmx)(?<!\bdr)(?<!\bprof)(?<!\bcllr)"
                                 r"[.!?](?=\s)|\n|$")
_POSSESSIVE = re.compile(r"(.*?)((?:['’]s?)?)$")
_VERB_FORM = re.compile(r"(?:ed|ing|ly)$")


@functools.lru_cache(maxsize=1)
def _lower_lists() -> tuple[dict, frozenset, frozenset]:
    """``(recased, name_like, everyday)``: lower-case word -> how a lower-case sentence's re-cased
    copy writes it (listed forenames and surnames, and the wider forename list, that are not everyday words, one-word UK places
    and first words of longer ones as listed, "Stoke-on-Trent", titles and organisation words);
    the words among them that are names or titles (their unlisted neighbours are capitalised too:
    "ms baptiste", "łukasz kozłowski"); and the everyday words, never capitalised."""
    from .recognizers.people.name_gazetteer import forenames_wide
    from .recognizers.uk.place_gazetteer import place_index

    everyday = _common_words()
    names = {w for w in forenames_wide() if w not in everyday}
    recased = {w: w.capitalize() for w in names}
    recased.update({w.lower(): w for w in place_index()[0] if w.lower() not in everyday})
    titles = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "nurse", "sister"}
    recased.update({w: w.capitalize() for w in titles - {"nurse", "sister"}})  # also roles
    return recased, frozenset(names | titles), everyday


@functools.lru_cache(maxsize=1)
def _name_tail_words() -> frozenset:
    """Organisation and place words ("general", "infirmary", "road", "close") capitalised in a
    lower-case sentence only right after a re-cased word ("leeds general infirmary"), never alone
    ("very close")."""
    return _capitalised()


def _strip_possessive(word: str) -> tuple[str, str]:
    """``("o'brien", "'s")`` for ``"o'brien's"``; the ending is empty when there is none."""
    m = _POSSESSIVE.fullmatch(word)
    return (m.group(1), m.group(2)) if m else (word, "")


def _recase_lower_word(word: str, recased: dict) -> str:
    if word in recased:
        return recased[word]
    base, poss = _strip_possessive(word)
    if poss and base in recased:
        return recased[base] + poss
    parts = word.split("-")
    if len(parts) > 1:
        return "-".join(recased.get(p, p) for p in parts)
    return word


#: the first letter of a sentence's first word of two letters or more (a "(i)" list marker is not one)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)[^\w\n]*([^\W\d_])(?=[^\W\d_])")


def _typed_in_lower_case(text: str) -> bool:
    """Most sentences of ``text`` start with a lower-case letter (two in three or more; lists of
    "(i) firstly, …" items in ordinary prose stay below that)."""
    starts = [m.group(1) for m in _SENTENCE_START.finditer(text)]
    return bool(starts) and sum(c.islower() for c in starts) * 3 >= len(starts) * 2


@functools.lru_cache(maxsize=1)
def _particles() -> frozenset:
    """Lower-case name particles ("ní", "mac", "van"): the word after one, after a name, is a name."""
    from ._wordlists import words

    return frozenset(words("name_particles"))


#: in a lower-case line of ordinary text, what says a re-cased word is a person's name: a title, a
#: forename and a surname, a possessive, or a person's verb after it ("the femoral nail" has none)
_PERSON_EVIDENCE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Cllr|Sir|Dame)\b\.?\s+[^\W\d_]|"
                              r"[^\W\d_a-z][^\W\d_]+[ ][^\W\d_a-z]|[^\W\d_a-z][^\W\d_]+['’]s?\b|"
                              r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\bthis )(?<!\btheir )"
                              r"[^\W\d_a-z][^\W\d_]+\s+(?:was|had|has|is|said|told|did|would|could|never|"
                              r"refused|declined|died|lived|went|came|rang|phoned|wanted|felt|asked)\b")
_ITEM_START = re.compile(r"[ \t]*(?:[-*•·>]|\d{1,2}[.)]|[a-z][.)])?[ \t]*")


@functools.lru_cache(maxsize=1)
def _forenames_and_titles(name_like: frozenset) -> frozenset:
    """The words of ``name_like`` after which, in a lower-case line of ordinary text, an unlisted
    word is taken for a surname: forenames and titles (not surnames that are words: "bath")."""
    from .recognizers.people.name_gazetteer import forenames

    titles = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"}
    return frozenset(w for w in name_like if w in forenames() or w in titles)


def _line_start(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a line, a bullet or a numbered item ("- maureen ...", "2) nathan's")."""
    return _ITEM_START.fullmatch(text, text.rfind("\n", 0, pos) + 1, pos) is not None


def lower_windows(text: str) -> list[tuple[int, int, str, list[tuple[int, int]]]]:
    """``(start, end, restored_copy, runs)`` of sentences typed in lower case ("mum, sandra
    pickering, said he was seen at leeds general infirmary."), each re-cased: listed names and
    places, titles and organisation words capitalised, and so is an unlisted word right beside a
    listed name or a title, and one after a name particle ("siobhán ní bhriain"); everything else
    stays as typed. Sentences with a capital letter anywhere are left alone. In a text where most
    sentences start with a capital, only lower-case sentences that start a line or an item ("- staff
    said maureen fothergill-pike had refused") are read, and only names and titles are re-cased
    there (a lower-case fragment of ordinary prose, "firstly, before the nail was inserted it may
    be…", keeps its words).

    >>> [w[2] for w in lower_windows("seen. mum, sandra pickering, said he was seen at leeds general infirmary.")]
    [' mum, Sandra Pickering, said he was seen at Leeds General Infirmary.']
    >>> [w[2] for w in lower_windows("he was very close to ms baptiste (sister), who phoned most days.")]
    ['he was very close to Ms Baptiste (sister), who phoned most days.']
    >>> lower_windows("He was seen by the GP and given antibiotics for a chest infection.")
    []
    """
    if not re.search(r"[^\W\d_]", text):
        return []
    all_lower = _typed_in_lower_case(text)
    recased, name_like, everyday = _lower_lists()
    names_only = {w: r for w, r in recased.items() if w in name_like}
    line_before = _forenames_and_titles(name_like)
    particles = _particles()
    out = []
    start = 0
    for m in _LOWER_SENTENCE_END.finditer(text):
        s, t = start, m.end()
        start = t
        piece = text[s:t]
        words = list(_LOWER_WORD.finditer(piece))
        if len(words) < _MIN_LOWER_WORDS or any(c.isupper() for c in piece) or \
                not (all_lower or _line_start(text, s + words[0].start())):
            if m.end() == len(text):
                break
            continue
        chars = list(piece)
        lows = [w.group() for w in words]
        # a lower-case line in ordinary text: names and titles only (places and organisation
        # words in lower case are ordinary there: "the femoral nail")
        table, tails = (recased, _name_tail_words()) if all_lower else (names_only, frozenset())
        for i, w in enumerate(words):
            new = _recase_lower_word(lows[i], table)
            after_recased = i > 0 and piece[words[i - 1].end():w.start()] == " " and chars[words[i - 1].start()].isupper()
            if new == lows[i] and lows[i] in tails and after_recased:
                new = lows[i].capitalize()
            if new == lows[i]:  # an unlisted word beside a listed name or a title, one space away
                gap = piece[words[i - 1].end():w.start()] if i > 0 else ""
                prev = _strip_possessive(lows[i - 1])[0] if i > 0 else ""
                before = name_like if all_lower else line_before  # "bath plug": a surname, not a forename
                left = i > 0 and (gap == " " or (gap == ". " and prev in name_like)) and \
                    (prev in before or (prev in particles and chars[words[i - 1].start()].isupper())
                     or (i > 1 and chars[words[i - 1].start()].isupper() and prev not in everyday
                         and lows[i - 2] in before and not _VERB_FORM.search(lows[i]) and
                         piece[words[i - 2].end():words[i - 1].start()] in (" ", ". ")))
                right = all_lower and i + 1 < len(words) and piece[w.end():words[i + 1].start()] == " " and \
                    lows[i + 1] in name_like and lows[i + 1] not in ("sister", "nurse")
                if (left or right) and lows[i] not in everyday and len(lows[i]) > 1:
                    new = "-".join(p[:1].upper() + p[1:] for p in lows[i].split("-"))
            if len(new) == len(lows[i]):
                chars[w.start():w.end()] = new
        restored = "".join(chars)
        if restored != piece and (all_lower or _PERSON_EVIDENCE.search(restored)):
            out.append((s, t, restored, [(s, t)]))
        if m.end() == len(text):
            break
    return out


__all__ = ["caps_runs", "lone_caps_names", "restore_case", "caps_windows", "lower_windows"]
