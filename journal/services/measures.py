"""Daily measures of the journal by name: the one way Today, goals and charts read them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from journal.analysis.daily import DayValues, day_values
from journal.domain.measures import (
    DayReduce,
    Measure,
    doses_missed_measure,
    measure,
    tracker_measure,
)
from journal.domain.vocabulary import TrackerType
from journal.store import measure_queries as mq
from journal.store import repository as repo
from journal.store.database import Database

_TRACKER_REDUCE = {
    TrackerType.NUMBER: DayReduce.SUM,
    TrackerType.SCALE: DayReduce.MEAN,
    TrackerType.YES_NO: DayReduce.MAX,
}


@dataclass(frozen=True)
class MeasureValues:
    """Several measures over one range: each day's value, and the days with anything logged."""

    first: date
    last: date
    measures: dict[str, Measure]
    values: dict[str, DayValues]
    logged: frozenset[date]

    def on(self, name: str, day: date) -> float | None:
        return self.values[name].get(day)


def resolve(session: Session, name: str) -> Measure:
    """The measure called ``name``; trackers ("tracker:3") take their name, unit and type
    from the tracker list, missed doses ("doses_missed:2") their medication's name."""
    family, _, parameter = name.partition(":")
    if family == "doses_missed":
        measure(name)  # KeyError for a malformed name
        med = next((m for m in repo.medications(session) if str(m.id) == parameter), None)
        return doses_missed_measure(int(parameter), med.label if med else "")
    if family != "tracker":
        return measure(name)
    tracker = next((t for t in repo.trackers(session) if str(t.id) == parameter), None)
    if tracker is None or tracker.id is None:
        raise KeyError(f"No tracker has the id {parameter}.")
    unit = tracker.unit or {TrackerType.SCALE: "0-10", TrackerType.YES_NO: "yes = 1"}.get(
        tracker.type, ""
    )
    return tracker_measure(tracker.id, tracker.name, unit, _TRACKER_REDUCE[tracker.type])


def read_measures(session: Session, names: Iterable[str], first: date, last: date) -> MeasureValues:
    """The named measures for every day in [first, last], read in the caller's session."""
    rows = mq.session_rows(session)
    logged = frozenset(mq.logged_days(rows, first, last))
    found: dict[str, Measure] = {}
    values: dict[str, DayValues] = {}
    for name in dict.fromkeys(names):
        spec = resolve(session, name)
        found[name] = spec
        read = mq.daily_rows(rows, spec.read, first, last)
        values[name] = day_values(spec, read, first, last, logged)
    return MeasureValues(first, last, found, values, logged)


class DailyMeasures:
    """Reads daily measures of one open journal, each in its own short session."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def read(self, names: Sequence[str], first: date, last: date) -> MeasureValues:
        with self.db.reading() as session:
            return read_measures(session, names, first, last)
