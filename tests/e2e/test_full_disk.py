"""A full disk is named as such, before and during writes, with what to do; nothing is
half-written and logging prints nothing.

The command-line test runs on a small tmpfs filled to the last block, mounted in a private
mount namespace (``unshare -m``; skipped with the reason where that is not permitted). The
in-process tests stand in for the disk at the one place the app asks how much room there is
(``journal.store.space.free_bytes``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from journal.domain.clock import FakeClock
from journal.domain.entries import Note
from journal.services import open_services
from journal.store.errors import DiskFullError
from journal.store.faults import explain
from journal.store.files import JOURNAL_FILENAME
from tests.e2e.test_read_only import (
    _commands,
    _journal_with_entries,
    _results,
    needs_mounts,
    run_in_mount,
)


@needs_mounts
def test_commands_on_a_full_disk_say_the_disk_is_full_in_one_line(
    tmp_path: Path, clock: FakeClock
) -> None:
    data = tmp_path / "data"
    _journal_with_entries(data, clock)
    source = tmp_path / "export.json"
    services = open_services(data, clock)
    services.exports.export_journal(source)
    services.close()
    before = (data / JOURNAL_FILENAME).read_bytes()
    disk = tmp_path / "disk"
    disk.mkdir()
    full = disk / "data"
    commands = [
        "check",
        "summary",
        f"export --out {full / 'export.json'}",
        "backup",
        f"import {source}",
        "demo --days 3 --force",
    ]
    script = (
        f"mount -t tmpfs -o size=2m tmpfs {disk}\n"
        f"cp -a {data} {full}\n"
        f"dd if=/dev/zero of={disk / 'filler'} bs=4k 2>/dev/null\n"
        # check and backup (a refusal) as the real program, the others in one process
        + _commands(full, commands, real=("check", "backup"))
        + "\necho @@@END"
        + f"\ncmp {data / JOURNAL_FILENAME} {full / JOURNAL_FILENAME} && echo SAME"
        + f"\nls -a {full}; ls -a {full / 'backups'}"
    )
    result = run_in_mount(script)
    results = _results(result.stdout.split("@@@END")[0])
    assert set(results) == set(commands), result.stdout + result.stderr
    for command, (_code, text) in results.items():
        assert "Traceback" not in text and "Logging error" not in text, (command, text)
    assert results["check"][0] == 0 and "Integrity: ok" in results["check"][1]
    assert results["summary"][0] == 0, results["summary"]  # reading still works
    for refused in commands[2:]:
        code, text = results[refused]
        assert code == 1 and len(text.splitlines()) == 1, (refused, text)
        assert "disk is full" in text.lower() and "Free some space" in text, (refused, text)
    assert "SAME" in result.stdout  # the journal is exactly as it was
    assert ".part" not in result.stdout and "export.json" not in result.stdout.split("SAME")[1]
    assert (data / JOURNAL_FILENAME).read_bytes() == before


def _no_room(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("journal.store.space.free_bytes", lambda _folder: 4096)


def test_a_full_disk_is_said_before_an_import_or_backup_starts(
    data_dir: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = open_services(data_dir, clock)
    try:
        services.journal.add_entry(Note(at=clock.now(), note="kept"))
        services.exports.export_journal(tmp_path / "export.json")
        _no_room(monkeypatch)
        with pytest.raises(DiskFullError, match="Nothing was imported"):
            services.imports.import_journal(tmp_path / "export.json")
        with pytest.raises(DiskFullError, match="Nothing was exported"):
            services.exports.export_journal(tmp_path / "again.json")
        with pytest.raises(Exception, match="The disk is full: no backup was written"):
            services.maintenance.backup()
        assert not (tmp_path / "again.json").exists()
        assert services.journal.count_entries() == 1
    finally:
        services.close()


def test_a_disk_io_error_on_a_full_disk_is_called_a_full_disk(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    error = OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error"))
    assert "disk is full" not in str(explain(error, data_dir / JOURNAL_FILENAME))
    _no_room(monkeypatch)
    explained = explain(error, data_dir / JOURNAL_FILENAME)
    assert isinstance(explained, DiskFullError)
    assert "Free some space" in str(explained)


def test_the_window_on_a_full_disk_reads_and_says_the_disk_is_full(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.ui.main_window import MainWindow

    _journal_with_entries(data_dir, clock)
    _no_room(monkeypatch)
    services = open_services(data_dir, clock)
    try:
        assert services.read_only
        window = MainWindow(services)
        qtbot.addWidget(window)
        assert window.read_only_banner is not None
        assert "The disk is full" in window.read_only_banner.text()
        assert not window.import_action.isEnabled()
        with pytest.raises(DiskFullError, match="Free some space"):
            services.journal.add_entry(Note(at=clock.now(), note="x"))
        window.close()
    finally:
        services.close()


def test_an_entry_form_on_a_full_disk_says_so_and_keeps_what_was_typed(
    qtbot: QtBot, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.domain.vocabulary import EntryKind
    from journal.ui.forms.dialog import EntryDialog

    dialog = EntryDialog(services, EntryKind.GLUCOSE)
    qtbot.addWidget(dialog)

    def full(*_args: object, **_kwargs: object) -> None:
        import sqlite3

        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    import journal.store.repository as repository

    monkeypatch.setattr(repository, "insert_entry", full)
    from tests.ui.test_forms import type_into

    type_into(dialog, "mgdl", "140")
    assert not dialog.save()
    assert "The disk is full" in dialog.general_error.text()
    assert services.journal.count_entries() == 0
