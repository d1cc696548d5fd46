"""``interplay insights``: the findings printed, or written as the JSON the contract names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import run

from journal.cli import parse, run_command
from tests.e2e.cli_runner import run_in_process

CONTRACT = {
    "factor",
    "outcome",
    "lag_days",
    "direction",
    "effect",
    "effect_unit",
    "ci_low",
    "ci_high",
    "p_value",
    "q_value",
    "n_with",
    "n_without",
    "supported",
    "sentence",
}


@pytest.mark.slow
def test_insights_prints_the_findings_and_writes_exactly_the_contracts_json(
    tmp_path: Path,
) -> None:
    assert run_in_process("demo", "--days", "120", data_dir=tmp_path).returncode == 0
    printed = run("insights", data_dir=tmp_path)  # the real program
    assert printed.returncode == 0, printed.stderr
    assert "tests run" in printed.stdout and "association, not a cause" in printed.stdout
    out = tmp_path / "insights.json"
    written = run_in_process("insights", "--json", str(out), data_dir=tmp_path)
    assert written.returncode == 0, written.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert set(document) == {"tests_run", "findings"}
    assert document["tests_run"] == sum(1 for _ in document["findings"]) > 0
    assert all(set(finding) == CONTRACT for finding in document["findings"])
    assert {f["direction"] for f in document["findings"]} <= {"higher", "lower"}


def test_insights_on_an_empty_journal_says_nothing_was_tested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # In-process: the subprocess test above covers the real program.
    assert run_command(parse(["--data-dir", str(tmp_path), "insights"])) == 0
    assert "0 tests run" in capsys.readouterr().out


def test_a_range_backwards_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = parse(
        ["--data-dir", str(tmp_path), "insights", "--from", "2026-11-20", "--to", "2026-11-01"]
    )
    assert run_command(args) == 1
    error = capsys.readouterr().err
    assert error.strip() == "interplay: --from must not be after --to"


def test_a_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse(["insights", "--from", "soon"])
    assert stopped.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
