"""The README stays true: its CSV column table and its test command match the code."""

from __future__ import annotations

from pathlib import Path

from journal.io.fields import csv_table_markdown

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_csv_column_table_matches_the_exporter() -> None:
    assert csv_table_markdown().strip() in README


def test_ci_runs_the_readmes_test_command() -> None:
    command = ".venv/bin/python -m pytest -n 2"
    assert f"bash .ci/install && {command}" in README
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
