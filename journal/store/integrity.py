"""Check a journal file: SQLite's integrity check, foreign keys, and a schema this version knows.

Used by the ``check`` command, by backups (each is verified before it counts) and by restore
(a backup is verified before it replaces the journal). The check only reads.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from journal.store.connection import connect, errors
from journal.store.files import JOURNAL_FILENAME
from journal.store.schema_version import SCHEMA_HEAD, known_revisions

MAX_LISTED_PROBLEMS = 10


@dataclass
class CheckReport:
    """What ``check`` found; ``ok`` is False when the journal is damaged or unreadable."""

    path: Path
    problems: list[str] = field(default_factory=list)
    schema: str | None = None
    entries: int | None = None
    exists: bool = True
    notes: list[str] = field(default_factory=list)
    """Findings that are not problems (an empty journal the app will set up)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def newer_schema(self) -> bool:
        return self.schema is not None and self.schema not in known_revisions()

    def lines(self) -> list[str]:
        """The report for people, one finding per line."""
        lines = [f"Journal: {self.path}"]
        if not self.exists:
            return [*lines, "No journal yet: nothing to check."]
        if self.schema is not None:
            lines.append(f"Schema revision: {self.schema}")
        if self.entries is not None:
            lines.append(f"Entries: {self.entries:,}")
        lines.extend(self.notes)
        if self.notes and self.ok:
            return lines
        if self.ok:
            lines.append("Integrity: ok (SQLite integrity check and foreign keys)")
        lines.extend(f"Problem: {p}" for p in self.problems)
        return lines


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (nor create it)."""
    return connect(path, read_only=True)


def database_problems(path: Path) -> tuple[list[str], str | None, int | None]:
    """(problems, schema revision, entry count) of the SQLite file at ``path``."""
    try:
        connection = connect_read_only(path)
    except errors() as exc:
        return [f"the file cannot be opened ({exc})."], None, None
    try:
        return _inspect(connection)
    except errors("DatabaseError") as exc:
        return [f"the file is not a journal or is badly damaged ({exc})."], None, None
    finally:
        connection.close()


def _inspect(connection: sqlite3.Connection) -> tuple[list[str], str | None, int | None]:
    problems: list[str] = []
    rows = [r[0] for r in connection.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        problems.extend(f"integrity: {r}" for r in rows[:MAX_LISTED_PROBLEMS])
    broken = Counter(
        (table, parent)
        for table, _rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check")
    )
    problems.extend(
        f"{n} row(s) of {table} point at missing rows of {parent}."
        for (table, parent), n in sorted(broken.items())
    )
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        problems.append("this is not an Interplay journal (it has no schema revision).")
        return problems, None, None
    schema = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = str(schema[0]) if schema else None
    if revision is None:
        problems.append("the schema revision is missing.")
    elif revision != SCHEMA_HEAD and revision not in known_revisions():  # (Alembic loads)
        problems.append(
            f"it was written by a newer version of Interplay (schema {revision}); "
            "update Interplay to open it."
        )
    entries = None
    if "entry" in tables:
        entries = int(connection.execute("SELECT count(*) FROM entry").fetchone()[0])
    return problems, revision, entries


def check_journal(path: Path) -> CheckReport:
    """Check the journal at ``path`` (the journal file, or the data folder holding it)."""
    if path.is_dir():
        path = path / JOURNAL_FILENAME
    if not path.exists():
        return CheckReport(path=path, exists=False)
    problems, schema, entries = database_problems(path)
    return CheckReport(path=path, problems=problems, schema=schema, entries=entries)
