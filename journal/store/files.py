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


def write_private_text(path: Path, text: str) -> None:
    """Write ``path`` whole, the owner's only from its first byte: a file created 0600
    beside it (never readable by others, even for a moment), flushed, renamed over it."""
    part = path.with_name(f".{path.name}.part")
    part.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(part, flags, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        part.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise


def unwritable_file_problem(path: Path) -> str | None:
    """Why a new file cannot be written at ``path`` (None when it can, as far as can be
    known without writing it): it is a folder, its folder is missing or not writable."""
    if path.is_dir():
        return f"{path} is a folder: give the name of a file to write"
    folder = path.parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"Interplay may not write to the folder {folder}"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} cannot be replaced (it is read-only)"
    return None
