"""Column reads of the CGM reading stream into numpy arrays, a chunk of rows at a time.

A million readings come back as a few compact arrays (about 25 bytes a reading) rather than a
million Python tuples held at once: rows are fetched in chunks and each chunk is turned into
arrays before the next is read, so memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from journal.domain.cgm import ReadingKind, utc_bounds_of_days
from journal.domain.measures import ReadingRead, measure
from journal.store import measure_queries as mq

FETCH_ROWS = 50_000
_EPOCH = date(1970, 1, 1)
_DAY_EXTREMES = ("cgm_readings", "cgm_min", "cgm_max")
_COLUMNS = "utc, utc_offset_min, day, mgdl, kind, flag, device_id, import_id"


@dataclass(frozen=True, eq=False)
class StreamColumns:
    """Readings as parallel columns in time order (ties by device, then kind)."""

    utc: NDArray[np.int64]
    offset: NDArray[np.int16]
    day: NDArray[np.int32]
    mgdl: NDArray[np.float64]
    kind: NDArray[np.int8]
    flag: NDArray[np.int8]
    device: NDArray[np.int32]
    import_id: NDArray[np.int32]

    def __len__(self) -> int:
        return len(self.utc)

    def where(self, mask: NDArray[np.bool_]) -> StreamColumns:
        return StreamColumns(
            self.utc[mask],
            self.offset[mask],
            self.day[mask],
            self.mgdl[mask],
            self.kind[mask],
            self.flag[mask],
            self.device[mask],
            self.import_id[mask],
        )

    @staticmethod
    def empty() -> StreamColumns:
        return _from_matrix(np.empty((0, 8)))

    @staticmethod
    def concat(parts: Sequence[StreamColumns]) -> StreamColumns:
        if not parts:
            return StreamColumns.empty()
        if len(parts) == 1:
            return parts[0]
        return StreamColumns(
            *(
                np.concatenate([getattr(p, name) for p in parts])
                for name in ("utc", "offset", "day", "mgdl", "kind", "flag", "device", "import_id")
            )
        )


@dataclass(frozen=True, eq=False)
class HistoricColumns:
    """Historic readings only, as the metrics, the AGP and the traces need them: half the
    columns of ``StreamColumns``, so a million come back in half the time."""

    utc: NDArray[np.int64]
    offset: NDArray[np.int16]
    day: NDArray[np.int32]
    mgdl: NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.utc)

    def where(self, mask: NDArray[np.bool_]) -> HistoricColumns:
        return HistoricColumns(self.utc[mask], self.offset[mask], self.day[mask], self.mgdl[mask])

    @staticmethod
    def empty() -> HistoricColumns:
        return HistoricColumns(
            np.empty(0, np.int64), np.empty(0, np.int16), np.empty(0, np.int32), np.empty(0)
        )


def read_historic_days(
    session: Session, first_day: int, last_day: int, *, size: int = FETCH_ROWS
) -> HistoricColumns:
    """The historic readings of local days first_day..last_day, in time order."""
    start, end = utc_bounds_of_days(first_day, last_day)
    sql = (
        "SELECT utc, utc_offset_min, day, mgdl FROM cgm_reading WHERE utc >= ? AND utc < ? "
        "AND day >= ? AND day <= ? AND kind = ? ORDER BY utc, device_id, kind"
    )
    params = (start, end, first_day, last_day, int(ReadingKind.HISTORIC))
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    parts = []
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(size):
            parts.append(np.array(rows, dtype=np.float64).reshape(len(rows), 4))
    finally:
        cursor.close()
    if not parts:
        return HistoricColumns.empty()
    matrix = np.concatenate(parts) if len(parts) > 1 else parts[0]
    return HistoricColumns(
        matrix[:, 0].astype(np.int64),
        matrix[:, 1].astype(np.int16),
        matrix[:, 2].astype(np.int32),
        matrix[:, 3].copy(),
    )


@dataclass(frozen=True, eq=False)
class DayExtremes:
    """Each local day's historic readings reduced to how many, the lowest and the highest,
    in day order (days without readings left out): what a line of every reading shows
    where a day is narrower than a few pixels."""

    day: NDArray[np.int32]
    count: NDArray[np.int32]
    low: NDArray[np.float64]
    high: NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.day)

    def where(self, mask: NDArray[np.bool_]) -> DayExtremes:
        return DayExtremes(self.day[mask], self.count[mask], self.low[mask], self.high[mask])

    @staticmethod
    def concat(parts: Sequence[DayExtremes]) -> DayExtremes:
        """The parts' days together, in day order (the parts hold different days)."""
        day = np.concatenate([p.day for p in parts])
        order = np.argsort(day, kind="stable")
        return DayExtremes(
            day[order],
            np.concatenate([p.count for p in parts])[order],
            np.concatenate([p.low for p in parts])[order],
            np.concatenate([p.high for p in parts])[order],
        )


def read_historic_day_extremes(session: Session, first_day: int, last_day: int) -> DayExtremes:
    """Each local day's count, lowest and highest historic reading, days first_day..last_day:
    the measures ``cgm_readings``, ``cgm_min`` and ``cgm_max`` of the measure registry, in
    one GROUP BY day scan, so a decade of readings comes back as a few thousand rows."""
    reads: list[ReadingRead] = []
    for name in _DAY_EXTREMES:
        read = measure(name).read
        assert isinstance(read, ReadingRead), name
        reads.append(read)
    first, last = _EPOCH + timedelta(days=first_day), _EPOCH + timedelta(days=last_day)
    rows = mq.reading_days(mq.session_rows(session), reads, first, last)
    matrix = np.array(rows, dtype=np.float64).reshape(len(rows), 4)
    return DayExtremes(
        matrix[:, 0].astype(np.int32),
        matrix[:, 1].astype(np.int32),
        matrix[:, 2].copy(),
        matrix[:, 3].copy(),
    )


def _from_matrix(rows: NDArray[np.float64]) -> StreamColumns:
    # Every value is an integer below 2**53 but mg/dL, so float64 carries them exactly.
    return StreamColumns(
        rows[:, 0].astype(np.int64),
        rows[:, 1].astype(np.int16),
        rows[:, 2].astype(np.int32),
        rows[:, 3].astype(np.float64),
        rows[:, 4].astype(np.int8),
        rows[:, 5].astype(np.int8),
        rows[:, 6].astype(np.int32),
        rows[:, 7].astype(np.int32),
    )


def _chunks(
    session: Session, sql: str, params: Sequence[Any], size: int
) -> Iterator[StreamColumns]:
    # The driver's own cursor: plain tuples, which numpy takes ten times faster than rows.
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, tuple(params))
        while rows := cursor.fetchmany(size):
            yield _from_matrix(np.array(rows, dtype=np.float64).reshape(len(rows), 8))
    finally:
        cursor.close()


def _range_sql(
    first_utc: int,
    end_utc: int,
    first_day: int | None,
    last_day: int | None,
    historic_only: bool,
) -> tuple[str, list[Any]]:
    sql = f"SELECT {_COLUMNS} FROM cgm_reading WHERE utc >= ? AND utc < ?"
    params: list[Any] = [first_utc, end_utc]
    if first_day is not None:
        sql += " AND day >= ?"
        params.append(first_day)
    if last_day is not None:
        sql += " AND day <= ?"
        params.append(last_day)
    if historic_only:
        sql += " AND kind = ?"
        params.append(int(ReadingKind.HISTORIC))
    return sql + " ORDER BY utc, device_id, kind", params


def read_instants(
    session: Session, first_utc: int, end_utc: int, *, historic_only: bool = False
) -> StreamColumns:
    """Readings with first_utc <= instant < end_utc."""
    sql, params = _range_sql(first_utc, end_utc, None, None, historic_only)
    return StreamColumns.concat(list(_chunks(session, sql, params, FETCH_ROWS)))


def read_days(
    session: Session,
    first_day: int | None,
    last_day: int | None,
    *,
    historic_only: bool = False,
) -> StreamColumns:
    """Readings of local days first_day..last_day (epoch days; None: open on that side)."""
    return StreamColumns.concat(
        list(iter_days(session, first_day, last_day, historic_only=historic_only))
    )


def iter_days(
    session: Session,
    first_day: int | None,
    last_day: int | None,
    *,
    historic_only: bool = False,
    size: int = FETCH_ROWS,
) -> Iterator[StreamColumns]:
    """The readings of read_days, a chunk at a time (export streams them)."""
    big = 2**62
    start, end = utc_bounds_of_days(
        first_day if first_day is not None else -big // 86_400 // 2,
        last_day if last_day is not None else big // 86_400 // 2,
    )
    sql, params = _range_sql(start, end, first_day, last_day, historic_only)
    yield from _chunks(session, sql, params, size)


def read_import(session: Session, import_id: int) -> StreamColumns:
    """Every reading of one import batch (kept in memory to undo its removal)."""
    sql = f"SELECT {_COLUMNS} FROM cgm_reading WHERE import_id = ? ORDER BY utc, device_id, kind"
    return StreamColumns.concat(list(_chunks(session, sql, [import_id], FETCH_ROWS)))


def count_days(session: Session, first_day: int | None, last_day: int | None) -> int:
    """How many readings local days first_day..last_day hold (for export progress)."""
    big = 2**62
    start, end = utc_bounds_of_days(
        first_day if first_day is not None else -big // 86_400 // 2,
        last_day if last_day is not None else big // 86_400 // 2,
    )
    sql = "SELECT COUNT(*) FROM cgm_reading WHERE utc >= ? AND utc < ?"
    params: list[Any] = [start, end]
    if first_day is not None:
        sql += " AND day >= ?"
        params.append(first_day)
    if last_day is not None:
        sql += " AND day <= ?"
        params.append(last_day)
    return int(session.connection().exec_driver_sql(sql, tuple(params)).scalar_one())
