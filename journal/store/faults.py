"""Turn storage failures (read-only folder, full disk, busy or damaged file) into clear messages.

SQLite and the operating system report these as codes; people need to know what happened, that
nothing was half-written (every change is one transaction), and what they can do.
"""

from __future__ import annotations

import errno
from pathlib import Path

from journal.store.connection import errors
from journal.store.errors import (
    DiskFullError,
    JournalBusyError,
    JournalDamagedError,
    JournalError,
    JournalReadOnlyError,
)
from journal.store.space import disk_full_error, disk_is_full


def _sqlite_error(exc: BaseException) -> BaseException | None:
    """The sqlite3 error behind ``exc`` (SQLAlchemy wraps it as ``.orig``)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, errors()):
            return seen
        orig = getattr(seen, "orig", None)
        seen = orig if isinstance(orig, BaseException) else seen.__cause__
    return None


def explain(exc: BaseException, journal_path: Path) -> JournalError | None:
    """A ``JournalError`` for people describing ``exc``, or None if it is not a storage fault."""
    if isinstance(exc, JournalError):
        return exc
    folder = journal_path.parent
    if isinstance(exc, OSError) and exc.errno is not None:
        found = _from_errno(exc.errno, folder)
        if found is None and disk_is_full(folder):  # EIO and the like, on a disk with no room
            return _disk_full(folder)
        return found
    error = _sqlite_error(exc)
    if error is None:
        return None
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        # A journal opened read-only because the disk was full (``open_database``).
        return _disk_full(folder) if disk_is_full(folder) else _read_only(folder)
    if name == "SQLITE_CANTOPEN" or "unable to open" in text:
        return JournalReadOnlyError(
            f"Interplay cannot open or create its journal in {folder}. Check that the folder "
            "exists and that you may write to it, or choose another with --data-dir."
        )
    if name == "SQLITE_FULL" or "disk is full" in text:
        return _disk_full(folder)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return JournalBusyError(
            "The journal is busy: another program is using it. Nothing was saved; close the "
            "other program (or wait a moment) and try again."
        )
    if (
        name in ("SQLITE_CORRUPT", "SQLITE_NOTADB")
        or "malformed" in text
        or "not a database" in text
    ):
        return JournalDamagedError(
            f"The journal file {journal_path} is damaged or is not an Interplay journal. "
            "You can restore a backup (File > Backups, or 'interplay restore PATH').",
            journal_path,
        )
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        if disk_is_full(folder):  # SQLite says "disk I/O error" when the WAL index cannot grow
            return _disk_full(folder)
        return JournalError(
            f"The journal could not be read or written ({text}). Nothing was half-written; "
            "check the disk and try again."
        )
    return None


def _from_errno(code: int, folder: Path) -> JournalError | None:
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _read_only(folder)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return _disk_full(folder)
    return None


def _read_only(folder: Path) -> JournalReadOnlyError:
    return JournalReadOnlyError(
        f"Interplay cannot write to its data folder {folder} (it is read-only). Nothing was "
        "saved. Make the folder writable, or choose another with --data-dir."
    )


def _disk_full(folder: Path) -> DiskFullError:
    return disk_full_error(folder)


def read_only_error(folder: Path) -> JournalError:
    """The refusal of a change to a journal opened read-only: its folder cannot be written,
    or its disk is full."""
    return _disk_full(folder) if disk_is_full(folder) else _read_only(folder)


__all__ = ["explain", "read_only_error"]
