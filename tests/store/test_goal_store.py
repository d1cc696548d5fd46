"""Goals and reminders in the journal file, and the 0001 -> 0002 upgrade losing nothing."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from alembic import command
from sqlalchemy import text

from journal.domain.entries import Note
from journal.domain.goals import Comparison, Goal, GoalMeasure, GoalPeriod
from journal.domain.reminders import Reminder, ReminderAction, Schedule, ScheduleKind
from journal.store import goal_repository as goal_repo
from journal.store import repository as repo
from journal.store.database import make_engine, open_database, table_names
from journal.store.files import JOURNAL_FILENAME
from journal.store.migrate import current_revision
from journal.store.schema_version import SCHEMA_HEAD, alembic_config

AT = datetime(2026, 3, 1, 8, 30, tzinfo=timezone(timedelta(hours=1)))


def test_goals_round_trip_and_keep_their_order(tmp_path: Path) -> None:
    db = open_database(tmp_path / JOURNAL_FILENAME)
    first = Goal(
        name="Fasting glucose",
        measure=GoalMeasure.FASTING_GLUCOSE,
        comparison=Comparison.BELOW,
        target=100,
        period=GoalPeriod.WEEK,
        days_per_period=5,
        note="ADA",
    )
    second = Goal(
        name="Move",
        measure=GoalMeasure.ACTIVE_MINUTES,
        comparison=Comparison.AT_LEAST,
        target=150,
        period=GoalPeriod.WEEK,
    )
    with db.transaction() as s:
        first_id = goal_repo.save_goal(s, first, date(2026, 3, 1))
        goal_repo.save_goal(s, second, date(2026, 3, 1))
    with db.reading() as s:
        loaded = goal_repo.goals(s)
    assert [g.name for g in loaded] == ["Fasting glucose", "Move"]
    assert loaded[0] == Goal(**{**first.__dict__, "id": first_id})
    # Editing keeps the row and its place.
    with db.transaction() as s:
        goal_repo.save_goal(s, Goal(**{**loaded[0].__dict__, "paused": True}), date(2026, 3, 2))
    with db.reading() as s:
        again = goal_repo.goals(s)
        assert [g.paused for g in again] == [True, False]
        assert goal_repo.count_goals(s) == 2
    db.close()


def test_reminders_round_trip_with_their_schedules(tmp_path: Path) -> None:
    db = open_database(tmp_path / JOURNAL_FILENAME)
    schedules = [
        Schedule(kind=ScheduleKind.DAILY, times=(time(8), time(20, 15))),
        Schedule(kind=ScheduleKind.WEEKDAYS, times=(time(7, 30),), weekdays=frozenset({0, 3})),
        Schedule(
            kind=ScheduleKind.INTERVAL,
            every=timedelta(hours=2),
            window_start=time(9),
            window_end=time(21),
        ),
    ]
    with db.transaction() as s:
        ids = [
            goal_repo.save_reminder(
                s, Reminder(action=ReminderAction.CUSTOM, message=f"r{i}", schedule=sched)
            )
            for i, sched in enumerate(schedules)
        ]
    with db.reading() as s:
        loaded = goal_repo.reminders(s)
    assert [r.schedule for r in loaded] == schedules
    assert [r.key for r in loaded] == [f"r{i}" for i in ids]
    with db.transaction() as s:
        goal_repo.delete_reminder(s, ids[0])
    with db.reading() as s:
        assert len(goal_repo.reminders(s)) == 2
    db.close()


def test_a_row_from_a_newer_version_is_skipped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILENAME
    db = open_database(path)
    with db.transaction() as s:
        goal_repo.save_goal(
            s,
            Goal(
                name="Move",
                measure=GoalMeasure.ACTIVE_MINUTES,
                comparison=Comparison.AT_LEAST,
                target=150,
                period=GoalPeriod.WEEK,
            ),
            date(2026, 3, 1),
        )
    with db.engine.begin() as c:
        c.execute(text("UPDATE goal SET measure = 'heart_rate_variability'"))
    with db.reading() as s:
        assert goal_repo.goals(s) == []
    db.close()


def test_a_journal_at_0001_with_data_upgrades_to_0002_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILENAME
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0001")
    assert current_revision(engine) == "0001"
    assert "goal" not in table_names(engine)
    # Write with the 0001 tables only, as Interplay 0001 did (plain SQL: today's code
    # writes today's columns).
    engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO medication (id, uid, name, dose, kind, times, active, note) "
            "VALUES (1, 'm1', 'Metformin', '500 mg', 'medication', '[\"08:00\"]', 1, '')"
        )
        for entry_id, kind, note in ((1, "meal", ""), (2, "note", "first day")):
            raw.execute(
                "INSERT INTO entry (id, uid, kind, day, at_utc, utc_offset_min, note) "
                "VALUES (?, ?, ?, '2026-03-01', '2026-03-01 07:30:00.000000', 60, ?)",
                (entry_id, f"e{entry_id}", kind, note),
            )
        raw.execute(
            "INSERT INTO meal (id, meal_type, items, carbs_g) VALUES (1, 'breakfast', 'oats', 40)"
        )
        raw.execute("INSERT INTO tag (id, name) VALUES (1, 'whole grains')")
        raw.execute("INSERT INTO entry_tag (entry_id, tag_id) VALUES (1, 1)")
        raw.execute(
            "INSERT INTO setting (key, value) VALUES ('units', '{\"glucose\": \"mmol/L\"}')"
        )
    med_id = 1
    before = _dump(path, ("entry", "meal", "medication", "entry_tag", "tag", "setting"))

    db = open_database(path)  # migrates to head on open
    assert current_revision(db.engine) == SCHEMA_HEAD
    assert {"goal", "reminder"} <= table_names(db.engine)
    with db.reading() as s:
        entries = repo.entries_between(s, AT.date(), AT.date())
        assert sorted(e.kind.value for e in entries) == ["meal", "note"]
        assert repo.medications(s)[0].id == med_id
        assert repo.get_setting(s, "units") == {"glucose": "mmol/L"}
    with db.transaction() as s:
        goal_repo.save_goal(
            s,
            Goal(
                name="Move",
                measure=GoalMeasure.ACTIVE_MINUTES,
                comparison=Comparison.AT_LEAST,
                target=150,
                period=GoalPeriod.WEEK,
            ),
            date(2026, 3, 1),
        )
    db.close()
    assert _dump(path, ("entry", "meal", "medication", "entry_tag", "tag", "setting")) == before


def test_the_downgrade_removes_only_the_new_tables(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILENAME
    db = open_database(path)
    with db.transaction() as s:
        repo.insert_entry(s, Note(at=AT, note="kept"))
    command.downgrade(alembic_config(db.engine), "0001")
    assert "goal" not in table_names(db.engine) and "entry" in table_names(db.engine)
    db.close()


def _dump(path: Path, tables: tuple[str, ...]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of ``tables``, in the columns the 0001 schema had (later revisions may add
    columns; they must not change these)."""
    with sqlite3.connect(path) as raw:
        return {
            t: sorted(raw.execute(f"SELECT {', '.join(_COLUMNS_0001[t])} FROM {t}"), key=repr)
            for t in tables
        }


_COLUMNS_0001 = {
    "entry": ("id", "uid", "kind", "day", "at_utc", "utc_offset_min", "note"),
    "meal": ("id", "meal_type", "items", "carbs_g", "added_sugar_g", "fibre_g", "protein_g"),
    "medication": ("id", "uid", "name", "dose", "kind", "times", "active", "note"),
    "entry_tag": ("entry_id", "tag_id"),
    "tag": ("id", "name"),
    "setting": ("key", "value"),
}
