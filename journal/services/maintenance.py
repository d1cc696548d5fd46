"""Keeping the journal safe: backups (daily, manual, before changes), restore, check, and
deleting all data."""

from __future__ import annotations

import logging
import shutil
from datetime import datetime
from pathlib import Path

from journal.services.errors import DataError
from journal.services.journal import JournalService
from journal.store.backup import (
    BackupInfo,
    backup_at_start,
    backup_journal,
    list_backups,
    restore_backup,
)
from journal.store.database import Database
from journal.store.errors import BackupError
from journal.store.files import JOURNAL_FILENAME, backups_dir, with_sidecars
from journal.store.integrity import CheckReport, check_journal
from journal.store.migrate import upgrade_to_head

__all__ = ["BackupInfo", "CheckReport", "MaintenanceService"]

log = logging.getLogger(__name__)


class MaintenanceService:
    """Backups, restore, check and delete-all for one open journal."""

    def __init__(self, data_dir: Path, db: Database, journal: JournalService) -> None:
        self.data_dir = data_dir
        self.db = db
        self.journal = journal

    @property
    def journal_path(self) -> Path:
        return self.data_dir / JOURNAL_FILENAME

    def _local_now(self) -> datetime:
        """The clock's local time, naive, as backup file names use it."""
        return self.journal.clock.now().replace(tzinfo=None, microsecond=0)

    def _announce(self, description: str) -> None:
        self.journal.announce([], description)

    def backup(self, out: Path | None = None) -> BackupInfo:
        """Back up now: to ``out``, or into the backups folder (rotated)."""
        try:
            return backup_journal(
                self.journal_path, reason="manual", now=self._local_now(), out=out
            )
        except BackupError as exc:
            raise DataError(str(exc)) from exc

    def backup_at_start(self) -> BackupInfo | None:
        """The daily backup; call once the journal is open. Never raises: a failure is logged."""
        try:
            return backup_at_start(self.journal_path, self._local_now())
        except (BackupError, OSError):
            log.warning("the daily backup could not be made", exc_info=True)
            return None

    def safety_backup(self, reason: str) -> BackupInfo:
        """A safety backup before a change; if it cannot be made, the change does not happen."""
        try:
            return backup_journal(self.journal_path, reason=reason, now=self._local_now())
        except BackupError as exc:
            raise DataError(f"{exc} Nothing was changed.") from exc

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.data_dir)

    def restore(self, backup: Path) -> BackupInfo | None:
        """Replace the journal with ``backup``; the current journal is backed up first.

        Returns that safety backup (None if there was no readable journal to save).
        """
        self.db.release()  # no connection may stay open on the file being replaced
        try:
            safety = restore_backup(self.journal_path, backup, now=self._local_now())
            upgrade_to_head(self.db.engine)
        except BackupError as exc:
            raise DataError(str(exc)) from exc
        self.journal.undo_stack.clear()  # undo steps refer to the journal that was replaced
        self._announce(f"Restored the backup {backup.name}")
        return safety

    def check(self) -> CheckReport:
        return check_journal(self.journal_path)

    def delete_all_data(self, last_copy: Path | None = None) -> None:
        """Delete the journal and its backups, leaving an empty journal open.

        ``last_copy``: where to save a final backup first (must be outside the data folder).
        """
        if last_copy is not None:
            if last_copy.resolve().is_relative_to(self.data_dir.resolve()):
                raise DataError(
                    "Save the last copy outside the data folder: everything in it is deleted."
                )
            try:
                backup_journal(self.journal_path, reason="before-delete", out=last_copy)
            except BackupError as exc:
                raise DataError(f"{exc} Nothing was deleted.") from exc
        self.db.release()
        for path in with_sidecars(self.journal_path):
            path.unlink(missing_ok=True)
        shutil.rmtree(backups_dir(self.data_dir), ignore_errors=True)
        upgrade_to_head(self.db.engine)  # a fresh, empty journal
        self.journal.undo_stack.clear()
        self._announce("All data deleted")
