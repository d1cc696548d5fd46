"""The user's preferences kept in the journal itself: units, time format, the glucose target
range, and the appearance (theme and text size)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journal.domain.appearance import Appearance, Theme, known_text_percent
from journal.domain.errors import FieldError, ValidationError
from journal.domain.glucose import STANDARD_RANGE, TargetRange, range_problem
from journal.domain.units import GlucoseUnit, LengthUnit, TimeFormat, UnitPreferences, WeightUnit
from journal.lazy import lazy_module
from journal.store import plain_read as plain
from journal.store.database import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from journal.store import repository as repo
else:  # loaded on first use: the window paints before SQLAlchemy's ORM has loaded
    repo = lazy_module("journal.store.repository")


UNITS_KEY = "units"
TARGET_RANGE_KEY = "glucose.target_range"
APPEARANCE_KEY = "appearance"


def load_units(db: Database) -> UnitPreferences:
    with db.plain_reading() as connection:
        raw = plain.get_setting(connection, UNITS_KEY) or {}
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


def units_setting(units: UnitPreferences) -> dict[str, object]:
    """The units as the ``units`` setting stores them."""
    return {
        "glucose": units.glucose.value,
        "weight": units.weight.value,
        "time_format": units.time_format.value,
        "length": units.length.value,
        "labs": dict(units.labs),
    }


def save_units(db: Database, units: UnitPreferences) -> None:
    with db.transaction() as session:
        repo.put_setting(session, UNITS_KEY, units_setting(units))


def load_target_range(db: Database) -> TargetRange:
    """The person's glucose target range (the CGM consensus range until they choose)."""
    with db.plain_reading() as connection:
        return target_range_from_setting(plain.get_setting(connection, TARGET_RANGE_KEY))


def target_range_in(session: Session) -> TargetRange:
    """The same, read in the caller's session (the CGM figures read it with the readings)."""
    return target_range_from_setting(repo.get_setting(session, TARGET_RANGE_KEY))


def target_range_from_setting(raw: Any) -> TargetRange:
    """The range a stored ``glucose.target_range`` describes; the consensus range if none."""
    try:
        chosen = TargetRange(float(raw["low"]), float(raw["high"]), str(raw.get("source", "")))
    except (TypeError, KeyError, ValueError, AttributeError):
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


def load_appearance(db: Database) -> Appearance:
    """Light, dark or the system's scheme, and the text size (the system's until chosen)."""
    with db.plain_reading() as connection:
        raw = plain.get_setting(connection, APPEARANCE_KEY)
    if not isinstance(raw, dict):
        return Appearance()
    try:
        theme = Theme(raw.get("theme", Theme.SYSTEM))
    except ValueError:
        theme = Theme.SYSTEM  # a theme from a newer version: follow the system
    return Appearance(theme=theme, text_percent=known_text_percent(raw.get("text_percent")))


def save_appearance(db: Database, appearance: Appearance) -> None:
    with db.transaction() as session:
        repo.put_setting(
            session,
            APPEARANCE_KEY,
            {
                "theme": appearance.theme.value,
                "text_percent": known_text_percent(appearance.text_percent),
            },
        )
