"""Read a Dexcom Clarity CSV export (G6, G7, Stelo; mg/dL or mmol/L) into a reading stream.

The layout, as Clarity writes it: a header row, then rows with an empty timestamp that hold
the person's name, the device and its alert settings (FirstName, LastName, Device, Alert ...),
then one row per event:

    Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type,Event Subtype,Patient Info,Device Info,
    Source Device ID,Glucose Value (mg/dL),Insulin Value (u),Carb Value (grams),
    Duration (hh:mm:ss),Glucose Rate of Change (mg/dL/min),Transmitter Time (Long Integer),
    Transmitter ID

EGV rows are the sensor's readings (every 5 minutes on a G6/G7, 15 on a Stelo); the value is
a number, or "Low"/"High" beyond the sensor's range. Calibration, Insulin, Carbs, Exercise
and Health rows are returned as extras; the name and settings rows are counted, not kept.

Timestamps are the display device's wall-clock time with no zone; they are read in the zone
the caller passes. In the autumn hour that happens twice, "Transmitter Time" (seconds on the
transmitter's own clock, which never goes back) tells the two passes apart: each repeated
reading takes the candidate instant that keeps its distance to the transmitter clock equal to
that of the nearest unambiguous reading of the same transmitter. Without a transmitter time,
the first appearance of a time is the first pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from journal.domain.cgm import CgmFormat, ReadingKind, dexcom_limits
from journal.domain.text import is_digits
from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit
from journal.io.cgm.csvtext import open_rows, parse_numbers
from journal.io.cgm.model import CgmExtra, CgmFile, ExtraKind
from journal.io.cgm.streams import (
    DeviceTable,
    Glucose,
    PendingExtra,
    concat_glucose,
    interval_minutes,
    parse_glucose,
    place_extras,
    placement_notes,
    refuse_unreadable_times,
    sorted_readings,
    with_limits,
)
from journal.io.cgm.wallclock import (
    NORMAL,
    Placed,
    choose,
    folds_by_occurrence,
    local_seconds,
    parse_iso_stamps,
    place,
)
from journal.io.errors import ImportFileError

TIMESTAMP = "Timestamp (YYYY-MM-DDThh:mm:ss)"
_STAMP_FORM = "YYYY-MM-DDThh:mm:ss"
_SETTINGS_SKIPPED = "name, device and alert-setting rows (not kept)"
# EGV rows are turned into compact columns this many at a time, so a million-row export is
# never held as millions of Python strings (about 600 MB; the columns take about 40).
CHUNK_ROWS = 50_000
_NO_VALUE_SKIPPED = "EGV rows without a glucose value"


@dataclass(frozen=True)
class _Columns:
    """Where each column Clarity writes sits in this file's header (-1: absent)."""

    timestamp: int
    event_type: int
    event_subtype: int
    device_info: int
    source_device: int
    glucose: int
    insulin: int
    carbs: int
    duration: int
    transmitter_time: int
    transmitter_id: int
    names: tuple[str, ...]
    unit: GlucoseUnit

    def name(self, index: int) -> str:
        return self.names[index]


def read_clarity(path: Path, zone: tzinfo, *, name: str | None = None) -> CgmFile:
    """Read a Clarity CSV export; raise ``ImportFileError`` (file, line, column) if any row is bad.

    ``zone`` is where the wall-clock times were lived (a ``zoneinfo.ZoneInfo``).
    """
    file = name or path.name
    others: list[tuple[int, list[str]]] = []
    with open_rows(path, file, lambda _: True, 1, "the file is empty.") as opened:
        columns = _columns(opened.header, file)
        egv = _Egv(columns, file, decimal_comma=opened.delimiter == ";")
        _split_rows(opened.reader, opened.offset, columns, egv, others)
    decimal_comma = opened.delimiter == ";"
    extras = _Extras(columns, file, decimal_comma)
    model = extras.read(others)
    return _build(file, zone, columns, egv.finish(), extras, model)


class _Interned:
    """Numbers for the distinct texts of a column, in the order they first appear."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def code(self, text: str) -> int:
        found = self.codes.get(text)
        if found is None:
            found = self.codes[text] = len(self.codes)
        return found

    @property
    def texts(self) -> list[str]:
        return list(self.codes)


@dataclass(frozen=True, eq=False)
class _EgvColumns:
    """The EGV rows as columns: lines, wall-clock seconds, glucose (Low/High not yet at the
    device's limits), transmitter clock, and the transmitter and source as codes."""

    lines: NDArray[np.int32]
    local: NDArray[np.int64]
    glucose: Glucose
    transmitter_time: NDArray[np.float64]
    transmitter: NDArray[np.int32]
    source: NDArray[np.int32]
    transmitters: list[str]
    sources: list[str]


class _Egv:
    """Collects the EGV rows' cells and turns each chunk of them into columns."""

    def __init__(self, columns: _Columns, file: str, *, decimal_comma: bool) -> None:
        self.columns = columns
        self.file = file
        self.decimal_comma = decimal_comma
        self.transmitters = _Interned()
        self.sources = _Interned()
        self._parts: list[_EgvColumns] = []
        self._clear()

    def _clear(self) -> None:
        self.lines: list[int] = []
        self.stamps: list[str] = []
        self.values: list[str] = []
        self.transmitter_times: list[str] = []
        self.transmitter_ids: list[int] = []
        self.source_codes: list[int] = []

    def convert(self) -> None:
        """The rows collected so far as columns (checked: a bad cell names its line)."""
        if not self.lines:
            return
        c = self.columns
        lines = np.array(self.lines, np.int32)
        fields = parse_iso_stamps(self.stamps)
        local, valid = local_seconds(fields.a, fields.b, fields.c, fields)
        refuse_unreadable_times(
            valid,
            self.stamps,
            lines,
            file=self.file,
            column=c.name(c.timestamp),
            expected=_STAMP_FORM,
        )
        glucose = parse_glucose(
            self.values,
            c.unit,
            file=self.file,
            lines=lines,
            column=c.name(c.glucose),
            decimal_comma=self.decimal_comma,
        )
        clock, ok = parse_numbers(self.transmitter_times)
        self._parts.append(
            _EgvColumns(
                lines,
                local,
                glucose,
                np.where(ok, clock, np.nan),
                np.array(self.transmitter_ids, np.int32),
                np.array(self.source_codes, np.int32),
                [],
                [],
            )
        )
        self._clear()

    def finish(self) -> _EgvColumns:
        self.convert()
        parts = self._parts
        return _EgvColumns(
            np.concatenate([p.lines for p in parts]) if parts else np.empty(0, np.int32),
            np.concatenate([p.local for p in parts]) if parts else np.empty(0, np.int64),
            concat_glucose([p.glucose for p in parts]),
            np.concatenate([p.transmitter_time for p in parts]) if parts else np.empty(0),
            np.concatenate([p.transmitter for p in parts]) if parts else np.empty(0, np.int32),
            np.concatenate([p.source for p in parts]) if parts else np.empty(0, np.int32),
            self.transmitters.texts,
            self.sources.texts,
        )


def _split_rows(
    reader: Any,  # a csv reader: its line_num gives each record's line
    offset: int,
    columns: _Columns,
    egv: _Egv,
    others: list[tuple[int, list[str]]],
) -> None:
    """EGV rows into columns (the bulk of the file, kept cheap); other rows as they are."""
    width = len(columns.names)
    i_type, i_stamp, i_value = columns.event_type, columns.timestamp, columns.glucose
    i_time, i_id, i_source = (
        columns.transmitter_time,
        columns.transmitter_id,
        columns.source_device,
    )
    transmitter, source = egv.transmitters.code, egv.sources.code
    # The bulk of a file: a plain loop over the csv reader, one append per column.
    while True:
        lines, stamps, values = egv.lines.append, egv.stamps.append, egv.values.append
        times, ids, sources = (
            egv.transmitter_times.append,
            egv.transmitter_ids.append,
            egv.source_codes.append,
        )
        count = 0
        for cells in reader:
            if len(cells) < width:
                if not cells:
                    continue
                cells = cells + [""] * (width - len(cells))
            if cells[i_type] != "EGV":
                others.append((reader.line_num + offset, cells))
                continue
            lines(reader.line_num + offset)
            stamps(cells[i_stamp])
            values(cells[i_value])
            times(cells[i_time] if i_time >= 0 else "")
            ids(transmitter(cells[i_id] if i_id >= 0 else ""))
            sources(source(cells[i_source] if i_source >= 0 else ""))
            count += 1
            if count >= CHUNK_ROWS:
                break
        else:
            return
        egv.convert()


def _columns(header: list[str], file: str) -> _Columns:
    names = tuple(cell.strip() for cell in header)
    lowered = [n.lower() for n in names]

    def find(prefix: str) -> int:
        for i, n in enumerate(lowered):
            if n == prefix or n.startswith(prefix + " ("):
                return i
        return -1

    required = {"timestamp": TIMESTAMP, "event type": "Event Type"}
    for key, shown in required.items():
        if find(key) < 0:
            raise ImportFileError(
                file, f"the header has no '{shown}' column; this is not a Clarity export.", line=1
            )
    glucose = find("glucose value")
    if glucose < 0:
        raise ImportFileError(
            file,
            "the header has no 'Glucose Value (mg/dL)' or 'Glucose Value (mmol/L)' column.",
            line=1,
        )
    unit = GlucoseUnit.MMOLL if "mmol" in lowered[glucose] else GlucoseUnit.MGDL
    return _Columns(
        timestamp=find("timestamp"),
        event_type=find("event type"),
        event_subtype=find("event subtype"),
        device_info=find("device info"),
        source_device=find("source device id"),
        glucose=glucose,
        insulin=find("insulin value"),
        carbs=find("carb value"),
        duration=find("duration"),
        transmitter_time=find("transmitter time"),
        transmitter_id=find("transmitter id"),
        names=names,
        unit=unit,
    )


class _Extras:
    """Non-EGV rows: settings are counted, events become extras, others are counted."""

    def __init__(self, columns: _Columns, file: str, decimal_comma: bool) -> None:
        self.columns = columns
        self.file = file
        self.decimal_comma = decimal_comma
        self.skipped: dict[str, int] = {}
        self.pending: list[PendingExtra] = []
        self.stamps: list[str] = []
        self.lines: list[int] = []

    def read(self, others: Sequence[tuple[int, list[str]]]) -> str:
        """Read the rows; return the device model the settings rows name (or "")."""
        model = ""
        c = self.columns
        for line, cells in others:
            kind = cells[c.event_type].strip()
            if not cells[c.timestamp].strip():
                if kind == "Device" and c.device_info >= 0 and not model:
                    model = cells[c.device_info].strip()
                self._skip(_SETTINGS_SKIPPED)
                continue
            self._event(line, kind, cells)
        return model

    def _skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def _event(self, line: int, kind: str, cells: list[str]) -> None:
        c = self.columns
        subtype = cells[c.event_subtype].strip() if c.event_subtype >= 0 else ""
        if kind == "Calibration":
            value = self._number(cells, c.glucose, line)
            mmol = c.unit is GlucoseUnit.MMOLL and value is not None
            mgdl = round(value * MGDL_PER_MMOLL) if mmol and value is not None else value
            self._add(ExtraKind.CALIBRATION, line, cells, mgdl, "mg/dL", subtype)
        elif kind == "Insulin":
            value = self._number(cells, c.insulin, line)
            self._add(ExtraKind.INSULIN, line, cells, value, "u", subtype)
        elif kind == "Carbs":
            value = self._number(cells, c.carbs, line)
            self._add(ExtraKind.CARBS, line, cells, value, "g", subtype)
        elif kind == "Exercise":
            minutes = self._duration(cells, line)
            self._add(ExtraKind.EXERCISE, line, cells, minutes, "min", subtype)
        elif kind == "Health":
            self._add(ExtraKind.HEALTH, line, cells, None, "", subtype)
        else:
            self._skip(f"'{kind or '(no event type)'}' rows (not read)")

    def _add(
        self,
        kind: ExtraKind,
        line: int,
        cells: list[str],
        value: float | None,
        unit: str,
        text: str,
    ) -> None:
        self.pending.append(PendingExtra(kind, len(self.stamps), value, unit, text, line))
        self.stamps.append(cells[self.columns.timestamp])
        self.lines.append(line)

    def _number(self, cells: list[str], index: int, line: int) -> float | None:
        if index < 0 or not cells[index].strip():
            return None
        numbers, ok = parse_numbers([cells[index]], decimal_comma=self.decimal_comma)
        if not ok[0]:
            raise ImportFileError(
                self.file,
                f"'{cells[index]}' is not a number.",
                line=line,
                field=self.columns.name(index),
            )
        return float(numbers[0])

    def _duration(self, cells: list[str], line: int) -> float | None:
        index = self.columns.duration
        if index < 0 or not cells[index].strip():
            return None
        parts = cells[index].strip().split(":")
        if len(parts) != 3 or not all(is_digits(p) for p in parts):
            raise ImportFileError(
                self.file,
                f"'{cells[index]}' is not a duration of the form hh:mm:ss.",
                line=line,
                field=self.columns.name(index),
            )
        hours, minutes, seconds = (int(p) for p in parts)
        return hours * 60 + minutes + seconds / 60


def _build(
    file: str,
    zone: tzinfo,
    columns: _Columns,
    egv: _EgvColumns,
    extras: _Extras,
    model: str,
) -> CgmFile:
    stamp_column = columns.name(columns.timestamp)
    device_name = _device_name(model, egv.sources)
    limits = dexcom_limits(device_name)
    glucose = with_limits(egv.glucose, (limits.low_mgdl, limits.high_mgdl))
    keep = ~glucose.empty
    skipped = dict(extras.skipped)
    if not keep.all():
        skipped[_NO_VALUE_SKIPPED] = int(np.count_nonzero(~keep))
    transmitter_codes = egv.transmitter[keep]
    local, lines = egv.local[keep], egv.lines[keep]
    placed, table = place(local, zone)
    transmitter_time = egv.transmitter_time[keep]
    folds = _folds(placed, local, transmitter_codes, transmitter_time)
    utc = choose(placed, folds)
    devices = DeviceTable()
    pairs = egv.source[keep].astype(np.int64) * (len(egv.transmitters) + 1) + transmitter_codes
    unique, first, inverse = np.unique(pairs, return_index=True, return_inverse=True)
    codes = np.zeros(len(unique), np.int16)
    for position in np.argsort(first, kind="stable"):  # devices in the order they appear
        pair = int(unique[position])
        source, transmitter = divmod(pair, len(egv.transmitters) + 1)
        codes[position] = devices.code(
            egv.sources[source] or device_name,
            egv.transmitters[transmitter],
            limits.low_mgdl,
            limits.high_mgdl,
        )
    readings = sorted_readings(
        utc,
        table,
        glucose.mgdl[keep],
        np.full(len(utc), int(ReadingKind.HISTORIC), np.int8),
        glucose.flag[keep],
        codes[inverse.reshape(-1)].astype(np.int16),
        lines,
    )
    extras_placed = _place_extras(file, extras, zone, stamp_column)
    how = (
        "the transmitter time" if np.isfinite(transmitter_time).any() else "their order in the file"
    )
    notes = placement_notes(placed.status, "readings", how)
    return CgmFile(
        file=file,
        format=CgmFormat.CLARITY,
        unit=columns.unit,
        device_name=device_name,
        serial=devices.devices[0].serial if devices.devices else "",
        interval_minutes=interval_minutes(readings),
        readings=readings,
        devices=tuple(devices.devices),
        extras=extras_placed,
        skipped=skipped,
        notes=tuple(notes),
    )


def _device_name(model: str, sources: Sequence[str]) -> str:
    """ "Dexcom G6" and the like, from the Device row or the readings' source devices."""
    seen = [model, *dict.fromkeys(sources)]
    for text in seen:
        lowered = text.lower()
        if "stelo" in lowered:
            return "Dexcom Stelo"
        for family in ("G7", "G6", "G5", "G4", "ONE+", "ONE"):
            if family.lower() in lowered.split() or lowered.endswith(family.lower()):
                return f"Dexcom {family}"
    return model or "Dexcom"


def _folds(
    placed: Placed,
    local: NDArray[np.int64],
    transmitter_ids: NDArray[np.int32],
    transmitter_time: NDArray[np.float64],
) -> NDArray[np.int8]:
    """Which pass of a repeated (or which side of a skipped) hour each reading belongs to."""
    folds = folds_by_occurrence(transmitter_ids, local, placed.status)
    unsure = np.flatnonzero((placed.status != NORMAL) & np.isfinite(transmitter_time))
    if len(unsure) == 0:
        return folds
    ids = transmitter_ids
    for transmitter in np.unique(ids[unsure]):
        same = ids == transmitter
        sure = np.flatnonzero(same & (placed.status == NORMAL) & np.isfinite(transmitter_time))
        if len(sure) == 0:
            continue
        order = sure[np.argsort(transmitter_time[sure], kind="stable")]
        clock = transmitter_time[order]
        # UTC minus transmitter clock is constant within a session (drift is seconds a week).
        lag = placed.utc_fold0[order] - clock
        these = unsure[ids[unsure] == transmitter]
        t = transmitter_time[these]
        after = np.clip(np.searchsorted(clock, t), 0, len(clock) - 1)
        before = np.clip(after - 1, 0, len(clock) - 1)
        nearest = np.where(np.abs(clock[before] - t) <= np.abs(clock[after] - t), before, after)
        expected = t + lag[nearest]
        second = np.abs(placed.utc_fold1[these] - expected) < np.abs(
            placed.utc_fold0[these] - expected
        )
        folds[these] = second.astype(np.int8)
    return folds


def _place_extras(file: str, extras: _Extras, zone: tzinfo, column: str) -> tuple[CgmExtra, ...]:
    if not extras.pending:
        return ()
    fields = parse_iso_stamps(extras.stamps)
    local, valid = local_seconds(fields.a, fields.b, fields.c, fields)
    lines = np.array(extras.lines, np.int32)
    refuse_unreadable_times(
        valid, extras.stamps, lines, file=file, column=column, expected=_STAMP_FORM
    )
    return place_extras(extras.pending, local, zone)
