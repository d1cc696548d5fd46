"""A new journal's schema made in one transaction from the schema the migrations build.

Loading Alembic and running every migration on a new, empty journal took most of a second
(a tenth of importing ten years of a diary into a new journal). ``new_journal_schema.json``
holds the tables and indexes a migrated journal has, as SQLite keeps them, and their
revision; a test checks it against a journal the migrations made, and a journal made from
it against a migrated one. After adding a migration, write the file again with
``python -m journal.store.new_journal`` (until then, a new journal is migrated as before).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, Engine, text

SCHEMA_FILE = Path(__file__).with_name("new_journal_schema.json")


@cache
def _stored() -> dict[str, object]:
    stored: dict[str, object] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return stored


def schema_revision() -> str:
    """The revision the file's schema is at."""
    return str(_stored()["revision"])


def statements() -> list[str]:
    """The file's CREATE statements, tables first."""
    found = _stored()["statements"]
    assert isinstance(found, list)
    return [str(statement) for statement in found]


def is_blank(connection: Connection) -> bool:
    """Whether the database has no tables, indexes or views at all (a new file)."""
    return not connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar()


def create(engine: Engine, revision: str) -> bool:
    """Make the schema in a blank journal, stamped ``revision``, in one transaction; False
    (nothing done) when the file is at another revision or the journal is not blank."""
    if schema_revision() != revision:
        return False
    with engine.begin() as connection:
        if not is_blank(connection):
            return False
        for statement in statements():
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(
            "INSERT INTO alembic_version (version_num) VALUES (?)", (revision,)
        )
    return True


def dump(connection: sqlite3.Connection) -> list[str]:
    """The CREATE statements of a journal's tables, then indexes, then the rest, each in
    name order (SQLite makes the automatic indexes of UNIQUE and PRIMARY KEY itself)."""
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        " AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    order = {"table": 0, "index": 1}
    rows.sort(key=lambda row: (order.get(row[0], 2), row[1]))
    return [str(sql) for _type, _name, sql in rows]


def schema_text(connection: sqlite3.Connection, revision: str) -> str:
    """The contents of ``SCHEMA_FILE`` for this journal's schema."""
    document = {"revision": revision, "statements": dump(connection)}
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def _write_from_migrations(folder: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from journal.store.schema_version import SCHEMA_HEAD, alembic_config

    path = folder / "migrated.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "head")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        SCHEMA_FILE.write_text(schema_text(connection, SCHEMA_HEAD), encoding="utf-8")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        _write_from_migrations(Path(scratch))
    print(f"wrote {SCHEMA_FILE}", file=sys.stderr)
