"""Keeping the journal safe: backups (daily, manual, before changes), restore, check, and
deleting all data."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from journal.services.errors import DataError
from journal.services.journal import JournalService
from journal.store.backup import (
    BackupInfo,
    backup_at_start,
    backup_journal,
    list_backups,
    list_backups_in,
    restore_backup,
)
from journal.store.backup_folder import (
    copy_backup_to,
    folder_problem,
    free_bytes,
    has_backup_of_day,
    is_connected,
    read_second_folder,
    write_second_folder,
)
from journal.store.database import Database
from journal.store.errors import BackupError
from journal.store.files import JOURNAL_FILENAME, backups_dir, with_sidecars
from journal.store.integrity import CheckReport, check_journal
from journal.store.migrate import upgrade_to_head

__all__ = ["BackupInfo", "BackupPlace", "CheckReport", "MaintenanceService"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupPlace:
    """A folder that holds backups: the journal's own, or the second one the person chose."""

    folder: Path
    second: bool
    """True for the second folder (a USB stick, another disk)."""
    connected: bool
    """Whether the folder is there now (an unplugged stick's is not)."""
    free_bytes: int | None
    backups: list[BackupInfo] = field(default_factory=list)
    problem: str = ""
    """Why the last copy into this folder was not made, in words for people ("" if it was)."""

    @property
    def label(self) -> str:
        return "Second folder" if self.second else "On this computer"


class MaintenanceService:
    """Backups, restore, check and delete-all for one open journal."""

    def __init__(self, data_dir: Path, db: Database, journal: JournalService) -> None:
        self.data_dir = data_dir
        self.db = db
        self.journal = journal
        self.second_folder_problem = ""
        """Why the last copy into the second folder failed this session ("" if it did not)."""

    @property
    def journal_path(self) -> Path:
        return self.data_dir / JOURNAL_FILENAME

    def _local_now(self) -> datetime:
        """The clock's local time, naive, as backup file names use it."""
        return self.journal.clock.now().replace(tzinfo=None, microsecond=0)

    def _announce(self, description: str) -> None:
        self.journal.announce([], description)

    def backup(self, out: Path | None = None) -> BackupInfo:
        """Back up now: to ``out``, or into the backups folder (rotated), then the second."""
        try:
            info = backup_journal(
                self.journal_path, reason="manual", now=self._local_now(), out=out
            )
        except BackupError as exc:
            raise DataError(str(exc)) from exc
        if out is None:
            self._copy_to_second_folder(info)
        return info

    def backup_at_start(self) -> BackupInfo | None:
        """The daily backup; call once the journal is open. Never raises: a failure is logged.

        The second folder then gets today's newest backup if it has none from today (the
        stick may have been unplugged when the day's backup was made).
        """
        now = self._local_now()
        try:
            made = backup_at_start(self.journal_path, now)
        except (BackupError, OSError):
            log.warning("the daily backup could not be made", exc_info=True)
            return None
        self._catch_up_second_folder(made, now)
        return made

    # --- the second backup folder --------------------------------------------------------

    @property
    def second_folder(self) -> Path | None:
        """The second backup folder (a USB stick, another disk), if one was chosen."""
        return read_second_folder(self.data_dir)

    def set_second_folder(self, folder: Path | None) -> BackupInfo | None:
        """Use ``folder`` as the second backup folder (None: stop), and copy into it at once.

        Raises ``DataError`` saying why a folder cannot be used; nothing changes then. Returns
        the copy made there (None when stopping, or when the journal has no backup yet).
        """
        if folder is None:
            write_second_folder(self.data_dir, None)
            self.second_folder_problem = ""
            return None
        problem = folder_problem(folder, self.data_dir)
        if problem:
            raise DataError(problem)
        write_second_folder(self.data_dir, folder)
        self.second_folder_problem = ""
        newest = next(iter(list_backups(self.data_dir)), None)
        if newest is None:
            return None
        return self._copy_to_second_folder(newest)

    def places(self) -> list[BackupPlace]:
        """The journal's own backup folder, then the second one if chosen, with their backups."""
        own = backups_dir(self.data_dir)
        places = [BackupPlace(own, False, True, free_bytes(self.data_dir), self.backups())]
        second = self.second_folder
        if second is not None:
            connected = is_connected(second)
            places.append(
                BackupPlace(
                    second,
                    True,
                    connected,
                    free_bytes(second) if connected else None,
                    list_backups_in(second) if connected else [],
                    self.second_folder_problem,
                )
            )
        return places

    def _copy_to_second_folder(self, backup: BackupInfo) -> BackupInfo | None:
        """Copy a backup to the second folder; a failure is remembered and logged, not raised."""
        folder = self.second_folder
        if folder is None:
            return None
        if not is_connected(folder):
            # An unplugged stick is normal, not an error: the Backups window says so.
            log.info("the second backup folder %s is not connected", folder)
            return None
        try:
            copy = copy_backup_to(backup, folder, self._local_now())
        except BackupError as exc:
            self.second_folder_problem = str(exc)
            log.warning("the backup could not be copied to %s: %s", folder, exc)
            return None
        self.second_folder_problem = ""
        return copy

    def _catch_up_second_folder(self, made: BackupInfo | None, now: datetime) -> None:
        folder = self.second_folder
        if folder is None or not is_connected(folder) or has_backup_of_day(folder, now):
            return
        newest = made or next(iter(list_backups(self.data_dir)), None)
        if newest is not None and newest.taken_at.date() == now.date():
            self._copy_to_second_folder(newest)

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
        set_aside: list[Path] = []
        notes: list[str] = []
        try:
            safety = restore_backup(
                self.journal_path,
                backup,
                now=self._local_now(),
                set_aside=set_aside,
                notes=notes,
            )
            upgrade_to_head(self.db.engine)
        except BackupError as exc:
            raise DataError(str(exc)) from exc
        self.journal.undo_stack.clear()  # undo steps refer to the journal that was replaced
        moved = (
            f"; the journal as it was could not be backed up and was moved aside as "
            f"{set_aside[0].name}"
            if set_aside
            else ""
        )
        said = f"Restored the backup {backup.name}{moved}"
        self._announce(". ".join([said, *(note.rstrip(".") for note in notes)]))
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
