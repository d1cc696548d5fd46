"""The ``check`` of a journal: integrity, foreign keys, a schema revision this version knows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from journal.domain.clock import FakeClock
from journal.domain.entries import Note
from journal.services import open_services
from journal.store.files import JOURNAL_FILENAME
from journal.store.integrity import check_journal


def _make(data_dir: Path, clock: FakeClock) -> Path:
    services = open_services(data_dir, clock)
    services.journal.add_entry(Note(at=clock.now(), note="hello"))
    services.close()
    return data_dir / JOURNAL_FILENAME


def test_a_healthy_journal_passes(data_dir: Path, clock: FakeClock) -> None:
    _make(data_dir, clock)
    report = check_journal(data_dir)
    assert report.ok
    assert report.entries == 1
    assert any(line.startswith("Integrity: ok") for line in report.lines())


def test_no_journal_yet_is_not_a_problem(empty_data_dir: Path) -> None:
    report = check_journal(empty_data_dir)
    assert report.ok
    assert "No journal yet" in report.lines()[-1]
    assert not (empty_data_dir / JOURNAL_FILENAME).exists()  # checking never creates one


def test_garbage_is_reported(data_dir: Path) -> None:
    (data_dir / JOURNAL_FILENAME).write_bytes(b"\x00garbage" * 500)
    report = check_journal(data_dir)
    assert not report.ok
    assert "not a journal or is badly damaged" in report.problems[0]


def test_a_truncated_journal_is_reported(data_dir: Path, clock: FakeClock) -> None:
    path = _make(data_dir, clock)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2)
    assert not check_journal(path).ok


def test_broken_references_are_reported(data_dir: Path, clock: FakeClock) -> None:
    path = _make(data_dir, clock)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys=OFF")
        db.execute("INSERT INTO entry_tag (entry_id, tag_id) VALUES (999, 999)")
    report = check_journal(path)
    assert not report.ok
    assert any("entry_tag" in p for p in report.problems)


def test_a_journal_from_a_newer_version_is_reported(data_dir: Path, clock: FakeClock) -> None:
    path = _make(data_dir, clock)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    report = check_journal(path)
    assert report.newer_schema
    assert "newer version of Interplay" in report.problems[0]


def test_a_database_that_is_not_a_journal_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
    assert "not an Interplay journal" in check_journal(path).problems[0]
