"""Copies of a journal under another key (or none), checked, and swapped in whole.

Encrypting, decrypting, changing the passphrase and restoring a backup made under another
passphrase all write the new file beside the old one (``sqlcipher_export``), check it
against the old (integrity, and the same rows in every table), and only then rename it over
the old file, so a crash at any moment leaves the old file or the new one, never half of
either. The old file's WAL is folded into it before the swap: a stale WAL beside the new
file would be replayed into it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from journal.store.cipher.driver import open_keyed
from journal.store.cipher.keyfile import fsync_folder
from journal.store.cipher.keyring import CipherKey, forget_file, note_file
from journal.store.connection import BUSY_TIMEOUT_MS, connect, errors
from journal.store.files import make_private, with_sidecars


def export_copy(
    source: Path, source_key: CipherKey | None, dest: Path, dest_key: CipherKey | None
) -> None:
    """Write every table, index and row of ``source`` into the new file ``dest``, keyed
    with ``dest_key`` (None: a plain SQLite file), flushed to disk."""
    for leftover in with_sidecars(dest):
        leftover.unlink(missing_ok=True)
    connection = open_keyed(str(source), source_key, uri=False, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.isolation_level = None
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute(
            "ATTACH DATABASE ? AS target KEY ?",
            (str(dest), dest_key.pragma_value if dest_key else ""),
        )
        connection.execute("SELECT sqlcipher_export('target')")
        connection.execute(f"PRAGMA target.user_version = {int(version)}")
        connection.execute("DETACH DATABASE target")
    finally:
        connection.close()
    with dest.open("rb") as handle:
        os.fsync(handle.fileno())
    note_file(dest, dest_key)  # made by SQLite here: never read behind its back


def copy_problems(
    source: Path, source_key: CipherKey | None, dest: Path, dest_key: CipherKey | None
) -> list[str]:
    """Why ``dest`` is not a faithful copy of ``source`` (empty when it is)."""
    try:
        old = connect(source, read_only=True, key=source_key)
        new = connect(dest, read_only=True, key=dest_key)
    except errors() as exc:
        return [f"the copy cannot be opened ({exc})"]
    try:
        integrity = [r[0] for r in new.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return [f"the copy is damaged ({integrity[0]})"]
        tables = _tables(old)
        if _tables(new) != tables:
            return ["the copy does not hold the same tables"]
        for table in sorted(tables):
            query = f'SELECT count(*) FROM "{table}"'
            if old.execute(query).fetchone() != new.execute(query).fetchone():
                return [f"the copy does not hold every row of {table}"]
        return []
    except errors("DatabaseError") as exc:
        return [f"the copy cannot be read ({exc})"]
    finally:
        old.close()
        new.close()


def _tables(connection: object) -> set[str]:
    rows = connection.execute(  # type: ignore[attr-defined]
        "SELECT name FROM sqlite_master WHERE type = 'table'"
    )
    return {str(name) for (name,) in rows}


def fold_wal(path: Path, key: CipherKey | None) -> None:
    """Write the WAL of ``path`` into it and remove the WAL (rollback mode until reopened)."""
    if not path.exists():
        return
    connection = connect(path, journal=False, key=key)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        connection.execute("PRAGMA journal_mode=DELETE").fetchall()
    finally:
        connection.close()


def swap_in(new: Path, path: Path, key: CipherKey | None) -> None:
    """Replace ``path`` (keyed with ``key``) by the checked file ``new``, in one rename."""
    fold_wal(path, key)
    make_private(new)  # the owner's only, as every file of the journal (whatever the umask)
    new.replace(path)
    forget_file(path)
    fsync_folder(path.parent)
    for sidecar in with_sidecars(path)[1:]:
        with contextlib.suppress(OSError):
            sidecar.unlink(missing_ok=True)


def rekey_file(
    path: Path, old_key: CipherKey | None, new_key: CipherKey | None, *, part: Path | None = None
) -> None:
    """Rewrite the database at ``path`` under ``new_key``: copied beside, checked, swapped.

    Raises ``RekeyError`` if the copy does not check; ``path`` is then untouched.
    """
    part = part or path.with_name(f".{path.name}.rekey")
    try:
        export_copy(path, old_key, part, new_key)
        problems = copy_problems(path, old_key, part, new_key)
        if problems:
            raise RekeyError(problems[0])
        swap_in(part, path, old_key)
    finally:
        for leftover in with_sidecars(part):
            leftover.unlink(missing_ok=True)


class RekeyError(Exception):
    """A copy under the new key did not check; nothing was replaced."""
