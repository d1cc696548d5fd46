"""Edit and Delete where people look for them: over the timeline row under the mouse (or the
selected one), in the entry's dialog, and for flares on the banner, the calendar and the
flare form; each delete is undoable, and the calendar shades an ongoing flare up to today."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from test_today import DAY, fill_day  # the same realistic day as the Today tests

from journal.domain.entries import Entry, FlareEpisode, Meal
from journal.domain.vocabulary import EntryKind
from journal.services import Services
from journal.ui.forms import confirm
from journal.ui.forms.confirm import DeleteConfirmation
from journal.ui.forms.dialog import DELETED, EntryDialog, deletion_words
from journal.ui.forms.flare import FlareDialog
from journal.ui.signals import JournalSignals
from journal.ui.today import TodayView
from journal.ui.today.timeline import TEXT_ROLE


@pytest.fixture
def signals(services: Services) -> Iterator[JournalSignals]:
    signals = JournalSignals(services)
    yield signals
    signals.detach()


@pytest.fixture
def day(services: Services) -> dict[str, Any]:
    return fill_day(services)


@pytest.fixture
def view(
    qtbot: QtBot, services: Services, signals: JournalSignals, day: dict[str, Any]
) -> TodayView:
    widget = TodayView(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """Every "Delete ...?" question, answered Delete."""
    questions: list[tuple[str, ...]] = []

    def answer_delete(parent: QWidget | None, *words: str) -> bool:
        questions.append(words)
        return True

    monkeypatch.setattr(confirm, "confirm_deletion", answer_delete)
    return questions


def hover(view: TodayView, row: int) -> None:
    """Move the mouse over a timeline row (as Qt tells the list about it)."""
    centre = view.timeline.visualRect(view.model.index(row)).center()
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(centre),
        QPointF(view.timeline.viewport().mapToGlobal(centre)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.timeline.viewport(), event)


def titles(view: TodayView) -> list[str]:
    return [view.model.index(r).data(TEXT_ROLE).title for r in range(view.model.rowCount())]


def the_flare(services: Services) -> FlareEpisode:
    flares = services.journal.flares_between(DAY, DAY)
    assert len(flares) == 1
    return flares[0]


# --- the timeline's row buttons --------------------------------------------------------------


def test_no_row_buttons_until_a_row_is_hovered_or_selected(view: TodayView) -> None:
    assert view.timeline.actions_row is None
    assert not view.timeline.row_actions.isVisible()


def test_hovering_a_row_shows_edit_and_delete_over_its_right_end(view: TodayView) -> None:
    hover(view, 2)
    actions = view.timeline.row_actions
    assert view.timeline.actions_row == 2 and actions.isVisible()
    row_rect = view.timeline.visualRect(view.model.index(2))
    assert row_rect.contains(actions.geometry().center())
    assert actions.geometry().right() <= row_rect.right()
    assert actions.edit_button.text() == "Edit" and actions.delete_button.text() == "Delete"
    assert actions.delete_button.accessibleName() == "Delete this entry"
    hover(view, 4)
    assert view.timeline.actions_row == 4


def test_the_selected_row_keeps_its_buttons_when_the_mouse_leaves(view: TodayView) -> None:
    view.timeline.setCurrentIndex(view.model.index(1))
    assert view.timeline.actions_row == 1
    hover(view, 3)
    assert view.timeline.actions_row == 3
    QApplication.sendEvent(view.timeline.viewport(), QEvent(QEvent.Type.Leave))
    assert view.timeline.actions_row == 1 and view.timeline.row_actions.isVisible()


def test_the_row_delete_button_deletes_that_entry_and_undo_brings_it_back(
    view: TodayView, qtbot: QtBot, services: Services
) -> None:
    breakfast = titles(view).index("Breakfast — oat porridge, berries")
    hover(view, breakfast)
    qtbot.mouseClick(view.timeline.row_actions.delete_button, Qt.MouseButton.LeftButton)
    assert "Breakfast — oat porridge, berries" not in titles(view)
    assert view.message_bar.message.text() == "Meal deleted."
    qtbot.mouseClick(view.message_bar.undo_button, Qt.MouseButton.LeftButton)
    assert "Breakfast — oat porridge, berries" in titles(view)
    selected = view.selected_entry()
    assert isinstance(selected, Meal) and selected.items == "oat porridge, berries"


def test_the_row_edit_button_opens_that_entry(
    view: TodayView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.ui.forms

    opened: list[Entry] = []

    def cancelled(parent: QWidget, svc: Services, kind: EntryKind, entry: Entry) -> None:
        opened.append(entry)

    monkeypatch.setattr(journal.ui.forms, "open_entry_dialog", cancelled)
    hover(view, 1)
    qtbot.mouseClick(view.timeline.row_actions.edit_button, Qt.MouseButton.LeftButton)
    assert [e.id for e in opened] == [view.model.rows[1].entry.id]
    assert view.selected_entry() == view.model.rows[1].entry


def test_narrow_rows_show_the_buttons_as_icons(view: TodayView) -> None:
    view.resize(800, 700)
    view.timeline.setCurrentIndex(view.model.index(0))
    button = view.timeline.row_actions.edit_button
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert button.toolTip() == "Edit this entry (Enter)"


def test_backspace_deletes_the_selected_entry_too(view: TodayView, qtbot: QtBot) -> None:
    view.timeline.setCurrentIndex(view.model.index(0))
    view.timeline.setFocus()
    qtbot.keyClick(view.timeline, Qt.Key.Key_Backspace)
    assert view.model.rowCount() == 10
    assert view.message_bar.message.text() == "Sleep deleted."


# --- the entry dialog's Delete ---------------------------------------------------------------


def test_the_edit_dialog_asks_what_it_deletes_then_deletes_and_undo_restores(
    qtbot: QtBot, services: Services, day: dict[str, Any], asked: list[tuple[str, ...]]
) -> None:
    meal = next(e for e in day["entries"] if isinstance(e, Meal))
    dialog = EntryDialog(services, EntryKind.MEAL, entry=meal)
    qtbot.addWidget(dialog)
    assert dialog.delete_button.text() == "&Delete…"
    assert dialog.delete_button.isEnabled()
    assert dialog.delete_entry()
    question, what, details = asked[0]
    assert question == "Delete this meal?"
    assert what == "Breakfast — oat porridge, berries"
    assert "45 g carbs" in details and "Logged at 07:30 on Tuesday, 24 November 2026" in details
    assert dialog.result() == DELETED and dialog.deleted_entry == meal
    assert services.journal.entry(meal.id or 0) is None
    assert services.journal.undo() == "Delete meal"
    assert services.journal.entry(meal.id or 0) == meal


def test_cancelling_the_question_deletes_nothing(
    qtbot: QtBot, services: Services, day: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(confirm, "confirm_deletion", lambda *args: False)
    meal = next(e for e in day["entries"] if isinstance(e, Meal))
    dialog = EntryDialog(services, EntryKind.MEAL, entry=meal)
    qtbot.addWidget(dialog)
    assert not dialog.delete_entry()
    assert services.journal.entry(meal.id or 0) == meal
    assert dialog.result() == 0 and dialog.deleted_entry is None


def test_a_new_entry_has_no_delete_button(qtbot: QtBot, services: Services) -> None:
    dialog = EntryDialog(services, EntryKind.NOTE)
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "delete_button")


def test_deleting_from_the_dialog_offers_undo_on_today(
    view: TodayView, qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.ui.forms

    def deleted_in_dialog(parent: QWidget, svc: Services, kind: EntryKind, entry: Entry) -> None:
        svc.journal.delete_entry(entry.id or 0)  # what the dialog's Delete does

    monkeypatch.setattr(journal.ui.forms, "open_entry_dialog", deleted_in_dialog)
    view.edit_entry(view.model.rows[2].entry)
    assert "Breakfast — oat porridge, berries" not in titles(view)
    assert view.message_bar.isVisible() and view.message_bar.message.text() == "Meal deleted."
    qtbot.mouseClick(view.message_bar.undo_button, Qt.MouseButton.LeftButton)
    assert "Breakfast — oat porridge, berries" in titles(view)


def test_the_question_names_the_entry_and_cancel_is_the_default(
    qtbot: QtBot, services: Services, day: dict[str, Any]
) -> None:
    meal = next(e for e in day["entries"] if isinstance(e, Meal))
    box = DeleteConfirmation(None, *deletion_words(services, meal))
    qtbot.addWidget(box)
    assert box.question.text() == "Delete this meal?"
    assert box.what.text() == "Breakfast — oat porridge, berries"
    assert "Undo" in box.consequence.text()
    assert box.cancel_button.isDefault() and not box.delete_button.isDefault()
    box.show()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.result() == QDialog.DialogCode.Rejected


# --- flares ------------------------------------------------------------------------------------


def test_the_flare_banner_deletes_the_flare_and_undo_brings_it_back(
    view: TodayView, qtbot: QtBot, services: Services, asked: list[tuple[str, ...]]
) -> None:
    flare = the_flare(services)
    banner = view.flare_banner
    assert banner.isVisible() and banner.delete_button.isVisible()
    qtbot.mouseClick(banner.delete_button, Qt.MouseButton.LeftButton)
    question, what, when, _consequence = asked[0]
    assert (question, what) == ("Delete this flare?", "rheumatoid arthritis")
    assert when == "Since Sun 22 Nov 2026, still going (3 days)"
    assert services.journal.flare(flare.id or 0) is None
    assert not banner.isVisible()
    assert not view.calendar.marks_for(DAY - timedelta(days=2))
    assert view.message_bar.message.text() == "Flare deleted."
    qtbot.mouseClick(view.message_bar.undo_button, Qt.MouseButton.LeftButton)
    assert services.journal.flare(flare.id or 0) == flare
    assert banner.isVisible()
    marks = view.calendar.marks_for(DAY - timedelta(days=2))
    assert marks is not None and marks.in_flare


def test_the_flare_question_says_the_check_ins_stay(
    qtbot: QtBot, services: Services, asked: list[tuple[str, ...]]
) -> None:
    from journal.domain.entries import SymptomCheck
    from journal.ui.forms.flare import ask_to_delete_flare

    flare = services.journal.save_flare(FlareEpisode(start=DAY, condition="lupus"))
    for hour in (9, 18):
        services.journal.add_entry(
            SymptomCheck(
                at=services.clock.now().replace(hour=hour), scores={"rash": 3}, flare_id=flare.id
            )
        )
    assert ask_to_delete_flare(None, services, flare)
    consequence = asked[0][3]
    assert consequence.startswith("Its 2 symptom check-ins stay in the journal")
    assert "brings it all back" in consequence


def test_the_flare_banner_edit_opens_the_flare_form(
    view: TodayView, qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.ui.forms

    flare = the_flare(services)
    opened: list[FlareEpisode | None] = []

    def ended(parent: QWidget, svc: Services, episode: FlareEpisode | None) -> FlareEpisode:
        opened.append(episode)
        assert episode is not None
        return svc.journal.save_flare(replace(episode, end=DAY))

    monkeypatch.setattr(journal.ui.forms, "open_flare_dialog", ended)
    qtbot.mouseClick(view.flare_banner.edit_button, Qt.MouseButton.LeftButton)
    assert opened == [flare]
    assert view.flare_label.text() == "Flare day 3 — rheumatoid arthritis (last day)"
    assert view.message_bar.message.text() == "Flare changed."


def test_the_flare_form_deletes_the_flare(
    qtbot: QtBot, services: Services, asked: list[tuple[str, ...]]
) -> None:
    flare = services.journal.save_flare(FlareEpisode(start=DAY, condition="psoriasis"))
    dialog = FlareDialog(services, flare)
    qtbot.addWidget(dialog)
    assert dialog.delete_button.text() == "&Delete…"
    assert dialog.delete_flare()
    assert dialog.result() == DELETED and dialog.deleted_episode == flare
    assert services.journal.flare(flare.id or 0) is None
    assert services.journal.undo() == "Delete flare"
    assert services.journal.flare(flare.id or 0) == flare


def test_starting_a_flare_offers_no_delete(qtbot: QtBot, services: Services) -> None:
    dialog = FlareDialog(services)
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "delete_button")


def test_a_right_click_on_a_flare_day_offers_edit_and_delete(
    view: TodayView, services: Services, asked: list[tuple[str, ...]]
) -> None:
    view.calendar.grab()  # paints the month, so the calendar knows where each day is
    yesterday = DAY - timedelta(days=1)
    cell = view.calendar.cell_rect(yesterday)
    assert cell is not None and view.calendar.date_at(cell.center()) == yesterday
    menu = view.day_menu(yesterday)
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Show this day", "Edit flare…", "Delete flare…"]
    assert view.day_menu(DAY - timedelta(days=10)) is None  # no flare that day
    menu.actions()[-1].trigger()
    assert services.journal.flares_between(DAY, DAY) == []


def test_the_menu_key_on_the_calendar_asks_for_the_selected_day(view: TodayView) -> None:
    view.calendar.grab()
    asked_days: list[object] = []
    view.calendar.day_menu_requested.disconnect()  # no real menu: it would wait for a click
    view.calendar.day_menu_requested.connect(lambda d, _where: asked_days.append(d))
    table = view.calendar.table
    assert table is not None
    cell = view.calendar.cell_rect(DAY)
    assert cell is not None
    table.customContextMenuRequested.emit(cell.center())
    assert asked_days == [DAY]
    table.customContextMenuRequested.emit(QPoint(-50, -50))  # not a day
    assert asked_days == [DAY]


# --- an ongoing flare shades only up to today ---------------------------------------------------


def test_an_ongoing_flare_shades_the_calendar_only_up_to_today(view: TodayView) -> None:
    today = view.calendar.marks_for(DAY)
    assert today is not None and today.in_flare
    for ahead in (1, 2, 10, 30):
        marks = view.calendar.marks_for(DAY + timedelta(days=ahead))
        assert marks is None or not marks.in_flare


def test_days_ahead_of_an_ongoing_flare_show_no_flare_banner(view: TodayView) -> None:
    assert view.flare_banner.isVisibleTo(view)
    view.next_day()
    assert not view.flare_banner.isVisibleTo(view)


def test_two_flares_on_one_day_are_told_apart(view: TodayView, services: Services) -> None:
    services.journal.save_flare(FlareEpisode(start=DAY - timedelta(days=1), condition="psoriasis"))
    menu = view.day_menu(DAY)
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "Edit flare (psoriasis, since 23 Nov 2026)…" in texts
    assert "Delete flare (rheumatoid arthritis, since 22 Nov 2026)…" in texts
    assert view.flare_label.text() == (
        "Flare day 3 — rheumatoid arthritis\nFlare day 2 — psoriasis"
    )
