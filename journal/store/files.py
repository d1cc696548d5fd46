"""The names of the files a journal's data folder holds."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

JOURNAL_FILENAME = "journal.sqlite3"
BACKUPS_DIRNAME = "backups"
LOCK_FILENAME = "interplay.lock"
# SQLite's companions of a database in WAL mode.
SIDECAR_SUFFIXES = ("-wal", "-shm")


def journal_path(data_dir: Path) -> Path:
    return data_dir / JOURNAL_FILENAME


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUPS_DIRNAME


def with_sidecars(path: Path) -> list[Path]:
    """A database file and its WAL and shared-memory files (which may not exist)."""
    return [path, *(path.with_name(path.name + suffix) for suffix in SIDECAR_SUFFIXES)]


# A health journal is private: its folder is the owner's alone (rwx------), and every file
# in it (journal, WAL, backups, log, exports written there) is rw-------, whatever the umask.
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if needed; a folder made here is the owner's only.

    A folder that already exists keeps its mode: ``--data-dir`` may name one the person
    shares on purpose.
    """
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    make_private(folder, PRIVATE_FOLDER_MODE)


def make_private(path: Path, mode: int = PRIVATE_FILE_MODE) -> None:
    """Give ``path`` the private mode; a file that is gone or cannot be changed (a read-only
    disk, another owner) is left as it is: privacy must never stop the journal working."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        path.chmod(mode)


def make_journal_private(journal: Path) -> None:
    """The journal and its WAL and shared-memory files (SQLite gives new ones its mode)."""
    for path in with_sidecars(journal):
        make_private(path)
