"""The daily measures Insights added to the registry: short nights, high stress, vigorous and
intensity minutes, flare days and onsets, doses missed per medication; "not recorded" kept
apart from "none" in each."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from journal.domain.entries import (
    DoseLog,
    Exercise,
    FlareEpisode,
    Medication,
    Sleep,
    StressCheck,
)
from journal.domain.measures import measure
from journal.domain.vocabulary import DoseStatus, Intensity
from journal.services import Services
from journal.services.measures import read_measures

PARIS = timezone(timedelta(hours=1))
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 24)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


def nov(day: int) -> date:
    return date(2026, 11, day)


def values(services: Services, name: str) -> dict[date, float | None]:
    with services.db.reading() as session:
        found = read_measures(session, [name], FIRST, LAST)
    return {day: v for day, v in found.values[name].items() if v is not None}


def test_a_short_night_is_one_on_nights_under_6_h_and_zero_on_longer_ones(
    services: Services,
) -> None:
    journal = services.journal
    journal.add_entry(Sleep(at=at(3, 7), hours=5.5))
    journal.add_entry(Sleep(at=at(4, 7), hours=7.0))
    # A nap adds to the night: 5 h + 1.5 h is not a short night.
    journal.add_entry(Sleep(at=at(5, 7), hours=5.0))
    journal.add_entry(Sleep(at=at(5, 15), hours=1.5))
    journal.add_entry(StressCheck(at=at(6, 20), stress=3))
    assert values(services, "short_night") == {nov(3): 1, nov(4): 0, nov(5): 0}


def test_a_high_stress_day_has_any_check_in_of_7_or_more(services: Services) -> None:
    journal = services.journal
    journal.add_entry(StressCheck(at=at(3, 9), stress=2))
    journal.add_entry(StressCheck(at=at(3, 18), stress=7))
    journal.add_entry(StressCheck(at=at(4, 18), stress=6))
    journal.add_entry(Sleep(at=at(5, 7), hours=7))
    assert values(services, "stress_high") == {nov(3): 1, nov(4): 0}


def test_vigorous_and_who_weighted_who_minutes(services: Services) -> None:
    journal = services.journal
    journal.add_entry(Exercise(at=at(3, 9), minutes=30, intensity=Intensity.LIGHT))
    journal.add_entry(Exercise(at=at(3, 18), minutes=20, intensity=Intensity.VIGOROUS))
    journal.add_entry(Exercise(at=at(4, 18), minutes=40, intensity=Intensity.MODERATE))
    journal.add_entry(Sleep(at=at(5, 7), hours=7))
    assert values(services, "vigorous_minutes") == {nov(3): 20, nov(4): 0, nov(5): 0}
    # WHO 2020: vigorous minutes count double, light ones not at all.
    assert values(services, "who_minutes") == {nov(3): 40, nov(4): 40, nov(5): 0}


def test_flare_days_are_one_inside_an_episode_and_zero_on_other_logged_days(
    services: Services,
) -> None:
    journal = services.journal
    journal.save_flare(FlareEpisode(start=nov(10), end=nov(12), condition="lupus"))
    journal.save_flare(FlareEpisode(start=nov(20), condition="lupus"))  # still going on the 24th
    for day in (8, 9, 11, 15):
        journal.add_entry(StressCheck(at=at(day, 20), stress=3))
    in_flare = values(services, "in_flare")
    assert in_flare == {
        nov(8): 0,
        nov(9): 0,
        nov(10): 1,
        nov(11): 1,
        nov(12): 1,
        nov(15): 0,
        **{nov(d): 1 for d in range(20, 25)},
    }
    # Unlogged days outside a flare are not recorded: nothing says the person was well.
    with services.db.reading() as session:
        found = read_measures(session, ["in_flare"], FIRST, LAST)
    assert found.values["in_flare"][nov(14)] is None
    onsets = values(services, "flare_onset")
    assert onsets == {
        nov(8): 0,
        nov(9): 0,
        nov(10): 1,
        nov(11): 0,
        nov(12): 0,  # inside the flare, not logged: still known not to be a new one
        nov(15): 0,
        nov(20): 1,
        **{nov(d): 0 for d in range(21, 25)},
    }


def test_doses_missed_count_one_medications_skips_and_leave_days_without_its_doses_unknown(
    services: Services,
) -> None:
    journal = services.journal
    metformin = journal.save_medication(Medication(name="Metformin", times=(time(8), time(20))))
    vitamin = journal.save_medication(Medication(name="Vitamin D", times=(time(8),)))
    assert metformin.id is not None and vitamin.id is not None
    skipped = DoseStatus.SKIPPED
    journal.add_entry(DoseLog(at=at(3, 8), medication_id=metformin.id, status=skipped))
    journal.add_entry(DoseLog(at=at(3, 20), medication_id=metformin.id))
    journal.add_entry(DoseLog(at=at(4, 8), medication_id=metformin.id))
    # Only vitamin D logged on the 5th: metformin is unknown there, not "none missed".
    journal.add_entry(DoseLog(at=at(5, 8), medication_id=vitamin.id, status=skipped))
    name = f"doses_missed:{metformin.id}"
    assert values(services, name) == {nov(3): 1, nov(4): 0}
    assert values(services, f"doses_missed:{vitamin.id}") == {nov(5): 1}
    with services.db.reading() as session:
        found = read_measures(session, [name], FIRST, LAST)
    assert found.measures[name].label == "Doses missed: Metformin"


def test_a_malformed_doses_missed_name_is_not_a_measure() -> None:
    with pytest.raises(KeyError):
        measure("doses_missed:metformin")
