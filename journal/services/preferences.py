"""The user's preferences kept in the journal itself: units, time format, the glucose target
range."""

from __future__ import annotations

from journal.domain.errors import FieldError, ValidationError
from journal.domain.glucose import STANDARD_RANGE, TargetRange, range_problem
from journal.domain.units import GlucoseUnit, LengthUnit, TimeFormat, UnitPreferences, WeightUnit
from journal.store import repository as repo
from journal.store.database import Database

UNITS_KEY = "units"
TARGET_RANGE_KEY = "glucose.target_range"


def load_units(db: Database) -> UnitPreferences:
    with db.reading() as session:
        raw = repo.get_setting(session, UNITS_KEY) or {}
    try:
        return UnitPreferences(
            glucose=GlucoseUnit(raw.get("glucose", GlucoseUnit.MGDL)),
            weight=WeightUnit(raw.get("weight", WeightUnit.KG)),
            time_format=TimeFormat(raw.get("time_format", TimeFormat.H24)),
            length=LengthUnit(raw.get("length", LengthUnit.CM)),
            labs=tuple(sorted((str(k), str(v)) for k, v in (raw.get("labs") or {}).items())),
        )
    except (ValueError, AttributeError):
        return UnitPreferences()  # an unknown value from a newer version: fall back calmly


def save_units(db: Database, units: UnitPreferences) -> None:
    with db.transaction() as session:
        repo.put_setting(
            session,
            UNITS_KEY,
            {
                "glucose": units.glucose.value,
                "weight": units.weight.value,
                "time_format": units.time_format.value,
                "length": units.length.value,
                "labs": dict(units.labs),
            },
        )


def load_target_range(db: Database) -> TargetRange:
    """The person's glucose target range (the CGM consensus range until they choose)."""
    with db.reading() as session:
        raw = repo.get_setting(session, TARGET_RANGE_KEY)
    try:
        chosen = TargetRange(float(raw["low"]), float(raw["high"]), str(raw.get("source", "")))
    except (TypeError, KeyError, ValueError):
        return STANDARD_RANGE
    return STANDARD_RANGE if range_problem(chosen) else chosen


def save_target_range(db: Database, target: TargetRange) -> None:
    problem = range_problem(target)
    if problem:
        raise ValidationError([FieldError("target_range", problem)])
    with db.transaction() as session:
        repo.put_setting(
            session,
            TARGET_RANGE_KEY,
            {"low": target.low, "high": target.high, "source": target.source},
        )
