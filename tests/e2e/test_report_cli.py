"""``interplay report``: the PDF has the pages expected and ``pdftotext`` finds the numbers the
JSON holds; a journal without CGM, one without flares and an empty period say so in words."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import NOW, TZ
from report_journal import add_cgm_readings
from test_cli import assert_one_line_error, run

from journal.cli import parse, run_command
from journal.domain.clock import FakeClock
from journal.io.demo import generate_demo
from journal.services import open_services
from journal.store.database import open_database
from journal.store.files import JOURNAL_FILENAME

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) is not installed (see .ci/install)",
)


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # NFKC undoes the font's ligatures ("ﬁ" in "profile").
    return re.sub(r"[ \t]+", " ", unicodedata.normalize("NFKC", out))


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert match is not None
    return int(match.group(1))


def demo_journal(path: Path, days: int, *, cgm_days: int = 0) -> Path:
    db = open_database(path / JOURNAL_FILENAME)
    try:
        generate_demo(db, days=days, seed=2, end=NOW.date(), tz=TZ, now=NOW)
    finally:
        db.close()
    if cgm_days:
        services = open_services(path, FakeClock(NOW))
        try:
            start = datetime.combine(NOW.date(), time(0), TZ) - timedelta(days=cgm_days - 1)
            add_cgm_readings(services, start, cgm_days, TZ)
        finally:
            services.close()
    return path


def report(data_dir: Path, *args: str) -> int:
    """The command in-process (a QApplication exists under pytest-qt: the renderer uses it)."""
    return run_command(parse(["--data-dir", str(data_dir), "report", *args]))


@pytest.mark.slow
def test_a_cgm_report_prints_the_numbers_of_its_json(tmp_path: Path) -> None:
    data = demo_journal(tmp_path / "j", 60, cgm_days=30)
    first, last = (NOW.date() - timedelta(days=29)).isoformat(), NOW.date().isoformat()
    pdf, doc = tmp_path / "report.pdf", tmp_path / "report.json"
    result = run(
        "report", "--from", first, "--to", last, "--out", str(pdf), "--json", str(doc),
        "--name", "Robin Example", "--questions", "Should the metformin dose change?",
        data_dir=data,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "page report" in result.stdout
    numbers = json.loads(doc.read_text(encoding="utf-8"))
    pages = pdf_pages(pdf)
    assert 2 <= pages <= 4 and numbers["pages"] == pages
    text = pdf_text(pdf)

    stats = numbers["glucose"]["glucose_stats"]
    assert numbers["glucose"]["cgm"] is True and stats["readings"] == 30 * 288
    assert f"Time in range 70–180 mg/dL {stats['tir_70_180_pct']:.0f} %" in text
    assert f"{stats['gmi_pct']:.1f} %" in text
    assert f"{stats['mean_mg_dl']:.0f} mg/dL" in text
    assert f"{stats['readings']:,}" in text
    assert "Ambulatory glucose profile" in text
    for med in numbers["medications"]:
        if "due" in med:
            assert f"{med['taken']} of {med['due']}" in text
    whole = numbers["lifestyle"]["whole_weeks"]
    meeting = numbers["lifestyle"]["whole_weeks_meeting_who"]
    assert f"{meeting} of {whole} whole weeks reached 150 min" in text
    for flare in numbers["flares"]:
        assert date.fromisoformat(flare["start"]).strftime("%d %b %Y") in text
    assert f"of {numbers['insights']['tests_run']} tests run" in text or (
        f"({numbers['insights']['tests_run']} tests run" in text
    )
    assert "not a diagnosis" in text.lower()
    assert "Data entered by the patient" in text
    assert "Robin Example" in text and "Should the metformin dose change?" in text
    assert f"Page {pages} of {pages}" in text


def test_a_journal_without_cgm_shows_its_meter_readings_in_words_and_numbers(
    tmp_path: Path, qapp: object
) -> None:
    data = demo_journal(tmp_path / "j", 40)
    pdf, doc = tmp_path / "meter.pdf", tmp_path / "meter.json"
    assert report(data, "--to", NOW.date().isoformat(), "--out", str(pdf), "--json", str(doc)) == 0
    numbers = json.loads(doc.read_text(encoding="utf-8"))
    text = pdf_text(pdf)
    assert numbers["glucose"]["cgm"] is False
    assert "No CGM readings cover this period" in text
    fasting = numbers["glucose"]["meter"]["fasting_mg_dl"]
    assert f"mean {fasting['mean']:.0f} mg/dL" in text
    assert 2 <= pdf_pages(pdf) <= 4


def test_a_journal_without_flares_says_there_were_none(tmp_path: Path, qapp: object) -> None:
    data = demo_journal(tmp_path / "j", 40)
    services = open_services(data, FakeClock(NOW))
    try:
        for flare in services.journal.flares_between(date(2000, 1, 1), NOW.date()):
            assert flare.id is not None
            services.journal.delete_flare(flare.id)
    finally:
        services.close()
    pdf = tmp_path / "noflares.pdf"
    assert report(data, "--to", NOW.date().isoformat(), "--out", str(pdf)) == 0
    assert "No flares were recorded in this period." in pdf_text(pdf)


def test_an_empty_period_says_nothing_was_recorded(tmp_path: Path, qapp: object) -> None:
    data = demo_journal(tmp_path / "j", 20)
    pdf, doc = tmp_path / "empty.pdf", tmp_path / "empty.json"
    args = ["--from", "2020-01-01", "--to", "2020-01-31", "--out", str(pdf), "--json", str(doc)]
    assert report(data, *args) == 0
    text = pdf_text(pdf)
    assert "Nothing was recorded between 01 Jan 2020 and 31 Jan 2020" in text
    assert "No glucose readings (from a meter or a CGM) in this period." in text
    assert "No flares were recorded in this period." in text
    assert "No activity was recorded in this period." in text
    assert 1 <= pdf_pages(pdf) <= 3
    assert json.loads(doc.read_text(encoding="utf-8"))["logged_days"] == 0


def test_letter_paper(tmp_path: Path, qapp: object) -> None:
    pdf = tmp_path / "letter.pdf"
    assert report(tmp_path, "--paper", "letter", "--out", str(pdf)) == 0
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "612 x 792 pts (letter)" in info.stdout


def test_a_backwards_period_or_a_missing_folder_fails_with_one_line(tmp_path: Path) -> None:
    backwards = run(
        "report", "--from", "2026-05-01", "--to", "2026-04-01", "--out", str(tmp_path / "x.pdf"),
        data_dir=tmp_path,
    )  # fmt: skip
    assert_one_line_error(backwards, 1)
    assert "--from must not be after --to" in backwards.stderr
    missing = run("report", "--out", str(tmp_path / "no" / "x.pdf"), data_dir=tmp_path)
    assert_one_line_error(missing, 1)


def test_glucose_is_shown_in_the_persons_unit(tmp_path: Path, qapp: object) -> None:
    from journal.domain.units import GlucoseUnit, UnitPreferences

    data = demo_journal(tmp_path / "j", 20, cgm_days=14)
    services = open_services(data, FakeClock(NOW))
    try:
        services.set_units(UnitPreferences(glucose=GlucoseUnit.MMOLL))
    finally:
        services.close()
    pdf, doc = tmp_path / "mmol.pdf", tmp_path / "mmol.json"
    assert report(data, "--to", NOW.date().isoformat(), "--out", str(pdf), "--json", str(doc)) == 0
    text = pdf_text(pdf)
    mean = json.loads(doc.read_text(encoding="utf-8"))["glucose"]["glucose_stats"]["mean_mg_dl"]
    assert f"Mean glucose {mean / 18.016:.1f} mmol/L" in text
    assert "Time in range 3.9–10.0 mmol/L" in text


def test_a_few_cgm_days_leave_the_meter_readings_in_charge(tmp_path: Path, qapp: object) -> None:
    data = demo_journal(tmp_path / "j", 40, cgm_days=5)
    pdf, doc = tmp_path / "few.pdf", tmp_path / "few.json"
    assert report(data, "--to", NOW.date().isoformat(), "--out", str(pdf), "--json", str(doc)) == 0
    glucose = json.loads(doc.read_text(encoding="utf-8"))["glucose"]
    assert glucose["cgm"] is True and glucose["agp_shown"] is False
    assert glucose["glucose_stats"]["readings"] == 5 * 288
    text = pdf_text(pdf)
    assert "CGM readings on 5 days of this period are too few for an AGP" in text
    assert "Glucose: meter readings" in text and "Ambulatory glucose profile" not in text


def test_parts_can_be_left_out(tmp_path: Path, qapp: object) -> None:
    from journal.report_cli import SECTIONS
    from journal.services.report import Section

    assert set(SECTIONS) == {s.value for s in Section}
    data = demo_journal(tmp_path / "j", 20)
    pdf, doc = tmp_path / "short.pdf", tmp_path / "short.json"
    args = ["--leave-out", "insights, lifestyle,goals", "--out", str(pdf), "--json", str(doc)]
    assert report(data, "--to", NOW.date().isoformat(), *args) == 0
    numbers = json.loads(doc.read_text(encoding="utf-8"))
    assert "insights" not in numbers and "goals" not in numbers and "lifestyle" not in numbers
    text = pdf_text(pdf)
    assert "Insights" not in text and "Goals" not in text and "Flares and symptoms" in text


def test_an_unknown_part_is_a_usage_error(tmp_path: Path) -> None:
    result = run("report", "--leave-out", "dreams", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 2 and "dreams is not a part of the report" in result.stderr
