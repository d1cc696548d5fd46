"""Insights through the services: the daily table read from the measure registry, findings
cached until the journal changes, and self-experiments with their reminder and result."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import FlareEpisode, Glucose, Meal, StressCheck, SymptomCheck
from journal.domain.experiments import ExperimentStatus
from journal.domain.units import GlucoseUnit, UnitPreferences
from journal.domain.vocabulary import GlucoseContext
from journal.services import Services
from journal.services.insights import InsightsError, findings_document

CONTRACT = {
    "factor",
    "outcome",
    "lag_days",
    "direction",
    "effect",
    "effect_unit",
    "ci_low",
    "ci_high",
    "p_value",
    "q_value",
    "n_with",
    "n_without",
    "supported",
    "sentence",
}

# The offset of the tests' fake "now" (tests/conftest.py).
TZ = timezone(timedelta(hours=1))


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TZ)


def test_a_day_without_meals_is_unknown_for_every_meal_tag_and_zero_with_untagged_meals(
    services: Services,
) -> None:
    journal = services.journal
    first = date(2026, 11, 1)
    journal.add_entry(Meal(at=at(first, 8), items="toast", tags=("gluten",)))
    journal.add_entry(Meal(at=at(first + timedelta(1), 8), items="eggs"))
    journal.add_entry(StressCheck(at=at(first + timedelta(2), 20), stress=4))
    table = services.insights.table(first, first + timedelta(3))
    gluten = table.column("meal_tag:gluten")
    assert gluten[0] == 1 and gluten[1] == 0
    assert np.isnan(gluten[2]) and np.isnan(gluten[3])  # no meals logged: unknown
    assert table.spec("meal_tag:gluten").label == "meal tagged gluten"


def test_in_a_flare_is_zero_on_logged_days_outside_one_and_one_inside(
    services: Services,
) -> None:
    journal = services.journal
    first = date(2026, 11, 1)
    journal.save_flare(
        FlareEpisode(start=date(2026, 11, 3), end=date(2026, 11, 4), condition="lupus")
    )
    journal.add_entry(StressCheck(at=at(first, 20), stress=4))
    table = services.insights.table(first, first + timedelta(5))
    in_flare = table.column("in_flare")
    assert in_flare[0] == 0  # logged, no flare
    assert np.isnan(in_flare[1])  # nothing logged, no flare: unknown
    assert list(in_flare[2:4]) == [1, 1]
    onset = table.column("flare_onset")
    assert onset[0] == 0 and np.isnan(onset[1]) and onset[2] == 1 and onset[3] == 0


def test_glucose_columns_are_in_the_users_unit(services: Services) -> None:
    day = date(2026, 11, 2)
    services.journal.add_entry(Glucose(at=at(day, 7), mgdl=108.1, context=GlucoseContext.FASTING))
    services.set_units(UnitPreferences(glucose=GlucoseUnit.MMOLL))
    table = services.insights.table(day, day)
    assert table.spec("fasting_glucose").unit == "mmol/L"
    assert table.column("fasting_glucose")[0] == pytest.approx(108.1 / 18.016)


def test_findings_are_kept_until_the_journal_changes(services: Services) -> None:
    insights = services.insights
    first, last = date(2026, 10, 1), date(2026, 11, 24)
    report = insights.compute(first, last)
    assert insights.compute(first, last) is report
    assert insights.is_current(report)
    services.journal.add_entry(StressCheck(at=at(date(2026, 11, 20), 20), stress=3))
    assert not insights.is_current(report)
    assert insights.cached(first, last) is None
    assert insights.compute(first, last) is not report


def test_the_json_document_has_exactly_the_contracts_keys(services: Services) -> None:
    report = services.insights.compute(date(2026, 10, 1), date(2026, 11, 24))
    document = findings_document(report.result)
    assert set(document) == {"tests_run", "findings"}
    assert all(set(f) == CONTRACT for f in document["findings"])  # type: ignore[union-attr]


def test_a_range_that_ends_before_it_starts_is_refused(services: Services) -> None:
    with pytest.raises(InsightsError, match="ends before it starts"):
        services.insights.compute(date(2026, 11, 2), date(2026, 11, 1))


# --- self-experiments -----------------------------------------------------------------------


def plan_gluten(services: Services, **extra: object):  # type: ignore[no-untyped-def]
    today = services.clock.now().date()
    options = {"start": today, "weeks": 4, "unit": "day", "seed": 11} | extra
    return services.insights.plan_experiment("meal_tag:gluten", "symptom:bloating", 0, **options)  # type: ignore[arg-type]


def test_planning_draws_a_balanced_schedule_and_adds_a_reminder_that_says_todays_plan(
    services: Services,
) -> None:
    experiment = plan_gluten(services)
    assert len(experiment.schedule) == 28 and sum(experiment.schedule) == 14
    assert experiment.factor_label == "meal tagged gluten"
    assert experiment.outcome_label == "bloating"
    assert experiment.reminder_id is not None
    reminder = next(r for r in services.reminders.reminders() if r.id == experiment.reminder_id)
    due = services.reminders.describe(reminder, services.clock.now())
    today_with = experiment.schedule[0]
    assert due.title.startswith("Self-experiment, day 1 of 28: ")
    assert due.title.endswith(
        "as usual (meal tagged gluten allowed)" if today_with else "without meal tagged gluten"
    )


def test_planning_is_undone_with_its_reminder(services: Services) -> None:
    experiment = plan_gluten(services)
    services.journal.undo()
    assert services.insights.experiments() == []
    assert all(r.id != experiment.reminder_id for r in services.reminders.reminders())
    services.journal.redo()
    assert [e.id for e in services.insights.experiments()] == [experiment.id]


@pytest.mark.parametrize(
    ("factor", "outcome", "weeks", "message"),
    [
        ("meal_tag:gluten", "symptom:bloating", 3, "4 to 8 weeks"),
        ("carbs", "symptom:bloating", 4, "not a yes/no factor"),
        ("meal_tag:gluten", "flare_onset", 4, "cannot be an experiment's outcome"),
        ("meal_tag:gluten", "no_such_column", 4, "no column"),
    ],
)
def test_a_plan_that_cannot_work_is_refused(
    services: Services, factor: str, outcome: str, weeks: int, message: str
) -> None:
    today = services.clock.now().date()
    with pytest.raises(InsightsError, match=message):
        services.insights.plan_experiment(
            factor, outcome, 0, start=today, weeks=weeks, unit="week", seed=1
        )


def test_an_experiment_cannot_start_in_the_past(services: Services) -> None:
    yesterday = services.clock.now().date() - timedelta(days=1)
    with pytest.raises(InsightsError, match="never in the past"):
        plan_gluten(services, start=yesterday)


def live_the_experiment(services: Services, clock: FakeClock, effect: float) -> None:
    """Follow the plan for every day but one, log bloating each evening (higher with gluten)."""
    experiment = services.insights.experiments()[0]
    rng = np.random.default_rng(5)
    for index, with_gluten in enumerate(experiment.schedule):
        day = experiment.start + timedelta(days=index)
        clock.set(datetime.combine(day, time(21), tzinfo=TZ))
        if index == 3:
            continue  # a day not logged at all
        tags = ("gluten",) if with_gluten else ()
        services.journal.add_entry(Meal(at=at(day, 12), items="lunch", tags=tags))
        score = int(np.clip(round(3 + effect * with_gluten + rng.normal(0, 1)), 0, 10))
        services.journal.add_entry(SymptomCheck(at=at(day, 20), scores={"bloating": score}))


def test_progress_counts_the_days_that_went_as_planned(
    services: Services, clock: FakeClock
) -> None:
    plan_gluten(services)
    live_the_experiment(services, clock, effect=2.0)
    clock.set(datetime.combine(date(2026, 12, 5), time(9), tzinfo=TZ))
    experiment = services.insights.experiments()[0]
    progress = services.insights.progress(experiment)
    assert progress.day_number == 12 and progress.total_days == 28
    assert progress.adherence.followed == 10
    assert len(progress.adherence.not_logged) == 1
    assert progress.result is None  # analysed only once it is over


def test_at_the_end_the_planned_days_give_the_effect_and_its_interval(
    services: Services, clock: FakeClock
) -> None:
    plan_gluten(services)
    live_the_experiment(services, clock, effect=2.0)
    clock.advance(timedelta(days=1))
    experiment = services.insights.experiments()[0]
    progress = services.insights.progress(experiment)
    assert progress.finished
    result = progress.result
    assert result is not None
    assert result.n_on + result.n_off == 27
    assert result.ci_low < 2.0 < result.ci_high and result.ci_low > 0
    assert result.p_value < 0.01
    assert "higher on the days planned with meal tagged gluten" in result.sentence
    # Its reminder goes once the experiment is over.
    assert services.insights.end_finished() == 1
    assert services.insights.experiments()[0].reminder_id is None


def test_stopping_early_removes_the_reminder_and_undo_brings_it_back(
    services: Services,
) -> None:
    experiment = plan_gluten(services)
    assert experiment.id is not None
    stopped = services.insights.stop_experiment(experiment.id)
    assert stopped.status is ExperimentStatus.STOPPED
    assert all(r.id != experiment.reminder_id for r in services.reminders.reminders())
    services.journal.undo()
    restored = services.insights.experiment(experiment.id)
    assert restored is not None and restored.status is ExperimentStatus.RUNNING
    assert any(r.id == experiment.reminder_id for r in services.reminders.reminders())


def test_removing_an_experiment_is_undoable(services: Services) -> None:
    experiment = plan_gluten(services)
    assert experiment.id is not None
    services.insights.delete_experiment(experiment.id)
    assert services.insights.experiments() == []
    services.journal.undo()
    assert [e.id for e in services.insights.experiments()] == [experiment.id]


def test_the_choices_offer_every_meal_quality_and_symptom_even_unlogged(
    services: Services,
) -> None:
    factors, outcomes = services.insights.experiment_choices()
    factor_names = {c.name for c in factors}
    assert {"meal_tag:gluten", "meal_tag:dairy", "short_night", "high_stress"} <= factor_names
    assert "carbs" not in factor_names  # not yes/no
    outcome_names = {c.name for c in outcomes}
    assert {"symptom:pain", "symptom:bloating", "fasting_glucose", "mood"} <= outcome_names
    assert "flare_onset" not in outcome_names


def test_cgm_days_become_outcomes_when_they_hold_most_of_a_day(
    services: Services, tmp_path: Path
) -> None:
    from journal.io.cgm.samples import SampleReadings, synthetic_readings, write_clarity

    berlin = ZoneInfo("Europe/Berlin")
    services.zone.override = berlin
    readings = synthetic_readings(
        4, start=datetime(2026, 11, 1, tzinfo=berlin), zone=berlin, seed=1
    )
    # The last day keeps only its first six hours: too little to stand for the day.
    cut = len(readings.mgdl) - 288 + 72
    partial = SampleReadings(readings.utc_seconds[:cut], readings.mgdl[:cut])
    services.cgm.import_file(write_clarity(tmp_path / "g6.csv", partial, berlin))
    table = services.insights.table(date(2026, 11, 1), date(2026, 11, 5))
    mean = table.column("cgm_mean")
    time_in_range = table.column("cgm_time_in_range")
    assert np.isfinite(mean[:3]).all() and 60 < mean[0] < 250
    assert np.isnan(mean[3]) and np.isnan(mean[4])  # a quarter day; no readings
    assert ((time_in_range[:3] >= 0) & (time_in_range[:3] <= 100)).all()
    assert table.spec("cgm_time_in_range").unit == "percentage points"
    _, outcomes = services.insights.experiment_choices()
    assert "cgm_mean" in {choice.name for choice in outcomes}


def test_without_cgm_readings_there_are_no_cgm_columns(services: Services) -> None:
    table = services.insights.table(date(2026, 11, 1), date(2026, 11, 5))
    assert "cgm_mean" not in {spec.name for spec in table.specs}
