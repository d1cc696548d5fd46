"""An empty journal file: set up if the app was creating it, else the newest verified backup
is offered (the app) or named (every command but ``restore``), and ``check`` agrees.

Also: a restore over a journal it cannot back up says where that journal went, and a backup
killed mid-copy leaves no partial file for long.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import Note
from journal.services import open_services
from journal.store.backup import STALE_PART_SECONDS, backup_journal, remove_stale_parts
from journal.store.empty_journal import EmptyJournalError, creating_marker
from journal.store.files import JOURNAL_FILENAME
from tests.e2e.cli_runner import run_in_process
from tests.e2e.test_cli import run


def _journal_with_backup(data: Path, clock: FakeClock) -> Path:
    services = open_services(data, clock)
    try:
        services.journal.add_entry(Note(at=clock.now(), note="before the sync tool"))
        return services.maintenance.backup().path
    finally:
        services.close()


def _empty(path: Path, *, table_less: bool) -> None:
    for sidecar in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        sidecar.unlink(missing_ok=True)
    if table_less:  # what a first migration killed half-way leaves: a page, no tables
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA user_version=0")
        connection.execute("VACUUM")
        connection.close()
        assert path.stat().st_size > 0
    else:
        path.write_bytes(b"")


@pytest.mark.parametrize("table_less", [False, True])
def test_an_emptied_journal_is_refused_naming_the_newest_backup(
    tmp_path: Path, clock: FakeClock, table_less: bool
) -> None:
    # In process (tests/e2e/cli_runner.py); the next test runs the real program.
    data = tmp_path / "data"
    backup = _journal_with_backup(data, clock)
    journal = data / JOURNAL_FILENAME
    _empty(journal, table_less=table_less)
    with pytest.raises(EmptyJournalError) as caught:
        open_services(data, clock)
    assert caught.value.backup.path == backup
    for command in (["summary"], ["export", "--out", str(tmp_path / "e.json")], ["backup"]):
        result = run_in_process(*command, data_dir=data)
        assert result.returncode == 1, command
        assert len(result.stderr.strip().splitlines()) == 1
        assert "is empty" in result.stderr and str(backup) in result.stderr
    assert not (tmp_path / "e.json").exists()
    checked = run_in_process("check", data_dir=data)
    assert checked.returncode == 1 and str(backup) in checked.stdout
    restored = run_in_process("restore", str(backup), data_dir=data)
    assert restored.returncode == 0, restored.stderr
    assert "moved aside as" in restored.stdout
    assert any(p.name.startswith(f"{JOURNAL_FILENAME}.damaged-") for p in data.iterdir())
    assert run_in_process("check", data_dir=data).returncode == 0
    services = open_services(data, clock)
    try:
        assert services.journal.count_entries() == 1
    finally:
        services.close()


def test_an_interrupted_first_start_is_set_up_and_check_says_so(
    tmp_path: Path, clock: FakeClock
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    journal = data / JOURNAL_FILENAME
    _empty(journal, table_less=True)
    creating_marker(journal).touch()  # the app was creating it when it was killed
    checked = run("check", data_dir=data)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "first start of Interplay was interrupted" in checked.stdout
    services = open_services(data, clock)
    try:
        assert services.journal.count_entries() == 0
    finally:
        services.close()
    assert not creating_marker(journal).exists()
    after = run("check", data_dir=data)
    assert after.returncode == 0 and "Integrity: ok" in after.stdout


def test_a_new_journal_is_marked_while_it_is_created(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "new"
    seen: list[bool] = []
    import journal.store.migrate as migrate

    real = migrate.upgrade_to_head

    def watching(engine: object) -> None:
        seen.append(creating_marker(data / JOURNAL_FILENAME).exists())
        real(engine)  # type: ignore[arg-type]

    migrate.upgrade_to_head = watching  # type: ignore[assignment]
    try:
        open_services(data, clock).close()
    finally:
        migrate.upgrade_to_head = real
    assert seen == [True]
    assert not creating_marker(data / JOURNAL_FILENAME).exists()


def test_an_empty_file_without_backups_is_set_up(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / JOURNAL_FILENAME).write_bytes(b"")
    assert run("check", data_dir=data).returncode == 0
    services = open_services(data, clock)
    services.close()


def test_the_app_offers_the_newest_verified_backup_and_keeps_the_empty_file(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.app import _open_or_recover

    data = tmp_path / "data"
    _journal_with_backup(data, clock)
    newest = data / "backups" / "journal-2099-01-01T000000-manual.sqlite3"
    newest.write_bytes(b"not a backup")  # newer, but does not verify: not offered
    _empty(data / JOURNAL_FILENAME, table_less=False)
    offered: list[Path] = []

    def agree(_problem: str, backup: Path, _taken_at: object) -> bool:
        offered.append(backup)
        return True

    monkeypatch.setattr("journal.ui.application.ask_to_restore", agree)
    services = _open_or_recover(data)
    try:
        assert services.journal.count_entries() == 1
    finally:
        services.close()
    assert offered and offered[0] != newest and offered[0].name.endswith("-manual.sqlite3")
    aside = [p for p in data.iterdir() if ".damaged-" in p.name]
    assert aside and aside[0].stat().st_size == 0


def test_a_restore_over_a_newer_journal_says_where_it_went(
    tmp_path: Path, clock: FakeClock
) -> None:
    data = tmp_path / "data"
    backup = _journal_with_backup(data, clock)
    connection = sqlite3.connect(data / JOURNAL_FILENAME)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    result = run("restore", str(backup), data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "moved aside as" in result.stdout and ".damaged-" in result.stdout


def test_a_backup_killed_mid_copy_leaves_no_partial_file(data_dir: Path, clock: FakeClock) -> None:
    folder = data_dir / "backups"
    folder.mkdir()
    stale = folder / ".journal-2026-11-24T110000-manual.sqlite3.part"
    stale.write_bytes(b"half a copy")
    old = time.time() - STALE_PART_SECONDS - 5
    os.utime(stale, (old, old))
    fresh = folder / ".journal-2026-11-24T115959-manual.sqlite3.part"
    fresh.write_bytes(b"being written now")
    backup_journal(data_dir / JOURNAL_FILENAME, now=clock.now().replace(tzinfo=None))
    assert not stale.exists()
    assert fresh.exists()  # another backup may be writing it
    assert remove_stale_parts(folder, now=time.time() + STALE_PART_SECONDS + 5) == [fresh]


def test_the_window_restore_over_a_newer_journal_says_where_it_went(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    backup = _journal_with_backup(data, clock)
    services = open_services(data, clock)
    said: list[str] = []
    monkeypatch.setattr(services.maintenance, "_announce", said.append)
    try:
        services.db.release()
        connection = sqlite3.connect(data / JOURNAL_FILENAME)
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        connection.commit()
        connection.close()
        assert services.maintenance.restore(backup) is None
        assert services.journal.count_entries() == 1
    finally:
        services.close()
    assert said and "moved aside as journal.sqlite3.damaged-" in said[0]
