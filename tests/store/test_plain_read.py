"""The plain reads (no ORM): what the first paint and the repository see agrees with what
was written and with the models, and a day is read kind by kind, never in one big join."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from journal.domain.entries import (
    BodyMeasure,
    DoseLog,
    Entry,
    FlareEpisode,
    Medication,
    Tracker,
    TrackerValue,
)
from journal.domain.vocabulary import DoseStatus, EntryKind, TrackerType
from journal.store import plain_read as plain
from journal.store import repository as repo
from journal.store.connection import connect
from journal.store.database import open_database
from journal.store.files import JOURNAL_FILENAME
from journal.store.mapping import flare_from_row, medication_from_row, tracker_from_row
from journal.store.models import FlareEpisodeRow, MedicationRow, TrackerRow
from journal.store.schema_version import SCHEMA_HEAD
from journal.store.tables import DETAIL_TABLE
from tests.store.test_database import AT, ENTRIES

# Each test that uses data_dir runs on a plain and on an encrypted journal (tests/conftest.py).
ENCRYPTED_TOO = True

ZONE = timezone(timedelta(hours=9))


def _journal_with_everything(path: Path) -> list[Entry]:
    db = open_database(path)
    with db.transaction() as s:
        med = repo.save_medication(
            s,
            Medication(
                name="Metformin",
                dose="500 mg",
                times=(time(8),),
                periods=((datetime(2026, 1, 1, tzinfo=ZONE), None),),
            ),
        )
        tracker = repo.save_tracker(s, Tracker(name="Water", type=TrackerType.NUMBER, unit="l"))
        repo.save_flare(s, FlareEpisode(start=AT.date(), condition="lupus", triggers=("sun",)))
        repo.save_flare(
            s, FlareEpisode(start=date(2026, 1, 3), end=date(2026, 1, 9), condition="RA")
        )
        extra: list[Entry] = [
            DoseLog(at=AT, medication_id=med, status=DoseStatus.TAKEN, scheduled=time(8)),
            TrackerValue(at=AT, tracker_id=tracker, value=1.5),
            BodyMeasure(at=AT, weight_kg=70.5, systolic_mmhg=120, diastolic_mmhg=80),
        ]
        for entry in [*ENTRIES, *extra]:
            repo.insert_entry(s, entry)
        repo.put_setting(s, "units", {"glucose": "mmol/L"})
        written = repo.entries_between(s, AT.date(), AT.date())
    db.close()
    return written


def test_a_day_read_without_the_orm_is_every_entry_as_written(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILENAME
    written = _journal_with_everything(path)
    assert {e.kind for e in written} == set(EntryKind)  # one of every kind
    connection = connect(path, read_only=True)
    try:
        read = plain.entries_between(connection, AT.date(), AT.date())
        assert read == written
        assert [e.tags for e in read if e.kind is EntryKind.MEAL] == [
            ("vegetables", "whole grains")
        ]
        assert plain.schema_revision(connection) == SCHEMA_HEAD
        assert plain.get_setting(connection, "units") == {"glucose": "mmol/L"}
        assert plain.ongoing_flare(connection) is not None
    finally:
        connection.close()


def test_flares_medications_and_trackers_agree_with_the_models(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILENAME
    _journal_with_everything(path)
    db = open_database(path)
    with db.reading() as s:
        models = (
            [medication_from_row(r) for r in s.execute(select(MedicationRow)).scalars()],
            [tracker_from_row(r) for r in s.execute(select(TrackerRow)).scalars()],
            sorted(
                (flare_from_row(r) for r in s.execute(select(FlareEpisodeRow)).scalars()),
                key=lambda f: f.start,
            ),
        )
        connection = plain.driver_connection(s)
        plain_reads = (
            plain.medications(connection),
            plain.trackers(connection),
            plain.flares_overlapping(connection, date(2000, 1, 1), date(2100, 1, 1)),
        )
    db.close()
    assert plain_reads == models
    assert plain_reads[0][0].periods[0][0] == datetime(2026, 1, 1, tzinfo=ZONE)


def test_a_day_is_read_kind_by_kind_each_with_its_own_detail_table(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILENAME
    _journal_with_everything(path)
    connection = connect(path, read_only=True)
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    try:
        plain.entries_between(connection, AT.date(), AT.date())
    finally:
        connection.close()
    details = {name for name in DETAIL_TABLE.values() if name}
    joined = [{t for t in details if f'JOIN "{t}"' in sql} for sql in statements]
    assert max(len(tables) for tables in joined) == 1  # never more than one detail table
    assert sum(1 for tables in joined if tables) == len(details)  # each once


def test_a_read_only_connection_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILENAME
    _journal_with_everything(path)
    connection = connect(path, read_only=True)
    try:
        try:
            connection.execute("DELETE FROM entry")
        except sqlite3.OperationalError as error:
            assert "readonly" in str(error)
        else:
            raise AssertionError("a read-only connection deleted entries")
    finally:
        connection.close()


def test_only_an_older_schema_needs_an_upgrade(tmp_path: Path) -> None:
    from journal.store.database import needs_upgrade

    path = tmp_path / JOURNAL_FILENAME
    assert not needs_upgrade(path)  # nothing yet: a new journal, not an update
    open_database(path).close()
    assert not needs_upgrade(path)
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0004'")
    assert needs_upgrade(path)
