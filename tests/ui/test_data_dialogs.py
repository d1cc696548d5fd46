"""The data windows: import preview and progress, backups and restore, the data folder panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import Glucose, Meal, Note
from journal.services import Services
from journal.store.backup import BackupInfo
from journal.ui.data import (
    BackupsDialog,
    DataLocationPanel,
    DeleteAllDataDialog,
    ImportPreviewDialog,
)


@pytest.fixture
def data(services: Services) -> Services:
    return services


@pytest.fixture
def export(tmp_path: Path, data: Services, clock: FakeClock) -> Path:
    """An export of two readings and a meal, after which the journal is emptied."""
    journal = data.journal
    saved = [
        journal.add_entry(Glucose(at=clock.now(), mgdl=98)),
        journal.add_entry(Glucose(at=clock.now(), mgdl=131)),
        journal.add_entry(Meal(at=clock.now(), items="lentil soup", carbs_g=30)),
    ]
    data.exports.export_journal(tmp_path / "journal.json")
    for entry in saved[1:]:
        assert entry.id is not None
        journal.delete_entry(entry.id)
    return tmp_path / "journal.json"


def _preview(qtbot: QtBot, data: Services, path: Path) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(data, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.state != "checking")
    dialog.wait_for_task()
    return dialog


def test_preview_shows_what_is_new_and_what_is_already_there(
    qtbot: QtBot, data: Services, export: Path
) -> None:
    dialog = _preview(qtbot, data, export)
    assert dialog.state == "preview"
    rows = {
        dialog.table.item(r, 0).text(): (
            dialog.table.item(r, 1).text(),
            dialog.table.item(r, 2).text(),
        )
        for r in range(dialog.table.rowCount())
    }
    assert rows == {"Meal": ("1", "0"), "Blood glucose": ("1", "1")}
    assert "2 new records will be added" in dialog.message.text()
    assert dialog.import_button.isEnabled()
    assert data.journal.count_entries() == 1  # the preview wrote nothing


def test_import_runs_with_progress_and_reports(qtbot: QtBot, data: Services, export: Path) -> None:
    dialog = _preview(qtbot, data, export)
    with qtbot.waitSignal(dialog.imported) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.wait_for_task()
    assert blocker.args[0].total_added == 2
    assert data.journal.count_entries() == 3
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.message.text().startswith("Imported 2 records")
    assert dialog.import_button.text() == "Done"


def test_a_refused_file_shows_where_and_why(qtbot: QtBot, data: Services, tmp_path: Path) -> None:
    path = tmp_path / "glucose.csv"
    path.write_text("at,glucose_mg_dl\n2026-11-24T08:00:00+01:00,high\n", encoding="utf-8")
    dialog = _preview(qtbot, data, path)
    assert dialog.state == "failed"
    assert "glucose.csv line 2, column glucose_mg_dl" in dialog.error.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.message.text() == "Your journal has not been changed."


def test_nothing_new_says_so(qtbot: QtBot, data: Services, export: Path) -> None:
    data.imports.import_journal(export)
    dialog = _preview(qtbot, data, export)
    assert "nothing to add" in dialog.message.text()
    assert not dialog.import_button.isEnabled()


def test_backups_lists_backs_up_and_restores(
    qtbot: QtBot, data: Services, clock: FakeClock
) -> None:
    data.journal.add_entry(Note(at=clock.now(), note="kept"))
    dialog = BackupsDialog(data)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text() == "✓ Verified"
    assert "Backed up" in dialog.status.text()
    data.journal.add_entry(Note(at=clock.now(), note="later"))
    asked: list[BackupInfo] = []
    dialog.confirm_restore = lambda backup: asked.append(backup) or False  # type: ignore[method-assign]
    dialog.restore_selected()
    assert data.journal.count_entries() == 2  # not confirmed: nothing happened
    dialog.confirm_restore = lambda backup: True  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.restored):
        dialog.restore_selected()
    assert data.journal.count_entries() == 1
    assert "Before a restore" in dialog.status.text()
    assert dialog.table.rowCount() == 2


def test_data_panel_shows_and_opens_the_folder(
    qtbot: QtBot, data: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel = DataLocationPanel(data)
    qtbot.addWidget(panel)
    assert panel.path_label.text() == str(data.data_dir)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(data.data_dir))]


def test_delete_all_needs_the_word_and_offers_a_last_copy(
    qtbot: QtBot, data: Services, clock: FakeClock, tmp_path: Path
) -> None:
    data.journal.add_entry(Note(at=clock.now(), note="private"))
    data.maintenance.backup()
    dialog = DeleteAllDataDialog(data)
    qtbot.addWidget(dialog)
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.confirm_edit, "delete")
    assert not dialog.delete_button.isEnabled()  # the exact word, so it is never an accident
    dialog.confirm_edit.clear()
    qtbot.keyClicks(dialog.confirm_edit, "DELETE")
    assert dialog.delete_button.isEnabled()
    dialog.choose_copy_path = lambda: tmp_path / "last.sqlite3"  # type: ignore[method-assign]
    dialog.copy_button.click()
    assert "last.sqlite3" in dialog.copy_label.text()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == DeleteAllDataDialog.DialogCode.Accepted
    assert data.journal.count_entries() == 0
    assert data.maintenance.backups() == []
    assert (tmp_path / "last.sqlite3").exists()
    assert data.maintenance.check().ok


def test_the_last_copy_may_not_go_into_the_folder_being_deleted(
    qtbot: QtBot, data: Services, clock: FakeClock
) -> None:
    data.journal.add_entry(Note(at=clock.now(), note="private"))
    dialog = DeleteAllDataDialog(data)
    qtbot.addWidget(dialog)
    dialog.last_copy = data.data_dir / "copy.sqlite3"
    dialog.confirm_edit.setText("DELETE")
    dialog.delete()
    assert "outside the data folder" in dialog.error.text()
    assert data.journal.count_entries() == 1


def test_preview_says_what_is_new_per_kind_in_a_table_tall_enough_to_read(
    qtbot: QtBot, data: Services, export: Path
) -> None:
    dialog = _preview(qtbot, data, export)
    assert dialog.summary.text() == (
        "New: 1 meal and 1 glucose reading. 1 record already in your journal stays as it is."
    )
    assert dialog.summary.isVisibleTo(dialog) and dialog.title.text() == "Import journal.json"
    table = dialog.table
    rows = table.rowCount()
    every_row = table.horizontalHeader().sizeHint().height() + rows * table.rowHeight(0)
    assert table.minimumHeight() >= every_row  # no scrolling to see two rows
    assert not table.item(0, 0).icon().isNull()  # each kind with its own icon


def test_backups_in_two_folders_each_listed_and_restorable(
    qtbot: QtBot, data: Services, clock: FakeClock, tmp_path: Path
) -> None:
    stick = tmp_path / "USB stick"
    stick.mkdir()
    data.journal.add_entry(Note(at=clock.now(), note="kept"))
    dialog = BackupsDialog(data)
    qtbot.addWidget(dialog)
    assert dialog.tabs.tabText(1) == "Second folder"
    assert "USB stick" in dialog.second_words.text()  # what a second folder is for
    dialog.choose_folder_path = lambda: stick  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert data.maintenance.second_folder == stick
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.tabs.tabText(0) == "On this computer (1)"
    assert dialog.tabs.tabText(1) == "Second folder (1)"
    assert f"Copied to {stick} too." in dialog.status.text()
    for words in (dialog.own_words, dialog.second_words):
        assert "1 backup ·" in words.text() and "free" in words.text()
    data.journal.add_entry(Note(at=clock.now(), note="later"))
    dialog.tabs.setCurrentIndex(1)
    dialog.confirm_restore = lambda backup: True  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.restored) as restored:
        dialog.restore_selected()
    assert restored.args[0].path.parent == stick
    assert data.journal.count_entries() == 1


def test_an_unplugged_stick_is_a_calm_status_in_backups(
    qtbot: QtBot, data: Services, tmp_path: Path
) -> None:
    stick = tmp_path / "USB stick"
    stick.mkdir()
    data.maintenance.set_second_folder(stick)
    stick.rmdir()
    dialog = BackupsDialog(data)
    qtbot.addWidget(dialog)
    assert dialog.tabs.tabText(1) == "Second folder (not connected)"
    assert dialog.second_state.text().startswith("Not connected")
    assert dialog.second_table.isHidden() and dialog.error.isHidden()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert "not connected, so no copy went there" in dialog.status.text()
    assert dialog.error.isHidden()
