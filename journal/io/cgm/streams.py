"""Steps both CGM readers share: glucose cells to mg/dL, times to instants, devices, sorting.

Kept apart from the two readers so a Clarity and a LibreView file that hold the same
readings give the same stream, to the mg/dL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

import numpy as np
from numpy.typing import NDArray

from journal.domain.cgm import ReadingFlag
from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit
from journal.io.cgm.csvtext import parse_numbers
from journal.io.cgm.model import SECONDS_PER_DAY, CgmDevice, CgmExtra, ExtraKind, Readings
from journal.io.cgm.wallclock import (
    REPEATED,
    SKIPPED,
    ZoneTable,
    choose,
    folds_by_occurrence,
    place,
)
from journal.io.errors import ImportFileError

# Beyond these no sensor reports and no person lives: a bigger number is a unit mix-up
# (mg/dL numbers in a mmol/L column) or a typing error, and is refused, not kept.
PLAUSIBLE_MGDL = (1.0, 1000.0)

# How exports spell a reading beyond the sensor's range (Clarity: Low/High; Libre: LO/HI).
_LOW_WORDS = ("Low", "LOW", "low", "LO", "Lo", "lo")
_HIGH_WORDS = ("High", "HIGH", "high", "HI", "Hi", "hi")


@dataclass(frozen=True, eq=False)
class Glucose:
    """A column of glucose cells read: mg/dL, the Low/High flag, and which cells were empty."""

    mgdl: NDArray[np.float64]
    flag: NDArray[np.int8]
    empty: NDArray[np.bool_]


def read_glucose(
    cells: Sequence[str],
    unit: GlucoseUnit,
    limits: tuple[float, float],
    *,
    file: str,
    lines: NDArray[np.int32],
    column: str,
    decimal_comma: bool = False,
) -> Glucose:
    """Glucose cells in ``unit`` as whole mg/dL; "Low"/"High" become the device's limits.

    mmol/L values are rounded to whole mg/dL after conversion: sensors measure in whole mg/dL
    and a mmol/L export (one decimal, 1.8 mg/dL a step) holds less than that, and rounding
    puts the consensus bounds where mmol/L users expect them (3.9, 10.0 and 13.9 mmol/L become
    70, 180 and 250 mg/dL, inside their ranges, not 70.3, 180.2 and 250.4).
    """
    parsed = parse_glucose(
        cells, unit, file=file, lines=lines, column=column, decimal_comma=decimal_comma
    )
    return with_limits(parsed, limits)


def parse_glucose(
    cells: Sequence[str],
    unit: GlucoseUnit,
    *,
    file: str,
    lines: NDArray[np.int32],
    column: str,
    decimal_comma: bool = False,
) -> Glucose:
    """As :func:`read_glucose`, with Low and High left as NaN (flagged) until the device,
    and so its limits, is known (a reader converting a file a chunk at a time)."""
    words = np.array(cells, dtype=str) if len(cells) else np.empty(0, "U1")
    low = np.zeros(len(words), bool)
    high = np.zeros(len(words), bool)
    for word in _LOW_WORDS:
        low |= words == word
    for word in _HIGH_WORDS:
        high |= words == word
    numeric_cells = np.where(low | high, "", words)
    numbers, ok = parse_numbers(numeric_cells, decimal_comma=decimal_comma)
    if not ok.all():
        bad = int(np.flatnonzero(~ok)[0])
        raise ImportFileError(
            file,
            f"'{cells[bad]}' is not a glucose value (a number, Low or High).",
            line=int(lines[bad]),
            field=column,
        )
    mgdl = np.rint(numbers * MGDL_PER_MMOLL) if unit is GlucoseUnit.MMOLL else numbers
    implausible = (mgdl < PLAUSIBLE_MGDL[0]) | (mgdl > PLAUSIBLE_MGDL[1])
    if implausible.any():
        bad = int(np.flatnonzero(implausible)[0])
        raise ImportFileError(
            file,
            f"{cells[bad]} {unit.value} is not a plausible glucose value; "
            "is the unit in the column name right?",
            line=int(lines[bad]),
            field=column,
        )
    flag = np.where(low, int(ReadingFlag.LOW), np.where(high, int(ReadingFlag.HIGH), 0))
    empty = np.isnan(mgdl) & ~low & ~high
    return Glucose(mgdl.astype(np.float64), flag.astype(np.int8), empty)


def with_limits(glucose: Glucose, limits: tuple[float, float]) -> Glucose:
    """Low and High readings at the device's limits."""
    low_limit, high_limit = limits
    mgdl = np.where(
        glucose.flag == ReadingFlag.LOW,
        low_limit,
        np.where(glucose.flag == ReadingFlag.HIGH, high_limit, glucose.mgdl),
    )
    return Glucose(mgdl.astype(np.float64), glucose.flag, glucose.empty)


def concat_glucose(parts: Sequence[Glucose]) -> Glucose:
    if not parts:
        return Glucose(np.empty(0), np.empty(0, np.int8), np.empty(0, bool))
    return Glucose(
        np.concatenate([p.mgdl for p in parts]),
        np.concatenate([p.flag for p in parts]),
        np.concatenate([p.empty for p in parts]),
    )


def refuse_unreadable_times(
    valid: NDArray[np.bool_],
    stamps: Sequence[str],
    lines: NDArray[np.int32],
    *,
    file: str,
    column: str,
    expected: str,
) -> None:
    if valid.all():
        return
    bad = int(np.flatnonzero(~valid)[0])
    shown = stamps[bad] or "(empty)"
    raise ImportFileError(
        file,
        f"'{shown}' is not a date and time of the form {expected}.",
        line=int(lines[bad]),
        field=column,
    )


def offsets_and_days(
    utc: NDArray[np.int64], table: ZoneTable
) -> tuple[NDArray[np.int16], NDArray[np.int32]]:
    """The UTC offset (minutes) the user lived at each instant, and the local epoch day."""
    offset_seconds = table.offset_at(utc)
    day = (utc + offset_seconds) // SECONDS_PER_DAY
    return (offset_seconds // 60).astype(np.int16), day.astype(np.int32)


def placement_notes(status: NDArray[np.int8], what: str, how: str) -> list[str]:
    """Plain sentences on readings in a repeated or skipped hour, when there were any."""
    notes = []
    repeated = int(np.count_nonzero(status == REPEATED))
    skipped = int(np.count_nonzero(status == SKIPPED))
    if repeated:
        notes.append(
            f"{repeated} {what} fell in an autumn hour that happens twice; {how} told the "
            "two passes apart, and none was dropped."
        )
    if skipped:
        notes.append(
            f"{skipped} {what} carry a time that the clock skipped in spring; they were read "
            "with the offset before the change, and none was dropped."
        )
    return notes


def sorted_readings(
    utc: NDArray[np.int64],
    table: ZoneTable,
    mgdl: NDArray[np.float64],
    kind: NDArray[np.int8],
    flag: NDArray[np.int8],
    device: NDArray[np.int16],
    line: NDArray[np.int32],
) -> Readings:
    order = np.argsort(utc, kind="stable")
    utc = utc[order]
    offset, day = offsets_and_days(utc, table)
    return Readings(
        utc.astype(np.int64),
        offset,
        day,
        mgdl[order],
        kind[order],
        flag[order],
        device[order],
        line[order],
    )


def interval_minutes(readings: Readings) -> int | None:
    """The usual spacing of historic readings from the device with most of them."""
    if len(readings) < 2:
        return None
    devices, counts = np.unique(readings.device, return_counts=True)
    main = readings.utc_seconds[readings.device == devices[np.argmax(counts)]]
    gaps = np.diff(main)
    gaps = gaps[gaps > 0]
    if len(gaps) == 0:
        return None
    minutes = int(np.rint(np.median(gaps) / 60))
    return max(minutes, 1)


class DeviceTable:
    """Numbers the distinct (name, serial) pairs in the order they first appear."""

    def __init__(self) -> None:
        self._index: dict[tuple[str, str], int] = {}
        self.devices: list[CgmDevice] = []

    def code(self, name: str, serial: str, low: float, high: float) -> int:
        key = (name, serial)
        found = self._index.get(key)
        if found is not None:
            return found
        self._index[key] = len(self.devices)
        self.devices.append(CgmDevice(name, serial, low, high))
        return len(self.devices) - 1

    def codes(
        self, names: Sequence[str], serials: Sequence[str], low: float, high: float
    ) -> NDArray[np.int16]:
        found: dict[tuple[str, str], int] = {}
        result: list[int] = []
        append = result.append
        for pair in zip(names, serials, strict=True):
            code = found.get(pair)
            if code is None:
                code = found[pair] = self.code(pair[0], pair[1], low, high)
            append(code)
        return np.array(result, np.int16)


@dataclass
class PendingExtra:
    """An extra record read but not yet placed in time."""

    kind: ExtraKind
    stamp_index: int
    value: float | None
    unit: str
    text: str
    line: int


def place_extras(
    pending: Sequence[PendingExtra],
    local: NDArray[np.int64],
    zone: tzinfo,
) -> tuple[CgmExtra, ...]:
    """Extras in time order; a repeated autumn time is told apart by order of appearance."""
    if not pending:
        return ()
    seconds = local[[p.stamp_index for p in pending]]
    placed, table = place(seconds, zone)
    kinds = [p.kind.value for p in pending]
    utc = choose(placed, folds_by_occurrence(kinds, seconds, placed.status))
    offsets, days = offsets_and_days(utc, table)
    extras = [
        CgmExtra(p.kind, int(u), int(o), int(d), p.value, p.unit, p.text, p.line)
        for p, u, o, d in zip(pending, utc, offsets, days, strict=True)
    ]
    extras.sort(key=lambda e: (e.utc_seconds, e.line))
    return tuple(extras)
