"""Fill a journal with a realistic, reproducible demo: a year or ten of one person's days.

The demo person lives with rheumatoid arthritis and insulin resistance. Their journal holds
meals, exercise, stress, sleep, glucose, doses, symptoms, flares, lab results, trackers and
notes, with relations planted for the charts to reveal (see ``demo_person`` and
``demo_days``). The same seed always gives the same journal, ids and uids included.

Rows are built in Python with ids handed out here and written with one executemany per
table in a single transaction, so ten years take seconds.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import MetaData, Table, exists, func, insert, inspect, select, table
from sqlalchemy.orm import Session

from journal.domain.entries import Entry, FlareEpisode, Medication, Tracker
from journal.domain.validation import entry_errors
from journal.domain.vocabulary import EntryKind
from journal.io.demo_catalogue import MEDICATIONS, SUNLIGHT, WATER, TrackerPlan
from journal.io.demo_days import DayWriter, DemoIds
from journal.io.demo_person import FlarePlan, simulate_person
from journal.store.database import Database
from journal.store.mapping import (
    ROW_TYPES,
    entry_columns,
    flare_columns,
    medication_columns,
    tracker_columns,
)
from journal.store.schema import table as schema_table

CONDITION = "rheumatoid arthritis"
DEFAULT_DAYS = 365
DEFAULT_SEED = 1
# Nothing is logged later than this on the last day, so "today" never holds tonight's entries.
LAST_ENTRY_TIME = time(21, 0)
MAX_DAYS = 100 * 366

# Tables whose rows alone do not make a journal "not empty": the schema version, preferences,
# and tag names (which mean nothing without entries). Every other table holds what a user
# logged or set up, including tables added by later migrations (goals, reminders ...).
_NOT_CONTENT = frozenset({"alembic_version", "setting", "tag"})
_COMMON_COLUMNS = ("uid", "kind", "day", "at_utc", "utc_offset_min", "note")

_PLURALS = {
    EntryKind.MEAL: "meals",
    EntryKind.EXERCISE: "exercise sessions",
    EntryKind.STRESS: "stress check-ins",
    EntryKind.SLEEP: "nights of sleep",
    EntryKind.SYMPTOMS: "symptom check-ins",
    EntryKind.GLUCOSE: "glucose readings",
    EntryKind.DOSE: "doses",
    EntryKind.LAB: "lab results",
    EntryKind.TRACKER: "tracker values",
    EntryKind.NOTE: "notes",
}


@dataclass(frozen=True)
class DemoStats:
    """What a demo generation wrote."""

    first: date
    last: date
    entries: dict[EntryKind, int]
    flares: int
    medications: int
    trackers: int

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def total_entries(self) -> int:
        return sum(self.entries.values())

    def describe(self) -> str:
        """One line for the command line, e.g. after ``interplay demo``."""
        kinds = ", ".join(
            f"{count:,} {_PLURALS.get(kind, kind.label.lower())}"
            for kind, count in self.entries.items()
            if count
        )
        return (
            f"Added {self.total_entries:,} demo entries over {self.days:,} days "
            f"({self.first.isoformat()} to {self.last.isoformat()}): {kinds}; "
            f"{self.flares} flare{'' if self.flares == 1 else 's'}."
        )


def _table(name: str) -> Table:
    return schema_table(name)


class _Rows:
    """Rows waiting to be written, per table, with the ids and uids handed out here."""

    def __init__(self, session: Session, seed: int, latest: datetime) -> None:
        self.latest = latest
        self._uids = random.Random(f"interplay-demo-uids-{seed}")
        self._next_id = {name: _max_id(session, name) + 1 for name in _ID_TABLES}
        tags = _table("tag")
        rows = session.execute(select(tags.c.name, tags.c.id)).all()
        self.tag_ids: dict[str, int] = {row.name: row.id for row in rows}
        self.new_tags: list[dict[str, Any]] = []
        self.entries: list[dict[str, Any]] = []
        self.details: dict[EntryKind, list[dict[str, Any]]] = {}
        self.entry_tags: list[dict[str, Any]] = []
        self.flares: list[dict[str, Any]] = []
        self.medications: list[dict[str, Any]] = []
        self.trackers: list[dict[str, Any]] = []
        self.counts: Counter[EntryKind] = Counter()

    def new_uid(self) -> str:
        return f"{self._uids.getrandbits(128):032x}"

    def new_id(self, table: str) -> int:
        value = self._next_id[table]
        self._next_id[table] = value + 1
        return value

    def add_entry(self, entry: Entry) -> None:
        if entry.at > self.latest:
            return
        columns = entry_columns(entry)
        entry_id = self.new_id("entry")
        common = {"id": entry_id} | {name: columns.pop(name) for name in _COMMON_COLUMNS}
        self.entries.append(common)
        if columns:  # notes have no detail row
            columns["id"] = entry_id
            self.details.setdefault(entry.kind, []).append(columns)
        for tag in entry.tags:
            self.entry_tags.append({"entry_id": entry_id, "tag_id": self._tag_id(tag)})
        self.counts[entry.kind] += 1

    def _tag_id(self, name: str) -> int:
        tag_id = self.tag_ids.get(name)
        if tag_id is None:
            tag_id = self.tag_ids[name] = self.new_id("tag")
            self.new_tags.append({"id": tag_id, "name": name})
        return tag_id

    def add_medication(self, med: Medication) -> int:
        med_id = self.new_id("medication")
        self.medications.append({"id": med_id} | medication_columns(med))
        return med_id

    def add_tracker(self, tracker: Tracker) -> int:
        tracker_id = self.new_id("tracker")
        self.trackers.append({"id": tracker_id} | tracker_columns(tracker))
        return tracker_id

    def add_flare(self, episode: FlareEpisode) -> int:
        flare_id = self.new_id("flare_episode")
        self.flares.append({"id": flare_id} | flare_columns(episode))
        return flare_id

    def write(self, session: Session) -> None:
        # Parents before children, so every foreign key finds its row.
        for name, rows in (
            ("medication", self.medications),
            ("tracker", self.trackers),
            ("flare_episode", self.flares),
            ("tag", self.new_tags),
            ("entry", self.entries),
        ):
            if rows:
                session.execute(insert(_table(name)), rows)
        for kind, rows in self.details.items():
            session.execute(insert(_table(ROW_TYPES[kind].__tablename__)), rows)
        if self.entry_tags:
            session.execute(insert(_table("entry_tag")), self.entry_tags)


_ID_TABLES = ("entry", "tag", "medication", "tracker", "flare_episode")


def _max_id(session: Session, table: str) -> int:
    return int(session.execute(select(func.coalesce(func.max(_table(table).c.id), 0))).scalar_one())


class _Flares:
    """Flare episodes get their row (and id) the first time one of their days is written."""

    def __init__(self, rows: _Rows, last: date) -> None:
        self.rows = rows
        self.last = last
        self.ids: dict[int, int] = {}

    def id_for(self, plan: FlarePlan) -> int:
        flare_id = self.ids.get(plan.number)
        if flare_id is None:
            # A flare still going on the last day stays open, as a real one would.
            end = plan.last_day if plan.last_day <= self.last else None
            episode = FlareEpisode(
                uid=self.rows.new_uid(),
                start=plan.start,
                end=end,
                condition=CONDITION,
                triggers=plan.triggers,
            )
            flare_id = self.ids[plan.number] = self.rows.add_flare(episode)
        return flare_id


def _add_tracker(rows: _Rows, plan: TrackerPlan) -> int:
    return rows.add_tracker(
        Tracker(uid=rows.new_uid(), name=plan.name, type=plan.type, unit=plan.unit)
    )


def _check(entry: Entry, latest: datetime) -> None:
    # Cheap (a tenth of a second for ten years) and it keeps the promise that the demo holds
    # only entries the app itself would accept.
    errors = entry_errors(entry, latest)
    if errors:
        raise AssertionError(f"The demo made an invalid {entry.kind.label.lower()}: {errors}")


def generate_demo(db: Database, *, days: int, seed: int, end: date, tz: tzinfo) -> DemoStats:
    """Add ``days`` days of demo journal ending on ``end`` (inclusive), in time zone ``tz``.

    Meant for an empty journal (see ``journal_is_empty``); it refuses nothing itself, and
    its rows take fresh ids after any already there. Nothing is dated after ``end`` 21:00.
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"The demo covers 1 to {MAX_DAYS:,} days, not {days:,}.")
    first = end - timedelta(days=days - 1)
    rng = random.Random(seed)
    person = simulate_person(rng, first, end)
    latest = datetime.combine(end, LAST_ENTRY_TIME, tzinfo=tz)
    with db.transaction() as session:
        rows = _Rows(session, seed, latest)
        medications = {
            plan.name: rows.add_medication(
                Medication(
                    uid=rows.new_uid(),
                    name=plan.name,
                    dose=plan.dose,
                    kind=plan.kind,
                    times=plan.times,
                )
            )
            for plan in MEDICATIONS
        }
        flares = _Flares(rows, end)
        ids = DemoIds(
            medications=medications,
            water=_add_tracker(rows, WATER),
            sunlight=_add_tracker(rows, SUNLIGHT),
            flare=flares.id_for,
        )
        writer = DayWriter(rng, tz, ids, rows.new_uid, first)
        for person_day in person:
            for entry in writer.day(person_day):
                _check(entry, latest)
                rows.add_entry(entry)
        rows.write(session)
        _add_goals_and_reminders(session, first)
    return DemoStats(
        first=first,
        last=end,
        entries={kind: rows.counts[kind] for kind in EntryKind},
        flares=len(rows.flares),
        medications=len(rows.medications),
        trackers=len(rows.trackers),
    )


def _add_goals_and_reminders(session: Session, first: date) -> None:
    """Every goal template (so Goals shows progress at once) and two everyday reminders."""
    from journal.domain.goals import goal_templates
    from journal.domain.reminders import Reminder, ReminderAction, Schedule, ScheduleKind
    from journal.store import goal_repository

    for position, template in enumerate(goal_templates()):
        goal_repository.save_goal(session, template.goal, created=first, position=position)
    goal_repository.save_reminder(
        session,
        Reminder(action=ReminderAction.GLUCOSE, schedule=Schedule(times=(time(7),))),
    )
    weekdays = frozenset(range(5))
    goal_repository.save_reminder(
        session,
        Reminder(
            action=ReminderAction.STRESS,
            schedule=Schedule(kind=ScheduleKind.WEEKDAYS, times=(time(17, 30),), weekdays=weekdays),
        ),
    )


def journal_is_empty(db: Database) -> bool:
    """True when nothing has been logged or set up yet (preferences do not count)."""
    with db.reading() as session:
        names = inspect(session.connection()).get_table_names()
        return not any(
            session.execute(select(exists().select_from(table(name)))).scalar()
            for name in names
            if name not in _NOT_CONTENT
        )


def clear_journal(db: Database) -> None:
    """Delete every row of every table but the schema version, in one transaction."""
    with db.transaction() as session:
        # Reflect the file itself, so tables added by later migrations are cleared too.
        schema = MetaData()
        schema.reflect(bind=session.connection())
        # Children first: a RESTRICT foreign key refuses even inside a transaction.
        for each in reversed(schema.sorted_tables):
            if each.name != "alembic_version":
                session.execute(each.delete())
