"""The printed documents and the screens read the same records through different read models; a
funder or the AGM must never see one figure on paper and another in the window."""

from __future__ import annotations

from datetime import date

import pytest

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import MeetingStatus
from coordinator_app.services import meetings, report_data
from coordinator_app.services.demo import write_demo_group

TODAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.group"
    write_demo_group(path, today=TODAY)
    group = open_group(path, read_only=True)
    yield group
    group.close()


def test_celebration_meetings_and_attendance_match_the_meetings_page(demo):
    printed = report_data.celebration_data(demo, year=2025, today=TODAY)
    held = [m for m in meetings.list_meetings(demo, year=2025, today=TODAY) if m.status is MeetingStatus.HELD]
    assert printed.activity.meetings_held == len(held)
    assert printed.activity.attendances == sum(m.total_attendance for m in held)
    assert printed.activity.newcomers == sum(m.newcomers for m in held)
