"""The Today view: timeline, day navigation, calendar marks, summary, doses, delete/undo, edit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journal.domain.entries import (
    DoseLog,
    Entry,
    Exercise,
    FlareEpisode,
    Glucose,
    LabResult,
    Meal,
    Medication,
    Note,
    Sleep,
    StressCheck,
    SymptomCheck,
    Tracker,
    TrackerValue,
)
from journal.domain.units import GlucoseUnit, UnitPreferences
from journal.domain.vocabulary import (
    DoseStatus,
    EntryKind,
    GlucoseContext,
    Intensity,
    MealType,
    TrackerType,
)
from journal.services import Services
from journal.ui.signals import JournalSignals
from journal.ui.today import TodayView
from journal.ui.today.timeline import TEXT_ROLE, TIME_ROLE

TZ = timezone(timedelta(hours=1))
DAY = date(2026, 11, 24)  # the fake clock's today (conftest)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def fill_day(services: Services, *, full: bool = False) -> dict[str, Any]:
    """A realistic day: meals, glucose, doses, labs, symptoms in a flare, sleep, a note."""
    journal = services.journal
    metformin = journal.save_medication(
        Medication(
            name="Metformin",
            dose="500 mg",
            times=(time(8, 0), time(20, 0)),
            periods=((datetime(2026, 1, 1, tzinfo=UTC), None),),
        )
    )
    vitamin_d = journal.save_medication(
        Medication(
            name="Vitamin D",
            dose="1000 IU",
            times=(time(8, 0),),
            periods=((datetime(2026, 1, 1, tzinfo=UTC), None),),
        )
    )
    water = journal.save_tracker(Tracker(name="Water", type=TrackerType.NUMBER, unit="glasses"))
    journal.save_flare(
        FlareEpisode(start=DAY - timedelta(days=2), condition="rheumatoid arthritis")
    )
    entries: list[Entry] = [
        Sleep(at=at(6, 40), hours=6.5, bedtime=at(23, 10, DAY - timedelta(days=1)), quality=5),
        Glucose(at=at(7, 5), mgdl=98, context=GlucoseContext.FASTING),
        Meal(
            at=at(7, 30),
            meal_type=MealType.BREAKFAST,
            items="oat porridge, berries",
            carbs_g=45,
            added_sugar_g=6,
            tags=("whole grains",),
        ),
        DoseLog(
            at=at(8, 5),
            medication_id=metformin.id or 0,
            scheduled=time(8, 0),
            dose="500 mg",
        ),
        LabResult(at=at(9, 0), test="fasting_glucose", value=100),
        LabResult(at=at(9, 0), test="fasting_insulin", value=10),
        SymptomCheck(
            at=at(9, 30),
            scores={"pain": 6, "fatigue": 7},
            regions={"pain": ("hands", "knees")},
            note="Hands stiff and slow to get going this morning.",
        ),
        StressCheck(at=at(10, 15), stress=6, mood=4, coping="breathing", coping_helped=True),
        Exercise(at=at(11, 0), activity="walk", minutes=40, steps=5200),
        Meal(
            at=at(11, 45),
            meal_type=MealType.LUNCH,
            items="lentil soup, bread",
            carbs_g=30,
            tags=("vegetables",),
        ),
    ]
    if full:
        entries += [
            Glucose(at=at(13, 45), mgdl=142, context=GlucoseContext.AFTER_MEAL),
            TrackerValue(at=at(15, 0), tracker_id=water.id or 0, value=6),
            Exercise(at=at(17, 30), activity="stretching", minutes=15, intensity=Intensity.LIGHT),
            Note(at=at(20, 30), note="Better after the walk. Slept badly, fingers swollen."),
        ]
    else:
        entries.append(Glucose(at=at(11, 50), mgdl=142, context=GlucoseContext.AFTER_MEAL))
    saved = [journal.add_entry(e) for e in entries]
    journal.undo_stack.clear()
    return {"metformin": metformin, "vitamin_d": vitamin_d, "water": water, "entries": saved}


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
    return widget


def timeline_texts(view: TodayView) -> list[tuple[str, str, str]]:
    model = view.model
    rows = []
    for row in range(model.rowCount()):
        index = model.index(row)
        text = index.data(TEXT_ROLE)
        rows.append((index.data(TIME_ROLE), text.title, text.detail))
    return rows


# --- the timeline ---------------------------------------------------------------------------


def test_timeline_shows_the_day_in_time_order_with_readable_texts(view: TodayView) -> None:
    rows = timeline_texts(view)
    times = [r[0] for r in rows]
    assert times == sorted(times)
    assert times[0] == "06:40"
    assert rows[0][1] == "Slept 6.5 h"
    assert rows[0][2] == "23:10–06:40 · quality 5/10"
    assert rows[2][:2] == ("07:30", "Breakfast — oat porridge, berries")
    assert rows[2][2] == "45 g carbs · 6 g added sugar · whole grains"
    assert ("08:05", "Metformin 500 mg taken", "due 08:00") in rows
    assert ("11:00", "Walk 40 min", "moderate · 5,200 steps") in rows
    assert ("11:50", "Glucose 142 mg/dL", "1-2 h after a meal") in rows
    assert view.date_label.text() == "Tuesday, 24 November 2026"
    assert view.relative_label.text() == "Today"


def test_twelve_hour_and_mmol_preferences_change_what_the_timeline_says(
    view: TodayView, services: Services
) -> None:
    services.set_units(UnitPreferences(glucose=GlucoseUnit.MMOLL))
    rows = timeline_texts(view)
    assert ("11:50", "Glucose 7.9 mmol/L", "1-2 h after a meal") in rows
    glucose = view.summary.cards["glucose"]
    assert glucose.value.text() == "5.4–7.9"
    assert glucose.hint.text() == "mmol/L · 2 readings"


def test_flare_banner_names_the_flare_day_and_condition(view: TodayView) -> None:
    assert view.flare_banner.isVisibleTo(view)
    assert view.flare_label.text() == "Flare day 3 — rheumatoid arthritis"
    view.show_day(DAY - timedelta(days=3))
    assert not view.flare_banner.isVisibleTo(view)


# --- navigation -----------------------------------------------------------------------------


def test_previous_next_and_today_buttons_move_the_day(view: TodayView, qtbot: QtBot) -> None:
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.current_day == DAY - timedelta(days=1)
    assert view.relative_label.text() == "Yesterday"
    assert view.model.rowCount() == 0
    assert view.pages.currentWidget() is view.empty
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_day == DAY + timedelta(days=1)
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    assert view.current_day == DAY
    assert view.model.rowCount() == 11
    assert view.calendar.selectedDate() == QDate(2026, 11, 24)


def test_keyboard_shortcuts_move_the_day(view: TodayView, qtbot: QtBot) -> None:
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: view.isActiveWindow())
    view.setFocus()
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view.timeline, Qt.Key.Key_Left, alt)
    assert view.current_day == DAY - timedelta(days=1)
    # The empty day has focus now; the shortcuts still work from there.
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Left, alt)
    assert view.current_day == DAY - timedelta(days=2)
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Right, alt)
    assert view.current_day == DAY - timedelta(days=1)
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Home, alt)
    assert view.current_day == DAY


def test_navigation_buttons_have_accessible_names(view: TodayView) -> None:
    assert view.previous_button.accessibleName() == "Previous day"
    assert view.next_button.accessibleName() == "Next day"
    assert view.today_button.accessibleName() == "Today"
    assert "Alt+Left" in view.previous_button.toolTip()


def test_clicking_a_calendar_day_shows_that_day(view: TodayView) -> None:
    view.calendar.setSelectedDate(QDate(2026, 11, 2))
    assert view.current_day == date(2026, 11, 2)
    assert view.date_label.text() == "Monday, 2 November 2026"


# --- calendar -------------------------------------------------------------------------------


def test_calendar_marks_what_was_logged_and_flare_days(view: TodayView) -> None:
    marks = view.calendar.marks_for(DAY)
    assert marks is not None
    assert {EntryKind.MEAL, EntryKind.GLUCOSE, EntryKind.SYMPTOMS} <= marks.kinds
    assert marks.in_flare
    flare_start = view.calendar.marks_for(DAY - timedelta(days=2))
    assert flare_start is not None and flare_start.in_flare and not flare_start.kinds
    assert view.calendar.marks_for(DAY - timedelta(days=3)) is None


def test_calendar_reads_each_month_once_and_again_after_a_change(
    view: TodayView, services: Services
) -> None:
    fetches = view.calendar.fetches
    for _ in range(5):
        view.previous_day()
    view.go_to_today()
    assert view.calendar.fetches == fetches  # same month: served from the cache
    services.journal.add_entry(Note(at=at(9, 0, DAY - timedelta(days=5)), note="x"))
    marks = view.calendar.marks_for(DAY - timedelta(days=5))
    assert marks is not None and EntryKind.NOTE in marks.kinds


def test_calendar_paints_without_warnings(view: TodayView) -> None:
    image = view.calendar.grab()
    assert not image.isNull()


# --- summary --------------------------------------------------------------------------------


def test_summary_adds_up_the_day(view: TodayView) -> None:
    value = view.summary.card_value
    assert value("carbs") == "75 g"
    assert value("active") == "40 min"
    assert value("stress") == "6 / 10"
    assert value("sleep") == "6.5 h"
    assert value("glucose") == "98–142"
    assert view.summary.cards["glucose"].hint.text() == "mg/dL · 2 readings"
    assert value("doses") == "1 of 3"


def test_homa_ir_shows_when_both_fasting_labs_share_the_day(view: TodayView) -> None:
    card = view.summary.cards["homa_ir"]
    assert card.value.text() == "2.47"
    assert "Matthews" in card.toolTip() and "405" in card.toolTip()
    view.previous_day()
    assert "homa_ir" not in view.summary.cards


def test_empty_day_summary_is_calm(view: TodayView) -> None:
    view.previous_day()
    assert view.summary.card_value("carbs") == "—"
    assert view.empty.title.text() == "Nothing logged yet for this day"


def test_an_empty_cards_value_is_muted_from_the_first_show_and_after_a_day_switch(
    view: TodayView, qtbot: QtBot
) -> None:
    def colour(key: str) -> QColor:
        return view.summary.cards[key].value.palette().color(QPalette.ColorRole.WindowText)

    view.show()
    qtbot.waitExposed(view)
    filled = colour("carbs")  # the day has meals
    view.previous_day()  # nothing logged: every card empty, its value muted
    assert view.summary.card_value("carbs") == "—"
    muted = colour("carbs")
    assert muted != filled
    view.next_day()
    assert colour("carbs") == filled
    # A view built on an empty day shows its empty cards muted from its first frame.
    other = TodayView(view.services, view.signals)
    qtbot.addWidget(other)
    other.show_day(view.current_day - timedelta(days=1))
    other.show()
    qtbot.waitExposed(other)
    assert (
        other.summary.cards["carbs"].value.palette().color(QPalette.ColorRole.WindowText) == muted
    )


# --- doses due ------------------------------------------------------------------------------


def test_a_due_dose_is_ticked_off_in_one_click(
    view: TodayView, qtbot: QtBot, services: Services
) -> None:
    labels = [row.due.medication.label for row in view.doses.rows]
    # In time order; Metformin's 08:00 dose is already taken.
    assert labels == ["Vitamin D 1000 IU", "Metformin 500 mg"]
    assert view.doses.rows[1].due.scheduled == time(20, 0)
    vitamin = next(r for r in view.doses.rows if r.due.medication.name == "Vitamin D")
    qtbot.mouseClick(vitamin.taken_button, Qt.MouseButton.LeftButton)
    logs = [e for e in services.journal.day_view(DAY).entries if isinstance(e, DoseLog)]
    assert any(
        d.medication_id == vitamin.due.medication.id and d.status is DoseStatus.TAKEN for d in logs
    )
    assert view.summary.card_value("doses") == "2 of 3"
    assert [r.due.medication.name for r in view.doses.rows] == ["Metformin"]


def test_a_past_days_dose_is_logged_on_that_day_at_its_time(
    view: TodayView, services: Services
) -> None:
    view.previous_day()
    due = view.doses.rows[0].due
    view.doses.rows[0].menu.actions()[1].trigger()  # "Skipped"
    logged = services.journal.day_view(view.current_day).entries
    assert len(logged) == 1 and isinstance(logged[0], DoseLog)
    assert logged[0].status is DoseStatus.SKIPPED
    assert logged[0].at == at(due.scheduled.hour, due.scheduled.minute, DAY - timedelta(days=1))


def test_future_days_offer_no_doses_to_tick(view: TodayView) -> None:
    view.next_day()
    assert not view.doses.isVisibleTo(view)


# --- delete, undo, edit ---------------------------------------------------------------------


def test_delete_then_undo_from_the_message_bar(
    view: TodayView, qtbot: QtBot, services: Services
) -> None:
    view.show()
    breakfast = view.model.row_of(view.model.rows[2].entry.id or 0)
    assert breakfast == 2
    view.timeline.setCurrentIndex(view.model.index(2))
    view.timeline.setFocus()
    qtbot.keyClick(view.timeline, Qt.Key.Key_Delete)
    titles = [r[1] for r in timeline_texts(view)]
    assert "Breakfast — oat porridge, berries" not in titles
    assert view.message_bar.isVisible()
    assert view.message_bar.message.text() == "Meal deleted."
    assert view.summary.card_value("carbs") == "30 g"
    qtbot.mouseClick(view.message_bar.undo_button, Qt.MouseButton.LeftButton)
    titles = [r[1] for r in timeline_texts(view)]
    assert "Breakfast — oat porridge, berries" in titles
    assert not view.message_bar.isVisible()
    selected = view.selected_entry()
    assert selected is not None and isinstance(selected, Meal)
    assert view.summary.card_value("carbs") == "75 g"


def test_ctrl_z_undoes_a_delete(view: TodayView, qtbot: QtBot) -> None:
    view.show()
    view.timeline.setCurrentIndex(view.model.index(0))
    view.timeline.setFocus()
    qtbot.keyClick(view.timeline, Qt.Key.Key_Delete)
    assert view.model.rowCount() == 10
    qtbot.keyClick(view.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.model.rowCount() == 11
    assert timeline_texts(view)[0][1] == "Slept 6.5 h"


def test_message_bar_hides_itself_after_a_while(view: TodayView) -> None:
    view.delete_entry(view.model.rows[0].entry)
    bar = view.message_bar
    assert bar.isVisibleTo(view) and bar.timer.isActive()
    bar.timer.timeout.emit()  # what the timer does after 8 s, without waiting
    assert not bar.isVisibleTo(view)


def test_edit_opens_the_form_and_the_view_refreshes(
    view: TodayView, qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.ui.forms

    calls: list[tuple[EntryKind, Entry]] = []

    def fake_dialog(parent: QWidget, svc: Services, kind: EntryKind, entry: Entry) -> Entry:
        calls.append((kind, entry))
        assert isinstance(entry, Meal)
        return svc.journal.update_entry(replace(entry, items="lentil soup, rye bread"))

    monkeypatch.setattr(journal.ui.forms, "open_entry_dialog", fake_dialog, raising=False)
    lunch_row = next(i for i, r in enumerate(view.model.rows) if "lentil" in r.text.title)
    view.show()
    view.timeline.setCurrentIndex(view.model.index(lunch_row))
    view.timeline.setFocus()
    qtbot.keyClick(view.timeline, Qt.Key.Key_Return)
    assert calls and calls[0][0] is EntryKind.MEAL
    assert "Lunch — lentil soup, rye bread" in [r[1] for r in timeline_texts(view)]
    assert view.message_bar.message.text() == "Meal changed."
    # Edits are undoable too.
    qtbot.mouseClick(view.message_bar.undo_button, Qt.MouseButton.LeftButton)
    assert "Lunch — lentil soup, bread" in [r[1] for r in timeline_texts(view)]


def test_select_entry_shows_its_day(view: TodayView, services: Services) -> None:
    note = services.journal.add_entry(Note(at=at(9, 0, DAY - timedelta(days=40)), note="old"))
    assert note.id is not None
    assert view.select_entry(note.id)
    assert view.current_day == DAY - timedelta(days=40)
    selected = view.selected_entry()
    assert selected is not None and selected.id == note.id


def test_changes_elsewhere_refresh_the_shown_day(view: TodayView, services: Services) -> None:
    services.journal.add_entry(Note(at=at(11, 55), note="Feeling calmer."))
    assert timeline_texts(view)[-1][1] == "Feeling calmer."


def test_double_click_opens_the_form_and_cancel_changes_nothing(
    view: TodayView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.ui.forms

    opened: list[Entry] = []

    def cancelled_dialog(parent: QWidget, svc: Services, kind: EntryKind, entry: Entry) -> None:
        opened.append(entry)

    monkeypatch.setattr(journal.ui.forms, "open_entry_dialog", cancelled_dialog, raising=False)
    view.show()
    rect = view.timeline.visualRect(view.model.index(1))
    viewport = view.timeline.viewport()
    # A real double-click starts with a press, which Qt's list needs to see first.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1 and isinstance(opened[0], Glucose)
    assert not view.message_bar.isVisible()
    assert view.model.rowCount() == 11


def test_tab_goes_from_the_day_buttons_to_the_flare_the_doses_due_then_the_timeline(
    view: TodayView, qtbot: QtBot
) -> None:
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: view.isActiveWindow())
    view.next_button.setFocus()
    qtbot.keyClick(view.next_button, Qt.Key.Key_Tab)
    assert view.focusWidget() is view.flare_banner.edit_button
    qtbot.keyClick(view.flare_banner.edit_button, Qt.Key.Key_Tab)
    assert view.focusWidget() is view.flare_banner.delete_button
    qtbot.keyClick(view.flare_banner.delete_button, Qt.Key.Key_Tab)
    assert view.focusWidget() is view.doses.rows[0].taken_button
    view.doses.rows[-1].more_button.setFocus()
    qtbot.keyClick(view.doses.rows[-1].more_button, Qt.Key.Key_Tab)
    assert view.focusWidget() is view.timeline


def test_today_reloads_only_for_what_it_shows(
    view: TodayView, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.domain.goals import Comparison, Goal, GoalMeasure

    loads: list[object] = []
    real = view._load
    monkeypatch.setattr(view, "_load", lambda **kw: (loads.append(kw), real(**kw)))
    services.goals.save_goal(
        Goal(
            name="Sleep", measure=GoalMeasure.SLEEP_HOURS, comparison=Comparison.AT_LEAST, target=7
        )
    )
    assert loads == []  # a goal is not on the day's timeline
    services.journal.add_entry(Meal(at=at(13), items="soup"))
    assert len(loads) == 1
    services.journal.add_entry(Meal(at=at(13, day=DAY - timedelta(days=3)), items="soup"))
    assert len(loads) == 1  # another day


def test_the_calendar_legend_shows_only_where_it_fits_once_the_view_is_shown(
    qtbot: QtBot, view: TodayView
) -> None:
    view.resize(1200, 900)
    view.show()
    qtbot.waitExposed(view)
    assert view.legend.isVisible()
    view.resize(1200, 420)  # a short window: the month alone fits
    qtbot.waitUntil(lambda: not view.legend.isVisible())
    view.resize(1200, 900)
    qtbot.waitUntil(view.legend.isVisible)


def test_the_selected_and_the_hovered_rows_are_tinted_and_the_others_not(
    view: TodayView, qtbot: QtBot
) -> None:
    view.show()
    qtbot.waitExposed(view)
    timeline = view.timeline
    assert timeline.model().rowCount() >= 3

    def background(row: int) -> QColor:
        """The colour just inside the row's left end, where only its tint is drawn."""
        rect = timeline.visualRect(timeline.model().index(row, 0))
        image = timeline.viewport().grab().toImage()
        return image.pixelColor(rect.left() + 4, rect.center().y())

    plain = background(2)
    timeline.setCurrentIndex(timeline.model().index(0, 0))  # selected, and current
    timeline.setFocus()
    timeline.delegate.hover_row = 1
    timeline.viewport().update()
    selected, hovered, untouched = background(0), background(1), background(2)
    assert untouched == plain
    assert selected != plain and hovered != plain and selected != hovered
    # The selection's tint leans to the palette's highlight; the hover's barely differs.
    highlight = timeline.palette().color(QPalette.ColorRole.Highlight)

    def distance(one: QColor, other: QColor) -> int:
        return sum(abs(a - b) for a, b in zip(one.getRgb()[:3], other.getRgb()[:3], strict=True))

    surface = timeline.delegate.surface  # what the tints are mixed from
    assert distance(selected, highlight) < distance(surface, highlight)
    assert 0 < distance(hovered, surface) < distance(selected, surface)
