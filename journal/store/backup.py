"""Backups of the journal: SQLite's online backup API, verified copies, rotation, and restore.

A backup is written under a temporary name, checked (integrity and foreign keys, a schema this
version knows) and only then renamed to ``journal-YYYY-MM-DDTHHMMSS[-reason].sqlite3`` in the
``backups`` folder beside the journal, so every file with that name was verified when it was
made. Rotation keeps every backup of the last two days, then the newest of each of the last
7 days, 4 weeks and 12 months that have one. Restore backs the current journal up first.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from journal.store.cipher.keyfile import read_records
from journal.store.cipher.keyring import CipherKey, forget_file, key_for_file
from journal.store.connection import connect, with_os_errors
from journal.store.errors import BackupError
from journal.store.files import (
    backups_dir,
    make_journal_private,
    make_private,
    make_private_folder,
    with_sidecars,
)
from journal.store.integrity import database_problems
from journal.store.rekey import copy_problems, export_copy, swap_in
from journal.store.space import disk_is_full, file_bytes

log = logging.getLogger(__name__)

KEEP_RECENT = timedelta(hours=48)
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
_STAMP = "%Y-%m-%dT%H%M%S"
_NAME = re.compile(
    r"^journal-(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})(?:-(?P<reason>[a-z][a-z-]*?))?"
    r"(?:-(?P<n>\d+))?\.sqlite3$"
)
REASON_LABELS = {
    "": "Automatic",
    "manual": "Backed up by you",
    "before-import": "Before an import",
    "before-restore": "Before a restore",
    "before-migration": "Before an update",
    "before-delete": "Before deleting all data",
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    """Local time the backup was taken (naive, as in its file name)."""
    size_bytes: int
    reason: str = ""
    verified: bool = True

    @property
    def label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason.replace("-", " ").capitalize())


# --- making a backup --------------------------------------------------------------------------


def copy_database(source: Path, dest: Path) -> None:
    """Copy the SQLite database ``source`` to ``dest`` with the online backup API, verified.

    ``dest`` appears only once complete and verified; the copy is a single self-contained
    file (rollback journal mode), safe to move or mail.
    """
    if not source.exists():
        raise BackupError(f"There is no journal at {source} to back up.")
    part = dest.with_name(f".{dest.name}.part")
    needed = file_bytes(*with_sidecars(source))
    if disk_is_full(dest.parent, needed):
        raise BackupError(
            f"The disk is full: no backup was written to {dest.parent} (it needs about "
            f"{needed / 1_000_000:.1f} MB). Free some space and try again."
        )
    remove_stale_parts(dest.parent)
    try:
        make_private_folder(dest.parent)
        part.unlink(missing_ok=True)
        _online_copy(source, part)
        make_private(part)
        problems, _schema, _entries = database_problems(part)
        if problems:
            raise BackupError(f"The backup did not verify ({problems[0]}); it was not kept.")
        _fsync(part)
        part.replace(dest)
        forget_file(dest)
    except with_os_errors() as exc:
        raise BackupError(_why(exc, dest)) from exc
    finally:
        _remove_quietly(part)


def _remove_quietly(path: Path) -> None:
    """Remove a partial file; where that fails (a read-only folder) it was never written."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _online_copy(source: Path, dest: Path) -> None:
    # A backup of an encrypted journal is encrypted with the same key (and salt), so it
    # opens with the same passphrase and its bytes are never plain text. Read-only: a
    # journal on a read-only disk can be backed up.
    src = connect(source, read_only=True)
    try:
        dst = connect(dest, journal=False, key=key_for_file(source))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _why(exc: BaseException, dest: Path) -> str:
    text = str(exc)
    lower = text.lower()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in text:
        return f"The disk is full: no backup was written to {dest.parent}. Free some space."
    if isinstance(exc, PermissionError) or "readonly" in lower or "read-only" in lower:
        return (
            f"Interplay may not write backups to {dest.parent} (it is read-only); choose "
            "another place (File > Backups, or 'interplay backup --out PATH')."
        )
    if "not a database" in text or "malformed" in text:
        return f"The journal is damaged and cannot be backed up ({text})."
    return f"The backup could not be made ({text})."


def _backup_name(now: datetime, reason: str, folder: Path) -> Path:
    stem = f"journal-{now.strftime(_STAMP)}" + (f"-{reason}" if reason else "")
    path = folder / f"{stem}.sqlite3"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.sqlite3"
        n += 1
    return path


def backup_journal(
    journal_path: Path,
    *,
    reason: str = "manual",
    now: datetime | None = None,
    out: Path | None = None,
) -> BackupInfo:
    """Back the journal up now: to ``out``, or into the backups folder (then rotated)."""
    now = now or datetime.now()
    if out is not None:
        copy_database(journal_path, out)
        return BackupInfo(out, now, out.stat().st_size, reason)
    folder = backups_dir(journal_path.parent)
    dest = _backup_name(now, "" if reason == "daily" else reason, folder)
    copy_database(journal_path, dest)
    info = BackupInfo(dest, now.replace(microsecond=0), dest.stat().st_size, reason)
    rotate_backups(journal_path.parent, now)
    log.info("backed up %s to %s (%s)", journal_path, dest, reason)
    return info


def backup_at_start(journal_path: Path, now: datetime | None = None) -> BackupInfo | None:
    """The daily backup: made at start-up unless one was already made today."""
    now = now or datetime.now()
    if not journal_path.exists():
        return None
    if any(b.taken_at.date() == now.date() for b in list_backups(journal_path.parent)):
        return None
    return backup_journal(journal_path, reason="daily", now=now)


def backup_before_migration(journal_path: Path) -> BackupInfo | None:
    """A backup before the schema of an existing journal is upgraded."""
    if not journal_path.exists():
        return None
    return backup_journal(journal_path, reason="before-migration")


# --- listing and rotating ---------------------------------------------------------------------


def parse_backup_name(path: Path) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], _STAMP)
    except ValueError:
        return None
    return taken, match["reason"] or ""


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in the data folder, newest first."""
    return list_backups_in(backups_dir(data_dir))


def list_backups_in(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder`` (the journal's own, or a second one), newest first."""
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.iterdir():
        parsed = parse_backup_name(path)
        if parsed is None or not path.is_file():
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(path, parsed[0], size, parsed[1]))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def backups_to_keep(backups: list[BackupInfo], now: datetime) -> set[Path]:
    """Recent backups, then the newest of each of the last days, weeks and months."""
    keep = {b.path for b in backups if now - b.taken_at <= KEEP_RECENT}
    for limit, key in (
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for backup in backups:  # newest first: the first of each bucket is its newest
            bucket = key(backup.taken_at)
            if bucket in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(bucket)
            keep.add(backup.path)
    return keep


def rotate_backups(data_dir: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns what was deleted."""
    return rotate_backups_in(backups_dir(data_dir), now)


def rotate_backups_in(folder: Path, now: datetime | None = None) -> list[Path]:
    """Thin the backups in ``folder`` on its own: what another folder holds does not count."""
    now = now or datetime.now()
    backups = list_backups_in(folder)
    keep = backups_to_keep(backups, now)
    removed: list[Path] = []
    for backup in backups:
        if backup.path in keep:
            continue
        try:
            backup.path.unlink()
            removed.append(backup.path)
        except OSError:
            log.warning("could not remove old backup %s", backup.path, exc_info=True)
    return removed


# --- verifying and restoring ------------------------------------------------------------------


def verify_backup(path: Path) -> list[str]:
    """Why the backup at ``path`` cannot be restored (empty when it can)."""
    if not path.is_file():
        return [f"there is no backup file at {path}."]
    problems, _schema, _entries = database_problems(path)
    return problems


def restore_backup(
    journal_path: Path,
    backup: Path,
    *,
    now: datetime | None = None,
    set_aside: list[Path] | None = None,
    notes: list[str] | None = None,
) -> BackupInfo | None:
    """Replace the journal with ``backup``, after backing the current journal up.

    The caller must have closed every connection to the journal. Returns the backup of the
    journal as it was (None if there was no journal, or it could not be backed up because it
    is damaged, empty or from a newer version: then it is moved aside, and the new names are
    appended to ``set_aside``). Nothing changes if the backup does not verify or the current
    journal cannot be saved first. The restored journal keeps the journal's key (or, if it
    had none, the backup's); what people should know of that is appended to ``notes``.
    """
    problems = verify_backup(backup)
    if problems:
        raise BackupError(f"This backup cannot be restored: {problems[0]}")
    now = now or datetime.now()
    safety: BackupInfo | None = None
    # The journal keeps the encryption it has, even when it is damaged and set aside: an
    # encrypted one (its key unlocked, or PassphraseNeededError) is restored encrypted.
    had_key = key_for_file(journal_path) if journal_path.exists() else None
    moved: list[Path] = []
    try:
        if journal_path.exists() and database_problems(journal_path)[0]:
            moved = _set_aside(journal_path, now)  # damaged, empty or newer: kept beside it
            if set_aside is not None:
                set_aside.extend(moved)
        elif journal_path.exists():
            safety = backup_journal(journal_path, reason="before-restore", now=now)
        target_key = had_key or key_for_file(backup)
        _online_copy_into(backup, journal_path, target_key)
        make_journal_private(journal_path)
    except with_os_errors() as exc:
        raise BackupError(_why(exc, journal_path)) from exc
    if notes is not None and moved and target_key is None and read_records(journal_path.parent):
        notes.append(
            "The restored journal is not encrypted: the backup was not, and the damaged "
            "journal's key could not be read. Turn encryption on again (Preferences > "
            "Privacy, or 'interplay encrypt')."
        )
    log.info("restored %s from %s", journal_path, backup)
    return safety


def _online_copy_into(backup: Path, journal_path: Path, target_key: CipherKey | None) -> None:
    source_key = key_for_file(backup)
    if source_key != target_key:
        # Made under another passphrase (or none): copied under the journal's own key,
        # checked, then swapped in, so the journal keeps the passphrase it has now.
        rekeyed = journal_path.with_name(f".{journal_path.name}.restoring")
        export_copy(backup, source_key, rekeyed, target_key)
        problems = copy_problems(backup, source_key, rekeyed, target_key)
        if problems:
            rekeyed.unlink(missing_ok=True)
            raise BackupError(f"The backup could not be restored: {problems[0]}.")
        swap_in(rekeyed, journal_path, target_key)
        return
    src = connect(backup, read_only=True)
    try:
        dst = connect(journal_path, journal=False, key=target_key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _set_aside(journal_path: Path, now: datetime) -> list[Path]:
    stamp = now.strftime(_STAMP)
    moved = []
    for path in with_sidecars(journal_path):
        if path.exists():
            target = path.with_name(f"{path.name}.damaged-{stamp}")
            shutil.move(path, target)
            moved.append(target)
    return moved


# A partial backup older than this was left by a process that died while copying.
STALE_PART_SECONDS = 60


def remove_stale_parts(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the ``.NAME.part`` files a backup killed mid-copy left in ``folder``."""
    import time

    limit = (now if now is not None else time.time()) - STALE_PART_SECONDS
    removed = []
    for part in folder.glob(".*.part") if folder.is_dir() else ():
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < limit:
                part.unlink()
                removed.append(part)
    return removed
