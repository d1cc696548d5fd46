"""The names of the files a journal's data folder holds."""

from __future__ import annotations

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
