"""Searching the journal: every typed field, flares, kind and date filters, counts, wildcards."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import (
    DoseLog,
    Exercise,
    FlareEpisode,
    LabResult,
    Meal,
    Medication,
    Note,
    StressCheck,
    SymptomCheck,
    Tracker,
    TrackerValue,
)
from journal.domain.vocabulary import EntryKind, TrackerType
from journal.services import Services
from journal.services.search import SearchQuery

TODAY = date(2026, 11, 24)


def days_ago(clock: FakeClock, days: int) -> datetime:
    return clock.now() - timedelta(days=days)


@pytest.fixture
def journal_with_flares(services: Services, clock: FakeClock) -> Services:
    journal = services.journal
    journal.save_flare(
        FlareEpisode(
            start=TODAY - timedelta(days=300),
            end=TODAY - timedelta(days=290),
            condition="Systemic lupus",
            triggers=("sun exposure", "poor sleep"),
        )
    )
    journal.save_flare(
        FlareEpisode(
            start=TODAY - timedelta(days=20),
            condition="rheumatoid arthritis",
            triggers=("stress", "cold weather"),
            note="Worse after the move",
        )
    )
    journal.add_entry(Note(at=days_ago(clock, 5), note="Read about lupus and the sun"))
    journal.add_entry(Meal(at=days_ago(clock, 400), items="Rye bread, cheese"))
    journal.add_entry(Meal(at=days_ago(clock, 10), items="rye porridge", tags=("whole grains",)))
    journal.add_entry(Exercise(at=days_ago(clock, 3), activity="Nordic walking", minutes=40))
    return services


def test_flares_are_found_by_condition_triggers_and_note(journal_with_flares: Services) -> None:
    journal = journal_with_flares.journal
    lupus = journal.find(SearchQuery("LUPUS"))
    assert [f.condition for f in lupus.flares] == ["Systemic lupus"]
    assert [e.kind for e in lupus.entries] == [EntryKind.NOTE]
    assert lupus.flare_count == 1 and lupus.counts == {EntryKind.NOTE: 1}
    assert [f.condition for f in journal.find(SearchQuery("cold wea")).flares] == [
        "rheumatoid arthritis"
    ]
    assert len(journal.find(SearchQuery("the move")).flares) == 1
    assert journal.find(SearchQuery("sleep")).flares[0].condition == "Systemic lupus"


def test_results_come_newest_first_with_a_flare_before_its_first_days_entries(
    services: Services, clock: FakeClock
) -> None:
    journal = services.journal
    older = journal.add_entry(Note(at=days_ago(clock, 30), note="flare of hands"))
    journal.save_flare(FlareEpisode(start=TODAY - timedelta(days=2), condition="hand flare"))
    same_day = journal.add_entry(Note(at=days_ago(clock, 2), note="flare started"))
    hits = journal.find(SearchQuery("flare")).hits
    assert [(h.day, h.flare is not None) for h in hits] == [
        (same_day.day, True),
        (same_day.day, False),
        (older.day, False),
    ]


def test_the_kind_filter_shows_only_those_kinds_but_counts_every_kind(
    journal_with_flares: Services,
) -> None:
    journal = journal_with_flares.journal
    meals = journal.find(SearchQuery("rye", kinds=frozenset({EntryKind.MEAL}), flares=False))
    assert [e.items for e in meals.entries] == ["rye porridge", "Rye bread, cheese"]  # type: ignore[attr-defined]
    only_flares = journal.find(SearchQuery("lupus", kinds=frozenset(), flares=True))
    assert only_flares.entries == [] and len(only_flares.flares) == 1
    assert only_flares.total == 1 and only_flares.all_kinds_total == 2
    notes = journal.find(SearchQuery("lupus", kinds=frozenset({EntryKind.NOTE}), flares=False))
    assert notes.flares == [] and notes.total == 1 and notes.flare_count == 1


def test_a_kind_alone_lists_every_flare_without_any_text(journal_with_flares: Services) -> None:
    journal = journal_with_flares.journal
    flares = journal.find(SearchQuery("", kinds=frozenset(), flares=True)).flares
    assert [f.condition for f in flares] == ["rheumatoid arthritis", "Systemic lupus"]
    # Text-less searches of everything are not searches: the timeline lists every entry.
    assert journal.find(SearchQuery("  ")).hits == []


def test_the_date_range_bounds_entries_and_flares(journal_with_flares: Services) -> None:
    journal = journal_with_flares.journal
    last_month = SearchQuery("rye", first=TODAY - timedelta(days=30), last=TODAY)
    assert [e.items for e in journal.find(last_month).entries] == ["rye porridge"]  # type: ignore[attr-defined]
    open_start = SearchQuery("rye", last=TODAY - timedelta(days=365))
    assert [e.items for e in journal.find(open_start).entries] == ["Rye bread, cheese"]  # type: ignore[attr-defined]
    # An ongoing flare counts for every day up to today; an ended one only for its days.
    this_week = SearchQuery("", kinds=frozenset(), first=TODAY - timedelta(days=6), last=TODAY)
    assert [f.condition for f in journal.find(this_week).flares] == ["rheumatoid arthritis"]
    during_lupus = SearchQuery(
        "", kinds=frozenset(), first=TODAY - timedelta(days=295), last=TODAY - timedelta(days=295)
    )
    assert [f.condition for f in journal.find(during_lupus).flares] == ["Systemic lupus"]


def test_search_ignores_case(journal_with_flares: Services) -> None:
    journal = journal_with_flares.journal
    assert len(journal.find(SearchQuery("NORDIC")).entries) == 1
    assert len(journal.find(SearchQuery("Whole Grains")).entries) == 1
    assert len(journal.find(SearchQuery("RHEUMATOID")).flares) == 1


def test_percent_and_underscore_match_only_themselves(services: Services, clock: FakeClock) -> None:
    journal = services.journal
    journal.add_entry(Note(at=clock.now(), note="Ate 100% of dinner"))
    journal.add_entry(Note(at=clock.now(), note="Ate 100 g of rice"))
    journal.add_entry(Note(at=clock.now(), note="file_name was odd"))
    journal.add_entry(Note(at=clock.now(), note="filename ok"))
    journal.add_entry(Note(at=clock.now(), note="back\\slash"))
    journal.save_flare(FlareEpisode(start=TODAY, condition="RA", triggers=("50% less sleep",)))
    assert [e.note for e in journal.find(SearchQuery("100%")).entries] == ["Ate 100% of dinner"]
    assert [e.note for e in journal.find(SearchQuery("file_name")).entries] == ["file_name was odd"]
    assert [e.note for e in journal.find(SearchQuery("k\\s")).entries] == ["back\\slash"]
    assert journal.find(SearchQuery("%")).flares[0].condition == "RA"
    assert journal.find(SearchQuery("_")).flares == []
    assert journal.find(SearchQuery("'; DROP TABLE entry; --")).hits == []
    assert journal.count_entries() == 5


def test_every_typed_field_and_named_thing_is_searched(
    services: Services, clock: FakeClock
) -> None:
    journal = services.journal
    now = clock.now()
    thyroid = journal.save_medication(Medication(name="Levothyroxine", times=(time(7),)))
    water = journal.save_tracker(Tracker(name="Water glasses", type=TrackerType.NUMBER))
    journal.add_entry(DoseLog(at=now, medication_id=thyroid.id or 0, dose="75 µg"))
    journal.add_entry(TrackerValue(at=now, tracker_id=water.id or 0, value=6))
    journal.add_entry(LabResult(at=now, test="hba1c", value=5.9))
    journal.add_entry(StressCheck(at=now, stress=6, sources=("Café shift",), coping="yoga"))
    journal.add_entry(SymptomCheck(at=now, scores={"pain": 5}, regions={"pain": ("knees",)}))

    def kinds(text: str) -> list[EntryKind]:
        return [e.kind for e in journal.find(SearchQuery(text)).entries]

    assert kinds("levo") == [EntryKind.DOSE]
    assert kinds("75 µg") == [EntryKind.DOSE]
    assert kinds("water") == [EntryKind.TRACKER]
    assert kinds("a1c") == [EntryKind.LAB]
    assert kinds("café") == [EntryKind.STRESS]  # stored escaped in JSON, found decoded
    assert kinds("yoga") == [EntryKind.STRESS]
    assert kinds("knees") == [EntryKind.SYMPTOMS]
    assert kinds("pain") == [EntryKind.SYMPTOMS]
    # JSON punctuation is not text anyone typed.
    assert kinds('"') == [] and kinds("[") == [] and kinds("0") == []


def test_results_stop_at_the_limit_and_say_so(services: Services, clock: FakeClock) -> None:
    journal = services.journal
    for day in range(5):
        journal.add_entry(Note(at=days_ago(clock, day), note=f"tired day {day}"))
    results = journal.find(SearchQuery("tired", limit=3))
    assert [e.note for e in results.entries] == ["tired day 0", "tired day 1", "tired day 2"]
    assert results.total == 5 and results.cut_short


def test_the_old_search_still_finds_entries(services: Services, clock: FakeClock) -> None:
    note = services.journal.add_entry(Note(at=clock.now(), note="lentils"))
    assert [e.id for e in services.journal.search("LENTILS")] == [note.id]
