"""Run the Alembic migrations programmatically, and refuse journals from a newer Interplay.

Alembic is imported only when the schema is not already at ``SCHEMA_HEAD``: on a normal
start the check is one small SELECT, which keeps start-up fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from journal.store.database import NewerJournalError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions; a test keeps the two in step.
SCHEMA_HEAD = "0002"


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


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
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = {revision.revision for revision in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerJournalError(
            "This journal was saved by a newer version of Interplay "
            f"(schema {current}). Please update Interplay to open it; your data is untouched."
        )
    if current is not None and engine.url.database:
        # An existing journal is about to change shape: keep a verified copy as it was.
        from journal.store.backup import backup_before_migration

        backup_before_migration(Path(engine.url.database))
    command.upgrade(alembic_config(engine), "head")
