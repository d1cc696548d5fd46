"""The command line with self-experiments: a changed one is refused in one line, taken with
--update; a bad one names file, line and field; the export writes them for the next journal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.cli_runner import run_in_process
from tests.e2e.test_cli import run


def _experiment(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "uid": "e1",
        "factor": "meal_tag:gluten",
        "factor_label": "meal tagged gluten",
        "outcome": "symptom:bloating",
        "outcome_label": "bloating",
        "lag_days": 0,
        "unit": "day",
        "seed": 11,
        "start": "2026-11-30",
        "schedule": "0110100110",
        "reminder_uid": "r1",
        "status": "running",
        "note": "",
    }
    return record | changes


def _file(path: Path, experiment: dict[str, Any]) -> Path:
    reminder = {"uid": "r1", "action": "custom", "message": "Self-experiment", "times": ["08:00"]}
    document = {
        "format": "interplay-journal",
        "format_version": 4,
        "reminders": [reminder],
        "experiments": [experiment],
    }
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def test_a_changed_experiment_needs_update_on_the_command_line(tmp_path: Path) -> None:
    # In process (tests/e2e/cli_runner.py); the bad-experiment test runs the real program.
    data = tmp_path / "data"
    first = _file(tmp_path / "first.json", _experiment())
    assert run_in_process("import", str(first), data_dir=data).returncode == 0, "first import"
    edited = _file(tmp_path / "edited.json", _experiment(status="stopped", stopped="2026-12-01"))
    refused = run_in_process("import", str(edited), data_dir=data)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "self-experiment 'meal tagged gluten' (uid e1)" in refused.stderr
    assert "--update" in refused.stderr
    updated = run_in_process("import", "--update", str(edited), data_dir=data)
    assert updated.returncode == 0, updated.stderr
    assert "Updated 1 record with the file's version" in updated.stdout
    out = tmp_path / "again.json"
    assert run_in_process("export", "--out", str(out), data_dir=data).returncode == 0
    (exported,) = json.loads(out.read_text(encoding="utf-8"))["experiments"]
    assert exported == _experiment(status="stopped", stopped="2026-12-01")


def test_a_bad_experiment_names_file_line_and_field(tmp_path: Path) -> None:
    bad = _file(tmp_path / "bad.json", _experiment(schedule="01x"))
    result = run("import", str(bad), data_dir=tmp_path / "data")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "bad.json line 15, field schedule" in result.stderr  # where the record starts
