"""The CGM tables' small reads and writes: devices, import batches, one day's readings.

No numpy here: Today reads its day's readings (at most a few hundred) through this module on
the first paint, before numpy is loaded. Column reads of long ranges are in
``journal.store.cgm_stream``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from journal.domain.cgm import utc_bounds_of_days
from journal.store import plain_read
from journal.store.cgm_models import (
    CgmDeviceRow,
    CgmImportEntryRow,
    CgmImportRow,
    CgmReadingRow,
)
from journal.store.models import EntryRow


@dataclass(frozen=True)
class StoredDevice:
    id: int
    name: str
    serial: str
    low_mgdl: float
    high_mgdl: float


@dataclass(frozen=True)
class StoredImport:
    """One import batch as the list of imports shows it."""

    id: int
    imported_at: datetime  # naive UTC
    file: str
    format: str
    zone: str
    readings: int
    entries: int
    first_utc: int | None
    last_utc: int | None


# --- devices -------------------------------------------------------------------------------


def devices(session: Session) -> list[StoredDevice]:
    rows = session.execute(select(CgmDeviceRow).order_by(CgmDeviceRow.id)).scalars()
    return [StoredDevice(r.id, r.name, r.serial, r.low_mgdl, r.high_mgdl) for r in rows]


def device_id(session: Session, name: str, serial: str, low: float, high: float) -> int:
    """The id of the device (name, serial), adding it if the journal has not seen it."""
    query = select(CgmDeviceRow.id).where(CgmDeviceRow.name == name, CgmDeviceRow.serial == serial)
    found = session.execute(query).scalar_one_or_none()
    if found is not None:
        return int(found)
    row = CgmDeviceRow(name=name, serial=serial, low_mgdl=low, high_mgdl=high)
    session.add(row)
    session.flush()
    return row.id


def find_device_ids(
    session: Session, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """(name, serial) -> id for those devices the journal has."""
    wanted = set(keys)
    if not wanted:
        return {}
    rows = session.execute(select(CgmDeviceRow.name, CgmDeviceRow.serial, CgmDeviceRow.id))
    return {(n, s): i for n, s, i in rows if (n, s) in wanted}


# --- import batches ------------------------------------------------------------------------


def add_import(session: Session, imported_at: datetime, file: str, fmt: str, zone: str) -> int:
    row = CgmImportRow(
        imported_at=imported_at, file=file, format=fmt, zone=zone, readings=0, entries=0
    )
    session.add(row)
    session.flush()
    return row.id


def finish_import(
    session: Session,
    import_id: int,
    *,
    readings: int,
    entries: int,
    first_utc: int | None,
    last_utc: int | None,
) -> None:
    row = session.get(CgmImportRow, import_id)
    assert row is not None
    row.readings, row.entries = readings, entries
    row.first_utc, row.last_utc = first_utc, last_utc


def restore_import(session: Session, stored: StoredImport) -> None:
    """Put back an import batch row removed earlier (undo of "undo this import")."""
    session.add(
        CgmImportRow(
            id=stored.id,
            imported_at=stored.imported_at,
            file=stored.file,
            format=stored.format,
            zone=stored.zone,
            readings=stored.readings,
            entries=stored.entries,
            first_utc=stored.first_utc,
            last_utc=stored.last_utc,
        )
    )
    session.flush()


def link_entries(session: Session, import_id: int, entry_ids: Iterable[int]) -> None:
    session.add_all(CgmImportEntryRow(import_id=import_id, entry_id=e) for e in entry_ids)


def imports(session: Session) -> list[StoredImport]:
    """Every import batch, newest first."""
    rows = session.execute(select(CgmImportRow).order_by(CgmImportRow.id.desc())).scalars()
    return [_stored(r) for r in rows]


def get_import(session: Session, import_id: int) -> StoredImport | None:
    row = session.get(CgmImportRow, import_id)
    return _stored(row) if row is not None else None


def _stored(r: CgmImportRow) -> StoredImport:
    return StoredImport(
        r.id,
        r.imported_at,
        r.file,
        r.format,
        r.zone,
        r.readings,
        r.entries,
        r.first_utc,
        r.last_utc,
    )


def import_entry_ids(session: Session, import_id: int) -> list[int]:
    query = select(CgmImportEntryRow.entry_id).where(CgmImportEntryRow.import_id == import_id)
    return [int(e) for e in session.execute(query).scalars()]


def delete_import(session: Session, import_id: int) -> None:
    """Remove a batch: its readings, the entries it made, and the batch itself."""
    entry_ids = import_entry_ids(session, import_id)
    if entry_ids:
        # Detail rows and tag links go with the entry (ON DELETE CASCADE).
        for start in range(0, len(entry_ids), 500):
            chunk = entry_ids[start : start + 500]
            session.execute(delete(EntryRow).where(EntryRow.id.in_(chunk)))
    session.execute(delete(CgmReadingRow).where(CgmReadingRow.import_id == import_id))
    session.execute(delete(CgmImportRow).where(CgmImportRow.id == import_id))


# --- readings --------------------------------------------------------------------------------

DayReading = tuple[int, int, float, int, int]
"""(UTC seconds, offset minutes, mg/dL, kind, flag)."""


def day_readings(session: Session, first_day: int, last_day: int) -> list[DayReading]:
    """Every reading of local days first..last (epoch days), in time order (the plain
    read that Today's first paint uses, over the session's connection)."""
    return plain_read.cgm_day_readings(plain_read.driver_connection(session), first_day, last_day)


def reading_days(session: Session) -> tuple[int, int] | None:
    """The first and last local day (epoch days) with any reading; None without readings."""
    r = CgmReadingRow
    first = session.execute(select(r.day).order_by(r.utc).limit(1)).scalar_one_or_none()
    if first is None:
        return None
    last = session.execute(select(r.day).order_by(r.utc.desc()).limit(1)).scalar_one()
    return int(first), int(last)


def has_readings(session: Session) -> bool:
    return session.execute(select(CgmReadingRow.utc).limit(1)).first() is not None


def count_readings(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(CgmReadingRow)).scalar_one())


def days_with_readings(session: Session, first_day: int, last_day: int) -> set[int]:
    """The local days (epoch days) of first..last that have a reading (calendar marks)."""
    start, end = utc_bounds_of_days(first_day, last_day)
    r = CgmReadingRow
    query = (
        select(r.day)
        .where(r.utc >= start, r.utc < end, r.day >= first_day, r.day <= last_day)
        .distinct()
    )
    return {int(d) for d in session.execute(query).scalars()}


def entries_linked(session: Session, entry_ids: Sequence[int]) -> set[int]:
    """Which of ``entry_ids`` an import made."""
    if not entry_ids:
        return set()
    query = select(CgmImportEntryRow.entry_id).where(CgmImportEntryRow.entry_id.in_(entry_ids))
    return {int(e) for e in session.execute(query).scalars()}
