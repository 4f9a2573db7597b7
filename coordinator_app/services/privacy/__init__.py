"""Who may be named in which document, and how a person is found in free text: the only place that decides.

Read models, erasure and subject access all come here; nothing else in the app matches names.
"""

from .policy import UNNAMED, UNNAMED_HELPER, Privacy

__all__ = ["UNNAMED", "UNNAMED_HELPER", "Privacy"]
