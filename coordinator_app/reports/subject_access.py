"""The readable half of a subject access request: everything held about one member, area by area.

The JSON from :meth:`SubjectAccessExport.to_json` is the complete, machine-readable half; this PDF
shows the same rows in plain words (labels a member would use, dates written out, amounts in pounds),
in the shared look, marked confidential, with the Article 15 information first. Row numbers and the
links back to the person themselves are left out here as noise; the JSON keeps them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from coordinator_app.services.data_rights import RowAbout, SubjectAccessExport, member_references

from .look import build_document, data_table, facts_table, gap, heading, money_text, para
from .words import count, day

_WORD_VALUE = re.compile(r"^[a-z]+(_[a-z]+)+$")  # a stored choice such as "contact_by_email"
_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
_DAY_IN_TEXT = re.compile(r"\b\d{4}-\d\d-\d\d\b")
_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")
_MOST_COLUMNS = 3  # rows as short as this read best as one table; longer ones get a box each
_AREAS = (
    ("About you", ("members",)),
    ("Consents and agreements", ("consents", "agreements")),
    ("Roles in the group", ("member_roles",)),
    ("Meetings", ("attendance", "apologies", "meetings", "good_things")),
    ("Jobs and time away", ("job_volunteers", "job_assignments", "unavailability")),
    ("Achievements", ("achievements",)),
    ("Money", ("transactions", "approvals")),
)
_NOISE = {"id", "position", "deleted_at", "created_at", "import_key", "transfer_id", "calendar_sequence",
          "statement_id", "budget_line_id", "photo"}
_LABELS = {
    "name": "Name", "preferred_name": "Likes to be called", "email": "Email", "phone": "Phone",
    "address": "Address", "joined_on": "Joined", "left_on": "Left", "kind": "Kind", "private_notes": "Notes kept",
    "role": "Role", "started_on": "From", "ended_on": "Until", "given_on": "Given on", "how": "How",
    "withdrawn_on": "Withdrawn on", "version_id": "Agreement version", "agreed_on": "Agreed on",
    "meeting_id": "Meeting",
    "starts_on": "From", "ends_on": "Until", "reason": "Reason", "job_id": "Job", "due_on": "Due",
    "status": "Status", "done_on": "Done on", "swapped_with_id": "Swapped with", "text": "What was said",
    "shared_by_id": "Shared by", "name_shareable": "May be named with it", "achieved_on": "Date",
    "title": "Title", "story": "Story", "quote": "Quote", "quote_by_id": "Quote by",
    "consent_to_include": "Agreed to be included", "consent_recorded_on": "Agreement recorded on",
    "photo_mime": "Photo", "account_id": "Account", "on": "Date", "amount_pence": "Amount", "payee": "Paid to or by",
    "description": "Description", "reference": "Reference", "category_id": "Category", "fund_id": "Fund",
    "member_id": "Member", "cleared": "Cleared at the bank", "transaction_id": "Payment",
    "approver_name": "Approved by", "approved_on": "Approved on", "held_on": "Date", "topic": "Topic",
    "speaker": "Speaker", "confidential_notes": "Confidential notes", "minutes": "Minutes",
    "chair_member_id": "Chaired by", "chair_name": "Chair", "set_on": "Set on", "outcome_note": "Outcome",
    "what": "What", "notes": "Notes", "access_notes": "Access notes", "job_title": "Job title",
    "organisation": "Organisation", "start_time": "Starts", "end_time": "Ends", "venue_id": "Venue",
    "members_count": "Members present", "newcomers_count": "Newcomers", "guests_count": "Guests",
    "minutes_shareable": "Minutes may be shared", "recorded_at": "Recorded", "schedule_id": "Schedule",
}


def _label(column: str) -> str:
    return _LABELS.get(column) or column.removesuffix("_id").replace("_", " ").capitalize()


def _shown(column: str, value: object) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if column == "amount_pence" and isinstance(value, int):
        return money_text(value)
    text = str(value)
    if _WORD_VALUE.match(text):
        return text.replace("_", " ")
    if _DAY.match(text):
        return day(date.fromisoformat(text))
    if _STAMP.match(text):
        when = datetime.fromisoformat(text)
        return f"{day(when.date())} at {when:%H:%M}"
    return text


def _facts(row: RowAbout, member_id: int, links_to_person: set[str]) -> list[tuple[str, str]]:
    values, about = dict(row.values), dict(row.refers_to)
    facts = []
    for name, value in row.values:
        if name in _NOISE or (name in links_to_person and values[name] in (member_id, None)):
            continue
        if value in (None, "") and name not in about:
            continue  # an empty field says nothing to the reader; the JSON keeps it
        link = about.get(name)
        facts.append((_label(name), _DAY_IN_TEXT.sub(lambda m: day(date.fromisoformat(m.group())), link)
                      if link else _shown(name, value)))
    return facts or [("Recorded", "yes")]


def _table_story(rows: list[RowAbout], member_id: int, links_to_person: set[str]) -> list:
    story: list = [heading(f"{rows[0].heading} ({len(rows)})", 2)]
    facts = [_facts(row, member_id, links_to_person) for row in rows]
    labels = [label for label, _value in facts[0]]
    if len(labels) <= _MOST_COLUMNS and all([label for label, _value in row] == labels for row in facts):
        return [*story, data_table(labels, [[value for _label, value in row] for row in facts]), gap(2)]
    for row in facts:
        story += [facts_table(row), gap(2)]
    return story


def _areas(tables: dict[str, list[RowAbout]]) -> list[tuple[str, list[list[RowAbout]]]]:
    placed = {table for _title, names in _AREAS for table in names}
    areas = [(title, [tables[name] for name in names if name in tables]) for title, names in _AREAS]
    others = [rows for table, rows in tables.items() if table not in placed]
    return [(title, groups) for title, groups in [*areas, ("Other records", others)] if groups]


def write_subject_access_pdf(export: SubjectAccessExport, path: Path | str) -> Path:
    links_to_person = {column.name for _table, column in member_references()}
    mentions = export.mentions()
    story: list = [
        para(f"Everything {export.group_name} holds about {export.name}, as at {day(export.produced_on)}. "
             "This is your copy under the UK GDPR (Article 15, the right of access)."),
        para("Each section lists the records that refer to you, then the places where the group's notes and "
             "records mention you. Other people are never named here: where they are mentioned, they read "
             "“a member”. A second file beside this one holds the same data for computers (JSON)."),
        gap(),
        heading("How the group uses your data"),
        facts_table(list(export.supporting)),
        gap(),
    ]
    for title, groups in _areas(export.tables()):
        story.append(heading(title))
        for rows in groups:
            story += _table_story(rows, export.member_id, links_to_person)
    if mentions:
        story += [heading("Where you are mentioned"),
                  para(f"The group's notes and records mention you in "
                       f"{count(sum(len(rows) for rows in mentions.values()), 'place')}. Only the words that "
                       "mention you are shown, with the date or title of the record they are in.")]
        for rows in mentions.values():
            story += _table_story(rows, export.member_id, links_to_person)
    return build_document(
        path, title=f"Data held about {export.name}", story=story, group_name=export.group_name, confidential=True
    )
