"""Importing a Dexcom Clarity or LibreView export: what is new, what is a copy, and writing.

The plan compares every reading of the file with the journal by its key (UTC instant,
device, kind): a reading already stored, or met earlier in the same file, is "already
present", so re-importing a file, or a later export that overlaps it, adds only the new
ones. Two devices that uploaded the same sensor reading (a Libre reader and the LibreView
phone app, a Dexcom receiver and the phone: the same value within two minutes) are one
reading: the copy from the device with fewer readings is not stored, and the preview says
how many were left out that way. A person wearing two sensors at once gets both streams, as
their values differ.

Food and notes in the file become journal entries only when the person says so; their ids
come from what they are (device, time, text), so importing them twice adds them once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import repeat
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from journal.domain.cgm import COPY_WINDOW_SECONDS, GAP_MINUTES, CgmFormat, ReadingKind
from journal.domain.defaults import meal_type_at
from journal.domain.entries import Entry, Meal, Note
from journal.domain.units import GlucoseUnit
from journal.domain.validation import entry_errors
from journal.io.cgm.model import CgmFile, ExtraKind
from journal.store import bulk_read as bulk
from journal.store import cgm_store, cgm_stream
from journal.store import repository as repo
from journal.store.bulk_write import BulkWriter, ReadingTuple, ReadingWriter
from journal.store.cgm_stream import StreamColumns

Tick = Callable[[int, int], None]
WRITE_BATCH = 50_000
# Keys pack (instant, device, kind) into one integer so numpy can compare millions at once.
_DEVICE_BITS = 20
_KIND_BITS = 2
_ENTRY_EXTRAS = (ExtraKind.FOOD, ExtraKind.CARBS, ExtraKind.NOTE)


@dataclass(frozen=True)
class Gap:
    """A stretch without historic readings of ``GAP_MINUTES`` or more (local times)."""

    start: datetime
    end: datetime

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60.0


@dataclass(frozen=True)
class CgmPreview:
    """What importing a CGM export would do; nothing has been written."""

    path: Path
    format: CgmFormat
    zone: str
    unit: GlucoseUnit
    device_name: str
    devices: tuple[str, ...]
    interval_minutes: int | None
    first: datetime | None
    last: datetime | None
    readings: int
    new: int
    present: int
    copies: int
    conflicts: int
    """Readings "already present" whose stored value differs: the journal holds another
    reading of this device at that instant, as when an earlier import of the same export
    was read in another time zone."""
    interleaved: int
    """New historic readings that fall between readings this device already has in the
    journal (closer than its interval): the same export read in another zone, usually."""
    earlier_zones: tuple[str, ...]
    new_by_kind: dict[str, int]
    gaps: tuple[Gap, ...]
    extras: dict[str, int]
    entries_new: int
    entries_present: int
    entry_problem: str | None
    skipped: dict[str, int]
    notes: tuple[str, ...]

    @property
    def days(self) -> int:
        if self.first is None or self.last is None:
            return 0
        return (self.last.date() - self.first.date()).days + 1

    @property
    def gap_minutes(self) -> float:
        return sum(g.minutes for g in self.gaps)

    @property
    def device_text(self) -> str:
        return ", ".join(self.devices) if self.devices else self.device_name

    @property
    def zone_warning(self) -> str | None:
        """A sentence when the file seems to have been imported before in another zone."""
        shifted = self.interleaved > max(10, self.new // 2)
        if self.conflicts and not (shifted and self.interleaved > self.conflicts):
            text = (
                f"{self.conflicts:,} readings fall at times where your journal already has a "
                "reading of this device with another value."
            )
        elif shifted:
            text = (
                f"{self.interleaved:,} new readings fall between readings this device "
                "already has in your journal, as if the same readings were shifted in time."
            )
        else:
            return None
        others = [z for z in self.earlier_zones if z != self.zone]
        if others:
            text += (
                f" An earlier import was read in {', '.join(others)}, this one in {self.zone}:"
                " if that was a mistake, undo that import and import this file again."
            )
        else:
            text += " Was an earlier import of this file read in another time zone?"
        return text


@dataclass
class Plan:
    """The preview, with what the write needs: which readings are new, and the entries."""

    file: CgmFile
    preview: CgmPreview
    new: NDArray[np.bool_]
    device_ids: list[int | None]
    entries: list[Entry] = field(default_factory=list)


# --- planning ---------------------------------------------------------------------------------


def plan_file(session: Session, path: Path, file: CgmFile, zone_name: str, now: datetime) -> Plan:
    """Compare ``file`` with the journal (read in ``session``); writes nothing."""
    readings = file.readings
    known = cgm_store.find_device_ids(session, ((d.name, d.serial) for d in file.devices))
    device_ids = [known.get((d.name, d.serial)) for d in file.devices]
    largest = max((d.id for d in cgm_store.devices(session)), default=0)
    # Devices the journal does not have yet get numbers past its own, for the keys only.
    key_ids = np.array(
        [i if i is not None else largest + 1 + n for n, i in enumerate(device_ids)] or [0],
        np.int64,
    )
    file_device = (
        key_ids[readings.device.astype(np.int64)] if len(readings) else np.empty(0, np.int64)
    )
    keys = _keys(readings.utc_seconds, file_device, readings.kind)
    present, conflicts, interleaved = _present(
        session, readings.utc_seconds, keys, readings.mgdl, file_device
    )
    copies = _copies(
        session, readings.utc_seconds, readings.mgdl, readings.kind, file_device, present
    )
    new = ~present & ~copies
    entries, entries_present, problem = _entries(session, file, now)
    preview = CgmPreview(
        path=path,
        format=file.format,
        zone=zone_name,
        unit=file.unit,
        device_name=file.device_name,
        devices=tuple(_device_label(d.name, d.serial) for d in file.devices),
        interval_minutes=file.interval_minutes,
        first=_local(int(readings.utc_seconds[0]), int(readings.utc_offset_minutes[0]))
        if len(readings)
        else None,
        last=_local(int(readings.utc_seconds[-1]), int(readings.utc_offset_minutes[-1]))
        if len(readings)
        else None,
        readings=len(readings),
        new=int(np.count_nonzero(new)),
        present=int(np.count_nonzero(present)),
        copies=int(np.count_nonzero(copies)),
        conflicts=conflicts,
        interleaved=interleaved,
        earlier_zones=_earlier_zones(session, readings.utc_seconds)
        if conflicts or interleaved
        else (),
        new_by_kind={
            kind.word: int(np.count_nonzero(new & (readings.kind == kind)))
            for kind in ReadingKind
            if np.any(readings.kind == kind)
        },
        gaps=tuple(gaps_of(file)),
        extras=_extra_counts(file),
        entries_new=len(entries),
        entries_present=entries_present,
        entry_problem=problem,
        skipped=dict(file.skipped),
        notes=file.notes,
    )
    return Plan(file, preview, new, device_ids, entries)


def _device_label(name: str, serial: str) -> str:
    return f"{name} ({serial})" if serial else name


def _keys(
    utc: NDArray[np.int64], device: NDArray[np.int64], kind: NDArray[np.int8]
) -> NDArray[np.int64]:
    key: NDArray[np.int64] = (
        (utc.astype(np.int64) << (_DEVICE_BITS + _KIND_BITS))
        | (device.astype(np.int64) << _KIND_BITS)
        | kind.astype(np.int64)
    )
    return key


def _present(
    session: Session,
    utc: NDArray[np.int64],
    keys: NDArray[np.int64],
    mgdl: NDArray[np.float64],
    device: NDArray[np.int64],
) -> tuple[NDArray[np.bool_], int, int]:
    """Readings the journal holds, or that appeared earlier in the same file; how many of
    those the journal holds with another value; and how many new ones sit between stored
    readings of the same device (both signs of the same export read in another zone)."""
    present = np.zeros(len(keys), bool)
    if not len(keys):
        return present, 0, 0
    _, first_index = np.unique(keys, return_index=True)
    present[:] = True
    present[first_index] = False  # the first appearance of each key in the file
    stored = cgm_stream.read_instants(session, int(utc.min()), int(utc.max()) + 1)
    if not len(stored):
        return present, 0, 0
    stored_keys = _keys(stored.utc, stored.device.astype(np.int64), stored.kind)
    order = np.argsort(stored_keys)
    sorted_keys = stored_keys[order]
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    stored_here = sorted_keys[at] == keys
    conflicts = stored_here & (stored.mgdl[order][at] != mgdl)
    present |= stored_here
    return present, int(np.count_nonzero(conflicts)), _interleaved(utc, device, present, stored)


def _interleaved(
    utc: NDArray[np.int64],
    device: NDArray[np.int64],
    present: NDArray[np.bool_],
    stored: StreamColumns,
) -> int:
    """New readings of a device closer to one of its stored readings than its interval."""
    count = 0
    for code in np.unique(device[~present]):
        mine = np.sort(stored.utc[stored.device == code])
        if len(mine) < 2:
            continue
        interval = float(np.median(np.diff(mine)))
        new = utc[~present & (device == code)]
        after = np.clip(np.searchsorted(mine, new), 0, len(mine) - 1)
        before = np.clip(after - 1, 0, len(mine) - 1)
        nearest = np.minimum(np.abs(mine[after] - new), np.abs(new - mine[before]))
        count += int(np.count_nonzero(nearest < 0.9 * interval))
    return count


def _earlier_zones(session: Session, utc: NDArray[np.int64]) -> tuple[str, ...]:
    """The zones earlier imports overlapping these instants were read in."""
    first, last = int(utc.min()), int(utc.max())
    zones = {
        b.zone
        for b in cgm_store.imports(session)
        if b.zone
        and b.first_utc is not None
        and b.last_utc is not None
        and b.first_utc <= last
        and b.last_utc >= first
    }
    return tuple(sorted(zones))


def _copies(
    session: Session,
    utc: NDArray[np.int64],
    mgdl: NDArray[np.float64],
    kind: NDArray[np.int8],
    device: NDArray[np.int64],
    present: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """New historic readings that another device already gives (module docstring)."""
    copies = np.zeros(len(utc), bool)
    candidates = np.flatnonzero((kind == ReadingKind.HISTORIC) & ~present)
    if not len(candidates):
        return copies
    stored = cgm_stream.read_instants(
        session,
        int(utc[candidates].min()) - COPY_WINDOW_SECONDS,
        int(utc[candidates].max()) + COPY_WINDOW_SECONDS + 1,
        historic_only=True,
    )
    devices_in_file = np.unique(device[candidates])
    if len(devices_in_file) < 2 and not np.isin(stored.device, devices_in_file, invert=True).any():
        return copies  # one device, and the journal has no other in this time: no copies
    # Priority: the journal's readings first, then the file's devices by how many readings
    # they give (the main device keeps its readings).
    counts = {int(d): int(np.count_nonzero(device[candidates] == d)) for d in devices_in_file}
    rank = {d: 1 + i for i, d in enumerate(sorted(counts, key=lambda d: -counts[d]))}
    pool_utc = np.concatenate([stored.utc, utc[candidates]])
    pool_mgdl = np.concatenate([stored.mgdl, mgdl[candidates]])
    pool_device = np.concatenate([stored.device.astype(np.int64), device[candidates]])
    pool_priority = np.concatenate(
        [np.zeros(len(stored), np.int64), np.array([rank[int(d)] for d in device[candidates]])]
    )
    pool_index = np.concatenate([np.full(len(stored), -1), candidates])
    order = np.lexsort((pool_utc, pool_mgdl))
    a, b = order[:-1], order[1:]
    same = (
        (pool_mgdl[a] == pool_mgdl[b])
        & (pool_utc[b] - pool_utc[a] <= COPY_WINDOW_SECONDS)
        & (pool_device[a] != pool_device[b])
    )
    a, b = a[same], b[same]
    lower = np.where(pool_priority[a] > pool_priority[b], a, b)
    marked = pool_index[lower]
    copies[marked[marked >= 0]] = True
    return copies


def gaps_of(file: CgmFile) -> list[Gap]:
    """Stretches of ``GAP_MINUTES`` or more without a historic reading, in time order."""
    historic = file.historic
    if len(historic) < 2:
        return []
    utc, first_index = np.unique(historic.utc_seconds, return_index=True)
    offsets = historic.utc_offset_minutes[first_index]
    long = np.flatnonzero(np.diff(utc) >= GAP_MINUTES * 60)
    return [
        Gap(
            _local(int(utc[i]), int(offsets[i])),
            _local(int(utc[i + 1]), int(offsets[i + 1])),
        )
        for i in long
    ]


def _local(utc: int, offset_minutes: int) -> datetime:
    zone = timezone(timedelta(minutes=offset_minutes))
    return datetime.fromtimestamp(utc, UTC).astimezone(zone)


def _extra_counts(file: CgmFile) -> dict[str, int]:
    counts: dict[str, int] = {}
    for extra in file.extras:
        counts[extra.kind.value] = counts.get(extra.kind.value, 0) + 1
    return counts


# --- entries from food and notes ----------------------------------------------------------------


def entries_of(file: CgmFile) -> list[tuple[int, Entry]]:
    """The file's food, carbs and notes as entries (with the line each came from)."""
    found: list[tuple[int, Entry]] = []
    serial = file.serial or file.device_name
    source = file.format.label
    for extra in file.extras:
        if extra.kind not in _ENTRY_EXTRAS:
            continue
        at = _local(extra.utc_seconds, extra.utc_offset_minutes)
        uid = _entry_uid(serial, extra.kind.value, extra.utc_seconds, extra.value, extra.text)
        if extra.kind is ExtraKind.NOTE:
            if not extra.text:
                continue
            found.append((extra.line, Note(at=at, note=extra.text, uid=uid)))
            continue
        grams = extra.value if extra.unit == "g" else None
        note = f"From {source}"
        if extra.value is not None and extra.unit != "g":
            note += f" ({extra.value:g} {extra.unit})"
        meal = Meal(
            at=at,
            meal_type=meal_type_at(at.time()),
            items=extra.text,
            carbs_g=grams,
            note=note + ".",
            uid=uid,
        )
        found.append((extra.line, meal))
    return found


def _entry_uid(serial: str, kind: str, utc: int, value: float | None, text: str) -> str:
    """The same record of the same device always gets the same uid (32 hex)."""
    seed = f"cgm\x00{serial}\x00{kind}\x00{utc}\x00{value!r}\x00{text}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]


def _entries(session: Session, file: CgmFile, now: datetime) -> tuple[list[Entry], int, str | None]:
    """(new entries, how many are already in the journal, the first problem or None)."""
    found = entries_of(file)
    if not found:
        return [], 0, None
    existing = bulk.ids_by_uid(session, "entry", (e.uid for _line, e in found))
    problem: str | None = None
    new: list[Entry] = []
    for line, entry in found:
        if entry.uid in existing:
            continue
        errors = entry_errors(entry, now)
        if errors and problem is None:
            problem = f"{file.file} line {line}: {errors[0].message}"
        new.append(entry)
    return new, len(found) - len(new), problem


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    import_id: int
    readings: int
    entries: int
    days: frozenset[date]


def write_plan(
    session: Session,
    plan: Plan,
    *,
    imported_at: datetime,
    with_entries: bool,
    tick: Tick | None = None,
) -> Written:
    """Write the plan's new readings (and entries) as one import batch, in ``session``.

    ``tick`` hears (readings written, readings to write) and may raise to cancel: the
    caller's transaction then rolls everything back.
    """
    file = plan.file
    readings = file.readings
    ids = [
        found
        if found is not None
        else cgm_store.device_id(session, d.name, d.serial, d.low_mgdl, d.high_mgdl)
        for d, found in zip(file.devices, plan.device_ids, strict=True)
    ]
    import_id = cgm_store.add_import(
        session, imported_at, file.file, file.format.value, plan.preview.zone
    )
    chosen = np.flatnonzero(plan.new)
    device_ids = np.array(ids or [0], np.int64)[readings.device[chosen].astype(np.int64)]
    writer = ReadingWriter(session)
    written = writer.add_many(
        _rows(
            readings.utc_seconds[chosen],
            device_ids,
            readings.kind[chosen],
            readings.utc_offset_minutes[chosen],
            readings.local_day[chosen],
            readings.mgdl[chosen],
            readings.flag[chosen],
            import_id,
            tick,
        )
    )
    entries = plan.entries if with_entries else []
    entry_ids = _write_entries(session, entries)
    cgm_store.link_entries(session, import_id, entry_ids)
    cgm_store.finish_import(
        session,
        import_id,
        readings=written,
        entries=len(entry_ids),
        first_utc=int(readings.utc_seconds[chosen[0]]) if len(chosen) else None,
        last_utc=int(readings.utc_seconds[chosen[-1]]) if len(chosen) else None,
    )
    days = {_epoch(int(d)) for d in np.unique(readings.local_day[chosen])}
    days |= {e.day for e in entries}
    return Written(import_id, written, len(entry_ids), frozenset(days))


def _rows(
    utc: NDArray[np.int64],
    device: NDArray[np.int64],
    kind: NDArray[np.int8],
    offset: NDArray[np.int16],
    day: NDArray[np.int32],
    mgdl: NDArray[np.float64],
    flag: NDArray[np.int8],
    import_id: int,
    tick: Tick | None,
) -> Iterator[ReadingTuple]:
    """Plain tuples a batch at a time, so a million readings never exist as tuples at once."""
    total = len(utc)
    for start in range(0, total, WRITE_BATCH):
        if tick is not None:
            tick(start, total)
        part = slice(start, start + WRITE_BATCH)
        yield from zip(
            utc[part].tolist(),
            device[part].tolist(),
            kind[part].tolist(),
            offset[part].tolist(),
            day[part].tolist(),
            mgdl[part].tolist(),
            flag[part].tolist(),
            repeat(import_id),
            strict=False,
        )
    if tick is not None:
        tick(total, total)


def _write_entries(session: Session, entries: Sequence[Entry]) -> list[int]:
    if not entries:
        return []
    bulk_writer = BulkWriter(session)
    ids = [bulk_writer.add_entry(e) for e in entries]
    bulk_writer.flush()
    return ids


def stream_rows(columns: StreamColumns, tick: Tick | None = None) -> Iterator[ReadingTuple]:
    """Stored readings (read back with ``cgm_stream``) as tuples to write them again."""
    total = len(columns)
    for start in range(0, total, WRITE_BATCH):
        if tick is not None:
            tick(start, total)
        part = slice(start, start + WRITE_BATCH)
        yield from zip(
            columns.utc[part].tolist(),
            columns.device[part].tolist(),
            columns.kind[part].tolist(),
            columns.offset[part].tolist(),
            columns.day[part].tolist(),
            columns.mgdl[part].tolist(),
            columns.flag[part].tolist(),
            columns.import_id[part].tolist(),
            strict=True,
        )


def _epoch(day: int) -> date:
    return date(1970, 1, 1) + timedelta(days=day)


# --- removing and restoring a batch ---------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RemovedImport:
    """An import batch taken out of the journal, kept so the removal can be undone."""

    batch: cgm_store.StoredImport
    readings: StreamColumns
    entries: tuple[Entry, ...]

    @property
    def days(self) -> frozenset[date]:
        days = {_epoch(int(d)) for d in np.unique(self.readings.day)}
        return frozenset(days | {e.day for e in self.entries})


def remove_import(session: Session, import_id: int) -> RemovedImport | None:
    """Take out a batch (its readings and the entries it made); None if there is none."""
    batch = cgm_store.get_import(session, import_id)
    if batch is None:
        return None
    readings = cgm_stream.read_import(session, import_id)
    entry_ids = cgm_store.import_entry_ids(session, import_id)
    entries = tuple(repo.entries_by_ids(session, entry_ids)) if entry_ids else ()
    cgm_store.delete_import(session, import_id)
    return RemovedImport(batch, readings, entries)


def restore_import(session: Session, removed: RemovedImport) -> None:
    """Put a removed batch back as it was (readings imported again since are kept once)."""
    cgm_store.restore_import(session, removed.batch)
    ReadingWriter(session, skip_existing=True).add_many(stream_rows(removed.readings))
    existing = bulk.ids_by_uid(session, "entry", (e.uid for e in removed.entries))
    entries = [e for e in removed.entries if e.uid not in existing]
    _write_entries(session, entries)
    cgm_store.link_entries(session, removed.batch.id, [e.id for e in entries if e.id is not None])
