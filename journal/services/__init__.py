"""Use cases the UI and the command line call; the only layer the UI talks to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journal.domain.clock import Clock, SystemClock
from journal.domain.units import UnitPreferences
from journal.services.journal import JournalService
from journal.services.preferences import load_units, save_units
from journal.store.database import Database, open_database
from journal.store.faults import explain
from journal.store.files import JOURNAL_FILENAME


@dataclass
class Services:
    """Everything the app needs to work on one open journal."""

    data_dir: Path
    db: Database
    journal: JournalService

    @property
    def units(self) -> UnitPreferences:
        return load_units(self.db)

    def set_units(self, units: UnitPreferences) -> None:
        save_units(self.db, units)
        self.journal.announce([], "Units changed")

    def close(self) -> None:
        self.db.close()


def open_services(data_dir: Path, clock: Clock | None = None) -> Services:
    """Open (creating and migrating if needed) the journal in ``data_dir``.

    Storage failures (read-only folder, full disk, busy or damaged file) are raised as
    ``JournalError`` subclasses whose message is meant for the user.
    """
    path = data_dir / JOURNAL_FILENAME
    try:
        db = open_database(path)
    except Exception as exc:
        explained = explain(exc, path)
        if explained is None or explained is exc:
            raise
        raise explained from exc
    return Services(data_dir=data_dir, db=db, journal=JournalService(db, clock or SystemClock()))
