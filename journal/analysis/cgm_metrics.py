"""The consensus CGM metrics, the ambulatory glucose profile (AGP) and the response to a meal.

Everything is numpy over the reading stream's columns (UTC seconds, UTC offset in minutes,
mg/dL, and optionally the reading kind), so a million readings take a fraction of a second.
Only historic readings count: when ``kind`` is given, scans and strips are left out, since
they are taken when a person chooses to look, not every few minutes.

The formulas follow the consensus (Battelino et al., Diabetes Care 2019), GMI (Bergenstal et
al., Diabetes Care 2018), and, where those leave a choice, iglu (Broll et al. 2021, the R
package ``iglu``), which they are checked against:

- active percent: iglu's ``active_percent`` ("automatic" range). With the reading interval
  dt (the device's, or the median gap rounded to whole minutes), the expected readings are
  round(minutes from first to last / dt) + 1, and the missing ones are
  round((sum of the gaps longer than dt - dt x their number) / dt);
- SD is the sample SD (n - 1), CV = SD / mean x 100, GMI = 3.31 + 0.02392 x mean;
- shares of time are shares of readings, with iglu's bounds: below 54 and below 70 are
  strict (g < 54), above 180 and above 250 are strict (g > 180), a range (low, high) is
  inclusive (low <= g <= high). The five consensus bands are therefore < 54, 54-69, 70-180,
  181-250 and > 250 mg/dL (for whole mg/dL), and they add up to 100 %.

Low and High readings count at the device's limits (40 and 400 mg/dL on a Dexcom), as the
vendors' own reports do: they are below 54 or above 250 whatever their exact value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from journal.domain.cgm import (
    CV_TARGET,
    GMI_INTERCEPT,
    GMI_SLOPE_PER_MGDL,
    SUFFICIENT_ACTIVE_PERCENT,
    SUFFICIENT_DAYS,
    TAR_180_TARGET,
    TAR_250_TARGET,
    TBR_54_TARGET,
    TBR_70_TARGET,
    TIR_TARGET,
    ConsensusTarget,
    ReadingKind,
)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

SECONDS_PER_DAY = 86_400
MINUTES_PER_DAY = 1440
AGP_PERCENTILES = (5, 25, 50, 75, 95)


@dataclass(frozen=True)
class TimeShare:
    """The share of readings in one glucose range, with its consensus target if it has one.

    ``low_mgdl`` and ``high_mgdl`` are the bounds; ``low_inclusive``/``high_inclusive`` say
    whether a reading on the bound is inside. None means open on that side.
    """

    name: str
    label: str
    low_mgdl: float | None
    high_mgdl: float | None
    low_inclusive: bool
    high_inclusive: bool
    percent: float
    target: ConsensusTarget | None = None

    @property
    def minutes_per_day(self) -> float:
        """The share as time in an average day (the consensus reports both)."""
        return self.percent / 100.0 * MINUTES_PER_DAY

    @property
    def hours_minutes(self) -> str:
        """The time per day as "h:mm", e.g. "16:48" for 70 %."""
        total = round(self.minutes_per_day)
        return f"{total // 60}:{total % 60:02d}"

    @property
    def target_met(self) -> bool | None:
        return None if self.target is None else self.target.met(self.percent)


@dataclass(frozen=True)
class Sufficiency:
    """Whether there is enough data for the metrics to mean what the consensus says they do."""

    enough: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class CgmMetrics:
    """The consensus metrics of one period of historic readings (mg/dL throughout)."""

    readings: int
    first_utc: int
    last_utc: int
    span_days: float  # last minus first, in days (iglu's "ndays")
    days_covered: int  # local calendar days from the first reading's to the last's
    days_with_data: int  # local calendar days with at least one reading
    interval_minutes: float
    active_percent: float
    mean_mgdl: float
    sd_mgdl: float
    cv_percent: float
    gmi_percent: float
    very_low: TimeShare  # < 54
    low: TimeShare  # 54-69
    in_range: TimeShare  # 70-180
    high: TimeShare  # 181-250
    very_high: TimeShare  # > 250
    below_70: TimeShare  # < 70, the consensus's "time below range"
    above_180: TimeShare  # > 180, the consensus's "time above range"
    user_range: TimeShare
    sufficiency: Sufficiency

    @property
    def cv_target_met(self) -> bool:
        return CV_TARGET.met(self.cv_percent)

    @property
    def bands(self) -> tuple[TimeShare, ...]:
        """The five consensus bands, lowest first; they add up to 100 %."""
        return (self.very_low, self.low, self.in_range, self.high, self.very_high)


def select(
    utc_seconds: ArrayLike,
    kind: ArrayLike | None = None,
    *,
    start: int | None = None,
    end: int | None = None,
) -> NDArray[np.bool_]:
    """Which readings count: historic ones (when ``kind`` is given) with start <= t < end."""
    utc = np.asarray(utc_seconds)
    mask = np.ones(len(utc), bool)
    if kind is not None:
        mask &= np.asarray(kind) == ReadingKind.HISTORIC
    if start is not None:
        mask &= utc >= start
    if end is not None:
        mask &= utc < end
    return mask


def cgm_metrics(
    utc_seconds: ArrayLike,
    utc_offset_minutes: ArrayLike,
    mgdl: ArrayLike,
    kind: ArrayLike | None = None,
    *,
    start: int | None = None,
    end: int | None = None,
    interval_minutes: float | None = None,
    user_range: tuple[float, float] = (70.0, 180.0),
) -> CgmMetrics | None:
    """The consensus metrics of the historic readings in [start, end); None if fewer than two.

    ``interval_minutes`` is the device's reading interval (5 or 15); without it the median
    gap is used, as iglu does. ``user_range`` is a person's own range in mg/dL, inclusive.
    """
    mask = select(utc_seconds, kind, start=start, end=end)
    utc = np.asarray(utc_seconds, np.int64)[mask]
    if len(utc) < 2:
        return None
    offsets = np.asarray(utc_offset_minutes, np.int64)[mask]
    glucose = np.asarray(mgdl, np.float64)[mask]
    if not _is_sorted(utc):
        order = np.argsort(utc, kind="stable")
        utc, offsets, glucose = utc[order], offsets[order], glucose[order]
    days = (utc + offsets * 60) // SECONDS_PER_DAY
    dt, active = active_percent(utc, interval_minutes)
    mean = float(glucose.mean())
    sd = float(glucose.std(ddof=1))
    days_covered = int(days[-1] - days[0] + 1)
    return CgmMetrics(
        readings=len(utc),
        first_utc=int(utc[0]),
        last_utc=int(utc[-1]),
        span_days=float(utc[-1] - utc[0]) / SECONDS_PER_DAY,
        days_covered=days_covered,
        days_with_data=_distinct(days),
        interval_minutes=dt,
        active_percent=active,
        mean_mgdl=mean,
        sd_mgdl=sd,
        cv_percent=sd / mean * 100.0,
        gmi_percent=GMI_INTERCEPT + GMI_SLOPE_PER_MGDL * mean,
        **_shares(glucose, user_range),
        sufficiency=sufficiency(days_covered, active),
    )


def _is_sorted(values: IntArray) -> bool:
    return bool(np.all(values[1:] >= values[:-1]))


def _distinct(values: IntArray) -> int:
    """How many distinct values (a sorted stream needs no sort)."""
    if _is_sorted(values):
        return int(np.count_nonzero(values[1:] != values[:-1])) + 1
    return len(np.unique(values))


def active_percent(utc_seconds: IntArray, interval_minutes: float | None) -> tuple[float, float]:
    """(the interval used, % of expected readings present), as iglu's ``active_percent``.

    Readings at the same instant count once (iglu averages them first).
    """
    utc = utc_seconds if _is_sorted(utc_seconds) else np.sort(utc_seconds)
    utc = utc[np.concatenate([[True], utc[1:] != utc[:-1]])]
    if len(utc) < 2:
        return float(interval_minutes or 0.0), 100.0
    gaps = np.diff(utc) / 60.0
    dt = float(interval_minutes) if interval_minutes else float(np.rint(np.median(gaps)))
    dt = max(dt, 1.0)
    total = float(utc[-1] - utc[0]) / 60.0
    expected = np.rint(np.rint(total) / dt) + 1
    long_gaps = gaps[np.rint(gaps) > dt]
    missing = np.rint((long_gaps.sum() - len(long_gaps) * dt) / dt)
    return dt, float((expected - missing) / expected * 100.0)


def sufficiency(days_covered: int, active: float) -> Sufficiency:
    """At least 14 days with at least 70 % of the readings (Battelino et al. 2019)."""
    reasons = []
    if days_covered < SUFFICIENT_DAYS:
        reasons.append(
            f"The readings cover {days_covered} day{'s' if days_covered != 1 else ''}; the "
            f"consensus asks for at least {SUFFICIENT_DAYS} for these figures to be reliable."
        )
    if active < SUFFICIENT_ACTIVE_PERCENT:
        reasons.append(
            f"The sensor recorded {active:.0f} % of the expected readings; the consensus asks "
            f"for at least {SUFFICIENT_ACTIVE_PERCENT:.0f} %."
        )
    return Sufficiency(not reasons, tuple(reasons))


def _shares(glucose: FloatArray, user_range: tuple[float, float]) -> dict[str, TimeShare]:
    def percent(mask: NDArray[np.bool_]) -> float:
        return float(np.count_nonzero(mask)) / len(glucose) * 100.0

    g = glucose
    low, high = sorted(user_range)
    return {
        "very_low": TimeShare(
            "very_low", "Below 54 mg/dL", None, 54, False, False, percent(g < 54), TBR_54_TARGET
        ),
        "low": TimeShare("low", "54-69 mg/dL", 54, 70, True, False, percent((g >= 54) & (g < 70))),
        "in_range": TimeShare(
            "in_range",
            "70-180 mg/dL",
            70,
            180,
            True,
            True,
            percent((g >= 70) & (g <= 180)),
            TIR_TARGET,
        ),
        "high": TimeShare(
            "high", "181-250 mg/dL", 180, 250, False, True, percent((g > 180) & (g <= 250))
        ),
        "very_high": TimeShare(
            "very_high",
            "Above 250 mg/dL",
            250,
            None,
            False,
            False,
            percent(g > 250),
            TAR_250_TARGET,
        ),
        "below_70": TimeShare(
            "below_70", "Below 70 mg/dL", None, 70, False, False, percent(g < 70), TBR_70_TARGET
        ),
        "above_180": TimeShare(
            "above_180",
            "Above 180 mg/dL",
            180,
            None,
            False,
            False,
            percent(g > 180),
            TAR_180_TARGET,
        ),
        "user_range": TimeShare(
            "user_range",
            f"{low:g}-{high:g} mg/dL",
            low,
            high,
            True,
            True,
            percent((g >= low) & (g <= high)),
        ),
    }


# --- the ambulatory glucose profile ------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Agp:
    """Percentiles 5/25/50/75/95 of glucose by time of the local day.

    Point i is at ``minute_of_day[i]`` (every ``step_minutes``); ``values[i]`` is how many
    values went into it (NaN percentiles where none did). ``days`` counts the local days that
    gave any value.
    """

    minute_of_day: IntArray
    p5: FloatArray
    p25: FloatArray
    p50: FloatArray
    p75: FloatArray
    p95: FloatArray
    values: IntArray
    days: int
    step_minutes: int
    window_minutes: int

    def percentile(self, p: int) -> FloatArray:
        return {5: self.p5, 25: self.p25, 50: self.p50, 75: self.p75, 95: self.p95}[p]


# iglu does not interpolate across gaps longer than 45 minutes (CGMS2DayByDay's inter_gap).
AGP_MAX_GAP_MINUTES = 45
AGP_WINDOW_MINUTES = 60
_AGP_CHUNK_VALUES = 4_000_000


def agp(
    utc_seconds: ArrayLike,
    utc_offset_minutes: ArrayLike,
    mgdl: ArrayLike,
    kind: ArrayLike | None = None,
    *,
    start: int | None = None,
    end: int | None = None,
    interval_minutes: float | None = None,
    window_minutes: int = AGP_WINDOW_MINUTES,
    max_gap_minutes: float = AGP_MAX_GAP_MINUTES,
) -> Agp | None:
    """The AGP of the historic readings in [start, end); None if they span no grid point.

    As iglu (``CGMS2DayByDay`` then ``quantile`` per time of day, type 7): the readings are
    interpolated linearly onto a grid every dt minutes (the reading interval, at most 15;
    never across a gap longer than ``max_gap_minutes``), each grid point is put at its local
    time of day (the offset of the reading before it), and each time of day gets the
    percentiles of its values over all days. iglu then smooths each curve with loess over
    30 % of the day, which flattens meal peaks and does not wrap at midnight; instead each
    point here pools the values of a centred ``window_minutes`` (default 60: +-30 minutes,
    wrapping round midnight), which leaves peaks where they are (a centred window shifts
    nothing; a sharp meal peak tops out a few mg/dL lower) and gives every percentile at
    least 60 values from 14 days of 15-minute data. ``window_minutes=0`` gives iglu's
    unsmoothed percentiles. In the repeated autumn hour the later pass fills that day's
    slots; in the skipped spring hour that day adds nothing.
    """
    mask = select(utc_seconds, kind, start=start, end=end)
    utc_all = np.asarray(utc_seconds, np.int64)[mask]
    if len(np.unique(utc_all)) < 2:
        return None
    utc, offsets, glucose = _unique_in_time(
        utc_all,
        np.asarray(utc_offset_minutes, np.int64)[mask],
        np.asarray(mgdl, np.float64)[mask],
    )
    step = _grid_step(utc, interval_minutes)
    day_by_slot = _day_by_slot(utc, offsets, glucose, step, max_gap_minutes)
    if not np.isfinite(day_by_slot).any():
        return None  # the readings span less than one grid step
    half = (window_minutes // 2) // step
    percentiles, counts = _pooled_percentiles(day_by_slot, half)
    days = int(np.count_nonzero(np.isfinite(day_by_slot).any(axis=1)))
    return Agp(
        minute_of_day=np.arange(0, MINUTES_PER_DAY, step, dtype=np.int64),
        p5=percentiles[0],
        p25=percentiles[1],
        p50=percentiles[2],
        p75=percentiles[3],
        p95=percentiles[4],
        values=counts,
        days=days,
        step_minutes=step,
        window_minutes=2 * half * step,
    )


def _unique_in_time(
    utc: IntArray, offsets: IntArray, glucose: FloatArray
) -> tuple[IntArray, IntArray, FloatArray]:
    """Sorted by time; of readings at the same instant the last is kept (as iglu does)."""
    order = np.argsort(utc, kind="stable")
    utc, offsets, glucose = utc[order], offsets[order], glucose[order]
    last = np.concatenate([utc[1:] != utc[:-1], [True]])
    return utc[last], offsets[last], glucose[last]


def _grid_step(utc: IntArray, interval_minutes: float | None) -> int:
    """iglu's grid: the interval, made a divisor of a day; here also at most 15 minutes."""
    dt = interval_minutes or float(np.rint(np.median(np.diff(utc)) / 60.0))
    step = max(round(dt), 1)
    if MINUTES_PER_DAY % step:
        step = 20 if step > 20 else max(5, 5 * round(step / 5))
    return min(step, 15)


def _day_by_slot(
    utc: IntArray, offsets: IntArray, glucose: FloatArray, step: int, max_gap: float
) -> FloatArray:
    """Glucose interpolated on the grid, one row per local day, one column per slot."""
    step_seconds = step * 60
    grid = np.arange(-(-utc[0] // step_seconds), utc[-1] // step_seconds + 1) * step_seconds
    if len(grid) == 0:
        return np.full((0, MINUTES_PER_DAY // step), np.nan)
    values = np.interp(grid, utc, glucose)
    after = np.searchsorted(utc, grid, side="left")
    exact = utc[np.minimum(after, len(utc) - 1)] == grid
    before = np.maximum(after - 1, 0)
    in_gap = (utc[np.minimum(after, len(utc) - 1)] - utc[before]) > max_gap * 60
    values[in_gap & ~exact] = np.nan
    # A grid point lives at the offset of the reading at or before it.
    at_or_before = np.where(exact, after, before)
    local = grid + offsets[at_or_before] * 60
    day = local // SECONDS_PER_DAY
    slot = (local % SECONDS_PER_DAY) // step_seconds
    table = np.full((int(day[-1] - day[0] + 1), MINUTES_PER_DAY // step), np.nan)
    table[day - day[0], slot] = values
    return table


def _pooled_percentiles(table: FloatArray, half: int) -> tuple[FloatArray, IntArray]:
    """Type-7 percentiles of each slot pooled with ``half`` slots each side (wrapping)."""
    days, slots = table.shape
    width = 2 * half + 1
    shifts = np.arange(-half, half + 1)
    out = np.full((len(AGP_PERCENTILES), slots), np.nan)
    counts = np.zeros(slots, np.int64)
    chunk = max(1, _AGP_CHUNK_VALUES // max(1, days * width))
    for first in range(0, slots, chunk):
        columns = np.arange(first, min(first + chunk, slots))
        pooled = table[:, (columns[None, :] + shifts[:, None]) % slots]  # days x width x n
        pooled = pooled.reshape(days * width, len(columns))
        quantiles, n = _type7(pooled, np.array(AGP_PERCENTILES) / 100.0)
        out[:, columns] = quantiles
        counts[columns] = n
    return out, counts


def _type7(values: FloatArray, probabilities: FloatArray) -> tuple[FloatArray, IntArray]:
    """R's default quantile (type 7, numpy's "linear") of each column, NaNs left out."""
    ordered = np.sort(values, axis=0)  # NaN sorts last
    n = np.count_nonzero(np.isfinite(values), axis=0)
    h = (np.maximum(n, 1) - 1)[None, :] * probabilities[:, None]
    low = np.floor(h).astype(np.int64)
    high = np.minimum(low + 1, np.maximum(n - 1, 0)[None, :])
    low_values = np.take_along_axis(ordered, low, axis=0)
    high_values = np.take_along_axis(ordered, high, axis=0)
    result = low_values + (h - low) * (high_values - low_values)
    result[:, n == 0] = np.nan
    return result, n.astype(np.int64)


# --- the response to a meal --------------------------------------------------------------


@dataclass(frozen=True)
class MealResponse:
    """How glucose moved after a meal (mg/dL, minutes from the meal).

    ``baseline_mgdl`` is the median of the readings in the ``baseline_minutes`` up to the
    meal (inclusive); ``peak_mgdl`` the highest reading in the window after it;
    ``rise_mgdl`` = peak - baseline; ``minutes_to_peak`` from the meal to the first reading
    at the peak; ``minutes_to_baseline`` from the meal to the first reading after the peak at
    or below the baseline, None if glucose did not come back within the window.
    """

    baseline_mgdl: float
    peak_mgdl: float
    rise_mgdl: float
    minutes_to_peak: float
    minutes_to_baseline: float | None
    readings_after: int


MEAL_BASELINE_MINUTES = 30
MEAL_WINDOW_MINUTES = 180
# A gap longer than this after a meal could hide the peak (iglu does not interpolate over
# longer gaps either).
MEAL_MAX_GAP_MINUTES = 45


def meal_response(
    utc_seconds: ArrayLike,
    mgdl: ArrayLike,
    meal_utc: int,
    *,
    interval_minutes: float,
    kind: ArrayLike | None = None,
    baseline_minutes: float = MEAL_BASELINE_MINUTES,
    window_minutes: float = MEAL_WINDOW_MINUTES,
) -> MealResponse | None:
    """The response to a meal at ``meal_utc``, or None with too few readings to tell.

    Too few: fewer than two readings in the baseline period, fewer than half the readings the
    device would take in the window after the meal (``interval_minutes`` apart), or a gap of
    more than 45 minutes between the meal and the end of the window. Readings must be sorted
    by time (the stream is); historic ones only when ``kind`` is given.
    """
    utc = np.asarray(utc_seconds, np.int64)
    glucose = np.asarray(mgdl, np.float64)
    lo = int(np.searchsorted(utc, meal_utc - baseline_minutes * 60, side="left"))
    hi = int(np.searchsorted(utc, meal_utc + window_minutes * 60, side="right"))
    keep = select(utc[lo:hi], None if kind is None else np.asarray(kind)[lo:hi])
    times, values = utc[lo:hi][keep], glucose[lo:hi][keep]
    before = times <= meal_utc
    if np.count_nonzero(before) < 2:
        return None
    after_times, after_values = times[~before], values[~before]
    expected = window_minutes / interval_minutes
    if len(after_times) < 0.5 * expected:
        return None
    edges = np.concatenate([[meal_utc], after_times, [meal_utc + window_minutes * 60]])
    if np.diff(edges).max() > MEAL_MAX_GAP_MINUTES * 60:
        return None
    baseline = float(np.median(values[before]))
    peak_index = int(np.argmax(after_values))
    peak = float(after_values[peak_index])
    back = np.flatnonzero(after_values[peak_index:] <= baseline)
    minutes_back = float(after_times[peak_index + back[0]] - meal_utc) / 60.0 if len(back) else None
    return MealResponse(
        baseline_mgdl=baseline,
        peak_mgdl=peak,
        rise_mgdl=peak - baseline,
        minutes_to_peak=float(after_times[peak_index] - meal_utc) / 60.0,
        minutes_to_baseline=minutes_back,
        readings_after=len(after_times),
    )
