"""The catalogue of charts: each chart's title, axis unit, series (by measure name), guides.

Only presentation lives here; what a series counts is its daily measure in
``journal.domain.measures``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from journal.domain.entries import Tracker
from journal.domain.glucose import FASTING_NORMAL_BELOW_MGDL, STANDARD_RANGE, TargetRange
from journal.domain.guidelines import WHO_WEEKLY_MINUTES
from journal.domain.labs import LAB_TESTS, shown_unit
from journal.domain.units import (
    MGDL_PER_MMOLL,
    GlucoseUnit,
    Quantity,
    UnitPreferences,
    conversion,
    format_glucose,
)
from journal.domain.vocabulary import TrackerType

Style = Literal["line", "thin", "bars", "points", "markers"]
"""How a series is drawn: a line with gaps, a thin secondary line, bars, loose points, or
sparse values joined by a line with a marker on each."""


MEAL_QUALITY_SERIES = ("processed", "vegetables")


@dataclass(frozen=True)
class SeriesSpec:
    name: str
    label: str
    style: Style
    colour: str
    """A key of journal.ui.palette.OKABE_ITO; the view picks the shade for the scheme."""


@dataclass(frozen=True)
class Guide:
    """A reference drawn behind the data: a band from ``low`` to ``high``, or a line at ``low``."""

    label: str
    low: float
    high: float | None = None


@dataclass(frozen=True)
class ChartSpec:
    """One chart of the stack: a title, a unit for its axis, its series and guides."""

    key: str
    title: str
    unit: str
    series: tuple[SeriesSpec, ...]
    guides: tuple[Guide, ...] = ()
    y_range: tuple[float, float] | None = None
    shown_by_default: bool = False
    description: str = ""


# --- the fixed catalogue ------------------------------------------------------------------


def _glucose_unit(units: UnitPreferences) -> str:
    return units.glucose.value


def _in_glucose_unit(mgdl: float, units: UnitPreferences) -> float:
    return mgdl / MGDL_PER_MMOLL if units.glucose is GlucoseUnit.MMOLL else mgdl


def fixed_charts(units: UnitPreferences, target: TargetRange = STANDARD_RANGE) -> list[ChartSpec]:
    low, high = (_in_glucose_unit(v, units) for v in (target.low, target.high))
    fasting = _in_glucose_unit(FASTING_NORMAL_BELOW_MGDL, units)
    fasting_text = format_glucose(FASTING_NORMAL_BELOW_MGDL, units.glucose)
    return [
        ChartSpec(
            "glucose",
            "Blood glucose",
            _glucose_unit(units),
            (
                # CGM readings: a thin line, downsampled as drawn (journal/ui/charts/plot.py).
                SeriesSpec("cgm_trace", "CGM", "thin", "grey"),
                SeriesSpec("glucose_readings", "Readings", "points", "sky"),
                SeriesSpec("glucose_mean", "Daily mean", "line", "blue"),
                SeriesSpec("glucose_fasting", "Fasting", "markers", "green"),
                SeriesSpec("glucose_after_meal", "After meals", "line", "orange"),
            ),
            (
                Guide(f"Your target range {target.label(units.glucose)}", low, high),
                Guide(f"Fasting normal below {fasting_text} (ADA)", fasting),
            ),
            shown_by_default=True,
            description=f"Your target range ({target.source or 'set in Preferences'}); the "
            "fasting line is where the ADA puts normal fasting glucose. Weeks and months "
            "show the mean of the daily means.",
        ),
        ChartSpec(
            "carbs",
            "Carbohydrates and added sugar",
            "g",
            (
                SeriesSpec("carbs_g", "Carbs", "bars", "orange"),
                SeriesSpec("added_sugar_g", "Added sugar", "line", "vermillion"),
            ),
            shown_by_default=True,
        ),
        ChartSpec(
            "meal_quality",
            "Meal qualities",
            "meals",
            (
                SeriesSpec("meal_tag:processed", "Processed", "line", "vermillion"),
                SeriesSpec("meal_tag:vegetables", "Vegetables", "line", "green"),
            ),
        ),
        ChartSpec(
            "active",
            "Active minutes",
            "min",
            (SeriesSpec("active_minutes", "Active minutes", "bars", "green"),),
            shown_by_default=True,
        ),
        ChartSpec(
            "active_weekly",
            "Activity per week, the WHO way",
            "min",
            (SeriesSpec("who_minutes_weekly", "Weekly total", "bars", "green"),),
            (Guide("150 min a week (WHO)", WHO_WEEKLY_MINUTES),),
            description="Moderate minutes plus vigorous minutes counted twice; light activity "
            "does not count. WHO 2020: 150-300 minutes of moderate activity a week for adults.",
        ),
        ChartSpec(
            "sleep",
            "Sleep",
            "h",
            (SeriesSpec("sleep_hours", "Hours slept", "bars", "blue"),),
            shown_by_default=True,
        ),
        ChartSpec(
            "stress",
            "Stress and mood",
            "0-10",
            (
                SeriesSpec("stress_mean", "Stress (mean)", "line", "purple"),
                SeriesSpec("stress_max", "Stress (highest)", "thin", "purple"),
                SeriesSpec("mood", "Mood", "line", "sky"),
            ),
            y_range=(0.0, 10.0),
            shown_by_default=True,
        ),
        ChartSpec(
            "symptoms",
            "Symptoms and flares",
            "0-10",
            (
                SeriesSpec("flare_severity", "Flare severity", "bars", "vermillion"),
                SeriesSpec("symptoms_worst", "Worst symptom", "line", "purple"),
            ),
            y_range=(0.0, 10.0),
            shown_by_default=True,
            description="Worst symptom score of each day; flare severity on flare days.",
        ),
        ChartSpec(
            "doses",
            "Doses taken and due",
            "doses",
            (
                SeriesSpec("doses_taken", "Taken", "bars", "green"),
                SeriesSpec("doses_due", "Due", "thin", "grey"),
            ),
            description="Doses count as due from the first one logged for each medication.",
        ),
        ChartSpec(
            "weight",
            "Weight",
            conversion(Quantity.WEIGHT, units).unit,
            (SeriesSpec("weight_kg", "Weight", "markers", "purple"),),
        ),
        ChartSpec(
            "waist",
            "Waist",
            conversion(Quantity.LENGTH, units).unit,
            (SeriesSpec("waist_cm", "Waist", "markers", "blue"),),
        ),
        ChartSpec(
            "blood_pressure",
            "Blood pressure and pulse",
            "mmHg · bpm",
            (
                SeriesSpec("systolic_mmhg", "Systolic", "markers", "vermillion"),
                SeriesSpec("diastolic_mmhg", "Diastolic", "markers", "blue"),
                SeriesSpec("pulse_bpm", "Pulse", "thin", "grey"),
            ),
        ),
    ]


def symptom_detail_chart(symptoms: Sequence[str]) -> ChartSpec:
    colours = ("vermillion", "blue", "green", "purple", "orange", "sky", "grey", "yellow")
    return ChartSpec(
        "symptom_scores",
        "Each symptom",
        "0-10",
        tuple(
            SeriesSpec(f"symptom:{name}", name.capitalize(), "line", colours[i % len(colours)])
            for i, name in enumerate(symptoms)
        ),
        y_range=(0.0, 10.0),
    )


def lab_charts(present: Sequence[str], units: UnitPreferences) -> list[ChartSpec]:
    charts = [
        ChartSpec(
            f"lab:{code}",
            f"Lab: {LAB_TESTS[code].name}",
            shown_unit(LAB_TESTS[code], units).name,
            (SeriesSpec(f"lab:{code}", LAB_TESTS[code].name, "markers", "grey"),),
        )
        for code in present
        if code in LAB_TESTS
    ]
    if {"fasting_glucose", "fasting_insulin"} <= set(present):
        charts.append(
            ChartSpec(
                "homa_ir",
                "Lab: HOMA-IR",
                "",
                (SeriesSpec("homa_ir", "HOMA-IR", "markers", "grey"),),
                description="Fasting insulin x fasting glucose / 405 (Matthews 1985), on days "
                "with both results.",
            )
        )
    return charts


def _tracker_unit(kind: TrackerType) -> str:
    return {TrackerType.SCALE: "0-10", TrackerType.YES_NO: "yes = 1"}.get(kind, "")


def tracker_chart(tracker: Tracker) -> ChartSpec:
    return ChartSpec(
        key=f"tracker:{tracker.id}",
        title=tracker.name,
        unit=tracker.unit or _tracker_unit(tracker.type),
        series=(SeriesSpec(f"tracker:{tracker.id}", tracker.name, "line", "yellow"),),
        y_range=(0.0, 10.0) if tracker.type is TrackerType.SCALE else None,
        description="A tracker you defined.",
    )


def catalogue(
    units: UnitPreferences,
    trackers: Sequence[Tracker],
    labs: Sequence[str],
    symptoms: Sequence[str],
    target: TargetRange = STANDARD_RANGE,
) -> list[ChartSpec]:
    """Every chart the journal can show, custom trackers and lab tests included."""
    charts = fixed_charts(units, target)
    if symptoms:
        charts.append(symptom_detail_chart(symptoms))
    charts.extend(lab_charts(labs, units))
    charts.extend(tracker_chart(t) for t in trackers)
    return charts
