"""The columns of the Insights daily table: which registry measure each reads, and when.

One ``InsightColumn`` per column: the daily measure it reads (journal.domain.measures, by
name), how a day's value becomes the column's (as is, "any" for counts, a range for the
cycle day, a four-week mean), and its ``ColumnSpec``: the label the user sees, its role
(factor, outcome or both) and its time of day, which decides the same-day pairs that can be
cause candidates (``table.lag0_allowed``). The timing rules live here, beside the columns:

- sleep is dated by the wake-up and comes before the day (NIGHT_BEFORE), and so does a
  four-week activity level, which is made of the days before;
- a fasting reading is taken on waking, before the day's meals (MORNING), so the day's
  meals, exercise and stress can only go with the next day's fasting glucose;
- meals, exercise, doses, after-meal readings and custom trackers happen during the day
  (DAY), in an order inside the day that the journal does not pin down;
- stress, mood, symptom scores, "in a flare" and the CGM's daily mean and time in range
  summarise the whole day (WHOLE_DAY): they go with the same day's meals and sleep, but as
  factors only with the next day's outcomes (or with another whole-day summary of the
  same day).

"Not logged" stays NaN and apart from "none" (0): that is the measures' own rule (a day
with no meals is not recorded for every meal tag; a day with meals but none tagged gluten
is 0), which the transforms here keep.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

import numpy as np

from journal.analysis.insights.table import (
    ColumnSpec,
    DailyTable,
    FloatArray,
    Kind,
    Role,
    TimeOfDay,
)
from journal.domain.entries import Medication, Tracker
from journal.domain.measures import is_cycle_day_tracker
from journal.domain.units import Quantity, UnitPreferences, conversion
from journal.domain.vocabulary import TrackerType

DayValues = Mapping[date, float | None]

# The four weeks before a day make its activity level; at least three of them logged.
ACTIVITY_WINDOW_DAYS = 28
ACTIVITY_WINDOW_MIN_KNOWN = 21
# The first days of the cycle: the period (NHS: it usually lasts 2 to 7 days; 5 typical).
PERIOD_DAYS = (1.0, 5.0)


class Derive(StrEnum):
    """How a measure's daily value becomes the column's."""

    AS_IS = "as is"
    ANY = "any"  # 1 when the day's count is above 0 (a meal tagged gluten), else 0
    BETWEEN = "between"  # 1 when the value is in ``between`` (cycle days 1-5), else 0
    FOUR_WEEKS = "four weeks"  # the mean per week over the 28 days before the day


@dataclass(frozen=True)
class InsightColumn:
    """One column of the table: the measure it reads, how, and what it is."""

    measure: str
    spec: ColumnSpec
    derive: Derive = Derive.AS_IS
    between: tuple[float, float] | None = None
    quantity: Quantity | None = None
    full_days: str | None = None
    """A count measure (CGM readings): only days with enough of them count (see below)."""

    @property
    def name(self) -> str:
        return self.spec.name


F, OUT, BOTH = Role.FACTOR, Role.OUTCOME, Role.BOTH
B, N, S = Kind.BINARY, Kind.NUMERIC, Kind.SCORE
T = TimeOfDay


def _column(
    measure: str,
    name: str,
    label: str,
    unit: str,
    role: Role,
    kind: Kind,
    time: TimeOfDay,
    *,
    derive: Derive = Derive.AS_IS,
    quantity: Quantity | None = None,
    full_days: str | None = None,
    **spec_fields: str,
) -> InsightColumn:
    """A column; ``spec_fields`` are the ColumnSpec's optional texts (phrase, group ...)."""
    spec = ColumnSpec(name, label, unit, role, kind, time, **spec_fields)
    return InsightColumn(measure, spec, derive, quantity=quantity, full_days=full_days)


# Outcomes a flare moves are compared within the flare state: a flare changes the day's
# exercise, food and sleep as well as its pain, so without this every such habit would
# "go with" pain (see ColumnSpec.adjust_for).
IN_FLARE = "in_flare"

# Stress and mood are two answers of the same check-in, given at the same moment: one
# group, so neither is tested against the other (nothing could tell which came first).
CHECK_IN = "check-in"

FIXED_COLUMNS: tuple[InsightColumn, ...] = (
    _column("sleep_hours", "sleep", "sleep", "h", F, N, T.NIGHT_BEFORE, group="sleep"),
    _column(
        "short_night",
        "short_night",
        "slept under 6 h",
        "",
        F,
        B,
        T.NIGHT_BEFORE,
        phrase="you slept under 6 h",
        group="sleep",
    ),
    _column(
        "stress_mean",
        "stress",
        "stress",
        "points",
        BOTH,
        S,
        T.WHOLE_DAY,
        group=CHECK_IN,
        adjust_for=IN_FLARE,
    ),
    _column(
        "stress_high",
        "high_stress",
        "stress 7 or more",
        "",
        F,
        B,
        T.WHOLE_DAY,
        phrase="your stress was 7 or more",
        group=CHECK_IN,
    ),
    _column(
        "mood",
        "mood",
        "mood",
        "points",
        BOTH,
        S,
        T.WHOLE_DAY,
        group=CHECK_IN,
        adjust_for=IN_FLARE,
    ),
    _column("carbs_g", "carbs", "carbs", "g", F, N, T.DAY),
    _column("added_sugar_g", "added_sugar", "added sugar", "g", F, N, T.DAY),
    _column("fibre_g", "fibre", "fibre", "g", F, N, T.DAY),
    _column("active_minutes", "active", "active minutes", "min", F, N, T.DAY, group="activity"),
    _column(
        "active_minutes",
        "weekly_active",
        "active minutes a week (last 4 weeks)",
        "min/week",
        F,
        N,
        T.NIGHT_BEFORE,
        group="activity",
        derive=Derive.FOUR_WEEKS,
    ),
    _column(
        "vigorous_minutes",
        "vigorous",
        "vigorous exercise",
        "",
        F,
        B,
        T.DAY,
        phrase="you did vigorous exercise",
        group="activity",
        derive=Derive.ANY,
    ),
    # "In a flare" is a factor (and what outcomes are compared within), not an outcome: a
    # habit can only lead to being in a flare through its start, which "flare onset" tests;
    # tested as an outcome it would report what a flare does to the day (less exercise,
    # comfort food, a lower mood) as if those brought the flare on.
    _column(
        "in_flare",
        "in_flare",
        "in a flare",
        "",
        F,
        B,
        T.WHOLE_DAY,
        phrase="you were in a flare",
        group="flare",
    ),
    _column(
        "flare_onset",
        "flare_onset",
        "flare onset",
        "",
        OUT,
        B,
        T.WHOLE_DAY,
        group="flare",
        onset_of="in_flare",
    ),
    _column("symptoms_worst", "worst_symptom", "worst symptom", "points", OUT, S, T.WHOLE_DAY),
    _column(
        "glucose_fasting",
        "fasting_glucose",
        "fasting glucose",
        "mg/dL",
        OUT,
        N,
        T.MORNING,
        quantity=Quantity.GLUCOSE,
        adjust_for=IN_FLARE,
    ),
    _column(
        "glucose_after_meal",
        "after_meal_glucose",
        "after-meal glucose",
        "mg/dL",
        OUT,
        N,
        T.DAY,
        quantity=Quantity.GLUCOSE,
        adjust_for=IN_FLARE,
    ),
)


# A CGM day counts when it holds at least 70 % of a full day's readings: the consensus's
# data-sufficiency rule (Battelino et al., Diabetes Care 2019), applied per day. A full day
# is the journal's usual count (the median), whatever the sensor's interval.
CGM_FULL_DAY_SHARE = 0.7

CGM_COLUMNS: tuple[InsightColumn, ...] = (
    _column(
        "cgm_mean",
        "cgm_mean",
        "daily mean glucose (CGM)",
        "mg/dL",
        OUT,
        N,
        T.WHOLE_DAY,
        quantity=Quantity.GLUCOSE,
        adjust_for=IN_FLARE,
        full_days="cgm_readings",
    ),
    _column(
        "cgm_tir_pct",
        "cgm_time_in_range",
        "time in range (CGM)",
        "percentage points",
        OUT,
        N,
        T.WHOLE_DAY,
        adjust_for=IN_FLARE,
        full_days="cgm_readings",
    ),
)


def meal_tag_column(tag: str) -> InsightColumn:
    return _column(
        f"meal_tag:{tag}",
        f"meal_tag:{tag}",
        f"meal tagged {tag}",
        "",
        F,
        B,
        T.DAY,
        phrase=f"a meal was tagged {tag}",
        derive=Derive.ANY,
    )


def symptom_column(symptom: str) -> InsightColumn:
    return _column(
        f"symptom:{symptom}",
        f"symptom:{symptom}",
        symptom,
        "points",
        OUT,
        S,
        T.WHOLE_DAY,
        adjust_for=IN_FLARE,
    )


def missed_dose_column(medication: Medication) -> InsightColumn:
    name = medication.name
    return _column(
        f"doses_missed:{medication.id}",
        f"doses_missed:{medication.id}",
        f"missed a dose of {name}",
        "",
        F,
        B,
        T.DAY,
        phrase=f"you missed a dose of {name}",
        derive=Derive.ANY,
    )


def tracker_column(tracker: Tracker) -> InsightColumn:
    """A custom tracker as a factor: yes/no as a yes/no factor, a number or 0-10 scale as a
    numeric one; a cycle-day tracker as its first days (the period)."""
    measure = f"tracker:{tracker.id}"
    name = measure
    if is_cycle_day_tracker(tracker.name):
        low, high = PERIOD_DAYS
        spec = ColumnSpec(
            name,
            f"cycle days {low:.0f}-{high:.0f}",
            "",
            F,
            B,
            # The cycle day is known from the day's first moment.
            T.MORNING,
            phrase=f"it was day {low:.0f} to {high:.0f} of your cycle",
        )
        return InsightColumn(measure, spec, Derive.BETWEEN, between=PERIOD_DAYS)
    label = tracker.name.strip()
    if tracker.type is TrackerType.YES_NO:
        spec = ColumnSpec(name, label, "", F, B, T.DAY, phrase=f"you logged yes for {label}")
        return InsightColumn(measure, spec)
    unit = tracker.unit or ("points" if tracker.type is TrackerType.SCALE else "")
    return InsightColumn(measure, ColumnSpec(name, label, unit, F, N, T.DAY))


def insight_columns(
    *,
    meal_tags: Iterable[str] = (),
    symptoms: Iterable[str] = (),
    medications: Iterable[Medication] = (),
    trackers: Iterable[Tracker] = (),
    cgm: bool = False,
) -> tuple[InsightColumn, ...]:
    """The fixed columns, one per meal tag, symptom, medication and tracker given, and the
    CGM outcomes when the journal holds CGM readings."""
    columns = list(FIXED_COLUMNS) + (list(CGM_COLUMNS) if cgm else [])
    columns += [meal_tag_column(tag) for tag in sorted(set(meal_tags))]
    columns += [symptom_column(symptom) for symptom in sorted(set(symptoms))]
    columns += [missed_dose_column(m) for m in medications if m.id is not None]
    columns += [tracker_column(t) for t in trackers if t.id is not None]
    return tuple(columns)


def measures_read(columns: Iterable[InsightColumn]) -> list[str]:
    """The registry measures the columns read, each once, in column order."""
    names: list[str] = []
    for column in columns:
        names += [column.measure] + ([column.full_days] if column.full_days else [])
    return list(dict.fromkeys(names))


def build_table(
    columns: Sequence[InsightColumn],
    values: Mapping[str, DayValues],
    first: date,
    last: date,
    units: UnitPreferences | None = None,
) -> DailyTable:
    """The daily table of ``columns`` over [first, last] from the measures' day values.

    ``values`` maps each measure name (``measures_read``) to its value per day, None for
    "not recorded". Glucose columns are shown in the user's unit.
    """
    days = (last - first).days + 1
    if days < 1:
        raise ValueError("The range must end on or after its first day.")
    units = units or UnitPreferences()
    built: list[tuple[ColumnSpec, FloatArray]] = []
    for column in columns:
        raw = _array(values[column.measure], first, days)
        if column.full_days is not None:
            raw = np.where(full_days(_array(values[column.full_days], first, days)), raw, np.nan)
        spec = column.spec
        if column.quantity is not None:
            shown = conversion(column.quantity, units)
            raw = raw * shown.factor
            spec = _with_unit(spec, shown.unit)
        built.append((spec, derive(column, raw)))
    return DailyTable.build(first, built)


def derive(column: InsightColumn, raw: FloatArray) -> FloatArray:
    """The column's values from its measure's daily values (NaN stays NaN)."""
    if column.derive is Derive.FOUR_WEEKS:
        return four_week_level(raw)
    if column.derive is Derive.ANY:
        yes = raw > 0
    elif column.derive is Derive.BETWEEN:
        assert column.between is not None
        low, high = column.between
        yes = (raw >= low) & (raw <= high)
    elif column.spec.kind is Kind.SCORE:
        return np.clip(raw, 0.0, 10.0)
    else:
        return raw
    result: FloatArray = np.where(np.isnan(raw), np.nan, yes.astype(np.float64))
    return result


def full_days(counts: FloatArray) -> np.ndarray:
    """Days whose count reaches CGM_FULL_DAY_SHARE of the usual (median) day's."""
    present = counts[~np.isnan(counts) & (counts > 0)]
    if present.size == 0:
        return np.zeros(counts.shape, dtype=bool)
    enough = CGM_FULL_DAY_SHARE * float(np.median(present))
    with np.errstate(invalid="ignore"):
        result: np.ndarray = counts >= enough
    return result


def four_week_level(daily: FloatArray) -> FloatArray:
    """The mean per week of ``daily`` over the 28 days before each day (not the day itself),
    where at least 21 of them are known; NaN before that."""
    n = daily.size
    known = ~np.isnan(daily)
    sums = np.concatenate(([0.0], np.cumsum(np.where(known, daily, 0.0))))
    counts = np.concatenate(([0], np.cumsum(known)))
    result = np.full(n, np.nan)
    window = ACTIVITY_WINDOW_DAYS
    if n <= window:
        return result
    end = np.arange(window, n)
    total = sums[end] - sums[end - window]
    count = counts[end] - counts[end - window]
    with np.errstate(invalid="ignore", divide="ignore"):
        level = np.where(count >= ACTIVITY_WINDOW_MIN_KNOWN, 7 * total / count, np.nan)
    result[window:] = level
    return result


def _array(day_values: DayValues, first: date, days: int) -> FloatArray:
    array = np.full(days, np.nan)
    for day, value in day_values.items():
        index = (day - first).days
        if value is not None and 0 <= index < days:
            array[index] = value
    return array


def _with_unit(spec: ColumnSpec, unit: str) -> ColumnSpec:
    return replace(spec, unit=unit)
