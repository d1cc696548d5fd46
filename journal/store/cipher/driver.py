"""The SQLCipher driver (the ``sqlcipher3`` wheel), loaded only when an encrypted file is opened.

``sqlcipher3`` is the maintained DB-API binding of SQLCipher and, from 0.6.4, installs from
manylinux, macOS and Windows wheels with SQLCipher 4 and its crypto built in, so a fresh
machine needs no compiler or system library. Plain journals keep Python's own ``sqlite3``: a
person who never encrypts pays nothing for it at start-up.
"""

from __future__ import annotations

import sqlite3
import sys
from types import ModuleType
from typing import cast

from journal.store.cipher.keyring import CipherKey

_MODULE = "sqlcipher3.dbapi2"


def cipher_dbapi() -> ModuleType:
    """The SQLCipher DB-API module (imported on first use, its logging silenced)."""
    loaded = sys.modules.get(_MODULE)
    if loaded is not None:
        return loaded
    import sqlcipher3.dbapi2

    module = sqlcipher3.dbapi2
    # SQLCipher writes a line to stderr for every page a wrong key cannot decrypt; the
    # command line promises one line, and the key check already says what is wrong.
    quiet = module.connect(":memory:")
    try:
        quiet.execute("PRAGMA cipher_log_level = NONE")
    finally:
        quiet.close()
    return cast(ModuleType, module)


def errors(name: str = "Error") -> tuple[type[Exception], ...]:
    """``sqlite3``'s exception class ``name`` and, once SQLCipher is loaded, its own.

    SQLCipher's driver is a separate build of the sqlite3 module: its errors are not
    subclasses of ``sqlite3.Error``, so every ``except`` of a database error uses this.
    """
    found: list[type[Exception]] = [getattr(sqlite3, name)]
    module = sys.modules.get(_MODULE)
    if module is not None:
        found.append(getattr(module, name))
    return tuple(found)


def open_keyed(
    target: str, key: CipherKey | None, *, uri: bool, timeout: float
) -> sqlite3.Connection:
    """A SQLCipher connection to ``target`` whose first statement sets ``key`` (None: a
    plain file opened with SQLCipher's driver, to export it into an encrypted one)."""
    module = cipher_dbapi()
    connection = module.connect(target, uri=uri, timeout=timeout, check_same_thread=False)
    if key is not None:
        connection.execute(f'PRAGMA key = "{key.pragma_value}"')
    # Typed as sqlite3's: the two drivers share one API, and callers need no second type.
    return cast(sqlite3.Connection, connection)
