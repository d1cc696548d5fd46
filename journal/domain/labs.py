"""Lab tests the journal knows: their canonical units, the other units labs report them in
with exact conversions, plausible ranges, and HOMA-IR.

Values are stored in the canonical unit; a value typed or imported in another unit is
converted on the way in, and shown in the unit the person chose for that test.

Conversions (exact factors, as published):
- HbA1c: IFCC mmol/mol = 10.929 x (NGSP % - 2.15), the IFCC-NGSP master equation
  (Hoelzel et al., Clin Chem 2004).
- Glucose: 1 mmol/L = 18.016 mg/dL (molar mass 180.16 g/mol).
- Cholesterol (total, HDL, LDL): mg/dL / 38.67 = mmol/L; triglycerides: mg/dL / 88.57.
- 25-OH vitamin D: ng/mL x 2.496 = nmol/L. CRP: mg/dL x 10 = mg/L.
- Insulin: 1 µU/mL = 1 mU/L; TSH: 1 mIU/L = 1 µIU/mL (the same quantity, two names).
HOMA-IR follows Matthews et al., Diabetologia 1985. Reference ranges are on the help page
(resources/help/reference.html), each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit, UnitPreferences

HBA1C_IFCC_SLOPE = 10.929
HBA1C_IFCC_OFFSET = 2.15
CHOLESTEROL_MGDL_PER_MMOLL = 38.67
TRIGLYCERIDES_MGDL_PER_MMOLL = 88.57
VITAMIN_D_NMOLL_PER_NGML = 2.496
CRP_MGL_PER_MGDL = 10.0


@dataclass(frozen=True)
class LabUnit:
    """A unit a test is reported in: ``canonical = shown x factor + offset``."""

    name: str
    factor: float = 1.0
    offset: float = 0.0
    decimals: int = 1

    def to_canonical(self, shown: float) -> float:
        return shown * self.factor + self.offset

    def from_canonical(self, canonical: float) -> float:
        return (canonical - self.offset) / self.factor


@dataclass(frozen=True)
class LabTest:
    code: str
    name: str
    unit: str
    """The canonical (stored) unit."""
    low: float
    high: float
    """Plausible bounds in the canonical unit (catch typos and unit mix-ups, not abnormal
    results)."""
    units: tuple[LabUnit, ...] = ()
    """Every unit it may be given in, the canonical one first."""
    si_unit: str = ""
    """The unit SI countries report it in (offered first to mmol/L users)."""

    def unit_named(self, name: str) -> LabUnit | None:
        """The unit called ``name`` (case aside; "uU/mL" and "μU/mL" are "µU/mL")."""
        wanted = _normal(name)
        return next((u for u in self.units if _normal(u.name) == wanted), None)

    def plausible(self, canonical: float) -> bool:
        return self.low <= canonical <= self.high

    def likely_units(self, shown: float, given: LabUnit) -> list[LabUnit]:
        """Other units in which ``shown`` would be plausible (for "did you mean ...?")."""
        return [
            u for u in self.units if u.name != given.name and self.plausible(u.to_canonical(shown))
        ]


def _normal(unit: str) -> str:
    text = unit.strip().lower().replace("\u03bc", "\u00b5")  # Greek mu to the micro sign
    return "\u00b5" + text[1:] if text.startswith("u") else text


def _canonical(name: str, decimals: int = 1) -> LabUnit:
    return LabUnit(name, decimals=decimals)


def _test(
    code: str,
    name: str,
    canonical: LabUnit,
    bounds: tuple[float, float],
    *others: LabUnit,
    si: str = "",
) -> LabTest:
    units = (canonical, *others)
    return LabTest(code, name, canonical.name, *bounds, units, si or canonical.name)


_MMOLL_GLUCOSE = LabUnit("mmol/L", MGDL_PER_MMOLL, decimals=1)
_MMOLL_CHOLESTEROL = LabUnit("mmol/L", CHOLESTEROL_MGDL_PER_MMOLL, decimals=2)

LAB_TESTS: dict[str, LabTest] = {
    t.code: t
    for t in (
        _test(
            "hba1c",
            "HbA1c",
            _canonical("%"),
            (3.0, 20.0),
            LabUnit("mmol/mol", 1 / HBA1C_IFCC_SLOPE, HBA1C_IFCC_OFFSET, decimals=0),
            si="mmol/mol",
        ),
        _test(
            "fasting_glucose",
            "Fasting glucose",
            _canonical("mg/dL", 0),
            (20.0, 1200.0),
            _MMOLL_GLUCOSE,
            si="mmol/L",
        ),
        _test(
            "fasting_insulin",
            "Fasting insulin",
            _canonical("µU/mL"),
            (0.5, 300.0),
            LabUnit("mU/L"),
        ),
        _test(
            "crp",
            "CRP",
            _canonical("mg/L"),
            (0.0, 500.0),
            LabUnit("mg/dL", CRP_MGL_PER_MGDL, decimals=2),
        ),
        _test("esr", "ESR", _canonical("mm/h", 0), (0.0, 150.0)),
        _test("tsh", "TSH", _canonical("mIU/L", 2), (0.0, 100.0), LabUnit("µIU/mL", decimals=2)),
        _test(
            "triglycerides",
            "Triglycerides",
            _canonical("mg/dL", 0),
            (10.0, 5000.0),
            LabUnit("mmol/L", TRIGLYCERIDES_MGDL_PER_MMOLL, decimals=2),
            si="mmol/L",
        ),
        _test(
            "total_cholesterol",
            "Total cholesterol",
            _canonical("mg/dL", 0),
            (50.0, 1000.0),
            _MMOLL_CHOLESTEROL,
            si="mmol/L",
        ),
        _test(
            "hdl",
            "HDL cholesterol",
            _canonical("mg/dL", 0),
            (5.0, 200.0),
            _MMOLL_CHOLESTEROL,
            si="mmol/L",
        ),
        _test(
            "ldl",
            "LDL cholesterol",
            _canonical("mg/dL", 0),
            (5.0, 500.0),
            _MMOLL_CHOLESTEROL,
            si="mmol/L",
        ),
        _test(
            "vitamin_d",
            "Vitamin D (25-OH)",
            _canonical("ng/mL"),
            (1.0, 250.0),
            LabUnit("nmol/L", 1 / VITAMIN_D_NMOLL_PER_NGML, decimals=0),
            si="nmol/L",
        ),
    )
}


def shown_unit(test: LabTest, units: UnitPreferences) -> LabUnit:
    """The unit a test is shown and typed in: the one last chosen for it, else the SI unit
    for people who read glucose in mmol/L, else the canonical one."""
    chosen = units.lab_unit_name(test.code)
    found = test.unit_named(chosen) if chosen else None
    if found is not None:
        return found
    if units.glucose is GlucoseUnit.MMOLL:
        return test.unit_named(test.si_unit) or test.units[0]
    return test.units[0]


def homa_ir(fasting_insulin_uu_ml: float, fasting_glucose_mgdl: float) -> float:
    """HOMA-IR = fasting insulin (µU/mL) x fasting glucose (mg/dL) / 405 (Matthews 1985)."""
    return fasting_insulin_uu_ml * fasting_glucose_mgdl / 405.0
