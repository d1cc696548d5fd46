"""The defaults taken from the time of day and the one formatter and parser of numbers and
times: each rule once, and the places that used to disagree now agree."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.defaults import glucose_context_at, meal_type_at, nearest_time
from journal.domain.reminders import Reminder, ReminderAction, Schedule
from journal.domain.text import (
    format_clock,
    format_number,
    is_digits,
    parse_time_of_day,
    parse_times_of_day,
)
from journal.domain.units import TimeFormat, UnitPreferences
from journal.domain.vocabulary import GlucoseContext, MealType
from journal.services.reminders import reminder_target

H24 = UnitPreferences()
H12 = UnitPreferences(time_format=TimeFormat.H12)


@pytest.mark.parametrize(
    ("moment", "meal"),
    [
        (time(7, 15), MealType.BREAKFAST),
        (time(10, 29), MealType.BREAKFAST),
        (time(11, 0), MealType.LUNCH),
        (time(16, 0), MealType.SNACK),
        (time(19, 0), MealType.DINNER),
        (time(23, 30), MealType.SNACK),
    ],
)
def test_the_meal_type_follows_the_time_of_day(moment: time, meal: MealType) -> None:
    assert meal_type_at(moment) is meal


@pytest.mark.parametrize(
    ("moment", "context"),
    [
        (time(6, 30), GlucoseContext.FASTING),
        (time(9, 45), GlucoseContext.RANDOM),
        (time(14, 0), GlucoseContext.RANDOM),
        (time(22, 0), GlucoseContext.BEDTIME),
        (time(2, 0), GlucoseContext.BEDTIME),
    ],
)
def test_the_glucose_context_follows_the_time_of_day(moment: time, context: GlucoseContext) -> None:
    assert glucose_context_at(moment) is context


@given(st.times())
def test_a_reminder_prefills_what_the_quick_add_form_would(moment: time) -> None:
    # At 11:00 Ctrl+1 said lunch while a meal reminder said snack; now one rule decides.
    local = datetime.combine(datetime(2026, 11, 24).date(), moment, timezone(timedelta(0)))
    meal = reminder_target(Reminder(action=ReminderAction.MEAL, schedule=Schedule()), None, local)
    glucose = reminder_target(
        Reminder(action=ReminderAction.GLUCOSE, schedule=Schedule()), None, local
    )
    assert meal.values["meal_type"] is meal_type_at(moment)
    assert glucose.values["context"] is glucose_context_at(moment)


def test_a_dose_belongs_to_the_nearest_scheduled_time() -> None:
    times = (time(8), time(20))
    assert nearest_time(times, time(8, 40)) == time(8)
    assert nearest_time(times, time(15, 0)) == time(20)
    assert nearest_time((), time(8)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", time(7)),
        ("07:30", time(7, 30)),
        ("7.30", time(7, 30)),
        ("7h30", time(7, 30)),
        ("1930", time(19, 30)),
        ("7:30 pm", time(19, 30)),
        ("7pm", time(19)),
        ("12 am", time(0)),
    ],
)
def test_times_of_day_are_read_as_people_write_them(text: str, expected: time) -> None:
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize("text", ["25:00", "7:75", "13 pm", "noonish", ""])
def test_what_is_not_a_time_is_refused_with_a_sentence(text: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_time_of_day(text)
    assert f"“{text}”" in str(refused.value)
    assert str(refused.value).endswith(".")


def test_medication_and_reminder_times_read_alike() -> None:
    # "1930" was accepted for medication times and refused for reminder times.
    from journal.ui.reminders.dialog import parse_times

    assert parse_times("8:00, 1930; 7pm") == parse_times_of_day("8:00, 1930; 7pm")
    assert parse_times_of_day("8:00, 1930; 7pm") == (time(8), time(19), time(19, 30))


@pytest.mark.parametrize(
    ("value", "expected"), [(45.0, "45"), (6.5, "6.5"), (5200, "5,200"), (7.04, "7")]
)
def test_numbers_drop_needless_decimals(value: float, expected: str) -> None:
    assert format_number(value) == expected


def test_numbers_for_editing_have_no_thousands_separator() -> None:
    assert format_number(5200.0, 1, grouping=False) == "5200"
    assert format_number(5.60, 2, grouping=False) == "5.6"


def test_times_follow_the_users_clock_format() -> None:
    assert format_clock(time(8, 5), H24) == "08:05"
    assert format_clock(time(8, 5), H12) == "8:05 AM"
    assert format_clock(time(20, 0), H12) == "8:00 PM"


def test_digits_are_0_to_9_only() -> None:
    assert is_digits("0") and is_digits("2026")
    assert not any(map(is_digits, ["", "²", "٣", "+5", "5.0", " 5"]))  # "²".isdigit() is True
