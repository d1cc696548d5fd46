"""The report for the doctor as data: every number it prints, for any period, Qt-free.

Nothing is computed a second way here. Glucose comes from the CGM service (the same
metrics, AGP and daily traces as the Glucose view and ``glucose-stats``), daily numbers from
the measure registry, doses due from ``journal.analysis.doses``, findings from Insights and
goal progress from the goal service; ``journal.analysis.report_figures`` only sums or
averages those values over the period. The renderer (``journal.ui.report``) draws this;
``interplay report --json`` writes ``ReportData.as_dict()``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from journal import APP_NAME, __version__
from journal.analysis.labs import homa_ir_by_day
from journal.analysis.report_figures import (
    DoseCount,
    PeriodFigure,
    WeekTotal,
    count_days,
    days_recorded,
    days_with,
    dose_counts,
    period_figure,
    weekly_totals,
)
from journal.domain.entries import DoseLog, FlareEpisode, LabResult, Medication, SymptomCheck
from journal.domain.goals import describe_goal
from journal.domain.guidelines import AHA_ADDED_SUGAR_G, WHO_WEEKLY_MINUTES
from journal.domain.labs import LAB_TESTS
from journal.domain.units import GlucoseUnit
from journal.domain.vocabulary import EntryKind
from journal.store import repository as repo

if TYPE_CHECKING:
    from journal.domain.clock import Clock
    from journal.domain.units import UnitPreferences
    from journal.services.cgm import CgmService
    from journal.services.cgm.report import GlucoseReport
    from journal.services.goals import GoalService
    from journal.services.insights import InsightsService
    from journal.services.journal import JournalService
    from journal.services.measures import DailyMeasures, MeasureValues
    from journal.services.profile import ProfileService
    from journal.store.database import Database


class Sources(Protocol):
    """The services a report reads (the ``Services`` facade is one)."""

    @property
    def db(self) -> Database: ...
    @property
    def journal(self) -> JournalService: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def units(self) -> UnitPreferences: ...
    @property
    def cgm(self) -> CgmService: ...
    @property
    def insights(self) -> InsightsService: ...
    @property
    def goals(self) -> GoalService: ...
    @property
    def measures(self) -> DailyMeasures: ...
    @property
    def profile(self) -> ProfileService: ...


LAST_REPORT_KEY = "report.last"
NAME_KEY = "report.name"
DEFAULT_DAYS = 90
SYMPTOM_OVER = 5.0
MEAL_QUALITIES = ("processed", "vegetables", "prebiotic fibre", "whole grains", "high sugar")
NOT_A_DIAGNOSIS = "Associations in patient-recorded data; not a diagnosis."
LABS_SHOWN = ("hba1c", "fasting_glucose", "fasting_insulin")


class Section(StrEnum):
    """The parts of the report a person may leave out."""

    GLUCOSE = "glucose"
    AUTOIMMUNE = "autoimmune"
    MEDICATIONS = "medications"
    LIFESTYLE = "lifestyle"
    INSIGHTS = "insights"
    GOALS = "goals"
    QUESTIONS = "questions"

    @property
    def label(self) -> str:
        return {
            Section.GLUCOSE: "Glucose and labs",
            Section.AUTOIMMUNE: "Flares and symptoms",
            Section.MEDICATIONS: "Medications and adherence",
            Section.LIFESTYLE: "Activity, sleep, stress and food",
            Section.INSIGHTS: "Insights (associations)",
            Section.GOALS: "Goals",
            Section.QUESTIONS: "Questions for my doctor",
        }[self]


ALL_SECTIONS = frozenset(Section)


@dataclass(frozen=True)
class ReportRequest:
    """What the person asked for: the period (None: the default), the parts, the words."""

    first: date | None = None
    last: date | None = None
    sections: frozenset[Section] = ALL_SECTIONS
    name: str | None = None
    """None: the name remembered from the last report."""
    questions: str = ""


# --- the parts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    name: str
    conditions: tuple[str, ...]
    first: date
    last: date
    generated: date
    app: str = f"{APP_NAME} {__version__}"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class LabValue:
    """A lab result (or HOMA-IR) with its date and unit; ``before`` if it predates the
    period (the latest one then, so the doctor sees the last known value)."""

    code: str
    name: str
    day: date
    value: float
    unit: str
    decimals: int
    before: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "test": self.code,
            "name": self.name,
            "date": self.day.isoformat(),
            "value": self.value,
            "unit": self.unit,
            "before_period": self.before,
        }


@dataclass(frozen=True)
class MeterGlucose:
    """Meter readings (no CGM for the period), in mg/dL: the registry's daily fasting and
    after-meal values, their summaries, and the number of checks."""

    fasting: PeriodFigure
    after_meal: PeriodFigure
    checks: int
    fasting_days: tuple[tuple[date, float], ...]
    after_meal_days: tuple[tuple[date, float], ...]

    @property
    def empty(self) -> bool:
        return self.checks == 0


@dataclass(frozen=True, eq=False)
class GlucosePart:
    unit: GlucoseUnit
    target_mgdl: tuple[float, float]
    cgm: GlucoseReport | None
    """The Glucose view's report of the period when CGM readings cover it, else None."""
    stats: dict[str, Any]
    """``glucose-stats --json`` of the period (readings 0 and nulls without CGM)."""
    meter: MeterGlucose
    labs: tuple[LabValue, ...]

    @property
    def has_cgm(self) -> bool:
        return self.cgm is not None and self.cgm.metrics is not None

    @property
    def shows_agp(self) -> bool:
        """The CGM page when the readings cover the period well enough for the consensus
        (14 days, 70 % of the readings), or when there are no meter readings instead."""
        if self.cgm is None or self.cgm.metrics is None:
            return False
        return self.cgm.metrics.sufficiency.enough or self.meter.empty


@dataclass(frozen=True)
class FlareRow:
    start: date
    end: date | None
    days: int
    """Its length in days (an ongoing flare: up to the report's last day)."""
    condition: str
    worst: float | None
    """The highest symptom score of its days in the period (0-10; registry's flare severity)."""
    triggers: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "days": self.days,
            "condition": self.condition,
            "worst_score": self.worst,
            "triggers": list(self.triggers),
        }


@dataclass(frozen=True)
class SymptomRow:
    name: str
    label: str
    days_scored: int
    days_over_5: int
    mean: float | None
    highest: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "symptom": self.name,
            "days_scored": self.days_scored,
            "days_over_5": self.days_over_5,
            "mean": self.mean,
            "highest": self.highest,
        }


@dataclass(frozen=True)
class AutoimmunePart:
    flares: tuple[FlareRow, ...]
    days: tuple[date, ...]
    worst: tuple[float | None, ...]
    """The registry's worst symptom score (0-10) of each day of the period."""
    in_flare: tuple[bool, ...]
    symptoms: tuple[SymptomRow, ...]
    """Every symptom scored in the period, most days over 5 first."""
    regions: tuple[tuple[str, int], ...]
    """Body regions and the check-ins that named them, most first."""
    check_ins: int
    flare_days: int


@dataclass(frozen=True)
class MedicationChange:
    day: date
    medication: str
    what: str

    def as_dict(self) -> dict[str, str]:
        return {"date": self.day.isoformat(), "medication": self.medication, "change": self.what}


@dataclass(frozen=True)
class MedicationRow:
    id: int
    name: str
    dose: str
    kind: str
    times: tuple[str, ...]
    active: bool
    counts: DoseCount | None
    """Scheduled doses due in the period; None for one taken as needed."""
    as_needed_uses: int = 0
    as_needed_days: int = 0

    @property
    def label(self) -> str:
        return f"{self.name} {self.dose}".strip()

    @property
    def as_needed(self) -> bool:
        return self.counts is None

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "medication": self.label,
            "kind": self.kind,
            "times": list(self.times),
            "active": self.active,
        }
        if self.counts is None:
            return found | {"as_needed_uses": self.as_needed_uses, "days": self.as_needed_days}
        c = self.counts
        return found | {
            "due": c.due,
            "taken": c.taken,
            "late": c.late,
            "skipped": c.skipped,
            "not_logged": c.not_logged,
            "missed": c.missed,
            "taken_pct": c.percent,
        }


@dataclass(frozen=True)
class MedicationsPart:
    medications: tuple[MedicationRow, ...]
    changes: tuple[MedicationChange, ...]

    @property
    def scheduled(self) -> tuple[MedicationRow, ...]:
        return tuple(m for m in self.medications if not m.as_needed)

    @property
    def as_needed(self) -> tuple[MedicationRow, ...]:
        return tuple(m for m in self.medications if m.as_needed)


@dataclass(frozen=True)
class LifestylePart:
    weeks: tuple[WeekTotal, ...]
    """Weekly WHO minutes: moderate plus twice vigorous (the registry's ``who_minutes``)."""
    sleep_h: PeriodFigure
    short_nights: int
    stress: PeriodFigure
    high_stress_days: int
    added_sugar_g: PeriodFigure
    sugar_days_over_25: int
    meal_days: int
    qualities: tuple[tuple[str, int], ...]
    """Meal qualities and the days with a meal tagged with each (of ``meal_days``)."""

    @property
    def whole_weeks(self) -> tuple[WeekTotal, ...]:
        return tuple(w for w in self.weeks if w.whole and w.total is not None)

    @property
    def weeks_meeting_who(self) -> int:
        return sum(1 for w in self.whole_weeks if (w.total or 0) >= WHO_WEEKLY_MINUTES)


@dataclass(frozen=True)
class FindingRow:
    sentence: str
    factor: str
    outcome: str
    lag_days: int
    effect: float
    effect_unit: str
    ci_low: float
    ci_high: float
    q_value: float
    n_with: int
    n_without: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class InsightsPart:
    tests_run: int
    findings: tuple[FindingRow, ...]
    chance: str
    label: str = NOT_A_DIAGNOSIS


@dataclass(frozen=True)
class GoalRow:
    description: str
    period: str
    met: int
    periods: int
    """Complete days or weeks of the goal inside the report period, and how many were met."""
    current: str
    paused: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "goal": self.description,
            "period": self.period,
            "met": self.met,
            "periods": self.periods,
            "current": self.current,
            "paused": self.paused,
        }


@dataclass(frozen=True, eq=False)
class ReportData:
    header: Header
    sections: frozenset[Section]
    glucose: GlucosePart | None
    autoimmune: AutoimmunePart | None
    medications: MedicationsPart | None
    lifestyle: LifestylePart | None
    insights: InsightsPart | None
    goals: tuple[GoalRow, ...] | None
    questions: str
    logged_days: int
    """Days of the period with anything logged (0: an empty period)."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        has_cgm = self.glucose is not None and self.glucose.has_cgm
        return self.logged_days == 0 and not has_cgm

    def as_dict(self) -> dict[str, Any]:
        """Every number the report prints (``interplay report --json``)."""
        h = self.header
        doc: dict[str, Any] = {
            "period": {"from": h.first.isoformat(), "to": h.last.isoformat(), "days": h.days},
            "generated": h.generated.isoformat(),
            "name": h.name,
            "conditions": list(h.conditions),
            "sections": sorted(s.value for s in self.sections),
            "logged_days": self.logged_days,
        }
        if self.glucose is not None:
            g = self.glucose
            doc["glucose"] = {
                "cgm": g.has_cgm,
                "agp_shown": g.shows_agp,
                "target_mg_dl": list(g.target_mgdl),
                "glucose_stats": g.stats,
                "meter": {
                    "checks": g.meter.checks,
                    "fasting_mg_dl": g.meter.fasting.as_dict(),
                    "after_meal_mg_dl": g.meter.after_meal.as_dict(),
                },
                "labs": [lab.as_dict() for lab in g.labs],
            }
        if self.autoimmune is not None:
            a = self.autoimmune
            doc["flares"] = [f.as_dict() for f in a.flares]
            doc["symptoms"] = {
                "check_ins": a.check_ins,
                "flare_days": a.flare_days,
                "by_symptom": [s.as_dict() for s in a.symptoms],
                "regions": [{"region": r, "check_ins": n} for r, n in a.regions],
            }
        if self.medications is not None:
            doc["medications"] = [m.as_dict() for m in self.medications.medications]
            doc["medication_changes"] = [c.as_dict() for c in self.medications.changes]
        if self.lifestyle is not None:
            life = self.lifestyle
            doc["weekly_who_minutes"] = [
                {
                    "week_of": w.monday.isoformat(),
                    "minutes": w.total,
                    "days_in_period": w.days_in_period,
                    "days_recorded": w.days_recorded,
                }
                for w in life.weeks
            ]
            doc["lifestyle"] = {
                "who_target_min_per_week": WHO_WEEKLY_MINUTES,
                "whole_weeks": len(life.whole_weeks),
                "whole_weeks_meeting_who": life.weeks_meeting_who,
                "sleep_h": life.sleep_h.as_dict(),
                "short_nights": life.short_nights,
                "stress_0_10": life.stress.as_dict(),
                "high_stress_days": life.high_stress_days,
                "added_sugar_g_per_day": life.added_sugar_g.as_dict(),
                "aha_added_sugar_g_per_day": list(AHA_ADDED_SUGAR_G),
                "days_added_sugar_over_25_g": life.sugar_days_over_25,
                "meal_days": life.meal_days,
                "meal_qualities_days": dict(life.qualities),
            }
        if self.insights is not None:
            doc["insights"] = {
                "tests_run": self.insights.tests_run,
                "label": self.insights.label,
                "findings": [f.as_dict() for f in self.insights.findings],
            }
        if self.goals is not None:
            doc["goals"] = [g.as_dict() for g in self.goals]
        if Section.QUESTIONS in self.sections:
            doc["questions"] = self.questions
        finite: dict[str, Any] = _finite(doc)
        return finite


def _finite(value: Any) -> Any:
    """NaN and infinity as null: JSON has neither."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


# --- building it ----------------------------------------------------------------------------


class ReportService:
    """Builds the report of a period from the other services of one open journal."""

    def __init__(self, services: Sources) -> None:
        self.services = services

    # --- remembered between reports -------------------------------------------------------

    def default_period(self) -> tuple[date, date]:
        """From the day of the last report to today, or the last 90 days."""
        today = self.services.clock.now().date()
        with self.services.db.reading() as session:
            raw = repo.get_setting(session, LAST_REPORT_KEY)
        last_report = _parse_day(raw)
        if last_report is not None and last_report < today:
            return last_report, today
        return today - timedelta(days=DEFAULT_DAYS - 1), today

    def remembered_name(self) -> str:
        with self.services.db.reading() as session:
            raw = repo.get_setting(session, NAME_KEY)
        return raw if isinstance(raw, str) else ""

    def remember(self, report: ReportData) -> None:
        """Keep the day this report was made (the next one starts there) and the name; a
        read-only journal (read-only disk, full disk) makes the report and remembers nothing."""
        if self.services.db.read_only:
            return
        with self.services.db.transaction() as session:
            repo.put_setting(session, LAST_REPORT_KEY, report.header.generated.isoformat())
            repo.put_setting(session, NAME_KEY, report.header.name)
        # Nothing on screen shows these, so nothing is announced (an announced settings change
        # would make Insights and the charts read everything again).

    # --- the report -------------------------------------------------------------------------

    def build(self, request: ReportRequest | None = None) -> ReportData:
        request = request or ReportRequest()
        default_first, default_last = self.default_period()
        last = request.last or default_last
        first = request.first or (
            default_first if request.last is None else last - timedelta(days=DEFAULT_DAYS - 1)
        )
        if first > last:
            raise ValueError("The report's first day is after its last day.")
        s = request.sections
        name = self.remembered_name() if request.name is None else request.name.strip()
        header = Header(
            name=name,
            conditions=tuple(self.services.profile.profile().names),
            first=first,
            last=last,
            generated=self.services.clock.now().date(),
        )
        measures = self._measures(first, last)
        return ReportData(
            header=header,
            sections=s,
            glucose=self._glucose(first, last, measures) if Section.GLUCOSE in s else None,
            autoimmune=self._autoimmune(first, last) if Section.AUTOIMMUNE in s else None,
            medications=self._medications(first, last) if Section.MEDICATIONS in s else None,
            lifestyle=self._lifestyle(first, last, measures) if Section.LIFESTYLE in s else None,
            insights=self._insights(first, last) if Section.INSIGHTS in s else None,
            goals=self._goals(first, last) if Section.GOALS in s else None,
            questions=request.questions.strip() if Section.QUESTIONS in s else "",
            logged_days=len(measures.logged),
        )

    def _measures(self, first: date, last: date) -> MeasureValues:
        names = [
            "glucose_fasting",
            "glucose_after_meal",
            "glucose_checks",
            "who_minutes",
            "sleep_hours",
            "short_night",
            "stress_mean",
            "stress_high",
            "added_sugar_g",
            "meals",
            *(f"meal_tag:{tag}" for tag in MEAL_QUALITIES),
        ]
        return self.services.measures.read(names, first, last)

    # --- glucose ----------------------------------------------------------------------------

    def _glucose(self, first: date, last: date, measures: MeasureValues) -> GlucosePart:
        cgm = self.services.cgm
        target = cgm.target_range()
        has_readings = bool(cgm.days_with_readings(first, last))
        report = cgm.report(first, last) if has_readings else None
        stats = cgm.stats_json(first, last)
        fasting = measures.values["glucose_fasting"]
        after = measures.values["glucose_after_meal"]
        checks = sum(int(v or 0) for v in measures.values["glucose_checks"].values())
        meter = MeterGlucose(
            fasting=period_figure(fasting),
            after_meal=period_figure(after),
            checks=checks,
            fasting_days=_present(fasting),
            after_meal_days=_present(after),
        )
        return GlucosePart(
            unit=self.services.units.glucose,
            target_mgdl=target,
            cgm=report if report is not None and report.metrics is not None else None,
            stats=stats,
            meter=meter,
            labs=self._labs(first, last),
        )

    def _labs(self, first: date, last: date) -> tuple[LabValue, ...]:
        """HbA1c, fasting glucose and insulin of the period, and HOMA-IR where both share a
        day; a test without a result in the period shows its latest one before it."""
        labs = [
            e
            for e in self.services.journal.entries_between(date(1900, 1, 1), last, [EntryKind.LAB])
            if isinstance(e, LabResult)
        ]
        rows: list[LabValue] = []
        for code in LABS_SHOWN:
            test = LAB_TESTS[code]
            unit = test.units[0]
            results = sorted((lab for lab in labs if lab.test == code), key=lambda r: r.at)
            inside = [r for r in results if r.day >= first]
            shown = inside or results[-1:]
            for r in shown:
                rows.append(
                    LabValue(
                        code, test.name, r.day, r.value, unit.name, unit.decimals, r.day < first
                    )
                )
        homa = homa_ir_by_day(labs)
        inside_homa = [(d, v) for d, v in homa.items() if d >= first]
        before_homa = [(d, v) for d, v in homa.items() if d < first][-1:]
        for day, value in inside_homa or before_homa:
            rows.append(LabValue("homa_ir", "HOMA-IR", day, value, "", 2, day < first))
        return tuple(rows)

    # --- flares and symptoms ----------------------------------------------------------------

    def _autoimmune(self, first: date, last: date) -> AutoimmunePart:
        journal = self.services.journal
        flares = sorted(journal.flares_between(first, last), key=lambda f: f.start)
        checks = [
            e
            for e in journal.entries_between(first, last, [EntryKind.SYMPTOMS])
            if isinstance(e, SymptomCheck)
        ]
        symptoms = sorted({name for c in checks for name in c.scores})
        names = ["symptoms_worst", "flare_severity", "in_flare"]
        names += [f"symptom:{name}" for name in symptoms]
        values = self.services.measures.read(names, first, last)
        days = tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
        rows = [
            _symptom_row(
                name, values.measures[f"symptom:{name}"].label, values.values[f"symptom:{name}"]
            )
            for name in symptoms
        ]
        rows.sort(key=lambda r: (-r.days_over_5, -(r.mean or 0.0), r.name))
        regions: dict[str, int] = {}
        for check in checks:
            for region in {r for named in check.regions.values() for r in named}:
                regions[region] = regions.get(region, 0) + 1
        severity = values.values["flare_severity"]
        return AutoimmunePart(
            flares=tuple(_flare_row(f, first, last, severity) for f in flares),
            days=days,
            worst=tuple(values.values["symptoms_worst"].get(d) for d in days),
            in_flare=tuple(any(f.covers(d, as_of=last) for f in flares) for d in days),
            symptoms=tuple(rows),
            regions=tuple(sorted(regions.items(), key=lambda item: (-item[1], item[0]))),
            check_ins=len(checks),
            flare_days=sum(1 for d in days if any(f.covers(d, as_of=last) for f in flares)),
        )

    # --- medications --------------------------------------------------------------------------

    def _medications(self, first: date, last: date) -> MedicationsPart:
        journal = self.services.journal
        meds = [m for m in journal.medications() if m.id is not None]
        doses = [
            e
            for e in journal.entries_between(first, last, [EntryKind.DOSE])
            if isinstance(e, DoseLog)
        ]
        scheduled = [m for m in meds if m.times]
        counts = dose_counts(scheduled, doses, first, last, journal.clock.localize)
        rows = []
        for med in meds:
            assert med.id is not None
            if not _taken_in(med, first, last) and not any(
                d.medication_id == med.id for d in doses
            ):
                continue
            uses = [d for d in doses if d.medication_id == med.id and d.status.value != "skipped"]
            rows.append(
                MedicationRow(
                    id=med.id,
                    name=med.name,
                    dose=med.dose,
                    kind=med.kind.value,
                    times=tuple(t.strftime("%H:%M") for t in med.times),
                    active=med.active,
                    counts=counts.get(med.id) if med.times else None,
                    as_needed_uses=0 if med.times else len(uses),
                    as_needed_days=0 if med.times else len({d.day for d in uses}),
                )
            )
        return MedicationsPart(tuple(rows), tuple(_changes(meds, doses, first, last)))

    # --- lifestyle ------------------------------------------------------------------------------

    def _lifestyle(self, first: date, last: date, measures: MeasureValues) -> LifestylePart:
        v = measures.values
        meal_days = days_recorded(v["meals"])
        return LifestylePart(
            weeks=tuple(weekly_totals(v["who_minutes"], first, last)),
            sleep_h=period_figure(v["sleep_hours"]),
            short_nights=days_with(v["short_night"]),
            stress=period_figure(v["stress_mean"]),
            high_stress_days=days_with(v["stress_high"]),
            added_sugar_g=period_figure(v["added_sugar_g"]),
            sugar_days_over_25=count_days(v["added_sugar_g"], above=AHA_ADDED_SUGAR_G[0]),
            meal_days=meal_days,
            qualities=tuple((tag, days_with(v[f"meal_tag:{tag}"])) for tag in MEAL_QUALITIES),
        )

    # --- insights and goals ---------------------------------------------------------------------

    def _insights(self, first: date, last: date) -> InsightsPart:
        result = self.services.insights.compute(first, last).result
        return InsightsPart(
            tests_run=result.tests_run,
            findings=tuple(
                FindingRow(
                    sentence=f.sentence,
                    factor=f.factor,
                    outcome=f.outcome,
                    lag_days=f.lag_days,
                    effect=f.effect,
                    effect_unit=f.effect_unit,
                    ci_low=f.ci_low,
                    ci_high=f.ci_high,
                    q_value=f.q_value,
                    n_with=f.n_with,
                    n_without=f.n_without,
                )
                for f in result.supported
            ),
            chance=result.chance.sentence,
        )

    def _goals(self, first: date, last: date) -> tuple[GoalRow, ...]:
        today = min(last, self.services.clock.now().date())
        trackers = {t.id: t.name for t in self.services.journal.trackers()}
        rows = []
        for goal, progress in self.services.goals.progress(today=today):
            inside = [p for p in progress.history if p.first >= first and p.last <= last]
            rows.append(
                GoalRow(
                    description=describe_goal(goal, tracker_name=trackers.get(goal.tracker_id, "")),
                    period="week" if goal.period.value == "week" else "day",
                    met=sum(1 for p in inside if p.status.value == "met"),
                    periods=sum(1 for p in inside if p.status.value in ("met", "not met")),
                    current=progress.current.status.value,
                    paused=goal.paused,
                )
            )
        return tuple(rows)


# --- helpers ----------------------------------------------------------------------------------


def _parse_day(raw: object) -> date | None:
    if not isinstance(raw, str):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _present(values: Mapping[date, float | None]) -> tuple[tuple[date, float], ...]:
    return tuple((d, v) for d, v in sorted(values.items()) if v is not None)


def _symptom_row(name: str, label: str, values: Mapping[date, float | None]) -> SymptomRow:
    figure = period_figure(values)
    return SymptomRow(
        name, label, figure.days, count_days(values, above=SYMPTOM_OVER), figure.mean, figure.high
    )


def _flare_row(
    flare: FlareEpisode, first: date, last: date, severity: Mapping[date, float | None]
) -> FlareRow:
    end = flare.end or last
    scores = [v for d, v in severity.items() if v is not None and flare.start <= d <= end]
    return FlareRow(
        start=flare.start,
        end=flare.end,
        days=(end - flare.start).days + 1,
        condition=flare.condition,
        worst=max(scores) if scores else None,
        triggers=flare.triggers,
    )


def _taken_in(med: Medication, first: date, last: date) -> bool:
    """Whether the medication was being taken on any day of the period."""
    if not med.periods:
        return med.active
    for start, until in med.periods:
        if start.date() <= last and (until is None or until.date() >= first):
            return True
    return False


def _changes(
    meds: Iterable[Medication], doses: Iterable[DoseLog], first: date, last: date
) -> list[MedicationChange]:
    """Started, paused and taken up again inside the period (from the periods it was
    taken), and a dose logged with other words than the one before it."""
    found: list[MedicationChange] = []
    for med in meds:
        for index, (start, until) in enumerate(med.periods):
            if first <= start.date() <= last:
                what = "started" if index == 0 else "taken up again"
                found.append(MedicationChange(start.date(), med.label, what))
            if until is not None and first <= until.date() <= last:
                found.append(MedicationChange(until.date(), med.label, "paused"))
    by_med: dict[int, str] = {}
    names = {m.id: m.name for m in meds}
    for dose in sorted(doses, key=lambda d: d.at):
        if not dose.dose:
            continue
        before = by_med.get(dose.medication_id)
        if before is not None and before != dose.dose:
            name = names.get(dose.medication_id, "A medication")
            found.append(MedicationChange(dose.day, name, f"dose now {dose.dose} (was {before})"))
        by_med[dose.medication_id] = dose.dose
    return sorted(found, key=lambda c: (c.day, c.medication))
