"""Privacy: whether the journal is encrypted, unlocking it, and turning encryption on, off or
to a new passphrase for the interface (which never sees the store).

Converting closes every connection of the open journal first (the file is replaced); the
next read opens the new file with the new key. Passphrase rules and the strength hint are
here so the window and the command line say the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journal.store.cipher.kdf import KdfParams
from journal.store.cipher.keyring import PassphraseNeededError, WrongPassphraseError, lock_all
from journal.store.database import Database
from journal.store.encryption.stages import STAGES
from journal.store.encryption.unlock import (
    LOST_KEY_FILE,
    is_encrypted,
    journal_key,
    key_file_lost,
    needs_unlocking,
    recovery_file_text,
    tidy_leftovers,
    unlock_backup,
    unlock_journal,
)
from journal.store.errors import JournalError

__all__ = [
    "LOCK_AFTER",
    "LOST_KEY_FILE",
    "MIN_LENGTH",
    "STAGES",
    "ConversionCancelledError",
    "PassphraseNeededError",
    "PrivacyService",
    "Strength",
    "WrongPassphraseError",
    "backup_is_locked",
    "journal_is_locked",
    "key_file_lost",
    "lock_all",
    "passphrase_problem",
    "strength",
    "tidy_after_crash",
    "unlock",
    "unlock_backup_file",
]

MIN_LENGTH = 8
LOCK_AFTER_KEY = "privacy.lock_after_minutes"
LOCK_AFTER = (0, 5, 15, 30, 60)
"""The choices of minutes without use before the window locks (0: never)."""


def passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` cannot be used (None when it can)."""
    if not passphrase.strip():
        return "the passphrase is empty"
    if len(passphrase) < MIN_LENGTH:
        return f"a passphrase needs at least {MIN_LENGTH} characters"
    return None


@dataclass(frozen=True)
class Strength:
    """A rough guess of how hard a passphrase is to guess: 0 (weak) to 3 (strong)."""

    level: int
    words: str


def strength(passphrase: str) -> Strength:
    """Length and variety, in bits; several words beat a short jumble of symbols.

    Only a hint: it cannot know that a line of a song is easy to guess.
    """
    if not passphrase:
        return Strength(0, "")
    pools = (
        (str.islower, 26),
        (str.isupper, 26),
        (str.isdigit, 10),
        (lambda c: not c.isalnum(), 33),
    )
    pool = sum(size for test, size in pools if any(test(c) for c in passphrase))
    distinct = len(set(passphrase))
    bits = min(len(passphrase), distinct * 2) * math.log2(max(pool, 2))
    words = len(passphrase.split())
    bits = max(bits, words * 11.0 if words >= 4 else 0.0)  # random common words: ~11 bits each
    if len(passphrase) < MIN_LENGTH or bits < 40:
        return Strength(0, "Weak: easy to guess. Longer is better: try four or more words.")
    if bits < 60:
        return Strength(1, "Fair: a few more words or characters would make it much harder.")
    if bits < 80:
        return Strength(2, "Good.")
    return Strength(3, "Strong.")


def journal_is_locked(data_dir: Path) -> bool:
    """Whether the journal in ``data_dir`` is encrypted and its passphrase not given yet."""
    return is_encrypted(data_dir) and journal_key(data_dir) is None


def tidy_after_crash(data_dir: Path) -> None:
    """Remove the half-written copies a conversion killed midway left beside the journal
    (the journal itself is always whole). Only under the journal's lock."""
    tidy_leftovers(data_dir)


def unlock(data_dir: Path, passphrase: str) -> None:
    """Check ``passphrase`` (slow on purpose); raises ``WrongPassphraseError``."""
    unlock_journal(data_dir, passphrase)


def backup_is_locked(backup: Path) -> bool:
    """Whether the backup file is encrypted under a passphrase not given in this process."""
    return needs_unlocking(backup)


def unlock_backup_file(backup: Path, data_dir: Path, passphrase: str) -> bool:
    """Try ``passphrase`` on ``backup`` (slow on purpose); True once it opens it."""
    try:
        unlock_backup(backup, data_dir, passphrase)
    except WrongPassphraseError:
        return False
    return True


Progress = Callable[[str], None]
Cancelled = Callable[[], bool]

CANCEL_UNTIL = STAGES.index("new journal checked")
"""The last stage at which a conversion can still be cancelled: the next keeps a backup of
the converted journal and swaps it in, and neither is undone by cancelling."""


class ConversionCancelledError(JournalError):
    """The person cancelled the conversion before the swap; nothing was changed."""


class PrivacyService:
    """Encryption of the open journal, for Preferences > Privacy."""

    def __init__(self, data_dir: Path, db: Database, params: KdfParams | None = None) -> None:
        self.data_dir = data_dir
        self.db = db
        # Tests pass cheap Argon2id parameters here; people always get the default.
        self._params = params
        self._lock_after: int | None = None
        self._encrypted: bool | None = None
        self._lock_watchers: list[Callable[[], None]] = []

    @property
    def encrypted(self) -> bool:
        """Whether the journal is encrypted (kept; conversions through here update it)."""
        if self._encrypted is None:
            self._encrypted = is_encrypted(self.data_dir)
        return self._encrypted

    # --- locking when idle ---------------------------------------------------------------

    def watch_lock(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever what the idle lock depends on may have changed (the
        minutes, or a conversion: the journal encrypted or not), from the thread that
        changed it."""
        self._lock_watchers.append(callback)

    def unwatch_lock(self, callback: Callable[[], None]) -> None:
        if callback in self._lock_watchers:
            self._lock_watchers.remove(callback)

    def _lock_changed(self) -> None:
        for callback in list(self._lock_watchers):
            callback()

    @property
    def lock_after_minutes(self) -> int:
        """Minutes without use after which the window of an encrypted journal locks (0:
        never); read once, then kept."""
        if self._lock_after is None:
            from journal.store import plain_read as plain

            with self.db.plain_reading() as connection:
                stored = plain.get_setting(connection, LOCK_AFTER_KEY)
            value = stored.get("minutes") if isinstance(stored, dict) else None
            self._lock_after = value if isinstance(value, int) and value in LOCK_AFTER else 0
        return self._lock_after

    def set_lock_after(self, minutes: int) -> None:
        if minutes not in LOCK_AFTER:
            raise ValueError(f"lock after {minutes} minutes is not offered")
        from journal.store import repository as repo

        with self.db.transaction() as session:
            repo.put_setting(session, LOCK_AFTER_KEY, {"minutes": minutes})
        self._lock_after = minutes
        self._lock_changed()

    def encrypt(
        self,
        passphrase: str,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[str]:
        """Encrypt the journal and its backups; returns what was done, for people.

        ``cancelled``: asked at each stage until the swap; True stops the conversion there
        (``ConversionCancelledError``), with nothing changed.
        """
        from journal.store.encryption import convert

        report = self._converting(
            "encrypted",
            lambda stage: convert.encrypt_journal(
                self.data_dir, passphrase, params=self._params, progress=stage
            ),
            progress,
            cancelled,
        )
        self._recovery = recovery_file_text(report.key) if report.key else None
        return list(report.lines())

    def change(
        self,
        old: str,
        new: str,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[str]:
        from journal.store.encryption import convert

        report = self._converting(
            "encrypted under the new passphrase",
            lambda stage: convert.change_passphrase(
                self.data_dir, old, new, params=self._params, progress=stage
            ),
            progress,
            cancelled,
        )
        self._recovery = recovery_file_text(report.key) if report.key else None
        return list(report.lines())

    def remove(
        self,
        passphrase: str,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[str]:
        from journal.store.encryption import convert

        report = self._converting(
            "stored unencrypted",
            lambda stage: convert.decrypt_journal(self.data_dir, passphrase, progress=stage),
            progress,
            cancelled,
        )
        return [
            *report.lines(),
            "The backups stay encrypted: they open with the passphrase they were made with.",
        ]

    def _converting(
        self,
        becomes: str,
        work: Callable[[Progress], Any],
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> Any:
        """Run a conversion with every change refused meanwhile (one written to the old file
        would be lost at the swap) and every connection closed before it, at the swap and
        after it: a connection a timer opened meanwhile would go on reading the old file."""

        def stage(name: str) -> None:
            if name == "swapped":
                self.db.release()
            if cancelled is not None and name in STAGES[: CANCEL_UNTIL + 1] and cancelled():
                raise ConversionCancelledError(
                    "Cancelled: the journal was not converted; nothing was changed."
                )
            if progress is not None:
                progress(name)

        why = (
            f"The journal is being {becomes}: this change was not saved. Try again when it "
            "is done (it takes a moment)."
        )
        with self.db.writes_paused(why):
            self.db.release()
            tidy_leftovers(self.data_dir)
            try:
                return work(stage)
            finally:
                self.db.release()
                self._encrypted = None
                self._lock_changed()

    def recovery_key_text(self) -> str | None:
        """The recovery file of the key just set (None before one is set in this session)."""
        return getattr(self, "_recovery", None)

    def save_recovery_key(self, path: Path) -> None:
        """Write the recovery file of the key just set to ``path``, the owner's only from
        its first byte (raises ``OSError`` when it cannot be written)."""
        from journal.store.files import write_private_text

        text = self.recovery_key_text()
        if text is None:
            raise ValueError("no passphrase was set in this session")
        write_private_text(path, text)

    def backup_needs_passphrase(self, backup: Path) -> bool:
        """Whether ``backup`` is encrypted under a passphrase not given in this session."""
        return backup_is_locked(backup)

    def unlock_backup(self, backup: Path, passphrase: str) -> bool:
        """Try ``passphrase`` on ``backup`` (slow on purpose); True once it opens it."""
        return unlock_backup_file(backup, self.data_dir, passphrase)

    def check_passphrase(self, passphrase: str) -> bool:
        try:
            unlock_journal(self.data_dir, passphrase)
        except WrongPassphraseError:
            return False
        return True
