"""CSV exports are safe to open in a spreadsheet, and import back exactly (OWASP CSV injection)."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from journal.domain.clock import FakeClock
from journal.domain.entries import Meal, Note
from journal.io.csv_cells import FORMULA_STARTS, cell_text, safe_cell
from journal.services import open_services

NOTES = [
    '=HYPERLINK("http://example.invalid","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tleading tab",
    "\rleading return",
    "'a note that really starts with a quote",
    "'=already quoted",
    "''",
    "'",
    "-5",
    "'-5",
    "-5 units",
    "plain",
]


@given(st.text())
def test_a_cell_reads_back_exactly_and_never_starts_like_a_formula(text: str) -> None:
    cell = safe_cell(text)
    assert cell_text(cell) == text
    if cell and cell[0] in FORMULA_STARTS:
        float(cell)  # only a plain number may start with - or +


def test_formula_cells_are_written_as_text_and_import_back(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    services = open_services(data_dir, clock)
    try:
        for minute, note in enumerate(NOTES):
            services.journal.add_entry(Note(at=clock.now().replace(minute=minute), note=note))
        services.journal.add_entry(
            Meal(at=clock.now().replace(hour=8), items="=cmd|' /C calc'!A0", tags=("@home", "-x"))
        )
        services.exports.export_journal(tmp_path / "csv", "csv")
    finally:
        services.close()
    with (tmp_path / "csv" / "note.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    written = {row["note"] for row in rows}
    for cell in written:
        assert not cell or cell[0] not in FORMULA_STARTS or cell == "-5", cell
    assert '\'=HYPERLINK("http://example.invalid","click")' in written
    assert "''a note that really starts with a quote" not in written  # "'a" needs no mark
    assert "''-5" in written
    meal = (tmp_path / "csv" / "meal.csv").read_text(encoding="utf-8")
    assert "'=cmd|" in meal and "'-x; @home" in meal

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    services = open_services(fresh, clock)
    try:
        report = services.imports.import_journal(tmp_path / "csv")
        assert report.added == {"meal": 1, "note": len(NOTES)}
        with services.db.reading() as session:
            from journal.store import bulk_read

            entries = list(bulk_read.iter_entries(session))
    finally:
        services.close()
    assert sorted(e.note for e in entries if isinstance(e, Note)) == sorted(NOTES)
    meal = next(e for e in entries if isinstance(e, Meal))
    assert meal.items == "=cmd|' /C calc'!A0"
    assert meal.tags == ("-x", "@home")
