"""Change sets: what one user action did to the file, row by row, so that it can be undone and redone.

While :func:`recording` is active (the window wraps each action in it), every writing
:func:`~coordinator_app.services.uow.unit_of_work` notes the before and after image of each row it
inserted, updated or deleted: rows the ORM flushed, rows the database changed by itself
(ON DELETE CASCADE / SET NULL, found through the metadata's foreign keys) and rows hit by bulk
``update()``/``delete()`` statements. Services need no undo code of their own.

:func:`undo_change` puts the before images back and :func:`redo_change` the after images, in one
transaction, and only if every row still looks exactly as the change left it; otherwise
:class:`ChangeConflict` names the row that moved on and nothing is touched. Everything is portable Core
SQL over the models' metadata, so the same check serves a group shared by two computers on PostgreSQL.
Raw ``text()`` SQL and bulk ``insert()`` through the session are not seen: write through the ORM or
Core ``update()``/``delete()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, ForeignKeyConstraint, Table, and_, delete, event, insert, inspect, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import ORMExecuteState, Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Base

from . import uow
from .errors import ChangeConflict

Key = tuple[str, tuple[Any, ...]]  # table name, primary key values
Image = dict[str, Any] | None  # the whole row, or None where there is no such row

_CHUNK = 400  # keys per IN (...): well inside SQLite's and PostgreSQL's parameter limits
_TABLES: dict[str, Table] = {table.name: table for table in Base.metadata.sorted_tables}
_ORDER = {name: position for position, name in enumerate(_TABLES)}  # parents before children


def _referring() -> dict[str, list[ForeignKeyConstraint]]:
    found: dict[str, list[ForeignKeyConstraint]] = {name: [] for name in _TABLES}
    for table in _TABLES.values():
        for constraint in table.foreign_key_constraints:
            found[constraint.referred_table.name].append(constraint)
    return found


_REFERRING = _referring()  # table name -> foreign keys in other tables that point at it


@dataclass
class ChangeSet:
    """The rows one action changed: for each, its image before and after (None: no such row)."""

    rows: dict[Key, tuple[Image, Image]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def add(self, later: dict[Key, tuple[Image, Image]]) -> None:
        """Fold in what a later unit of work did: the earliest before and the latest after win."""
        for key, (before, after) in later.items():
            if key in self.rows:
                before = self.rows[key][0]
            if before == after:
                self.rows.pop(key, None)
            else:
                self.rows[key] = (before, after)


_recording: ContextVar[tuple[GroupFile, ChangeSet] | None] = ContextVar("recording", default=None)


@contextmanager
def recording(group: GroupFile) -> Iterator[ChangeSet]:
    """Collect into one change set everything the units of work on ``group`` commit inside the block.

    Only this thread's work is collected; a unit of work that rolls back adds nothing.
    """
    change_set = ChangeSet()
    token = _recording.set((group, change_set))
    try:
        yield change_set
    finally:
        _recording.reset(token)


def watch(group: GroupFile, session: Session) -> None:
    """Called by ``unit_of_work`` for each writing session: record it if a change is being recorded."""
    active = _recording.get()
    if active is not None and active[0] is group:
        _Watch(session, active[1])


def undo_change(group: GroupFile, change_set: ChangeSet) -> None:
    """Put back every row as it was before the change, or raise ChangeConflict and touch nothing."""
    _apply(group, change_set, expect=1, put=0, verb="undone")


def redo_change(group: GroupFile, change_set: ChangeSet) -> None:
    """Make the change again, row for row, or raise ChangeConflict and touch nothing."""
    _apply(group, change_set, expect=0, put=1, verb="redone")


# -- recording -------------------------------------------------------------------------------------

class _Watch:
    """Listens to one session: before images as rows are about to change, after images at commit."""

    def __init__(self, session: Session, into: ChangeSet) -> None:
        self.into = into
        self.before: dict[Key, Image] = {}
        self.pending: dict[Key, tuple[Image, Image]] = {}
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "after_flush", self._after_flush)
        event.listen(session, "do_orm_execute", self._on_execute)
        event.listen(session, "before_commit", self._before_commit)
        event.listen(session, "after_commit", self._after_commit)
        event.listen(session, "after_rollback", self._after_rollback)

    def _note(self, conn: Connection, table: Table, keys: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
        """Remember the current image of rows not seen yet; return the images of those that exist."""
        fresh = [key for key in dict.fromkeys(keys) if (table.name, key) not in self.before]
        images = _read(conn, table, fresh)
        for key in fresh:
            self.before[(table.name, key)] = images.get(key)
        return list(images.values())

    def _note_deleted(self, conn: Connection, table: Table, images: list[dict[str, Any]]) -> None:
        """Rows about to be deleted: note every row that refers to them, following ON DELETE CASCADE."""
        for constraint in _REFERRING[table.name]:
            child = constraint.table
            pairs = [(element.parent, element.column.name) for element in constraint.elements]
            wanted = {tuple(image[name] for _, name in pairs) for image in images}
            wanted = {values for values in wanted if None not in values}
            if not wanted:
                continue
            found: list[dict[str, Any]] = []
            for chunk in _chunks(sorted(wanted, key=repr)):
                query = select(*_pk(child)).where(_matching([column for column, _ in pairs], chunk))
                keys = [tuple(row) for row in conn.execute(query)]
                found += self._note(conn, child, keys)
            if found and (constraint.ondelete or "").upper() == "CASCADE":
                self._note_deleted(conn, child, found)

    def _before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        conn = session.connection()
        doomed: dict[str, list[tuple[Any, ...]]] = {}
        touched: dict[str, list[tuple[Any, ...]]] = {}
        for obj in session.deleted:
            table, key = _object_key(obj)
            doomed.setdefault(table.name, []).append(key)
        for obj in session.dirty:
            state = inspect(obj)
            table, key = _object_key(obj)
            touched.setdefault(table.name, []).append(key)
            for rel in state.mapper.relationships:
                history = state.attrs[rel.key].history
                for other in (*history.added, *history.deleted):
                    other_state = inspect(other)
                    if other_state.persistent:
                        other_table, other_key = _object_key(other)
                        bucket = doomed if rel.cascade.delete_orphan and other in history.deleted else touched
                        bucket.setdefault(other_table.name, []).append(other_key)
        for name, keys in touched.items():
            self._note(conn, _TABLES[name], keys)
        for name, keys in doomed.items():
            self._doom(conn, _TABLES[name], keys)

    def _doom(self, conn: Connection, table: Table, keys: list[tuple[Any, ...]]) -> None:
        current = list(_read(conn, table, keys).values())
        self._note(conn, table, keys)
        self._note_deleted(conn, table, current)

    def _after_flush(self, session: Session, _context: Any) -> None:
        for obj in session.new:
            table, key = _object_key(obj)
            self.before.setdefault((table.name, key), None)

    def _on_execute(self, state: ORMExecuteState) -> None:
        if not (state.is_update or state.is_delete or state.is_insert):
            return
        statement = state.statement
        table = _TABLES.get(getattr(statement.table, "name", ""))
        if table is None or state.is_insert:
            raise NotImplementedError("Bulk inserts through the session cannot be recorded for undo; add objects.")
        conn = state.session.connection()
        params = state.parameters
        if statement.whereclause is None and isinstance(params, list):  # ORM bulk update by primary key
            keys = [tuple(row[column.key] for column in _pk(table)) for row in params]
        else:
            query = select(*_pk(table))
            if statement.whereclause is not None:
                query = query.where(statement.whereclause)
            keys = [tuple(row) for row in conn.execute(query, params or {})]
        if state.is_delete:
            self._doom(conn, table, keys)
        else:
            self._note(conn, table, keys)

    def _before_commit(self, session: Session) -> None:
        session.flush()
        conn = session.connection()
        by_table: dict[str, list[tuple[Any, ...]]] = {}
        for name, key in self.before:
            by_table.setdefault(name, []).append(key)
        after: dict[Key, Image] = {}
        for name, keys in by_table.items():
            for key, image in _read(conn, _TABLES[name], keys).items():
                after[(name, key)] = image
        self.pending = {key: (before, after.get(key)) for key, before in self.before.items()
                        if before != after.get(key)}

    def _after_commit(self, _session: Session) -> None:
        self.into.add(self.pending)
        self.before, self.pending = {}, {}

    def _after_rollback(self, _session: Session) -> None:
        self.before, self.pending = {}, {}


# -- undoing and redoing ---------------------------------------------------------------------------

def _apply(group: GroupFile, change_set: ChangeSet, *, expect: int, put: int, verb: str) -> None:
    with uow.unit_of_work(group) as session:
        conn = session.connection()
        by_table: dict[str, list[tuple[Any, ...]]] = {}
        for name, key in change_set.rows:
            by_table.setdefault(name, []).append(key)
        now: dict[Key, Image] = {}
        for name, keys in by_table.items():
            for key, image in _read(conn, _TABLES[name], keys).items():
                now[(name, key)] = image
        for key, images in change_set.rows.items():
            if now.get(key) != images[expect]:
                raise ChangeConflict(_conflict(key, images[expect], now.get(key), verb))
        target = {key: images[put] for key, images in change_set.rows.items()}
        deletes = sorted((k for k, image in target.items() if image is None), key=lambda k: -_ORDER[k[0]])
        inserts = sorted((k for k, image in target.items() if now.get(k) is None and image is not None),
                         key=lambda k: _ORDER[k[0]])
        updates = [k for k, image in target.items() if image is not None and now.get(k) is not None]
        _refuse_if_still_used(conn, [(key, now[key]) for key in deletes], set(change_set.rows), verb)
        arriving = set(inserts)
        for_later: list[Key] = []
        for key in updates:  # first pass: no reference yet to a row that is still to be put back
            image = _without_references_to(key[0], target[key], now[key], arriving)
            if image != target[key]:
                for_later.append(key)
            _write(conn, key, image)
        for key in deletes:
            table = _TABLES[key[0]]
            conn.execute(delete(table).where(_matching(_pk(table), [key[1]])))
        for key in inserts:
            conn.execute(insert(_TABLES[key[0]]).values(**target[key]))
        for key in for_later:
            _write(conn, key, target[key])


def _write(conn: Connection, key: Key, image: dict[str, Any]) -> None:
    table = _TABLES[key[0]]
    conn.execute(sql_update(table).where(_matching(_pk(table), [key[1]])).values(**image))


def _without_references_to(name: str, image: dict[str, Any], now: dict[str, Any], arriving: set[Key]
                           ) -> dict[str, Any]:
    """``image`` with references to rows not yet back held at their present value, or empty if they may be."""
    result = dict(image)
    for constraint in _TABLES[name].foreign_key_constraints:
        referred = constraint.referred_table
        columns = {element.column.name: element.parent for element in constraint.elements}
        if [column.name for column in _pk(referred)] != list(columns):
            continue
        values = tuple(image[columns[pk].name] for pk in columns)
        if (referred.name, values) in arriving:
            for column in columns.values():
                result[column.name] = None if column.nullable else now[column.name]
    return result


def _refuse_if_still_used(conn: Connection, deletes: list[tuple[Key, Image]], ours: set[Key], verb: str) -> None:
    """A row about to go must not be needed by a row outside this change (another action's, say)."""
    for (name, _key), image in deletes:
        for constraint in _REFERRING[name]:
            child = constraint.table
            columns = [element.parent for element in constraint.elements]
            values = tuple(image[element.column.name] for element in constraint.elements)
            for row in conn.execute(select(child).where(_matching(columns, [values]))).mappings():
                child_key = (child.name, tuple(row[column.name] for column in _pk(child)))
                if child_key not in ours:
                    raise ChangeConflict(
                        f"Nothing was {verb}: {_describe(child.name, dict(row))} has been added since and "
                        f"depends on {_describe(name, image)}.")


# -- rows, keys and words --------------------------------------------------------------------------

def _pk(table: Table) -> list[Any]:
    return list(table.primary_key.columns)


def _object_key(obj: object) -> tuple[Table, tuple[Any, ...]]:
    mapper = inspect(obj).mapper
    return mapper.local_table, tuple(mapper.primary_key_from_instance(obj))


def _matching(columns: list[Any], values: list[tuple[Any, ...]]) -> Any:
    if len(columns) == 1:
        return columns[0].in_([value[0] for value in values])
    return or_(*(and_(*(column == part for column, part in zip(columns, value, strict=True))) for value in values))


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _read(conn: Connection, table: Table, keys: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The current image of each of these rows that exists, by key."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    pk = _pk(table)
    for chunk in _chunks(list(dict.fromkeys(keys))):
        for row in conn.execute(select(table).where(_matching(pk, chunk))).mappings():
            found[tuple(row[column.name] for column in pk)] = dict(row)
    return found


_NOUNS = {
    "members": "the member", "member_roles": "a role", "consents": "a consent", "unavailability": "an absence",
    "meetings": "the meeting", "attendance": "who came to a meeting", "decisions": "a decision",
    "good_things": "a good thing", "meeting_schedules": "the meeting schedule", "venues": "the venue",
    "jobs": "the job", "job_assignments": "a turn", "job_volunteers": "who volunteers for a job",
    "aims": "the aim", "agreement_versions": "the group agreement", "agreements": "an agreement",
    "boundary_versions": "who can join", "group_profile": "the group's details", "settings": "a setting",
    "contacts": "the contact", "contact_roles": "a contact's role", "support_log": "a support entry",
    "achievements": "the achievement", "accounts": "the account", "funds": "the fund",
    "categories": "the category", "transactions": "the money entry", "fund_transfers": "the move between funds",
    "approvals": "an approval", "attachments": "a receipt", "bank_statements": "a bank statement",
    "grants": "the grant", "grant_budget_lines": "a grant budget line", "grant_outcomes": "a grant outcome",
    "payee_rules": "a payee rule", "balance_items": "a balance item",
}
_LABELS = ("name", "title", "payee", "funder", "text", "filename", "description", "key")
_DATES = ("held_on", "on", "achieved_on", "effective_from", "given_on", "due_on", "statement_date")


def _describe(name: str, image: dict[str, Any] | None) -> str:
    noun = _NOUNS.get(name, f"a row of {name.replace('_', ' ')}")
    if not image:
        return noun
    label = next((str(image[column]) for column in _LABELS if image.get(column)), "")
    when = next((image[column] for column in _DATES if isinstance(image.get(column), date | datetime)), None)
    words = noun + (f" “{label[:40]}”" if label else "")
    return words + (f" of {when.day} {when:%b %Y}" if when else "")


def _conflict(key: Key, expected: Image, now: Image, verb: str) -> str:
    name = key[0]
    if now is None:
        happened = "has been deleted since"
    elif expected is None:
        happened = "has been added since"
    else:
        what = [column.replace("_pence", "").replace("_id", "").replace("_", " ")
                for column in expected if expected[column] != now.get(column)]
        happened = f"has been changed since (its {', '.join(what)})"
    return f"Nothing was {verb}: {_describe(name, expected or now)} {happened}."
