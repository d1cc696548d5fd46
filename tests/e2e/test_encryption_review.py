"""Review findings of encryption, each pinned cheaply: a recovery key written the owner's only
from its first byte and a bad ``--recovery-key`` refused before anything is converted; a lost
key file; an emptied encrypted journal restored; a restore over a damaged encrypted journal;
an encrypted export's import named as the file chosen."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal import cli
from journal.store.cipher.kdf import FAST_TEST_PARAMS
from journal.store.cipher.keyring import lock_all
from journal.store.files import JOURNAL_FILENAME, write_private_text

PASSPHRASE = "template passphrase"


@pytest.fixture(autouse=True)
def _forget_keys() -> Iterator[None]:
    yield
    lock_all()


def command(*args: str) -> int:
    """An ``interplay`` command in this process (no interpreter start-up, no Argon2 of the
    default cost where the command fails before it)."""
    return cli.run_command(cli.parse(list(args)))


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- (d) the recovery key file ----------------------------------------------------------------


def test_a_private_file_is_never_readable_by_others_even_while_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "key.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)  # an older file the person made: replaced, not reused
    modes: list[int] = []
    real_fsync = os.fsync

    def watching(handle: int) -> None:  # the file as written, before it has its name
        modes.append(stat.S_IMODE(os.fstat(handle).st_mode))
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", watching)
    write_private_text(target, "secret")
    assert modes == [0o600]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == "secret"
    assert [p.name for p in tmp_path.iterdir()] == ["key.txt"]


@pytest.mark.parametrize("where", ["a folder", "a missing folder"])
def test_a_bad_recovery_key_path_is_refused_before_anything_is_encrypted(
    data_dir: Path,
    tmp_path: Path,
    where: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path if where == "a folder" else tmp_path / "nowhere" / "key.txt"
    monkeypatch.setenv("INTERPLAY_NEW_PASSPHRASE", "a long enough passphrase")
    before = files_of(data_dir)
    assert command("--data-dir", str(data_dir), "encrypt", "--recovery-key", str(target)) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "recovery key cannot be written" in error[0], error
    assert "nothing was changed" in error[0]
    assert files_of(data_dir) == before


# --- (b) the key file lost --------------------------------------------------------------------


@pytest.fixture
def without_key_file(
    tmp_path: Path, encrypted_template: tuple[Path, object], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An encrypted journal whose ``encryption.json`` is gone (the template's cheap Argon2
    cost stands in for the default one the fallback assumes)."""
    import shutil

    import journal.store.encryption.unlock as unlock

    monkeypatch.setattr(unlock, "DEFAULT_PARAMS", FAST_TEST_PARAMS)
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(encrypted_template[0] / JOURNAL_FILENAME, folder / JOURNAL_FILENAME)
    return folder


def test_a_lost_key_file_still_opens_with_the_passphrase_and_is_written_again(
    without_key_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from journal.store.cipher.keyfile import KEY_FILENAME
    from journal.store.encryption.unlock import is_encrypted, journal_record

    assert is_encrypted(without_key_file)
    monkeypatch.setenv("INTERPLAY_PASSPHRASE", PASSPHRASE)
    assert command("--data-dir", str(without_key_file), "check") == 0, capsys.readouterr()
    assert "Integrity: ok" in capsys.readouterr().out
    assert (without_key_file / KEY_FILENAME).exists()
    record = journal_record(without_key_file)
    assert record is not None and record.check  # a full record again: checked at once


def test_a_lost_key_file_opens_with_the_recovery_key(
    without_key_file: Path, encrypted_template: tuple[Path, object]
) -> None:
    from journal.store.encryption.unlock import recovery_key_text, unlock_journal

    key = encrypted_template[1]
    assert unlock_journal(without_key_file, recovery_key_text(key)) == key  # type: ignore[arg-type]


def test_a_lost_key_file_and_a_wrong_passphrase_say_what_is_missing(
    without_key_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INTERPLAY_PASSPHRASE", "not the passphrase")
    before = files_of(without_key_file)
    assert command("--data-dir", str(without_key_file), "summary") == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "encryption.json) is missing" in error[0], error
    assert "recovery key" in error[0]
    assert files_of(without_key_file) == before


def test_a_damaged_plain_journal_is_not_taken_for_an_encrypted_one(data_dir: Path) -> None:
    from journal.store.encryption.unlock import is_encrypted

    (data_dir / JOURNAL_FILENAME).write_bytes(b"\x00garbage" * 500)
    assert not is_encrypted(data_dir)


# --- (e) restoring over a damaged encrypted journal ------------------------------------------


def _damage(journal: Path) -> None:
    """Spoil a page past the first (its salt, the key's name, stays readable)."""
    data = bytearray(journal.read_bytes())
    data[8192:12288] = b"\x00" * 4096
    journal.write_bytes(bytes(data))


@pytest.mark.parametrize("data_dir", ["encrypted"], indirect=True)
def test_a_restore_over_a_damaged_encrypted_journal_keeps_it_encrypted(
    data_dir: Path, tmp_path: Path, template_journal: Path
) -> None:
    import shutil

    from journal.store.backup import restore_backup
    from journal.store.cipher.keyring import file_salt, is_plain_database
    from journal.store.encryption.unlock import journal_key

    key = journal_key(data_dir)
    assert key is not None
    plain = tmp_path / "stick" / "journal-2026-11-01T120000.sqlite3"  # from before encryption
    plain.parent.mkdir()
    shutil.copyfile(template_journal, plain)
    journal = data_dir / JOURNAL_FILENAME
    _damage(journal)
    set_aside: list[Path] = []
    notes: list[str] = []
    restore_backup(journal, plain, set_aside=set_aside, notes=notes)
    assert set_aside and notes == []
    assert not is_plain_database(journal) and file_salt(journal) == key.salt


@pytest.mark.parametrize("data_dir", ["encrypted"], indirect=True)
def test_a_restore_over_a_damaged_locked_journal_needs_its_passphrase(
    data_dir: Path, tmp_path: Path, template_journal: Path
) -> None:
    import shutil

    from journal.store.backup import restore_backup
    from journal.store.cipher.keyring import PassphraseNeededError

    plain = tmp_path / "journal-2026-11-01T120000.sqlite3"
    shutil.copyfile(template_journal, plain)
    journal = data_dir / JOURNAL_FILENAME
    _damage(journal)
    lock_all()
    before = files_of(data_dir)
    with pytest.raises(PassphraseNeededError):
        restore_backup(journal, plain)
    assert files_of(data_dir) == before


def test_a_restore_that_cannot_keep_the_encryption_says_so(
    tmp_path: Path, template_journal: Path, encrypted_template: tuple[Path, object]
) -> None:
    import shutil

    from journal.store.backup import restore_backup
    from journal.store.cipher.keyfile import KEY_FILENAME

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(encrypted_template[0] / KEY_FILENAME, data / KEY_FILENAME)
    (data / JOURNAL_FILENAME).write_bytes(b"\x00garbage" * 500)  # its salt gone with the rest
    plain = tmp_path / "journal-2026-11-01T120000.sqlite3"
    shutil.copyfile(template_journal, plain)
    notes: list[str] = []
    restore_backup(data / JOURNAL_FILENAME, plain, notes=notes)
    assert len(notes) == 1 and "not encrypted" in notes[0]


# --- (a) an encrypted journal emptied by something else ---------------------------------------


def emptied_with_encrypted_backup(data_dir: Path, clock: object) -> Path:
    """The encrypted journal with a note and a backup, then emptied (a sync tool); locked."""
    from journal.domain.entries import Note
    from journal.services import open_services
    from journal.store.cipher.keyring import forget_file

    services = open_services(data_dir, clock)  # type: ignore[arg-type]
    try:
        services.journal.add_entry(Note(at=services.journal.clock.now(), note="kept"))
        backup = services.maintenance.backup().path
    finally:
        services.close()
    journal = data_dir / JOURNAL_FILENAME
    for sidecar in (
        journal.with_name(journal.name + "-wal"),
        journal.with_name(journal.name + "-shm"),
    ):
        sidecar.unlink(missing_ok=True)
    journal.write_bytes(b"")
    forget_file(journal)
    lock_all()
    return backup


@pytest.mark.parametrize("data_dir", ["encrypted"], indirect=True)
def test_an_emptied_encrypted_journal_names_its_encrypted_backup_and_restores_it(
    data_dir: Path,
    clock: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from journal.services import open_services
    from journal.store.cipher.keyring import is_plain_database
    from journal.store.encryption.unlock import unlock_journal

    backup = emptied_with_encrypted_backup(data_dir, clock)
    monkeypatch.delenv("INTERPLAY_PASSPHRASE", raising=False)
    monkeypatch.delenv("INTERPLAY_BACKUP_PASSPHRASE", raising=False)
    folder = str(data_dir)
    assert command("--data-dir", folder, "summary") == 1
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and "is empty" in said[0] and "encrypted" in said[0], said
    assert str(backup) in said[0] and "INTERPLAY_PASSPHRASE" in said[0]

    assert command("--data-dir", folder, "restore", str(backup)) == 1
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and f"the backup {backup.name} is encrypted" in said[0], said
    assert "INTERPLAY_BACKUP_PASSPHRASE" in said[0]

    monkeypatch.setenv("INTERPLAY_PASSPHRASE", PASSPHRASE)
    assert command("--data-dir", folder, "restore", str(backup)) == 0, capsys.readouterr()
    assert not is_plain_database(data_dir / JOURNAL_FILENAME)  # still encrypted
    lock_all()
    unlock_journal(data_dir, PASSPHRASE)
    services = open_services(data_dir, clock)  # type: ignore[arg-type]
    try:
        assert services.journal.count_entries() == 1
    finally:
        services.close()


# --- (c) changes during a conversion, and Cancel ----------------------------------------------


def _privacy(services: object) -> object:
    from journal.services.privacy import PrivacyService

    return PrivacyService(
        services.data_dir,  # type: ignore[attr-defined]
        services.db,  # type: ignore[attr-defined]
        params=FAST_TEST_PARAMS,
    )


def test_a_change_during_a_conversion_is_refused_saying_why_and_none_is_lost(
    services: object,
) -> None:
    from journal.domain.entries import Note
    from journal.services.errors import JournalBusyError

    journal = services.journal  # type: ignore[attr-defined]
    journal.add_entry(Note(at=journal.clock.now(), note="before"))
    refused: list[str] = []

    def meanwhile(stage: str) -> None:  # a reminder's Taken, pressed while it runs
        if stage == "new journal written":
            with pytest.raises(JournalBusyError) as caught:
                journal.add_entry(Note(at=journal.clock.now(), note="during"))
            refused.append(str(caught.value))

    _privacy(services).encrypt("a long enough passphrase", meanwhile)  # type: ignore[attr-defined]
    assert refused and "being encrypted" in refused[0] and "not saved" in refused[0]
    journal.add_entry(Note(at=journal.clock.now(), note="after"))  # writes work again
    assert journal.count_entries() == 2


def test_cancel_before_the_swap_changes_nothing(services: object, data_dir: Path) -> None:
    from journal.services.privacy import ConversionCancelledError
    from journal.store.cipher.keyring import is_plain_database

    stages: list[str] = []
    with pytest.raises(ConversionCancelledError):
        _privacy(services).encrypt(  # type: ignore[attr-defined]
            "a long enough passphrase", stages.append, lambda: bool(stages)
        )
    assert stages == ["key file written"]  # stopped at the next stage, long before the swap
    assert is_plain_database(data_dir / JOURNAL_FILENAME)
    assert not list((data_dir).glob(".journal.sqlite3.*"))  # no half-written copy left
    assert services.journal.count_entries() == 0  # type: ignore[attr-defined]


def test_cancel_after_the_copy_is_checked_is_too_late_and_the_conversion_finishes(
    services: object, data_dir: Path
) -> None:
    from journal.services.privacy import CANCEL_UNTIL, STAGES
    from journal.store.cipher.keyring import is_plain_database

    stages: list[str] = []
    _privacy(services).encrypt(  # type: ignore[attr-defined]
        "a long enough passphrase", stages.append, lambda: len(stages) > CANCEL_UNTIL
    )
    assert stages == list(STAGES)
    assert not is_plain_database(data_dir / JOURNAL_FILENAME)


# --- (f) importing an encrypted export --------------------------------------------------------


def test_the_import_of_an_encrypted_export_names_the_file_given(
    data_dir: Path,
    empty_data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import journal.store.sealed as sealed

    for function in (sealed.seal, sealed.unseal):  # the format's Argon2 cost, cheaply
        monkeypatch.setitem(function.__kwdefaults__, "params", FAST_TEST_PARAMS)
    monkeypatch.setenv("INTERPLAY_EXPORT_PASSPHRASE", "the export's passphrase")
    out = tmp_path / "for the clinic.interplay"
    assert command("--data-dir", str(data_dir), "export", "--encrypt", "--out", str(out)) == 0
    capsys.readouterr()
    assert command("--data-dir", str(empty_data_dir), "import", str(out)) == 0
    said = capsys.readouterr().out
    assert "for the clinic.interplay" in said and "for the clinic.json" not in said, said
