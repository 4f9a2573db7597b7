"""The readable half of a subject access request: everything held about one member, table by table.

The JSON from :meth:`SubjectAccessExport.to_json` is the complete, machine-readable half; this PDF
shows the same rows in plain words, in the shared look, marked confidential. Row numbers and the
links back to the person themselves are left out here as noise; the JSON keeps them.
"""

from __future__ import annotations

import re
from pathlib import Path

from coordinator_app.services.data_rights import RowAbout, SubjectAccessExport, member_references

from .look import build_document, data_table, facts_table, gap, heading, para

_WORD_VALUE = re.compile(r"^[a-z]+(_[a-z]+)+$")  # a stored choice such as "contact_by_email"
_TIMESTAMP = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)")
_MOST_COLUMNS_IN_A_TABLE = 6


def _shown(value: object) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    text = str(value)
    if _WORD_VALUE.match(text):
        return text.replace("_", " ")
    stamp = _TIMESTAMP.match(text)
    return f"{stamp.group(1)} {stamp.group(2)}" if stamp else text


def _columns(rows: list[RowAbout], member_id: int) -> list[str]:
    """The columns worth showing: not row numbers, nor links that only point back at the person."""
    links_to_person = {column.name for _table, column in member_references()}
    shown: list[str] = []
    for name, _value in rows[0].values:
        if name in ("id", "position") or (rows[0].table == "members" and name == "deleted_at"):
            continue
        if name in links_to_person and all(dict(row.values)[name] in (member_id, None) for row in rows):
            continue
        shown.append(name)
    return shown


def _section(rows: list[RowAbout], member_id: int) -> list:
    columns = _columns(rows, member_id)
    refers = [name for name, _text in rows[0].refers_to]
    labels = [name.removesuffix("_id").replace("_", " ") for name in columns]
    story: list = [heading(f"{rows[0].heading} ({len(rows)})", 2)]
    if len(columns) + len(refers) <= _MOST_COLUMNS_IN_A_TABLE and rows[0].table != "members":
        body = []
        for row in rows:
            values, about = dict(row.values), dict(row.refers_to)
            body.append([about.get(name) or _shown(values[name]) for name in columns])
        story.append(data_table(labels, body))
    else:
        for row in rows:
            values, about = dict(row.values), dict(row.refers_to)
            story += [facts_table([(label, about.get(name) or _shown(values[name]))
                                   for name, label in zip(columns, labels, strict=True)]), gap(3)]
    return story + [gap()]


def write_subject_access_pdf(export: SubjectAccessExport, path: Path | str) -> Path:
    story = [
        para(f"Everything {export.group_name} holds about {export.name}, as at {export.produced_on.isoformat()}."),
        para("Each section lists the records that refer to this person. Other people are never named here."),
        gap(),
    ]
    for rows in export.tables().values():
        story += _section(rows, export.member_id)
    return build_document(
        path, title=f"Data held about {export.name}", story=story, group_name=export.group_name, confidential=True
    )
