"""Daily measures of the journal by name: the one way Today, goals and charts read them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Union

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
from journal.store import plain_read as plain
from journal.store.connection import is_dbapi_connection

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from journal.store.database import Database

Source = Union["Session", sqlite3.Connection]
"""Where measures are read: a session (inside its transaction) or a bare connection (the
first paint, before the ORM has loaded)."""


def _connection(source: Source) -> sqlite3.Connection:
    if is_dbapi_connection(source):  # sqlite3's, or SQLCipher's for an encrypted journal
        return source  # type: ignore[return-value]
    return plain.driver_connection(source)


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


def resolve(source: Source, name: str) -> Measure:
    """The measure called ``name``; trackers ("tracker:3") take their name, unit and type
    from the tracker list, missed doses ("doses_missed:2") their medication's name."""
    family, _, parameter = name.partition(":")
    if family == "doses_missed":
        measure(name)  # KeyError for a malformed name
        medications = plain.medications(_connection(source))
        med = next((m for m in medications if str(m.id) == parameter), None)
        return doses_missed_measure(int(parameter), med.label if med else "")
    if family != "tracker":
        return measure(name)
    trackers = plain.trackers(_connection(source))
    tracker = next((t for t in trackers if str(t.id) == parameter), None)
    if tracker is None or tracker.id is None:
        raise KeyError(f"No tracker has the id {parameter}.")
    unit = tracker.unit or {TrackerType.SCALE: "0-10", TrackerType.YES_NO: "yes = 1"}.get(
        tracker.type, ""
    )
    return tracker_measure(tracker.id, tracker.name, unit, _TRACKER_REDUCE[tracker.type])


def read_measures(source: Source, names: Iterable[str], first: date, last: date) -> MeasureValues:
    """The named measures for every day in [first, last], read in the caller's session (or
    on a bare connection)."""
    connection = _connection(source)
    rows = mq.connection_rows(connection)
    logged = frozenset(mq.logged_days(rows, first, last))
    found: dict[str, Measure] = {}
    values: dict[str, DayValues] = {}
    for name in dict.fromkeys(names):
        spec = resolve(connection, name)
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
