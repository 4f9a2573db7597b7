"""Who may read and change what in a server group, enforced by PostgreSQL's own privileges.

``init_roles`` (run once, by whoever administers the database) makes three group roles for the group's
database and grants each one its tables, and for the two secret columns (meetings' confidential notes,
members' private notes) column-level SELECT that leaves them out: a treasurer's login cannot read a
confidential note even with psql and the password. ``add_person`` gives one person a login in a role.

- coordinator: everything;
- treasurer: the books; reads the member list, meetings, achievements and the group's charter (reports
  need them) but not confidential notes or private notes;
- helper: meetings, jobs and venues; reads members (without private notes), the charter and achievements;
  no money at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, text

from ..errors import GroupFileError
from ..models import Base

SECRET_COLUMNS = {"meetings": ("confidential_notes",), "members": ("private_notes",)}
MONEY = ("accounts", "categories", "funds", "balance_items", "bank_statements", "fund_transfers", "grants",
         "payee_rules", "grant_budget_lines", "grant_outcomes", "transactions", "approvals", "attachments")
MEETINGS_AND_JOBS = ("meeting_schedules", "meetings", "apologies", "attendance", "decisions", "good_things",
                     "venues", "jobs", "job_assignments", "job_volunteers", "unavailability")
ROLES = ("coordinator", "treasurer", "helper")
LOGIN = re.compile(r"^[a-z][a-z0-9_.-]{0,40}$")


class RoleProblem(GroupFileError):
    pass


def role_name(database: str, role: str) -> str:
    """Roles are cluster-wide in PostgreSQL: each group's carry its database's name."""
    return f"{database}_{role}"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables() -> list[str]:
    return [table.name for table in Base.metadata.sorted_tables] + ["alembic_version"]


def _readable_columns(table: str) -> list[str]:
    secret = SECRET_COLUMNS.get(table, ())
    return [column.name for column in Base.metadata.tables[table].columns if column.name not in secret]


def _grant_reading(conn: Connection, role: str, tables: Iterable[str]) -> None:
    for table in tables:
        if table in SECRET_COLUMNS:
            columns = ", ".join(_quote(c) for c in _readable_columns(table))
            conn.execute(text(f"GRANT SELECT ({columns}) ON {_quote(table)} TO {_quote(role)}"))
        else:
            conn.execute(text(f"GRANT SELECT ON {_quote(table)} TO {_quote(role)}"))


def init_roles(conn: Connection, database: str) -> list[str]:
    """Make (or remake) the group's three roles and their privileges; returns their names."""
    made = []
    exists = {row[0] for row in conn.execute(text("SELECT rolname FROM pg_roles"))}
    for role in ROLES:
        name = role_name(database, role)
        if name not in exists:
            conn.execute(text(f"CREATE ROLE {_quote(name)} NOLOGIN"))
        made.append(name)
    everyone = ", ".join(_quote(name) for name in made)
    conn.execute(text(f"REVOKE ALL ON DATABASE {_quote(database)} FROM PUBLIC"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {_quote(database)} TO {everyone}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {everyone}"))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {everyone}"))
    tables = _tables()
    for name in made:
        conn.execute(text(f"REVOKE ALL ON {', '.join(_quote(t) for t in tables)} FROM {_quote(name)}"))
    coordinator, treasurer, helper = made
    conn.execute(text(f"GRANT ALL ON {', '.join(_quote(t) for t in tables)} TO {_quote(coordinator)}"))

    not_money = [t for t in tables if t not in MONEY]
    _grant_reading(conn, treasurer, not_money)
    conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(_quote(t) for t in MONEY)} "
                      f"TO {_quote(treasurer)}"))

    _grant_reading(conn, helper, not_money)
    conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(_quote(t) for t in MEETINGS_AND_JOBS)} "
                      f"TO {_quote(helper)}"))
    conn.execute(text(f"GRANT INSERT ON members TO {_quote(helper)}"))  # newcomers added by name while recording
    return made


def add_person(conn: Connection, database: str, login: str, role: str, password: str) -> str:
    """A login for one person in one of the group's roles; their password is theirs alone (never stored here)."""
    if role not in ROLES:
        raise RoleProblem(login, f"“{role}” is not a role here; choose one of {', '.join(ROLES)}.")
    if not LOGIN.match(login):
        raise RoleProblem(login, f"“{login}” cannot be a login name: use small letters, digits, dots, dashes or "
                                 "underscores, starting with a letter (for example margaret.h).")
    if len(password) < 8:
        raise RoleProblem(login, "Choose a password of at least 8 characters for the new login.")
    group_role = role_name(database, role)
    if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": group_role}).first() is None:
        raise RoleProblem(login, f"The group's roles are not set up on {database} yet; run "
                                 "“coordinator-app server init ADDRESS” first.")
    if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": login}).first() is not None:
        raise RoleProblem(login, f"There is already a login called {login} on this server; choose another name.")
    literal = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar_one()
    conn.execute(text(f"CREATE ROLE {_quote(login)} LOGIN PASSWORD {literal} IN ROLE {_quote(group_role)}"))
    return group_role
