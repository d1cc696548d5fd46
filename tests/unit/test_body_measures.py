"""Body measures, a kind added through the registries: rules, words, units, chart, files."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from pytestqt.qtbot import QtBot

from journal.analysis.series import Aggregation
from journal.domain.entries import BodyMeasure
from journal.domain.units import LB_PER_KG, LengthUnit, UnitPreferences, WeightUnit
from journal.domain.validation import entry_errors
from journal.domain.vocabulary import EntryKind
from journal.services import Services
from journal.ui.entry_text import describe
from journal.ui.forms.dialog import EntryDialog

TZ = timezone(timedelta(hours=1))
AT = datetime(2026, 11, 23, 7, 30, tzinfo=TZ)
IMPERIAL = UnitPreferences(weight=WeightUnit.LB, length=LengthUnit.IN)


def test_a_measure_needs_a_value_and_blood_pressure_both_numbers() -> None:
    assert [e.field for e in entry_errors(BodyMeasure(at=AT), AT)] == ["weight_kg"]
    half = BodyMeasure(at=AT, systolic_mmhg=130)
    assert [e.field for e in entry_errors(half, AT)] == ["diastolic_mmhg"]
    upside_down = BodyMeasure(at=AT, systolic_mmhg=80, diastolic_mmhg=120)
    assert "lower number" in entry_errors(upside_down, AT)[0].message
    assert [e.field for e in entry_errors(BodyMeasure(at=AT, weight_kg=900), AT)] == ["weight_kg"]
    assert entry_errors(BodyMeasure(at=AT, weight_kg=72.4, pulse_bpm=64), AT) == []


def test_the_timeline_reads_in_the_users_units() -> None:
    entry = BodyMeasure(
        at=AT, weight_kg=80, waist_cm=90, systolic_mmhg=128, diastolic_mmhg=82, pulse_bpm=64
    )
    metric = describe(entry, UnitPreferences())
    assert metric.title == "Weight 80 kg"
    assert metric.detail == "waist 90 cm · blood pressure 128/82 mmHg · pulse 64 bpm"
    imperial = describe(entry, IMPERIAL)
    assert imperial.title == "Weight 176.4 lb"
    assert imperial.detail.startswith("waist 35.4 in")
    assert describe(BodyMeasure(at=AT, pulse_bpm=70), IMPERIAL).title == "Pulse 70 bpm"


def test_weight_is_charted_in_the_users_unit(services: Services) -> None:
    services.journal.add_entry(BodyMeasure(at=AT, weight_kg=80.0))
    day = AT.date()
    series = services.charts.series("weight_kg", day, day, Aggregation.DAILY, IMPERIAL)
    assert series.unit == "lb"
    assert series.y.tolist() == [pytest.approx(80 * LB_PER_KG)]


def test_saving_a_weight_shown_in_pounds_unchanged_keeps_it_exact(
    qtbot: QtBot, services: Services
) -> None:
    services.set_units(IMPERIAL)
    saved = services.journal.add_entry(BodyMeasure(at=AT, weight_kg=80.0))
    dialog = EntryDialog(services, EntryKind.BODY, entry=saved)
    qtbot.addWidget(dialog)
    assert dialog.field("weight_kg").line.text() == "176.4"  # type: ignore[attr-defined]
    assert dialog.save()
    stored = services.journal.entry(saved.id or 0)
    assert isinstance(stored, BodyMeasure) and stored.weight_kg == 80.0


def test_body_measures_travel_through_an_export(services: Services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    entry = BodyMeasure(at=AT, weight_kg=71.3, systolic_mmhg=121, diastolic_mmhg=79)
    services.journal.add_entry(entry)
    summary = services.exports.export_journal(tmp_path / "out", "csv")
    assert summary.entries == 1
    text = (tmp_path / "out" / "body.csv").read_text(encoding="utf-8")
    assert "weight_kg" in text.splitlines()[0] and "71.3" in text
    assert date(2026, 11, 23).isoformat() in text
