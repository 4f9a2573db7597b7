"""Read models for every printed document, and the privacy rules they all pass through.

Every document is made from one of these frozen dataclasses, never from the ORM, so the rules live here
once:

- confidential meeting notes and private member notes are never read into a read model;
- a member is named only while they have a current NAMED_IN_REPORTS consent, otherwise counted; their
  names are also taken out of any free text (stories, minutes, job titles, payees) before it is printed;
- an achievement about a member (a member story) is printed only with its consent to include; a photo
  or a quote only with that consent too, and a photo of a member only while they consent to photos;
- the contact list shows only members with a current SHARE_CONTACT_DETAILS consent.

Consents are judged as they stand on ``today`` (the day the document is printed).
"""

from .achievements import AchievementSummaryData, KindSection, achievement_summary_data
from .agm import AgmData, Officer, agm_data
from .celebration import AimLine, CelebrationData, GoodThingLine, JobShare, celebration_data, year_period
from .common import Activity, Letterhead, MeetingLine, MonthAttendance, Quote, Story, Thanks
from .funding import FundingData, OutcomeLine, Payment, funding_data, outcome_figures
from .printables import (
    ActionLine,
    AgreementData,
    ContactListData,
    ContactRow,
    DecisionLine,
    MinutesData,
    RotaData,
    RotaTurn,
    SignInData,
    agreement_data,
    contact_list_data,
    minutes_data,
    rota_data,
    sign_in_data,
)

__all__ = [
    "AchievementSummaryData", "AgmData", "KindSection", "Officer", "achievement_summary_data", "agm_data",
    "Activity", "ActionLine", "AgreementData", "AimLine", "CelebrationData", "ContactListData",
    "ContactRow", "DecisionLine", "FundingData", "GoodThingLine", "JobShare", "Letterhead", "MeetingLine",
    "MinutesData",
    "MonthAttendance", "OutcomeLine", "Payment", "Quote", "RotaData", "RotaTurn", "SignInData", "Story", "Thanks",
    "agreement_data", "celebration_data", "contact_list_data", "funding_data", "minutes_data", "outcome_figures",
    "rota_data", "sign_in_data", "year_period",
]
