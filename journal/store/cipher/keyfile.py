"""The key file beside an encrypted journal: for each salt, the Argon2id parameters and a check.

It holds no key and no passphrase. SQLCipher starts every encrypted file with its 16-byte
salt in the clear; the journal and its backups are keyed with the Argon2 salt as that file
salt, so the first 16 bytes of any encrypted file name the record that opens it. Records of
earlier passphrases stay (newest first), so a backup made before a change of passphrase
can still be opened with the passphrase it was made with.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from journal.store.cipher.kdf import KdfParams
from journal.store.files import make_private

KEY_FILENAME = "encryption.json"
FORMAT = 1


@dataclass(frozen=True)
class KeyRecord:
    """How to turn a passphrase into the key of the files that start with ``salt``."""

    salt: bytes
    params: KdfParams
    check: str

    def as_dict(self) -> dict[str, object]:
        return {"salt": self.salt.hex(), **self.params.as_dict(), "check": self.check}

    @staticmethod
    def from_dict(raw: dict[str, object]) -> KeyRecord:
        def number(name: str) -> int:
            value = raw[name]
            if not isinstance(value, int) or value < 1:
                raise ValueError(name)
            return value

        salt, check = raw["salt"], raw["check"]
        if not isinstance(salt, str) or not isinstance(check, str):
            raise ValueError("salt")
        params = KdfParams(number("time_cost"), number("memory_kib"), number("parallelism"))
        return KeyRecord(bytes.fromhex(salt), params, check)


def key_file(data_dir: Path) -> Path:
    return data_dir / KEY_FILENAME


def read_records(data_dir: Path) -> list[KeyRecord]:
    """The records of the journal in ``data_dir``, newest first (empty if it has none)."""
    try:
        raw = json.loads(key_file(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    records: list[KeyRecord] = []
    for item in raw.get("keys", []) if isinstance(raw, dict) else []:
        try:
            records.append(KeyRecord.from_dict(item))
        except (KeyError, TypeError, ValueError):
            continue  # one unreadable record must not hide the others
    return records


def record_for_salt(data_dir: Path, salt: bytes) -> KeyRecord | None:
    return next((r for r in read_records(data_dir) if r.salt == salt), None)


def write_records(data_dir: Path, records: list[KeyRecord]) -> None:
    """Replace the key file whole (written beside, flushed to disk, renamed)."""
    path = key_file(data_dir)
    part = path.with_name(f".{path.name}.part")
    document = {
        "format": FORMAT,
        "cipher": "SQLCipher 4, raw 256-bit key",
        "kdf": "argon2id",
        "keys": [r.as_dict() for r in records],
    }
    with part.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(document, indent=2) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    make_private(part)
    part.replace(path)
    fsync_folder(data_dir)


def add_record(data_dir: Path, record: KeyRecord) -> None:
    """Put ``record`` first, keeping every other record."""
    others = [r for r in read_records(data_dir) if r.salt != record.salt]
    write_records(data_dir, [record, *others])


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
