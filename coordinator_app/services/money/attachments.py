"""Receipt scans kept inside the group file, so the books and their evidence travel together.

A size limit keeps the file small enough to back up and e-mail; a phone photo of a till receipt is well
under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from sqlalchemy import func, select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Attachment
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.uow import unit_of_work

from .transactions import transaction_row

MAX_ATTACHMENT_BYTES = 5_000_000

_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
)


@dataclass(frozen=True)
class AttachmentView:
    id: int
    transaction_id: int
    filename: str
    mime: str
    size: int


def _mime(data: bytes) -> str:
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in _SIGNATURES if data.startswith(magic)), "application/octet-stream")


def checked_file(data: bytes, filename: str, *, what: str = "receipt") -> tuple[str, str]:
    """The file's plain name and type, or a sentence saying why it cannot be kept (empty, too big, not a
    PDF or picture). Shared by receipts and the documents kept as evidence of a grant's outcomes."""
    if not data:
        raise ValidationError("attachment", f"The {what} file is empty.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError("attachment", f"The {what} file is too big ({len(data) / 1_000_000:.1f} MB); "
                                            f"please keep each {what} under 5 MB (a scan at a lower resolution, "
                                            "or a photo instead of a scan, is usually small enough).")
    mime = _mime(data)
    if mime == "application/octet-stream":
        raise ValidationError("attachment", f"The {what} must be a PDF or a picture (PNG, JPEG, GIF or WebP).")
    return PurePath(filename.replace("\\", "/")).name.strip()[:255] or what, mime


def attach_receipt(group: GroupFile, transaction_id: int, *, filename: str, data: bytes) -> int:
    """Keep a scan or photo of the receipt with the line (PDF, PNG, JPEG, GIF or WebP; at most 5 MB)."""
    name, mime = checked_file(data, filename)
    with unit_of_work(group) as session:
        transaction_row(session, transaction_id)
        row = Attachment(transaction_id=transaction_id, filename=name, mime=mime, data=data)
        session.add(row)
        session.flush()
        return row.id


def list_attachments(group: GroupFile, transaction_id: int) -> list[AttachmentView]:
    with unit_of_work(group, write=False) as session:
        rows = session.execute(
            select(Attachment.id, Attachment.filename, Attachment.mime, func.length(Attachment.data))
            .where(Attachment.transaction_id == transaction_id).order_by(Attachment.id)
        ).all()
        return [AttachmentView(id=i, transaction_id=transaction_id, filename=f, mime=m, size=int(n or 0))
                for i, f, m, n in rows]


def get_attachment(group: GroupFile, attachment_id: int) -> tuple[AttachmentView, bytes]:
    with unit_of_work(group, write=False) as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFound(f"There is no receipt number {attachment_id}.")
        view = AttachmentView(id=row.id, transaction_id=row.transaction_id, filename=row.filename, mime=row.mime,
                              size=len(row.data))
        return view, bytes(row.data)


def remove_attachment(group: GroupFile, attachment_id: int) -> None:
    with unit_of_work(group) as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFound(f"There is no receipt number {attachment_id}.")
        session.delete(row)
