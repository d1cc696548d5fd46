"""The one function that opens a DB-API connection to a journal file.

The engine, the integrity check, backups and restore all connect through ``connect``, so the
driver and the key of an encrypted file are chosen in one place: a file that starts with a
SQLCipher salt whose key was unlocked (``journal.store.cipher.keyring``) is opened with
SQLCipher and keyed before anything else is read.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from types import ModuleType

from journal.store.cipher.keyring import CipherKey, file_is_new, key_for_file, note_file

BUSY_TIMEOUT_MS = 5000

# synchronous=FULL: a health journal must not lose a committed entry on power loss; with
# WAL the cost is one fsync per commit, which the benchmark shows is a few ms at most.
PRAGMAS: tuple[tuple[str, str], ...] = (
    ("journal_mode", "WAL"),
    ("foreign_keys", "ON"),
    ("synchronous", "FULL"),
    ("busy_timeout", str(BUSY_TIMEOUT_MS)),
)


def apply_pragmas(connection: sqlite3.Connection) -> None:
    cursor = connection.cursor()
    try:
        for name, value in PRAGMAS:
            cursor.execute(f"PRAGMA {name}={value}")
    finally:
        cursor.close()


def connect(
    path: Path,
    *,
    read_only: bool = False,
    journal: bool = True,
    key: CipherKey | None = None,
) -> sqlite3.Connection:
    """A connection to the SQLite file at ``path``, in autocommit mode (callers BEGIN).

    ``journal``: apply the journal's pragmas (WAL, foreign keys, synchronous, busy timeout);
    a backup being written is a plain file and takes none. ``read_only``: a connection that
    can neither change nor create the file; in a folder where SQLite cannot create the WAL
    index, the file is read as it is (immutable). ``key``: the key of a file being created
    encrypted; an existing encrypted file's key is found from its salt (and raises
    ``PassphraseNeededError`` when it was not unlocked).
    """
    new = file_is_new(path)
    key = key or key_for_file(path)
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_only:
        uri = path.resolve().as_uri()
        connection = _open(f"{uri}?mode=ro", key, uri=True, timeout=timeout)
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        except errors("OperationalError"):
            connection.close()
            connection = _open(f"{uri}?immutable=1", key, uri=True, timeout=timeout)
        except errors("DatabaseError"):
            pass  # not a database: the caller's first query says so
        connection.isolation_level = None
        return connection
    # The engine's pool hands a connection to one thread at a time, but not always the
    # thread that opened it (imports run off the interface thread).
    connection = _open(str(path), key, uri=False, timeout=timeout)
    if new:  # SQLite created it (or will write its header): never read it behind SQLite's back
        note_file(path, key)
    # Let the caller (SQLAlchemy's begin event, or explicit SQL), not the sqlite3 module,
    # decide where transactions begin.
    connection.isolation_level = None
    if journal:
        apply_pragmas(connection)
    return connection


def _open(target: str, key: CipherKey | None, *, uri: bool, timeout: float) -> sqlite3.Connection:
    if key is None:
        return sqlite3.connect(target, uri=uri, timeout=timeout, check_same_thread=False)
    from journal.store.cipher.driver import open_keyed

    return open_keyed(target, key, uri=uri, timeout=timeout)


def errors(name: str = "Error") -> tuple[type[Exception], ...]:
    """The exception class ``name`` of every driver in use (see ``cipher.driver.errors``)."""
    if "sqlcipher3.dbapi2" not in sys.modules:
        return (getattr(sqlite3, name),)
    from journal.store.cipher.driver import errors as both

    return both(name)


def is_dbapi_connection(thing: object) -> bool:
    """Whether ``thing`` is a bare connection of either driver (not an SQLAlchemy session)."""
    return isinstance(thing, sqlite3.Connection) or type(thing).__module__.startswith("sqlcipher3")


def with_os_errors() -> tuple[type[BaseException], ...]:
    """``OSError`` and every driver's database error: what a file copy can fail with."""
    return (OSError, *errors())


def dbapi_for(path: Path) -> ModuleType:
    """The DB-API module SQLAlchemy should wrap for ``path`` (so it knows its errors)."""
    if key_for_file(path) is None:
        return sqlite3
    from journal.store.cipher.driver import cipher_dbapi

    return cipher_dbapi()
