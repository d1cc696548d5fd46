"""An empty journal file: left by an interrupted first start, or emptied by something else.

A first start creates the journal and runs the first migration; killed in between, it leaves
a file of zero bytes or a page without tables. The app marks the journal it is creating
(``journal.sqlite3.creating`` beside it, removed once the schema is there), so it knows such a
file is its own and sets it up. Any other empty journal file (a sync tool, a crash, a disk
problem emptied it) is not opened as a new journal while a verified backup exists: the app
offers that backup, and every command but ``restore`` refuses, naming it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from journal.store.cipher.keyring import PassphraseNeededError
from journal.store.connection import connect, errors
from journal.store.errors import JournalDamagedError

if TYPE_CHECKING:
    from journal.store.backup import BackupInfo

CREATING_SUFFIX = ".creating"
# A SQLite file without tables is a page or two; a journal with its schema is far larger.
MAX_EMPTY_BYTES = 64 << 10


class EmptyJournalError(JournalDamagedError):
    """The journal file is empty while a verified backup exists; ``backup`` is the newest."""

    def __init__(
        self, message: str, journal_path: Path, backup: BackupInfo, summary: str = ""
    ) -> None:
        super().__init__(message, journal_path)
        self.backup = backup
        self.summary = summary or message
        """What happened, without the command that restores it (the window offers it)."""


@dataclass(frozen=True)
class EmptyJournal:
    """What is known of an empty journal file."""

    path: Path
    size: int
    made_by_app: bool
    """The app was creating it (its first start was interrupted): set it up."""
    backup: BackupInfo | None
    """The newest verified backup (None when the app made the file, or there is none)."""


def creating_marker(journal_path: Path) -> Path:
    return journal_path.with_name(journal_path.name + CREATING_SUFFIX)


def mark_creating(journal_path: Path) -> None:
    """Say "the app is creating this journal" until ``done_creating``."""
    with contextlib.suppress(OSError):
        creating_marker(journal_path).touch()


def done_creating(journal_path: Path) -> None:
    with contextlib.suppress(OSError):
        creating_marker(journal_path).unlink(missing_ok=True)


def is_empty_journal(path: Path) -> bool:
    """Whether ``path`` is a journal file with nothing in it: zero bytes, or a SQLite file
    without a single table. A damaged file is not empty (it says so elsewhere)."""
    try:
        size = path.stat().st_size
    except OSError:
        return False
    if size == 0:
        return True
    if size > MAX_EMPTY_BYTES:  # a journal with tables: no need to open it here
        return False
    refused: tuple[type[Exception], ...] = (*errors(), PassphraseNeededError)
    try:
        connection = connect(path, read_only=True)
    except refused:  # an encrypted journal is never one of these
        return False
    try:
        count = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except errors("DatabaseError"):
        return False
    finally:
        connection.close()
    return int(count) == 0


def newest_verified_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup (this folder's or the second folder's) that verifies, or that is
    encrypted under a passphrase not given yet (it is verified once its passphrase is)."""
    # Here, not at the top: every start asks whether the journal is empty, and only an
    # empty one needs the backups (their module loads hashlib, zip and the integrity check).
    from journal.store.backup import verify_backup
    from journal.store.backup_folder import all_backups

    for backup in all_backups(data_dir):
        if needs_passphrase(backup.path) or not verify_backup(backup.path):
            return backup
    return None


def needs_passphrase(path: Path) -> bool:
    """Whether ``path`` is encrypted (its salt named beside the journal) and still locked."""
    from journal.store.cipher.keyring import key_for_file

    try:
        key_for_file(path)
    except PassphraseNeededError:
        return True
    return False


def inspect_empty(journal_path: Path) -> EmptyJournal | None:
    """What to do with the journal at ``journal_path`` if it is empty (None if it is not)."""
    if not is_empty_journal(journal_path):
        return None
    made_by_app = creating_marker(journal_path).exists()
    backup = None if made_by_app else newest_verified_backup(journal_path.parent)
    size = journal_path.stat().st_size
    return EmptyJournal(journal_path, size, made_by_app, backup)


def refusal(state: EmptyJournal) -> EmptyJournalError:
    """The one line every command but ``restore`` says of an emptied journal with a backup."""
    assert state.backup is not None
    backup = state.backup
    when = backup.taken_at.strftime("%Y-%m-%d %H:%M")
    content = "0 bytes" if not state.size else f"{state.size:,} bytes and no tables"
    encrypted = needs_passphrase(backup.path)
    if encrypted:
        newest = f"The newest backup, encrypted, is from {when}"
        how = (
            " (it asks for the passphrase the backup was made with, or reads it from "
            "INTERPLAY_PASSPHRASE)"
        )
    else:
        newest, how = f"The newest verified backup is from {when}", ""
    happened = (
        f"The journal file {state.path} is empty ({content}); something other than Interplay "
        "emptied it (a sync tool, a crash). Nothing was changed."
    )
    return EmptyJournalError(
        f"{happened} {newest}: restore it with 'interplay restore {backup.path}'{how} (the "
        "empty file is kept beside it).",
        state.path,
        backup,
        summary=happened
        + (" Its backups are encrypted: Interplay asks for the passphrase next." * encrypted),
    )


def check_lines(state: EmptyJournal) -> tuple[list[str], list[str]]:
    """(notes, problems) of ``check`` for an empty journal file: the same verdict as opening."""
    if state.backup is not None:
        return [], [str(refusal(state))]
    if state.made_by_app:
        why = "a first start of Interplay was interrupted before it had set the journal up"
    else:
        why = "it is empty and there is no backup to restore"
    return [f"Empty journal: {why}; it holds no entries and is set up when Interplay opens it."], []
