"""What the charts view asks for: the catalogue of charts, each series as numpy arrays, the
flare episodes to shade, date ranges, the remembered layout, and CSV export.

Every series is read with one query for the whole range (never one per day) and computed in
``journal.analysis.series``. This module imports numpy, so the app imports it only when the
charts are first opened.
"""

from __future__ import annotations

import csv
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import numpy as np
from sqlalchemy.orm import Session

from journal.analysis.series import (
    Aggregation,
    FloatArray,
    Reduce,
    Series,
    bucketed,
    columns,
    daily_grid,
    doses_due_daily,
    from_epoch_day,
    readings,
    series_table,
    to_epoch_day,
    weekly_total_series,
)
from journal.domain.clock import Clock
from journal.domain.labs import LAB_TESTS, homa_ir
from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit, UnitPreferences
from journal.domain.vocabulary import TrackerType
from journal.store import repository as repo
from journal.store import series_queries as q
from journal.store.database import Database

Style = Literal["line", "thin", "bars", "points", "markers"]
"""How a series is drawn: a line with gaps, a thin secondary line, bars, loose points, or
sparse values joined by a line with a marker on each."""

LAYOUT_KEY = "charts.layout"
# Query results kept between requests (a few ranges of every series); each is a few arrays
# of at most one value per day, so even ten years stay well under a megabyte apiece.
CACHED_READS = 64

RANGES: dict[str, str] = {"2w": "2 weeks", "3m": "3 months", "1y": "1 year", "all": "All"}
_RANGE_DAYS = {"2w": 14, "3m": 91, "1y": 365}

# ADA Standards of Care: fasting plasma glucose < 100 mg/dL is normal. CGM consensus
# (Battelino et al., Diabetes Care 2019): target range 70-180 mg/dL. WHO 2020: 150 min/week
# of moderate activity for adults.
GLUCOSE_TARGET_MGDL = (70.0, 180.0)
FASTING_LINE_MGDL = 100.0
WEEKLY_ACTIVE_TARGET_MIN = 150.0

MEAL_QUALITY_SERIES = ("processed", "vegetables")


@dataclass(frozen=True)
class SeriesSpec:
    name: str
    label: str
    style: Style
    colour: str
    """A key of journal.ui.palette.OKABE_ITO; the view picks the shade for the scheme."""


@dataclass(frozen=True)
class Guide:
    """A reference drawn behind the data: a band from ``low`` to ``high``, or a line at ``low``."""

    label: str
    low: float
    high: float | None = None


@dataclass(frozen=True)
class ChartSpec:
    """One chart of the stack: a title, a unit for its axis, its series and guides."""

    key: str
    title: str
    unit: str
    series: tuple[SeriesSpec, ...]
    guides: tuple[Guide, ...] = ()
    y_range: tuple[float, float] | None = None
    shown_by_default: bool = False
    description: str = ""


@dataclass(frozen=True)
class FlareSpan:
    """A flare episode as shaded on the charts: ``last`` is inclusive (today while ongoing)."""

    first: date
    last: date
    condition: str
    ongoing: bool


@dataclass(frozen=True)
class ChartLayout:
    """Which charts the user shows, in which order, over which range and aggregation."""

    order: tuple[str, ...] = ()
    hidden: frozenset[str] = frozenset()
    range: str = "3m"
    aggregation: Aggregation = Aggregation.DAILY
    custom: tuple[date, date] | None = None

    def arrange(self, catalogue: Sequence[ChartSpec]) -> list[tuple[ChartSpec, bool]]:
        """The catalogue in the user's order with whether each is shown; charts new since
        the layout was saved follow, shown if they are shown by default."""
        by_key = {c.key: c for c in catalogue}
        known = [by_key[k] for k in self.order if k in by_key]
        new = [c for c in catalogue if c.key not in self.order]
        return [(c, c.key not in self.hidden) for c in known] + [
            (c, c.shown_by_default) for c in new
        ]


@dataclass
class _Request:
    session: Session
    first: date
    last: date
    aggregation: Aggregation
    units: UnitPreferences
    today: date
    params: list[str] = field(default_factory=list)
    memo: OrderedDict[tuple[Any, ...], list[FloatArray]] = field(default_factory=OrderedDict)
    """Query results by query and range, shared by series from the same read (carbs and added
    sugar are one query) and, through the service, by later requests until a change."""

    @property
    def first_day(self) -> int:
        return to_epoch_day(self.first)

    @property
    def last_day(self) -> int:
        return to_epoch_day(self.last)

    def table(self, query: Callable[..., Sequence[Sequence[Any]]], *args: Any) -> list[FloatArray]:
        """The columns of a per-range query as float arrays, read once per batch."""
        key = (query, self.first, self.last, *args)
        if key in self.memo:
            self.memo.move_to_end(key)
            return self.memo[key]
        rows = query(self.session, self.first, self.last, *args)
        table = columns(rows, len(rows[0]) if rows else 8)
        self.memo[key] = table
        while len(self.memo) > CACHED_READS:
            self.memo.popitem(last=False)
        return table

    def daily(
        self, query: Callable[..., Sequence[Sequence[Any]]], column: int, *args: Any
    ) -> FloatArray:
        """Column ``column`` of a per-day query (day first) on the range's daily grid."""
        table = self.table(query, *args)
        return daily_grid(table[0], table[column], self.first_day, self.last_day)

    def grid(self, rows: Sequence[Sequence[Any]], column: int) -> FloatArray:
        """Column ``column`` of per-day rows (day first) on the range's daily grid."""
        table = columns(rows, column + 1)
        return daily_grid(table[0], table[column], self.first_day, self.last_day)

    def bucket(self, name: str, label: str, unit: str, daily: FloatArray, how: Reduce) -> Series:
        return bucketed(name, label, unit, daily, self.first_day, self.aggregation, how)


class ChartService:
    """Series, flares and layout for the charts view of one open journal."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._reads: OrderedDict[tuple[Any, ...], list[FloatArray]] = OrderedDict()

    def forget(self) -> None:
        """Drop the reads kept from earlier requests; call on every change to the journal
        (the charts view does, on ``JournalSignals.changed``)."""
        self._reads.clear()

    # --- catalogue -----------------------------------------------------------------------

    def catalogue(self, units: UnitPreferences) -> list[ChartSpec]:
        """Every chart the journal can show, custom trackers and lab tests included."""
        with self.db.reading() as session:
            trackers = repo.trackers(session)
            labs = q.lab_tests_present(session)
            symptoms = q.symptom_names(session)
        charts = _fixed_charts(units)
        if symptoms:
            charts.append(_symptom_detail_chart(symptoms))
        charts.extend(_lab_charts(labs))
        charts.extend(
            ChartSpec(
                key=f"tracker:{t.id}",
                title=t.name,
                unit=t.unit or _tracker_unit(t.type),
                series=(SeriesSpec(f"tracker:{t.id}", t.name, "line", "yellow"),),
                y_range=(0.0, 10.0) if t.type is TrackerType.SCALE else None,
                description="A tracker you defined.",
            )
            for t in trackers
        )
        return charts

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
        """Several series over one range, read in one session; series that come from the same
        table and columns (e.g. mean stress, highest stress and mood) share one query."""
        if last < first:
            raise ValueError("The last day of a chart range comes before its first day.")
        result: dict[str, Series] = {}
        with self.db.reading() as session:
            request = _Request(
                session, first, last, aggregation, units, self.today(), memo=self._reads
            )
            for name in names:
                base, _, param = name.partition(":")
                compute = _SERIES.get(base)
                if compute is None:
                    raise KeyError(f"No chart series is called {name!r}.")
                request.params = [param]
                result[name] = compute(request, name)
        return result

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
        if first is None or first > today:
            return today - timedelta(days=_RANGE_DAYS["2w"] - 1), today
        return first, today

    # --- layout --------------------------------------------------------------------------

    def layout(self) -> ChartLayout:
        with self.db.reading() as session:
            raw = repo.get_setting(session, LAYOUT_KEY)
        return _layout_from_json(raw)

    def save_layout(self, layout: ChartLayout) -> None:
        with self.db.transaction() as session:
            repo.put_setting(session, LAYOUT_KEY, _layout_to_json(layout))

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
                writer.writerow(header)
                writer.writerows(rows)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        return len(rows)


def charts_for(services: Any) -> ChartService:
    """The chart service of an open journal (``journal.services.Services``)."""
    return ChartService(services.db, services.journal.clock)


# --- the fixed catalogue ------------------------------------------------------------------


def _glucose_unit(units: UnitPreferences) -> str:
    return units.glucose.value


def _in_glucose_unit(mgdl: float, units: UnitPreferences) -> float:
    return mgdl / MGDL_PER_MMOLL if units.glucose is GlucoseUnit.MMOLL else mgdl


def _fixed_charts(units: UnitPreferences) -> list[ChartSpec]:
    low, high = (_in_glucose_unit(v, units) for v in GLUCOSE_TARGET_MGDL)
    fasting = _in_glucose_unit(FASTING_LINE_MGDL, units)
    return [
        ChartSpec(
            "glucose",
            "Blood glucose",
            _glucose_unit(units),
            (
                SeriesSpec("glucose_readings", "Readings", "points", "sky"),
                SeriesSpec("glucose_mean", "Daily mean", "line", "blue"),
                SeriesSpec("glucose_fasting", "Fasting", "markers", "green"),
                SeriesSpec("glucose_after_meal", "After meals", "line", "orange"),
            ),
            (Guide("Target range 70-180 mg/dL", low, high), Guide("Fasting 100 mg/dL", fasting)),
            shown_by_default=True,
            description="Target range from the CGM consensus (Battelino 2019); fasting line "
            "from the ADA.",
        ),
        ChartSpec(
            "carbs",
            "Carbohydrates and added sugar",
            "g",
            (
                SeriesSpec("carbs", "Carbs", "bars", "orange"),
                SeriesSpec("added_sugar", "Added sugar", "line", "vermillion"),
            ),
            shown_by_default=True,
        ),
        ChartSpec(
            "meal_quality",
            "Meal qualities",
            "meals",
            (
                SeriesSpec("meal_tag:processed", "Processed", "line", "vermillion"),
                SeriesSpec("meal_tag:vegetables", "Vegetables", "line", "green"),
            ),
        ),
        ChartSpec(
            "active",
            "Active minutes",
            "min",
            (SeriesSpec("active_minutes", "Active minutes", "bars", "green"),),
            shown_by_default=True,
        ),
        ChartSpec(
            "active_weekly",
            "Active minutes per week",
            "min",
            (SeriesSpec("active_minutes_weekly", "Weekly total", "bars", "green"),),
            (Guide("150 min a week (WHO)", WEEKLY_ACTIVE_TARGET_MIN),),
            description="WHO: 150-300 minutes of moderate activity a week for adults.",
        ),
        ChartSpec(
            "sleep",
            "Sleep",
            "h",
            (SeriesSpec("sleep_hours", "Hours slept", "bars", "blue"),),
            shown_by_default=True,
        ),
        ChartSpec(
            "stress",
            "Stress and mood",
            "0-10",
            (
                SeriesSpec("stress_mean", "Stress (mean)", "line", "purple"),
                SeriesSpec("stress_max", "Stress (highest)", "thin", "purple"),
                SeriesSpec("mood", "Mood", "line", "sky"),
            ),
            y_range=(0.0, 10.0),
            shown_by_default=True,
        ),
        ChartSpec(
            "symptoms",
            "Symptoms and flares",
            "0-10",
            (
                SeriesSpec("flare_severity", "Flare severity", "bars", "vermillion"),
                SeriesSpec("symptoms_worst", "Worst symptom", "line", "purple"),
            ),
            y_range=(0.0, 10.0),
            shown_by_default=True,
            description="Worst symptom score of each day; flare severity on flare days.",
        ),
        ChartSpec(
            "doses",
            "Doses taken and due",
            "doses",
            (
                SeriesSpec("doses_taken", "Taken", "bars", "green"),
                SeriesSpec("doses_due", "Due", "thin", "grey"),
            ),
            description="Doses count as due from the first one logged for each medication.",
        ),
    ]


def _symptom_detail_chart(symptoms: Sequence[str]) -> ChartSpec:
    colours = ("vermillion", "blue", "green", "purple", "orange", "sky", "grey", "yellow")
    return ChartSpec(
        "symptom_scores",
        "Each symptom",
        "0-10",
        tuple(
            SeriesSpec(f"symptom:{name}", name.capitalize(), "line", colours[i % len(colours)])
            for i, name in enumerate(symptoms)
        ),
        y_range=(0.0, 10.0),
    )


def _lab_charts(present: Sequence[str]) -> list[ChartSpec]:
    charts = [
        ChartSpec(
            f"lab:{code}",
            f"Lab: {LAB_TESTS[code].name}",
            LAB_TESTS[code].unit,
            (SeriesSpec(f"lab:{code}", LAB_TESTS[code].name, "markers", "grey"),),
        )
        for code in present
        if code in LAB_TESTS
    ]
    if {"fasting_glucose", "fasting_insulin"} <= set(present):
        charts.append(
            ChartSpec(
                "homa_ir",
                "Lab: HOMA-IR",
                "",
                (SeriesSpec("homa_ir", "HOMA-IR", "markers", "grey"),),
                description="Fasting insulin x fasting glucose / 405 (Matthews 1985), on days "
                "with both results.",
            )
        )
    return charts


def _tracker_unit(kind: TrackerType) -> str:
    return {TrackerType.SCALE: "0-10", TrackerType.YES_NO: "yes = 1"}.get(kind, "")


# --- computing each series ------------------------------------------------------------------


def _meals(request: _Request, name: str) -> Series:
    column, label = (1, "Carbs") if name == "carbs" else (2, "Added sugar")
    return request.bucket(name, label, "g", request.daily(q.meal_days, column), "mean")


def _meal_tag(request: _Request, name: str) -> Series:
    tag = request.params[0]
    daily = request.daily(q.meal_tag_days, 1, tag)
    return request.bucket(name, tag.capitalize(), "meals", daily, "sum")


def _active(request: _Request, name: str) -> Series:
    daily = request.daily(q.exercise_days, 1)
    return request.bucket(name, "Active minutes", "min", daily, "mean")


def _active_weekly(request: _Request, name: str) -> Series:
    # Whole calendar weeks: read from the Monday before to the Sunday after the range.
    first = request.first - timedelta(days=request.first.weekday())
    last = request.last + timedelta(days=6 - request.last.weekday())
    rows = q.exercise_days(request.session, first, last)
    table = columns(rows, 2)
    daily = daily_grid(table[0], table[1], to_epoch_day(first), to_epoch_day(last))
    return weekly_total_series(
        name, "Weekly total", "min", daily, to_epoch_day(first), request.aggregation
    )


def _stress(request: _Request, name: str) -> Series:
    column, label, how = {
        "stress_mean": (1, "Stress (mean)", "mean"),
        "stress_max": (2, "Stress (highest)", "max"),
        "mood": (3, "Mood", "mean"),
    }[name]
    return request.bucket(name, label, "0-10", request.daily(q.stress_days, column), how)  # type: ignore[arg-type]


def _sleep(request: _Request, name: str) -> Series:
    return request.bucket(name, "Hours slept", "h", request.daily(q.sleep_days, 1), "mean")


def _glucose_factor(request: _Request) -> float:
    return MGDL_PER_MMOLL if request.units.glucose is GlucoseUnit.MMOLL else 1.0


def _glucose_readings(request: _Request, name: str) -> Series:
    seconds, days, mgdl = request.table(q.glucose_readings)[:3]
    factor = _glucose_factor(request)
    unit = request.units.glucose.value
    return readings(name, "Readings", unit, seconds, days, mgdl / factor)


def _glucose_daily(request: _Request, name: str) -> Series:
    column, label = {
        "glucose_mean": (1, "Daily mean"),
        "glucose_fasting": (2, "Fasting"),
        "glucose_after_meal": (3, "After meals"),
    }[name]
    daily = request.daily(q.glucose_days, column) / _glucose_factor(request)
    return request.bucket(name, label, request.units.glucose.value, daily, "mean")


def _symptoms(request: _Request, name: str) -> Series:
    symptom = request.params[0] or None
    rows = q.symptom_days(
        request.session,
        request.first,
        request.last,
        symptom,
        in_flares_only=name == "flare_severity",
    )
    label = {"flare_severity": "Flare severity", "symptoms_worst": "Worst symptom"}.get(
        name, (symptom or "").capitalize()
    )
    return request.bucket(name, label, "0-10", request.grid(rows, 1), "max")


def _doses_taken(request: _Request, name: str) -> Series:
    return request.bucket(name, "Taken", "doses", request.daily(q.dose_days, 1), "sum")


def _doses_due(request: _Request, name: str) -> Series:
    rows = q.medication_schedules(request.session)
    schedules = [
        (len(times or ()), bool(active), int(start), int(stop))
        for times, active, start, stop in rows
    ]
    daily = doses_due_daily(
        schedules, request.first_day, request.last_day, to_epoch_day(request.today)
    )
    return request.bucket(name, "Due", "doses", daily, "sum")


def _lab(request: _Request, name: str) -> Series:
    code = request.params[0]
    rows = q.lab_values(request.session, request.first, request.last, [code])
    seconds, days, _tests, values = _lab_columns(rows)
    test = LAB_TESTS.get(code)
    label, unit = (test.name, test.unit) if test else (code, "")
    if code == "fasting_glucose":
        values, unit = values / _glucose_factor(request), request.units.glucose.value
    return readings(name, label, unit, seconds, days, values)


def _homa_ir(request: _Request, name: str) -> Series:
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


def _tracker(request: _Request, name: str) -> Series:
    tracker_id = int(request.params[0])
    tracker = next((t for t in repo.trackers(request.session) if t.id == tracker_id), None)
    if tracker is None:
        raise KeyError(f"No tracker has the id {tracker_id}.")
    rows = q.tracker_days(request.session, request.first, request.last, tracker_id)
    # Numbers add up over a day (glasses of water, steps); a scale is averaged; yes/no is
    # "yes" if any answer that day was yes.
    column = {TrackerType.NUMBER: 1, TrackerType.SCALE: 2, TrackerType.YES_NO: 3}[tracker.type]
    unit = tracker.unit or _tracker_unit(tracker.type)
    return request.bucket(name, tracker.name, unit, request.grid(rows, column), "mean")


_SERIES: dict[str, Callable[[_Request, str], Series]] = {
    "carbs": _meals,
    "added_sugar": _meals,
    "meal_tag": _meal_tag,
    "active_minutes": _active,
    "active_minutes_weekly": _active_weekly,
    "stress_mean": _stress,
    "stress_max": _stress,
    "mood": _stress,
    "sleep_hours": _sleep,
    "glucose_readings": _glucose_readings,
    "glucose_mean": _glucose_daily,
    "glucose_fasting": _glucose_daily,
    "glucose_after_meal": _glucose_daily,
    "symptoms_worst": _symptoms,
    "flare_severity": _symptoms,
    "symptom": _symptoms,
    "doses_taken": _doses_taken,
    "doses_due": _doses_due,
    "lab": _lab,
    "homa_ir": _homa_ir,
    "tracker": _tracker,
}


# --- layout as JSON -------------------------------------------------------------------------


def _layout_to_json(layout: ChartLayout) -> dict[str, Any]:
    return {
        "order": list(layout.order),
        "hidden": sorted(layout.hidden),
        "range": layout.range,
        "aggregation": layout.aggregation.value,
        "custom": [d.isoformat() for d in layout.custom] if layout.custom else None,
    }


def _layout_from_json(raw: Any) -> ChartLayout:
    """A saved layout, or the default one if nothing (or something unreadable) was saved."""
    if not isinstance(raw, dict):
        return ChartLayout()
    try:
        custom = raw.get("custom")
        range_name = str(raw.get("range", "3m"))
        return ChartLayout(
            order=tuple(str(k) for k in raw.get("order", ())),
            hidden=frozenset(str(k) for k in raw.get("hidden", ())),
            range=range_name if range_name in RANGES or range_name == "custom" else "3m",
            aggregation=Aggregation(raw.get("aggregation", Aggregation.DAILY)),
            custom=(date.fromisoformat(custom[0]), date.fromisoformat(custom[1]))
            if custom
            else None,
        )
    except (TypeError, ValueError, IndexError):
        # Written by a newer version, or damaged: start from the defaults, calmly.
        return ChartLayout()
