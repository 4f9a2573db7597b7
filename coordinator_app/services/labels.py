"""Plain words for stored values (member kinds, meeting kinds, aims, achievements and so on), keyed by the value.

The one list both the window (``ui/labels.word`` translates them) and the printed documents
(``report_data``) read, so the screen and the paper call a thing by the same name.
"""

from __future__ import annotations

from enum import Enum

WORDS: dict[str, str] = {
    # member kinds
    "member": "Member",
    "relative_or_carer": "Relative or carer",
    "practitioner_guest": "Practitioner (guest)",
    # meeting kinds and statuses
    "regular": "Regular meeting",
    "social": "Social",
    "speaker": "Speaker or teaching evening",
    "agm": "Annual general meeting",
    "committee": "Committee",
    "online": "Online",
    "planned": "Planned",
    "held": "Held",
    "cancelled": "Cancelled",
    # decisions
    "consensus": "Consensus",
    "show_of_hands": "Show of hands",
    # consents
    "contact_by_email": "May be contacted by email",
    "contact_by_phone": "May be contacted by phone",
    "named_in_reports": "May be named in reports",
    "named_in_group": "May be named inside the group",
    "photos": "Photos may be used",
    "health_information": "Health information may be kept",
    "share_contact_details": "Contact details may be shared with the group",
    # how someone agreed
    "signed_paper": "Signed on paper",
    "at_meeting": "At a meeting",
    "by_email": "By email",
    # ESTEEM roles
    "resource_builder": "Resource builder",
    "capacity_builder": "Capacity builder",
    "facilitator": "Facilitator",
    "bridge_builder": "Bridge builder",
    "co_educator": "Co-educator",
    # aims
    "current": "Current",
    "achieved": "Achieved",
    "retired": "Retired",
    # jobs
    "every_meeting": "Every meeting",
    "monthly": "Monthly",
    "yearly": "Yearly",
    "one_off": "Once",
    "assigned": "To do",
    "done": "Done",
    "swapped": "Swapped",
    "missed": "Missed",
    # achievements
    "milestone": "Milestone",
    "member_story": "A member's story",
    "event": "Event",
    "funding": "Funding",
    "profile": "Raising our profile",
    "partnership": "Partnership",
    # practitioners welcome
    "as_members": "As members",
    "guests_by_invitation": "As guests, by invitation",
    "not_welcome": "Not as members or guests",
    # schedules
    "weekly": "Every week",
    "fortnightly": "Every two weeks",
    "monthly_nth_weekday": "Once a month",
    # attendance modes, leadership
    "by_name": "By name",
    "count_only": "Count only",
    "peer_led": "Peer-led",
    "peer_led_with_practitioner_support": "Peer-led with practitioner support",
    "practitioner_led": "Practitioner-led",
}


def stored_word(value: Enum) -> str:
    """The plain word for a stored value, untranslated, for the printed documents."""
    return WORDS[value.value]
