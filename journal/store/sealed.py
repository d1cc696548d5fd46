"""Encrypted exports: an export sealed in a SQLCipher file under a passphrase of its own.

The file is a SQLCipher 4 database (the journal's format, so nothing new to trust) holding
one table of named blobs: the JSON export. Its key is Argon2id of the export's passphrase
with the file's salt and ``SEALED_PARAMS``, fixed for this format: the file needs nothing
beside it, so it can be mailed or carried on a stick, and opens on another computer.
"""

from __future__ import annotations

import os
from pathlib import Path

from journal.store.cipher.kdf import SALT_BYTES, KdfParams, derive_key
from journal.store.cipher.keyring import CipherKey, WrongPassphraseError, file_salt, forget_file
from journal.store.connection import connect, errors

SEALED_SUFFIX = ".interplay"
# Format 1's cost, fixed (RFC 9106's second option, as the journal's default is now): a later
# format names its own, so files sealed today open whatever the journal's default becomes.
SEALED_PARAMS = KdfParams(time_cost=3, memory_kib=64 * 1024, parallelism=4)
_TABLE = "interplay_sealed_export"


def seal(document: Path, out: Path, passphrase: str, *, params: KdfParams = SEALED_PARAMS) -> None:
    """Write the export file ``document`` into the encrypted file ``out`` (whole or not at all).

    ``params``: the format's; only tests pass cheaper ones (and give them to ``unseal``).
    """
    salt = os.urandom(SALT_BYTES)
    key = CipherKey(derive_key(passphrase, salt, params), salt)
    part = out.with_name(f".{out.name}.part")
    part.unlink(missing_ok=True)
    try:
        connection = connect(part, journal=False, key=key)
        try:
            connection.execute(
                f"CREATE TABLE {_TABLE} (name TEXT PRIMARY KEY, format INTEGER, data BLOB)"
            )
            connection.execute(
                f"INSERT INTO {_TABLE} VALUES (?, 1, ?)", (document.name, document.read_bytes())
            )
        finally:
            connection.close()
        with part.open("rb") as handle:
            os.fsync(handle.fileno())
        part.replace(out)
        forget_file(out)
    finally:
        part.unlink(missing_ok=True)


def looks_sealed(path: Path) -> bool:
    """Whether ``path`` may be a sealed export (not JSON, CSV or plain SQLite; a whole page)."""
    if not path.is_file() or file_salt(path) is None:
        return False
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return size >= 1024 and size % 512 == 0 and not start.startswith((b"{", b"["))


def unseal(path: Path, passphrase: str, *, params: KdfParams = SEALED_PARAMS) -> tuple[str, bytes]:
    """(name, bytes) of the export in the sealed file; ``WrongPassphraseError`` otherwise."""
    salt = file_salt(path)
    if salt is None:
        raise WrongPassphraseError(f"{path.name} is not an encrypted export.")
    key = CipherKey(derive_key(passphrase, salt, params), salt)
    try:
        connection = connect(path, read_only=True, key=key)
        try:
            row = connection.execute(f"SELECT name, data FROM {_TABLE} LIMIT 1").fetchone()
        finally:
            connection.close()
    except errors():
        raise WrongPassphraseError(
            f"That passphrase does not open {path.name} (or it is not an encrypted export "
            "from Interplay). Nothing was imported."
        ) from None
    if row is None:
        raise WrongPassphraseError(f"{path.name} holds no export.")
    return str(row[0]), bytes(row[1])
