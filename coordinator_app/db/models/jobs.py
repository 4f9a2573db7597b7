"""Shared jobs, who is willing to do them, and who did which turn."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import AssignmentStatus, Base, CreatedMixin, JobFrequency, str_enum


class Job(CreatedMixin, Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    frequency: Mapped[JobFrequency] = mapped_column(str_enum(JobFrequency), default=JobFrequency.EVERY_MEETING)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    from_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[date | None] = mapped_column(Date)


class JobVolunteer(Base):
    """A member is willing to take turns at a job."""

    __tablename__ = "job_volunteers"
    __table_args__ = (UniqueConstraint("job_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)


class JobAssignment(CreatedMixin, Base):
    """One turn at a job, for a meeting or a date."""

    __tablename__ = "job_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[AssignmentStatus] = mapped_column(
        str_enum(AssignmentStatus), default=AssignmentStatus.ASSIGNED
    )
    done_on: Mapped[date | None] = mapped_column(Date)
    swapped_with_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
