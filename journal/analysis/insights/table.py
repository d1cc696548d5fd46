"""The daily table Insights works on: one row per local day, one numpy column per measure.

A column holds float64 values with NaN for "not logged", kept apart from 0 ("none"): a day
with no meals logged is unknown, not a day without gluten. Binary columns hold 0, 1 or NaN;
score columns 0-10 or NaN. Each column has a ``ColumnSpec`` saying what it is (its label and
unit), whether it is a factor, an outcome or both, and when in the day it happens, which
decides whether a same-day pair can be a cause candidate (see ``lag0_allowed``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, StrEnum

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


class Role(StrEnum):
    FACTOR = "factor"
    OUTCOME = "outcome"
    BOTH = "both"  # mood and stress: something that may move others and be moved


class Kind(StrEnum):
    BINARY = "binary"  # 1 present, 0 absent (logged), NaN not logged
    NUMERIC = "numeric"  # any number in the column's unit
    SCORE = "score"  # a 0-10 rating


class TimeOfDay(IntEnum):
    """When in its day a column's value happens, earliest first.

    NIGHT_BEFORE: the night that ends on the day (sleep is dated by the wake-up);
    MORNING: on waking or before breakfast (a fasting glucose reading);
    DAY: spread over the waking day (meals, exercise, after-meal glucose);
    EVENING: at the end of the day (an evening check-in);
    WHOLE_DAY: a summary of the whole day (the day's pain score, "in a flare").
    """

    NIGHT_BEFORE = 0
    MORNING = 1
    DAY = 2
    EVENING = 3
    WHOLE_DAY = 4


def lag0_allowed(factor: TimeOfDay, outcome: TimeOfDay) -> bool:
    """Whether a factor can be a cause candidate for an outcome of the same day.

    The rule: the factor's time must not come after the outcome's, ``factor <= outcome`` in
    the order NIGHT_BEFORE < MORNING < DAY < EVENING < WHOLE_DAY. So the night's sleep may
    go with the morning's fasting glucose, but the day's carbs may not (the fasting reading
    came first); anything of the day may go with a whole-day summary such as the day's pain,
    while a whole-day factor (the day's stress) only goes with another whole-day summary,
    since part of it comes after any single moment. Equal times are allowed because the
    order inside a slot is unknown; such pairs are associations whose direction the reverse
    check (outcome today, factor tomorrow) helps to judge. The next-day lag is always allowed.
    """
    return factor <= outcome


@dataclass(frozen=True)
class ColumnSpec:
    """What a column of the daily table is.

    ``label`` is the short name the user sees ("slept under 6 h", "meal tagged gluten",
    "pain"). ``phrase`` is a clause that completes "days when ..." in sentences ("you slept
    under 6 h", "a meal was tagged gluten"); it defaults to "you logged <label>". ``unit`` is
    the unit of the values ("points", "mg/dL", "min", "g"; "" for binary). Columns in the same
    ``group`` measure the same thing (stress 0-10 and "stress 7 or more") and are never tested
    against each other; a column's group defaults to its name. ``onset_of`` marks a binary
    outcome as the first day of the episodes recorded in the named binary column ("flare
    onset" of "in a flare"): it is then tested as an event, with a risk ratio over the days at
    risk (not inside an episode).
    """

    name: str
    label: str
    unit: str
    role: Role
    kind: Kind
    time_of_day: TimeOfDay
    phrase: str | None = None
    group: str | None = None
    onset_of: str | None = None
    adjust_for: str | None = None

    @property
    def is_factor(self) -> bool:
        return self.role in (Role.FACTOR, Role.BOTH)

    @property
    def is_outcome(self) -> bool:
        return self.role in (Role.OUTCOME, Role.BOTH)

    @property
    def is_event(self) -> bool:
        return self.onset_of is not None

    @property
    def when(self) -> str:
        return self.phrase if self.phrase is not None else f"you logged {self.label}"

    @property
    def measure_group(self) -> str:
        return self.group if self.group is not None else self.name


class TableError(ValueError):
    """A daily table that cannot be analysed as given (a programming error upstream)."""


@dataclass(frozen=True, eq=False)
class DailyTable:
    """Columns of one value per local day, from ``first_day`` on, NaN where not logged.

    Build it with ``DailyTable.build``, which checks the columns; the arrays are read-only.
    """

    first_day: date
    specs: tuple[ColumnSpec, ...]
    values: Mapping[str, FloatArray]

    @classmethod
    def build(
        cls,
        first_day: date,
        columns: Iterable[tuple[ColumnSpec, Iterable[float] | FloatArray]],
    ) -> DailyTable:
        specs: list[ColumnSpec] = []
        values: dict[str, FloatArray] = {}
        for spec, raw in columns:
            if spec.name in values:
                raise TableError(f"column {spec.name!r} given twice")
            array = np.array(raw, dtype=np.float64)
            _check_column(spec, array)
            array.setflags(write=False)
            specs.append(spec)
            values[spec.name] = array
        lengths = {len(array) for array in values.values()}
        if len(lengths) > 1:
            raise TableError(f"columns have different lengths: {sorted(lengths)}")
        for spec in specs:
            if spec.onset_of is not None and spec.onset_of not in values:
                raise TableError(f"{spec.name!r} is the onset of a missing column")
            if spec.adjust_for is not None:
                stratum = next((s for s in specs if s.name == spec.adjust_for), None)
                if stratum is None or stratum.kind is not Kind.BINARY:
                    raise TableError(f"{spec.name!r} is adjusted for a missing yes/no column")
        return cls(first_day, tuple(specs), values)

    @property
    def n_days(self) -> int:
        return len(next(iter(self.values.values()))) if self.values else 0

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.n_days - 1)

    def spec(self, name: str) -> ColumnSpec:
        for spec in self.specs:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def column(self, name: str) -> FloatArray:
        return self.values[name]

    def day(self, index: int) -> date:
        return self.first_day + timedelta(days=index)

    def index_of(self, day: date) -> int:
        return (day - self.first_day).days

    @property
    def factors(self) -> tuple[ColumnSpec, ...]:
        return tuple(spec for spec in self.specs if spec.is_factor)

    @property
    def outcomes(self) -> tuple[ColumnSpec, ...]:
        return tuple(spec for spec in self.specs if spec.is_outcome)


def _check_column(spec: ColumnSpec, array: FloatArray) -> None:
    if array.ndim != 1:
        raise TableError(f"column {spec.name!r} is not one value per day")
    known = array[~np.isnan(array)]
    if np.isinf(known).any():
        raise TableError(f"column {spec.name!r} holds an infinite value")
    if spec.kind is Kind.BINARY and not np.isin(known, (0.0, 1.0)).all():
        raise TableError(f"binary column {spec.name!r} holds a value other than 0 or 1")
    if spec.kind is Kind.SCORE and ((known < 0) | (known > 10)).any():
        raise TableError(f"score column {spec.name!r} holds a value outside 0-10")
    if spec.onset_of is not None and spec.kind is not Kind.BINARY:
        raise TableError(f"onset column {spec.name!r} must be binary")
