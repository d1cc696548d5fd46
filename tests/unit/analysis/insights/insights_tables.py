"""Small daily tables for the Insights tests, built column by column."""

from __future__ import annotations

from datetime import date

import numpy as np

from journal.analysis.insights import ColumnSpec, DailyTable, Kind, Role, TimeOfDay

FIRST = date(2025, 1, 1)


def factor(
    name: str, kind: Kind = Kind.BINARY, time: TimeOfDay = TimeOfDay.DAY, **extra: object
) -> ColumnSpec:
    unit = "" if kind is Kind.BINARY else "g"
    return ColumnSpec(name, name, unit, Role.FACTOR, kind, time, **extra)  # type: ignore[arg-type]


def outcome(
    name: str, kind: Kind = Kind.NUMERIC, time: TimeOfDay = TimeOfDay.WHOLE_DAY, **extra: object
) -> ColumnSpec:
    return ColumnSpec(name, name, "points", Role.OUTCOME, kind, time, **extra)  # type: ignore[arg-type]


def table(*columns: tuple[ColumnSpec, np.ndarray]) -> DailyTable:
    return DailyTable.build(FIRST, columns)
