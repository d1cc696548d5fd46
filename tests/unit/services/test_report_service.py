"""The report's numbers: exact on a small journal built by hand, and equal to the CGM,
measure, insights and goal services' own numbers on a demo journal with CGM readings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import NOW, TZ
from report_journal import add_cgm_readings

from journal.analysis.doses import doses_due
from journal.domain.clock import FakeClock
from journal.domain.entries import (
    DoseLog,
    Exercise,
    FlareEpisode,
    Glucose,
    LabResult,
    Meal,
    Medication,
    Sleep,
    SymptomCheck,
)
from journal.domain.vocabulary import DoseStatus, GlucoseContext, Intensity, MealType
from journal.io.demo import generate_demo
from journal.services import Services, open_services
from journal.services.profile import Profile
from journal.services.report import ReportRequest, Section
from journal.store.database import open_database
from journal.store.files import JOURNAL_FILENAME

FIRST = date(2026, 11, 20)
LAST = date(2026, 11, 23)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), TZ)


@pytest.fixture
def known(services: Services, clock: FakeClock) -> Services:
    """Four days (Friday 20 to Monday 23 November 2026) with every part of the report."""
    from journal.domain.conditions import Condition

    services.profile.set_profile(Profile((Condition.RHEUMATOID_ARTHRITIS,)))
    clock.set(at(date(2026, 11, 1), 7))
    metformin = services.journal.save_medication(
        Medication(name="Metformin", dose="500 mg", times=(time(8), time(20)))
    )
    rescue = services.journal.save_medication(Medication(name="Ibuprofen", dose="200 mg"))
    clock.set(NOW)
    assert metformin.id is not None and rescue.id is not None
    add = services.journal.add_entry
    statuses = {
        (FIRST, time(8)): DoseStatus.TAKEN,
        (FIRST, time(20)): DoseStatus.TAKEN,
        (FIRST + timedelta(1), time(8)): DoseStatus.TAKEN,
        (FIRST + timedelta(1), time(20)): DoseStatus.TAKEN,
        (FIRST + timedelta(2), time(8)): DoseStatus.LATE,
        (FIRST + timedelta(3), time(8)): DoseStatus.SKIPPED,
    }
    for (day, scheduled), status in statuses.items():
        add(
            DoseLog(
                at=at(day, scheduled.hour, 5),
                medication_id=metformin.id,
                status=status,
                scheduled=scheduled,
                dose="500 mg",
            )
        )
    for day, hour in (
        (FIRST + timedelta(1), 10),
        (FIRST + timedelta(1), 18),
        (LAST - timedelta(1), 9),
    ):
        add(DoseLog(at=at(day, hour), medication_id=rescue.id, dose="200 mg"))
    flare = services.journal.save_flare(
        FlareEpisode(
            start=date(2026, 11, 19),
            end=date(2026, 11, 21),
            condition="rheumatoid arthritis",
            triggers=("stress",),
        )
    )
    add(
        SymptomCheck(
            at=at(FIRST, 9),
            scores={"pain": 7, "fatigue": 4},
            regions={"pain": ("hands", "wrists")},
            flare_id=flare.id,
        )
    )
    add(SymptomCheck(at=at(LAST - timedelta(1), 9), scores={"pain": 3}))
    add(Exercise(at=at(FIRST, 17), activity="walk", minutes=30, intensity=Intensity.MODERATE))
    add(
        Exercise(
            at=at(FIRST + timedelta(1), 17),
            activity="run",
            minutes=20,
            intensity=Intensity.VIGOROUS,
        )
    )
    add(Sleep(at=at(FIRST, 7), hours=5.5))
    add(Sleep(at=at(FIRST + timedelta(1), 7), hours=8.0))
    add(
        Meal(
            at=at(FIRST, 12),
            meal_type=MealType.LUNCH,
            items="salad",
            carbs_g=40,
            added_sugar_g=30,
            tags=("vegetables",),
        )
    )
    add(
        Meal(
            at=at(FIRST + timedelta(1), 12),
            meal_type=MealType.LUNCH,
            items="pizza",
            carbs_g=90,
            added_sugar_g=10,
            tags=("processed",),
        )
    )
    add(LabResult(at=at(FIRST, 8), test="hba1c", value=6.1))
    add(LabResult(at=at(FIRST, 8), test="fasting_glucose", value=110))
    add(LabResult(at=at(FIRST, 8), test="fasting_insulin", value=12))
    add(LabResult(at=at(date(2026, 6, 1), 8), test="hba1c", value=6.4))
    day2 = FIRST + timedelta(1)
    add(Glucose(at=at(day2, 7), mgdl=105, context=GlucoseContext.FASTING))
    add(Glucose(at=at(day2, 14), mgdl=150, context=GlucoseContext.AFTER_MEAL))
    return services


def test_a_known_journal_gives_exactly_its_numbers(known: Services) -> None:
    report = known.reports.build(ReportRequest(first=FIRST, last=LAST, name="Sam"))

    h = report.header
    assert (h.name, h.conditions, h.first, h.last, h.days) == (
        "Sam",
        ("rheumatoid arthritis",),
        FIRST,
        LAST,
        4,
    )
    glucose = report.glucose
    assert glucose is not None and not glucose.has_cgm
    assert glucose.stats["readings"] == 0
    meter = glucose.meter
    assert (meter.checks, meter.fasting.mean, meter.after_meal.mean) == (2, 105.0, 150.0)
    labs = {(lab.code, lab.day): (lab.value, lab.unit, lab.before) for lab in glucose.labs}
    assert labs == {
        ("hba1c", FIRST): (6.1, "%", False),
        ("fasting_glucose", FIRST): (110.0, "mg/dL", False),
        ("fasting_insulin", FIRST): (12.0, "µU/mL", False),
        ("homa_ir", FIRST): (3.26, "", False),  # 12 x 110 / 405
    }

    autoimmune = report.autoimmune
    assert autoimmune is not None
    (flare,) = autoimmune.flares
    assert (flare.start, flare.end, flare.days, flare.worst, flare.triggers) == (
        date(2026, 11, 19),
        date(2026, 11, 21),
        3,
        7.0,
        ("stress",),
    )
    assert autoimmune.in_flare == (True, True, False, False)
    assert autoimmune.worst == (7.0, None, 3.0, None)
    pain = next(s for s in autoimmune.symptoms if s.name == "pain")
    assert (pain.days_scored, pain.days_over_5, pain.mean, pain.highest) == (2, 1, 5.0, 7.0)
    assert autoimmune.regions == (("hands", 1), ("wrists", 1))

    meds = report.medications
    assert meds is not None
    (metformin,) = meds.scheduled
    counts = metformin.counts
    assert counts is not None
    assert (counts.due, counts.taken, counts.late, counts.skipped, counts.not_logged) == (
        8,
        5,
        1,
        1,
        2,
    )
    assert counts.missed == 3 and counts.percent == pytest.approx(62.5)
    (rescue,) = meds.as_needed
    assert (rescue.label, rescue.as_needed_uses, rescue.as_needed_days) == (
        "Ibuprofen 200 mg",
        3,
        2,
    )
    assert meds.changes == ()  # both were started before the period

    life = report.lifestyle
    assert life is not None
    weeks = [(w.monday, w.total, w.days_in_period) for w in life.weeks]
    # Friday to Sunday of the week of 16 November: 30 moderate + 2 x 20 vigorous.
    assert weeks == [(date(2026, 11, 16), 70.0, 3), (date(2026, 11, 23), 0.0, 1)]
    assert (life.sleep_h.mean, life.short_nights) == (6.75, 1)
    assert (life.added_sugar_g.mean, life.sugar_days_over_25) == (20.0, 1)
    assert dict(life.qualities)["vegetables"] == 1 and dict(life.qualities)["processed"] == 1
    assert life.meal_days == 2


def test_the_json_holds_every_printed_number(known: Services) -> None:
    document = known.reports.build(ReportRequest(first=FIRST, last=LAST)).as_dict()

    assert document["period"] == {"from": "2026-11-20", "to": "2026-11-23", "days": 4}
    assert document["flares"][0]["worst_score"] == 7.0
    (metformin, rescue) = sorted(document["medications"], key=lambda m: m["medication"])[::-1]
    assert (metformin["due"], metformin["taken"], metformin["missed"]) == (8, 5, 3)
    assert rescue["as_needed_uses"] == 3
    assert document["weekly_who_minutes"][0]["minutes"] == 70.0
    assert document["glucose"]["glucose_stats"]["readings"] == 0
    assert set(document) >= {"insights", "goals", "lifestyle", "symptoms", "questions"}


def test_the_missed_doses_agree_with_the_measure_registry(known: Services) -> None:
    report = known.reports.build(ReportRequest(first=FIRST, last=LAST))
    assert report.medications is not None
    (metformin,) = report.medications.scheduled
    values = known.measures.read([f"doses_missed:{metformin.id}"], FIRST, LAST)
    skipped = sum(v or 0 for v in values.values[f"doses_missed:{metformin.id}"].values())
    assert metformin.counts is not None and metformin.counts.skipped == skipped == 1
    localize = known.clock.localize
    meds = [m for m in known.journal.medications() if m.times]
    due = sum(len(doses_due(meds, FIRST + timedelta(i), localize)) for i in range(4))
    assert metformin.counts.due == due


def test_the_default_period_is_ninety_days_then_from_the_last_report(known: Services) -> None:
    today = NOW.date()
    assert known.reports.default_period() == (today - timedelta(days=89), today)
    report = known.reports.build(ReportRequest(name="Sam"))
    known.reports.remember(report)
    known.journal.clock.advance(timedelta(days=30))  # type: ignore[attr-defined]
    later = known.reports.build()
    assert (later.header.first, later.header.last) == (today, today + timedelta(days=30))
    assert later.header.name == "Sam"


def test_an_empty_period_says_it_is_empty(known: Services) -> None:
    report = known.reports.build(ReportRequest(first=date(2020, 1, 1), last=date(2020, 2, 1)))
    assert report.empty and report.logged_days == 0
    assert report.autoimmune is not None and report.autoimmune.flares == ()
    assert report.glucose is not None and report.glucose.meter.empty
    # Labs from after the period are not shown as if they were before it.
    assert report.glucose.labs == ()


def test_sections_left_out_are_not_built(known: Services) -> None:
    report = known.reports.build(
        ReportRequest(first=FIRST, last=LAST, sections=frozenset({Section.GLUCOSE}))
    )
    assert report.glucose is not None
    assert (report.autoimmune, report.medications, report.lifestyle, report.insights) == (
        None,
        None,
        None,
        None,
    )
    assert "flares" not in report.as_dict() and "questions" not in report.as_dict()


# --- against the services, on a demo journal with CGM readings ---------------------------------


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-demo")
    db = open_database(path / JOURNAL_FILENAME)
    try:
        generate_demo(db, days=120, seed=4, end=NOW.date(), tz=TZ, now=NOW)
    finally:
        db.close()
    services = open_services(path, FakeClock(NOW))
    try:
        add_cgm_readings(
            services, datetime.combine(NOW.date(), time(0), TZ) - timedelta(days=40), 40, TZ
        )
    finally:
        services.close()
    return path


@pytest.fixture
def demo(demo_dir: Path) -> Iterator[Services]:
    opened = open_services(demo_dir, FakeClock(NOW))
    yield opened
    opened.close()


@pytest.mark.slow
def test_the_report_shows_the_services_own_numbers(demo: Services) -> None:
    report = demo.reports.build()
    first, last = report.header.first, report.header.last
    assert (last - first).days == 89

    glucose = report.glucose
    assert glucose is not None and glucose.has_cgm and glucose.cgm is not None
    assert glucose.stats == demo.cgm.stats_json(first, last)
    metrics = demo.cgm.metrics(first, last)
    assert metrics is not None and glucose.cgm.metrics is not None
    assert glucose.cgm.metrics.in_range.percent == metrics.in_range.percent
    assert glucose.stats["tir_70_180_pct"] == metrics.in_range.percent
    assert glucose.cgm.metrics.gmi_percent == metrics.gmi_percent

    flares = demo.journal.flares_between(first, last)
    assert report.autoimmune is not None
    assert [(f.start, f.end) for f in report.autoimmune.flares] == [
        (f.start, f.end) for f in sorted(flares, key=lambda f: f.start)
    ]

    measures = demo.measures.read(["who_minutes", "sleep_hours"], first, last)
    assert report.lifestyle is not None
    for week in report.lifestyle.weeks:
        days = [week.monday + timedelta(i) for i in range(7)]
        values = [measures.on("who_minutes", d) for d in days if first <= d <= last]
        present = [v for v in values if v is not None]
        assert week.total == (sum(present) if present else None)
    sleep = [v for v in measures.values["sleep_hours"].values() if v is not None]
    assert report.lifestyle.sleep_h.mean == pytest.approx(sum(sleep) / len(sleep))

    insights = demo.insights.compute(first, last).result
    assert report.insights is not None
    assert report.insights.tests_run == insights.tests_run
    assert [f.sentence for f in report.insights.findings] == [
        f.sentence for f in insights.supported
    ]
    assert report.goals is not None and len(report.goals) == len(demo.goals.goals())


def test_medication_changes_in_the_period_are_listed_and_end_the_doses_due(
    known: Services, clock: FakeClock
) -> None:
    from dataclasses import replace

    metformin = next(m for m in known.journal.medications() if m.name == "Metformin")
    clock.set(at(date(2026, 11, 22), 12))
    known.journal.save_medication(replace(metformin, active=False))
    clock.set(NOW)
    report = known.reports.build(ReportRequest(first=FIRST, last=LAST))
    assert report.medications is not None
    changes = [(c.day, c.medication, c.what) for c in report.medications.changes]
    assert changes == [(date(2026, 11, 22), "Metformin 500 mg", "paused")]
    (row,) = report.medications.scheduled
    # Due: both doses on the 20th and 21st, the 08:00 dose on the 22nd, none after.
    assert row.counts is not None and row.counts.due == 5
