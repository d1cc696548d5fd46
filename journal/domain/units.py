"""Units the user can choose, and conversions to the one canonical unit the journal stores.

Canonical units: glucose in mg/dL, weight in kg, lab values in the unit named by the lab test.
1 mmol/L of glucose = 18.016 mg/dL (molar mass of glucose 180.16 g/mol).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

MGDL_PER_MMOLL = 18.016
LB_PER_KG = 2.2046226218
CM_PER_INCH = 2.54  # exact, by definition of the inch (1959)


class GlucoseUnit(StrEnum):
    MGDL = "mg/dL"
    MMOLL = "mmol/L"


class WeightUnit(StrEnum):
    KG = "kg"
    LB = "lb"


class LengthUnit(StrEnum):
    CM = "cm"
    IN = "in"


class Quantity(StrEnum):
    """What a number measures, where the user chooses the unit it is shown in."""

    GLUCOSE = "glucose"
    WEIGHT = "weight"
    LENGTH = "length"


class TimeFormat(StrEnum):
    H24 = "24h"
    H12 = "12h"


def glucose_to_mgdl(value: float, unit: GlucoseUnit) -> float:
    """Convert a glucose value in ``unit`` to mg/dL (the stored unit)."""
    return value * MGDL_PER_MMOLL if unit is GlucoseUnit.MMOLL else value


def glucose_from_mgdl(mgdl: float, unit: GlucoseUnit) -> float:
    """Convert a stored mg/dL value to ``unit``."""
    return mgdl / MGDL_PER_MMOLL if unit is GlucoseUnit.MMOLL else mgdl


def glucose_threshold_to_mgdl(value: float, unit: GlucoseUnit) -> float:
    """A glucose threshold or target typed in ``unit``, as stored (mg/dL).

    A mmol/L figure to one decimal stands for a whole mg/dL line, as guidelines print
    them (ADA: "100 mg/dL (5.6 mmol/L)"). Of the whole mg/dL values shown as that figure,
    the roundest is taken (a multiple of 10, else of 5, else the smallest): 5.6 is 100
    (not 100.9), 6.1 is 110, 7.0 is 126, 3.9 is 70, 10.0 is 180, 13.9 is 250, 3.0 is 54.
    A reading is converted exactly instead (``glucose_to_mgdl``): only lines are snapped.
    """
    if unit is not GlucoseUnit.MMOLL:
        return value
    shown = round(value, 1)
    low = math.floor((shown - 0.06) * MGDL_PER_MMOLL)
    high = math.ceil((shown + 0.06) * MGDL_PER_MMOLL)
    candidates = [m for m in range(low, high + 1) if round(m / MGDL_PER_MMOLL, 1) == shown]
    if not candidates:  # cannot happen for figures to one decimal; convert exactly
        return glucose_to_mgdl(value, unit)
    for step in (10, 5):
        roundest = [m for m in candidates if m % step == 0]
        if roundest:
            return float(roundest[0])
    return float(candidates[0])


def format_glucose(mgdl: float, unit: GlucoseUnit) -> str:
    """A glucose value as people read it: whole mg/dL, or mmol/L to one decimal."""
    value = glucose_from_mgdl(mgdl, unit)
    if unit is GlucoseUnit.MMOLL:
        return f"{value:.1f} {unit.value}"
    return f"{value:.0f} {unit.value}"


def weight_to_kg(value: float, unit: WeightUnit) -> float:
    return value / LB_PER_KG if unit is WeightUnit.LB else value


def weight_from_kg(kg: float, unit: WeightUnit) -> float:
    return kg * LB_PER_KG if unit is WeightUnit.LB else kg


@dataclass(frozen=True)
class UnitPreferences:
    """How the user wants to see numbers and times; storage never changes with these."""

    glucose: GlucoseUnit = GlucoseUnit.MGDL
    weight: WeightUnit = WeightUnit.KG
    time_format: TimeFormat = TimeFormat.H24
    length: LengthUnit = LengthUnit.CM
    labs: tuple[tuple[str, str], ...] = ()
    """(lab test code, unit name) the person chose per test; see ``lab_unit_name``."""

    def lab_unit_name(self, code: str) -> str | None:
        """The unit chosen for a lab test, if one was."""
        return dict(self.labs).get(code)

    def time_pattern(self) -> str:
        """A strftime pattern for a time of day."""
        return "%H:%M" if self.time_format is TimeFormat.H24 else "%I:%M %p"


@dataclass(frozen=True)
class Conversion:
    """A stored (canonical) value as shown: ``shown = stored * factor`` in ``unit``."""

    unit: str
    factor: float = 1.0
    decimals: int = 1

    def shown(self, stored: float) -> float:
        return stored * self.factor

    def stored(self, shown: float) -> float:
        return shown / self.factor


def conversion(quantity: Quantity, units: UnitPreferences) -> Conversion:
    """How values of ``quantity`` are shown in the user's chosen unit."""
    if quantity is Quantity.GLUCOSE:
        if units.glucose is GlucoseUnit.MMOLL:
            return Conversion(GlucoseUnit.MMOLL.value, 1 / MGDL_PER_MMOLL, 1)
        return Conversion(GlucoseUnit.MGDL.value, 1.0, 0)
    if quantity is Quantity.WEIGHT:
        if units.weight is WeightUnit.LB:
            return Conversion(WeightUnit.LB.value, LB_PER_KG, 1)
        return Conversion(WeightUnit.KG.value, 1.0, 1)
    if units.length is LengthUnit.IN:
        return Conversion(LengthUnit.IN.value, 1 / CM_PER_INCH, 1)
    return Conversion(LengthUnit.CM.value, 1.0, 1)
