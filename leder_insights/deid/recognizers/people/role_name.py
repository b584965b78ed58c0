"""Names linked to a role: ``his sister Karen``, ``support worker Dave``, ``Karen, his sister``,
``known as Billy``.

>>> r = RoleNameRecognizer()
>>> [(x.start, x.end) for x in r.analyze("His sister Karen and support worker Dave came.", ["ROLE_PERSON"])]
[(11, 16), (36, 40)]
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from ..._wordlists import words
from .._base import NAME_WORD, LederPatternRecognizer

#: job-title words after a role word are part of the title, not a name (conf/words.yaml)
_TITLE_WORDS = "|".join(sorted((w.capitalize() for w in words("job_title_words")), key=lambda w: (-len(w), w)))

ROLES = (r"(?:(?:mother|father|sister|brother|son|daughter)-in-law|mother|father|mum|mom|dad|sister|brother|son|"
         r"daughter|aunt|auntie|uncle|niece|nephew|"
         r"cousin|grandmother|grandfather|nan|nana|nanna|gran|grandma|grandad|granddad|wife|husband|"
         r"partner|fianc[ée]e?|friend|carer|support\s+worker|key\s?worker|advocate|social\s+worker|"
         r"neighbour|housemate|flatmate|guardian|step-?father|step-?mother|step-?sister|step-?brother|"
         r"half-?sister|half-?brother|godmother|godfather|manager|team\s+leader|nurse|paramedic|"
         r"consultant|registrar|GP|doctor|psychiatrist|psychologist|physiotherapist|therapist|"
         r"dietitian|pharmacist|coordinator|co-ordinator|care\s+coordinator|worker|officer|"
         r"practitioner|colleague|named\s+nurse|case\s+manager|sibling|parent|relative)")
_NOT_NAME = (r"(?!(?:and|or|the|was|who|had|has|is|of|in|on|at|to|for|with|said|told|NHS|GP|Trust|"
             r"Team|Service|Services|Practice|Surgery|Hospital|Ward|Unit|Council|I|A|An|The|He|She|"
             r"They|It|This|That|On|In|At|When|After|Before|However|Both|Neither|Mental|Learning|"
             r"Community|Acute|Specialist)\b)"
             rf"(?!(?:{_TITLE_WORDS})s?\b)")


@registry.recognizers.register("person_role")
class RoleNameRecognizer(LederPatternRecognizer):
    """A capitalised name right after (or before) a family or care role word."""

    ENTITY = "ROLE_PERSON"
    PATTERNS = [
        Pattern("role_then_name",
                rf"(?i:\b{ROLES})[,:]?\s+['\"]?(?P<ent>{_NOT_NAME}{NAME_WORD}(?:\s+{_NOT_NAME}{NAME_WORD})?)\b"
                rf"(?!\s+(?:NHS|Trust|Hospital|Ward|Team|House))", 0.6),
        Pattern("name_then_role",
                rf"\b(?P<ent>{_NOT_NAME}{NAME_WORD}),\s+(?:his|her|their|the)\s+(?i:{ROLES})\b", 0.5),
        Pattern("known_as", rf"\b(?:known(?:\s+to\s+(?:everyone|all|friends|staff|family))?\s+as|called|named|nicknamed)\s+['\"‘“]?(?P<ent>{_NOT_NAME}{NAME_WORD})\b(?!['’\"”]?\s*\d)",
                0.55),
    ]
    CONTEXT = []
    REGEX_MODULE = ("role_then_name",)
