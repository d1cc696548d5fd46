"""Glucose lines with their sources: the person's own target range, and the reference lines.

The target range is the person's (set with their care team); the default is the CGM
consensus range. Every figure cites where it comes from; none of this is a diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.domain.units import GlucoseUnit, format_glucose

# ADA Standards of Care in Diabetes (2025), section 2: fasting plasma glucose below
# 100 mg/dL is normal, 100-125 is prediabetes, 126 or more is diabetes.
FASTING_NORMAL_BELOW_MGDL = 100.0
FASTING_DIABETES_FROM_MGDL = 126.0


@dataclass(frozen=True)
class TargetRange:
    """A glucose target range in mg/dL, inclusive at both ends, with where it comes from."""

    low: float
    high: float
    source: str = ""

    def label(self, unit: GlucoseUnit) -> str:
        """ "70–180 mg/dL" or "3.9–10.0 mmol/L"."""
        low = format_glucose(self.low, unit).split()[0]
        return f"{low}–{format_glucose(self.high, unit)}"

    def contains(self, mgdl: float) -> bool:
        return self.low <= mgdl <= self.high


# Battelino et al., Diabetes Care 2019 (international consensus on time in range):
# 70-180 mg/dL, more than 70 % of the time for most people with diabetes.
STANDARD_RANGE = TargetRange(70.0, 180.0, "CGM consensus, Battelino et al., Diabetes Care 2019")
# Time in tight range, 70-140 mg/dL: the range of people without diabetes (Battelino et
# al., Lancet Diabetes Endocrinol 2023; Dunn et al., Diabetes Technol Ther 2024).
TIGHT_RANGE = TargetRange(
    70.0, 140.0, "Time in tight range, Battelino et al., Lancet Diabetes Endocrinol 2023"
)
PRESET_RANGES = (STANDARD_RANGE, TIGHT_RANGE)
RANGE_LIMITS_MGDL = (40.0, 400.0)
"""A personal range must lie within these (and its low end below its high end)."""


def range_problem(target: TargetRange) -> str | None:
    """Why a personal range cannot be used, or None."""
    low, high = RANGE_LIMITS_MGDL
    if not low <= target.low < target.high <= high:
        return (
            f"A target range runs from a lower to a higher value between "
            f"{format_glucose(low, GlucoseUnit.MGDL)} and {format_glucose(high, GlucoseUnit.MGDL)}."
        )
    return None
