"""Lab tests the journal knows, their canonical units and plausible ranges, and HOMA-IR.

Reference ranges quoted in help text come from the ADA Standards of Care (HbA1c, fasting
glucose); HOMA-IR follows Matthews et al., Diabetologia 1985.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabTest:
    code: str
    name: str
    unit: str
    low: float
    high: float
    """Plausible bounds for a typed value (catch typos, not abnormal results)."""


LAB_TESTS: dict[str, LabTest] = {
    t.code: t
    for t in (
        LabTest("hba1c", "HbA1c", "%", 3.0, 20.0),
        LabTest("fasting_glucose", "Fasting glucose", "mg/dL", 20.0, 600.0),
        LabTest("fasting_insulin", "Fasting insulin", "µU/mL", 0.5, 300.0),
        LabTest("crp", "CRP", "mg/L", 0.0, 500.0),
        LabTest("esr", "ESR", "mm/h", 0.0, 150.0),
        LabTest("tsh", "TSH", "mIU/L", 0.0, 100.0),
        LabTest("triglycerides", "Triglycerides", "mg/dL", 10.0, 5000.0),
        LabTest("hdl", "HDL cholesterol", "mg/dL", 5.0, 200.0),
        LabTest("ldl", "LDL cholesterol", "mg/dL", 5.0, 500.0),
        LabTest("vitamin_d", "Vitamin D (25-OH)", "ng/mL", 1.0, 250.0),
    )
}


def homa_ir(fasting_insulin_uu_ml: float, fasting_glucose_mgdl: float) -> float:
    """HOMA-IR = fasting insulin (µU/mL) x fasting glucose (mg/dL) / 405 (Matthews 1985)."""
    return fasting_insulin_uu_ml * fasting_glucose_mgdl / 405.0
