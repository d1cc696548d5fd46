"""The daily measures and chart reads: one query per measure and range, days by the user's
local calendar, "not recorded" kept apart from zero."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from journal.analysis.series import to_epoch_day
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
)
from journal.domain.vocabulary import DoseStatus, GlucoseContext
from journal.services import Services
from journal.services.measures import read_measures
from journal.store import series_queries as q

# Each test that uses data_dir runs on a plain and on an encrypted journal (tests/conftest.py).
ENCRYPTED_TOO = True

PARIS = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 24)


def d(day: date) -> int:
    return to_epoch_day(day)


def at(day: int, hour: int, minute: int = 0, tz: timezone = PARIS) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=tz)


def read(services: Services, query, *args):  # type: ignore[no-untyped-def]
    with services.db.reading() as session:
        return [tuple(row) for row in query(session, FIRST, LAST, *args)]


def days(services: Services, *names: str) -> dict[str, dict[date, float | None]]:
    """The named measures on the days that have a value (None kept: "not recorded")."""
    with services.db.reading() as session:
        found = read_measures(session, names, FIRST, LAST)
    logged = found.logged
    return {
        name: {day: v for day, v in values.items() if v is not None or day in logged}
        for name, values in found.values.items()
    }


def test_meal_days_sum_per_local_day_and_keep_unknown_carbs_unknown(services: Services) -> None:
    journal = services.journal
    journal.add_entry(Meal(at=at(20, 8), carbs_g=40, added_sugar_g=5))
    journal.add_entry(Meal(at=at(20, 13), carbs_g=60.5))
    journal.add_entry(Meal(at=at(22, 13), items="tea"))
    found = days(services, "carbs_g", "added_sugar_g", "meals")
    assert found["carbs_g"] == {date(2026, 11, 20): 100.5, date(2026, 11, 22): None}
    assert found["added_sugar_g"] == {date(2026, 11, 20): 5.0, date(2026, 11, 22): None}
    assert found["meals"] == {date(2026, 11, 20): 2, date(2026, 11, 22): 1}


def test_a_late_reading_abroad_stays_on_its_local_day(services: Services) -> None:
    # 23:30 in New York is already the next day in UTC; the chart keeps it on the 20th.
    services.journal.add_entry(Glucose(at=at(20, 23, 30, NEW_YORK), mgdl=180))
    services.journal.add_entry(Glucose(at=at(21, 7), mgdl=90, context=GlucoseContext.FASTING))
    local_seconds = (d(date(2026, 11, 20)) * 86400) + 23 * 3600 + 30 * 60
    assert read(services, q.glucose_readings) == [
        (local_seconds, d(date(2026, 11, 20)), 180.0),
        (d(date(2026, 11, 21)) * 86400 + 7 * 3600, d(date(2026, 11, 21)), 90.0),
    ]
    found = days(services, "glucose_mean", "glucose_fasting", "glucose_after_meal")
    assert found["glucose_mean"] == {date(2026, 11, 20): 180.0, date(2026, 11, 21): 90.0}
    assert found["glucose_fasting"] == {date(2026, 11, 20): None, date(2026, 11, 21): 90.0}
    assert set(found["glucose_after_meal"].values()) == {None}


def test_meal_tag_counts_are_zero_on_days_with_untagged_meals(services: Services) -> None:
    journal = services.journal
    journal.add_entry(Meal(at=at(3, 8), items="toast", tags=("processed",)))
    journal.add_entry(Meal(at=at(3, 12), items="salad", tags=("vegetables",)))
    journal.add_entry(Meal(at=at(4, 12), items="soup"))
    journal.add_entry(Exercise(at=at(5, 7), minutes=20))
    tagged = days(services, "meal_tag:processed")["meal_tag:processed"]
    # A day with untagged meals is 0; a day without meals is not recorded.
    assert tagged == {date(2026, 11, 3): 1, date(2026, 11, 4): 0, date(2026, 11, 5): None}


def test_stress_and_exercise_reduce_per_day(services: Services) -> None:
    journal = services.journal
    journal.add_entry(StressCheck(at=at(5, 9), stress=2, mood=7))
    journal.add_entry(StressCheck(at=at(5, 18), stress=8))
    journal.add_entry(Exercise(at=at(5, 7), minutes=20))
    journal.add_entry(Exercise(at=at(5, 19), minutes=25))
    journal.add_entry(Meal(at=at(6, 8), items="toast"))
    found = days(services, "stress_mean", "stress_max", "mood", "active_minutes")
    assert found["stress_mean"] == {date(2026, 11, 5): 5.0, date(2026, 11, 6): None}
    assert found["stress_max"][date(2026, 11, 5)] == 8
    assert found["mood"][date(2026, 11, 5)] == 7.0
    # No exercise on a logged day is 0 active minutes.
    assert found["active_minutes"] == {date(2026, 11, 5): 45, date(2026, 11, 6): 0}


def test_symptom_scores_are_read_from_json_per_symptom_and_on_flare_days(
    services: Services,
) -> None:
    journal = services.journal
    journal.save_flare(
        FlareEpisode(start=date(2026, 11, 10), end=date(2026, 11, 11), condition="lupus")
    )
    journal.add_entry(SymptomCheck(at=at(9, 9), scores={"pain": 3}))
    journal.add_entry(SymptomCheck(at=at(10, 9), scores={"pain": 4, "fatigue": 7}))
    journal.add_entry(SymptomCheck(at=at(10, 20), scores={"pain": 6}))
    ninth, tenth = date(2026, 11, 9), date(2026, 11, 10)
    found = days(services, "symptoms_worst", "symptom:pain", "flare_severity")
    assert found["symptoms_worst"] == {ninth: 3, tenth: 7}
    assert found["symptom:pain"] == {ninth: 3, tenth: 6}
    assert found["flare_severity"] == {ninth: None, tenth: 7}
    with services.db.reading() as session:
        assert q.symptom_names(session) == ["fatigue", "pain"]
        assert q.first_day(session) == date(2026, 11, 9)
    assert read(services, q.flare_spans) == [(d(tenth), d(date(2026, 11, 11)), "lupus")]


def test_doses_and_schedules(services: Services) -> None:
    journal = services.journal
    med = journal.save_medication(Medication(name="Metformin", times=(time(8), time(20))))
    assert med.id is not None
    journal.add_entry(DoseLog(at=at(6, 8), medication_id=med.id, scheduled=time(8)))
    journal.add_entry(
        DoseLog(at=at(7, 20), medication_id=med.id, scheduled=time(20), status=DoseStatus.SKIPPED)
    )
    assert days(services, "doses_taken")["doses_taken"] == {
        date(2026, 11, 6): 1,
        date(2026, 11, 7): 0,  # skipped: none taken, not "not recorded"
    }


def test_lab_values_in_time_order(services: Services) -> None:
    journal = services.journal
    journal.add_entry(LabResult(at=at(2, 8), test="hba1c", value=6.1))
    journal.add_entry(LabResult(at=at(2, 8), test="crp", value=4.0))
    rows = read(services, q.lab_values, ["hba1c"])
    assert rows == [(d(date(2026, 11, 2)) * 86400 + 8 * 3600, d(date(2026, 11, 2)), "hba1c", 6.1)]
    with services.db.reading() as session:
        assert q.lab_tests_present(session) == ["crp", "hba1c"]


def test_an_empty_journal_reads_nothing(services: Services) -> None:
    assert all(v is None for v in days(services, "carbs_g")["carbs_g"].values())
    assert read(services, q.glucose_readings) == []
    with services.db.reading() as session:
        assert q.first_day(session) is None
