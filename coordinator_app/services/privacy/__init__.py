"""Who may be named in which document, and how a person is found in free text: the only place that decides.

``policy`` holds the rule per document; ``names`` the matcher. Read models, erasure and subject access
all come here; nothing else in the app matches names.
"""

from .names import Mention, NameMatcher, Person
from .policy import AUDIENCE, UNNAMED, UNNAMED_HELPER, Audience, Document, Privacy, person

__all__ = [
    "AUDIENCE", "UNNAMED", "UNNAMED_HELPER", "Audience", "Document", "Mention", "NameMatcher", "Person", "Privacy",
    "person",
]
