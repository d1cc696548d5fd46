"""A second backup folder (a USB stick): copies after each backup, its own rotation, and an
unplugged stick that is a status, never an error."""

from __future__ import annotations

import errno
import logging
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import Note
from journal.services import Services, open_services
from journal.services.errors import DataError
from journal.store import backup_folder
from journal.store.backup import BackupInfo, backups_to_keep, list_backups, list_backups_in
from journal.store.backup_folder import all_backups


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "USB stick"
    folder.mkdir()
    return folder


def _local(clock: FakeClock) -> datetime:
    return clock.now().replace(tzinfo=None, microsecond=0)


def _names(backups: list[BackupInfo]) -> list[str]:
    return [b.path.name for b in backups]


def test_each_daily_backup_is_copied_and_both_folders_keep_the_same_plan(
    services: Services, clock: FakeClock, stick: Path
) -> None:
    maintenance = services.maintenance
    assert maintenance.set_second_folder(stick) is None  # no backup yet to copy
    made: list[BackupInfo] = []
    for _day in range(40):
        info = maintenance.backup_at_start()
        assert info is not None
        made.append(info)
        clock.advance(timedelta(days=1))
    last = made[-1].taken_at
    newest_first = sorted(made, key=lambda b: b.taken_at, reverse=True)
    kept = backups_to_keep(newest_first, last)
    expected = [b.path.name for b in newest_first if b.path in kept]
    assert _names(list_backups(services.data_dir)) == expected
    assert _names(list_backups_in(stick)) == expected
    assert 10 <= len(expected) < 40  # forty days thinned to the recent, daily, weekly, monthly


def test_the_second_folder_is_thinned_by_what_it_holds_itself(
    services: Services, clock: FakeClock, stick: Path
) -> None:
    # The stick still holds a year of copies this computer no longer has.
    now = _local(clock)
    for days in range(1, 366):
        taken = now - timedelta(days=days)
        (stick / f"journal-{taken:%Y-%m-%dT%H%M%S}.sqlite3").write_bytes(b"an old copy")
    (stick / "holiday photos.jpg").write_bytes(b"not ours")
    services.maintenance.set_second_folder(stick)
    services.maintenance.backup()
    on_stick = list_backups_in(stick)
    assert 20 <= len(on_stick) <= 25  # a day, a week and a month apart, not 366
    assert now.date() == on_stick[0].taken_at.date()  # the new copy is there
    assert (stick / "holiday photos.jpg").exists()  # only backups are ever deleted
    assert min(b.taken_at for b in on_stick) >= now - timedelta(days=366)
    # The computer's own folder has its own backups only.
    assert len(list_backups(services.data_dir)) == 1


def test_an_unplugged_stick_is_a_status_not_an_error(
    services: Services, clock: FakeClock, stick: Path, caplog: pytest.LogCaptureFixture
) -> None:
    maintenance = services.maintenance
    maintenance.set_second_folder(stick)
    stick.rmdir()  # unplugged: its mount point is gone
    with caplog.at_level(logging.INFO):
        made = maintenance.backup_at_start()
        clock.advance(timedelta(minutes=5))
        manual = maintenance.backup()
    assert made is not None and made.path.exists() and manual.path.exists()
    assert not stick.exists()  # never created on the computer's own disk
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    own, second = maintenance.places()
    assert len(own.backups) == 2
    assert (second.folder, second.connected, second.backups, second.problem) == (
        stick,
        False,
        [],
        "",
    )
    assert second.free_bytes is None
    # Plugged in again later that day: the next start copies today's newest backup there.
    stick.mkdir()
    clock.advance(timedelta(hours=3))
    assert maintenance.backup_at_start() is None  # one daily backup a day
    assert _names(list_backups_in(stick)) == [manual.path.name]


def test_a_full_stick_is_reported_and_the_backup_is_still_made(
    services: Services, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.maintenance.set_second_folder(stick)

    def full(source: Path, dest: Path) -> None:
        Path(dest).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_folder.shutil, "copyfile", full)
    info = services.maintenance.backup()
    assert info.path.exists()
    _own, second = services.maintenance.places()
    assert second.connected and second.backups == []
    assert "is full" in second.problem and str(stick) in second.problem
    assert list(stick.iterdir()) == []  # no half-written copy is left behind
    monkeypatch.undo()
    services.maintenance.backup()
    assert services.maintenance.places()[1].problem == ""  # the next good copy clears it


def test_a_copy_on_the_stick_restores_when_the_computer_lost_its_own(
    services: Services, clock: FakeClock, stick: Path
) -> None:
    services.journal.add_entry(Note(at=clock.now(), note="kept"))
    services.maintenance.set_second_folder(stick)
    services.maintenance.backup()
    shutil.rmtree(services.data_dir / "backups")  # the computer's copies are gone
    services.journal.add_entry(Note(at=clock.now(), note="later"))
    [copy] = all_backups(services.data_dir)
    assert copy.path.parent == stick
    services.maintenance.restore(copy.path)
    assert services.journal.count_entries() == 1


def test_the_second_folder_must_exist_and_be_elsewhere(services: Services, tmp_path: Path) -> None:
    maintenance = services.maintenance
    with pytest.raises(DataError, match="not a folder that exists"):
        maintenance.set_second_folder(tmp_path / "not plugged in")
    inside = services.data_dir / "copies"
    inside.mkdir()
    with pytest.raises(DataError, match="outside the journal's own folder"):
        maintenance.set_second_folder(inside)
    assert maintenance.second_folder is None
    assert len(maintenance.places()) == 1


def test_the_choice_outlives_a_restart_and_can_be_dropped(
    services: Services, clock: FakeClock, stick: Path
) -> None:
    services.maintenance.set_second_folder(stick)
    services.close()
    reopened = open_services(services.data_dir, clock)
    try:
        assert reopened.maintenance.second_folder == stick
        reopened.maintenance.backup()
        reopened.maintenance.set_second_folder(None)
        assert reopened.maintenance.second_folder is None
        assert len(list_backups_in(stick)) == 1  # copies already there stay
    finally:
        reopened.close()
