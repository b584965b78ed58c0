"""Names told by a relation or role word next to them (attacker 6's F1; word lists in
``conf/name_relations.yaml``):

* a relation or role, then a name in brackets: ``Mum (Bronwen) said``, ``Nan (Doreen) was``;
* a name, then how the person liked to be called: ``Tiggy, as he liked to be called,``;
* a role, a first name and an initial with its dot: ``Support worker Precious N. asked``;
* a calling verb and a pronoun, then a name or nickname: ``Staff called him Big Kev``.

>>> r = NameRelationsRecognizer()
>>> t = "Mum (Carys) said so. Pip, as she liked to be called, was seen by carer Grace T. and staff called her Big Jo."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["PERSON_CONTEXT"]), key=lambda x: x.start)]
['Carys', 'Pip', 'Grace T', 'Big Jo']
>>> t = "His mother (deceased) and nurse (RGN); Vitamin D. and Hepatitis B. tests; he called him back."
>>> r.analyze(t, ["PERSON_CONTEXT"])
[]
"""
from __future__ import annotations

import functools
from pathlib import Path


from .... import registry
from ..._wordlists import read_lists, word_alternation
from .._base import NAME_WORD, LederPatternRecognizer, Pattern
from .context_name import common_words

RELATIONS_PATH = Path(__file__).resolve().parents[2] / "conf" / "name_relations.yaml"


@functools.lru_cache(maxsize=1)
def _lists() -> dict:
    return read_lists(RELATIONS_PATH, ("relations", "roles", "called_after", "calling_verbs", "nickname_openers",
                                       "welsh_possessives", "welsh_relations"))


def _alts(name: str) -> str:
    return word_alternation(_lists()[name])


def _called_after() -> str:
    return "|".join(str(p).replace(" ", r"\s+") for p in _lists()["called_after"])


_NAME = NAME_WORD


@registry.recognizers.register("person_name_relations")
class NameRelationsRecognizer(LederPatternRecognizer):
    """A name in brackets after a relation, before "as he liked to be called", after a role with
    an initial, or after "called him"."""

    ENTITY = "PERSON_CONTEXT"
    PATTERNS = [
        Pattern("relation_bracket_name", rf"(?i:\b(?:{_alts('relations')}))\s*\(\s*"
                                         rf"(?P<ent>{_NAME}(?:\s+{_NAME})?)\s*\)", 0.6),
        Pattern("name_as_called", rf"(?<![\w'\u2019-])(?P<ent>{_NAME}(?:\s+{_NAME})?),?\s+"
                                  rf"(?i:{_called_after()})\b", 0.6),
        Pattern("role_name_initial", rf"(?i:\b(?:{_alts('roles')}))[,:]?\s+(?P<ent>{_NAME}\s+[A-Z])\.", 0.6),
        Pattern("called_pronoun_name", rf"(?i:\b(?:{_alts('calling_verbs')})\s+(?:him|her|them))\s+(?:as\s+)?"
                                       rf"(?P<ent>(?:(?:{_alts('nickname_openers')})\s+)?{_NAME})(?![\w'\u2019-])", 0.55),
        # Welsh (attack9 F7): "ei chwaer Angharad Prydderch", "ei fam, Eirlys Pennant"
        Pattern("welsh_relation_name", rf"(?i:\b(?:{_alts('welsh_possessives')})\s+(?:{_alts('welsh_relations')}))\b,?\s+"
                                       rf"(?P<ent>{_NAME}(?:\s+{_NAME})?)(?![\w'\u2019-])", 0.6),
    ]
    CONTEXT = ["called", "known", "mum", "dad"]

    def invalidate_result(self, pattern_text: str) -> bool:
        """A single everyday word ("(Deceased)", "called him Back") is not a name; a word with
        an opener or an initial is kept."""
        words = pattern_text.split()
        return len(words) == 1 and words[0].lower() in common_words()
