"""The import window shows records changed since (same uid, other content) and lets the
person keep the journal's version or take the file's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import Meal
from journal.domain.vocabulary import MealType
from journal.services import Services
from journal.store import bulk_read
from journal.ui.data.import_preview import ImportPreviewDialog

UID = "c" * 32


@pytest.fixture
def edited(tmp_path: Path, services: Services, clock: FakeClock) -> Path:
    services.journal.add_entry(
        Meal(uid=UID, at=clock.now(), meal_type=MealType.LUNCH, items="soup", carbs_g=30.0)
    )
    record = {
        "uid": UID,
        "kind": "meal",
        "at": clock.now().isoformat(),
        "meal_type": "lunch",
        "items": "soup and bread",
        "carbs_g": 55.0,
    }
    path = tmp_path / "edited.json"
    document = {"format": "interplay-journal", "format_version": 3, "entries": [record]}
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def _items(services: Services) -> list[str]:
    with services.db.reading() as session:
        return [getattr(e, "items", "") for e in bulk_read.iter_entries(session)]


def _run(qtbot: QtBot, services: Services, path: Path, take_file: bool) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(services, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.state != "checking")
    dialog.wait_for_task()
    assert dialog.state == "preview"
    assert dialog.keep_journal.isVisibleTo(dialog) and dialog.take_file.isVisibleTo(dialog)
    assert "Changed: 1 record" in dialog.changed_note.text()
    assert dialog.import_button.isEnabled()
    (dialog.take_file if take_file else dialog.keep_journal).setChecked(True)
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.state in ("done", "failed"))
    dialog.wait_for_task()
    return dialog


def test_keeping_the_journals_version_changes_nothing(
    qtbot: QtBot, services: Services, edited: Path
) -> None:
    dialog = _run(qtbot, services, edited, take_file=False)
    assert dialog.state == "done"
    assert dialog.report is not None and dialog.report.kept == 1
    assert _items(services) == ["soup"]


def test_taking_the_files_version_updates_the_record(
    qtbot: QtBot, services: Services, edited: Path
) -> None:
    dialog = _run(qtbot, services, edited, take_file=True)
    assert dialog.state == "done", dialog.error.text()
    assert dialog.report is not None and dialog.report.updated == {"meal": 1}
    assert "Updated 1 record" in dialog.message.text()
    assert _items(services) == ["soup and bread"]
