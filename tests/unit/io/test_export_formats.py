"""The JSON and CSV exports: what a person (or a spreadsheet) finds in them."""

from __future__ import annotations

import csv
import json
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import (
    DoseLog,
    FlareEpisode,
    Glucose,
    Meal,
    Medication,
    SymptomCheck,
    Tracker,
    TrackerValue,
)
from journal.io.fields import ENTRY_FILES, csv_table_markdown
from journal.services import Services
from journal.services.data import DataError, data_service


@pytest.fixture
def filled(services: Services, clock: FakeClock) -> Services:
    journal = services.journal
    now = clock.now()
    med = journal.save_medication(Medication(name="Metformin", dose="500 mg", times=(time(8),)))
    tracker = journal.save_tracker(Tracker(name="Water", unit="glasses"))
    flare = journal.save_flare(FlareEpisode(start=date(2026, 11, 20), condition="lupus"))
    journal.add_entry(Meal(at=now, items="porridge, berries", carbs_g=45.5, tags=("whole grains",)))
    journal.add_entry(Glucose(at=now - timedelta(days=10), mgdl=104))
    journal.add_entry(DoseLog(at=now, medication_id=med.id or 0, scheduled=time(8), dose="500 mg"))
    journal.add_entry(TrackerValue(at=now, tracker_id=tracker.id or 0, value=6))
    journal.add_entry(SymptomCheck(at=now, scores={"pain": 5, "fatigue": 7}, flare_id=flare.id))
    journal.save_favourite("Porridge", Meal(at=now, items="porridge", carbs_g=40))
    return services


def test_json_export_is_one_versioned_document_of_everything(
    filled: Services, tmp_path: Path
) -> None:
    summary = data_service(filled).export_journal(tmp_path / "journal.json", "json")
    document = json.loads((tmp_path / "journal.json").read_text(encoding="utf-8"))
    assert document["format"] == "interplay-journal"
    assert document["format_version"] == 1
    assert document["exported_at"] == "2026-11-24T12:00:00+01:00"
    assert {e["kind"] for e in document["entries"]} == {
        "meal",
        "glucose",
        "dose",
        "tracker",
        "symptoms",
    }
    assert summary.entries == 5
    dose = next(e for e in document["entries"] if e["kind"] == "dose")
    assert dose["medication_uid"] == document["medications"][0]["uid"]
    glucose = next(e for e in document["entries"] if e["kind"] == "glucose")
    assert glucose["glucose_mg_dl"] == 104.0
    assert document["favourites"][0]["name"] == "Porridge"
    assert document["flare_episodes"][0]["condition"] == "lupus"


def test_json_export_range_keeps_the_days_asked_for(filled: Services, tmp_path: Path) -> None:
    data_service(filled).export_journal(
        tmp_path / "week.json", "json", first=date(2026, 11, 20), last=date(2026, 11, 24)
    )
    document = json.loads((tmp_path / "week.json").read_text(encoding="utf-8"))
    assert document["range"] == {"from": "2026-11-20", "to": "2026-11-24"}
    assert "glucose" not in {e["kind"] for e in document["entries"]}


def test_a_backwards_period_is_refused(filled: Services, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="starts"):
        data_service(filled).export_journal(
            tmp_path / "x.json", first=date(2026, 11, 24), last=date(2026, 11, 1)
        )
    assert not (tmp_path / "x.json").exists()


def test_csv_export_is_a_folder_with_one_file_per_kind(filled: Services, tmp_path: Path) -> None:
    data_service(filled).export_journal(tmp_path / "csv", "csv")
    names = {p.name for p in (tmp_path / "csv").iterdir()}
    assert set(ENTRY_FILES.values()) <= names
    assert {"medications.csv", "trackers.csv", "flare_episodes.csv", "favourites.csv"} <= names
    with (tmp_path / "csv" / "glucose.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["glucose_mg_dl"] == "104.0"
    assert rows[0]["at"] == "2026-11-14T12:00:00+01:00"
    with (tmp_path / "csv" / "symptoms.csv").open(encoding="utf-8", newline="") as handle:
        symptoms = next(csv.DictReader(handle))
    assert symptoms["scores"] == "pain=5; fatigue=7"


def test_csv_export_refuses_a_folder_that_has_files(filled: Services, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(DataError, match="not an empty folder"):
        data_service(filled).export_journal(tmp_path / "full", "csv")
    assert (tmp_path / "full" / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_a_failed_export_leaves_no_half_written_file(
    filled: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.io import json_format

    def full_disk(self: object, key: str, records: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json_format.JsonDocumentWriter, "array", full_disk)
    out = tmp_path / "exports"
    out.mkdir()
    with pytest.raises(DataError, match="disk is full"):
        data_service(filled).export_journal(out / "journal.json")
    assert list(out.iterdir()) == []


def test_csv_columns_are_documented_for_the_readme() -> None:
    table = csv_table_markdown()
    assert "| `glucose.csv` |" in table
    assert "`glucose_mg_dl`" in table
    assert "`carbs_g`" in table
