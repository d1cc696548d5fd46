"""Self-experiments travel in exports (JSON format 4, experiments.csv) and come back whole."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from journal_strategies import empty_journal

from journal.domain.experiments import SelfExperiment
from journal.io.fields import EXPERIMENT_FIELDS, EXPERIMENTS_FILE
from journal.services import Services
from journal.services.errors import ImportRefusedError
from journal.store import experiment_repository as experiment_repo
from journal.store import goal_repository as goal_repo


def _plan(services: Services) -> tuple[SelfExperiment, SelfExperiment]:
    """One running experiment with its daily reminder, one stopped without a reminder."""
    today = services.clock.now().date()
    insights = services.insights
    running = insights.plan_experiment(
        "meal_tag:gluten", "symptom:bloating", 0, start=today, weeks=4, unit="day", seed=11
    )
    later = insights.plan_experiment(
        "meal_tag:dairy",
        "symptom:fatigue",
        1,
        start=today + timedelta(days=1),
        weeks=4,
        unit="week",
        seed=7,
        remind_at=None,
    )
    assert later.id is not None
    stopped = insights.stop_experiment(later.id)
    with services.db.transaction() as session:
        experiment_repo.save_experiment(session, replace(stopped, note="felt tired; stopped"))
    return running, stopped


def _document(services: Services, path: Path) -> dict[str, Any]:
    services.exports.export_journal(path, "json")
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def _experiments(services: Services) -> list[SelfExperiment]:
    with services.db.reading() as session:
        return experiment_repo.experiments(session)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_experiments_survive_export_and_import_into_a_new_journal(
    services: Services, tmp_path: Path, fmt: str
) -> None:
    running, _ = _plan(services)
    before = _document(services, tmp_path / "before.json")
    assert before["format_version"] == 4
    assert len(before["experiments"]) == 2
    reminder_uid = before["reminders"][0]["uid"]
    by_factor = {e["factor"]: e for e in before["experiments"]}
    assert by_factor["meal_tag:gluten"]["reminder_uid"] == reminder_uid
    assert by_factor["meal_tag:gluten"]["schedule"] == "".join(
        "1" if on else "0" for on in running.schedule
    )
    assert by_factor["meal_tag:dairy"]["reminder_uid"] is None
    assert by_factor["meal_tag:dairy"]["status"] == "stopped"
    assert by_factor["meal_tag:dairy"]["note"] == "felt tired; stopped"
    export = tmp_path / f"export.{fmt}"
    services.exports.export_journal(export, fmt)  # type: ignore[arg-type]
    with empty_journal(services.clock) as other:  # type: ignore[arg-type]
        report = other.imports.import_journal(export, fmt)  # type: ignore[arg-type]
        assert report.added["experiments"] == 2
        assert _document(other, tmp_path / "after.json") == before
        # The experiment points at the reminder row of the new journal, not the old id.
        imported = next(e for e in _experiments(other) if e.factor == "meal_tag:gluten")
        with other.db.reading() as session:
            reminders = {r.id: r.uid for r in goal_repo.reminders(session)}
        assert reminders[imported.reminder_id] == reminder_uid  # type: ignore[index]
        again = other.imports.import_journal(export, fmt)  # type: ignore[arg-type]
        assert again.total_added == 0 and again.total_updated == 0
        assert again.already_present["experiments"] == 2
        assert _document(other, tmp_path / "again.json") == before


def test_the_csv_file_has_the_experiment_columns(services: Services, tmp_path: Path) -> None:
    _plan(services)
    services.exports.export_journal(tmp_path / "csv", "csv")
    with (tmp_path / "csv" / EXPERIMENTS_FILE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [f.name for f in EXPERIMENT_FIELDS]
    assert {r["status"] for r in rows} == {"running", "stopped"}
    assert {r["lag_days"] for r in rows} == {"0", "1"}
    assert all(set(r["schedule"]) <= {"0", "1"} for r in rows)


def _one_experiment(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "uid": "e1",
        "factor": "meal_tag:gluten",
        "factor_label": "meal tagged gluten",
        "outcome": "symptom:bloating",
        "outcome_label": "bloating",
        "lag_days": 0,
        "unit": "week",
        "seed": 3,
        "start": "2026-11-30",
        "schedule": "1" * 7 + "0" * 7,
        "reminder_uid": None,
        "status": "running",
        "stopped": None,
        "note": "",
    }
    return record | changes


def _write_json(path: Path, **sections: Any) -> Path:
    document = {"format": "interplay-journal", "format_version": 4, **sections}
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def test_a_changed_experiment_is_refused_without_update_and_taken_with_it(
    services: Services, tmp_path: Path
) -> None:
    first = _write_json(tmp_path / "first.json", experiments=[_one_experiment()])
    assert services.imports.import_journal(first).added == {"experiments": 1}
    assert services.imports.import_journal(first).total_added == 0
    edited = _write_json(
        tmp_path / "edited.json", experiments=[_one_experiment(note="a week off for a trip")]
    )
    preview = services.imports.preview_import(edited)
    assert preview.changed == {"experiments": 1}
    with pytest.raises(ImportRefusedError) as caught:
        services.imports.import_journal(edited)
    error = caught.value
    assert "self-experiment 'meal tagged gluten' (uid e1)" in error.problem
    assert "--update" in error.problem and error.file == "edited.json"
    assert [e.note for e in _experiments(services)] == [""]
    kept = services.imports.import_journal(edited, changed="keep")
    assert kept.kept == 1 and [e.note for e in _experiments(services)] == [""]
    taken = services.imports.import_journal(edited, changed="update")
    assert taken.updated == {"experiments": 1}
    assert [e.note for e in _experiments(services)] == ["a week off for a trip"]


def test_an_updated_experiment_links_the_reminder_the_file_adds(
    services: Services, tmp_path: Path
) -> None:
    _write_json(tmp_path / "first.json", experiments=[_one_experiment()])
    services.imports.import_journal(tmp_path / "first.json")
    reminder = {"uid": "r1", "action": "custom", "message": "Self-experiment", "times": ["08:00"]}
    edited = _write_json(
        tmp_path / "edited.json",
        reminders=[reminder],
        experiments=[_one_experiment(reminder_uid="r1")],
    )
    services.imports.import_journal(edited, changed="update")
    (experiment,) = _experiments(services)
    with services.db.reading() as session:
        (stored,) = goal_repo.reminders(session)
    assert experiment.reminder_id == stored.id and stored.uid == "r1"


def test_a_reminder_in_neither_file_nor_journal_leaves_the_experiment_without_one(
    services: Services, tmp_path: Path
) -> None:
    path = _write_json(tmp_path / "x.json", experiments=[_one_experiment(reminder_uid="gone")])
    assert services.imports.import_journal(path).added == {"experiments": 1}
    assert [e.reminder_id for e in _experiments(services)] == [None]
    again = services.imports.import_journal(path)
    assert again.total_added == 0 and again.kept == 0
    assert again.already_present == {"experiments": 1}


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"status": "paused"}, "status", "is not one of: running, stopped"),
        ({"schedule": "1101x"}, "schedule", "is not a schedule"),
        ({"schedule": ""}, "schedule", "The schedule is empty"),
        ({"lag_days": 3}, "lag_days", "is not 0 (same day) or 1 (next day)"),
        ({"lag_days": 0.5}, "lag_days", "is not a whole number"),
        ({"seed": -1}, "seed", "is not a seed"),
        ({"unit": "month"}, "unit", "is not week or day"),
        ({"reminder_uid": "no spaces allowed"}, "reminder_uid", "is not a uid"),
    ],
)
def test_bad_experiments_in_json_name_the_line_and_field(
    services: Services, tmp_path: Path, changes: dict[str, Any], field: str, expected: str
) -> None:
    records = [_one_experiment(), _one_experiment(uid="e2", **changes)]
    path = _write_json(tmp_path / "bad.json", experiments=records)
    with pytest.raises(ImportRefusedError) as caught:
        services.imports.import_journal(path)
    error = caught.value
    assert (error.file, error.field) == ("bad.json", field)
    assert error.line is not None and error.line > 3
    assert expected in error.problem
    assert _experiments(services) == []


def _csv_row(**changes: str) -> str:
    record = {k: "" if v is None else str(v) for k, v in _one_experiment().items()} | changes
    return ",".join(record[f.name] for f in EXPERIMENT_FIELDS) + "\r\n"


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"status": "done"}, "status"), ({"schedule": "10102"}, "schedule"), ({"seed": "x"}, "seed")],
)
def test_bad_experiments_in_csv_name_the_file_line_and_column(
    services: Services, tmp_path: Path, changes: dict[str, str], field: str
) -> None:
    header = ",".join(f.name for f in EXPERIMENT_FIELDS) + "\r\n"
    path = tmp_path / EXPERIMENTS_FILE
    path.write_text(header + _csv_row() + _csv_row(uid="e2", **changes), encoding="utf-8")
    with pytest.raises(ImportRefusedError) as caught:
        services.imports.import_journal(path)
    error = caught.value
    assert (error.file, error.line, error.field) == (EXPERIMENTS_FILE, 3, field)
    assert str(error).startswith(f"experiments.csv line 3, column {field}: ")
    assert _experiments(services) == []


def test_a_format_3_export_without_experiments_still_imports(
    services: Services, tmp_path: Path
) -> None:
    document = {"format": "interplay-journal", "format_version": 3, "entries": []}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert services.imports.import_journal(path).total_added == 0
