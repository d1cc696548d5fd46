"""CGM readings through the services: import without duplicates, undo, metrics, zones."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from journal.analysis.cgm_metrics import cgm_metrics
from journal.domain.clock import FakeClock
from journal.domain.entries import Meal
from journal.domain.glucose import TIGHT_RANGE
from journal.domain.vocabulary import EntryKind, MealType
from journal.io.cgm.samples import (
    LibreRecord,
    SampleReadings,
    every,
    synthetic_readings,
    write_clarity,
    write_libreview,
)
from journal.services import Services, open_services
from journal.services.errors import ImportRefusedError
from journal.services.journal import JournalChange, Topic

# Each test that uses data_dir runs on a plain and on an encrypted journal (tests/conftest.py).
ENCRYPTED_TOO = True

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN)
START = datetime(2026, 11, 1, tzinfo=BERLIN)


@pytest.fixture
def cgm(tmp_path: Path) -> Iterator[Services]:
    services = open_services(tmp_path / "journal", FakeClock(NOW), zone=BERLIN)
    yield services
    services.close()


def trace(days: int = 3, start: datetime = START, seed: int = 1) -> SampleReadings:
    return synthetic_readings(days, start=start, zone=BERLIN, seed=seed)


def offset_minutes(utc: int) -> int:
    offset = datetime.fromtimestamp(utc, BERLIN).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def part(readings: SampleReadings, first: int, last: int) -> SampleReadings:
    return SampleReadings(readings.utc_seconds[first:last], readings.mgdl[first:last])


def test_re_importing_a_file_or_a_later_overlapping_export_adds_only_new_readings(
    cgm: Services, tmp_path: Path
) -> None:
    readings = trace(4)
    first = write_clarity(tmp_path / "first.csv", part(readings, 0, 600), BERLIN)
    later = write_clarity(tmp_path / "later.csv", part(readings, 400, 1152), BERLIN)

    assert cgm.cgm.import_file(first).added == 600
    again = cgm.cgm.import_file(first)
    preview = cgm.cgm.preview_file(later)
    overlap = cgm.cgm.import_file(later)

    assert (again.added, again.present, again.import_id) == (0, 600, None)
    assert (preview.new, preview.present) == (552, 200)
    assert (overlap.added, overlap.present) == (552, 200)
    assert cgm.cgm.count() == 1152
    assert len(cgm.cgm.imports()) == 2


def test_undoing_an_import_removes_exactly_its_batch_and_edit_undo_brings_it_back(
    cgm: Services, tmp_path: Path
) -> None:
    readings = trace(4)
    cgm.cgm.import_file(write_clarity(tmp_path / "a.csv", part(readings, 0, 500), BERLIN))
    cgm.cgm.import_file(write_clarity(tmp_path / "b.csv", part(readings, 300, 900), BERLIN))
    older = next(b for b in cgm.cgm.imports() if b.file == "a.csv")
    heard: list[JournalChange] = []
    cgm.journal.subscribe(heard.append)

    removed = cgm.cgm.undo_import(older.id)

    assert removed == 500
    assert cgm.cgm.count() == 400  # b's own readings (300-899 less those a had)
    assert [b.file for b in cgm.cgm.imports()] == ["b.csv"]
    assert heard[-1].topics == {Topic.CGM}
    assert cgm.journal.undo() == "Remove the import of a.csv"
    assert cgm.cgm.count() == 900
    assert {b.file for b in cgm.cgm.imports()} == {"a.csv", "b.csv"}


def test_edit_undo_takes_an_import_out_and_redo_puts_it_back(cgm: Services, tmp_path: Path) -> None:
    cgm.cgm.import_file(write_clarity(tmp_path / "g6.csv", trace(1), BERLIN))
    assert cgm.journal.undo() == "Import g6.csv"
    assert cgm.cgm.count() == 0
    assert cgm.journal.redo() == "Import g6.csv"
    assert cgm.cgm.count() == 288


def test_metrics_of_a_range_equal_the_core_computation(cgm: Services, tmp_path: Path) -> None:
    readings = trace(20, start=datetime(2026, 10, 20, tzinfo=BERLIN))
    cgm.cgm.import_file(write_clarity(tmp_path / "g6.csv", readings, BERLIN))
    first, last = date(2026, 10, 24), date(2026, 11, 6)

    found = cgm.cgm.metrics(first, last)

    offsets = np.array([offset_minutes(int(u)) for u in readings.utc_seconds])
    days = (readings.utc_seconds + offsets * 60) // 86_400
    lo, hi = (first - date(1970, 1, 1)).days, (last - date(1970, 1, 1)).days
    keep = (days >= lo) & (days <= hi)
    expected = cgm_metrics(readings.utc_seconds[keep], offsets[keep], readings.mgdl[keep])
    assert found is not None and expected is not None
    assert found.readings == expected.readings == 14 * 288 + 12  # 25 October has 25 hours
    assert found.mean_mgdl == expected.mean_mgdl
    assert found.sd_mgdl == expected.sd_mgdl
    assert [b.percent for b in found.bands] == [b.percent for b in expected.bands]
    assert found.active_percent == expected.active_percent


def test_an_autumn_file_keeps_both_readings_of_the_repeated_hour(
    cgm: Services, tmp_path: Path
) -> None:
    # 25 October 2026: Berlin's clocks go back from 03:00 to 02:00, so 02:00-02:55 twice.
    readings = trace(2, start=datetime(2026, 10, 24, 12, tzinfo=BERLIN))
    report = cgm.cgm.import_file(write_clarity(tmp_path / "autumn.csv", readings, BERLIN))

    day = cgm.cgm.day(date(2026, 10, 25))

    assert report.added == len(readings)
    assert day is not None
    assert day.readings == 300  # a 25-hour day of 5-minute readings
    assert day.trace[-1].minute > 1440  # the repeated hour is drawn once after the other


def test_a_second_device_uploading_the_same_sensor_readings_is_left_out(
    cgm: Services, tmp_path: Path
) -> None:
    readings = every(trace(2), 15)
    phone = write_libreview(tmp_path / "phone.csv", readings, BERLIN, device="FreeStyle LibreLink")
    shifted = SampleReadings(readings.utc_seconds + 60, readings.mgdl)  # the reader's clock
    reader = write_libreview(
        tmp_path / "reader.csv", shifted, BERLIN, device="FreeStyle Libre 2", serial="READER-1"
    )
    cgm.cgm.import_file(phone)

    report = cgm.cgm.import_file(reader)

    assert (report.added, report.copies) == (0, len(readings))
    assert cgm.cgm.count() == len(readings)


def test_a_file_imported_again_in_another_zone_is_flagged(cgm: Services, tmp_path: Path) -> None:
    path = write_clarity(tmp_path / "g6.csv", trace(2), BERLIN)
    cgm.cgm.import_file(path)

    preview = cgm.cgm.preview_file(path, zone=ZoneInfo("Europe/London"))

    assert preview.conflicts > 0
    assert preview.zone_warning is not None
    assert "Europe/Berlin" in preview.zone_warning


def test_a_shifted_file_between_the_stored_readings_is_flagged(
    cgm: Services, tmp_path: Path
) -> None:
    # Readings some seconds off the minute, as real sensors drift: read in another zone
    # they fall between the stored ones instead of on them.
    readings = trace(2)
    drift = np.random.default_rng(5).integers(0, 60, len(readings))
    odd = SampleReadings(readings.utc_seconds + drift, readings.mgdl)
    path = write_clarity(tmp_path / "g6.csv", odd, BERLIN)
    cgm.cgm.import_file(path)

    preview = cgm.cgm.preview_file(path, zone=ZoneInfo("America/New_York"))

    assert preview.interleaved > len(readings) // 2 > preview.conflicts
    assert preview.zone_warning is not None and "shifted in time" in preview.zone_warning


def test_food_and_notes_become_entries_only_when_asked_and_only_once(
    cgm: Services, tmp_path: Path
) -> None:
    readings = every(trace(1), 15)
    lunch = int(datetime(2026, 11, 1, 12, 30, tzinfo=BERLIN).timestamp())
    records = [
        LibreRecord(lunch, 5, carbs_grams=60, notes="Lentil soup"),
        LibreRecord(lunch + 3600, 6, notes="Walked home"),
    ]
    path = write_libreview(tmp_path / "libre.csv", readings, BERLIN, records=records)

    cgm.cgm.import_file(path)
    assert cgm.journal.count_entries() == 0
    first = cgm.cgm.import_file(path, with_entries=True)
    second = cgm.cgm.import_file(path, with_entries=True)

    meals = cgm.journal.entries_between(date(2026, 11, 1), date(2026, 11, 1), [EntryKind.MEAL])
    assert first.entries_added == 2 and second.entries_added == 0
    assert [(m.carbs_g, m.items) for m in meals if isinstance(m, Meal)] == [(60.0, "Lentil soup")]
    assert cgm.journal.count_entries() == 2
    assert first.import_id is not None
    cgm.cgm.undo_import(first.import_id)
    assert cgm.journal.count_entries() == 0


def test_a_bad_cell_refuses_the_whole_file_naming_line_and_column(
    cgm: Services, tmp_path: Path
) -> None:
    path = write_clarity(tmp_path / "bad.csv", trace(1), BERLIN, bom=False, crlf=False)
    lines = path.read_text().splitlines()
    lines[20] = lines[20].replace(",EGV,,,,iPhone G6,", ",EGV,,,,iPhone G6,lots", 1)
    path.write_text("\n".join(lines) + "\n")

    with pytest.raises(ImportRefusedError) as refused:
        cgm.cgm.import_file(path)

    assert "line 21" in str(refused.value) and "Glucose Value (mg/dL)" in str(refused.value)
    assert cgm.cgm.count() == 0 and not cgm.cgm.imports()


def test_the_figures_use_the_target_range_chosen_in_preferences(
    cgm: Services, tmp_path: Path
) -> None:
    cgm.cgm.import_file(write_clarity(tmp_path / "g6.csv", trace(2), BERLIN))
    assert cgm.cgm.target_range() == (70.0, 180.0)
    heard: list[JournalChange] = []
    cgm.journal.subscribe(heard.append)

    cgm.set_target_range(TIGHT_RANGE)

    metrics = cgm.cgm.metrics(None, None)
    day = cgm.cgm.day(date(2026, 11, 1))
    assert cgm.cgm.target_range() == (70.0, 140.0)
    assert metrics is not None and day is not None
    assert (metrics.user_range.low_mgdl, metrics.user_range.high_mgdl) == (70.0, 140.0)
    assert metrics.user_range.percent < metrics.in_range.percent
    assert day.target_mgdl == (70.0, 140.0)
    assert heard  # views showing the range hear of the change


def test_cgm_daily_measures_read_the_stream_by_local_day(cgm: Services, tmp_path: Path) -> None:
    readings = trace(3)
    cgm.cgm.import_file(write_clarity(tmp_path / "g6.csv", readings, BERLIN))
    day = date(2026, 11, 2)

    values = cgm.measures.read(["cgm_mean", "cgm_tir_pct", "cgm_readings"], day, day)

    summary = cgm.cgm.day(day)
    assert summary is not None
    assert values.on("cgm_readings", day) == 288
    assert values.on("cgm_mean", day) == pytest.approx(summary.mean_mgdl)
    assert values.on("cgm_tir_pct", day) == pytest.approx(summary.in_range_pct)


def test_readings_are_not_entries_nor_search_hits(cgm: Services, tmp_path: Path) -> None:
    cgm.cgm.import_file(write_clarity(tmp_path / "g6.csv", trace(1), BERLIN))
    view = cgm.journal.day_view(date(2026, 11, 1))
    assert view.entries == [] and cgm.journal.count_entries() == 0
    assert cgm.journal.search("g6") == []
    assert cgm.journal.calendar_marks(date(2026, 11, 1), date(2026, 11, 1)) == {}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_exports_carry_the_readings_losslessly(cgm: Services, tmp_path: Path, fmt: str) -> None:
    readings = trace(2, start=datetime(2026, 10, 24, 12, tzinfo=BERLIN))  # over the change
    cgm.cgm.import_file(write_clarity(tmp_path / "g6.csv", readings, BERLIN, low_high=(96, 160)))
    breakfast = datetime(2026, 10, 25, 8, tzinfo=BERLIN)
    cgm.journal.add_entry(Meal(at=breakfast, meal_type=MealType.BREAKFAST, items="Toast"))
    out = tmp_path / ("export.json" if fmt == "json" else "export")
    summary = cgm.exports.export_journal(out, fmt)  # type: ignore[arg-type]
    other = open_services(tmp_path / "other", FakeClock(NOW), zone=BERLIN)
    try:
        first = other.imports.import_journal(out)
        second = other.imports.import_journal(out)
        theirs = other.cgm.historic(date(2026, 10, 24), date(2026, 10, 26))
        mine = cgm.cgm.historic(date(2026, 10, 24), date(2026, 10, 26))
        with cgm.db.reading() as a, other.db.reading() as b:
            from journal.store.cgm_stream import read_days

            stored = read_days(a, None, None)
            copied = read_days(b, None, None)
    finally:
        other.close()
    assert summary.readings == len(readings)
    assert first.added["cgm_readings"] == len(readings)
    assert second.added == {} and second.already_present["cgm_readings"] == len(readings)
    for name in ("utc", "offset", "day", "mgdl"):
        assert np.array_equal(getattr(theirs, name), getattr(mine, name)), name
    assert np.array_equal(stored.flag, copied.flag) and stored.flag.any()
    assert np.array_equal(stored.kind, copied.kind)


def test_an_export_of_version_2_without_readings_still_imports(
    cgm: Services, tmp_path: Path
) -> None:
    document = {
        "format": "interplay-journal",
        "format_version": 2,
        "entries": [{"kind": "glucose", "at": "2026-11-24T08:00:00+01:00", "glucose_mg_dl": 98}],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document))
    assert cgm.imports.import_journal(path).added == {"glucose": 1}


def test_day_of_today_needs_no_numpy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tempfile; from pathlib import Path; from datetime import date\n"
        "from journal.services import open_services\n"
        "s = open_services(Path(tempfile.mkdtemp())); s.cgm.day(date(2026, 1, 1))\n"
        "s.cgm.imports(); s.cgm.span(); s.close()\n"
        "print('numpy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_start_of_next_day_boundaries(cgm: Services, tmp_path: Path) -> None:
    # A reading at 23:55 and one at 00:00 fall on their own local days.
    readings = trace(2)
    cgm.cgm.import_file(write_clarity(tmp_path / "g6.csv", readings, BERLIN))
    days = cgm.cgm.days_with_readings(date(2026, 10, 30), date(2026, 11, 5))
    assert days == {date(2026, 11, 1), date(2026, 11, 2)}
    assert cgm.cgm.span() == (date(2026, 11, 1), date(2026, 11, 2))
    assert cgm.cgm.day(date(2026, 11, 1) + timedelta(days=2)) is None
