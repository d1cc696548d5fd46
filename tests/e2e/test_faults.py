"""Faults: read-only folder, full disk, locked or damaged file, newer journal.

Each gives a clear message (offering a backup where one can help), never a traceback, and
never a half-written entry.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from journal.domain.clock import FakeClock
from journal.domain.entries import Glucose, Note
from journal.services import Services, open_services
from journal.services.errors import DataError
from journal.services.journal import JournalService
from journal.store import connection
from journal.store.backup import backup_journal, list_backups, restore_backup
from journal.store.database import Database
from journal.store.errors import (
    DiskFullError,
    JournalBusyError,
    JournalDamagedError,
    JournalError,
    JournalReadOnlyError,
    NewerJournalError,
)
from journal.store.faults import explain
from journal.store.files import JOURNAL_FILENAME
from journal.store.integrity import check_journal

ROOT = Path(__file__).resolve().parents[2]


def _failure(call: Any, journal_path: Path) -> Exception:
    """Run ``call``; it must fail with a storage error put (or that ``explain`` puts) into words."""
    with pytest.raises((SQLAlchemyError, OSError, JournalError)) as caught:
        call()
    explained = explain(caught.value, journal_path)
    assert explained is not None, f"no message for {caught.value!r}"
    assert "Traceback" not in str(explained)
    return explained


@pytest.fixture
def journal_with_entry(data_dir: Path, clock: FakeClock) -> Iterator[Services]:
    services = open_services(data_dir, clock)
    services.journal.add_entry(Note(at=clock.now(), note="first"))
    yield services
    services.close()


def test_a_data_folder_that_cannot_be_created(clock: FakeClock) -> None:
    # /sys refuses new folders even to root, like a read-only disk.
    folder = Path("/sys/interplay-test")
    if not Path("/sys").is_dir():
        pytest.skip("needs Linux /sys")
    error = _failure(lambda: open_services(folder, clock), folder / JOURNAL_FILENAME)
    assert isinstance(error, JournalReadOnlyError)
    assert "cannot write to its data folder" in str(error)


def test_a_read_only_journal_refuses_saves_with_a_clear_message(
    journal_with_entry: Services, clock: FakeClock
) -> None:
    path = journal_with_entry.data_dir / JOURNAL_FILENAME
    journal_with_entry.close()
    # The same condition SQLite sees in a read-only folder (chmod does not bind root).
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    read_only = JournalService(Database(path, engine, sessionmaker(engine)), clock)
    error = _failure(lambda: read_only.add_entry(Note(at=clock.now(), note="x")), path)
    engine.dispose()
    assert isinstance(error, JournalReadOnlyError)
    assert "Nothing was saved" in str(error)
    assert check_journal(path).entries == 1


def test_a_full_disk_saves_nothing_half_written(
    journal_with_entry: Services, clock: FakeClock
) -> None:
    services = journal_with_entry
    path = services.data_dir / JOURNAL_FILENAME

    @event.listens_for(services.db.engine, "connect")
    def _no_room(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    services.db.engine.dispose()
    saved = 0

    def fill() -> None:
        nonlocal saved
        for _ in range(10_000):
            services.journal.add_entry(Glucose(at=clock.now(), mgdl=100, note="x" * 2000))
            saved += 1

    error = _failure(fill, path)
    assert isinstance(error, DiskFullError)
    assert "nothing was half-written" in str(error)
    event.remove(services.db.engine, "connect", _no_room)
    services.db.engine.dispose()
    report = check_journal(path)
    assert report.ok
    assert report.entries == 1 + saved


def test_a_locked_journal_says_another_program_is_using_it(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "PRAGMAS", (*connection.PRAGMAS[:-1], ("busy_timeout", "50")))
    services = open_services(data_dir, clock)
    path = data_dir / JOURNAL_FILENAME
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        error = _failure(lambda: services.journal.add_entry(Note(at=clock.now(), note="x")), path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert isinstance(error, JournalBusyError)
    assert "another program is using it" in str(error)
    assert services.journal.count_entries() == 0
    services.close()


def test_a_garbage_journal_offers_a_backup(data_dir: Path, clock: FakeClock) -> None:
    services = open_services(data_dir, clock)
    services.journal.add_entry(Note(at=clock.now(), note="precious"))
    backup_journal(data_dir / JOURNAL_FILENAME, reason="daily")
    services.close()
    path = data_dir / JOURNAL_FILENAME
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"garbage" * 1000)
    error = _failure(lambda: open_services(data_dir, clock), path)
    assert isinstance(error, JournalDamagedError)
    assert "restore a backup" in str(error)
    backups = list_backups(data_dir)
    assert backups  # what the app offers to restore
    restore_backup(path, backups[0].path)
    reopened = open_services(data_dir, clock)
    assert reopened.journal.count_entries() == 1
    reopened.close()


def test_a_truncated_journal_is_reported_not_crashed_on(data_dir: Path, clock: FakeClock) -> None:
    services = open_services(data_dir, clock)
    for i in range(200):
        services.journal.add_entry(Note(at=clock.now(), note=f"note {i} " * 20))
    services.close()
    path = data_dir / JOURNAL_FILENAME
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 3)
    report = check_journal(data_dir)
    assert not report.ok
    try:
        reopened = open_services(data_dir, clock)
        reopened.journal.entries_between(clock.now().date(), clock.now().date())
        reopened.close()
    except (SQLAlchemyError, OSError, JournalError) as exc:
        assert isinstance(explain(exc, path), JournalDamagedError)


def test_a_journal_from_a_newer_version_is_refused_untouched(
    data_dir: Path, clock: FakeClock
) -> None:
    open_services(data_dir, clock).close()
    path = data_dir / JOURNAL_FILENAME
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(NewerJournalError, match="newer version of Interplay"):
        open_services(data_dir, clock)
    assert path.read_bytes() == before


def test_import_under_a_full_disk_imports_nothing(
    journal_with_entry: Services, tmp_path: Path
) -> None:
    services = journal_with_entry
    csv_path = tmp_path / "note.csv"
    rows = "".join(f"2026-11-24T08:{m:02d}:00+01:00,{'x' * 3000}\n" for m in range(60))
    csv_path.write_text("at,note\n" + rows, encoding="utf-8")

    @event.listens_for(services.db.engine, "connect")
    def _no_room(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 5}")

    services.db.engine.dispose()
    with pytest.raises(DiskFullError):
        services.imports.import_journal(csv_path)
    assert services.journal.count_entries() == 1


def test_export_to_a_folder_that_cannot_be_written(
    journal_with_entry: Services,
) -> None:
    with pytest.raises(DataError, match=r"may not write|could not be written"):
        journal_with_entry.exports.export_journal(Path("/sys/interplay.json"))


def test_the_check_command_reports_damage_in_one_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / JOURNAL_FILENAME).write_bytes(b"garbage" * 1000)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "badly damaged" in result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
