"""The profile service: conditions, what they set, the first run, and the undoable setup."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from journal.domain.clock import FakeClock
from journal.domain.conditions import Condition
from journal.domain.entries import FlareEpisode, Meal, Medication, SymptomCheck, Tracker
from journal.domain.errors import ValidationError
from journal.domain.reminders import ReminderAction
from journal.domain.units import GlucoseUnit, UnitPreferences, WeightUnit
from journal.domain.vocabulary import SYMPTOMS, TrackerType
from journal.services import Services
from journal.services.journal import JournalChange, Topic
from journal.services.profile import Profile, SetupPlan, make_profile

TODAY = date(2026, 11, 24)
MMOL_LB = UnitPreferences(glucose=GlucoseUnit.MMOLL, weight=WeightUnit.LB)


def plan(**changes: object) -> SetupPlan:
    values: dict[str, object] = {
        "profile": make_profile([Condition.RHEUMATOID_ARTHRITIS, Condition.TYPE_2_DIABETES]),
        "units": MMOL_LB,
        "medications": (Medication(name=" metformin ", dose="500 mg", times=(time(8), time(20))),),
        "trackers": (Tracker(name="Morning stiffness", unit="minutes"),),
        "glucose_check": time(7, 30),
        "evening_check_in": time(21),
    }
    values.update(changes)
    return SetupPlan(**values)  # type: ignore[arg-type]


def test_a_new_profile_is_empty_and_offers_the_general_symptoms(services: Services) -> None:
    assert services.profile.profile() == Profile()
    assert services.profile.offered_symptoms() == SYMPTOMS
    assert services.profile.flare_condition() == ""


def test_conditions_set_the_symptoms_and_the_flare_default(services: Services) -> None:
    services.profile.set_profile(make_profile([Condition.TYPE_2_DIABETES, Condition.LUPUS]))
    assert services.profile.profile().conditions == (Condition.LUPUS, Condition.TYPE_2_DIABETES)
    assert "rash" in services.profile.offered_symptoms()
    assert "thirst" in services.profile.offered_symptoms()
    assert "bloating" not in services.profile.offered_symptoms()
    # Diabetes does not flare: the flare starts as lupus.
    assert services.profile.flare_condition() == "lupus"
    assert services.profile.condition_suggestions()[0] == "lupus"


def test_symptoms_rated_lately_stay_in_the_check_in(services: Services, clock: FakeClock) -> None:
    services.profile.set_profile(make_profile([Condition.RHEUMATOID_ARTHRITIS]))
    services.journal.add_entry(SymptomCheck(at=clock.now(), scores={"bloating": 4}))
    assert "bloating" in services.profile.offered_symptoms()
    assert "rash" in services.profile.offered_symptoms(also=["rash"])


def test_the_last_flare_wins_when_it_is_one_of_the_conditions(services: Services) -> None:
    services.profile.set_profile(make_profile([Condition.RHEUMATOID_ARTHRITIS, Condition.LUPUS]))
    services.journal.save_flare(FlareEpisode(start=TODAY - timedelta(days=40), condition="lupus"))
    assert services.profile.flare_condition() == "lupus"
    # A flare of a condition no longer in the profile does not decide.
    services.profile.set_profile(make_profile([Condition.IBD]))
    assert services.profile.flare_condition() == "IBD"


def test_without_a_profile_the_last_flare_decides(services: Services) -> None:
    services.journal.save_flare(FlareEpisode(start=TODAY, condition="gout"))
    assert services.profile.flare_condition() == "gout"


def test_the_own_words_of_other_are_a_flare_condition(services: Services) -> None:
    services.profile.set_profile(make_profile([Condition.PCOS], "Sjögren's"))
    assert services.profile.flare_condition() == "Sjögren's"


def test_suggested_trackers_leave_out_those_already_kept(services: Services) -> None:
    services.journal.save_tracker(Tracker(name="bowel movements"))
    names = [t.name for t in services.profile.suggested_trackers([Condition.IBD])]
    assert names == ["Blood in stool"]


def test_welcome_is_due_on_a_new_journal_only(services: Services, clock: FakeClock) -> None:
    assert services.profile.welcome_due()
    services.journal.add_entry(Meal(at=clock.now(), items="soup"))
    assert not services.profile.welcome_due()


def test_welcome_is_not_due_once_seen(services: Services) -> None:
    services.set_units(MMOL_LB)  # choosing units does not count as using the journal
    assert services.profile.welcome_due()
    services.profile.mark_welcome_seen()
    assert not services.profile.welcome_due()


def test_setup_writes_everything_in_one_step(services: Services) -> None:
    changes: list[JournalChange] = []
    services.journal.subscribe(changes.append)
    result = services.profile.apply_setup(plan())

    assert services.profile.profile().conditions == (
        Condition.RHEUMATOID_ARTHRITIS,
        Condition.TYPE_2_DIABETES,
    )
    assert services.units.glucose is GlucoseUnit.MMOLL and services.units.weight is WeightUnit.LB
    [med] = services.journal.medications()
    assert (med.name, med.dose, med.times) == ("metformin", "500 mg", (time(8), time(20)))
    assert med.periods and med.periods[0][1] is None  # due from now on
    assert [t.name for t in services.journal.trackers()] == ["Morning stiffness"]
    stored = services.reminders.reminders(include_medications=False)
    assert {(r.action, r.schedule.times) for r in stored} == {
        (ReminderAction.GLUCOSE, (time(7, 30),)),
        (ReminderAction.STRESS, (time(21),)),
    }
    assert all(r.enabled for r in services.reminders.medication_reminders())
    assert not services.profile.welcome_due()
    assert len(changes) == 1 and Topic.MEDICATIONS in changes[0].topics
    assert services.journal.undo_stack.undo_text == "Set up the journal"
    assert result.summary() == (
        "Journal set up: 2 conditions, 1 medication, 1 tracker, 2 reminders. "
        "Edit > Undo takes it back."
    )


def test_undo_takes_the_setup_back_and_redo_brings_it_again(services: Services) -> None:
    services.profile.apply_setup(plan())
    assert services.journal.undo() == "Set up the journal"
    assert services.profile.profile() == Profile()
    assert services.units == UnitPreferences()
    assert services.journal.medications() == []
    assert services.journal.trackers() == []
    assert services.reminders.reminders() == []

    assert services.journal.redo() == "Set up the journal"
    [med] = services.journal.medications()
    assert med.name == "metformin"
    assert len(services.reminders.reminders(include_medications=False)) == 2
    assert services.units.glucose is GlucoseUnit.MMOLL


def test_a_medication_without_a_name_changes_nothing(services: Services) -> None:
    bad = plan(medications=(Medication(name="metformin"), Medication(name="  ")))
    with pytest.raises(ValidationError):
        services.profile.apply_setup(bad)
    assert services.journal.medications() == []
    assert services.profile.profile() == Profile()
    assert services.journal.undo_stack.undo_text is None


def test_medication_times_can_stay_quiet(services: Services) -> None:
    services.profile.apply_setup(plan(medication_reminders=False))
    assert [r.enabled for r in services.reminders.medication_reminders()] == [False]
    assert not services.profile.reminders_on_for_medications()


def test_a_second_setup_adds_no_duplicates(services: Services) -> None:
    services.profile.apply_setup(plan())
    again = services.profile.apply_setup(plan(medications=()))
    assert again.trackers == () and again.reminders == ()
    assert len(services.journal.trackers()) == 1
    assert len(services.reminders.reminders(include_medications=False)) == 2
    assert services.profile.existing_reminder_time(ReminderAction.GLUCOSE) == time(7, 30)


def test_number_trackers_keep_their_unit_others_lose_it(services: Services) -> None:
    result = services.profile.apply_setup(
        plan(trackers=(Tracker(name="Period", type=TrackerType.YES_NO, unit="days"),))
    )
    assert result.trackers[0].unit == ""
