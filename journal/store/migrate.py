"""Run the Alembic migrations programmatically, and refuse journals from a newer Interplay.

Alembic is imported only when the schema is not already at ``SCHEMA_HEAD``: on a normal
start the check is one small SELECT, which keeps start-up fast. A new, blank journal gets
the migrated schema in one go (``journal.store.new_journal``), without Alembic.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from journal.store.errors import NewerJournalError
from journal.store.schema_version import SCHEMA_HEAD, alembic_config, known_revisions


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError:
            return None  # a new, empty journal


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema to the newest revision this version knows."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return
    if current is None:
        from journal.store import new_journal

        if new_journal.create(engine, SCHEMA_HEAD):  # a new journal: no Alembic needed
            return
    from alembic import command

    if current is not None and current not in known_revisions():
        raise NewerJournalError(
            "This journal was saved by a newer version of Interplay "
            f"(schema {current}). Please update Interplay to open it; your data is untouched."
        )
    if current is not None and engine.url.database:
        # An existing journal is about to change shape: keep a verified copy as it was.
        from journal.store.backup import backup_before_migration

        backup_before_migration(Path(engine.url.database))
    command.upgrade(alembic_config(engine), "head")
