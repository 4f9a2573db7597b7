"""Sheets for the table at a meeting: sign-in (or tally), the agreement to sign, contacts, rota, minutes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.report_data import (
    AgreementData,
    ContactListData,
    Letterhead,
    MeetingLine,
    MinutesData,
    RotaData,
    SignInData,
    agreement_data,
    contact_list_data,
    minutes_data,
    rota_data,
    sign_in_data,
)

from . import look
from .fonts import markup
from .words import count, day, listing, short_day, weekday

BOX = "☐"


def _write(letterhead: Letterhead, path: Path | str, title: str, story: list[Flowable], **options: bool) -> Path:
    return look.build_document(path, title=title, story=story, group_name=letterhead.group_name,
                               logo_png=letterhead.logo_png, **options)


def _meeting_words(meeting: MeetingLine) -> str:
    words = [weekday(meeting.held_on)]
    words += [part for part in (meeting.time_text, meeting.venue) if part]
    return ", ".join(words)


def _ruled(rows: list[list[object]], widths: list[float], *, row_height: float = 10 * mm,
           header: list[str] | None = None) -> Table:
    """Rows with room to write by hand, lines ruled between them; the header repeats on each page."""
    data: list[list[object]] = []
    if header:
        data.append([look.rich(f"<b>{markup(text)}</b>", "cell") for text in header])
    data += rows
    heights = ([None] if header else []) + [row_height] * len(rows)
    table = Table(data, colWidths=[look.CONTENT_WIDTH * w for w in widths], rowHeights=heights,
                  repeatRows=1 if header else 0, hAlign="LEFT")
    table.setStyle(look.table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, look.RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, look.ACCENT) if header else ("LINEBELOW", (0, 0), (-1, 0), 0.6, look.RULE),
    ]))
    return table


# ---------------------------------------------------------------- sign-in sheet


def make_sign_in_sheet(group: GroupFile, path: Path | str, *, held_on: date | None = None,
                       today: date | None = None) -> Path:
    """The sign-in sheet (or tally sheet, for groups that count rather than name) for one meeting."""
    return render_sign_in(sign_in_data(group, held_on=held_on, today=today), path)


def render_sign_in(data: SignInData, path: Path | str) -> Path:
    title = "Tally sheet" if data.count_only else "Sign-in sheet"
    story: list[Flowable] = [look.para(title, "title")]
    if data.meeting:
        story.append(look.para(_meeting_words(data.meeting) + (f": {data.meeting.topic}" if data.meeting.topic
                                                                else ""), "subtitle"))
    else:
        story.append(look.para("Date: ______________________", "subtitle"))
    if data.count_only:
        story += [
            look.para("Please do not write names. Make a mark for each person as they arrive."),
            look.gap(2),
            _ruled([[look.para(label), ""] for label in ("Members", "Newcomers", "Guests")],
                   [0.25, 0.75], row_height=28 * mm, header=["Who", "Tally"]),
            look.gap(6),
            look.para("Total in the room: ____________"),
        ]
        return _write(data.letterhead, path, title, story)
    story += [
        look.para("Please tick the box by your name. If your name is not here, or you are new, please write your "
                  "first name on a line at the end. Welcome!" if data.names else
                  "Please write your first name on a line below and tick its box. Welcome!"),
        look.gap(2),
    ]
    if data.names:
        full = data.full_names or ("",) * len(data.names)
        rows = [[look.rich(BOX, "box"), _name_cell(name, also)] for name, also in zip(data.names, full, strict=True)]
        story.append(_ruled(rows, [0.1, 0.9], row_height=8.5 * mm, header=["Here", "Name"]))
        story.append(look.gap(6))
    if data.unnamed_members:
        # Said of everyone not listed, whether they declined or were never asked: both are true of all of them.
        are = "is" if data.unnamed_members == 1 else "are"
        story.append(look.para(f"{count(data.unnamed_members, 'member')} {are} not listed because they have not "
                               "agreed to have their name on this sheet; please sign on a line below.", "small"))
    story += [
        # The heading moves with its lines: never stranded at the foot of a page full of names.
        look.keep_together(
            look.block_heading("Newcomers, and anyone not listed", 2),
            _ruled([[look.rich(BOX, "box"), ""] for _ in range(data.blank_lines)], [0.1, 0.9],
                   row_height=9 * mm, header=["Here", "First name"]),
        ),
        look.gap(4),
        # Guests (a speaker, a carer, a visiting nurse) are counted apart from members and newcomers.
        look.keep_together(
            look.block_heading("Guests", 2),
            look.para("Speakers and visitors who are not joining the group: please make a mark here rather than "
                      "writing your name."),
            _ruled([[look.para("Guests"), ""]], [0.25, 0.75], row_height=18 * mm, header=["Who", "Tally"]),
        ),
        look.gap(4),
        look.para("This sheet is private to the group. The coordinator records who came and then destroys it.",
                  "small"),
    ]
    return _write(data.letterhead, path, title, story)


def _name_cell(name: str, full_name: str) -> Flowable:
    """The name someone goes by, with their full name small beside it where the two differ."""
    if not full_name:
        return look.para(name)
    return look.rich(f"{markup(name)} <font size=8>({markup(full_name)})</font>")


# ---------------------------------------------------------------- confidentiality agreement


def make_agreement_sheet(group: GroupFile, path: Path | str, *, today: date | None = None) -> Path:
    """The confidentiality agreement in force today, with lines for members to sign."""
    return render_agreement(agreement_data(group, today=today), path)


def render_agreement(data: AgreementData, path: Path | str) -> Path:
    story: list[Flowable] = [
        look.para("Our confidentiality agreement", "title"),
        look.para(f"Version {data.number}, agreed from {day(data.effective_from)}", "subtitle"),
    ]
    story += [look.para(block) for block in data.text.split("\n\n") if block.strip()]
    story += [
        look.gap(6),
        look.note_box("By signing below I agree to keep to this agreement."),
        look.gap(4),
        _ruled([["", "", ""] for _ in range(data.signature_lines)], [0.4, 0.4, 0.2], row_height=12 * mm,
               header=["Name", "Signature", "Date"]),
    ]
    return _write(data.letterhead, path, "Confidentiality agreement", story)


# ---------------------------------------------------------------- contact list


def make_contact_list(group: GroupFile, path: Path | str, *, today: date | None = None) -> Path:
    """Members' contact details, only for those who agreed to share them, marked confidential on every page."""
    return render_contacts(contact_list_data(group, today=today), path)


def render_contacts(data: ContactListData, path: Path | str) -> Path:
    story: list[Flowable] = [
        look.para("Members' contact list", "title"),
        look.para("CONFIDENTIAL", "banner"),
        look.note_box(f"For members of the group only, as at {day(data.on)}. Please do not copy it or pass it "
                      "on, and destroy it when a new list is printed. Only members who agreed to share their "
                      "details are listed."),
        look.gap(4),
    ]
    if data.rows:
        story.append(look.data_table(["Name", "Phone", "Email"],
                                     [[row.name, row.phone, row.email] for row in data.rows],
                                     widths=[0.38, 0.22, 0.4]))
    else:
        story.append(look.para("No members have agreed to share their contact details yet."))
    if data.not_sharing:
        story += [look.gap(3), look.para(f"{count(data.not_sharing, 'member')} chose not to share their "
                                         "details, so they are not listed.", "small")]
    return _write(data.letterhead, path, "Contact list: CONFIDENTIAL", story, confidential=True)


# ---------------------------------------------------------------- jobs rota


def make_rota(group: GroupFile, path: Path | str, *, today: date | None = None) -> Path:
    """Who is doing which job, from today."""
    return render_rota(rota_data(group, today=today), path)


def render_rota(data: RotaData, path: Path | str) -> Path:
    story: list[Flowable] = [
        look.para("Jobs rota", "title"),
        look.para(f"From {day(data.on)}. Can't make your turn? Swap with someone and tell the coordinator.",
                  "subtitle"),
    ]
    if data.turns:
        rows, last = [], None
        for turn in data.turns:
            rows.append([weekday(turn.due_on) if turn.due_on != last else "", turn.job,
                         turn.who + (" (done)" if turn.done else "")])
            last = turn.due_on
        story.append(look.data_table(["Date", "Job", "Who"], rows, widths=[0.3, 0.35, 0.35]))
    else:
        story.append(look.para("No turns are planned yet. The coordinator can plan a fair rota from the Jobs page."))
    if data.jobs_without_turns:
        story += [look.gap(4), look.para("Jobs with nobody down for a turn yet: " + ", ".join(data.jobs_without_turns)
                                         + ".")]
    return _write(data.letterhead, path, "Jobs rota", story)


# ---------------------------------------------------------------- minutes


def make_minutes(group: GroupFile, path: Path | str, *, held_on: date, today: date | None = None) -> Path:
    """The minutes of the meeting held on ``held_on``: only the parts that may be shared."""
    return render_minutes(minutes_data(group, held_on=held_on, today=today), path)


def render_minutes(data: MinutesData, path: Path | str) -> Path:
    return _write(data.letterhead, path, f"Minutes, {day(data.meeting.held_on)}", minutes_story(data))


def minutes_story(data: MinutesData) -> list[Flowable]:
    """The minutes as flowables, so the AGM pack can bind them with the year's other papers."""
    meeting = data.meeting
    story: list[Flowable] = [
        look.para("Minutes of our meeting" if meeting.kind_label == "Meeting" else f"Minutes: {meeting.kind_label}",
                  "title"),
        look.para(_meeting_words(meeting), "subtitle"),
    ]
    if meeting.topic:
        story.append(look.para(f"Topic: {meeting.topic}"))
    if data.speaker:
        story.append(look.para(f"Speaker: {data.speaker}"))
    if data.chair:
        story.append(look.para(f"Chair: {data.chair}"))
    extra = [count(data.newcomers, "newcomer"), count(data.guests, "guest")]
    story.append(look.para(f"Present: {count(data.attendance, 'person', 'people')}"
                           + (f", including {' and '.join(e for e in extra if not e.startswith('no'))}"
                              if data.newcomers or data.guests else "") + "."))
    unnamed = count(data.apologies_unnamed, "other member" if data.apologies else "member")
    sent = [*data.apologies, *([unnamed] if data.apologies_unnamed else [])]
    if sent:
        story.append(look.para(f"Apologies from {listing(sent)}."))
    story.append(look.heading("Decisions"))
    if data.decisions:
        story.append(look.data_table(["Decision", "How it was decided"],
                                     [[d.text, d.how] for d in data.decisions], widths=[0.65, 0.35]))
    else:
        story.append(look.para("No decisions were recorded."))
    story.append(look.heading("Notes"))
    if data.minutes:
        story.append(look.para(data.minutes))
    else:
        story.append(look.para("What was said at this meeting stays within the group."))
    if data.good_things:
        story.append(look.heading("Good things shared"))
        story += [look.para(f"• {text}") for text in data.good_things]
    if data.actions:
        story += [
            look.heading("Actions"),
            look.data_table(["What", "Who", "By when"],
                            [[a.what, a.who, short_day(a.due_on)] for a in data.actions], widths=[0.52, 0.3, 0.18]),
        ]
    following = data.next_meeting
    story.append(look.keep_together(
        look.block_heading("Next meeting", 2),
        look.para(_meeting_words(following) + (f": {following.topic}" if following.topic else "")
                  if following else "The date of the next meeting is still to be fixed."),
    ))
    story += [look.gap(8), look.keep_together(
        look.para("Signed as a true record", "h2"),
        _ruled([["", "", ""]], [0.4, 0.35, 0.25], row_height=14 * mm, header=["Signed (chair)", "Name", "Date"]),
    )]
    return story
