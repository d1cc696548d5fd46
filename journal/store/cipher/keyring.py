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


# The salt (or None: plain) of each file seen, by its inode. Reading a file's first bytes with
# open() and close() while SQLite has it open in this process would drop every POSIX lock
# SQLite holds on it (close() releases all of a process's locks on a file), and SQLite would
# then take a connection for the last one and delete a WAL still in use. So a file is read
# once, before SQLite opens it, or not at all: ``note_file`` records a file SQLite created.
_salts: dict[tuple[str, int, int], bytes | None] = {}


def _identity(path: Path) -> tuple[tuple[str, int, int], int] | None:
    try:
        status = path.stat()  # no file descriptor: no lock is touched
    except OSError:
        return None
    return (str(path.absolute()), status.st_dev, status.st_ino), status.st_size


def file_salt(path: Path) -> bytes | None:
    """The SQLCipher salt that starts ``path``; None for a plain SQLite file, an empty or
    missing one (which any text that is not a salt also is, when no key file names it)."""
    found = _identity(path)
    if found is None:
        return None
    identity, size = found
    with _lock:
        if identity in _salts:
            return _salts[identity]
    if size < SALT_BYTES:
        return None  # empty or new: SQLite writes its first page; ``note_file`` records it
    try:
        with path.open("rb") as handle:
            head = handle.read(SALT_BYTES)
    except OSError:
        return None
    salt = None if len(head) < SALT_BYTES or head == PLAIN_HEADER else head
    with _lock:
        _salts[identity] = salt
    return salt


def note_file(path: Path, key: CipherKey | None) -> None:
    """Record the salt of a file SQLite just created (or found empty) with ``key``."""
    found = _identity(path)
    if found is not None:
        with _lock:
            _salts[found[0]] = None if key is None else key.salt


def forget_file(path: Path) -> None:
    """Forget what was read of ``path``: a file was just renamed over it (the new one may even
    reuse the old inode's number)."""
    name = str(path.absolute())
    with _lock:
        for identity in [i for i in _salts if i[0] == name]:
            del _salts[identity]


def file_is_new(path: Path) -> bool:
    """Whether ``path`` is missing or shorter than a salt (SQLite will create its header)."""
    found = _identity(path)
    return found is None or found[1] < SALT_BYTES


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
