"""Encryption at rest: keys, conversion, and every file in the data folder unreadable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import Note
from journal.services import open_services
from journal.store.backup import backup_journal, list_backups, restore_backup
from journal.store.cipher.kdf import FAST_TEST_PARAMS
from journal.store.cipher.keyring import PassphraseNeededError, WrongPassphraseError, lock_all
from journal.store.encryption.convert import (
    change_passphrase,
    decrypt_journal,
    encrypt_journal,
)
from journal.store.encryption.unlock import (
    is_encrypted,
    parse_recovery_key,
    recovery_key_text,
    unlock_backup,
    unlock_journal,
)
from journal.store.files import JOURNAL_FILENAME
from journal.store.integrity import check_journal

SECRET = "lunch with my rheumatologist, methotrexate again"
HEADER = b"SQLite format 3"


@pytest.fixture(autouse=True)
def _forget_keys() -> Iterator[None]:
    yield
    lock_all()


def _journal_with_note(data_dir: Path, clock: FakeClock) -> None:
    services = open_services(data_dir, clock)
    services.journal.add_entry(Note(at=clock.now(), note=SECRET))
    services.maintenance.backup()
    services.close()


def _notes(data_dir: Path, clock: FakeClock) -> list[str]:
    services = open_services(data_dir, clock)
    try:
        day = clock.now().date()
        return [e.note for e in services.journal.entries_between(day, day)]
    finally:
        services.close()


def _readable_files(data_dir: Path) -> list[Path]:
    found = []
    for path in data_dir.rglob("*"):
        if path.is_file() and path.suffix != ".json" and path.name != "interplay.lock":
            data = path.read_bytes()
            if SECRET.encode() in data or HEADER in data:
                found.append(path)
    return found


def test_encrypting_leaves_no_readable_file(data_dir: Path, clock: FakeClock) -> None:
    _journal_with_note(data_dir, clock)
    report = encrypt_journal(data_dir, "correct horse", params=FAST_TEST_PARAMS)
    assert is_encrypted(data_dir)
    assert report.backups_rewritten >= 1
    lock_all()
    with pytest.raises(PassphraseNeededError):
        open_services(data_dir, clock)
    with pytest.raises(WrongPassphraseError):
        unlock_journal(data_dir, "wrong horse")
    unlock_journal(data_dir, "correct horse")
    assert _notes(data_dir, clock) == [SECRET]
    assert check_journal(data_dir).ok
    assert _readable_files(data_dir) == []


def test_change_and_remove_the_passphrase(data_dir: Path, clock: FakeClock) -> None:
    _journal_with_note(data_dir, clock)
    encrypt_journal(data_dir, "one", params=FAST_TEST_PARAMS)
    change_passphrase(data_dir, "one", "two")
    lock_all()
    with pytest.raises(WrongPassphraseError):
        unlock_journal(data_dir, "one")
    unlock_journal(data_dir, "two")
    assert _notes(data_dir, clock) == [SECRET]
    assert _readable_files(data_dir) == []
    decrypt_journal(data_dir, "two")
    lock_all()
    assert not is_encrypted(data_dir)
    assert _notes(data_dir, clock) == [SECRET]
    # The backups stay encrypted.
    assert all(not b.path.read_bytes().startswith(HEADER) for b in list_backups(data_dir))


def test_a_backup_under_another_passphrase_restores_under_the_current_one(
    data_dir: Path, clock: FakeClock
) -> None:
    _journal_with_note(data_dir, clock)
    encrypt_journal(data_dir, "one", params=FAST_TEST_PARAMS)
    old = backup_journal(data_dir / JOURNAL_FILENAME, out=data_dir.parent / "elsewhere.sqlite3")
    change_passphrase(data_dir, "one", "two")
    lock_all()
    unlock_journal(data_dir, "two")
    unlock_backup(old.path, data_dir, "one")
    restore_backup(data_dir / JOURNAL_FILENAME, old.path)
    lock_all()
    unlock_journal(data_dir, "two")
    assert _notes(data_dir, clock) == [SECRET]


def test_a_recovery_key_opens_the_journal(data_dir: Path, clock: FakeClock) -> None:
    _journal_with_note(data_dir, clock)
    report = encrypt_journal(data_dir, "forgotten", params=FAST_TEST_PARAMS)
    assert report.key is not None
    text = recovery_key_text(report.key)
    assert parse_recovery_key(text) == report.key
    lock_all()
    unlock_journal(data_dir, text)
    assert _notes(data_dir, clock) == [SECRET]


def test_the_services_list_the_same_stages_as_the_conversion() -> None:
    from journal.services.privacy import STAGES as SERVICE_STAGES
    from journal.store.encryption.convert import STAGES

    assert SERVICE_STAGES == STAGES


def test_the_copies_a_killed_conversion_left_are_removed_not_the_journal(
    data_dir: Path, clock: FakeClock
) -> None:
    from journal.services.privacy import tidy_after_crash

    _journal_with_note(data_dir, clock)
    half = data_dir / f".{JOURNAL_FILENAME}.converting"
    half.write_bytes(b"half a copy, perhaps plain")
    (data_dir / f".{JOURNAL_FILENAME}.converting-wal").write_bytes(b"x")
    tidy_after_crash(data_dir)
    assert not half.exists() and not (data_dir / f".{JOURNAL_FILENAME}.converting-wal").exists()
    assert _notes(data_dir, clock) == [SECRET]


def test_an_encrypted_journal_from_the_first_schema_migrates_with_an_encrypted_backup(
    empty_data_dir: Path, clock: FakeClock
) -> None:
    from alembic import command

    from journal.store.database import make_engine
    from journal.store.schema_version import SCHEMA_HEAD, alembic_config

    data_dir = empty_data_dir
    engine = make_engine(data_dir / JOURNAL_FILENAME)
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    encrypt_journal(data_dir, "old journal", params=FAST_TEST_PARAMS)
    for backup in list_backups(data_dir):
        backup.path.unlink()
    lock_all()
    unlock_journal(data_dir, "old journal")
    services = open_services(data_dir, clock)
    services.journal.add_entry(Note(at=clock.now(), note=SECRET))
    services.close()
    assert [b.reason for b in list_backups(data_dir)] == ["before-migration"]
    assert check_journal(data_dir).schema == SCHEMA_HEAD
    assert _readable_files(data_dir) == []
    lock_all()
    unlock_journal(data_dir, "old journal")
    assert _notes(data_dir, clock) == [SECRET]


@pytest.mark.parametrize("encrypted", [False, True])
def test_the_journal_is_never_opened_behind_sqlites_back(
    empty_data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, encrypted: bool
) -> None:
    """Reading a file's first bytes with open() and close() while SQLite has it open drops
    SQLite's POSIX locks, and SQLite may then delete a WAL still in use (entries lost)."""
    data_dir = empty_data_dir
    if encrypted:
        _journal_with_note(data_dir, clock)
        encrypt_journal(data_dir, "a passphrase here", params=FAST_TEST_PARAMS)
    journal = (data_dir / JOURNAL_FILENAME).absolute()
    opened: list[str] = []
    real_open = Path.open

    def watching_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.absolute() == journal:
            opened.append("journal")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    services = open_services(data_dir, clock)
    monkeypatch.setattr(Path, "open", watching_open)
    try:
        for n in range(3):
            services.journal.add_entry(Note(at=clock.now(), note=f"note {n}"))
            day = clock.now().date()
            services.journal.entries_between(day, day)
            services.maintenance.backup()
            services.privacy  # noqa: B018 - the Privacy page asks whether it is encrypted
            assert services.privacy.encrypted is encrypted
    finally:
        services.close()
    assert opened == []


def test_turning_encryption_on_encrypts_the_second_folder_or_says_it_is_unplugged(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    from journal.store.backup_folder import write_second_folder

    stick = tmp_path / "stick"
    stick.mkdir()
    services = open_services(data_dir, clock)
    services.journal.add_entry(Note(at=clock.now(), note=SECRET))
    services.maintenance.backup()
    services.maintenance.set_second_folder(stick)
    services.close()
    assert any(p.read_bytes().startswith(HEADER) for p in stick.iterdir())
    encrypt_journal(data_dir, "correct horse", params=FAST_TEST_PARAMS)
    assert _readable_files(stick) == []

    write_second_folder(data_dir, tmp_path / "unplugged")
    report = change_passphrase(data_dir, "correct horse", "another horse")
    assert any("is not connected" in line for line in report.lines())
