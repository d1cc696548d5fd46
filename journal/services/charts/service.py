"""What the charts view asks for: each series as numpy arrays, the flare episodes to shade,
date ranges, the remembered layout, and CSV export.

A series is a daily measure (``journal.domain.measures``) over a range, read with one query
for the whole range (never one per day) and bucketed in ``journal.analysis.series``; a few
are not daily (single glucose readings, lab results, HOMA-IR, doses due). This module
imports numpy, so the app imports it only when the charts are first opened.
"""

from __future__ import annotations

import csv
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy.orm import Session

from journal.analysis.doses import due_count
from journal.analysis.series import (
    Aggregation,
    FloatArray,
    Series,
    bucketed,
    columns,
    from_epoch_day,
    measure_grid,
    readings,
    series_table,
    to_epoch_day,
    weekly_total_series,
)
from journal.domain.cgm import TRACE_BREAK_MINUTES
from journal.domain.clock import Clock
from journal.domain.glucose import STANDARD_RANGE, TargetRange
from journal.domain.labs import LAB_TESTS, homa_ir, shown_unit
from journal.domain.measures import Measure
from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit, UnitPreferences, conversion
from journal.domain.vocabulary import EntryKind
from journal.io.csv_cells import safe_cell
from journal.services.charts.catalogue import ChartSpec, catalogue
from journal.services.charts.layout import (
    LAYOUT_KEY,
    ChartLayout,
    layout_from_json,
    layout_to_json,
)
from journal.services.measures import resolve
from journal.store import cgm_store
from journal.store import measure_queries as mq
from journal.store import repository as repo
from journal.store import series_queries as q
from journal.store.database import Database

if TYPE_CHECKING:
    from journal.store.cgm_stream import DayExtremes, HistoricColumns

CgmReader = Callable[[date, date], "HistoricColumns"]
"""The historic CGM readings of local days first..last (the CGM service keeps them)."""
CgmDaysReader = Callable[[date, date], "DayExtremes"]
"""Each day's count, lowest and highest historic CGM reading, days first..last."""

TRACE_BY_DAY_FROM_DAYS = 400
"""Ranges this long or longer draw the CGM trace from each day's lowest and highest reading:
a day is then narrower than about three pixels, so the peak-downsampled line of every
reading shows the same band, and a decade is a few thousand rows instead of a million."""

# Reads kept between requests (a few ranges of every series); each is at most one value per
# day, so even ten years stay well under a megabyte apiece.
CACHED_READS = 64
_RANGE_DAYS = {"2w": 14, "3m": 91, "1y": 365}


@dataclass(frozen=True)
class FlareSpan:
    """A flare episode as shaded on the charts: ``last`` is inclusive (today while ongoing)."""

    first: date
    last: date
    condition: str
    ongoing: bool


@dataclass
class _Request:
    session: Session
    first: date
    last: date
    aggregation: Aggregation
    units: UnitPreferences
    today: date
    localize: Callable[[datetime], datetime]
    cgm: CgmReader | None = None
    cgm_days: CgmDaysReader | None = None
    memo: OrderedDict[tuple[Any, ...], Any] = field(default_factory=OrderedDict)
    """Reads by what was read and over which range, shared by series of one request and,
    through the service, by later requests until the journal changes."""

    @property
    def first_day(self) -> int:
        return to_epoch_day(self.first)

    @property
    def last_day(self) -> int:
        return to_epoch_day(self.last)

    def remember(self, key: tuple[Any, ...], read: Callable[[], Any]) -> Any:
        if key in self.memo:
            self.memo.move_to_end(key)
            return self.memo[key]
        value = self.memo[key] = read()
        while len(self.memo) > CACHED_READS:
            self.memo.popitem(last=False)
        return value

    def logged(self, first: date, last: date) -> set[date]:
        return self.remember(  # type: ignore[no-any-return]
            ("logged", first, last),
            lambda: mq.logged_days(mq.session_rows(self.session), first, last),
        )

    def measure_daily(
        self, name: str, first: date | None = None, last: date | None = None
    ) -> tuple[Measure, FloatArray]:
        """A daily measure on the daily grid of [first, last] (the request's range by
        default), in the stored unit."""
        first, last = first or self.first, last or self.last
        spec = resolve(self.session, name)

        def read() -> FloatArray:
            rows = mq.daily_rows(mq.session_rows(self.session), spec.read, first, last)
            return measure_grid(spec, rows, self.logged(first, last), first, last)

        return spec, self.remember(("measure", name, first, last), read)

    def table(self, query: Callable[..., Sequence[Sequence[Any]]], *args: Any) -> list[FloatArray]:
        """The columns of a per-range query of ``series_queries`` as float arrays."""

        def read() -> list[FloatArray]:
            rows = query(self.session, self.first, self.last, *args)
            return columns(rows, len(rows[0]) if rows else 8)

        return self.remember((query, self.first, self.last, *args), read)  # type: ignore[no-any-return]

    def glucose_factor(self) -> float:
        return MGDL_PER_MMOLL if self.units.glucose is GlucoseUnit.MMOLL else 1.0


class ChartService:
    """Series, flares and layout for the charts view of one open journal."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        cgm: CgmReader | None = None,
        cgm_days: CgmDaysReader | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.cgm = cgm
        self.cgm_days = cgm_days
        self._reads: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def forget(self) -> None:
        """Drop the reads kept from earlier requests; call on every change to the journal
        (the charts view does, on ``JournalSignals.changed``)."""
        self._reads.clear()

    # --- catalogue -----------------------------------------------------------------------

    def catalogue(
        self, units: UnitPreferences, target: TargetRange = STANDARD_RANGE
    ) -> list[ChartSpec]:
        """Every chart the journal can show, custom trackers and lab tests included."""
        with self.db.reading() as session:
            trackers = repo.trackers(session)
            labs = q.lab_tests_present(session)
            symptoms = q.symptom_names(session)
        return catalogue(units, trackers, labs, symptoms, target)

    # --- series --------------------------------------------------------------------------

    def series(
        self,
        name: str,
        first: date,
        last: date,
        aggregation: Aggregation,
        units: UnitPreferences,
    ) -> Series:
        """One series over [first, last] (local days), aggregated, in the user's units."""
        return self.series_many([name], first, last, aggregation, units)[name]

    def series_many(
        self,
        names: Sequence[str],
        first: date,
        last: date,
        aggregation: Aggregation,
        units: UnitPreferences,
    ) -> dict[str, Series]:
        """Several series over one range, read in one session."""
        if last < first:
            raise ValueError("The last day of a chart range comes before its first day.")
        result: dict[str, Series] = {}
        with self.db.reading() as session:
            request = _Request(
                session,
                first,
                last,
                aggregation,
                units,
                self.today(),
                self.clock.localize,
                self.cgm,
                self.cgm_days,
                memo=self._reads,
            )
            for name in names:
                base, _, param = name.partition(":")
                special = _SPECIAL.get(base)
                if special is not None:
                    result[name] = special(request, name, param)
                    continue
                try:
                    result[name] = _measure_series(request, name)
                except KeyError:
                    raise KeyError(f"No chart series is called {name!r}.") from None
        return result

    def kinds_feeding(self, spec: ChartSpec) -> list[EntryKind]:
        """The kinds of entry whose logging fills a chart, in the order of its series."""
        kinds: dict[EntryKind, None] = {}
        with self.db.reading() as session:
            for series in spec.series:
                base, _, _param = series.name.partition(":")
                kind = _SPECIAL_KINDS.get(base)
                if kind is None:
                    try:
                        kind = resolve(session, series.name.removesuffix("_weekly")).kind
                    except KeyError:
                        continue
                if kind is not None:  # CGM measures read readings, not entries
                    kinds[kind] = None
        return list(kinds)

    def flares(self, first: date, last: date) -> list[FlareSpan]:
        """Flare episodes touching [first, last]; an ongoing one runs to today."""
        with self.db.reading() as session:
            rows = q.flare_spans(session, first, last)
        today = self.today()
        return [
            FlareSpan(
                first=from_epoch_day(start),
                last=from_epoch_day(end) if end is not None else max(today, from_epoch_day(start)),
                condition=condition,
                ongoing=end is None,
            )
            for start, end, condition in rows
        ]

    # --- ranges --------------------------------------------------------------------------

    def today(self) -> date:
        return self.clock.now().date()

    def range_dates(self, name: str) -> tuple[date, date]:
        """The first and last day of a named range ("2w", "3m", "1y", "all"), ending today."""
        today = self.today()
        if name in _RANGE_DAYS:
            return today - timedelta(days=_RANGE_DAYS[name] - 1), today
        if name != "all":
            raise KeyError(f"No chart range is called {name!r}.")
        with self.db.reading() as session:
            first = q.first_day(session)
            readings = cgm_store.reading_days(session)
        if readings is not None:  # CGM readings count too: "all" shows the first of them
            first_reading = from_epoch_day(readings[0])
            first = first_reading if first is None else min(first, first_reading)
        if first is None or first > today:
            return today - timedelta(days=_RANGE_DAYS["2w"] - 1), today
        return first, today

    # --- layout --------------------------------------------------------------------------

    def layout(self) -> ChartLayout:
        with self.db.reading() as session:
            raw = repo.get_setting(session, LAYOUT_KEY)
        return layout_from_json(raw)

    def save_layout(self, layout: ChartLayout) -> None:
        with self.db.transaction() as session:
            repo.put_setting(session, LAYOUT_KEY, layout_to_json(layout))

    # --- export --------------------------------------------------------------------------

    def export_csv(self, path: Path, series: Sequence[Series]) -> int:
        """Write the bucketed series as one CSV row per date; returns the number of rows.

        The file is written next to its destination first, so a failed write leaves no
        half-written file behind.
        """
        header, rows = series_table(series)
        partial = path.with_name(path.name + ".partial")
        try:
            with partial.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow([safe_cell(str(name)) for name in header])  # tracker names
                writer.writerows(rows)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        return len(rows)


# --- computing each series ------------------------------------------------------------------


def _shown(request: _Request, spec: Measure, daily: FloatArray) -> tuple[FloatArray, str]:
    """Values in the unit the user sees (glucose in mmol/L if chosen)."""
    if spec.quantity is None:
        return daily, spec.unit
    shown = conversion(spec.quantity, request.units)
    return daily * shown.factor, shown.unit


def _measure_series(request: _Request, name: str) -> Series:
    spec, daily = request.measure_daily(name)
    values, unit = _shown(request, spec, daily)
    return bucketed(
        name, spec.label, unit, values, request.first_day, request.aggregation, spec.period.value
    )


def _weekly_total(request: _Request, name: str, _param: str) -> Series:
    """A measure's weekly totals ("who_minutes_weekly"): whole calendar weeks, read from the
    Monday before to the Sunday after the range."""
    first = request.first - timedelta(days=request.first.weekday())
    last = request.last + timedelta(days=6 - request.last.weekday())
    spec, daily = request.measure_daily(name.removesuffix("_weekly"), first, last)
    assert spec.additive, f"{spec.name} does not add up over a week"
    return weekly_total_series(
        name, f"{spec.label} a week", spec.unit, daily, to_epoch_day(first), request.aggregation
    )


def _glucose_readings(request: _Request, name: str, _param: str) -> Series:
    seconds, days, mgdl = request.table(q.glucose_readings)[:3]
    unit = request.units.glucose.value
    return readings(name, "Readings", unit, seconds, days, mgdl / request.glucose_factor())


def _cgm_trace(request: _Request, name: str, _param: str) -> Series:
    """CGM readings as one line at their moments, broken where the sensor was silent; read
    through the CGM service, which keeps them until readings change (not on every entry)."""
    unit = request.units.glucose.value
    if request.cgm is None:
        empty = np.empty(0)
        return readings(name, "CGM", unit, empty, empty, empty)
    long = (request.last - request.first).days + 1 >= TRACE_BY_DAY_FROM_DAYS
    if long and request.cgm_days is not None:
        return _cgm_trace_by_day(request.cgm_days(request.first, request.last), request, name)
    columns = request.cgm(request.first, request.last)
    local = (columns.utc + columns.offset.astype(np.int64) * 60).astype(np.float64)
    breaks = np.flatnonzero(np.diff(local) > TRACE_BREAK_MINUTES * 60) + 1
    x = np.insert(local, breaks, np.nan)
    x[breaks + np.arange(len(breaks))] = local[breaks - 1] + 1.0  # a gap point, drawn as none
    y = np.insert(columns.mgdl / request.glucose_factor(), breaks, np.nan)
    days = np.insert(columns.day.astype(np.float64), breaks, columns.day[breaks - 1])
    return readings(name, "CGM", unit, x, days, y)


def _cgm_trace_by_day(extremes: DayExtremes, request: _Request, name: str) -> Series:
    """Each day's lowest reading at a third of the day and its highest at two thirds, the
    line broken after a day without readings; each lowest point counts the day's readings,
    so the tooltip still says how many there were."""
    day = extremes.day.astype(np.float64)
    x = np.column_stack([(day + 1 / 3) * 86_400, (day + 2 / 3) * 86_400]).ravel()
    y = np.column_stack([extremes.low, extremes.high]).ravel() / request.glucose_factor()
    days = np.repeat(day, 2)
    counts = np.column_stack([extremes.count, np.zeros_like(extremes.count)]).ravel()
    breaks = 2 * (np.flatnonzero(np.diff(extremes.day) > 1) + 1)
    x = np.insert(x, breaks, x[breaks - 1] + 1.0)  # a gap point, drawn as none
    y = np.insert(y, breaks, np.nan)
    days = np.insert(days, breaks, days[breaks - 1])
    counts = np.insert(counts, breaks, 0)
    trace = readings(name, "CGM", request.units.glucose.value, x, days, y)
    return replace(trace, counts=counts.astype(np.int64))


def _doses_due(request: _Request, name: str, _param: str) -> Series:
    medications = repo.medications(request.session)
    days = (request.last - request.first).days + 1
    counts = [
        due_count(medications, request.first + timedelta(days=i), request.localize)
        for i in range(days)
    ]
    # Days when nothing is due are gaps, not zeros.
    daily = np.array([c if c else np.nan for c in counts], dtype=np.float64)
    return bucketed(name, "Due", "doses", daily, request.first_day, request.aggregation, "sum")


def _lab(request: _Request, name: str, code: str) -> Series:
    rows = q.lab_values(request.session, request.first, request.last, [code])
    seconds, days, _tests, values = _lab_columns(rows)
    test = LAB_TESTS.get(code)
    if test is None:
        return readings(name, code, "", seconds, days, values)
    shown = shown_unit(test, request.units)
    shown_values = (values - shown.offset) / shown.factor
    return readings(name, test.name, shown.name, seconds, days, shown_values)


def _homa_ir(request: _Request, name: str, _param: str) -> Series:
    rows = q.lab_values(
        request.session, request.first, request.last, ["fasting_glucose", "fasting_insulin"]
    )
    # The latest result of each test per day, as on the Today view (analysis.labs).
    latest: dict[tuple[int, str], tuple[float, float]] = {}
    for seconds, day, test, value in rows:
        latest[(int(day), str(test))] = (float(seconds), float(value))
    days = sorted(
        d for d, t in latest if t == "fasting_glucose" and (d, "fasting_insulin") in latest
    )
    values = [
        round(homa_ir(latest[(d, "fasting_insulin")][1], latest[(d, "fasting_glucose")][1]), 2)
        for d in days
    ]
    seconds = [latest[(d, "fasting_glucose")][0] for d in days]
    return readings(
        name, "HOMA-IR", "", np.array(seconds), np.array(days, dtype=np.float64), np.array(values)
    )


def _lab_columns(
    rows: Sequence[Sequence[Any]],
) -> tuple[FloatArray, FloatArray, list[str], FloatArray]:
    if not rows:
        empty = np.empty(0)
        return empty, empty, [], empty
    seconds = np.array([r[0] for r in rows], dtype=np.float64)
    days = np.array([r[1] for r in rows], dtype=np.float64)
    values = np.array([r[3] for r in rows], dtype=np.float64)
    return seconds, days, [str(r[2]) for r in rows], values


# Series that are not one daily measure bucketed: by the part of the name before ":".
_SPECIAL: dict[str, Callable[[_Request, str, str], Series]] = {
    "active_minutes_weekly": _weekly_total,
    "who_minutes_weekly": _weekly_total,
    "glucose_readings": _glucose_readings,
    "cgm_trace": _cgm_trace,
    "doses_due": _doses_due,
    "lab": _lab,
    "homa_ir": _homa_ir,
}
_SPECIAL_KINDS = {
    "glucose_readings": EntryKind.GLUCOSE,
    "doses_due": EntryKind.DOSE,
    "lab": EntryKind.LAB,
    "homa_ir": EntryKind.LAB,
}
