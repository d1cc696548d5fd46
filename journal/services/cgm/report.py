"""What the Glucose view and ``glucose-stats`` show for a range: the consensus metrics, the
AGP, each day's trace, and the rise after each meal, compared by tag and meal type.

Everything is computed from the historic readings of the range's local days with
``journal.analysis.cgm_metrics``, so the view, the command line and any later report agree.
Meals come from the journal; their response needs readings up to three hours after them,
so the stream is read a day beyond each end of the range.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from statistics import median
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from journal.analysis.cgm_metrics import (
    MEAL_BASELINE_MINUTES,
    MEAL_WINDOW_MINUTES,
    Agp,
    CgmMetrics,
    MealResponse,
    agp,
    cgm_metrics,
    meal_response,
)
from journal.domain.cgm import TRACE_BREAK_MINUTES
from journal.domain.entries import Meal
from journal.domain.vocabulary import EntryKind
from journal.store import repository as repo
from journal.store.cgm_stream import HistoricColumns, read_historic_days

FloatArray = NDArray[np.float64]
_EPOCH = date(1970, 1, 1)
SECONDS_PER_DAY = 86_400


def epoch_day(day: date) -> int:
    return (day - _EPOCH).days


def from_epoch_day(day: int) -> date:
    return _EPOCH + timedelta(days=int(day))


@dataclass(frozen=True)
class MealMark:
    """A meal on a daily trace: when it was eaten and, if the readings tell, its peak."""

    minute: float
    label: str
    rise_mgdl: float | None
    peak_minute: float | None
    peak_mgdl: float | None


@dataclass(frozen=True, eq=False)
class DayTrace:
    """One local day's historic readings: ``minutes`` after local midnight (elapsed time,
    so an autumn day runs to 1500), NaN where the line breaks at a gap."""

    day: date
    minutes: FloatArray
    mgdl: FloatArray
    meals: tuple[MealMark, ...] = ()

    @property
    def readings(self) -> int:
        return int(np.count_nonzero(np.isfinite(self.mgdl)))


@dataclass(frozen=True, eq=False)
class MealRise:
    """A meal and how glucose moved after it; ``minutes``/``mgdl`` are the readings from
    30 minutes before to 3 hours after it (for drawing the meals over one another)."""

    meal: Meal
    response: MealResponse | None
    minutes: FloatArray
    mgdl: FloatArray

    @property
    def label(self) -> str:
        what = self.meal.items.strip() or self.meal.meal_type.value.capitalize()
        return what if len(what) <= 48 else what[:47] + "…"


@dataclass(frozen=True)
class MealGroup:
    """Meals sharing a tag or a meal type, with the median of their responses."""

    name: str
    by: str  # "tag" or "meal type"
    meals: int
    measured: int
    median_rise_mgdl: float | None
    median_peak_mgdl: float | None
    median_minutes_to_peak: float | None
    back_to_baseline: int


@dataclass(frozen=True, eq=False)
class GlucoseReport:
    """Everything the Glucose view shows for the days first..last."""

    first: date
    last: date
    target_mgdl: tuple[float, float]
    metrics: CgmMetrics | None
    agp: Agp | None
    traces: tuple[DayTrace, ...]
    meals: tuple[MealRise, ...]
    groups: tuple[MealGroup, ...]

    @property
    def readings(self) -> int:
        return self.metrics.readings if self.metrics is not None else 0


# --- reading ----------------------------------------------------------------------------------


def historic_between(session: Session, first: date, last: date) -> HistoricColumns:
    """The historic readings of local days first..last, in time order."""
    return read_historic_days(session, epoch_day(first), epoch_day(last))


def in_days(columns: HistoricColumns, first: date, last: date) -> HistoricColumns:
    mask = (columns.day >= epoch_day(first)) & (columns.day <= epoch_day(last))
    return columns.where(mask)


def metrics_of(columns: HistoricColumns, target: tuple[float, float]) -> CgmMetrics | None:
    return cgm_metrics(columns.utc, columns.offset, columns.mgdl, user_range=target)


def agp_of(columns: HistoricColumns) -> Agp | None:
    return agp(columns.utc, columns.offset, columns.mgdl)


def build_report(
    session: Session,
    first: date,
    last: date,
    target: tuple[float, float],
    *,
    wide: HistoricColumns | None = None,
) -> GlucoseReport:
    """The report of days first..last; ``wide`` may give the historic readings of the day
    before to the day after (read here otherwise)."""
    if wide is None:
        wide = historic_between(session, first - timedelta(days=1), last + timedelta(days=1))
    columns = in_days(wide, first, last)
    metrics = metrics_of(columns, target)
    interval = metrics.interval_minutes if metrics is not None else 5.0
    meals = [
        e
        for e in repo.entries_between(session, first, last, [EntryKind.MEAL])
        if isinstance(e, Meal)
    ]
    rises = [rise_after(wide, meal, interval) for meal in meals]
    return GlucoseReport(
        first=first,
        last=last,
        target_mgdl=target,
        metrics=metrics,
        agp=agp_of(columns),
        traces=tuple(day_traces(columns, first, last, rises)),
        meals=tuple(rises),
        groups=tuple(compare_meals(rises)),
    )


# --- daily traces -----------------------------------------------------------------------------


def day_traces(
    columns: HistoricColumns, first: date, last: date, rises: Sequence[MealRise] = ()
) -> list[DayTrace]:
    """A trace for every day first..last (empty on a day without readings)."""
    first_day, last_day = epoch_day(first), epoch_day(last)
    starts = np.searchsorted(columns.day, np.arange(first_day, last_day + 2))
    by_day: dict[date, list[MealMark]] = {}
    for rise in rises:
        by_day.setdefault(rise.meal.day, []).append(_mark(rise))
    traces = []
    for i, day_number in enumerate(range(first_day, last_day + 1)):
        lo, hi = int(starts[i]), int(starts[i + 1])
        day = from_epoch_day(day_number)
        minutes, values = _trace(
            columns.utc[lo:hi], columns.offset[lo:hi], columns.mgdl[lo:hi], day_number
        )
        traces.append(DayTrace(day, minutes, values, tuple(by_day.get(day, ()))))
    return traces


def _trace(
    utc: NDArray[np.int64], offset: NDArray[np.int16], mgdl: FloatArray, day_number: int
) -> tuple[FloatArray, FloatArray]:
    if not len(utc):
        return np.empty(0), np.empty(0)
    midnight = day_number * SECONDS_PER_DAY - int(offset[0]) * 60
    minutes = (utc - midnight) / 60.0
    # NaN after each reading followed by a silence: the line stops there.
    breaks = np.flatnonzero(np.diff(minutes) > TRACE_BREAK_MINUTES) + 1
    return (
        np.insert(minutes, breaks, np.nan).astype(np.float64),
        np.insert(mgdl.astype(np.float64), breaks, np.nan),
    )


def _minute_of(moment: datetime) -> float:
    return moment.hour * 60 + moment.minute + moment.second / 60


def _mark(rise: MealRise) -> MealMark:
    minute = _minute_of(rise.meal.at)
    response = rise.response
    if response is None:
        return MealMark(minute, rise.label, None, None, None)
    return MealMark(
        minute,
        rise.label,
        response.rise_mgdl,
        minute + response.minutes_to_peak,
        response.peak_mgdl,
    )


# --- meals ------------------------------------------------------------------------------------


def rise_after(columns: HistoricColumns, meal: Meal, interval_minutes: float) -> MealRise:
    """The meal's response, and the readings around it."""
    meal_utc = int(meal.at.timestamp())
    response = meal_response(columns.utc, columns.mgdl, meal_utc, interval_minutes=interval_minutes)
    lo = int(np.searchsorted(columns.utc, meal_utc - MEAL_BASELINE_MINUTES * 60, side="left"))
    hi = int(np.searchsorted(columns.utc, meal_utc + MEAL_WINDOW_MINUTES * 60, side="right"))
    minutes = (columns.utc[lo:hi] - meal_utc) / 60.0
    return MealRise(
        meal, response, minutes.astype(np.float64), columns.mgdl[lo:hi].astype(np.float64)
    )


def compare_meals(rises: Sequence[MealRise]) -> list[MealGroup]:
    """One group per meal type and per tag (tags seen on at least two meals), largest first."""
    groups: dict[tuple[str, str], list[MealRise]] = {}
    for rise in rises:
        groups.setdefault(("meal type", rise.meal.meal_type.value), []).append(rise)
        for tag in rise.meal.tags:
            groups.setdefault(("tag", tag), []).append(rise)
    result = []
    for (by, name), members in groups.items():
        if by == "tag" and len(members) < 2:
            continue
        measured = [m.response for m in members if m.response is not None]
        result.append(
            MealGroup(
                name=name,
                by=by,
                meals=len(members),
                measured=len(measured),
                median_rise_mgdl=median(r.rise_mgdl for r in measured) if measured else None,
                median_peak_mgdl=median(r.peak_mgdl for r in measured) if measured else None,
                median_minutes_to_peak=median(r.minutes_to_peak for r in measured)
                if measured
                else None,
                back_to_baseline=sum(1 for r in measured if r.minutes_to_baseline is not None),
            )
        )
    result.sort(key=lambda g: (g.by != "meal type", -g.measured, g.name))
    return result


# --- glucose-stats ----------------------------------------------------------------------------


def _iso(utc: int, offsets: HistoricColumns) -> str:
    index = int(np.searchsorted(offsets.utc, utc))
    minutes = int(offsets.offset[min(index, len(offsets) - 1)])
    zone = timezone(timedelta(minutes=minutes))
    return datetime.fromtimestamp(utc, UTC).astimezone(zone).isoformat()


def _number(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return float(value)


# The keys of ``glucose-stats --json``, in order (a contract: README, tests/e2e).
STATS_KEYS = (
    "readings",
    "first",
    "last",
    "days",
    "active_pct",
    "mean_mg_dl",
    "sd_mg_dl",
    "cv_pct",
    "gmi_pct",
    "tir_70_180_pct",
    "tbr_below_70_pct",
    "tbr_below_54_pct",
    "tar_above_180_pct",
    "tar_above_250_pct",
    "agp",
)


def stats_json(columns: HistoricColumns, target: tuple[float, float]) -> dict[str, Any]:
    """The ``glucose-stats --json`` document of these historic readings (README)."""
    metrics = metrics_of(columns, target)
    profile = agp_of(columns)
    if metrics is None:
        return {"readings": len(columns), **dict.fromkeys(STATS_KEYS[1:-1]), "agp": []}
    agp_points = []
    if profile is not None:
        for i, minute in enumerate(profile.minute_of_day):
            agp_points.append(
                {"minute": int(minute)}
                | {f"p{p}": _number(float(profile.percentile(p)[i])) for p in (5, 25, 50, 75, 95)}
            )
    return {
        "readings": metrics.readings,
        "first": _iso(metrics.first_utc, columns),
        "last": _iso(metrics.last_utc, columns),
        "days": metrics.span_days,
        "active_pct": metrics.active_percent,
        "mean_mg_dl": metrics.mean_mgdl,
        "sd_mg_dl": metrics.sd_mgdl,
        "cv_pct": metrics.cv_percent,
        "gmi_pct": metrics.gmi_percent,
        "tir_70_180_pct": metrics.in_range.percent,
        "tbr_below_70_pct": metrics.below_70.percent,
        "tbr_below_54_pct": metrics.very_low.percent,
        "tar_above_180_pct": metrics.above_180.percent,
        "tar_above_250_pct": metrics.very_high.percent,
        "agp": agp_points,
    }
