"""Units convert both ways without drift; validation catches typos with clear messages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.entries import Exercise, Glucose, Meal, Sleep, StressCheck, SymptomCheck
from journal.domain.labs import homa_ir
from journal.domain.units import (
    GlucoseUnit,
    WeightUnit,
    format_glucose,
    glucose_from_mgdl,
    glucose_to_mgdl,
    weight_from_kg,
    weight_to_kg,
)
from journal.domain.validation import entry_errors

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone(timedelta(hours=-5)))


@given(st.floats(min_value=20, max_value=600), st.sampled_from(list(GlucoseUnit)))
def test_glucose_round_trips_through_any_unit(mgdl: float, unit: GlucoseUnit) -> None:
    assert abs(glucose_to_mgdl(glucose_from_mgdl(mgdl, unit), unit) - mgdl) < 1e-9


@given(st.floats(min_value=1, max_value=400), st.sampled_from(list(WeightUnit)))
def test_weight_round_trips(kg: float, unit: WeightUnit) -> None:
    assert abs(weight_to_kg(weight_from_kg(kg, unit), unit) - kg) < 1e-9


def test_glucose_is_shown_as_people_read_it() -> None:
    assert format_glucose(126, GlucoseUnit.MGDL) == "126 mg/dL"
    assert format_glucose(126, GlucoseUnit.MMOLL) == "7.0 mmol/L"  # 126 / 18.016


@given(st.floats(min_value=20, max_value=1200, allow_nan=False))
def test_plausible_glucose_is_accepted(mgdl: float) -> None:
    assert entry_errors(Glucose(at=NOW, mgdl=mgdl), NOW) == []


@given(st.one_of(st.floats(max_value=19.99), st.floats(min_value=1200.01, max_value=1e9)))
def test_implausible_glucose_is_refused_on_its_field(mgdl: float) -> None:
    assert [e.field for e in entry_errors(Glucose(at=NOW, mgdl=mgdl), NOW)] == ["mgdl"]


@given(st.integers(min_value=-100, max_value=100))
def test_stress_is_on_a_zero_to_ten_scale(stress: int) -> None:
    errors = entry_errors(StressCheck(at=NOW, stress=stress), NOW)
    assert (errors == []) == (0 <= stress <= 10)


@given(st.integers(min_value=-10, max_value=3000))
def test_exercise_minutes_between_one_and_a_day(minutes: int) -> None:
    errors = entry_errors(Exercise(at=NOW, minutes=minutes), NOW)
    assert (errors == []) == (1 <= minutes <= 1440)


def test_entries_more_than_a_day_ahead_are_refused() -> None:
    assert entry_errors(Meal(at=NOW + timedelta(hours=2), items="x"), NOW) == []
    errors = entry_errors(Meal(at=NOW + timedelta(days=2), items="x"), NOW)
    assert [e.message for e in errors] == ["This is more than a day in the future."]


def test_meal_rules() -> None:
    fields = [e.field for e in entry_errors(Meal(at=NOW, carbs_g=900), NOW)]
    assert fields == ["carbs_g"]
    fields = [e.field for e in entry_errors(Meal(at=NOW, carbs_g=10, added_sugar_g=20), NOW)]
    assert fields == ["added_sugar_g"]
    assert [e.field for e in entry_errors(Meal(at=NOW), NOW)] == ["items"]


def test_sleep_and_symptom_rules() -> None:
    assert [e.field for e in entry_errors(Sleep(at=NOW, hours=30), NOW)] == ["hours"]
    late = Sleep(at=NOW, hours=7, bedtime=NOW + timedelta(hours=1))
    assert [e.field for e in entry_errors(late, NOW)] == ["bedtime"]
    bad = SymptomCheck(at=NOW, scores={"pain": 11}, bristol=9)
    assert [e.field for e in entry_errors(bad, NOW)] == ["scores", "bristol"]


def test_homa_ir_follows_matthews_1985() -> None:
    assert homa_ir(10, 100) == 1000 / 405


def test_the_system_clock_gives_each_date_its_own_offset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time as systime

    from journal.domain.clock import SystemClock

    monkeypatch.setenv("TZ", "Europe/Berlin")
    systime.tzset()
    try:
        clock = SystemClock()
        winter = clock.localize(datetime(2026, 1, 15, 12, 0))
        summer = clock.localize(datetime(2026, 7, 15, 12, 0))
        assert winter.utcoffset() == timedelta(hours=1)
        assert summer.utcoffset() == timedelta(hours=2)
        assert (summer.hour, winter.hour) == (12, 12)
    finally:
        monkeypatch.undo()
        systime.tzset()
