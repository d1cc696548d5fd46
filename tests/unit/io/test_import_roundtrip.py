"""Any journal -> export -> import into an empty journal -> export gives the same document."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from journal_strategies import JournalSpec, empty_journal, fill, journals

from journal.services import Services


def _document(data: Services, folder: Path, name: str) -> dict[str, Any]:
    out = folder / name
    data.exports.export_journal(out, "json")
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def _round_trip(spec: JournalSpec, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, empty_journal() as first, empty_journal() as second:
        folder = Path(tmp)
        fill(first, spec)
        source = first
        before = _document(source, folder, "before.json")
        # Every goal and reminder people set up travels; medications' own reminders do not.
        assert len(before["goals"]) == len(spec.goals)
        assert len(before["reminders"]) == len(spec.reminders)
        assert len(before["experiments"]) == len(spec.experiments)
        muted = before["settings"].get("reminders.muted_medications", [])
        assert len(muted) == len(set(spec.muted_medications))
        source.exports.export_journal(folder / f"export.{fmt}", fmt)  # type: ignore[arg-type]
        target = second
        target.imports.import_journal(folder / f"export.{fmt}", fmt)  # type: ignore[arg-type]
        after = _document(target, folder, "after.json")
        assert after == before
        # Importing the same export again adds nothing.
        again = target.imports.import_journal(folder / f"export.{fmt}", fmt)  # type: ignore[arg-type]
        assert again.total_added == 0
        assert _document(target, folder, "again.json") == before


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals())
def test_json_round_trip_gives_the_same_document(spec: JournalSpec) -> None:
    _round_trip(spec, "json")


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals())
def test_csv_round_trip_gives_the_same_document(spec: JournalSpec) -> None:
    _round_trip(spec, "csv")
