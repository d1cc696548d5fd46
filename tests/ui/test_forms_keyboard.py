"""Every entry kind can be logged from the keyboard alone, and the common ones within budget:
a meal, a stress rating and a flare check-in each in under 10 keystrokes after the shortcut."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
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
from journal.domain.vocabulary import DoseStatus, EntryKind, MealType, TrackerType
from journal.services import Services
from journal.ui.forms import EntryDialog

# The offscreen platform warns whenever a shown window's size hints change; not our doing.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

KEY_BUDGET = 10


class Keyboard:
    """Types into whatever widget has the keyboard focus, as a person would, and counts keys."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def _focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for char in text:  # one key at a time, each to whatever has the focus then
            QTest.keyClicks(self._focus(), char)
            self.count += 1

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(self._focus(), key, modifier)
        self.count += 1


def open_form(qtbot: QtBot, services: Services, kind: EntryKind, **kwargs: Any) -> EntryDialog:
    dialog = EntryDialog(services, kind, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()

    # Focus inside the form (not still on a window an earlier test left): keys go to it.
    def focused_in_form() -> bool:
        widget = QApplication.focusWidget()
        return widget is not None and dialog.isAncestorOf(widget)

    qtbot.waitUntil(focused_in_form)
    return dialog


def logged(services: Services, kind: EntryKind) -> list[Entry]:
    today = services.journal.now().date()
    return services.journal.entries_between(today, today, [kind])


def test_a_meal_takes_eight_keys(qtbot: QtBot, services: Services) -> None:
    dialog = open_form(qtbot, services, EntryKind.MEAL)
    keys = Keyboard(qtbot)
    keys.type("oats")
    keys.press(Qt.Key.Key_Tab)
    keys.type("40")
    keys.press(Qt.Key.Key_Return)

    assert keys.count == 8 < KEY_BUDGET
    assert dialog.result() == EntryDialog.DialogCode.Accepted
    [meal] = logged(services, EntryKind.MEAL)
    assert isinstance(meal, Meal)
    assert (meal.items, meal.carbs_g, meal.meal_type) == ("oats", 40.0, MealType.LUNCH)
    assert meal.at == services.journal.now()
    assert meal.added_sugar_g is None and meal.fibre_g is None  # empty is "not given", not 0


def test_a_stress_rating_takes_two_keys(qtbot: QtBot, services: Services) -> None:
    open_form(qtbot, services, EntryKind.STRESS)
    keys = Keyboard(qtbot)
    keys.type("6")
    keys.press(Qt.Key.Key_Return)

    assert keys.count == 2
    [check] = logged(services, EntryKind.STRESS)
    assert isinstance(check, StressCheck)
    assert (check.stress, check.mood, check.coping_helped) == (6, None, None)


def test_a_flare_check_in_takes_four_keys(qtbot: QtBot, services: Services) -> None:
    flare = services.journal.save_flare(
        FlareEpisode(start=date(2026, 11, 22), condition="rheumatoid arthritis")
    )
    dialog = open_form(qtbot, services, EntryKind.SYMPTOMS)
    assert dialog.title.text() == "Flare check-in"
    assert "day 3" in dialog.subtitle.text()
    keys = Keyboard(qtbot)
    keys.type("6")
    keys.press(Qt.Key.Key_Tab)
    keys.type("7")
    keys.press(Qt.Key.Key_Return)

    assert keys.count == 4
    [check] = logged(services, EntryKind.SYMPTOMS)
    assert isinstance(check, SymptomCheck)
    assert check.scores == {"pain": 6, "fatigue": 7}  # the rest stay not rated
    assert check.flare_id == flare.id


def test_ten_on_the_scale_is_typed_as_1_0(qtbot: QtBot, services: Services) -> None:
    open_form(qtbot, services, EntryKind.STRESS)
    keys = Keyboard(qtbot)
    keys.type("10")
    keys.press(Qt.Key.Key_Return)
    [check] = logged(services, EntryKind.STRESS)
    assert isinstance(check, StressCheck) and check.stress == 10


def test_a_usual_meal_is_two_keys_from_favourites(qtbot: QtBot, services: Services) -> None:
    template = Meal(
        at=services.journal.now(), items="oats, berries", carbs_g=45, tags=("vegetables",)
    )
    services.journal.save_favourite("Oats", template)
    open_form(qtbot, services, EntryKind.MEAL)
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    keys.press(Qt.Key.Key_Return)

    assert keys.count == 2
    [meal] = logged(services, EntryKind.MEAL)
    assert isinstance(meal, Meal)
    assert (meal.items, meal.carbs_g, meal.tags) == ("oats, berries", 45.0, ("vegetables",))


def test_escape_cancels_and_saves_nothing(qtbot: QtBot, services: Services) -> None:
    dialog = open_form(qtbot, services, EntryKind.MEAL)
    keys = Keyboard(qtbot)
    keys.type("cake")
    keys.press(Qt.Key.Key_Escape)
    assert dialog.result() == EntryDialog.DialogCode.Rejected
    assert dialog.saved_entry is None
    assert services.journal.count_entries() == 0


def test_exercise_from_the_keyboard(qtbot: QtBot, services: Services) -> None:
    open_form(qtbot, services, EntryKind.EXERCISE)
    keys = Keyboard(qtbot)
    keys.type("yoga")  # replaces the selected last-used activity
    keys.press(Qt.Key.Key_Tab)  # Tab selects the duration, so typing replaces it
    keys.type("45")
    keys.press(Qt.Key.Key_Return)
    assert keys.count == 8
    [exercise] = logged(services, EntryKind.EXERCISE)
    assert isinstance(exercise, Exercise)
    assert (exercise.activity, exercise.minutes) == ("yoga", 45)


def test_sleep_hours_from_the_keyboard(qtbot: QtBot, services: Services) -> None:
    open_form(qtbot, services, EntryKind.SLEEP)
    keys = Keyboard(qtbot)
    keys.type("7.5")
    keys.press(Qt.Key.Key_Return)
    [sleep] = logged(services, EntryKind.SLEEP)
    assert isinstance(sleep, Sleep)
    assert sleep.hours == 7.5
    assert sleep.at.time() == time(7)  # woke up at the usual time, not "now" (noon)


def test_glucose_from_the_keyboard(qtbot: QtBot, services: Services) -> None:
    open_form(qtbot, services, EntryKind.GLUCOSE)
    keys = Keyboard(qtbot)
    keys.type("105")
    keys.press(Qt.Key.Key_Return)
    [reading] = logged(services, EntryKind.GLUCOSE)
    assert isinstance(reading, Glucose) and reading.mgdl == 105


def test_a_dose_is_one_key(qtbot: QtBot, services: Services) -> None:
    med = services.journal.save_medication(
        Medication(name="Metformin", dose="500 mg", times=(time(8), time(20)))
    )
    open_form(qtbot, services, EntryKind.DOSE)
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)
    [dose] = logged(services, EntryKind.DOSE)
    assert isinstance(dose, DoseLog)
    assert (dose.medication_id, dose.status, dose.scheduled, dose.dose) == (
        med.id,
        DoseStatus.TAKEN,
        time(8),  # the nearest scheduled time to noon
        "500 mg",
    )


def test_a_skipped_dose_by_keyboard(qtbot: QtBot, services: Services) -> None:
    services.journal.save_medication(Medication(name="Vitamin D", times=(time(9),)))
    open_form(qtbot, services, EntryKind.DOSE)
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Tab)  # past "Manage list…" beside the medication, in reading order
    keys.press(Qt.Key.Key_Tab)  # to the status
    keys.type("s")  # "Skipped"
    keys.press(Qt.Key.Key_Return)
    [dose] = logged(services, EntryKind.DOSE)
    assert isinstance(dose, DoseLog) and dose.status is DoseStatus.SKIPPED


def test_a_lab_result_from_the_keyboard(qtbot: QtBot, services: Services) -> None:
    open_form(qtbot, services, EntryKind.LAB)
    keys = Keyboard(qtbot)
    keys.type("c")  # picks "CRP" in the list of tests
    keys.press(Qt.Key.Key_Tab)
    keys.type("3.2")
    keys.press(Qt.Key.Key_Return)
    [lab] = logged(services, EntryKind.LAB)
    assert isinstance(lab, LabResult)
    assert (lab.test, lab.value) == ("crp", 3.2)


def test_a_tracker_value_from_the_keyboard(qtbot: QtBot, services: Services) -> None:
    water = services.journal.save_tracker(Tracker(name="Water", unit="glasses"))
    open_form(qtbot, services, EntryKind.TRACKER)
    keys = Keyboard(qtbot)
    keys.type("8")
    keys.press(Qt.Key.Key_Return)
    [value] = logged(services, EntryKind.TRACKER)
    assert isinstance(value, TrackerValue)
    assert (value.tracker_id, value.value) == (water.id, 8.0)


def test_a_yes_no_tracker_from_the_keyboard(qtbot: QtBot, services: Services) -> None:
    services.journal.save_tracker(Tracker(name="Sunlight", type=TrackerType.YES_NO))
    open_form(qtbot, services, EntryKind.TRACKER)
    keys = Keyboard(qtbot)
    keys.type("y")
    keys.press(Qt.Key.Key_Return)
    [value] = logged(services, EntryKind.TRACKER)
    assert isinstance(value, TrackerValue) and value.value == 1.0


def test_symptoms_outside_a_flare_from_the_keyboard(qtbot: QtBot, services: Services) -> None:
    dialog = open_form(qtbot, services, EntryKind.SYMPTOMS)
    assert dialog.title.text() == "Symptoms"
    keys = Keyboard(qtbot)
    for _ in range(7):
        keys.press(Qt.Key.Key_Tab)  # past pain ... digestive to bloating
    keys.type("4")
    keys.press(Qt.Key.Key_Return)
    [check] = logged(services, EntryKind.SYMPTOMS)
    assert isinstance(check, SymptomCheck)
    assert (check.scores, check.flare_id) == ({"bloating": 4}, None)


def test_a_note_from_the_keyboard(qtbot: QtBot, services: Services) -> None:
    open_form(qtbot, services, EntryKind.NOTE)
    keys = Keyboard(qtbot)
    keys.type("Slept badly")
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    keys.press(Qt.Key.Key_Return)  # in the big note box Enter is a new line
    keys.type("ok")
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [note] = logged(services, EntryKind.NOTE)
    assert isinstance(note, Note)
    assert note.note == "Slept badly\n\nok"
