"""Errors of the services, for people: what happened, what it means for the data.

The store's errors are named here too, so the interface needs nothing from the store.
"""

from __future__ import annotations

import logging
from pathlib import Path

from journal.io.errors import ImportFileError
from journal.store.errors import (
    BackupError,
    DiskFullError,
    JournalBusyError,
    JournalDamagedError,
    JournalError,
    JournalReadOnlyError,
    NewerJournalError,
)
from journal.store.faults import explain

__all__ = [
    "BackupError",
    "DataError",
    "DiskFullError",
    "ExportCancelledError",
    "ImportCancelledError",
    "ImportRefusedError",
    "JournalBusyError",
    "JournalDamagedError",
    "JournalError",
    "JournalReadOnlyError",
    "NewerJournalError",
    "storage_fault",
]

log = logging.getLogger(__name__)


class DataError(JournalError):
    """An export, import, backup or restore failed; the message is for people."""


class ImportRefusedError(DataError):
    """A file was refused: where (file, line, field) and why. Nothing was imported."""

    def __init__(self, source: ImportFileError) -> None:
        super().__init__(str(source))
        self.file = source.file
        self.line = source.line
        self.field = source.field
        self.problem = source.problem


class ExportCancelledError(DataError):
    """The person cancelled an export; nothing was written."""


class ImportCancelledError(DataError):
    """The person cancelled the import; nothing was imported."""


def storage_fault(exc: BaseException, journal_path: Path) -> JournalError:
    """A storage failure as a message for people (each says nothing was half-written)."""
    explained = explain(exc, journal_path)
    if explained is None:
        log.error("unexpected storage error", exc_info=exc)
        explained = DataError(f"The journal file could not be used ({exc}). Nothing was changed.")
    return explained
