"""The readable half of a subject access request: everything held about one member, table by table.

The JSON from :meth:`SubjectAccessExport.to_json` is the complete, machine-readable half; this PDF
shows the same rows in plain words, in the shared look, marked confidential.
"""

from __future__ import annotations

from pathlib import Path

from coordinator_app.services.data_rights import SubjectAccessExport

from .look import build_document, facts_table, gap, heading, para


def _shown(value: object) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def write_subject_access_pdf(export: SubjectAccessExport, path: Path | str) -> Path:
    story = [
        para(f"Everything {export.group_name} holds about {export.name}, as at {export.produced_on.isoformat()}."),
        para("Each section lists the records that refer to this person. Other people are never named here."),
        gap(),
    ]
    for rows in export.tables().values():
        story.append(heading(f"{rows[0].heading} ({len(rows)})", 2))
        for row in rows:
            facts = [(name.replace("_", " "), _shown(value)) for name, value in row.values]
            facts += [(f"{name.replace('_', ' ')} is", text) for name, text in row.refers_to]
            story += [facts_table(facts), gap(3)]
    return build_document(
        path, title=f"Data held about {export.name}", story=story, group_name=export.group_name, confidential=True
    )
