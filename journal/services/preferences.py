"""The user's preferences (units, time format) kept in the journal itself."""

from __future__ import annotations

from journal.domain.units import GlucoseUnit, LengthUnit, TimeFormat, UnitPreferences, WeightUnit
from journal.store import repository as repo
from journal.store.database import Database

UNITS_KEY = "units"


def load_units(db: Database) -> UnitPreferences:
    with db.reading() as session:
        raw = repo.get_setting(session, UNITS_KEY) or {}
    try:
        return UnitPreferences(
            glucose=GlucoseUnit(raw.get("glucose", GlucoseUnit.MGDL)),
            weight=WeightUnit(raw.get("weight", WeightUnit.KG)),
            time_format=TimeFormat(raw.get("time_format", TimeFormat.H24)),
            length=LengthUnit(raw.get("length", LengthUnit.CM)),
        )
    except ValueError:
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
            },
        )
