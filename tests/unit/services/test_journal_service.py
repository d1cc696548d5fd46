"""The journal service: logging, editing, deleting, undo, notifications, a day's view."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import (
    DoseLog,
    Exercise,
    FlareEpisode,
    Glucose,
    LabResult,
    Meal,
    Medication,
    StressCheck,
    SymptomCheck,
    Tracker,
    TrackerValue,
)
from journal.domain.errors import ValidationError
from journal.domain.vocabulary import DoseStatus, EntryKind, MealType, TrackerType
from journal.services import Services
from journal.services.journal import JournalChange

# Each test that uses data_dir runs on a plain and on an encrypted journal (tests/conftest.py).
ENCRYPTED_TOO = True

TODAY = date(2026, 11, 24)


def test_add_then_undo_then_redo(services: Services, clock: FakeClock) -> None:
    journal = services.journal
    meal = journal.add_entry(Meal(at=clock.now(), items="lentil soup", carbs_g=45))
    assert [e.id for e in journal.day_view(TODAY).entries] == [meal.id]
    assert journal.undo() == "Add meal"
    assert journal.day_view(TODAY).entries == []
    assert journal.redo() == "Add meal"
    assert journal.entry(meal.id or 0) == meal


def test_delete_is_undoable_with_the_same_identity(services: Services, clock: FakeClock) -> None:
    journal = services.journal
    meal = journal.add_entry(Meal(at=clock.now(), items="toast", tags=("gluten",)))
    journal.delete_entry(meal.id or 0)
    assert journal.entry(meal.id or 0) is None
    assert journal.undo() == "Delete meal"
    restored = journal.entry(meal.id or 0)
    assert restored == meal and restored is not None and restored.uid == meal.uid


def test_edit_is_undoable_and_may_move_the_entry_to_another_day(
    services: Services, clock: FakeClock
) -> None:
    journal = services.journal
    changes: list[JournalChange] = []
    journal.subscribe(changes.append)
    walk = journal.add_entry(Exercise(at=clock.now(), activity="walk", minutes=20))
    moved = journal.update_entry(replace(walk, minutes=35, at=walk.at - timedelta(days=1)))
    assert changes[-1].days == {TODAY, TODAY - timedelta(days=1)}
    assert journal.day_view(TODAY).entries == []
    assert journal.entry(walk.id or 0) == moved
    journal.undo()
    assert journal.entry(walk.id or 0) == walk


def test_invalid_entries_are_refused_and_nothing_is_written(
    services: Services, clock: FakeClock
) -> None:
    journal = services.journal
    with pytest.raises(ValidationError) as caught:
        journal.add_entry(Glucose(at=clock.now(), mgdl=1500))
    assert caught.value.for_field("mgdl") is not None
    assert "66.6 mmol/L" in (caught.value.for_field("mgdl") or "")
    with pytest.raises(ValidationError):
        journal.add_entry(StressCheck(at=clock.now() + timedelta(days=3), stress=4))
    assert journal.count_entries() == 0
    assert journal.undo_stack.undo_text is None


def test_listeners_hear_every_change_with_its_day(services: Services, clock: FakeClock) -> None:
    changes: list[JournalChange] = []
    services.journal.subscribe(changes.append)
    entry = services.journal.add_entry(StressCheck(at=clock.now(), stress=3))
    services.journal.delete_entry(entry.id or 0)
    services.journal.undo()
    assert [c.description for c in changes] == [
        "Add stress & mood",
        "Delete stress & mood",
        "Undo: Delete stress & mood",
    ]
    assert all(c.touches(TODAY) and not c.touches(TODAY + timedelta(days=1)) for c in changes)


def test_day_view_summarizes_the_day(services: Services, clock: FakeClock) -> None:
    journal = services.journal
    now = clock.now()
    journal.add_entry(Meal(at=now.replace(hour=8), items="oats", carbs_g=45, added_sugar_g=5))
    journal.add_entry(Meal(at=now, items="soup", carbs_g=30))
    journal.add_entry(Exercise(at=now, activity="walk", minutes=40))
    journal.add_entry(StressCheck(at=now, stress=4))
    journal.add_entry(StressCheck(at=now.replace(hour=9), stress=7))
    journal.add_entry(Glucose(at=now, mgdl=95))
    journal.add_entry(Glucose(at=now.replace(hour=10), mgdl=162))
    summary = journal.day_view(TODAY).summary
    assert summary.carbs_g == 75
    assert summary.added_sugar_g == 5
    assert summary.active_minutes == 40
    assert summary.mean_stress == 5.5
    assert (summary.glucose_min_mgdl, summary.glucose_max_mgdl) == (95, 162)


def test_doses_due_are_ticked_off_in_one_call(services: Services) -> None:
    journal = services.journal
    journal.save_medication(
        Medication(
            name="Metformin",
            dose="500 mg",
            times=(time(8), time(20)),
            periods=((datetime(2026, 1, 1, tzinfo=UTC), None),),
        )
    )
    journal.save_medication(Medication(name="Old pill", times=(time(9),), active=False))
    due = journal.day_view(TODAY).due_doses
    assert [(d.medication.name, d.scheduled, d.done) for d in due] == [
        ("Metformin", time(8), False),
        ("Metformin", time(20), False),
    ]
    logged = journal.log_dose(due[0])
    assert isinstance(logged, DoseLog) and logged.status is DoseStatus.TAKEN
    view = journal.day_view(TODAY)
    assert [d.done for d in view.due_doses] == [True, False]
    assert (view.summary.doses_taken, view.summary.doses_due) == (1, 2)


def test_homa_ir_is_derived_when_both_fasting_labs_share_a_day(
    services: Services, clock: FakeClock
) -> None:
    journal = services.journal
    journal.add_entry(LabResult(at=clock.now(), test="fasting_glucose", value=100))
    assert journal.day_view(TODAY).homa_ir is None
    journal.add_entry(LabResult(at=clock.now(), test="fasting_insulin", value=10))
    assert journal.day_view(TODAY).homa_ir == pytest.approx(2.47)


def test_flares_start_end_and_undo(services: Services) -> None:
    journal = services.journal
    flare = journal.save_flare(FlareEpisode(start=TODAY - timedelta(days=2), condition="RA"))
    assert journal.ongoing_flare() == flare
    marks = journal.calendar_marks(TODAY - timedelta(days=5), TODAY)
    assert [d for d, m in sorted(marks.items()) if m.in_flare] == [
        TODAY - timedelta(days=2),
        TODAY - timedelta(days=1),
        TODAY,
    ]
    journal.save_flare(replace(flare, end=TODAY - timedelta(days=1)))
    assert journal.ongoing_flare() is None
    journal.undo()
    assert journal.ongoing_flare() == flare
    journal.undo()
    assert journal.flares_between(TODAY - timedelta(days=30), TODAY) == []


def test_search_finds_notes_items_tags_symptoms_and_medications(
    services: Services, clock: FakeClock
) -> None:
    journal = services.journal
    now = clock.now()
    soup = journal.add_entry(Meal(at=now, items="Lentil soup", tags=("vegetables",)))
    journal.add_entry(SymptomCheck(at=now, scores={"brain fog": 6}))
    med = journal.save_medication(Medication(name="Levothyroxine", times=(time(7),)))
    journal.add_entry(DoseLog(at=now, medication_id=med.id or 0))
    journal.add_entry(StressCheck(at=now, stress=5, note="Deadline 100% stressful"))
    assert [e.id for e in journal.search("lentil")] == [soup.id]
    assert [e.kind for e in journal.search("VEGETABLES")] == [EntryKind.MEAL]
    assert [e.kind for e in journal.search("brain fog")] == [EntryKind.SYMPTOMS]
    assert [e.kind for e in journal.search("levo")] == [EntryKind.DOSE]
    assert [e.kind for e in journal.search("100%")] == [EntryKind.STRESS]
    assert journal.search("50%") == []
    assert journal.search("   ") == []


def test_favourites_relog_a_usual_meal_now(services: Services, clock: FakeClock) -> None:
    journal = services.journal
    template = Meal(
        at=clock.now(),
        meal_type=MealType.BREAKFAST,
        items="oats",
        carbs_g=40,
        tags=("whole grains",),
    )
    favourite = journal.save_favourite("Usual breakfast", template)
    clock.advance(timedelta(hours=1))
    logged = journal.log_favourite(journal.favourites(EntryKind.MEAL)[0])
    assert favourite.id is not None
    assert isinstance(logged, Meal) and logged.items == "oats" and logged.carbs_g == 40
    assert logged.at == clock.now() and logged.tags == ("whole grains",)


def test_tracker_values_follow_the_tracker_type(services: Services, clock: FakeClock) -> None:
    journal = services.journal
    sun = journal.save_tracker(Tracker(name="Sunlight", type=TrackerType.YES_NO))
    journal.add_entry(TrackerValue(at=clock.now(), tracker_id=sun.id or 0, value=1))
    with pytest.raises(ValidationError, match="yes or no"):
        journal.add_entry(TrackerValue(at=clock.now(), tracker_id=sun.id or 0, value=3))
