"""Turning encryption on, off, or to a new passphrase: the journal and its backups.

Each conversion writes the journal anew beside the old file, checks it row for row, keeps a
verified (encrypted) backup of it, folds the old file's WAL into the old file and renames
the new one over it: a crash before that rename leaves the old journal with the old
passphrase, after it the new journal with the new one, and the key file names both salts
throughout. The backups are then rewritten one by one the same way. Plain text left in
freed disk blocks by the old files is beyond what a program can reliably erase (SSDs remap
writes); only encrypting from the first entry avoids it.

``progress(stage)`` is called at every stage (the crash tests kill the process there).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from journal.store.backup import backup_journal
from journal.store.backup_folder import is_connected, read_second_folder
from journal.store.cipher.kdf import KdfParams
from journal.store.cipher.keyfile import KeyRecord, add_record, record_for_salt
from journal.store.cipher.keyring import CipherKey, WrongPassphraseError, file_salt, remember
from journal.store.connection import with_os_errors
from journal.store.encryption.stages import STAGES
from journal.store.encryption.unlock import (
    journal_record,
    key_from,
    make_key,
    tidy_leftovers,
)
from journal.store.errors import JournalError
from journal.store.files import journal_path, with_sidecars
from journal.store.rekey import RekeyError, copy_problems, export_copy, rekey_file, swap_in

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


class ConversionError(JournalError):
    """The journal could not be converted; the message says why, and that nothing changed."""


@dataclass
class ConversionReport:
    """What a conversion did, in words for people."""

    journal: Path
    backup: Path | None = None
    backups_rewritten: int = 0
    backups_left: list[Path] = field(default_factory=list)
    key: CipherKey | None = None
    unplugged: Path | None = None
    """The second backup folder, when it was not connected to be rewritten too."""

    def lines(self) -> list[str]:
        lines = []
        if self.backup is not None:
            lines.append(f"A backup of the journal (encrypted) is at {self.backup}")
        if self.backups_rewritten:
            lines.append(f"{self.backups_rewritten} backup(s) were rewritten to match.")
        if self.unplugged is not None:
            lines.append(
                f"The second backup folder {self.unplugged} is not connected, so its backups "
                "were left as they are (older ones may be unencrypted); the next backups "
                "copied there are encrypted."
            )
        if self.backups_left:
            lines.append(
                f"{len(self.backups_left)} backup(s) made under another passphrase were left "
                "as they are; they open with the passphrase they were made with."
            )
        return lines


def _quiet(_stage: str) -> None:
    pass


def encrypt_journal(
    data_dir: Path,
    passphrase: str,
    *,
    params: KdfParams | None = None,
    progress: Progress = _quiet,
) -> ConversionReport:
    """Encrypt the plain journal in ``data_dir`` (and its plain backups) with ``passphrase``.

    The caller holds the journal's lock and has closed its connections. ``params``: the
    Argon2id cost (the default unless a test passes a cheap one).
    """
    path = journal_path(data_dir)
    if journal_record(data_dir) is not None:
        raise ConversionError("The journal is already encrypted. Nothing was changed.")
    if not path.exists():
        raise ConversionError(f"There is no journal in {data_dir} to encrypt.")
    made = make_key(passphrase, params)
    return _convert(data_dir, None, made.key, progress, record=made.record)


def decrypt_journal(
    data_dir: Path, passphrase: str | CipherKey, *, progress: Progress = _quiet
) -> ConversionReport:
    """Store the journal as a plain file again; its backups stay encrypted.

    ``passphrase``: the journal's, or its key already unlocked (so it is not asked twice).
    """
    old = _unlock_for_change(data_dir, passphrase)
    return _convert(data_dir, old, None, progress)


def change_passphrase(
    data_dir: Path,
    passphrase: str | CipherKey,
    new_passphrase: str,
    *,
    params: KdfParams | None = None,
    progress: Progress = _quiet,
) -> ConversionReport:
    """Re-encrypt the journal and its backups under ``new_passphrase``.

    ``params``: the Argon2id cost of the new key; by default the one the journal has now.
    """
    old = _unlock_for_change(data_dir, passphrase)
    record = record_for_salt(data_dir, old.salt)
    assert record is not None
    made = make_key(new_passphrase, params or record.params)
    return _convert(data_dir, old, made.key, progress, record=made.record)


def _unlock_for_change(data_dir: Path, passphrase: str | CipherKey) -> CipherKey:
    record = journal_record(data_dir)
    if record is None:
        raise ConversionError("The journal is not encrypted. Nothing was changed.")
    if isinstance(passphrase, CipherKey):
        if passphrase.salt != record.salt:
            raise WrongPassphraseError("That key is not the journal's. Nothing was changed.")
        return passphrase
    key = key_from(passphrase, record)
    remember(key)
    return key


def _convert(
    data_dir: Path,
    old: CipherKey | None,
    new: CipherKey | None,
    progress: Progress,
    *,
    record: KeyRecord | None = None,
) -> ConversionReport:
    path = journal_path(data_dir)
    part = path.with_name(f".{path.name}.converting")
    report = ConversionReport(journal=path, key=new)
    if new is not None:
        assert record is not None
        add_record(data_dir, record)  # before any file has the new salt: it always opens
        remember(new)
    progress(STAGES[0])
    try:
        export_copy(path, old, part, new)
        progress(STAGES[1])
        problems = copy_problems(path, old, part, new)
        if problems:
            raise ConversionError(
                f"The converted journal did not check ({problems[0]}); nothing was changed."
            )
        progress(STAGES[2])
        # The backup kept is of the new file when it is encrypted; decrypting keeps one of
        # the journal as it was (encrypted): a backup is never written in plain text here.
        kept = part if new is not None else path
        report.backup = backup_journal(kept, reason=_reason(old, new)).path
        progress(STAGES[3])
        swap_in(part, path, old)
        progress(STAGES[4])
    except RekeyError as exc:
        raise ConversionError(f"The journal could not be converted ({exc}).") from exc
    finally:
        for leftover in with_sidecars(part):
            leftover.unlink(missing_ok=True)
    if new is not None:
        _rewrite_backups(data_dir, old, new, report, progress)
    progress(STAGES[5])
    log.info("converted %s (%s)", path, _reason(old, new))
    return report


def _reason(old: CipherKey | None, new: CipherKey | None) -> str:
    if old is None:
        return "before-encryption"
    return "before-decryption" if new is None else "before-passphrase-change"


def _backup_folders(data_dir: Path, report: ConversionReport) -> list[Path]:
    from journal.store.files import backups_dir

    folders = [backups_dir(data_dir)]
    second = read_second_folder(data_dir)
    if second is not None and is_connected(second):
        folders.append(second)
    elif second is not None:
        report.unplugged = second
    return folders


def _rewrite_backups(
    data_dir: Path,
    old: CipherKey | None,
    new: CipherKey,
    report: ConversionReport,
    progress: Progress,
) -> None:
    """Encrypt every backup that was plain (turning encryption on) or under the old key."""
    from journal.store.backup import list_backups_in

    for folder in _backup_folders(data_dir, report):
        for backup in list_backups_in(folder):
            salt = file_salt(backup.path)
            if salt == new.salt:
                continue
            if salt is not None and (old is None or salt != old.salt):
                report.backups_left.append(backup.path)
                continue
            source = None if salt is None else old
            # A damaged backup raises the driver's DatabaseError: leave it, never fail the
            # conversion after the swap.
            failed: tuple[type[BaseException], ...] = (
                RekeyError,
                WrongPassphraseError,
                *with_os_errors(),
            )
            try:
                rekey_file(backup.path, source, new)
            except failed as exc:
                log.warning("could not re-encrypt the backup %s: %s", backup.path, exc)
                report.backups_left.append(backup.path)
                continue
            report.backups_rewritten += 1
            progress(f"backup {backup.path.name} rewritten")


def finish_backups(data_dir: Path, key: CipherKey) -> ConversionReport:
    """Encrypt the plain backups an interrupted ``encrypt`` left (the journal is encrypted)."""
    report = ConversionReport(journal=journal_path(data_dir), key=key)
    _rewrite_backups(data_dir, None, key, report, _quiet)
    return report


__all__ = [
    "STAGES",
    "ConversionError",
    "ConversionReport",
    "change_passphrase",
    "decrypt_journal",
    "encrypt_journal",
    "finish_backups",
    "journal_record",
    "tidy_leftovers",
]
