"""The detected-identifier record and the mapping from detector types to schema categories.

>>> e = Entity(0, 9, "UK_NHS", "ID", 1.0, "uk_nhs_number")
>>> e.length
9
>>> category_of("CARE_HOME")
'ORGANIZATION'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from ..schema import ENTITY_CATEGORIES

#: detector entity type -> schema category (interfaces.md §2)
ENTITY_TYPE_TO_CATEGORY: dict[str, str] = {
    # people
    "PERSON": "PERSON", "TITLED_PERSON": "PERSON", "ROLE_PERSON": "PERSON", "NAME_INITIALS": "PERSON",
    "PERSON_NAME": "PERSON", "PERSON_CONTEXT": "PERSON",
    "NON_LATIN": "PERSON",
    # places
    "LOCATION": "LOCATION", "UK_POSTCODE": "LOCATION", "STREET_ADDRESS": "LOCATION", "TOWN": "LOCATION", "PLACE": "LOCATION",
    "LOCATION_CODE": "LOCATION",
    # local services
    "ORGANIZATION": "ORGANIZATION", "CARE_HOME": "ORGANIZATION", "HOSPITAL": "ORGANIZATION",
    "GP_PRACTICE": "ORGANIZATION", "NHS_TRUST": "ORGANIZATION", "COUNCIL": "ORGANIZATION",
    "CARE_PROVIDER": "ORGANIZATION", "PUBLIC_SERVICE": "ORGANIZATION",
    # time
    "DATE": "DATE", "DATE_TIME": "DATE",
    "AGE": "AGE",
    # identifiers
    "UK_NHS": "ID", "UK_NINO": "ID", "HOSPITAL_NUMBER": "ID", "GMC_NUMBER": "ID", "NMC_NUMBER": "ID",
    "BANK_ACCOUNT": "ID", "PASSPORT_NUMBER": "ID", "DRIVING_LICENCE": "ID", "IP_ADDRESS": "ID",
    "REFERENCE_NUMBER": "ID",
    "RECORD_NUMBER": "ID", "PROVIDER_CODE": "ID",
    # contact
    "UK_PHONE": "CONTACT", "EMAIL_ADDRESS": "CONTACT", "URL": "CONTACT",
    "SOCIAL_HANDLE": "CONTACT", "ONLINE_NAME": "CONTACT", "USER_ACCOUNT": "CONTACT",
}

#: when two spans of different categories overlap by the same length and score, the earlier wins
CATEGORY_PRECEDENCE: tuple[str, ...] = ("ID", "CONTACT", "DATE", "AGE", "PERSON", "ORGANIZATION",
                                        "LOCATION")

assert set(ENTITY_TYPE_TO_CATEGORY.values()) <= set(ENTITY_CATEGORIES)
assert set(CATEGORY_PRECEDENCE) == set(ENTITY_CATEGORIES)


def category_of(entity_type: str) -> str | None:
    """Schema category of a detector entity type (``None`` when it is not an identifier)."""
    return ENTITY_TYPE_TO_CATEGORY.get(entity_type)


@dataclass(frozen=True, order=True)
class Entity:
    """One detected identifier: character offsets into the analysed text and where it came from.

    Parameters
    ----------
    start, end : int
        Python character offsets (``text[start:end]``).
    entity_type : str
        The detector's own type, e.g. ``UK_NHS``, ``CARE_HOME``.
    category : str
        One of :data:`leder_insights.schema.ENTITY_CATEGORIES`.
    score : float
        Confidence in [0, 1].
    source : str
        Recognizer name (``spacy``, ``uk_nhs_number``, ``second_pass`` ...).

    Examples
    --------
    >>> Entity(3, 8, "PERSON", "PERSON", 0.85, "spacy").to_dict()["category"]
    'PERSON'
    """

    start: int
    end: int
    entity_type: str
    category: str
    score: float
    source: str

    @property
    def length(self) -> int:
        return self.end - self.start

    def to_dict(self) -> dict:
        """The JSON form of interfaces.md §2."""
        d = asdict(self)
        d["score"] = round(float(self.score), 4)
        return d

    def shifted(self, offset: int) -> "Entity":
        """The same entity with offsets moved by ``offset`` (used when merging chunks)."""
        return Entity(self.start + offset, self.end + offset, self.entity_type, self.category,
                      self.score, self.source)


__all__ = ["Entity", "ENTITY_TYPE_TO_CATEGORY", "CATEGORY_PRECEDENCE", "category_of"]
