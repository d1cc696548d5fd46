"""The journal file: schema from migrations, pragmas, round-trips of every kind, the lock."""

from __future__ import annotations

import sqlite3
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from journal.domain.entries import (
    DoseLog,
    Entry,
    Exercise,
    FlareEpisode,
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
from journal.domain.vocabulary import (
    DoseStatus,
    GlucoseContext,
    GlucoseSource,
    Intensity,
    MealType,
    TrackerType,
)
from journal.store import repository as repo
from journal.store.database import open_database, table_names
from journal.store.errors import NewerJournalError
from journal.store.files import JOURNAL_FILENAME
from journal.store.lock import JournalLock, JournalLockedError
from journal.store.migrate import current_revision
from journal.store.schema_version import MIGRATIONS_DIR, SCHEMA_HEAD

TOKYO = timezone(timedelta(hours=9))
AT = datetime(2026, 3, 1, 8, 30, tzinfo=TOKYO)


def test_migrations_build_the_whole_schema_from_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / JOURNAL_FILENAME)
    assert current_revision(db.engine) == SCHEMA_HEAD
    assert {
        "entry",
        "meal",
        "exercise",
        "stress",
        "sleep",
        "symptoms",
        "glucose",
        "dose",
        "lab",
        "tracker_value",
        "flare_episode",
        "medication",
        "tracker",
        "tag",
        "entry_tag",
        "favourite",
        "setting",
    } <= table_names(db.engine)
    db.close()


def test_schema_head_constant_matches_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILENAME
    db = open_database(path)
    with db.transaction() as s:
        repo.insert_entry(s, Note(at=AT, note="first day"))
    db.close()
    db = open_database(path)
    with db.reading() as s:
        assert [e.note for e in repo.entries_between(s, AT.date(), AT.date())] == ["first day"]
    db.close()


def test_every_connection_gets_the_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / JOURNAL_FILENAME)
    with db.engine.connect() as c:
        pragmas = {
            p: c.execute(text(f"PRAGMA {p}")).scalar()
            for p in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    assert pragmas == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 2,
        "busy_timeout": 5000,
    }
    db.close()


def test_a_journal_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILENAME
    open_database(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(NewerJournalError, match="newer version of Interplay"):
        open_database(path)
    assert path.read_bytes() == before


ENTRIES: list[Entry] = [
    Meal(
        at=AT,
        meal_type=MealType.BREAKFAST,
        items="oats, berries",
        carbs_g=42.5,
        added_sugar_g=3,
        fibre_g=8,
        protein_g=12,
        tags=("vegetables", "whole grains"),
        note="slow morning",
    ),
    Exercise(at=AT, activity="swim", minutes=45, intensity=Intensity.VIGOROUS, rpe=7, steps=None),
    StressCheck(
        at=AT, stress=7, mood=4, sources=("work", "money"), coping="breathing", coping_helped=True
    ),
    Sleep(at=AT, hours=6.5, bedtime=AT - timedelta(hours=7), quality=5),
    SymptomCheck(
        at=AT, scores={"pain": 6, "fatigue": 8}, regions={"pain": ("hands", "knees")}, bristol=4
    ),
    Glucose(at=AT, mgdl=142.0, context=GlucoseContext.AFTER_MEAL, source=GlucoseSource.CGM),
    LabResult(at=AT, test="hba1c", value=5.9),
    Note(at=AT, note="Felt better after the walk."),
]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.kind.value)
def test_every_kind_round_trips_with_its_time_zone(tmp_path: Path, entry: Entry) -> None:
    db = open_database(tmp_path / JOURNAL_FILENAME)
    with db.transaction() as s:
        entry_id = repo.insert_entry(s, entry)
    with db.reading() as s:
        loaded = repo.get_entry(s, entry_id)
    assert loaded is not None
    assert loaded == type(entry)(**{**entry.__dict__, "id": entry_id})
    assert loaded.at.utcoffset() == timedelta(hours=9)
    assert loaded.day == AT.date()
    db.close()


def test_doses_trackers_and_flares_round_trip(tmp_path: Path) -> None:
    db = open_database(tmp_path / JOURNAL_FILENAME)
    with db.transaction() as s:
        med_id = repo.save_medication(
            s, Medication(name="Metformin", dose="500 mg", times=(time(8), time(20)))
        )
        tracker_id = repo.save_tracker(
            s, Tracker(name="Water", type=TrackerType.NUMBER, unit="glasses")
        )
        flare_id = repo.save_flare(
            s, FlareEpisode(start=AT.date(), condition="lupus", triggers=("stress",))
        )
        dose_id = repo.insert_entry(
            s,
            DoseLog(
                at=AT,
                medication_id=med_id,
                status=DoseStatus.LATE,
                scheduled=time(8),
                dose="500 mg",
            ),
        )
        value_id = repo.insert_entry(s, TrackerValue(at=AT, tracker_id=tracker_id, value=6))
    with db.reading() as s:
        dose = repo.get_entry(s, dose_id)
        value = repo.get_entry(s, value_id)
        assert isinstance(dose, DoseLog) and dose.scheduled == time(8)
        assert dose.status is DoseStatus.LATE
        assert isinstance(value, TrackerValue) and value.value == 6
        assert repo.medications(s)[0].times == (time(8), time(20))
        assert repo.trackers(s)[0].unit == "glasses"
        flare = repo.get_flare(s, flare_id)
        assert flare is not None and flare.ongoing and flare.triggers == ("stress",)
    db.close()


def test_deleting_an_entry_removes_its_details_and_tag_links(tmp_path: Path) -> None:
    db = open_database(tmp_path / JOURNAL_FILENAME)
    with db.transaction() as s:
        entry_id = repo.insert_entry(s, ENTRIES[0])
        repo.delete_entry(s, entry_id)
    with db.engine.connect() as c:
        counts = [
            c.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("entry", "meal", "entry_tag")
        ]
    assert counts == [0, 0, 0]
    db.close()


def test_a_second_lock_on_the_same_journal_is_refused(tmp_path: Path) -> None:
    with (
        JournalLock(tmp_path, holder="window"),
        pytest.raises(JournalLockedError, match="already open on this journal"),
    ):
        JournalLock(tmp_path).acquire()
    # Released: a new instance may open it.
    with JournalLock(tmp_path) as lock:
        assert lock.held


def test_a_stale_lock_file_does_not_block(tmp_path: Path) -> None:
    (tmp_path / "interplay.lock").write_text("12345")  # left behind by a crashed instance
    with JournalLock(tmp_path) as lock:
        assert lock.held


def test_a_unit_of_work_holds_the_write_lock_from_its_start(tmp_path: Path) -> None:
    """A long write (an import, the demo) must not fail because another writer committed
    after it began reading: it takes the lock at BEGIN, and others wait their turn."""
    db = open_database(tmp_path / "journal.sqlite3")
    other = sqlite3.connect(tmp_path / "journal.sqlite3", timeout=0, isolation_level=None)
    try:
        with db.transaction() as session:
            session.execute(text("SELECT count(*) FROM setting")).scalar()  # reads only
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        with db.reading() as session:
            session.execute(text("SELECT count(*) FROM setting")).scalar()
            other.execute("BEGIN IMMEDIATE")  # a reader never blocks a writer
            other.execute("ROLLBACK")
    finally:
        other.close()
        db.close()
