"""What a grant promised the funder, each with a target and its evidence.

An outcome is either counted by the app from the records within the grant's dates (meetings held,
attendances, different people, newcomers, volunteers taking turns, achievements, or achievements of one
kind), or recorded by hand: the figure achieved, a sentence of evidence, the meetings and achievements it
points to, and documents kept in the group file (a certificate, a survey's results). The figures shown
here come from ``report_data.outcome_figures``, so the window and the funding report always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Achievement,
    AchievementKind,
    Grant,
    GrantOutcome,
    GrantOutcomeDocument,
    GrantOutcomeEvidence,
    Meeting,
)
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.report_data import outcome_figures
from coordinator_app.services.report_data.common import MEASURE_LABELS
from coordinator_app.services.uow import unit_of_work
from coordinator_app.services.validate import optional_text, required_text

from .attachments import checked_file

BY_HAND = ""
MEASURES: tuple[str, ...] = tuple(MEASURE_LABELS)  # what the app can count; BY_HAND is recorded by the treasurer


@dataclass(frozen=True)
class DocumentView:
    id: int
    outcome_id: int
    filename: str
    mime: str
    size: int


@dataclass(frozen=True)
class OutcomeView:
    id: int
    grant_id: int
    text: str
    measure: str  # one of MEASURES, or BY_HAND
    achievement_kind: AchievementKind | None  # with "achievements": only this kind is counted
    target: int | None
    achieved: int | None  # counted from the records, or the figure typed in by hand
    evidence: str  # as typed
    evidence_shown: str  # as the funding report prints it, with the meetings, achievements and documents
    measure_label: str
    achievement_ids: tuple[int, ...]
    meeting_ids: tuple[int, ...]
    documents: tuple[DocumentView, ...]

    @property
    def counted(self) -> bool:
        return self.measure != BY_HAND


def _check(measure: str, achievement_kind: AchievementKind | str | None, target: int | None,
           achieved: int | None) -> tuple[str, str]:
    clean = (measure or "").strip().lower()
    if clean not in MEASURES and clean != BY_HAND:
        raise ValidationError("measure", f"“{measure}” is not something the app can count.")
    kind = ""
    if achievement_kind:
        if clean != "achievements":
            raise ValidationError("achievement_kind", "A kind of achievement goes only with counting achievements.")
        kind = AchievementKind(achievement_kind).value
    for field, value, what in (("target", target, "target"), ("achieved", achieved, "figure achieved")):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ValidationError(field, f"The {what} must be a whole number, 0 or more.")
    if clean != BY_HAND and achieved is not None:
        raise ValidationError("achieved", "This outcome is counted from the records; only an outcome recorded "
                                          "by hand takes a figure typed in.")
    return clean, kind


def _outcome_row(session: Session, outcome_id: int) -> GrantOutcome:
    row = session.get(GrantOutcome, outcome_id)
    if row is None:
        raise NotFound(f"There is no promised outcome number {outcome_id}.")
    return row


def _set_links(session: Session, row: GrantOutcome, achievement_ids: Sequence[int],
               meeting_ids: Sequence[int]) -> None:
    for old in session.scalars(select(GrantOutcomeEvidence).where(GrantOutcomeEvidence.outcome_id == row.id)):
        session.delete(old)
    session.flush()
    for achievement_id in dict.fromkeys(achievement_ids):
        if session.get(Achievement, achievement_id) is None:
            raise ValidationError("achievements", "One of the chosen achievements is no longer in this group file.")
        session.add(GrantOutcomeEvidence(outcome_id=row.id, achievement_id=achievement_id))
    for meeting_id in dict.fromkeys(meeting_ids):
        if session.get(Meeting, meeting_id) is None:
            raise ValidationError("meetings", "One of the chosen meetings is no longer in this group file.")
        session.add(GrantOutcomeEvidence(outcome_id=row.id, meeting_id=meeting_id))


def add_outcome(group: GroupFile, grant_id: int, *, text: str, target: int | None = None, measure: str = BY_HAND,
                achievement_kind: AchievementKind | str | None = None, achieved: int | None = None,
                evidence: str = "", achievement_ids: Sequence[int] = (), meeting_ids: Sequence[int] = ()) -> int:
    """Add an outcome promised to the funder (``measure`` BY_HAND: its figure is typed in)."""
    clean_text = required_text("text", text, "what was promised", max_length=1000)
    clean_measure, kind = _check(measure, achievement_kind, target, achieved)
    with unit_of_work(group) as session:
        if session.get(Grant, grant_id) is None:
            raise NotFound(f"There is no grant number {grant_id}.")
        position = session.scalar(select(func.count()).where(GrantOutcome.grant_id == grant_id)) or 0
        row = GrantOutcome(grant_id=grant_id, text=clean_text, measure=clean_measure, achievement_kind=kind,
                           target=target, achieved=achieved, position=position,
                           evidence=optional_text("evidence", evidence, "the evidence"))
        session.add(row)
        session.flush()
        _set_links(session, row, achievement_ids, meeting_ids)
        return row.id


def update_outcome(group: GroupFile, outcome_id: int, *, text: str, target: int | None, measure: str,
                   achievement_kind: AchievementKind | str | None = None, achieved: int | None = None,
                   evidence: str = "", achievement_ids: Sequence[int] = (), meeting_ids: Sequence[int] = ()) -> None:
    """Change everything about an outcome at once, as its dialog shows it (documents stay as they are)."""
    clean_text = required_text("text", text, "what was promised", max_length=1000)
    clean_measure, kind = _check(measure, achievement_kind, target, achieved)
    with unit_of_work(group) as session:
        row = _outcome_row(session, outcome_id)
        row.text, row.measure, row.achievement_kind = clean_text, clean_measure, kind
        row.target, row.achieved = target, achieved
        row.evidence = optional_text("evidence", evidence, "the evidence")
        _set_links(session, row, achievement_ids, meeting_ids)


def remove_outcome(group: GroupFile, outcome_id: int) -> None:
    """Take an outcome off the grant, with its links and documents (Ctrl+Z brings them back)."""
    with unit_of_work(group) as session:
        session.delete(_outcome_row(session, outcome_id))


def attach_document(group: GroupFile, outcome_id: int, *, filename: str, data: bytes) -> int:
    """Keep a document as evidence of the outcome (PDF or picture, at most 5 MB)."""
    name, mime = checked_file(data, filename, what="document")
    with unit_of_work(group) as session:
        _outcome_row(session, outcome_id)
        row = GrantOutcomeDocument(outcome_id=outcome_id, filename=name, mime=mime, data=data)
        session.add(row)
        session.flush()
        return row.id


def get_document(group: GroupFile, document_id: int) -> tuple[DocumentView, bytes]:
    with unit_of_work(group, write=False) as session:
        row = session.get(GrantOutcomeDocument, document_id)
        if row is None:
            raise NotFound(f"There is no document number {document_id}.")
        return (DocumentView(id=row.id, outcome_id=row.outcome_id, filename=row.filename, mime=row.mime,
                             size=len(row.data)), bytes(row.data))


def remove_document(group: GroupFile, document_id: int) -> None:
    with unit_of_work(group) as session:
        row = session.get(GrantOutcomeDocument, document_id)
        if row is None:
            raise NotFound(f"There is no document number {document_id}.")
        session.delete(row)


def list_outcomes(group: GroupFile, grant_id: int, *, today: date | None = None) -> list[OutcomeView]:
    """The grant's outcomes, in order, each with the figure and evidence the funding report prints."""
    figures = {line.outcome_id: line for line in outcome_figures(group, grant_id=grant_id, today=today)}
    with unit_of_work(group, write=False) as session:
        rows = session.scalars(select(GrantOutcome).where(GrantOutcome.grant_id == grant_id)
                               .order_by(GrantOutcome.position, GrantOutcome.id)).all()
        links: dict[int, tuple[list[int], list[int]]] = {row.id: ([], []) for row in rows}
        for link in session.scalars(select(GrantOutcomeEvidence).where(
                GrantOutcomeEvidence.outcome_id.in_(list(links)))):
            if link.achievement_id is not None:
                links[link.outcome_id][0].append(link.achievement_id)
            if link.meeting_id is not None:
                links[link.outcome_id][1].append(link.meeting_id)
        documents: dict[int, list[DocumentView]] = {row.id: [] for row in rows}
        for doc_id, outcome_id, filename, mime, size in session.execute(
            select(GrantOutcomeDocument.id, GrantOutcomeDocument.outcome_id, GrantOutcomeDocument.filename,
                   GrantOutcomeDocument.mime, func.length(GrantOutcomeDocument.data))
            .where(GrantOutcomeDocument.outcome_id.in_(list(links))).order_by(GrantOutcomeDocument.id)
        ):
            documents[outcome_id].append(DocumentView(doc_id, outcome_id, filename, mime, int(size or 0)))
        return [
            OutcomeView(
                id=row.id, grant_id=row.grant_id, text=row.text, measure=row.measure,
                achievement_kind=AchievementKind(row.achievement_kind) if row.achievement_kind else None,
                target=row.target, achieved=figures[row.id].achieved, evidence=row.evidence,
                evidence_shown=figures[row.id].evidence, measure_label=figures[row.id].measure_label,
                achievement_ids=tuple(links[row.id][0]), meeting_ids=tuple(links[row.id][1]),
                documents=tuple(documents[row.id]),
            )
            for row in rows
        ]
