"""People: titled names, role-linked names, initials used as names."""
from .context_name import ContextNameRecognizer
from .eponym import EponymRecognizer
from .family_name import FamilyNameRecognizer
from .initials import InitialsRecognizer
from .name_forms import LowerRoleNameRecognizer, LowerTitledNameRecognizer, NameFormRecognizer
from .name_cues import NameCuesRecognizer, NameSlotRecognizer
from .name_gazetteer import NameGazetteerRecognizer
from .name_lists import NameListRecognizer
from .name_relations import NameRelationsRecognizer
from .role_name import RoleNameRecognizer
from .titled_name import TitledNameRecognizer

__all__ = ["ContextNameRecognizer", "EponymRecognizer", "FamilyNameRecognizer", "InitialsRecognizer", "LowerRoleNameRecognizer", "LowerTitledNameRecognizer",
           "NameFormRecognizer", "NameCuesRecognizer", "NameSlotRecognizer", "NameGazetteerRecognizer", "NameListRecognizer", "NameRelationsRecognizer", "RoleNameRecognizer", "TitledNameRecognizer"]
