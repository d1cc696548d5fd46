"""One day as Today shows it (its timeline, flares, doses due and summary) and the
calendar's marks, read in plain SQL over one connection.

The first paint reads these before the ORM has loaded; ``JournalService.day_view`` reads
the same over its session's connection, so both show one definition of a day.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from journal.analysis.cgm_day import CgmDay, summarize_cgm_day
from journal.analysis.day_summary import SUMMARY_MEASURES, DaySummary, summarize_day
from journal.analysis.doses import doses_due
from journal.analysis.labs import homa_ir_by_day
from journal.domain.entries import DoseLog, Entry, FlareEpisode, LabResult, Medication, Tracker
from journal.domain.vocabulary import DoseStatus, EntryKind
from journal.services.measures import read_measures
from journal.services.preferences import TARGET_RANGE_KEY, target_range_from_setting
from journal.store import plain_read as plain

Localize = Callable[[datetime], datetime]
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class DueDose:
    """A scheduled dose of a day, and what was logged for it, if anything."""

    medication: Medication
    scheduled: time
    log: DoseLog | None = None

    @property
    def done(self) -> bool:
        return self.log is not None

    @property
    def taken(self) -> bool:
        return self.log is not None and self.log.status is not DoseStatus.SKIPPED


@dataclass(frozen=True)
class DayMarks:
    """What the calendar shows for a day."""

    kinds: frozenset[EntryKind] = frozenset()
    in_flare: bool = False


@dataclass(frozen=True)
class DayView:
    """Everything the Today view shows for one day."""

    day: date
    entries: list[Entry]
    flares: list[FlareEpisode]
    due_doses: list[DueDose]
    summary: DaySummary
    homa_ir: float | None = None
    medications: dict[int, Medication] = field(default_factory=dict)
    trackers: dict[int, Tracker] = field(default_factory=dict)
    cgm: CgmDay | None = None
    """The day's CGM trace, range and time in range (None without readings)."""


def read_day(connection: sqlite3.Connection, day: date, localize: Localize) -> DayView:
    """Everything Today shows for ``day``: entries kind by kind, flares, doses, summary."""
    entries = plain.entries_between(connection, day, day)
    flares = plain.flares_overlapping(connection, day, day)
    meds = plain.medications(connection)
    trackers = {t.id: t for t in plain.trackers(connection) if t.id is not None}
    measures = read_measures(connection, SUMMARY_MEASURES, day, day)
    due = _due_doses(doses_due(meds, day, localize), entries)
    labs = [e for e in entries if isinstance(e, LabResult)]
    values = {name: measures.on(name, day) for name in SUMMARY_MEASURES}
    return DayView(
        day=day,
        entries=entries,
        flares=flares,
        due_doses=due,
        summary=summarize_day(values, len(due), sum(1 for d in due if d.taken)),
        homa_ir=homa_ir_by_day(labs).get(day),
        medications={m.id: m for m in meds if m.id is not None},
        trackers=trackers,
        cgm=read_cgm_day(connection, day),
    )


def read_cgm_day(connection: sqlite3.Connection, day: date) -> CgmDay | None:
    """One day's CGM readings summarised against the person's target range."""
    number = (day - _EPOCH).days
    rows = plain.cgm_day_readings(connection, number, number)
    target = target_range_from_setting(plain.get_setting(connection, TARGET_RANGE_KEY))
    return summarize_cgm_day(day, rows, (target.low, target.high))


def read_marks(
    connection: sqlite3.Connection, first: date, last: date, today: date
) -> dict[date, DayMarks]:
    """The calendar's dots and flare shading for each day in [first, last] that has any; an
    ongoing flare shades the days up to ``today`` only (the days ahead would read as a
    forecast)."""
    kinds = plain.days_with_entries(connection, first, last)
    flares = plain.flares_overlapping(connection, first, last)
    marks: dict[date, DayMarks] = {}
    day = first
    while day <= last:
        in_flare = any(f.covers(day, as_of=today) for f in flares)
        day_kinds = kinds.get(day, set())
        if day_kinds or in_flare:
            marks[day] = DayMarks(frozenset(day_kinds), in_flare)
        day += timedelta(days=1)
    return marks


def _due_doses(due: list[tuple[Medication, time]], entries: list[Entry]) -> list[DueDose]:
    """The day's due doses, each with what was logged for it (if anything)."""
    logs = [e for e in entries if isinstance(e, DoseLog)]
    return [
        DueDose(
            med,
            scheduled,
            next((d for d in logs if d.medication_id == med.id and d.scheduled == scheduled), None),
        )
        for med, scheduled in due
    ]
