"""CGM readings through Interplay's own JSON and CSV exports, in both directions.

An export carries the stream as it is stored (``journal.io.readings``); importing it back
adds the readings the journal does not hold, by the same key as a Dexcom or LibreView import
(instant, device, kind), as one import batch that "undo this import" can take out again.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from journal.domain.cgm import device_limits
from journal.io.readings import ReadingChunk
from journal.services.cgm.importing import Written, _epoch, _keys, _rows
from journal.store import cgm_store, cgm_stream
from journal.store.bulk_write import ReadingWriter

_EPOCH = date(1970, 1, 1)


def export_chunks(
    session: Session, first: date | None, last: date | None
) -> Iterator[ReadingChunk]:
    """The stored readings of days first..last (all when None), in time order, as chunks."""
    devices = cgm_store.devices(session)
    index = {d.id: i for i, d in enumerate(devices)}
    pairs = tuple((d.name, d.serial) for d in devices)
    lookup = np.zeros(max(index, default=0) + 1, np.int32)
    for device_id, position in index.items():
        lookup[device_id] = position
    first_day = (first - _EPOCH).days if first is not None else None
    last_day = (last - _EPOCH).days if last is not None else None
    for columns in cgm_stream.iter_days(session, first_day, last_day):
        yield ReadingChunk(
            utc=columns.utc,
            offset=columns.offset,
            mgdl=columns.mgdl,
            kind=columns.kind,
            flag=columns.flag,
            device=lookup[columns.device],
            devices=pairs,
            lines=np.zeros(len(columns), np.int32),
        )


def count_for_export(session: Session, first: date | None, last: date | None) -> int:
    return cgm_stream.count_days(
        session,
        (first - _EPOCH).days if first is not None else None,
        (last - _EPOCH).days if last is not None else None,
    )


@dataclass
class ChunkPlan:
    """Which readings of an export's chunks are new (the rest are already in the journal)."""

    chunks: list[ReadingChunk]
    new: list[NDArray[np.bool_]]

    @property
    def to_add(self) -> int:
        return sum(int(np.count_nonzero(n)) for n in self.new)

    @property
    def present(self) -> int:
        return sum(len(c) for c in self.chunks) - self.to_add


def plan_chunks(session: Session, chunks: Sequence[ReadingChunk]) -> ChunkPlan:
    """Compare the readings with the journal, and with one another, by their key."""
    known = cgm_store.find_device_ids(session, (p for c in chunks for p in c.devices))
    largest = max((d.id for d in cgm_store.devices(session)), default=0)
    numbers: dict[tuple[str, str], int] = dict(known)
    for chunk in chunks:
        for pair in chunk.devices:
            if pair not in numbers:
                numbers[pair] = largest + 1 + len(numbers)
    parts = [
        _keys(
            chunk.utc,
            np.array([numbers[p] for p in chunk.devices], np.int64)[chunk.device],
            chunk.kind,
        )
        for chunk in chunks
        if len(chunk)
    ]
    if not parts:
        return ChunkPlan(list(chunks), [np.zeros(len(c), bool) for c in chunks])
    keys = np.concatenate(parts)
    fresh = np.zeros(len(keys), bool)
    fresh[np.unique(keys, return_index=True)[1]] = True  # the first time each key appears
    utc = np.concatenate([c.utc for c in chunks if len(c)])
    stored = cgm_stream.read_instants(session, int(utc.min()), int(utc.max()) + 1)
    if len(stored):
        fresh &= ~np.isin(keys, _keys(stored.utc, stored.device.astype(np.int64), stored.kind))
    bounds = np.cumsum([0, *(len(c) for c in chunks)])
    return ChunkPlan(list(chunks), [fresh[bounds[i] : bounds[i + 1]] for i in range(len(chunks))])


def write_chunks(
    session: Session, plan: ChunkPlan, *, file: str, fmt: str, imported_at: datetime
) -> Written:
    """Write the new readings of an export as one import batch."""
    import_id = cgm_store.add_import(session, imported_at, file, fmt, "")
    writer = ReadingWriter(session)
    ids: dict[tuple[str, str], int] = {}
    first: int | None = None
    last: int | None = None
    days: set[date] = set()
    for chunk, new in zip(plan.chunks, plan.new, strict=True):
        if not new.any():
            continue
        for pair in chunk.devices:
            if pair not in ids:
                limits = device_limits(pair[0])
                ids[pair] = cgm_store.device_id(
                    session, pair[0], pair[1], limits.low_mgdl, limits.high_mgdl
                )
        device_ids = np.array([ids[p] for p in chunk.devices], np.int64)[chunk.device[new]]
        local_day = chunk.local_day[new]
        writer.add_many(
            _rows(
                chunk.utc[new],
                device_ids,
                chunk.kind[new],
                chunk.offset[new],
                local_day,
                chunk.mgdl[new],
                chunk.flag[new],
                import_id,
                None,
            )
        )
        utc = chunk.utc[new]
        first = int(utc.min()) if first is None else min(first, int(utc.min()))
        last = int(utc.max()) if last is None else max(last, int(utc.max()))
        days.update(_epoch(int(d)) for d in np.unique(local_day))
    cgm_store.finish_import(
        session,
        import_id,
        readings=writer.written,
        entries=0,
        first_utc=first,
        last_utc=last,
    )
    return Written(import_id, writer.written, 0, frozenset(days))
