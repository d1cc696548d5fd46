"""A second backup folder (a USB stick, another disk): which one, and copying backups into it.

The journal's own backups come first. Once one is made and verified, it is copied byte for
byte into the second folder, compared with the original, renamed into place, and that
folder is thinned by the same rotation on its own. A folder that is not there (a stick
that is unplugged) is never created, since that would write to the empty mount point on
the computer's own disk: it is simply not connected, and the next backup copies again.

The choice is kept in a small file beside the journal, not in it: restoring an old backup
must not change where backups go, and the file can still be read when the journal is
damaged, so a backup on the stick can be offered then too.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from journal.store.backup import BackupInfo, list_backups, list_backups_in, rotate_backups_in
from journal.store.errors import BackupError

log = logging.getLogger(__name__)

SECOND_FOLDER_FILENAME = "backup-folder.json"
_CHUNK = 1 << 20


# --- the choice ------------------------------------------------------------------------------


def read_second_folder(data_dir: Path) -> Path | None:
    """The second backup folder chosen for the journal in ``data_dir`` (None if none)."""
    try:
        raw = json.loads((data_dir / SECOND_FOLDER_FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # none chosen, or a file we cannot read: back up to the journal's folder only
    folder = raw.get("folder") if isinstance(raw, dict) else None
    return Path(folder) if isinstance(folder, str) and folder else None


def write_second_folder(data_dir: Path, folder: Path | None) -> None:
    """Remember ``folder`` as the second backup folder (None: stop using one)."""
    path = data_dir / SECOND_FOLDER_FILENAME
    if folder is None:
        path.unlink(missing_ok=True)
        return
    part = path.with_name(f".{path.name}.part")
    part.write_text(json.dumps({"folder": str(folder)}, indent=2) + "\n", encoding="utf-8")
    part.replace(path)


def folder_problem(folder: Path, data_dir: Path) -> str | None:
    """Why ``folder`` cannot hold the second copies (None when it can)."""
    if not folder.is_dir():
        return f"{folder} is not a folder that exists now. Plug the drive in and choose again."
    if folder.resolve().is_relative_to(data_dir.resolve()):
        return (
            "Choose a folder outside the journal's own folder (another drive is best): a copy "
            "beside the journal is lost with it."
        )
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".interplay-check-"):
            pass
    except OSError:
        return f"Interplay may not write to {folder}. Choose a folder you can save files in."
    return None


def is_connected(folder: Path) -> bool:
    """Whether the folder is there now (an unplugged stick's folder is not)."""
    try:
        return folder.is_dir()
    except OSError:
        return False


def free_bytes(folder: Path) -> int | None:
    """Free space where ``folder`` lives, or None if that cannot be told (not connected)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def all_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in the journal's folder and in a connected second folder, newest first."""
    found = list_backups(data_dir)
    second = read_second_folder(data_dir)
    if second is not None and is_connected(second):
        names = {b.path.name for b in found}
        found += [b for b in list_backups_in(second) if b.path.name not in names]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


# --- copying ---------------------------------------------------------------------------------


def copy_backup_to(backup: BackupInfo, folder: Path, now: datetime) -> BackupInfo:
    """Copy the verified ``backup`` into ``folder``, checked, then thin that folder.

    Raises ``BackupError`` (with a message for people) when the folder is not connected or
    the copy cannot be made; the journal's own backups are never touched.
    """
    if not is_connected(folder):
        raise BackupError(f"{folder} is not connected, so no copy was made there.")
    dest = folder / backup.path.name
    if not dest.exists():
        _checked_copy(backup.path, dest)
    rotate_backups_in(folder, now)
    log.info("copied the backup %s to %s", backup.path.name, folder)
    return BackupInfo(dest, backup.taken_at, dest.stat().st_size, backup.reason, backup.verified)


def has_backup_of_day(folder: Path, day: datetime) -> bool:
    return any(b.taken_at.date() == day.date() for b in list_backups_in(folder))


def _checked_copy(source: Path, dest: Path) -> None:
    part = dest.with_name(f".{dest.name}.part")
    try:
        shutil.copyfile(source, part)
        with part.open("rb") as handle:
            os.fsync(handle.fileno())
        if _digest(part) != _digest(source):
            raise BackupError(
                f"The copy in {dest.parent} did not match the backup; it was not kept."
            )
        part.replace(dest)
    except OSError as exc:
        raise BackupError(_why(exc, dest.parent)) from exc
    finally:
        with contextlib.suppress(OSError):  # the drive went away mid-copy: nothing to tidy
            part.unlink(missing_ok=True)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _why(exc: OSError, folder: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"{folder} is full, so no copy was made there. Free some space on that drive."
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return f"Interplay may not write to {folder}, so no copy was made there."
    if exc.errno in (errno.ENOENT, errno.EIO, errno.ENODEV):
        return f"{folder} went away during the copy (was the drive unplugged?). No copy was kept."
    return f"No copy was made in {folder} ({exc.strerror or exc})."
