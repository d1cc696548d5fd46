"""The SQL of the daily measures: one GROUP BY day query per measure and range.

Each read of ``journal.domain.measures`` becomes plain SQL text with parameters, run on a
session or on a bare DB-API connection (Today's first paint needs no ORM), so SQLite does
the per-day sums, means and maxima over the ``ix_entry_kind_day`` index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol

from journal.domain.cgm import (
    EARLIEST_OFFSET_SECONDS,
    LATEST_OFFSET_SECONDS,
    ReadingKind,
)
from journal.domain.measures import (
    ColumnRead,
    Condition,
    Cut,
    DayReduce,
    FlareRead,
    Read,
    ReadingRead,
    ScoreRead,
    TagRead,
    TrackerRead,
)
from journal.domain.vocabulary import EntryKind
from journal.store.tables import DETAIL_TABLE

DayRows = list[tuple[date, float | None]]

_SQL_REDUCE = {
    DayReduce.SUM: "SUM",
    DayReduce.MEAN: "AVG",
    DayReduce.MAX: "MAX",
    DayReduce.MIN: "MIN",
    DayReduce.COUNT: "COUNT",
}
_IN_RANGE = "e.kind = ? AND e.day >= ? AND e.day <= ?"
# Stand-ins for the range's first and last day in a compiled query's parameters.
_FIRST, _LAST = object(), object()
_GROUPED = " GROUP BY e.day ORDER BY e.day"


class Rows(Protocol):
    """Runs one query and returns its rows (a session's or a connection's)."""

    def __call__(self, sql: str, params: Sequence[Any]) -> Sequence[Sequence[Any]]: ...


def session_rows(session: Any) -> Rows:
    """Queries on an SQLAlchemy session's connection (inside its transaction)."""

    def run(sql: str, params: Sequence[Any]) -> Sequence[Sequence[Any]]:
        return session.connection().exec_driver_sql(sql, tuple(params)).all()  # type: ignore[no-any-return]

    return run


def connection_rows(connection: Any) -> Rows:
    """Queries on a bare DB-API connection."""

    def run(sql: str, params: Sequence[Any]) -> Sequence[Sequence[Any]]:
        return connection.execute(sql, tuple(params)).fetchall()  # type: ignore[no-any-return]

    return run


def _detail(kind: EntryKind) -> str | None:
    return DETAIL_TABLE[kind]


def _conditions(where: tuple[Condition, ...]) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    values: list[Any] = []
    for column, allowed in where:
        conditions.append(f'd."{column}" IN ({", ".join("?" for _ in allowed)})')
        values += list(allowed)
    return " AND ".join(conditions), values


def _cut_sql(value: str, cut: Cut) -> tuple[str, list[Any]]:
    """The day's ``value`` as 1 or 0 against the cut (NULL stays NULL: not recorded)."""
    if cut.below is not None:
        return f"CASE WHEN {value} IS NULL THEN NULL WHEN {value} < ? THEN 1 ELSE 0 END", [
            cut.below
        ]
    return f"CASE WHEN {value} IS NULL THEN NULL WHEN {value} >= ? THEN 1 ELSE 0 END", [
        cut.at_least
    ]


def _column_sql(read: ColumnRead) -> tuple[str, list[Any]]:
    detail = _detail(read.kind)
    matched, filters = _conditions(read.where)
    inside = bool(matched) and read.every_day_of_kind  # filter in the aggregate, not WHERE
    params: list[Any] = []
    if read.column is None:
        value = f"SUM(CASE WHEN {matched} THEN 1 ELSE 0 END)" if inside else "COUNT(*)"
    else:
        operand = f'd."{read.column}"'
        if read.weights is not None:
            by, weights = read.weights
            cases = " ".join("WHEN ? THEN ?" for _ in weights)
            operand = f'{operand} * CASE d."{by}" {cases} ELSE 0 END'
            params += [part for pair in weights for part in pair]
        if inside:
            operand = f"CASE WHEN {matched} THEN {operand} END"
        value = f"{_SQL_REDUCE[read.reduce]}({operand})"
    if inside:  # the filter's values come first in the text: CASE WHEN <filter> THEN ...
        params, filters = [*filters, *params], []
    if read.cut is not None:
        value, cut_params = _cut_sql(value, read.cut)
        # The value appears twice in the CASE, so do its parameters.
        params = [*params, *params, *cut_params]
    chosen, of_params = _conditions(read.of)
    joined = f' JOIN "{detail}" d ON d.id = e.id' if detail else ""
    sql = f"SELECT e.day, {value} FROM entry e{joined} WHERE {_IN_RANGE}"
    if matched and not inside:
        sql += f" AND {matched}"
    if chosen:
        sql += f" AND {chosen}"
    return sql + _GROUPED, [*params, read.kind.value, _FIRST, _LAST, *filters, *of_params]


def _tag_sql(read: TagRead) -> tuple[str, list[Any]]:
    tagged = (
        "EXISTS (SELECT 1 FROM entry_tag et JOIN tag t ON t.id = et.tag_id "
        "WHERE et.entry_id = e.id AND t.name = ?)"
    )
    sql = f"SELECT e.day, SUM(CASE WHEN {tagged} THEN 1 ELSE 0 END) FROM entry e "
    return sql + f"WHERE {_IN_RANGE}" + _GROUPED, [read.tag, read.kind.value, _FIRST, _LAST]


def _score_sql(read: ScoreRead) -> tuple[str, list[Any]]:
    # Scores live in a JSON object per check-in; json_each lets SQLite take the maximum.
    sql = (
        "SELECT e.day, MAX(s.value) FROM entry e JOIN symptoms d ON d.id = e.id, "
        f"json_each(d.scores) s WHERE {_IN_RANGE}"
    )
    params: list[Any] = [EntryKind.SYMPTOMS.value, _FIRST, _LAST]
    if read.symptom is not None:
        sql += " AND s.key = ?"
        params.append(read.symptom)
    if read.flare_days_only:
        sql += (
            " AND (d.flare_id IS NOT NULL OR EXISTS (SELECT 1 FROM flare_episode f "
            'WHERE f.start <= e.day AND (f."end" IS NULL OR f."end" >= e.day)))'
        )
    return sql + _GROUPED, params


def _tracker_sql(read: TrackerRead) -> tuple[str, list[Any]]:
    value = f"{_SQL_REDUCE[read.reduce]}(d.value)"
    sql = (
        f"SELECT e.day, {value} FROM entry e JOIN tracker_value d ON d.id = e.id "
        f"WHERE {_IN_RANGE} AND d.tracker_id = ?"
    )
    return sql + _GROUPED, [EntryKind.TRACKER.value, _FIRST, _LAST, read.tracker_id]


def _flare_sql(read: FlareRead) -> tuple[str, list[Any]]:
    # Every day of the range that an episode covers (an open one: to the range's end), 1;
    # for onsets, 1 on an episode's first day and 0 on its other days.
    value = (
        "CASE WHEN EXISTS (SELECT 1 FROM flare_episode s WHERE s.start = days.day) "
        "THEN 1 ELSE 0 END"
        if read.onset
        else "1"
    )
    sql = (
        "WITH RECURSIVE days(day) AS (SELECT ? UNION ALL "
        "SELECT date(day, '+1 day') FROM days WHERE day < ?) "
        f"SELECT days.day, {value} FROM days WHERE EXISTS (SELECT 1 FROM flare_episode f "
        'WHERE f.start <= days.day AND (f."end" IS NULL OR f."end" >= days.day)) '
        "ORDER BY days.day"
    )
    return sql, [_FIRST, _LAST]


# ISO date parameter -> epoch day (julianday of 1970-01-01 is 2440587.5).
_EPOCH_DAY = "CAST(julianday(?) - 2440587.5 AS INTEGER)"


def _reading_value(read: ReadingRead) -> tuple[str, list[Any]]:
    """The day's value of a read of the CGM stream, as an SQL aggregate of ``r.mgdl``."""
    if read.in_range is not None:
        low, high = read.in_range
        value = "100.0 * SUM(CASE WHEN r.mgdl >= ? AND r.mgdl <= ? THEN 1 ELSE 0 END) / COUNT(*)"
        return value, [low, high]
    if read.reduce is DayReduce.COUNT:
        return "COUNT(*)", []
    return f"{_SQL_REDUCE[read.reduce]}(r.mgdl)", []


def _reading_sql(read: ReadingRead) -> tuple[str, list[Any]]:
    value, params = _reading_value(read)
    return _readings_grouped(f"date(r.day * 86400, 'unixepoch'), {value}", params)


def _readings_grouped(columns: str, params: list[Any]) -> tuple[str, list[Any]]:
    """The CGM stream by local day: its key (UTC seconds) is bounded first, so SQLite scans
    only the range's rows (journal/store/cgm_models.py), then the day column is matched."""
    sql = (
        f"SELECT {columns} FROM cgm_reading r "
        f"WHERE r.utc >= {_EPOCH_DAY} * 86400 - ? AND r.utc < ({_EPOCH_DAY} + 1) * 86400 - ? "
        f"AND r.day >= {_EPOCH_DAY} AND r.day <= {_EPOCH_DAY} AND r.kind = ? "
        "GROUP BY r.day ORDER BY r.day"
    )
    params = [*params, _FIRST, LATEST_OFFSET_SECONDS, _LAST, EARLIEST_OFFSET_SECONDS]
    return sql, [*params, _FIRST, _LAST, int(ReadingKind.HISTORIC)]


def reading_days(
    rows: Rows, reads: Sequence[ReadingRead], first: date, last: date
) -> Sequence[Sequence[Any]]:
    """(epoch day, one value per read) for each day in [first, last] with CGM readings:
    several measures of the reading stream in one scan of it (a decade is a million rows)."""
    values = [_reading_value(read) for read in reads]
    columns = ", ".join(["r.day", *(value for value, _params in values)])
    sql, params = _readings_grouped(columns, [p for _value, ps in values for p in ps])
    bounds = {id(_FIRST): first.isoformat(), id(_LAST): last.isoformat()}
    return rows(sql, [bounds.get(id(p), p) for p in params])


_COMPILERS: dict[type[Any], Callable[[Any], tuple[str, list[Any]]]] = {
    ColumnRead: _column_sql,
    TagRead: _tag_sql,
    ScoreRead: _score_sql,
    TrackerRead: _tracker_sql,
    FlareRead: _flare_sql,
    ReadingRead: _reading_sql,
}


def measure_sql(read: Read, first: date, last: date) -> tuple[str, list[Any]]:
    """The query of a measure's read over the days [first, last], with its parameters."""
    sql, params = _COMPILERS[type(read)](read)
    bounds = {id(_FIRST): first.isoformat(), id(_LAST): last.isoformat()}
    return sql, [bounds.get(id(p), p) for p in params]


def daily_rows(rows: Rows, read: Read, first: date, last: date) -> DayRows:
    """(day, value) for each day in [first, last] that has entries the read looks at."""
    sql, params = measure_sql(read, first, last)
    return [(date.fromisoformat(day), value) for day, value in rows(sql, params)]


def logged_days(rows: Rows, first: date, last: date) -> set[date]:
    """The days in [first, last] with any entry at all."""
    found = rows(
        "SELECT DISTINCT day FROM entry WHERE day >= ? AND day <= ?",
        (first.isoformat(), last.isoformat()),
    )
    return {date.fromisoformat(day) for (day,) in found}
