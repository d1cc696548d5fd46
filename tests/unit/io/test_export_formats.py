"""The JSON and CSV exports: what a person (or a spreadsheet) finds in them."""

from __future__ import annotations

import csv
import json
from datetime import date, time, timedelta
from pathlib import Path
from typing import Literal

import pytest
from journal_strategies import TZ, empty_journal

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
from journal.domain.goals import Comparison, Goal, GoalMeasure, GoalPeriod
from journal.domain.reminders import Reminder, ReminderAction, Schedule, ScheduleKind
from journal.io.demo import generate_demo
from journal.io.fields import ENTRY_FILES, csv_table_markdown
from journal.services import Services
from journal.services.errors import DataError


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
    services.goals.save_goal(
        Goal(
            name="Water every day",
            measure=GoalMeasure.TRACKER,
            comparison=Comparison.AT_LEAST,
            target=6,
            tracker_id=tracker.id,
        )
    )
    services.goals.save_goal(
        Goal(
            name="Fasting glucose below 100",
            measure=GoalMeasure.FASTING_GLUCOSE,
            comparison=Comparison.BELOW,
            target=100,
            period=GoalPeriod.WEEK,
            days_per_period=5,
        )
    )
    services.reminders.save_reminder(
        Reminder(
            action=ReminderAction.GLUCOSE,
            schedule=Schedule(
                kind=ScheduleKind.INTERVAL,
                every=timedelta(hours=2),
                window_start=time(8),
                window_end=time(20),
                weekdays=frozenset({0, 2, 4}),
            ),
        )
    )
    services.reminders.save_reminder(
        Reminder(
            action=ReminderAction.MEDICATION,
            medication_id=med.id,
            message="with breakfast",
            schedule=Schedule(times=(time(8), time(20, 30))),
        )
    )
    services.reminders.mark_run(now)  # this computer's state: not part of an export
    return services


def test_json_export_is_one_versioned_document_of_everything(
    filled: Services, tmp_path: Path
) -> None:
    summary = filled.exports.export_journal(tmp_path / "journal.json", "json")
    document = json.loads((tmp_path / "journal.json").read_text(encoding="utf-8"))
    assert document["format"] == "interplay-journal"
    assert document["format_version"] == 4
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
    assert [g["name"] for g in document["goals"]] == [
        "Water every day",
        "Fasting glucose below 100",
    ]
    assert document["goals"][0]["tracker_uid"] == document["trackers"][0]["uid"]
    assert document["goals"][1]["days_per_period"] == 5
    interval, medication = document["reminders"]
    assert interval["schedule"] == "interval"
    assert interval["every_min"] == 120
    assert interval["weekdays"] == ["mon", "wed", "fri"]
    # Only the reminders people set up: the medication's own times are not a stored reminder.
    assert medication["medication_uid"] == document["medications"][0]["uid"]
    assert medication["times"] == ["08:00", "20:30"]
    assert summary.counts["goals"] == 2
    assert "reminders.last_run" not in document["settings"]
    assert summary.counts["reminders"] == 2


def test_json_export_range_keeps_the_days_asked_for(filled: Services, tmp_path: Path) -> None:
    filled.exports.export_journal(
        tmp_path / "week.json", "json", first=date(2026, 11, 20), last=date(2026, 11, 24)
    )
    document = json.loads((tmp_path / "week.json").read_text(encoding="utf-8"))
    assert document["range"] == {"from": "2026-11-20", "to": "2026-11-24"}
    assert "glucose" not in {e["kind"] for e in document["entries"]}


def test_a_backwards_period_is_refused(filled: Services, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="starts"):
        filled.exports.export_journal(
            tmp_path / "x.json", first=date(2026, 11, 24), last=date(2026, 11, 1)
        )
    assert not (tmp_path / "x.json").exists()


def test_csv_export_is_a_folder_with_one_file_per_kind(filled: Services, tmp_path: Path) -> None:
    filled.exports.export_journal(tmp_path / "csv", "csv")
    names = {p.name for p in (tmp_path / "csv").iterdir()}
    assert set(ENTRY_FILES.values()) <= names
    assert {"medications.csv", "trackers.csv", "flare_episodes.csv", "favourites.csv"} <= names
    assert {"goals.csv", "reminders.csv", "experiments.csv"} <= names
    with (tmp_path / "csv" / "glucose.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["glucose_mg_dl"] == "104.0"
    assert rows[0]["at"] == "2026-11-14T12:00:00+01:00"
    with (tmp_path / "csv" / "symptoms.csv").open(encoding="utf-8", newline="") as handle:
        symptoms = next(csv.DictReader(handle))
    assert symptoms["scores"] == "pain=5; fatigue=7"
    with (tmp_path / "csv" / "goals.csv").open(encoding="utf-8", newline="") as handle:
        goals = list(csv.DictReader(handle))
    assert goals[0]["measure"] == "tracker"
    assert goals[0]["tracker_uid"] != ""
    assert (goals[1]["period"], goals[1]["days_per_period"]) == ("week", "5")
    with (tmp_path / "csv" / "reminders.csv").open(encoding="utf-8", newline="") as handle:
        header = handle.readline().strip().split(",")
        handle.seek(0)
        reminders = list(csv.DictReader(handle))
    assert header == [
        "uid",
        "action",
        "message",
        "medication_uid",
        "enabled",
        "schedule",
        "times",
        "weekdays",
        "every_min",
        "window_start",
        "window_end",
    ]
    assert reminders[0]["weekdays"] == "mon; wed; fri"
    assert reminders[1]["times"] == "08:00; 20:30"
    assert reminders[1]["message"] == "with breakfast"


def test_csv_export_refuses_a_folder_that_has_files(filled: Services, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(DataError, match="not an empty folder"):
        filled.exports.export_journal(tmp_path / "full", "csv")
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
        filled.exports.export_journal(out / "journal.json")
    assert list(out.iterdir()) == []


def test_csv_columns_are_documented_for_the_readme() -> None:
    table = csv_table_markdown()
    assert "| `glucose.csv` |" in table
    assert "`glucose_mg_dl`" in table
    assert "`carbs_g`" in table
    assert "| `goals.csv` | `uid`, `name`, `measure`" in table
    assert "| `reminders.csv` | `uid`, `action`" in table
    assert "| `experiments.csv` | `uid`, `factor`" in table
    assert "`every_min`" in table


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_demo_journal_exports_and_imports_cleanly(
    tmp_path: Path, clock: FakeClock, fmt: Literal["json", "csv"]
) -> None:
    with empty_journal(clock) as source, empty_journal(clock) as target:
        generate_demo(source.db, days=60, seed=7, end=clock.now().date(), tz=TZ)
        source.exports.export_journal(tmp_path / "before.json")
        source.exports.export_journal(tmp_path / f"demo.{fmt}", fmt)
        report = target.imports.import_journal(tmp_path / f"demo.{fmt}", fmt)
        assert report.added["goals"] == 6
        assert report.added["reminders"] == 2
        target.exports.export_journal(tmp_path / "after.json")
        before = json.loads((tmp_path / "before.json").read_text(encoding="utf-8"))
        after = json.loads((tmp_path / "after.json").read_text(encoding="utf-8"))
        assert before == after  # the same clock, so even exported_at agrees
        assert len(after["entries"]) > 300
        assert target.imports.import_journal(tmp_path / f"demo.{fmt}", fmt).total_added == 0
