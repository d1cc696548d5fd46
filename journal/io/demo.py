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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import MetaData, exists, inspect, select, table
from sqlalchemy.orm import Session

from journal.domain.entries import Entry, FlareEpisode, Medication, Tracker
from journal.domain.kinds import KINDS, label_of
from journal.domain.validation import entry_errors
from journal.domain.vocabulary import EntryKind
from journal.io.demo_catalogue import MEDICATIONS, SUNLIGHT, WATER, TrackerPlan
from journal.io.demo_days import DayWriter, DemoIds
from journal.io.demo_person import FlarePlan, simulate_person
from journal.store import plain_read as plain
from journal.store.bulk_write import BulkWriter
from journal.store.database import Database
from journal.store.repository import put_setting

CONDITION = "rheumatoid arthritis"
DEFAULT_DAYS = 365
DEFAULT_SEED = 1
# Nothing is logged later than this on the last day, so "today" never holds tonight's entries.
LAST_ENTRY_TIME = time(21, 0)
MAX_DAYS = 100 * 366

DEMO_SETTING = "journal.demo"
"""Set in a journal filled by the demo: made-up data, labelled as such in the window."""

# Tables whose rows alone do not make a journal "not empty": the schema version, preferences,
# and tag names (which mean nothing without entries). Every other table holds what a user
# logged or set up, including tables added by later migrations (goals, reminders ...).
_NOT_CONTENT = frozenset({"alembic_version", "setting", "tag"})


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
            f"{count:,} {KINDS[kind].plural}" for kind, count in self.entries.items() if count
        )
        return (
            f"Added {self.total_entries:,} demo entries over {self.days:,} days "
            f"({self.first.isoformat()} to {self.last.isoformat()}): {kinds}; "
            f"{self.flares} flare{'' if self.flares == 1 else 's'}."
        )


class _Rows:
    """The demo's entries on their way to the bulk writer, with the uids handed out here."""

    def __init__(self, session: Session, seed: int, latest: datetime) -> None:
        self.latest = latest
        self._uids = random.Random(f"interplay-demo-uids-{seed}")
        self.writer = BulkWriter(session)
        self.flares = 0
        self.medications = 0
        self.trackers = 0

    def new_uid(self) -> str:
        return f"{self._uids.getrandbits(128):032x}"

    def add_entry(self, entry: Entry) -> None:
        if entry.at <= self.latest:
            self.writer.add_entry(entry)

    def add_medication(self, med: Medication) -> int:
        self.medications += 1
        return self.writer.add_medication(med)

    def add_tracker(self, tracker: Tracker) -> int:
        self.trackers += 1
        return self.writer.add_tracker(tracker)

    def add_flare(self, episode: FlareEpisode) -> int:
        self.flares += 1
        return self.writer.add_flare(episode)


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
        raise AssertionError(f"The demo made an invalid {label_of(entry.kind).lower()}: {errors}")


class DemoCancelled(Exception):
    """Raised inside the demo's transaction when the person cancels: nothing is written."""


# Progress is reported about this often (in days), so a callback costs nothing measurable.
PROGRESS_EVERY_DAYS = 30


def generate_demo(
    db: Database,
    *,
    days: int,
    seed: int,
    end: date,
    tz: tzinfo,
    now: datetime | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> DemoStats:
    """Add ``days`` days of demo journal ending on ``end`` (inclusive), in time zone ``tz``.

    Meant for an empty journal (see ``journal_is_empty``); it refuses nothing itself, and
    its rows take fresh ids after any already there. Nothing is dated after ``end`` 21:00,
    nor after ``now`` (the clock's time) when given: a demo made in the morning holds no
    evening doses "taken" yet. The same seed and ``now`` give the same journal.
    The journal is marked as a demo (``DEMO_SETTING``) so the window can say so. Progress
    goes to ``on_progress(days done, days to make)``; ``should_cancel`` returning True stops it
    with ``DemoCancelled`` and nothing written.
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"The demo covers 1 to {MAX_DAYS:,} days, not {days:,}.")
    first = end - timedelta(days=days - 1)
    rng = random.Random(seed)
    person = simulate_person(rng, first, end)
    latest = last_entry_moment(end, tz, now)
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
                    # Taken since the demo's first day: its doses are due from then on.
                    periods=((datetime.combine(first, time(0), tzinfo=tz), None),),
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
        body = random.Random(f"interplay-demo-body-{seed}")
        writer = DayWriter(rng, tz, ids, rows.new_uid, first, body)
        for done, person_day in enumerate(person):
            if done % PROGRESS_EVERY_DAYS == 0:
                if should_cancel is not None and should_cancel():
                    raise DemoCancelled
                if on_progress is not None:
                    on_progress(done, len(person))
            for entry in writer.day(person_day):
                _check(entry, latest)
                rows.add_entry(entry)
        rows.writer.flush()
        _add_goals_and_reminders(session, first)
        put_setting(session, DEMO_SETTING, True)
    if on_progress is not None:
        on_progress(len(person), len(person))
    return DemoStats(
        first=first,
        last=end,
        entries={kind: rows.writer.counts[kind] for kind in EntryKind},
        flares=rows.flares,
        medications=rows.medications,
        trackers=rows.trackers,
    )


def last_entry_moment(end: date, tz: tzinfo, now: datetime | None = None) -> datetime:
    """The latest a demo entry may be dated: ``end`` at 21:00, or ``now`` if that is sooner."""
    evening = datetime.combine(end, LAST_ENTRY_TIME, tzinfo=tz)
    return evening if now is None else min(evening, now)


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


def is_demo(db: Database) -> bool:
    """Whether the journal was filled with demo data (and not cleared since)."""
    with db.plain_reading() as connection:  # plain SQL: asked at start, before the ORM is used
        return bool(plain.get_setting(connection, DEMO_SETTING))


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
