"""Backups: verified online copies, rotation, the daily backup, and restore."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import Glucose, Note
from journal.services import Services, open_services
from journal.services.errors import DataError
from journal.store.backup import (
    BackupInfo,
    backup_at_start,
    backup_journal,
    backups_to_keep,
    list_backups,
    parse_backup_name,
    restore_backup,
    rotate_backups,
    verify_backup,
)
from journal.store.connection import connect
from journal.store.files import JOURNAL_FILENAME
from journal.store.integrity import check_journal

# Each test that uses data_dir runs on a plain and on an encrypted journal (tests/conftest.py).
ENCRYPTED_TOO = True

NOON = datetime(2026, 11, 24, 12, 0)


def _journal(services: Services) -> Path:
    return services.data_dir / JOURNAL_FILENAME


def test_a_backup_is_a_verified_self_contained_copy(services: Services, clock: FakeClock) -> None:
    services.journal.add_entry(Glucose(at=clock.now(), mgdl=101))
    info = backup_journal(_journal(services), reason="manual", now=NOON)
    assert info.path.name == "journal-2026-11-24T120000-manual.sqlite3"
    assert info.path.parent == services.data_dir / "backups"
    assert verify_backup(info.path) == []
    assert not info.path.with_name(info.path.name + "-wal").exists()
    with connect(info.path, journal=False) as copy:
        assert copy.execute("SELECT count(*) FROM glucose").fetchone()[0] == 1
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_backups_taken_in_the_same_second_do_not_overwrite(services: Services) -> None:
    first = backup_journal(_journal(services), reason="manual", now=NOON)
    second = backup_journal(_journal(services), reason="manual", now=NOON)
    assert first.path != second.path
    assert {b.path for b in list_backups(services.data_dir)} == {first.path, second.path}


def test_backup_names_parse_back() -> None:
    assert parse_backup_name(Path("journal-2026-11-24T120000.sqlite3")) == (NOON, "")
    assert parse_backup_name(Path("journal-2026-11-24T120000-before-import-2.sqlite3")) == (
        NOON,
        "before-import",
    )
    assert parse_backup_name(Path("notes.txt")) is None


def test_the_daily_backup_is_made_at_most_once_a_day(services: Services) -> None:
    journal = _journal(services)
    assert backup_at_start(journal, NOON) is not None
    assert backup_at_start(journal, NOON + timedelta(hours=5)) is None
    assert backup_at_start(journal, NOON + timedelta(days=1)) is not None
    assert len(list_backups(services.data_dir)) == 2


def _info(moment: datetime) -> BackupInfo:
    return BackupInfo(Path(f"journal-{moment:%Y-%m-%dT%H%M%S}.sqlite3"), moment, 1)


def test_rotation_keeps_recent_then_daily_weekly_monthly() -> None:
    now = datetime(2026, 11, 24, 12)
    hourly = [now - timedelta(hours=h) for h in range(0, 24 * 400, 6)]
    backups = sorted((_info(m) for m in hourly), key=lambda b: b.taken_at, reverse=True)
    kept = sorted(b.taken_at for b in backups if b.path in backups_to_keep(backups, now))
    recent = [m for m in kept if now - m <= timedelta(hours=48)]
    assert len(recent) == 9  # every 6 h for two days
    older = [m for m in kept if now - m > timedelta(hours=48)]
    months = {(m.year, m.month) for m in kept}
    assert len(months) == 12  # one a month for a year
    assert len(kept) < 35  # 400 days of 6-hourly backups thinned to a few dozen
    assert min(older) >= now - timedelta(days=366)


def test_rotation_deletes_only_backup_files(services: Services) -> None:
    journal = _journal(services)
    for days in range(40):
        backup_journal(journal, reason="daily", now=NOON - timedelta(days=40 - days))
    mine = services.data_dir / "backups" / "my notes.txt"
    mine.write_text("keep", encoding="utf-8")
    rotate_backups(services.data_dir, NOON)
    assert mine.exists()
    assert 7 <= len(list_backups(services.data_dir)) <= 12


def test_restore_brings_back_the_backup_and_saves_the_current_journal(
    services: Services, clock: FakeClock
) -> None:
    data = services
    services.journal.add_entry(Note(at=clock.now(), note="before"))
    backup = data.maintenance.backup()
    services.journal.add_entry(Note(at=clock.now(), note="after"))
    safety = data.maintenance.restore(backup.path)
    assert services.journal.count_entries() == 1
    assert safety is not None and safety.reason == "before-restore"
    with connect(safety.path, journal=False) as copy:
        assert copy.execute("SELECT count(*) FROM entry").fetchone()[0] == 2
    assert check_journal(services.data_dir).ok
    # Undo history of the replaced journal is gone: it would undo things that no longer exist.
    assert services.journal.undo_stack.undo_text is None


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    services.journal.add_entry(Note(at=clock.now(), note="mine"))
    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(DataError, match="cannot be restored"):
        services.maintenance.restore(bad)
    assert services.journal.count_entries() == 1


def test_restore_over_a_garbage_journal_sets_it_aside(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    services = open_services(data_dir, clock)
    services.journal.add_entry(Note(at=clock.now(), note="kept"))
    backup = services.maintenance.backup(out=tmp_path / "copy.sqlite3")
    services.close()
    journal = data_dir / JOURNAL_FILENAME
    for suffix in ("-wal", "-shm"):
        journal.with_name(journal.name + suffix).unlink(missing_ok=True)
    journal.write_bytes(b"this is not a database" * 100)
    restore_backup(journal, backup.path, now=NOON)
    assert check_journal(data_dir).ok
    assert any(p.name.startswith("journal.sqlite3.damaged-") for p in data_dir.iterdir())
    reopened = open_services(data_dir, clock)
    assert reopened.journal.count_entries() == 1
    reopened.close()


def test_import_is_preceded_by_a_backup(
    services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    data = services
    services.journal.add_entry(Note(at=clock.now(), note="mine"))
    path = tmp_path / "note.csv"
    path.write_text("at,note\n2026-11-24T08:00:00+01:00,imported\n", encoding="utf-8")
    report = data.imports.import_journal(path)
    assert report.backup is not None and report.backup.reason == "before-import"
    with connect(report.backup.path, journal=False) as copy:
        assert copy.execute("SELECT count(*) FROM entry").fetchone()[0] == 1


def test_an_older_journal_is_backed_up_before_its_schema_is_upgraded(
    empty_data_dir: Path, clock: FakeClock
) -> None:
    data_dir = empty_data_dir
    from alembic import command

    from journal.store.database import make_engine
    from journal.store.schema_version import SCHEMA_HEAD, alembic_config

    if SCHEMA_HEAD == "0001":
        pytest.skip("only one schema revision so far")
    engine = make_engine(data_dir / JOURNAL_FILENAME)
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    open_services(data_dir, clock).close()
    backups = list_backups(data_dir)
    assert [b.reason for b in backups] == ["before-migration"]
    with connect(backups[0].path, journal=False) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_a_new_journal_needs_no_backup_before_migration(data_dir: Path, clock: FakeClock) -> None:
    open_services(data_dir, clock).close()
    assert list_backups(data_dir) == []
