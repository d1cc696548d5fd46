"""Unlocking: from a passphrase (or a recovery key) to the key of the journal or a backup.

The passphrase is turned into a key with the Argon2id parameters recorded for the file's
salt, checked against the record's check value (so a wrong passphrase is told at once and
no file is opened), and the key is kept in this process's keyring.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from journal.store.cipher.kdf import (
    DEFAULT_PARAMS,
    SALT_BYTES,
    KdfParams,
    checks_equal,
    derive_key,
    key_check,
)
from journal.store.cipher.keyfile import KeyRecord, add_record, key_file, record_for_salt
from journal.store.cipher.keyring import (
    CipherKey,
    WrongPassphraseError,
    file_salt,
    remember,
    unlocked,
)
from journal.store.files import journal_path, with_sidecars, write_private_text

RECOVERY_PREFIX = "interplay-recovery-key:"


@dataclass(frozen=True)
class NewKey:
    """A key made for a new passphrase, with the record the key file keeps for it."""

    key: CipherKey
    record: KeyRecord


def make_key(passphrase: str, params: KdfParams | None = None) -> NewKey:
    """A fresh salt and the key of ``passphrase`` with it (slow: Argon2id)."""
    params = params or DEFAULT_PARAMS
    salt = os.urandom(SALT_BYTES)
    key = derive_key(passphrase, salt, params)
    return NewKey(CipherKey(key, salt), KeyRecord(salt, params, key_check(key)))


def journal_record(data_dir: Path) -> KeyRecord | None:
    """The key record of the journal in ``data_dir``; None when the journal is not encrypted.

    The journal's first 16 bytes are its salt; a journal whose salt no record names is not
    one Interplay encrypted (a damaged file), and opening it says so.
    """
    salt = file_salt(journal_path(data_dir))
    if salt is None:
        return None
    record = record_for_salt(data_dir, salt)
    if record is None and key_file_lost(data_dir):
        # Its salt is the journal's first 16 bytes, so only the Argon2 cost is unknown: the
        # default one (every journal Interplay encrypts has it), checked by opening the file.
        return KeyRecord(salt, DEFAULT_PARAMS, "")
    return record


def key_file_lost(data_dir: Path) -> bool:
    """Whether the journal looks encrypted (its first bytes are random, not SQLite's header
    nor a damaged plain file's text) while the key file beside it is missing."""
    salt = file_salt(journal_path(data_dir))
    if salt is None or key_file(data_dir).exists():
        return False
    return len(set(salt)) >= SALT_BYTES // 2 and any(byte >= 0x80 for byte in salt)


def is_encrypted(data_dir: Path) -> bool:
    return journal_record(data_dir) is not None


def journal_key(data_dir: Path) -> CipherKey | None:
    """The journal's key if it was unlocked in this process."""
    record = journal_record(data_dir)
    return None if record is None else unlocked(record.salt)


def key_from(passphrase: str, record: KeyRecord) -> CipherKey:
    """The key that ``passphrase`` (or a recovery key) gives for ``record``; raises
    ``WrongPassphraseError`` when it is not the one."""
    recovered = parse_recovery_key(passphrase)
    if recovered is not None and recovered.salt == record.salt:
        key = recovered.key
    else:
        key = derive_key(passphrase, record.salt, record.params)
    if not checks_equal(key_check(key), record.check):
        raise WrongPassphraseError("That passphrase is not the journal's. Nothing was changed.")
    return CipherKey(key, record.salt)


def unlock_journal(data_dir: Path, passphrase: str) -> CipherKey:
    """Check ``passphrase`` and keep the journal's key for every connection of this process.

    A journal whose key file was lost is opened with the passphrase and the default cost (or
    the recovery key), and the key file is written again once it opens.
    """
    record = journal_record(data_dir)
    if record is None:
        raise WrongPassphraseError(f"The journal in {data_dir} is not encrypted.")
    if record.check:
        key = key_from(passphrase, record)
    else:
        key = _key_without_key_file(journal_path(data_dir), passphrase, record)
        with contextlib.suppress(OSError):  # a read-only folder: asked again next time
            add_record(data_dir, KeyRecord(key.salt, record.params, key_check(key.key)))
    remember(key)
    return key


LOST_KEY_FILE = (
    "The journal's key file (encryption.json) is missing. The salt it held is also at the "
    "start of the journal, so your passphrase is tried with Interplay's standard settings, "
    "and your recovery key opens it whatever they were."
)


def _key_without_key_file(path: Path, passphrase: str, record: KeyRecord) -> CipherKey:
    try:
        return _key_that_opens(path, passphrase, record)
    except WrongPassphraseError:
        raise WrongPassphraseError(
            f"That passphrase does not open the journal. {LOST_KEY_FILE} Nothing was changed."
        ) from None


def backup_record(path: Path, data_dir: Path) -> KeyRecord | None:
    """The record for an encrypted backup: the journal's key file names its salt, or (a
    backup brought from elsewhere) the default parameters are assumed without a check."""
    salt = file_salt(path)
    if salt is None:
        return None
    return record_for_salt(data_dir, salt) or KeyRecord(salt, DEFAULT_PARAMS, "")


def unlock_backup(path: Path, data_dir: Path, passphrase: str) -> CipherKey:
    """Check ``passphrase`` against the backup at ``path`` and keep its key."""
    record = backup_record(path, data_dir)
    if record is None:
        raise WrongPassphraseError(f"{path.name} is not encrypted.")
    if record.check:
        key = key_from(passphrase, record)
    else:
        key = _key_that_opens(path, passphrase, record)
    remember(key)
    return key


def _key_that_opens(path: Path, passphrase: str, record: KeyRecord) -> CipherKey:
    from journal.store.connection import connect, errors

    recovered = parse_recovery_key(passphrase)
    raw = recovered.key if recovered else derive_key(passphrase, record.salt, record.params)
    key = CipherKey(raw, record.salt)
    try:
        connection = connect(path, read_only=True, key=key)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except errors():
        raise WrongPassphraseError(
            f"That passphrase does not open {path.name}. Nothing was changed."
        ) from None
    return key


def needs_unlocking(path: Path) -> bool:
    """Whether the file at ``path`` is encrypted under a key not unlocked yet."""
    salt = file_salt(path)
    return salt is not None and unlocked(salt) is None


def leftovers(data_dir: Path) -> list[Path]:
    """Files an interrupted conversion left beside the journal (never the journal itself)."""
    path = journal_path(data_dir)
    names = (f".{path.name}.converting", f".{path.name}.restoring", f".{path.name}.rekey")
    return [p for name in names for p in with_sidecars(path.with_name(name)) if p.exists()]


def tidy_leftovers(data_dir: Path) -> None:
    """Remove what ``leftovers`` finds; on a read-only disk they stay (and harm nothing)."""
    for leftover in leftovers(data_dir):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


# --- the recovery key -------------------------------------------------------------------------


def recovery_key_text(key: CipherKey) -> str:
    """The key written out: typed (or pasted) where the passphrase is asked, it opens the
    journal, and every backup made under the same passphrase, without the passphrase."""
    return f"{RECOVERY_PREFIX}{key.salt.hex()}:{key.key.hex()}"


def parse_recovery_key(text: str) -> CipherKey | None:
    text = text.strip()
    if not text.startswith(RECOVERY_PREFIX):
        return None
    try:
        salt_hex, key_hex = text[len(RECOVERY_PREFIX) :].split(":")
        return CipherKey(bytes.fromhex(key_hex), bytes.fromhex(salt_hex))
    except ValueError:
        return None


def recovery_file_text(key: CipherKey) -> str:
    return (
        "Interplay recovery key\n"
        "\n"
        "Anyone with this key can read your journal. Keep it somewhere safe (printed, or on\n"
        "a drive you keep apart), not beside the journal. If you forget your passphrase,\n"
        "type or paste the line below where Interplay asks for the passphrase.\n"
        "It stops working when you change the passphrase.\n"
        "\n"
        f"{recovery_key_text(key)}\n"
    )


def write_recovery_file(path: Path, key: CipherKey) -> None:
    """Write the recovery file at ``path``, the owner's only from its first byte."""
    write_private_text(path, recovery_file_text(key))
