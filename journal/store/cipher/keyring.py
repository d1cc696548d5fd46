"""The keys unlocked in this process, and which key (if any) a database file needs.

A key is unlocked once (the passphrase asked for, Argon2id run) and kept here by its salt,
so the lazy engine, first-paint reads, backups and their checks all key their connections
without asking again. ``lock_all`` forgets every key (quitting, or locking when idle).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from journal.store.cipher.kdf import KEY_BYTES, SALT_BYTES
from journal.store.cipher.keyfile import KEY_FILENAME, record_for_salt
from journal.store.errors import JournalError

PLAIN_HEADER = b"SQLite format 3\x00"


class PassphraseNeededError(JournalError):
    """The file is encrypted and its passphrase has not been given in this process."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class WrongPassphraseError(JournalError):
    """The passphrase given does not open the file."""


@dataclass(frozen=True)
class CipherKey:
    """A raw SQLCipher key and the salt of the files it opens."""

    key: bytes
    salt: bytes

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES or len(self.salt) != SALT_BYTES:
            raise ValueError("a SQLCipher key is 32 bytes and its salt 16")

    @property
    def pragma_value(self) -> str:
        """The value of ``PRAGMA key``: the raw key then the file salt, in hex."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"

    def __repr__(self) -> str:  # never a key in a log or a traceback
        return f"CipherKey(salt={self.salt.hex()})"


_lock = threading.Lock()
_unlocked: dict[bytes, CipherKey] = {}


def remember(key: CipherKey) -> None:
    with _lock:
        _unlocked[key.salt] = key


def unlocked(salt: bytes) -> CipherKey | None:
    with _lock:
        return _unlocked.get(salt)


def lock_all() -> None:
    with _lock:
        _unlocked.clear()


def file_salt(path: Path) -> bytes | None:
    """The SQLCipher salt that starts ``path``; None for a plain SQLite file, an empty or
    missing one (which any text that is not a salt also is, when no key file names it)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SALT_BYTES)
    except OSError:
        return None
    if len(head) < SALT_BYTES or head == PLAIN_HEADER:
        return None
    return head


def is_plain_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def key_for_file(path: Path) -> CipherKey | None:
    """The key that opens ``path``, or None if it needs none.

    A file whose salt a key file beside it (the journal's folder, or the folder above a
    backups folder) names, but whose key was not unlocked, raises ``PassphraseNeededError``.
    Anything else that is not SQLite (a damaged file) gets None: SQLite then says what it is.
    """
    salt = file_salt(path)
    if salt is None:
        return None
    key = unlocked(salt)
    if key is not None:
        return key
    for folder in (path.parent, path.parent.parent):
        if (folder / KEY_FILENAME).exists() and record_for_salt(folder, salt) is not None:
            raise PassphraseNeededError(
                f"{path.name} is encrypted: its passphrase is needed to open it.", path
            )
    return None
