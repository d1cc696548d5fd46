"""An import writes entries through the bulk writer (plain tuples, executemany); a form saves
them through the ORM. Both must store the very same text and types in every column, or
later reads, sorts and comparisons (``at_utc`` as text) would see two kinds of row."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from journal_strategies import JournalSpec, empty_journal, fill, journals

from journal.domain.kinds import KINDS
from journal.store.files import JOURNAL_FILENAME
from journal.store.mapping import row_type

_TABLES = ["entry", *sorted({row_type(kind).__tablename__ for kind in KINDS} - {"entry"})]


def _stored(folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every entry row and detail row as SQLite holds it (value and storage class), by the
    entry's uid; ids are left out (the import gives its own)."""
    connection = sqlite3.connect(folder / JOURNAL_FILENAME)
    try:
        found: dict[str, list[tuple[Any, ...]]] = {}
        for name in _TABLES:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')]
            kept = [c for c in columns if c != "id" and not c.endswith("_id")]
            shown = ", ".join(f't."{c}", typeof(t."{c}")' for c in kept)
            join = "" if name == "entry" else " JOIN entry e ON e.id = t.id"
            uid = "t.uid" if name == "entry" else "e.uid"
            found[name] = sorted(
                connection.execute(f'SELECT {uid}, {shown} FROM "{name}" t{join}').fetchall()
            )
        return found
    finally:
        connection.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals())
def test_an_imported_entry_is_stored_as_the_saved_one_is(spec: JournalSpec) -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        empty_journal() as saved,
        empty_journal() as imported,
    ):
        fill(saved, spec)
        export = Path(tmp) / "export.json"
        saved.exports.export_journal(export, "json")
        imported.imports.import_journal(export, "json")
        assert _stored(imported.data_dir) == _stored(saved.data_dir)
