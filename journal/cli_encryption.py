"""The command line of encryption: ``encrypt``, ``decrypt``, ``change-passphrase``, and the
passphrase every command on an encrypted journal needs.

The passphrase comes from ``INTERPLAY_PASSPHRASE`` when it is set (``INTERPLAY_NEW_PASSPHRASE``
for a new one, ``INTERPLAY_BACKUP_PASSPHRASE`` for a backup made under another), else from a
prompt on the terminal; with neither, the command stops with one line. A wrong passphrase
stops it before any file is touched.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ENV_PASSPHRASE = "INTERPLAY_PASSPHRASE"
ENV_NEW_PASSPHRASE = "INTERPLAY_NEW_PASSPHRASE"
ENV_BACKUP_PASSPHRASE = "INTERPLAY_BACKUP_PASSPHRASE"
ENV_EXPORT_PASSPHRASE = "INTERPLAY_EXPORT_PASSPHRASE"

# Plain copies of an encrypted export being imported, removed when the command ends.
_temporary = contextlib.ExitStack()


class PassphraseInputError(Exception):
    """No passphrase could be read (no variable set, no terminal), or a new one was refused."""


def add_parsers(commands: Any) -> None:
    """Register the three commands on the subcommand parsers of ``interplay``."""
    encrypt = commands.add_parser(
        "encrypt", help="encrypt the journal and its backups with a passphrase"
    )
    encrypt.add_argument(
        "--recovery-key",
        metavar="PATH",
        help="also write a recovery key to PATH (it opens the journal without the passphrase)",
    )
    commands.add_parser("decrypt", help="store the journal unencrypted again (backups stay)")
    change = commands.add_parser(
        "change-passphrase", help="re-encrypt the journal and its backups with a new passphrase"
    )
    change.add_argument("--recovery-key", metavar="PATH", help="write a new recovery key to PATH")
    commands.choices["export"].add_argument(
        "--encrypt",
        action="store_true",
        help="write an encrypted export (JSON inside) that opens only with a passphrase "
        f"({ENV_EXPORT_PASSPHRASE}, else a prompt); 'interplay import' reads it back",
    )


def read_passphrase(variable: str, prompt: str, *, twice: bool = False) -> str:
    """The passphrase in ``variable``, else typed at a prompt (twice for a new one)."""
    if variable in os.environ:
        return os.environ[variable]
    if not sys.stdin.isatty():
        raise PassphraseInputError(
            f"the journal is encrypted: set {variable} or run this in a terminal to type the "
            "passphrase"
            if variable != ENV_NEW_PASSPHRASE
            else f"a new passphrase is needed: set {variable} or run this in a terminal"
        )
    import getpass

    typed = getpass.getpass(f"{prompt}: ")
    if twice and getpass.getpass("The same again: ") != typed:
        raise PassphraseInputError("the two passphrases differ; nothing was changed")
    return typed


def _new_passphrase() -> str:
    from journal.services.privacy import passphrase_problem

    variable = ENV_NEW_PASSPHRASE if ENV_NEW_PASSPHRASE in os.environ else ENV_PASSPHRASE
    if variable not in os.environ and not sys.stdin.isatty():
        variable = ENV_NEW_PASSPHRASE
    passphrase = read_passphrase(variable, "New passphrase", twice=True)
    problem = passphrase_problem(passphrase)
    if problem:
        raise PassphraseInputError(f"{problem}; nothing was changed")
    return passphrase


def unlock_for(args: argparse.Namespace, data_dir: Path) -> None:
    """Before any command: unlock an encrypted journal (and a backup to restore)."""
    from journal.store.encryption.unlock import is_encrypted, journal_key, unlock_journal

    passphrase: str | None = None
    if is_encrypted(data_dir) and journal_key(data_dir) is None:
        passphrase = read_passphrase(ENV_PASSPHRASE, "Passphrase of the journal")
        unlock_journal(data_dir, passphrase)
    if args.command == "restore":
        _unlock_backup(Path(args.path), data_dir, passphrase)
    if args.command == "import":
        _unseal_for_import(args)


def _unseal_for_import(args: argparse.Namespace) -> None:
    """An encrypted export to import: its passphrase, then the plain export in its place."""
    from journal.store.sealed import looks_sealed  # (the export code loads only if needed)

    path = Path(args.path)
    if not looks_sealed(path):
        return
    from journal.services.sealed_exports import unsealed

    variable = ENV_EXPORT_PASSPHRASE if ENV_EXPORT_PASSPHRASE in os.environ else ENV_PASSPHRASE
    if variable not in os.environ and sys.stdin.isatty():
        variable = ENV_EXPORT_PASSPHRASE
    passphrase = read_passphrase(variable, "Passphrase of the encrypted export")
    args.path = str(_temporary.enter_context(unsealed(path, passphrase)))
    args.chosen_path = str(path)  # what the summary names: the file the person gave


def forget_temporary_files() -> None:
    """Remove the plain copies made for this command (called when every command ends)."""
    _temporary.close()


def cmd_export_encrypted(args: argparse.Namespace, open_journal: Any) -> int:
    """``export --encrypt``: a JSON export sealed under a passphrase of its own."""
    from journal.services.sealed_exports import export_sealed

    if args.format != "json":
        raise PassphraseInputError("--encrypt writes a JSON export; leave out --format csv")
    variable = ENV_EXPORT_PASSPHRASE if ENV_EXPORT_PASSPHRASE in os.environ else ENV_NEW_PASSPHRASE
    passphrase = read_passphrase(variable, "Passphrase for the export", twice=True)
    from journal.services.privacy import passphrase_problem

    problem = passphrase_problem(passphrase)
    if problem:
        raise PassphraseInputError(f"{problem}; no export was written")
    with open_journal(args) as data:
        summary = export_sealed(data.exports, Path(args.out), passphrase, args.first, args.last)
    print(
        f"Exported {summary.entries:,} entries, encrypted, to {summary.path} "
        "(it opens only with its passphrase)"
    )
    return 0


def _unlock_backup(backup: Path, data_dir: Path, tried: str | None) -> None:
    from journal.store.cipher.keyring import WrongPassphraseError
    from journal.store.encryption.unlock import needs_unlocking, unlock_backup

    if not backup.is_file() or not needs_unlocking(backup):
        return
    if tried is None:  # the journal asked none (it is plain, or emptied): the backup may
        tried = os.environ.get(ENV_PASSPHRASE)
    if tried is not None and ENV_BACKUP_PASSPHRASE not in os.environ:
        try:
            unlock_backup(backup, data_dir, tried)  # most backups share the journal's
            return
        except WrongPassphraseError:
            pass
    if ENV_BACKUP_PASSPHRASE not in os.environ and not sys.stdin.isatty():
        tried_too = f" ({ENV_PASSPHRASE} does not open it)" if tried is not None else ""
        raise PassphraseInputError(
            f"the backup {backup.name} is encrypted: set {ENV_BACKUP_PASSPHRASE} to the "
            f"passphrase it was made with{tried_too}, or run this in a terminal to type it"
        )
    unlock_backup(
        backup, data_dir, read_passphrase(ENV_BACKUP_PASSPHRASE, "Passphrase of this backup")
    )


def _data_dir(args: argparse.Namespace) -> Path:
    from journal.store.paths import resolve_data_dir

    return resolve_data_dir(args.data_dir)


def _check_recovery_key_path(path: str | None) -> None:
    """Refuse a ``--recovery-key`` that cannot be written before anything is converted."""
    from journal.store.files import unwritable_file_problem

    problem = unwritable_file_problem(Path(path)) if path else None
    if problem:
        raise PassphraseInputError(
            f"the recovery key cannot be written: {problem}; nothing was changed"
        )


def _write_recovery_key(path: str | None, report: Any) -> None:
    if not path or report.key is None:
        return
    from journal.store.encryption.unlock import write_recovery_file

    target = Path(path)
    write_recovery_file(target, report.key)
    print(f"Wrote a recovery key to {target}: keep it apart from the journal.")


def cmd_encrypt(args: argparse.Namespace) -> int:
    from journal.store.encryption import convert
    from journal.store.encryption.unlock import is_encrypted, journal_key
    from journal.store.lock import JournalLock

    _check_recovery_key_path(args.recovery_key)
    data_dir = _data_dir(args)
    key = journal_key(data_dir)
    if is_encrypted(data_dir) and key is not None:
        with JournalLock(data_dir):
            finished = convert.finish_backups(data_dir, key)
        done = f"; {finished.backups_rewritten} plain backup(s) encrypted now" * bool(
            finished.backups_rewritten
        )
        print(f"The journal in {data_dir} is already encrypted{done}.")
        return 0
    passphrase = _new_passphrase()  # before the lock: a refused one leaves every file as it was
    with JournalLock(data_dir):
        convert.tidy_leftovers(data_dir)
        _migrate_first(data_dir)
        report = convert.encrypt_journal(data_dir, passphrase)
    print(f"Encrypted the journal in {data_dir}. Without the passphrase it cannot be opened.")
    for line in report.lines():
        print(line)
    _write_recovery_key(args.recovery_key, report)
    return 0


def _migrate_first(data_dir: Path) -> None:
    """A journal at an older schema is brought up to date before it is converted."""
    from journal.store.database import open_database
    from journal.store.files import journal_path

    open_database(journal_path(data_dir)).close()


def cmd_decrypt(args: argparse.Namespace) -> int:
    from journal.store.encryption import convert
    from journal.store.encryption.unlock import journal_key
    from journal.store.lock import JournalLock

    data_dir = _data_dir(args)
    with JournalLock(data_dir):
        key = journal_key(data_dir)
        if key is None:
            print(f"The journal in {data_dir} is not encrypted; nothing to do.")
            return 0
        convert.tidy_leftovers(data_dir)
        report = convert.decrypt_journal(data_dir, key)
    print(
        f"The journal in {data_dir} is no longer encrypted: anyone using this computer can read it."
    )
    print("Its backups stay encrypted: they open with the passphrase they were made with.")
    for line in report.lines():
        print(line)
    return 0


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    from journal.store.encryption import convert
    from journal.store.encryption.unlock import journal_key
    from journal.store.lock import JournalLock

    _check_recovery_key_path(args.recovery_key)
    data_dir = _data_dir(args)
    key = journal_key(data_dir)
    if key is None:
        raise PassphraseInputError(
            f"the journal in {data_dir} is not encrypted: use 'interplay encrypt'"
        )
    passphrase = _new_passphrase()
    with JournalLock(data_dir):
        convert.tidy_leftovers(data_dir)
        report = convert.change_passphrase(data_dir, key, passphrase)
    print(f"Changed the passphrase of the journal in {data_dir}.")
    for line in report.lines():
        print(line)
    _write_recovery_key(args.recovery_key, report)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "encrypt": cmd_encrypt,
    "decrypt": cmd_decrypt,
    "change-passphrase": cmd_change_passphrase,
}
