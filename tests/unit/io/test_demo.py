"""The demo journal: reproducible, plausible, valid, and carrying the relations it promises."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from statistics import mean
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from sqlalchemy import event, func, select, text

from journal.analysis.labs import homa_ir_by_day
from journal.domain.entries import (
    DoseLog,
    Entry,
    Exercise,
    FlareEpisode,
    Glucose,
    LabResult,
    Meal,
    Medication,
    Sleep,
    StressCheck,
    SymptomCheck,
    Tracker,
    TrackerValue,
)
from journal.domain.validation import tracker_value_errors, validate_entry, validate_flare
from journal.domain.vocabulary import MEAL_QUALITY_TAGS, EntryKind, GlucoseContext
from journal.io.demo import clear_journal, generate_demo, journal_is_empty
from journal.services import Services
from journal.store import repository as repo
from journal.store.database import Database, open_database
from journal.store.migrate import current_revision
from journal.store.schema_version import SCHEMA_HEAD

TZ = timezone(timedelta(hours=1))
END = date(2026, 11, 24)
EVENING = datetime.combine(END, time(21), tzinfo=TZ)


def _open(folder: Path) -> Database:
    return open_database(folder / "journal.sqlite3")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    opened = _open(tmp_path)
    yield opened
    opened.close()


def _everything(db: Database, first: date, last: date) -> tuple[list[Entry], list[FlareEpisode]]:
    with db.reading() as session:
        return (
            repo.entries_between(session, first, last),
            repo.flares_overlapping(session, first, last),
        )


def _of(entries: list[Entry], kind: type[Entry]) -> list[Entry]:
    return [e for e in entries if isinstance(e, kind)]


# --- a generation, its counts and its bookkeeping ---------------------------------------------


def test_the_same_seed_gives_the_same_journal_and_another_seed_a_different_one(
    tmp_path: Path,
) -> None:
    journals = {}
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        (tmp_path / name).mkdir()
        db = _open(tmp_path / name)
        generate_demo(db, days=60, seed=seed, end=END, tz=TZ)
        journals[name] = _everything(db, END - timedelta(days=59), END)
        db.close()

    assert journals["a"] == journals["b"]
    assert journals["a"][0] != journals["c"][0]
    first_meals = [next(e for e in journals[n][0] if isinstance(e, Meal)) for n in "ac"]
    assert first_meals[0].uid != first_meals[1].uid


def test_counts_per_kind_are_those_of_a_diligent_journal_keeper(db: Database) -> None:
    days = 120
    stats = generate_demo(db, days=days, seed=3, end=END, tz=TZ)

    counts = stats.entries
    assert counts[EntryKind.SLEEP] == days
    assert 3 * days <= counts[EntryKind.MEAL] <= 5 * days
    assert 0.9 * 4 * days <= counts[EntryKind.DOSE] <= 4 * days
    assert 0.75 * days <= counts[EntryKind.GLUCOSE] <= 2.5 * days
    assert 0.3 * days <= counts[EntryKind.EXERCISE] <= days
    assert 0.75 * days <= counts[EntryKind.STRESS] <= days
    assert 1.5 * days <= counts[EntryKind.TRACKER] <= 2 * days
    assert 4 <= counts[EntryKind.LAB] <= 20
    assert 1 <= counts[EntryKind.NOTE] <= 0.5 * days
    assert stats.medications == 3 and stats.trackers == 2
    assert (stats.first, stats.last, stats.days) == (END - timedelta(days=days - 1), END, days)
    with db.reading() as session:
        assert repo.count_entries(session) == stats.total_entries
        assert len(repo.flares_overlapping(session, stats.first, END)) == stats.flares
        assert [m.label for m in repo.medications(session)] == [
            "Hydroxychloroquine 200 mg",
            "Metformin 500 mg",
            "Vitamin D 1000 IU",
        ]
        assert [t.name for t in repo.trackers(session)] == ["Sunlight", "Water"]
    assert f"{stats.total_entries:,} demo entries over 120 days" in stats.describe()


def test_a_journal_is_empty_until_the_demo_fills_it_and_a_second_demo_adds_alongside(
    db: Database,
) -> None:
    assert journal_is_empty(db)

    first = generate_demo(db, days=30, seed=1, end=END, tz=TZ)
    assert not journal_is_empty(db)
    second = generate_demo(db, days=30, seed=2, end=END, tz=TZ)

    with db.reading() as session:
        assert repo.count_entries(session) == first.total_entries + second.total_entries
        assert len(repo.medications(session)) == 6


def test_preferences_alone_leave_a_journal_empty_but_a_medication_does_not(
    db: Database,
) -> None:
    with db.transaction() as session:
        repo.put_setting(session, "units", {"glucose": "mmol/L"})
    assert journal_is_empty(db)

    with db.transaction() as session:
        repo.save_medication(session, Medication(name="Metformin", dose="500 mg"))
    assert not journal_is_empty(db)


def test_clear_journal_removes_everything_but_keeps_the_schema(db: Database) -> None:
    generate_demo(db, days=30, seed=1, end=END, tz=TZ)

    clear_journal(db)

    assert journal_is_empty(db)
    with db.reading() as session:
        for table in ("entry", "meal", "tag", "entry_tag", "flare_episode", "medication"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    assert current_revision(db.engine) == SCHEMA_HEAD
    again = generate_demo(db, days=30, seed=1, end=END, tz=TZ)
    assert again.entries[EntryKind.SLEEP] == 30


def test_a_one_day_demo_is_today_up_to_the_evening(db: Database) -> None:
    stats = generate_demo(db, days=1, seed=4, end=END, tz=TZ)

    entries, _ = _everything(db, END - timedelta(days=400), END + timedelta(days=1))
    assert entries and {e.day for e in entries} == {END}
    assert max(e.at for e in entries) <= EVENING
    assert stats.entries[EntryKind.SLEEP] == 1


@pytest.mark.parametrize("clock_time", [time(8, 30), time(13, 5)])
def test_a_demo_made_during_the_day_logs_nothing_after_the_clocks_now(
    db: Database, clock_time: time
) -> None:
    now = datetime.combine(END, clock_time, tzinfo=TZ)
    generate_demo(db, days=14, seed=6, end=END, tz=TZ, now=now)

    entries, _ = _everything(db, END - timedelta(days=20), END + timedelta(days=1))
    today = [e for e in entries if e.day == END]
    assert today, "the morning of the last day is still logged"
    assert max(e.at for e in entries) <= now
    taken_later = [e for e in today if isinstance(e, DoseLog) and e.at > now]
    assert not taken_later  # no evening dose "taken" before the evening has come


def test_a_demo_needs_at_least_one_day(db: Database) -> None:
    with pytest.raises(ValueError, match="1 to"):
        generate_demo(db, days=0, seed=1, end=END, tz=TZ)
    assert journal_is_empty(db)


def test_times_keep_their_local_offset_across_a_clock_change(db: Database) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    end = date(2026, 4, 15)  # summer time began on 29 March 2026
    generate_demo(db, days=60, seed=8, end=end, tz=berlin)

    entries, _ = _everything(db, end - timedelta(days=59), end)
    breakfasts = [e for e in entries if isinstance(e, Meal) and e.meal_type == "breakfast"]
    offsets = {e.day: e.at.utcoffset() for e in breakfasts}
    assert offsets[date(2026, 3, 20)] == timedelta(hours=1)
    assert offsets[date(2026, 4, 10)] == timedelta(hours=2)
    assert all(6 <= e.at.hour <= 10 for e in breakfasts)
    for sleep in _of(entries, Sleep):
        assert isinstance(sleep, Sleep) and sleep.bedtime is not None
        hours = (sleep.at - sleep.bedtime).total_seconds() / 3600
        assert hours == pytest.approx(sleep.hours)


def test_a_generated_day_shows_its_doses_meals_and_summary_in_the_day_view(
    services: Services,
) -> None:
    generate_demo(services.db, days=60, seed=2, end=END, tz=TZ)

    view = services.journal.day_view(END - timedelta(days=10))

    assert len(view.due_doses) == 4
    assert sum(d.done for d in view.due_doses) >= 2
    assert {d.medication.name for d in view.due_doses} == {
        "Metformin",
        "Hydroxychloroquine",
        "Vitamin D",
    }
    assert len(_of(view.entries, Meal)) >= 3
    assert view.summary.carbs_g is not None and 60 <= view.summary.carbs_g <= 500
    assert view.summary.sleep_hours is not None and 3 <= view.summary.sleep_hours <= 11
    assert view.summary.doses_due == 4
    assert {t.name for t in view.trackers.values()} == {"Water", "Sunlight"}


# --- three years: validity and the planted relations ------------------------------------------


@dataclass(frozen=True)
class ThreeYears:
    entries: list[Entry]
    flares: list[FlareEpisode]
    trackers: dict[int, Tracker]


@pytest.fixture(scope="module")
def three_years(tmp_path_factory: pytest.TempPathFactory) -> ThreeYears:
    db = _open(tmp_path_factory.mktemp("three_years"))
    stats = generate_demo(db, days=3 * 365, seed=11, end=END, tz=TZ)
    entries, flares = _everything(db, stats.first, stats.last)
    with db.reading() as session:
        trackers = {t.id: t for t in repo.trackers(session) if t.id is not None}
        tag_count = session.execute(text("SELECT count(*) FROM tag")).scalar()
        assert tag_count == len({t for e in entries for t in e.tags})
    db.close()
    return ThreeYears(entries, flares, trackers)


def test_every_generated_entry_and_flare_passes_the_apps_own_rules(
    three_years: ThreeYears,
) -> None:
    for entry in three_years.entries:
        validate_entry(entry, EVENING)
        assert entry.at <= EVENING
        if isinstance(entry, TrackerValue):
            tracker = three_years.trackers[entry.tracker_id]
            assert tracker_value_errors(tracker, entry.value) == []
        if isinstance(entry, Meal):
            assert set(entry.tags) <= set(MEAL_QUALITY_TAGS)
    for flare in three_years.flares:
        validate_flare(flare)
        assert flare.condition == "rheumatoid arthritis"
    assert all(f.end is not None for f in three_years.flares[:-1])
    with_triggers = [f for f in three_years.flares if f.triggers]
    assert len(with_triggers) >= 0.6 * len(three_years.flares)


def test_flares_come_several_times_a_year_and_last_days_to_two_weeks(
    three_years: ThreeYears,
) -> None:
    flares = three_years.flares
    assert 6 <= len(flares) <= 30
    lengths = [((f.end or END) - f.start).days + 1 for f in flares]
    assert min(lengths) >= 1 and max(lengths) <= 14
    checks = [e for e in _of(three_years.entries, SymptomCheck) if e.flare_id is not None]
    closed_days = sum(n for f, n in zip(flares, lengths, strict=True) if f.end is not None)
    assert len(checks) >= closed_days  # a check-in every flare day
    gut = [e for e in three_years.entries if isinstance(e, SymptomCheck) and e.bristol]
    assert gut and all("bloating" in e.scores for e in gut)


def test_more_carbohydrate_means_a_higher_after_meal_glucose(three_years: ThreeYears) -> None:
    meals_by_day: dict[date, list[Meal]] = {}
    for e in three_years.entries:
        if isinstance(e, Meal):
            meals_by_day.setdefault(e.day, []).append(e)
    pairs = []
    for reading in _of(three_years.entries, Glucose):
        assert isinstance(reading, Glucose)
        if reading.context is not GlucoseContext.AFTER_MEAL:
            continue
        before = [m for m in meals_by_day[reading.day] if m.at < reading.at]
        meal = max(before, key=lambda m: m.at)
        assert isinstance(meal, Meal) and meal.meal_type in ("breakfast", "lunch", "dinner")
        assert timedelta(hours=1) <= reading.at - meal.at <= timedelta(hours=2)
        pairs.append((meal.carbs_g, reading.mgdl))

    carbs, glucose = np.array(pairs, dtype=float).T
    assert len(pairs) > 300
    assert np.corrcoef(carbs, glucose)[0, 1] > 0.4


def _by_day(entries: list[Entry], kind: type[Entry]) -> dict[date, Entry]:
    return {e.day: e for e in entries if isinstance(e, kind)}


def test_flares_start_more_often_after_short_sleep_or_high_stress(
    three_years: ThreeYears,
) -> None:
    sleep = _by_day(three_years.entries, Sleep)
    stress = _by_day(three_years.entries, StressCheck)
    starts = {f.start for f in three_years.flares}
    in_flare = {
        f.start + timedelta(days=k)
        for f in three_years.flares
        for k in range(1, ((f.end or END) - f.start).days + 1)
    }

    def strained(day: date) -> bool:
        s, t = sleep.get(day), stress.get(day)
        return (isinstance(s, Sleep) and s.hours < 6) or (
            isinstance(t, StressCheck) and t.stress >= 7
        )

    after_strain, otherwise = [], []
    day = min(sleep) + timedelta(days=2)
    while day <= END:
        if day not in in_flare:
            risky = strained(day - timedelta(days=1)) or strained(day - timedelta(days=2))
            (after_strain if risky else otherwise).append(day in starts)
        day += timedelta(days=1)

    assert sum(after_strain) + sum(otherwise) >= len(starts) - 2  # all but the first two days
    assert mean(after_strain) > 2 * mean(otherwise)


def test_more_active_weeks_mean_lower_fasting_glucose_and_hba1c_follows_glucose(
    three_years: ThreeYears,
) -> None:
    entries = three_years.entries
    minutes_by_day: dict[date, int] = {}
    for e in _of(entries, Exercise):
        assert isinstance(e, Exercise)
        minutes_by_day[e.day] = minutes_by_day.get(e.day, 0) + e.minutes
    fasting = [
        e
        for e in _of(entries, Glucose)
        if isinstance(e, Glucose) and e.context is GlucoseContext.FASTING
    ]
    start = min(e.day for e in entries)
    weekly, mgdl = [], []
    for reading in fasting:
        if reading.day - start < timedelta(days=28):
            continue
        window = (reading.day - timedelta(days=k) for k in range(1, 29))
        weekly.append(sum(minutes_by_day.get(d, 0) for d in window) / 4)
        mgdl.append(reading.mgdl)
    assert np.corrcoef(weekly, mgdl)[0, 1] < -0.4

    labs = [e for e in _of(entries, LabResult) if isinstance(e, LabResult)]
    a1c, mean_fasting = [], []
    for lab in labs:
        if lab.test != "hba1c" or lab.day - start < timedelta(days=90):
            continue
        window = [r.mgdl for r in fasting if timedelta(0) < lab.day - r.day <= timedelta(90)]
        a1c.append(lab.value)
        mean_fasting.append(mean(window))
    assert len(a1c) >= 8
    assert np.corrcoef(a1c, mean_fasting)[0, 1] > 0.5
    assert all(5.0 <= v <= 7.5 for v in a1c)
    hba1c_days = {lab.day for lab in labs if lab.test == "hba1c"}
    assert hba1c_days <= set(homa_ir_by_day(labs))


def test_flares_raise_pain_fatigue_stiffness_and_crp(three_years: ThreeYears) -> None:
    checks = [e for e in _of(three_years.entries, SymptomCheck) if isinstance(e, SymptomCheck)]
    inside = [c for c in checks if c.flare_id is not None]
    outside = [c for c in checks if c.flare_id is None and "pain" in c.scores]
    assert inside and outside
    for symptom in ("pain", "fatigue", "stiffness"):
        assert (
            mean(c.scores[symptom] for c in inside) > mean(c.scores[symptom] for c in outside) + 2
        )

    def flaring(day: date) -> bool:
        return any(f.covers(day) for f in three_years.flares)

    crp = [e for e in _of(three_years.entries, LabResult) if getattr(e, "test", "") == "crp"]
    during = [e.value for e in crp if isinstance(e, LabResult) and flaring(e.day)]
    between = [e.value for e in crp if isinstance(e, LabResult) and not flaring(e.day)]
    assert during and between
    assert mean(during) > 3 * mean(between)


def test_the_demo_writes_each_table_with_one_batched_insert(db: Database) -> None:
    """Not a timing test: one executemany per table is what keeps ten years fast."""
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            statements.append(statement.split("(")[0])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        generate_demo(db, days=30, seed=1, end=END, tz=TZ)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    # A handful of goals and reminders are saved one by one; every bulk table is batched.
    bulk = [s for s in statements if not s.startswith(("INSERT INTO goal", "INSERT INTO reminder"))]
    assert len(bulk) == len(set(bulk))
    with db.reading() as session:
        assert session.execute(select(func.count()).select_from(text("entry_tag"))).scalar()
