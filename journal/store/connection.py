"""The one function that opens a DB-API connection to a journal file.

The engine, the integrity check, backups and restore all connect through ``connect``, so a
different driver or an encryption key is added in one place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

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


def connect(path: Path, *, read_only: bool = False, journal: bool = True) -> sqlite3.Connection:
    """A connection to the SQLite file at ``path``, in autocommit mode (callers BEGIN).

    ``journal``: apply the journal's pragmas (WAL, foreign keys, synchronous, busy timeout);
    a backup being written is a plain file and takes none. ``read_only``: a connection that
    can neither change nor create the file; in a folder where SQLite cannot create the WAL
    index, the file is read as it is (immutable).
    """
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_only:
        uri = path.resolve().as_uri()
        connection = sqlite3.connect(
            f"{uri}?mode=ro", uri=True, timeout=timeout, check_same_thread=False
        )
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        except sqlite3.OperationalError:
            connection.close()
            connection = sqlite3.connect(
                f"{uri}?immutable=1", uri=True, timeout=timeout, check_same_thread=False
            )
        except sqlite3.DatabaseError:
            pass  # not a database: the caller's first query says so
        connection.isolation_level = None
        return connection
    # The engine's pool hands a connection to one thread at a time, but not always the
    # thread that opened it (imports run off the interface thread).
    connection = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    # Let the caller (SQLAlchemy's begin event, or explicit SQL), not the sqlite3 module,
    # decide where transactions begin.
    connection.isolation_level = None
    if journal:
        apply_pragmas(connection)
    return connection
