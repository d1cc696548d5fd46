"""Chart series as numpy arrays: per-day values on a date grid with gaps, and their aggregates.

A day is an "epoch day" (days since 1970-01-01 of the user's local calendar day) and a moment
is "local seconds" (the wall-clock time the user lived, counted as if it were UTC), so a trip
abroad never moves a reading to another day. Missing days are NaN (gaps), never zeros.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from journal.domain.measures import Absent, Measure

SECONDS_PER_DAY = 86_400
_EPOCH = date(1970, 1, 1)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Reduce = Literal["mean", "sum", "max"]


class Aggregation(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def to_epoch_day(day: date) -> int:
    return (day - _EPOCH).days


def from_epoch_day(day: int) -> date:
    return _EPOCH + timedelta(days=int(day))


# Nominal bucket lengths in days, for bar widths (a month's bar is as wide as February).
_NOMINAL_DAYS = {Aggregation.DAILY: 1, Aggregation.WEEKLY: 7, Aggregation.MONTHLY: 28}


@dataclass(frozen=True, eq=False)
class Series:
    """One line, set of bars or cloud of points on a chart.

    ``x`` is in local seconds: the middle of each day, week or month (or the moment of each
    reading). ``days`` and ``ends`` are the epoch days each bucket starts on and ends before
    (a reading's day and the day after). ``y`` holds NaN where nothing was logged.
    ``aggregation`` is None for single readings, which are never aggregated.
    """

    name: str
    label: str
    unit: str
    x: FloatArray
    y: FloatArray
    days: IntArray
    ends: IntArray
    aggregation: Aggregation | None = None
    basis: str = ""
    """What a week's or month's value is ("mean per logged day", "total"); empty by day."""
    counts: IntArray | None = None
    """For readings, how many each point stands for where they were reduced (a day's lowest
    point stands for all of the day's readings, its highest for none); None: one each."""

    def __len__(self) -> int:
        return len(self.x)

    @property
    def bar_width(self) -> float:
        """Seconds a bar may span: 80 % of a nominal day, week or month."""
        days = _NOMINAL_DAYS[self.aggregation] if self.aggregation is not None else 1
        return 0.8 * days * SECONDS_PER_DAY

    def value_on(self, day: int) -> float | None:
        """The value of the bucket holding ``day`` (for readings, the day's last reading)."""
        index = int(np.searchsorted(self.days, day, side="right")) - 1
        if index < 0 or day >= self.ends[index]:
            return None
        value = float(self.y[index])
        return None if np.isnan(value) else value

    def with_values(self, y: FloatArray, unit: str) -> Series:
        """The same buckets with other values (e.g. converted to another unit)."""
        return replace(self, y=y, unit=unit)


# --- from rows to a daily grid ------------------------------------------------------------


def columns(rows: Sequence[Sequence[Any]], count: int) -> list[FloatArray]:
    """Rows of (a, b, ...) as float arrays per column, None becoming NaN."""
    if not rows:
        return [np.empty(0, dtype=np.float64) for _ in range(count)]
    # Plain tuples first: numpy probes database row objects for array protocols one by one,
    # which costs more than the query itself. None becomes NaN.
    table = np.array([tuple(row) for row in rows], dtype=np.float64)
    return [table[:, i] for i in range(count)]


def daily_grid(
    days: FloatArray | IntArray, values: FloatArray, first: int, last: int
) -> FloatArray:
    """One value per day from ``first`` to ``last`` (epoch days), NaN where a day has none."""
    grid = np.full(last - first + 1, np.nan)
    index = np.asarray(days, dtype=np.int64) - first
    inside = (index >= 0) & (index < len(grid))
    grid[index[inside]] = values[inside]
    return grid


def measure_grid(
    measure: Measure,
    rows: Iterable[tuple[date, float | None]],
    logged: Collection[date],
    first: date,
    last: date,
) -> FloatArray:
    """A daily measure's (day, value) rows on the daily grid of [first, last]: NaN where
    not recorded, 0 on logged days for measures that count those as none (see
    ``journal.analysis.daily.day_values``, which this mirrors for numpy)."""
    start = to_epoch_day(first)
    grid = np.full(to_epoch_day(last) - start + 1, np.nan)
    if measure.absent is Absent.ZERO_IF_LOGGED:
        for day in logged:
            index = to_epoch_day(day) - start
            if 0 <= index < len(grid):
                grid[index] = 0.0
    for day, value in rows:
        index = to_epoch_day(day) - start
        if 0 <= index < len(grid):
            grid[index] = np.nan if value is None else float(value)
    return grid


# --- buckets ------------------------------------------------------------------------------


def bucket_starts(first: int, last: int, aggregation: Aggregation) -> IntArray:
    """Epoch day each bucket starts on; weeks start on Monday (ISO 8601), months on the 1st.

    The first bucket is clipped to ``first`` so a range starting mid-week still starts there.
    """
    days = np.arange(first, last + 1, dtype=np.int64)
    if aggregation is Aggregation.DAILY:
        return days
    keys = _bucket_keys(days, aggregation)
    change = np.flatnonzero(np.diff(keys)) + 1
    return np.concatenate(([first], days[change])).astype(np.int64)


def _bucket_keys(days: IntArray, aggregation: Aggregation) -> IntArray:
    if aggregation is Aggregation.WEEKLY:
        # 1970-01-01 was a Thursday: shifting by 3 makes every key change on a Monday.
        return (days + 3) // 7
    months = days.astype("datetime64[D]").astype("datetime64[M]")
    return months.astype(np.int64)


def bucket_ends(starts: IntArray, aggregation: Aggregation) -> IntArray:
    """The epoch day after each bucket's natural end (a week or month), even past ``last``."""
    if aggregation is Aggregation.DAILY:
        return starts + 1
    if aggregation is Aggregation.WEEKLY:
        return ((starts + 3) // 7 + 1) * 7 - 3
    months = starts.astype("datetime64[D]").astype("datetime64[M]") + 1
    return months.astype("datetime64[D]").astype(np.int64)


def bucket_of(day: int, aggregation: Aggregation, first: int, last: int) -> tuple[int, int]:
    """The first and last epoch day of the bucket holding ``day``, clipped to the range."""
    start = np.array([day], dtype=np.int64)
    if aggregation is Aggregation.DAILY:
        return day, day
    keys = _bucket_keys(start, aggregation)
    if aggregation is Aggregation.WEEKLY:
        begin = int(keys[0]) * 7 - 3
    else:
        begin = int(keys[0].astype("datetime64[M]").astype("datetime64[D]").astype(np.int64))
    end = int(bucket_ends(np.array([begin], dtype=np.int64), aggregation)[0]) - 1
    return max(begin, first), min(end, last)


def aggregate(daily: FloatArray, first: int, aggregation: Aggregation, how: Reduce) -> FloatArray:
    """Reduce a daily grid to one value per bucket over the days that have data.

    A bucket with no data at all is NaN: an empty week is a gap, not a zero.
    """
    if aggregation is Aggregation.DAILY:
        return daily.copy()
    last = first + len(daily) - 1
    starts = bucket_starts(first, last, aggregation)
    offsets = starts - first
    present = ~np.isnan(daily)
    counts = np.add.reduceat(present.astype(np.int64), offsets)
    if how == "max":
        values = np.fmax.reduceat(np.where(present, daily, -np.inf), offsets)
    else:
        values = np.add.reduceat(np.where(present, daily, 0.0), offsets)
        if how == "mean":
            values = values / np.maximum(counts, 1)
    return np.where(counts > 0, values, np.nan)


def bucketed(
    name: str,
    label: str,
    unit: str,
    daily: FloatArray,
    first: int,
    aggregation: Aggregation,
    how: Reduce,
) -> Series:
    """A series from a daily grid starting at ``first``, aggregated into buckets."""
    starts = bucket_starts(first, first + len(daily) - 1, aggregation)
    values = aggregate(daily, first, aggregation, how)
    series = bucketed_values(
        name, label, unit, starts, bucket_ends(starts, aggregation), values, aggregation
    )
    if aggregation is Aggregation.DAILY:
        return series
    return replace(series, basis=_BASIS[how])


# What a week's or month's bar is, said as people would (weeks and months of daily values).
_BASIS: dict[str, str] = {"mean": "mean per logged day", "sum": "total", "max": "highest day"}


def readings(
    name: str, label: str, unit: str, seconds: FloatArray, days: FloatArray, y: FloatArray
) -> Series:
    """Single readings (e.g. every glucose value) at their own moment, never aggregated."""
    day_numbers = np.asarray(days, dtype=np.int64)
    return Series(
        name=name,
        label=label,
        unit=unit,
        x=np.asarray(seconds, dtype=np.float64),
        y=np.asarray(y, dtype=np.float64),
        days=day_numbers,
        ends=day_numbers + 1,
        aggregation=None,
    )


# --- derived daily values -----------------------------------------------------------------


def weekly_total_series(
    name: str, label: str, unit: str, daily: FloatArray, first: int, aggregation: Aggregation
) -> Series:
    """Weekly totals; with monthly aggregation, the mean weekly total of the month's weeks."""
    last = first + len(daily) - 1
    week_first = first - (first + 3) % 7  # back to the Monday
    week_last = last + (6 - (last + 3) % 7)  # on to the Sunday
    padded = daily_grid(np.arange(first, last + 1), daily, week_first, week_last)
    totals = aggregate(padded, week_first, Aggregation.WEEKLY, "sum")
    mondays = bucket_starts(week_first, week_last, Aggregation.WEEKLY)
    if aggregation is not Aggregation.MONTHLY:
        weekly = bucketed_values(
            name, label, unit, mondays, mondays + 7, totals, Aggregation.WEEKLY
        )
        return replace(weekly, basis="total per week")
    months = _bucket_keys(mondays, Aggregation.MONTHLY)
    keys, first_index = np.unique(months, return_index=True)
    present = ~np.isnan(totals)
    sums = np.add.reduceat(np.where(present, totals, 0.0), first_index)
    counts = np.add.reduceat(present.astype(np.int64), first_index)
    means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    starts = keys.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    ends = (keys + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    monthly = bucketed_values(name, label, unit, starts, ends, means, Aggregation.MONTHLY)
    return replace(monthly, basis="mean weekly total")


def bucketed_values(
    name: str,
    label: str,
    unit: str,
    starts: IntArray,
    ends: IntArray,
    values: FloatArray,
    aggregation: Aggregation,
) -> Series:
    """A series of buckets [start, end) with a value each, placed at each bucket's middle."""
    return Series(
        name=name,
        label=label,
        unit=unit,
        x=((starts + ends) * (SECONDS_PER_DAY / 2)).astype(np.float64),
        y=np.asarray(values, dtype=np.float64),
        days=starts.astype(np.int64),
        ends=ends.astype(np.int64),
        aggregation=aggregation,
    )


# --- a table for export -------------------------------------------------------------------


def series_table(series: Sequence[Series]) -> tuple[list[str], list[list[str]]]:
    """A header and one row per bucket start day of the bucketed series, for CSV export.

    Single readings are left out (their daily means are series of their own); a bucket with
    no value is an empty cell, and a day where every series is empty is left out.
    """
    buckets = [s for s in series if s.aggregation is not None]
    header = ["date"] + [_column_name(s) for s in buckets]
    by_day = [dict(zip(s.days.tolist(), s.y.tolist(), strict=True)) for s in buckets]
    all_days = sorted(set().union(*by_day)) if by_day else []
    rows: list[list[str]] = []
    for day in all_days:
        values = [_format(values.get(day)) for values in by_day]
        if any(values):
            rows.append([from_epoch_day(day).isoformat(), *values])
    return header, rows


def _column_name(series: Series) -> str:
    details = ", ".join(part for part in (series.unit, series.basis) if part)
    return f"{series.label} ({details})" if details else series.label


def _format(value: float | None) -> str:
    if value is None or np.isnan(value):
        return ""
    return f"{value:.3f}".rstrip("0").rstrip(".")
