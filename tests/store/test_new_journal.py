"""A new journal made from the stored schema is the journal the migrations make."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from journal.store import new_journal
from journal.store.migrate import current_revision, upgrade_to_head
from journal.store.schema_version import SCHEMA_HEAD, alembic_config


def _objects(path: Path) -> set[tuple[str, str, str, str | None]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        return set(rows.fetchall())


def _migrated(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "head")
    engine.dispose()


def test_the_stored_schema_is_what_the_migrations_make(tmp_path: Path) -> None:
    path = tmp_path / "migrated.sqlite3"
    _migrated(path)
    with sqlite3.connect(path) as connection:
        made = new_journal.schema_text(connection, SCHEMA_HEAD)
    assert new_journal.SCHEMA_FILE.read_text(encoding="utf-8") == made, (
        "the migrations changed: run python -m journal.store.new_journal"
    )


def test_a_new_journal_equals_a_migrated_one_and_is_at_head(tmp_path: Path) -> None:
    migrated, made = tmp_path / "migrated.sqlite3", tmp_path / "made.sqlite3"
    _migrated(migrated)
    engine = create_engine(f"sqlite:///{made}")
    upgrade_to_head(engine)
    assert current_revision(engine) == SCHEMA_HEAD
    engine.dispose()
    assert _objects(made) == _objects(migrated)
    with sqlite3.connect(made) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_journal_with_tables_is_left_to_the_migrations(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE something (id INTEGER)")
    engine = create_engine(f"sqlite:///{path}")
    assert not new_journal.create(engine, SCHEMA_HEAD)
    assert not new_journal.create(create_engine(f"sqlite:///{tmp_path / 'b.sqlite3'}"), "0001")
    engine.dispose()
