"""The store's errors, each with a message meant for people (what happened, what to do)."""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """A journal cannot be opened or used; the message is meant for the user."""


class NewerJournalError(JournalError):
    """The journal was written by a newer version of Interplay than this one."""


class JournalReadOnlyError(JournalError):
    """The data folder or journal file cannot be written."""


class DiskFullError(JournalError):
    """The disk (or the journal's size limit) is full."""


class JournalBusyError(JournalError):
    """Another program holds the journal's write lock."""


class JournalDamagedError(JournalError):
    """The journal file is damaged or is not a journal; a backup may be restored."""

    def __init__(self, message: str, journal_path: Path) -> None:
        super().__init__(message)
        self.journal_path = journal_path


class BackupError(JournalError):
    """A backup or restore could not be done; the message says why, for people."""
