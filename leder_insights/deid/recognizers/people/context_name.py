"""Lone names recognised by what people do in a narrative: ``Parveen died``, ``Dr White reviewed
Carol on the ward``, ``with Kwabena present``, ``conveyed Magdalena to hospital``.

A candidate is a single capitalised word; it is dropped when it is a common English word (spaCy's
stop words, Faker's English word list, a list of care-record nouns such as ``Paramedics``), or when
the same word also appears in lower case in the text (then it is an ordinary word).

>>> r = ContextNameRecognizer()
>>> t = "Dr White reviewed Kwabena on the ward. Parveen died at home. Paramedics attended."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PERSON_CONTEXT"])]
['Kwabena', 'Parveen']
"""
from __future__ import annotations

import functools
import re
from typing import List

from .._base import Pattern

from .... import registry
from ..._tokens import count_whole
from ..._wordlists import words
from .._base import CAPS_WORD, LederPatternRecognizer

_NAME = r"[A-Z][a-zà-ÿą-ż]+(?:['’-][A-Z][a-zà-ÿą-ż]+)?"
_BEFORE = (r"(?:saw|seen\s+by|visited|reviewed|assessed|examined|conveyed|transferred|found|supported|"
           r"told|informed|phoned|called|rang|asked|accompanied|allowed|encouraged|helped|adored|loved|"
           r"missed|with|admitted|discharged|treated|referred|including|enabled|knowledge\s+of|death\s+of|"
           r"views\s+of|wishes\s+of|family\s+of|care\s+of|behalf\s+of|support\s+from)")
_AFTER = (r"(?:died|passed\s+away|was\s+(?:born|admitted|seen|found|taken|conveyed|discharged|diagnosed|given|"
          r"offered|prescribed|supported|assessed|reviewed|referred|not|moved|frightened|"
          r"anxious|unsettled|distressed|unwell|drowsy|described|known|able|unable|unaware|aware|upset|happy|"
          r"keen|reluctant|scared|"
          r"(?:aged\s+)?\d{1,3}(?=\s+years|\s+when\b|\s*,))|"
          r"had\s+(?:been|a|an|no|not|fever|difficulty)|attended|lived|became|developed|enjoyed|loved|"
          r"liked|communicated|needed|required|refused|declined|presented|deteriorated|collapsed|"
          r"fell|choked|vomited|coughed|complained|said|told|went|returned|moved|phoned|rang|raised|"
          r"visited|wanted|felt|asked|hadn['’]t|wasn['’]t|didn['’]t|could\s+not|would\s+not|shared|helped|"
          r"ensured|wrote|noticed|noted|reported|contacted|explained|agreed|tried|spent|found|called|"
          r"emailed|texted|visits|attends|lives)")
_POSSESSED = (r"(?:visits|phone\s+calls|calls|family|mum|mother|dad|father|sister|brother|son|daughter|niece|"
              r"nephew|aunt|uncle|carers?|support\s+workers?|keyworker|health|needs|death|funeral|room|"
              r"bedroom|flat|weight|behaviour|medication|epilepsy|seizures|swallow|diet|care\s+plan|"
              r"wishes|best\s+interests?|capacity|GP|key\s+worker|advocate|funeral|life)")
#: an adverb between a name and its verb ("Carole only found out", "Idris later said")
_ADVERB = (r"(?:only|also|later|then|never|always|still|often|subsequently|eventually|finally|initially|"
           r"clearly|rarely|sometimes|recently|previously|again|first)")
#: relations and roles that, right after a name, say the name is a person's
_RELATION = (r"(?:sister|brother|mother|father|mum|dad|son|daughter|nephew|niece|aunt|auntie|uncle|cousin|"
             r"grand(?:mother|father|son|daughter|ma|pa)|nan|nana|gran|wife|husband|partner|fianc[eé]e?|friend|"
             r"neighbour|carer|support\s+worker|key\s?worker|advocate|social\s+worker|named\s+person|"
             r"next\s+of\s+kin|guardian|deputy|step(?:mother|father|son|daughter|brother|sister)|"
             r"(?:brother|sister|son|daughter|mother|father)-in-law|foster\s+(?:carer|mother|father|parent)|"
             r"parent|relative|housemate|flatmate|lodger|godmother|godfather|nurse|manager)")

#: capitalised nouns of care records that are not names
DOMAIN_WORDS = words("domain_words")


_CALENDAR = words("calendar_words")


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset:
    """Lower-case everyday words that are never taken as a lone name."""
    from faker.providers.lorem.en_US import Provider as Lorem
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(set(Lorem.word_list) | set(STOP_WORDS) | DOMAIN_WORDS | _CALENDAR)


#: lower-case words that are not typed names: adverbs ("rapidly died"), gerunds ("certified as
#: having died"); a listed name is never tested against this
_LOWER_NOT_NAME = re.compile(r"(?:ly|ing)$")
#: a number right before a lower-case word makes it a unit or a count ("80 years died")
_NUMBER_BEFORE = re.compile(r"(?<![\d./:-])\d+\s+$")  # not a date's last part ("07.10.23 jack died")
_PERSON_SLOT_AFTER = re.compile(rf"(?:['’]s)?\s+{_AFTER}\b")
_PERSON_SLOT_BEFORE = re.compile(rf"\b(?:{_BEFORE}|because|as|that|when)\s+$")


def in_person_slot(text: str, start: int, end: int, how: str = "any") -> bool:
    """Whether ``text[start:end]`` stands where a person does: before a person's verb ("shabana had
    been drowsy") or after a verb that takes a person ("Dr Shah saw shabana", "reported that tunde").

    ``how="verb"`` leaves out the looser places after "that", "as", "when", "with" ("the risk that
    farm owners"); ``how="strict"`` takes only the place right after a verb that takes a person, for
    names that are also everyday words ("reviewed carol on the ward", not "with grace").

    >>> t = "Dr Shah saw tunde on the ward; the tunde drum; with carol; that tunde file."
    >>> in_person_slot(t, 12, 17), in_person_slot(t, 35, 40), in_person_slot(t, 52, 57, "strict")
    (True, False, False)
    >>> in_person_slot(t, 64, 69), in_person_slot(t, 64, 69, "verb")
    (True, False)
    >>> in_person_slot("staff said that tunde had slept", 16, 21, "verb")
    True
    """
    before = text[max(0, start - 30):start]
    if how == "strict":
        return _STRICT_BEFORE.search(before) is not None
    if _PERSON_SLOT_AFTER.match(text, end) is not None:
        return True
    if how == "verb":  # "reported that shabana had ...": the subject of a clause
        return _STRICT_BEFORE.search(before) is not None or \
            (_CLAUSE_BEFORE.search(before) is not None and _CLAUSE_VERB_AFTER.match(text, end) is not None)
    return _PERSON_SLOT_BEFORE.search(before) is not None


_CLAUSE_BEFORE = re.compile(r"\b(?:that|because|when|as|until|after|before)\s+$")
_CLAUSE_VERB_AFTER = re.compile(r"\s+(?:had|has|was|is|did|could|would|seemed|appeared|became|needed)\b")
_STRICT_BEFORE = re.compile(r"\b(?:saw|seen\s+by|visited|reviewed|assessed|examined|conveyed|transferred|told|"
                            r"informed|phoned|rang|asked|accompanied|encouraged|helped|adored|missed|"
                            r"treated|referred|supported)\s+$")
_DIED = re.compile(r"\s+(?:died|passed\s+away)\b")
#: verbs only a person does, after a singular capitalised word at a sentence's start ("Abdi attended.";
#: "Paramedics attended" is a plural, and care-record nouns are in the common words)
#: an age right after a known name at a sentence's start ("Rosemary was 54 when"; "Sodium was 134 when" is
#: not a name, so the word must be in the name lists, everyday-word names included)
_AGE_AFTER = re.compile(r"(?:['’]s)?\s+was\s+(?:aged\s+)?\d{1,3}(?=\s+when\b|\s*,)")
_PERSON_ONLY_VERB = re.compile(r"\s+(?:attended|lived|communicated|was\s+(?:unaware|aware|upset|happy|keen|reluctant|"
                               r"scared|frightened))\b")
#: patterns whose context says "a person" so firmly that a name which is also a word is still a name
#: ("Guy (his brother)", "June FORSTER, 76"); the single-word ones need the word to be a known forename
_FIRM_PATTERNS = frozenset({"name_relation_paren", "name_comma_relation", "name_dob", "full_name_born",
                            "death_of_full_name", "name_caps_age", "review_concerns"})
_STRONG_AFTER = re.compile(rf"\s+\((?:(?:his|her|their|the|a|an)\s+)?(?:[a-z-]+\s+){{0,2}}{_RELATION}\b|"
                           rf",\s+(?:his|her|their|the)\s+(?:[a-z-]+\s+){{0,2}}{_RELATION}(?=\s*[,;.)])|"
                           rf"(?:['’]s|s)\s+{_POSSESSED}\b|(?:['’]s)?\s+(?:died|passed\s+away|was\s+born|was\s+(?:aged\s+)?\d{{1,3}}\s+years|was\s+aged\s+\d|\((?:DOB|born)|"
                           r"called|phoned|rang|told|said|asked|visited|raised|wanted|felt|loved|enjoyed|liked|"
                           r"helped|ensured|supported|advocated|wrote|shared|explained|contacted|reported)\b")


def _names() -> frozenset:
    from .name_gazetteer import forenames_wide

    return forenames_wide()


def _known() -> frozenset:
    from .name_gazetteer import known_names

    return known_names()


def _firm_name(word: str) -> bool:
    """Whether a firm pattern's span reads as a name although a word of it is an everyday word:
    one capitalised known name ("Guy"), or several words with an ALL-CAPS surname ("June FORSTER")."""
    from .name_gazetteer import known_names

    parts = word.split()
    if not parts or not parts[0][:1].isupper():
        return False
    if len(parts) == 1:
        return parts[0].lower() in known_names()
    return any(len(p) >= 3 and p.isupper() for p in parts[1:]) or \
        any(p.lower() in known_names() for p in parts)


def _at_sentence_start(text: str, pos: int) -> bool:
    return pos == 0 or re.search(r"(?:[.!?:;\n•·]\s*|\s[-–]\s|\d[.)]\s*)$", text[max(0, pos - 4):pos]) is not None


@registry.recognizers.register("person_context")
class ContextNameRecognizer(LederPatternRecognizer):
    """A capitalised word before a person-only verb or after a verb that takes a person."""

    ENTITY = "PERSON_CONTEXT"
    PATTERNS = [
        Pattern("name_then_verb", rf"\b(?P<ent>{_NAME})(?:['’]s)?\s+(?:{_ADVERB}\s+)?{_AFTER}\b", 0.5),
        Pattern("verb_then_name", rf"\b{_BEFORE}\s+(?P<ent>{_NAME})(?:['’]s)?\b(?!\s+[A-Z])", 0.5),
        Pattern("prep_name", rf"\b(?:for|by|to|about|from)\s+(?P<ent>{_NAME})(?=\s+(?:at|to|and|in|on|who|"
                             rf"when|while|during|about|was|had|were|because)\b|\s*[.,;:)]|['’]s\b)", 0.45),
        Pattern("with_name_present", rf"\bwith\s+(?P<ent>{_NAME})\s+present\b", 0.7),
        Pattern("name_dob", rf"(?<![\w'’-])(?P<ent>{_NAME}(?:\s+(?:{_NAME}|{CAPS_WORD})){{0,3}})\s+"
                            rf"\((?:DOB|dob|D\.O\.B\.?|born|date\s+of\s+birth)\b", 0.7),
        Pattern("full_name_born", rf"(?<![\w'’-])(?P<ent>{_NAME}(?:\s+(?:{_NAME}|{CAPS_WORD})){{1,2}})\s+"
                                  rf"(?:was\s+born|died|passed\s+away)\b", 0.55),
        # the formula that names whose death is investigated: "the death of Ruth Ellen Maple"
        Pattern("death_of_full_name", rf"\b(?:death|inquest|inquests)\s+(?:of|into|touching)\s+(?:the\s+late\s+)?"
                                      rf"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+)?"
                                      rf"(?P<ent>{_NAME}(?:[ ](?:{_NAME}|{CAPS_WORD})){{1,3}})\b(?![ ][a-z])", 0.6),
        # a forename and an ALL-CAPS surname with an age: "June FORSTER, 76," "Ola NWOSU (54)"
        Pattern("name_caps_age", rf"(?<![\w'’-])(?P<ent>{_NAME}(?:\s+{_NAME})?\s+{CAPS_WORD})"
                                 rf"(?=,\s*(?:aged\s+)?\d{{1,3}}\b|\s+\((?:aged\s+)?\d{{1,3}}\b)", 0.6),
        # the person a review is about: "This review concerns Noor Hamid", "the review of Mr Jon Ede"
        Pattern("review_concerns", rf"\b(?:[Rr]eview|[Rr]eport)\s+(?:concerns|concerned|is\s+about|relates\s+to|"
                                   rf"of\s+the\s+death\s+of)\s+(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)?"
                                   rf"(?P<ent>{_NAME}(?:\s+(?:{_NAME}|{CAPS_WORD})){{0,2}})\b", 0.6),
        Pattern("name_was", rf"\b(?P<ent>{_NAME})\s+(?:was|is|has|had)\b", 0.45),
        Pattern("full_name_role", rf"(?<![\w'’-])(?P<ent>{_NAME}\s+{_NAME})\s+\((?=[a-z])", 0.5),
        Pattern("possessive", rf"\b(?P<ent>{_NAME})(?:['’]s|s)\s+{_POSSESSED}\b", 0.5),
        # a relation or role right after the name: "Anwen (his sister)", "Evander, the night carer,"
        Pattern("name_relation_paren", rf"(?<![\w'’-])(?P<ent>{_NAME})\s+\((?:(?:his|her|their|the|a|an|"
                                       rf"[Hh]is|[Hh]er|[Tt]heir)\s+)?(?:[a-z-]+\s+){{0,2}}{_RELATION}\b[^()]{{0,30}}\)",
                0.6),
        Pattern("name_comma_relation", rf"(?<![\w'’-])(?P<ent>{_NAME}),\s+(?:his|her|their|the)\s+(?:[a-z-]+\s+){{0,2}}"
                                       rf"{_RELATION}(?=\s*[,;.)])", 0.6),
        Pattern("lower_after_verb", rf"\b{_BEFORE}\s+(?P<ent>[a-z]{{3,}})\b", 0.45),
        Pattern("lower_before_verb", rf"(?<![\w'’-])(?P<ent>[a-z]{{3,}})(?:['’]s)?\s+{_AFTER}\b", 0.45),
        Pattern("lower_name_died", r"(?<![\w'’-])(?P<ent>[a-z]{4,})\s+(?:died|passed\s+away)\b", 0.45),
    ]
    CONTEXT = []

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        if not results:
            return results
        common = common_words()
        out = []
        for r in results:
            word = text[r.start:r.end]
            low = word.lower()
            if getattr(r.analysis_explanation, "pattern_name", None) in _FIRM_PATTERNS and _firm_name(word):
                out.append(r)  # "Guy (his brother)": the context outweighs the everyday word
                continue
            if word.islower() and low not in _names():
                # a lower-case word starting a sentence before a person verb is a typed name
                if not (_DIED.match(text, r.end) or _at_sentence_start(text, r.start)):
                    continue  # a lower-case word is a name only when it is a known name (a typo)
                if _LOWER_NOT_NAME.search(low) or _NUMBER_BEFORE.search(text, 0, r.start) or \
                        (low.endswith("s") and low[:-1] in common_words()):
                    continue  # "rapidly died", "aged 80 years died": an adverb, a unit, a plural
            words = low.split()
            if low in common or words[0] in common or (len(words) > 1 and all(w in common for w in words)):
                continue
            if word[0].isupper() and " " not in word and _at_sentence_start(text, r.start) and \
                    low not in _names() and not _STRONG_AFTER.match(text, r.end) and \
                    not (_PERSON_ONLY_VERB.match(text, r.end) and not low.endswith("s")) and \
                    not (_AGE_AFTER.match(text, r.end) and low in _known()) and \
                    count_whole(text, word) < 2:
                continue  # "Constipation was excluded": a capitalised noun, not a known name
            if text[r.end:r.end + 1] == "s" and low + "s" in common:
                continue  # "Hi" of "His GP"
            if word[0].isupper() and count_whole(text, low):
                n_lower = sum(1 for m in re.finditer(r"(?<![\w'’-])" + re.escape(low) + r"(?![\w'’-])", text)
                              if not _PERSON_SLOT_AFTER.match(text, m.end())
                              and not _PERSON_SLOT_BEFORE.search(text[max(0, m.start() - 30):m.start()]))
                if n_lower >= (2 if low in _names() else 1):
                    continue  # also written in lower case here: an ordinary word (one slip is a typo)
            out.append(r)
        return out
