"""How entries read at a glance (journal.ui.entry_text, plain Python without Qt)."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from journal.domain.entries import (
    DoseLog,
    Exercise,
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
from journal.domain.units import GlucoseUnit, TimeFormat, UnitPreferences
from journal.domain.vocabulary import (
    DoseStatus,
    GlucoseContext,
    GlucoseSource,
    Intensity,
    MealType,
    TrackerType,
)
from journal.ui.entry_text import EntryText, describe

TZ = timezone(timedelta(hours=1))
AT = datetime(2026, 11, 24, 12, 30, tzinfo=TZ)
H24 = UnitPreferences()
H12 = UnitPreferences(time_format=TimeFormat.H12)
MMOL = UnitPreferences(glucose=GlucoseUnit.MMOLL)


def text(entry: object, units: UnitPreferences = H24, **lookups: object) -> EntryText:
    return describe(entry, units, **lookups)  # type: ignore[arg-type]


def test_meal_names_the_meal_items_carbs_sugar_and_qualities() -> None:
    meal = Meal(
        at=AT,
        meal_type=MealType.LUNCH,
        items="lentil soup, bread",
        carbs_g=45,
        added_sugar_g=6,
        tags=("vegetables", "whole grains"),
    )
    assert text(meal) == EntryText(
        "Lunch — lentil soup, bread", "45 g carbs · 6 g added sugar · vegetables, whole grains"
    )


def test_meal_without_items_or_numbers_is_just_its_type() -> None:
    assert text(Meal(at=AT, meal_type=MealType.SNACK)) == EntryText("Snack", "")


def test_exercise_shows_minutes_intensity_and_steps() -> None:
    walk = Exercise(at=AT, activity="walk", minutes=40, steps=5200)
    assert text(walk) == EntryText("Walk 40 min", "moderate · 5,200 steps")
    yoga = Exercise(at=AT, activity="yoga", minutes=20, intensity=Intensity.LIGHT, rpe=3)
    assert text(yoga).detail == "light (effort 3/10)"


def test_glucose_in_the_users_unit_with_its_context() -> None:
    reading = Glucose(at=AT, mgdl=142, context=GlucoseContext.AFTER_MEAL)
    assert text(reading) == EntryText("Glucose 142 mg/dL", "1-2 h after a meal")
    assert text(reading, MMOL).title == "Glucose 7.9 mmol/L"
    cgm = Glucose(at=AT, mgdl=99, context=GlucoseContext.RANDOM, source=GlucoseSource.CGM)
    assert text(cgm).detail == "other · from CGM"  # the form's "Other", not the stored word


def test_stress_shows_mood_and_whether_coping_helped() -> None:
    check = StressCheck(
        at=AT, stress=6, mood=4, coping="breathing", coping_helped=True, sources=("work",)
    )
    assert text(check) == EntryText("Stress 6/10 · mood 4/10", "breathing (helped) · work")
    unhelped = StressCheck(at=AT, stress=8, coping="walk", coping_helped=False)
    assert text(unhelped) == EntryText("Stress 8/10", "walk (did not help)")


def test_sleep_shows_hours_span_and_quality_in_24_and_12_hour_time() -> None:
    night = Sleep(
        at=datetime(2026, 11, 24, 5, 40, tzinfo=TZ),
        hours=6.5,
        bedtime=datetime(2026, 11, 23, 23, 10, tzinfo=TZ),
        quality=5,
    )
    assert text(night) == EntryText("Slept 6.5 h", "23:10–05:40 · quality 5/10")
    assert text(night, H12).detail == "11:10 PM–5:40 AM · quality 5/10"


def test_symptoms_list_scores_and_body_regions() -> None:
    check = SymptomCheck(
        at=AT,
        scores={"pain": 6, "fatigue": 7},
        regions={"pain": ("hands", "knees"), "swelling": ("knees",)},
    )
    assert text(check) == EntryText("Symptoms: pain 6, fatigue 7", "hands, knees")
    gut = SymptomCheck(at=AT, scores={"bloating": 4}, bristol=4)
    assert text(gut).detail == "Bristol type 4"


def test_dose_names_the_medication_status_and_due_time() -> None:
    meds = {3: Medication(name="Metformin", dose="500 mg", id=3)}
    taken = DoseLog(at=AT, medication_id=3, scheduled=time(8, 0), dose="500 mg")
    assert text(taken, medications=meds) == EntryText("Metformin 500 mg taken", "due 08:00")
    assert text(taken, H12, medications=meds).detail == "due 8:00 AM"
    skipped = replace_status(taken, DoseStatus.SKIPPED)
    assert text(skipped, medications=meds).title == "Metformin 500 mg skipped"
    late = replace_status(taken, DoseStatus.LATE)
    assert text(late, medications=meds).title == "Metformin 500 mg taken late"


def replace_status(dose: DoseLog, status: DoseStatus) -> DoseLog:
    from dataclasses import replace

    return replace(dose, status=status)


def test_dose_of_an_unknown_medication_still_reads() -> None:
    dose = DoseLog(at=AT, medication_id=99, dose="10 mg")
    assert text(dose).title == "Medication 10 mg taken"


def test_lab_results_carry_their_unit() -> None:
    assert text(LabResult(at=AT, test="hba1c", value=6.1)).title == "HbA1c 6.1%"
    insulin = LabResult(at=AT, test="fasting_insulin", value=10)
    assert text(insulin).title == "Fasting insulin 10 µU/mL"
    assert text(LabResult(at=AT, test="crp", value=3.25)).title == "CRP 3.25 mg/L"


def test_tracker_values_by_type() -> None:
    trackers = {
        1: Tracker(name="Water", type=TrackerType.NUMBER, unit="glasses", id=1),
        2: Tracker(name="Sunlight", type=TrackerType.YES_NO, id=2),
        3: Tracker(name="Energy", type=TrackerType.SCALE, id=3),
    }
    water = TrackerValue(at=AT, tracker_id=1, value=6)
    assert text(water, trackers=trackers).title == "Water 6 glasses"
    sun = TrackerValue(at=AT, tracker_id=2, value=1)
    assert text(sun, trackers=trackers).title == "Sunlight: yes"
    assert text(TrackerValue(at=AT, tracker_id=2, value=0), trackers=trackers).title == (
        "Sunlight: no"
    )
    energy = TrackerValue(at=AT, tracker_id=3, value=7)
    assert text(energy, trackers=trackers).title == "Energy 7/10"


def test_note_text_is_the_title_and_other_entries_carry_their_note() -> None:
    note = Note(at=AT, note="Better after the walk.\nFingers less swollen.")
    assert text(note) == EntryText("Better after the walk.", "Fingers less swollen.")
    meal = Meal(at=AT, meal_type=MealType.DINNER, note="  ate   late  ")
    assert text(meal).note == "ate late"
    assert text(Note(at=AT, note="")).title == "Note"


def test_one_line_joins_title_and_detail() -> None:
    assert EntryText("Walk 40 min", "moderate").one_line == "Walk 40 min · moderate"
    assert EntryText("Note").one_line == "Note"
