"""The entry forms: editing in the same form, messages beside their fields with nothing saved,
units, favourites, flares, the medication and tracker lists."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import (
    DoseLog,
    Entry,
    FlareEpisode,
    Glucose,
    Meal,
    Medication,
    Sleep,
    StressCheck,
    SymptomCheck,
    Tracker,
    TrackerValue,
)
from journal.domain.kinds import label_of
from journal.domain.units import GlucoseUnit, TimeFormat, UnitPreferences
from journal.domain.vocabulary import EntryKind, MealType, TrackerType
from journal.services import Services, open_services
from journal.ui.forms import (
    EntryDialog,
    FlareDialog,
    MedicationsDialog,
    TrackersDialog,
    open_entry_dialog,
)
from journal.ui.forms import dialog as dialog_module
from journal.ui.forms.fields import ChoiceField, ComboField, NumberField, TextField, TimeTextField
from journal.ui.forms.kinds import TrackerValueField
from journal.ui.forms.symptoms import SymptomScoresField

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def make(qtbot: QtBot, services: Services, kind: EntryKind, **kwargs: Any) -> EntryDialog:
    dialog = EntryDialog(services, kind, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def text_of(dialog: EntryDialog, name: str) -> str:
    field = dialog.field(name)
    assert isinstance(field, NumberField | TextField)
    return field.line.text()


def type_into(dialog: EntryDialog, name: str, text: str) -> None:
    field = dialog.field(name)
    assert isinstance(field, NumberField | TextField)
    field.line.setText(text)


def error_beside(dialog: EntryDialog, name: str) -> str:
    label = dialog.field(name).error_label
    return label.text() if not label.isHidden() else ""


def all_entries(services: Services) -> list[Entry]:
    today = services.journal.now().date()
    return services.journal.entries_between(today - timedelta(days=7), today)


@pytest.mark.parametrize("kind", list(EntryKind))
def test_every_kind_opens_titled_with_the_time_of_now(
    qtbot: QtBot, services: Services, kind: EntryKind
) -> None:
    dialog = make(qtbot, services, kind)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert label_of(kind) in dialog.title.text()
    assert dialog.save_button.isDefault()
    if kind is not EntryKind.SLEEP:
        assert dialog.moment.get() == services.journal.now()
    assert not dialog.grab().isNull()


# --- editing -----------------------------------------------------------------------------


def test_an_entry_is_edited_in_the_same_form(qtbot: QtBot, services: Services) -> None:
    meal = services.journal.add_entry(
        Meal(
            at=services.journal.now() - timedelta(hours=4),
            meal_type=MealType.BREAKFAST,
            items="toast",
            carbs_g=30,
            tags=("whole grains",),
            note="with butter",
        )
    )
    dialog = make(qtbot, services, EntryKind.MEAL, entry=meal)
    assert dialog.title.text() == "Edit meal"
    assert (text_of(dialog, "items"), text_of(dialog, "carbs_g")) == ("toast", "30")
    assert dialog.field("meal_type").get() is MealType.BREAKFAST
    assert dialog.field("tags").get() == ("whole grains",)
    assert dialog.moment.get() == meal.at

    type_into(dialog, "carbs_g", "35")
    assert dialog.save()

    saved = services.journal.entry(meal.id or 0)
    assert isinstance(saved, Meal)
    assert (saved.id, saved.uid, saved.carbs_g, saved.note) == (
        meal.id,
        meal.uid,
        35,
        "with butter",
    )
    assert services.journal.count_entries() == 1


def test_a_flare_check_in_keeps_its_flare_when_edited(qtbot: QtBot, services: Services) -> None:
    flare = services.journal.save_flare(FlareEpisode(start=date(2026, 11, 20), condition="lupus"))
    check = services.journal.add_entry(
        SymptomCheck(
            at=services.journal.now(),
            scores={"pain": 5},
            regions={"pain": ("knees",)},
            flare_id=flare.id,
        )
    )
    dialog = make(qtbot, services, EntryKind.SYMPTOMS, entry=check)
    assert dialog.title.text() == "Edit flare check-in"
    scores = dialog.field("scores")
    assert isinstance(scores, SymptomScoresField)
    pain = scores.row("pain")
    assert pain.scale.value() == 5
    assert pain.regions is not None and pain.regions.checked() == ("knees",)
    scores.row("fatigue").scale.setValue(8)
    assert dialog.save()
    saved = services.journal.entry(check.id or 0)
    assert isinstance(saved, SymptomCheck)
    assert saved.scores == {"pain": 5, "fatigue": 8}
    assert saved.regions == {"pain": ("knees",)}
    assert saved.flare_id == flare.id


def test_body_regions_appear_once_a_regional_symptom_is_rated(
    qtbot: QtBot, services: Services
) -> None:
    dialog = make(qtbot, services, EntryKind.SYMPTOMS)
    dialog.show()
    scores = dialog.field("scores")
    assert isinstance(scores, SymptomScoresField)
    pain = scores.row("pain")
    assert pain.where is not None and not pain.where.isVisible()
    pain.scale.setValue(4)
    assert pain.where.isVisible()
    assert scores.row("fatigue").where is None  # fatigue has no place on the body


# --- validation ----------------------------------------------------------------------------


def test_glucose_out_of_range_is_explained_beside_the_field(
    qtbot: QtBot, services: Services
) -> None:
    dialog = make(qtbot, services, EntryKind.GLUCOSE)
    type_into(dialog, "mgdl", "1400")
    assert not dialog.save()
    assert "between 20 mg/dL and 1200 mg/dL" in error_beside(dialog, "mgdl")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert services.journal.count_entries() == 0

    type_into(dialog, "mgdl", "140")
    assert dialog.save()
    assert services.journal.count_entries() == 1


def test_carbs_of_900_g_are_refused_beside_the_carbs(qtbot: QtBot, services: Services) -> None:
    dialog = make(qtbot, services, EntryKind.MEAL)
    type_into(dialog, "items", "pasta")
    type_into(dialog, "carbs_g", "900")
    assert not dialog.save()
    assert error_beside(dialog, "carbs_g") == "Carbohydrates must be between 0 and 500 g."
    assert error_beside(dialog, "items") == ""
    assert services.journal.count_entries() == 0


def test_an_edit_clears_the_message_of_its_field(qtbot: QtBot, services: Services) -> None:
    dialog = make(qtbot, services, EntryKind.MEAL)
    dialog.show()
    assert not dialog.save()  # nothing said about the meal at all
    assert "Say what was eaten" in error_beside(dialog, "items")
    field = dialog.field("items")
    assert isinstance(field, TextField)
    QTest.keyClicks(field.line, "soup")
    assert error_beside(dialog, "items") == ""


def test_a_stress_check_needs_a_rating(qtbot: QtBot, services: Services) -> None:
    dialog = make(qtbot, services, EntryKind.STRESS)
    assert not dialog.save()
    assert error_beside(dialog, "stress") == "Rate your stress from 0 to 10."
    assert services.journal.count_entries() == 0


def test_a_time_more_than_a_day_ahead_is_explained_at_the_time(
    qtbot: QtBot, services: Services
) -> None:
    dialog = make(qtbot, services, EntryKind.STRESS)
    dialog.field("stress").set(3)
    dialog.moment.set(services.journal.now() + timedelta(days=3))
    assert not dialog.save()
    assert error_beside(dialog, "at") == "This is more than a day in the future."


def test_sugar_above_carbs_is_shown_beside_added_sugar(qtbot: QtBot, services: Services) -> None:
    dialog = make(qtbot, services, EntryKind.MEAL)
    type_into(dialog, "items", "juice")
    type_into(dialog, "carbs_g", "20")
    type_into(dialog, "added_sugar_g", "30")
    assert not dialog.save()
    assert error_beside(dialog, "added_sugar_g") == "Added sugar cannot exceed total carbohydrates."


# --- units -------------------------------------------------------------------------------


def test_glucose_typed_in_mmol_is_stored_in_mgdl(qtbot: QtBot, services: Services) -> None:
    services.set_units(UnitPreferences(glucose=GlucoseUnit.MMOLL))
    dialog = make(qtbot, services, EntryKind.GLUCOSE)
    field = dialog.field("mgdl")
    assert isinstance(field, NumberField)
    assert field.unit_label.text() == "mmol/L"
    type_into(dialog, "mgdl", "5,4")  # a decimal comma is fine too
    assert dialog.save()
    saved = dialog.saved_entry
    assert isinstance(saved, Glucose)
    assert saved.mgdl == pytest.approx(5.4 * 18.016)

    edit = make(qtbot, services, EntryKind.GLUCOSE, entry=saved)
    assert text_of(edit, "mgdl") == "5.4"


def test_glucose_out_of_range_in_mmol_names_both_units(qtbot: QtBot, services: Services) -> None:
    services.set_units(UnitPreferences(glucose=GlucoseUnit.MMOLL))
    dialog = make(qtbot, services, EntryKind.GLUCOSE)
    type_into(dialog, "mgdl", "80")
    assert not dialog.save()
    assert "66.6 mmol/L" in error_beside(dialog, "mgdl")


def test_twelve_hour_clock_everywhere(qtbot: QtBot, services: Services) -> None:
    services.set_units(UnitPreferences(time_format=TimeFormat.H12))
    dialog = make(qtbot, services, EntryKind.SLEEP)
    assert dialog.moment.time_edit.displayFormat() == "h:mm AP"
    type_into(dialog, "hours", "")
    bedtime = dialog.field("bedtime")
    assert isinstance(bedtime, TimeTextField)
    bedtime.set(time(23, 30))
    assert bedtime.line.text() == "11:30 PM"


# --- defaults ----------------------------------------------------------------------------


def test_the_meal_type_follows_the_time_until_chosen(qtbot: QtBot, services: Services) -> None:
    dialog = make(qtbot, services, EntryKind.MEAL)
    meal = dialog.field("meal_type")
    assert meal.get() is MealType.LUNCH
    dialog.moment.time_edit.setTime(dialog.moment.time_edit.time().addSecs(7 * 3600))  # 19:00
    assert meal.get() is MealType.DINNER
    assert isinstance(meal, ChoiceField)
    meal.choice.setValue(MealType.SNACK)  # the user's choice now stays
    dialog.moment.time_edit.setTime(dialog.moment.time_edit.time().addSecs(-11 * 3600))
    assert meal.get() is MealType.SNACK


def test_a_past_day_starts_at_noon(qtbot: QtBot, services: Services) -> None:
    yesterday = services.journal.now().date() - timedelta(days=1)
    dialog = make(qtbot, services, EntryKind.MEAL, day=yesterday)
    at = dialog.moment.get()
    assert (at.date(), at.time()) == (yesterday, time(12))
    assert at.utcoffset() == services.journal.now().utcoffset()


def test_last_used_values_fill_a_new_exercise(qtbot: QtBot, services: Services) -> None:
    from journal.domain.entries import Exercise
    from journal.domain.vocabulary import Intensity

    services.journal.add_entry(
        Exercise(
            at=services.journal.now() - timedelta(days=1),
            activity="swimming",
            minutes=40,
            intensity=Intensity.VIGOROUS,
        )
    )
    dialog = make(qtbot, services, EntryKind.EXERCISE)
    assert (text_of(dialog, "activity"), text_of(dialog, "minutes")) == ("swimming", "40")
    assert dialog.field("intensity").get() is Intensity.VIGOROUS


def test_prefill_starts_a_new_entry_from_given_values(qtbot: QtBot, services: Services) -> None:
    med = services.journal.save_medication(Medication(name="Levothyroxine", times=(time(7),)))
    assert med.id is not None
    reminder = DoseLog(at=services.journal.now(), medication_id=med.id, scheduled=time(7))
    dialog = make(qtbot, services, EntryKind.DOSE, prefill=reminder)
    assert dialog.field("medication_id").get() == med.id
    assert dialog.field("scheduled").get() == time(7)
    assert dialog.save()
    saved = dialog.saved_entry
    assert isinstance(saved, DoseLog) and saved.id is not None and saved.uid == reminder.uid


def test_open_entry_dialog_returns_the_saved_entry_or_none(
    qtbot: QtBot, services: Services
) -> None:
    def answer(accept: bool) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EntryDialog)
        if accept:
            dialog.field("stress").set(4)
            dialog.save()
        else:
            dialog.reject()

    QTimer.singleShot(0, lambda: answer(False))
    assert open_entry_dialog(None, services, EntryKind.STRESS) is None
    QTimer.singleShot(0, lambda: answer(True))
    saved = open_entry_dialog(None, services, EntryKind.STRESS)
    assert isinstance(saved, StressCheck) and saved.stress == 4


# --- favourites --------------------------------------------------------------------------


def test_one_click_on_a_favourite_fills_the_meal(qtbot: QtBot, services: Services) -> None:
    services.journal.save_favourite(
        "Lentil soup",
        Meal(
            at=services.journal.now(),
            items="lentil soup",
            carbs_g=35,
            fibre_g=9,
            tags=("vegetables",),
        ),
    )
    dialog = make(qtbot, services, EntryKind.MEAL)
    dialog.show()
    [chip] = dialog.favourite_chips.chips()
    QTest.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert (text_of(dialog, "items"), text_of(dialog, "carbs_g"), text_of(dialog, "fibre_g")) == (
        "lentil soup",
        "35",
        "9",
    )
    assert dialog.moment.get() == services.journal.now()  # the time stays "now"
    assert dialog.save()
    saved = dialog.saved_entry
    assert isinstance(saved, Meal)
    assert (saved.items, saved.tags, saved.at) == (
        "lentil soup",
        ("vegetables",),
        services.journal.now(),
    )


def test_save_as_favourite(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialog_module, "ask_favourite_name", lambda _parent, suggestion: suggestion)
    dialog = make(qtbot, services, EntryKind.MEAL)
    type_into(dialog, "items", "porridge")
    type_into(dialog, "carbs_g", "50")
    dialog.field("tags").set(("whole grains",))
    favourite = dialog.save_as_favourite()
    assert favourite is not None and favourite.name == "porridge"
    [stored] = services.journal.favourites(EntryKind.MEAL)
    assert isinstance(stored.template, Meal)
    assert (stored.template.carbs_g, stored.template.tags) == (50, ("whole grains",))
    assert [c.text() for c in dialog.favourite_chips.chips()] == ["porridge"]
    assert services.journal.count_entries() == 0  # a favourite is not a logged meal


def test_an_implausible_meal_is_not_saved_as_favourite(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialog_module, "ask_favourite_name", lambda _parent, _s: "x")
    dialog = make(qtbot, services, EntryKind.MEAL)
    type_into(dialog, "items", "cake")
    type_into(dialog, "carbs_g", "900")
    assert dialog.save_as_favourite() is None
    assert "500 g" in error_beside(dialog, "carbs_g")
    assert services.journal.favourites(EntryKind.MEAL) == []


# --- sleep ---------------------------------------------------------------------------------


def test_sleep_hours_are_worked_out_from_bedtime(qtbot: QtBot, services: Services) -> None:
    dialog = make(qtbot, services, EntryKind.SLEEP)
    type_into(dialog, "hours", "")
    bedtime = dialog.field("bedtime")
    bedtime.set(time(23, 30))
    assert dialog.save()
    saved = dialog.saved_entry
    assert isinstance(saved, Sleep)
    assert saved.hours == 7.5  # 23:30 to 07:00
    assert saved.bedtime == datetime.combine(
        saved.at.date() - timedelta(days=1), time(23, 30), saved.at.tzinfo
    )


@pytest.mark.parametrize(
    ("wake", "bedtime", "hours"),
    [
        # 23:00 EST to 07:30 EDT: the clocks went forward, the night was 7.5 h.
        (datetime(2026, 3, 8, 7, 30), time(23, 0), 7.5),
        # 23:00 EDT to 08:00 EST: the clocks went back, the night was 10 h.
        (datetime(2026, 11, 1, 8, 0), time(23, 0), 10.0),
    ],
)
def test_a_night_across_a_clock_change_lasts_what_it_lasted(
    qtbot: QtBot, data_dir: Path, wake: datetime, bedtime: time, hours: float
) -> None:
    new_york = ZoneInfo("America/New_York")
    clock = FakeClock(wake.replace(hour=12, tzinfo=new_york), zone=new_york)
    services = open_services(data_dir, clock)
    try:
        dialog = make(qtbot, services, EntryKind.SLEEP)
        dialog.moment.set(clock.localize(wake))
        type_into(dialog, "hours", "")
        dialog.field("bedtime").set(bedtime)
        assert dialog.save()
        saved = services.journal.entry(dialog.saved_entry.id or 0)  # type: ignore[union-attr]
        assert isinstance(saved, Sleep)
        assert saved.hours == hours
        assert saved.bedtime is not None and saved.bedtime.time() == bedtime  # its own offset
        assert saved.at - saved.bedtime == timedelta(hours=hours)
    finally:
        services.close()


def test_sleep_without_hours_or_bedtime_says_so(qtbot: QtBot, services: Services) -> None:
    dialog = make(qtbot, services, EntryKind.SLEEP)
    type_into(dialog, "hours", "")
    assert not dialog.save()
    assert error_beside(dialog, "hours") == "Enter the hours slept, or your bedtime."


# --- flares --------------------------------------------------------------------------------


def test_a_flare_is_started_then_ended(qtbot: QtBot, services: Services) -> None:
    dialog = FlareDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "Start a flare"
    dialog.panel.field("condition").set("psoriasis")
    dialog.panel.field("triggers").set(("stress", "infection"))
    assert dialog.save()
    started = dialog.saved_episode
    assert started is not None and started.ongoing
    assert services.journal.ongoing_flare() == started
    assert started.triggers == ("stress", "infection")

    ending = FlareDialog(services, started)
    qtbot.addWidget(ending)
    assert ending.subtitle.text().startswith("Ongoing since")
    QTest.mouseClick(ending.end_today_button, Qt.MouseButton.LeftButton)
    ended = services.journal.flare(started.id or 0)
    assert ended is not None and ended.end == services.journal.now().date()
    assert services.journal.ongoing_flare() is None


def test_a_flare_needs_a_condition_and_cannot_end_before_it_starts(
    qtbot: QtBot, services: Services
) -> None:
    dialog = FlareDialog(services)
    qtbot.addWidget(dialog)
    dialog.panel.field("condition").set("")
    dialog.panel.field("end").set(date(2026, 11, 1))
    assert not dialog.save()
    assert dialog.panel.field("condition").error_label.text() == "Name the condition that flared."
    assert dialog.panel.field("end").error_label.text() == "A flare cannot end before it starts."
    assert services.journal.flares_between(date(2026, 1, 1), date(2026, 12, 31)) == []


def test_a_new_flare_suggests_the_last_condition(qtbot: QtBot, services: Services) -> None:
    services.journal.save_flare(
        FlareEpisode(start=date(2026, 10, 1), end=date(2026, 10, 9), condition="Hashimoto's")
    )
    dialog = FlareDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.panel.field("condition").get() == "Hashimoto's"


# --- medications and trackers ----------------------------------------------------------------


def test_a_medication_is_added_then_paused(qtbot: QtBot, services: Services) -> None:
    dialog = MedicationsDialog(services)
    qtbot.addWidget(dialog)
    dialog.panel.field("name").set("Metformin")
    dialog.panel.field("dose").set("500 mg")
    times = dialog.panel.field("times")
    assert isinstance(times, TimeTextField)
    times.line.setText("8, 8 pm")
    assert dialog.save()
    [med] = services.journal.medications()
    assert (med.name, med.dose, med.times, med.active) == (
        "Metformin",
        "500 mg",
        (time(8), time(20)),
        True,
    )
    assert dialog.list.count() == 1
    assert dialog.list.currentItem().text() == "Metformin 500 mg · 08:00, 20:00"

    dialog.panel.field("active").set(False)  # the "Paused" box
    assert dialog.save()
    [paused] = services.journal.medications()
    assert paused.id == med.id and not paused.active
    assert dialog.list.item(0).text().endswith("(paused)")

    dose_form = make(qtbot, services, EntryKind.DOSE)
    chooser = dose_form.field("medication_id")
    assert isinstance(chooser, ComboField)
    assert chooser.values == []  # paused: not offered for a new dose
    assert not dose_form.save()
    assert error_beside(dose_form, "medication_id") == "Choose a medication from your list."


def test_medication_needs_a_name_and_readable_times(qtbot: QtBot, services: Services) -> None:
    dialog = MedicationsDialog(services)
    qtbot.addWidget(dialog)
    times = dialog.panel.field("times")
    assert isinstance(times, TimeTextField)
    times.line.setText("morning")
    assert not dialog.save()
    assert "08:00, 20:00" in times.error_label.text()
    times.line.setText("")
    assert not dialog.save()
    assert dialog.panel.field("name").error_label.text() == "Give the medication a name."
    assert services.journal.medications() == []


def test_a_tracker_is_added_and_a_value_logged(qtbot: QtBot, services: Services) -> None:
    trackers = TrackersDialog(services)
    qtbot.addWidget(trackers)
    trackers.panel.field("name").set("Energy")
    trackers.panel.field("type").set(TrackerType.SCALE)
    assert trackers.save()
    trackers.start_new()
    trackers.panel.field("name").set("Water")
    trackers.panel.field("unit").set("glasses")
    assert trackers.save()
    assert [t.name for t in services.journal.trackers()] == ["Energy", "Water"]

    dialog = make(qtbot, services, EntryKind.TRACKER)
    chooser, value = dialog.field("tracker_id"), dialog.field("value")
    assert isinstance(chooser, ComboField) and isinstance(value, TrackerValueField)
    energy = next(t for t in services.journal.trackers() if t.name == "Energy")
    chooser.combo.setCurrentIndex(chooser.values.index(energy.id))
    assert value.stack.currentWidget() is value.scale  # the value widget follows the type
    value.scale.setValue(7)
    assert dialog.save()
    saved = dialog.saved_entry
    assert isinstance(saved, TrackerValue)
    assert (saved.tracker_id, saved.value) == (energy.id, 7.0)


def test_a_tracker_value_breaking_its_type_is_explained(qtbot: QtBot, services: Services) -> None:
    services.journal.save_tracker(Tracker(name="Water", unit="glasses"))
    dialog = make(qtbot, services, EntryKind.TRACKER)
    value = dialog.field("value")
    assert isinstance(value, TrackerValueField)
    assert value.unit_label.text() == "glasses"
    assert not dialog.save()
    assert error_beside(dialog, "value") == "Enter a value."


def test_no_trackers_yet_points_to_managing_them(qtbot: QtBot, services: Services) -> None:
    dialog = make(qtbot, services, EntryKind.TRACKER)
    chooser = dialog.field("tracker_id")
    assert isinstance(chooser, ComboField)
    assert chooser.manage_button.text() == "Add a tracker…"
    assert chooser.empty_label.text().startswith("No trackers yet")
    assert not dialog.save()
    assert error_beside(dialog, "tracker_id") == "Choose a tracker."
    assert all_entries(services) == []


def test_a_favourite_can_be_removed_from_the_form_and_brought_back(
    qtbot: QtBot, services: Services, clock: FakeClock
) -> None:
    services.journal.save_favourite("Usual oats", Meal(at=clock.now(), items="oats"))
    dialog = EntryDialog(services, EntryKind.MEAL)
    qtbot.addWidget(dialog)
    assert "Usual oats" in dialog._favourites
    dialog.remove_favourite("Usual oats")
    assert services.journal.favourites(EntryKind.MEAL) == []
    assert "Removed “Usual oats”" in dialog.status.text()
    services.journal.undo()
    assert [f.name for f in services.journal.favourites(EntryKind.MEAL)] == ["Usual oats"]


@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_switching_medications_asks_before_unsaved_changes_go(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    from journal.ui.forms import lists

    services.journal.save_medication(Medication(name="Metformin", dose="500 mg"))
    services.journal.save_medication(Medication(name="Vitamin D", dose="1000 IU"))
    asked: list[str] = []
    monkeypatch.setattr(lists, "ask_unsaved", lambda _p, what: asked.append(what) or answer)
    dialog = MedicationsDialog(services)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    dialog.panel.field("dose").set("850 mg")  # typed, not saved
    dialog.panel.field("dose").line.textEdited.emit("850 mg")
    dialog.list.setCurrentRow(1)
    assert asked == ["Metformin 500 mg"]
    doses = {m.name: m.dose for m in services.journal.medications()}
    if answer == "cancel":
        assert dialog.list.currentRow() == 0 and doses["Metformin"] == "500 mg"
    elif answer == "discard":
        assert dialog.list.currentItem().text().startswith("Vitamin D")
        assert doses["Metformin"] == "500 mg"
    else:
        assert doses["Metformin"] == "850 mg"
        assert dialog.list.currentItem().text().startswith("Vitamin D")


def test_a_scale_takes_typed_digits_and_ignores_other_number_signs(qtbot: QtBot) -> None:
    from journal.ui.forms.inputs import ScaleInput

    scale = ScaleInput()
    qtbot.addWidget(scale)
    qtbot.keyClicks(scale, "7")
    assert scale.value() == 7
    qtbot.keyClicks(scale, "²")  # a key of its own on French keyboards; int("²") fails
    assert scale.value() == 7
