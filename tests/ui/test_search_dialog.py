"""The search dialog: flares found by condition, a kind list with counts, a date range, and a
layout that fits a 1024 x 700 screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import Exercise, FlareEpisode, Meal, Note
from journal.domain.vocabulary import EntryKind
from journal.services import Services
from journal.ui.search import SearchDialog
from journal.ui.search.search_dialog import ALL, COUNT_ROLE, FILTER_ROLE, FLARES

TODAY = date(2026, 11, 24)


@pytest.fixture
def journal(services: Services, clock: FakeClock) -> Services:
    journal = services.journal
    journal.save_flare(
        FlareEpisode(
            start=TODAY - timedelta(days=200),
            end=TODAY - timedelta(days=190),
            condition="lupus",
            triggers=("sun exposure",),
        )
    )
    journal.save_flare(FlareEpisode(start=TODAY - timedelta(days=3), condition="psoriasis"))
    journal.add_entry(Note(at=clock.now() - timedelta(days=2), note="Lupus nurse called"))
    journal.add_entry(Note(at=clock.now() - timedelta(days=120), note="lupus group meeting"))
    journal.add_entry(Meal(at=clock.now(), items="lupus-friendly salad"))
    journal.add_entry(Exercise(at=clock.now(), activity="walk in the sun", minutes=20))
    return services


@pytest.fixture
def dialog(qtbot: QtBot, journal: Services) -> SearchDialog:
    widget = SearchDialog(journal)
    qtbot.addWidget(widget)
    return widget


def count_of(dialog: SearchDialog, value: str) -> int | None:
    for row in range(dialog.kinds.count()):
        item = dialog.kinds.item(row)
        if item.data(FILTER_ROLE) == value:
            count: int | None = item.data(COUNT_ROLE)
            return count
    raise KeyError(value)


def search(dialog: SearchDialog, text: str) -> None:
    dialog.query.setText(text)
    dialog.run_search()


def test_lupus_finds_the_flare_and_the_entries(dialog: SearchDialog) -> None:
    search(dialog, "lupus")
    assert [f.condition for f in dialog.found_flares] == ["lupus"]
    assert len(dialog.found) == 3
    assert dialog.summary.text() == "4 results for “lupus”."
    titles = [dialog.model.index(r).data() for r in range(dialog.model.rowCount())]
    assert any("Flare — lupus" in t and "sun exposure" in t for t in titles)


def test_the_kind_list_counts_each_kind_and_narrows_to_one(dialog: SearchDialog) -> None:
    search(dialog, "lupus")
    assert count_of(dialog, ALL) == 4
    assert count_of(dialog, FLARES) == 1
    assert count_of(dialog, EntryKind.NOTE.value) == 2
    assert count_of(dialog, EntryKind.MEAL.value) == 1
    assert count_of(dialog, EntryKind.SLEEP.value) == 0
    dialog.choose_kind(FLARES)
    assert dialog.found == [] and len(dialog.found_flares) == 1
    assert dialog.summary.text() == "1 flare for “lupus”."
    dialog.choose_kind(EntryKind.NOTE)
    assert [e.kind for e in dialog.found] == [EntryKind.NOTE, EntryKind.NOTE]
    assert dialog.summary.text() == "2 notes for “lupus”."
    assert count_of(dialog, ALL) == 4  # the counts stay for every kind
    dialog.choose_kind(EntryKind.SLEEP)
    assert dialog.summary.text() == "None of this kind for “lupus”; 4 results in other kinds."


def test_the_kind_list_is_reachable_by_keyboard(dialog: SearchDialog, qtbot: QtBot) -> None:
    search(dialog, "lupus")
    dialog.show()
    dialog.kinds.setFocus()
    qtbot.keyClick(dialog.kinds, Qt.Key.Key_Down)
    assert dialog.chosen_filter() == FLARES
    assert [f.condition for f in dialog.found_flares] == ["lupus"]


def test_a_kind_without_text_lists_all_of_it(dialog: SearchDialog) -> None:
    assert dialog.found == [] and dialog.summary.text().startswith("Type a word")
    dialog.choose_kind(FLARES)
    assert [f.condition for f in dialog.found_flares] == ["psoriasis", "lupus"]
    assert dialog.summary.text() == "2 flares."


def test_the_date_range_narrows_results(dialog: SearchDialog) -> None:
    search(dialog, "lupus")
    dialog.period.setCurrentIndex(dialog.period.findText("Past 30 days"))
    assert [e.note for e in dialog.found] == ["", "Lupus nurse called"]
    assert dialog.found_flares == []
    assert dialog.summary.text() == "2 results for “lupus” in the past 30 days."
    assert not dialog.first_day.isVisibleTo(dialog)


def test_chosen_dates_bound_the_search(dialog: SearchDialog) -> None:
    search(dialog, "lupus")
    dialog.period.setCurrentIndex(dialog.period.findText("Choose dates…"))
    assert dialog.first_day.isVisibleTo(dialog) and dialog.last_day.isVisibleTo(dialog)
    dialog.first_day.setDate(TODAY - timedelta(days=250))  # as typed or picked
    dialog.last_day.setDate(TODAY - timedelta(days=100))
    assert dialog.date_range() == (TODAY - timedelta(days=250), TODAY - timedelta(days=100))
    assert [e.note for e in dialog.found] == ["lupus group meeting"]
    assert [f.condition for f in dialog.found_flares] == ["lupus"]
    assert "from 19 Mar 2026 to 16 Aug 2026" in dialog.summary.text()


def test_choosing_a_flare_opens_the_day_it_started(dialog: SearchDialog, qtbot: QtBot) -> None:
    search(dialog, "psoriasis")
    with qtbot.waitSignal(dialog.day_chosen) as chosen:
        qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert chosen.args == [TODAY - timedelta(days=3)]


def test_choosing_an_entry_opens_it(dialog: SearchDialog, qtbot: QtBot) -> None:
    search(dialog, "salad")
    with qtbot.waitSignal(dialog.entry_chosen) as chosen:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert isinstance(chosen.args[0], Meal)


def test_nothing_found_says_so_and_cannot_be_opened(dialog: SearchDialog) -> None:
    search(dialog, "zebra")
    assert dialog.summary.text() == "Nothing found for “zebra”. Try another word or a longer time."
    assert not dialog.open_button.isEnabled()


def test_the_dialog_fits_a_small_laptop_screen(dialog: SearchDialog) -> None:
    search(dialog, "lupus")
    dialog.period.setCurrentIndex(dialog.period.findText("Choose dates…"))
    needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert needed.width() <= 1024 - 40 and needed.height() <= 700 - 60
    dialog.resize(1024 - 40, 700 - 60)
    dialog.show()
    # Every kind has a row (the list scrolls rather than clipping), and the buttons show.
    assert dialog.open_button.isVisible() and dialog.close_button.isVisible()
    assert dialog.open_button.geometry().bottom() < dialog.height()
    assert dialog.last_day.geometry().right() < dialog.width()


def test_a_mistyped_day_says_what_is_wrong_and_keeps_the_results(
    dialog: SearchDialog, qtbot: QtBot
) -> None:
    search(dialog, "lupus")
    dialog.period.setCurrentIndex(dialog.period.findText("Choose dates…"))
    before = dialog.found
    dialog.first_day.line.setText("31 Feb 2026")
    dialog.first_day.commit()
    assert "results are for the days shown before" in dialog.summary.text()
    assert dialog.found == before
    assert dialog.date_range()[0] == TODAY - timedelta(days=29)


def test_the_result_under_the_mouse_is_tinted_and_untinted_when_it_leaves(
    dialog: SearchDialog, qtbot: QtBot
) -> None:
    search(dialog, "lupus")
    dialog.show()
    qtbot.waitExposed(dialog)
    results = dialog.result_list

    def background(row: int) -> QColor:
        """The colour just inside the row's left end, where only its tint is drawn."""
        rect = results.visualRect(dialog.model.index(row, 0))
        return results.viewport().grab().toImage().pixelColor(rect.left() + 4, rect.center().y())

    plain, other = background(1), background(2)
    qtbot.mouseMove(results.viewport(), results.visualRect(dialog.model.index(1, 0)).center())
    qtbot.waitUntil(lambda: background(1) != plain)
    assert background(2) == other  # only the row under the mouse
    QApplication.sendEvent(results.viewport(), QEvent(QEvent.Type.Leave))
    qtbot.waitUntil(lambda: background(1) == plain)
