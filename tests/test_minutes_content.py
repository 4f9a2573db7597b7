"""The printed minutes carry the chair, apologies and good things, named only as the privacy rules allow."""

from __future__ import annotations

from datetime import date

from people_helpers import TODAY, add_people
from reports_helpers import pdf_text

from coordinator_app.db.models import AgreementHow, ConsentKind
from coordinator_app.reports.printables import make_minutes
from coordinator_app.services import members
from coordinator_app.services.meetings import GoodThingInput, plan_meeting, record_meeting
from coordinator_app.services.report_data import minutes_data

MAY = date(2026, 5, 12)


def test_minutes_show_chair_apologies_and_good_things_with_names_only_by_consent(group, tmp_path):
    ann, bob, cat = add_people(group, "Ann Ames", "Bob Brown", "Cat Cole")
    for who in (ann, bob):
        members.give_consent(group, who, kind=ConsentKind.NAMED_IN_REPORTS, given_on=date(2025, 1, 1),
                             how=AgreementHow.SIGNED_PAPER)
    meeting = plan_meeting(group, held_on=MAY)
    record_meeting(group, meeting, present=[ann], chair_member_id=ann, apologies=[bob, cat],
                   minutes="We talked about the summer outing.", minutes_shareable=True,
                   good_things=[GoodThingInput("Ann got the allotment", shared_by_id=ann, name_shareable=True),
                                GoodThingInput("Cat slept well", shared_by_id=cat, name_shareable=True),
                                GoodThingInput("A quiet week", shared_by_id=bob)],
                   today=TODAY)
    data = minutes_data(group, held_on=MAY, today=TODAY)
    assert data.chair == "Ann Ames"
    assert (data.apologies, data.apologies_unnamed) == (("Bob Brown",), 1)
    assert data.good_things == ("Ann got the allotment (Ann Ames)", "A member slept well", "A quiet week")
    text = " ".join(pdf_text(make_minutes(group, tmp_path / "m.pdf", held_on=MAY, today=TODAY)).split())
    for words in ("Chair: Ann Ames", "Apologies from Bob Brown and 1 other member.", "We talked about the summer",
                  "Good things shared", "Ann got the allotment (Ann Ames)", "A member slept well"):
        assert words in text
    assert "Cat" not in text
