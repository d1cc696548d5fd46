"""The main window: opens on a demo journal, keyboard navigation, quick-add, undo, search."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from journal import __version__
from journal.domain.clock import FakeClock
from journal.domain.entries import Meal
from journal.domain.units import GlucoseUnit
from journal.domain.vocabulary import EntryKind
from journal.io.demo import generate_demo
from journal.services import Services, open_services
from journal.ui.about import AboutDialog
from journal.ui.main_window import MainWindow
from journal.ui.preferences import PreferencesDialog
from journal.ui.search import SearchDialog

TODAY = date(2026, 11, 24)


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[MainWindow]:
    main = MainWindow(services)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


@pytest.fixture
def demo_services(services: Services, clock: FakeClock) -> Services:
    tz = clock.now().tzinfo
    assert tz is not None
    generate_demo(services.db, days=30, seed=2, end=TODAY, tz=tz)
    return services


def test_opens_on_today_with_the_demo_days_entries(qtbot: QtBot, demo_services: Services) -> None:
    main = MainWindow(demo_services)
    qtbot.addWidget(main)
    main.show()
    assert main.current_view_key == "today"
    today = main.view("today")
    assert today.current_day == TODAY  # type: ignore[attr-defined]
    shown = demo_services.journal.day_view(TODAY).entries
    assert shown, "the demo journal has entries today"
    main.label_journal()  # done once the window has painted
    assert main.windowTitle() == "Interplay — demo journal"
    location = main.statusBar().findChild(QLabel, "dataLocation")
    assert location is not None
    assert location.text() == f"Demo journal: made-up data, in {demo_services.data_dir}"


def test_a_journal_of_ones_own_shows_where_it_lives(qtbot: QtBot, window: MainWindow) -> None:
    window.label_journal()
    assert window.windowTitle() == "Interplay"
    location = window.statusBar().findChild(QLabel, "dataLocation")
    assert location is not None and location.text() == f"Journal: {window.services.data_dir}"


def test_demo_opens_the_window_at_once_and_fills_it_with_progress(
    qtbot: QtBot, empty_data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.services.demo as demo

    monkeypatch.setattr(demo, "DEMO_DAYS", 40)
    services = open_services(empty_data_dir, clock)
    main = MainWindow(services, throwaway_demo=True)
    qtbot.addWidget(main)
    main.show()  # before any demo data exists: the window comes first
    assert services.journal.day_view(clock.now().date()).entries == []
    assert main.windowTitle() == "Interplay — demo journal"
    location = main.statusBar().findChild(QLabel, "dataLocation")
    assert location is not None
    assert location.text() == "Demo journal: made-up data, deleted when you close Interplay"
    assert str(empty_data_dir) not in location.text()
    qtbot.waitUntil(lambda: "Demo journal ready" in main.statusBar().currentMessage())
    assert services.journal.day_view(clock.now().date()).entries  # Today fills in
    main.close()
    services.close()


def test_keyboard_moves_between_views(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.current_view_key == "charts"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.current_view_key == "today"
    qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key == "charts"
    window.prev_view_action.trigger()
    assert window.current_view_key == "today"


def test_quick_add_shortcuts_open_the_form_of_their_kind(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[EntryKind] = []

    def fake_open(_parent: Any, _services: Any, kind: EntryKind, **_kw: Any) -> None:
        opened.append(kind)

    monkeypatch.setattr("journal.ui.forms.open_entry_dialog", fake_open)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert opened == [EntryKind.MEAL, EntryKind.STRESS, EntryKind.NOTE]


def test_undo_action_follows_the_history(
    window: MainWindow, services: Services, clock: FakeClock
) -> None:
    assert not window.undo_action.isEnabled()
    meal = services.journal.add_entry(Meal(at=clock.now(), items="porridge"))
    services.journal.delete_entry(meal.id or 0)
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo delete meal"
    window.undo_action.trigger()
    assert services.journal.entry(meal.id or 0) is not None
    assert window.statusBar().currentMessage() == "Undone: Delete meal."


def test_search_opens_the_day_with_the_entry_selected(
    qtbot: QtBot, window: MainWindow, services: Services, clock: FakeClock
) -> None:
    old = services.journal.add_entry(
        Meal(at=clock.now() - timedelta(days=40), items="birthday cake", tags=("high sugar",))
    )
    dialog = SearchDialog(services, window)
    qtbot.addWidget(dialog)
    dialog.entry_chosen.connect(lambda e: window.open_day(e.day, e.id))
    dialog.query.setText("cake")
    dialog.run_search()
    assert [e.id for e in dialog.found] == [old.id]
    assert "birthday cake" in dialog.model.index(0).data()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    today = window.view("today")
    assert today.current_day == old.day  # type: ignore[attr-defined]
    selected = today.selected_entry()  # type: ignore[attr-defined]
    assert selected is not None and selected.id == old.id


def test_about_shows_version_and_data_location(qtbot: QtBot, data_dir: Path) -> None:
    about = AboutDialog(data_dir)
    qtbot.addWidget(about)
    texts = " ".join(label.text() for label in about.findChildren(QLabel))
    assert __version__ in texts
    assert str(data_dir) in texts


def test_preferences_change_the_glucose_unit(qtbot: QtBot, services: Services) -> None:
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    dialog.glucose.setValue(GlucoseUnit.MMOLL)
    dialog.accept()
    assert services.units.glucose is GlucoseUnit.MMOLL


def test_export_from_the_file_menu_writes_the_chosen_file(
    window: MainWindow,
    services: Services,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    services.journal.add_entry(Meal(at=clock.now(), items="rice", carbs_g=50))
    target = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_json_action.trigger()
    assert target.exists() and '"rice"' in target.read_text()
    assert window.statusBar().currentMessage() == f"Exported 1 entries to {target}."


def test_import_from_the_file_menu_previews_first(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from journal.ui.data import ImportPreviewDialog

    services.journal.add_entry(Meal(at=clock.now(), items="rice", carbs_g=50))
    services.exports.export_journal(tmp_path / "csv", "csv")
    chosen = tmp_path / "csv" / "meal.csv"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))
    window.import_action.trigger()
    dialog = window.findChild(ImportPreviewDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.state != "checking")
    dialog.wait_for_task()
    dialog.close()


def test_preferences_show_where_the_data_lives(qtbot: QtBot, services: Services) -> None:
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.data_panel.findChildren(QLabel))
    assert str(services.data_dir) in texts


def test_a_damaged_journal_is_restored_from_its_newest_backup(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.app import _open_or_recover
    from journal.services import open_services

    services = open_services(data_dir)
    services.journal.add_entry(Meal(at=services.journal.now(), items="soup"))
    services.maintenance.backup()
    services.close()
    (data_dir / "journal.sqlite3").write_bytes(b"\0garbage" * 512)
    for leftover in data_dir.glob("journal.sqlite3-*"):
        leftover.unlink()
    asked: list[str] = []
    monkeypatch.setattr(
        "journal.ui.application.ask_to_restore", lambda problem, *_a: asked.append(problem) or True
    )
    said: list[str] = []
    recovered = _open_or_recover(data_dir, said.append)
    try:
        assert asked, "the user was asked before anything was restored"
        assert recovered.journal.count_entries() == 1
        assert list(data_dir.glob("journal.sqlite3.damaged-*")), "the damaged file is kept"
        assert len(said) == 1 and said[0].startswith("Restored the backup from ")
    finally:
        recovered.close()


def test_reminders_start_once_the_window_has_painted(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.reminders is not None)
    assert window.reminders is not None
    assert window.start_reminders() is window.reminders  # started once, not twice


def test_a_second_instance_on_the_same_journal_says_so_and_stops(
    qtbot: QtBot,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import argparse

    from journal.app import run_gui
    from journal.store.lock import JournalLock

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "journal.ui.application.show_fatal_error", lambda title, text: shown.append((title, text))
    )
    args = argparse.Namespace(data_dir=str(data_dir), demo=False, minimized=False)
    with JournalLock(data_dir, holder="window"):  # the first instance
        assert run_gui(args) == 1
    assert shown and shown[0][0] == "Interplay is already open"
    assert "already open on this journal" in capsys.readouterr().err


def test_help_shows_the_reference_ranges_with_their_sources(
    qtbot: QtBot, services: Services
) -> None:
    from journal.ui.help import HelpDialog

    dialog = HelpDialog("reference")
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for fact in (
        "below 100 mg/dL",
        "5.7–6.4 %",
        "Matthews et al., Diabetologia 1985",
        "Battelino et al.",
        "WHO guidelines",
        "Johnson et al., Circulation 2009",
        "Watson et al., Sleep 2015",
        "10.929",
        "not a diagnosis",
    ):
        assert fact in text


def test_preferences_choose_the_tight_glucose_target_range(
    qtbot: QtBot, services: Services
) -> None:
    from journal.domain.glucose import STANDARD_RANGE, TIGHT_RANGE

    assert services.target_range == STANDARD_RANGE
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    dialog.target_range.setCurrentIndex(1)
    dialog.accept()
    assert services.target_range == TIGHT_RANGE


def test_a_daily_goal_met_yesterday_says_so_as_people_speak(services: Services) -> None:
    from datetime import timedelta

    from journal.domain.entries import Sleep
    from journal.domain.goals import Comparison, Goal, GoalMeasure
    from journal.ui.goals.wording import card_words

    services.goals.save_goal(
        Goal(
            name="Sleep", measure=GoalMeasure.SLEEP_HOURS, comparison=Comparison.AT_LEAST, target=7
        )
    )
    yesterday = services.journal.now() - timedelta(days=1)
    services.journal.add_entry(Sleep(at=yesterday, hours=8))
    [(_, progress)] = services.goals.progress()
    words = card_words(progress, services.units)
    assert words.streak == "Met yesterday"
