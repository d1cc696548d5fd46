"""Read a LibreView CSV export (FreeStyle Libre 1/2/3; mg/dL or mmol/L; US or EU dates).

The layout, as LibreView writes it: a first line "Glucose Data,Generated on,<date>,Generated
by,<name>", then the header and one row per record, grouped by record type, not by time:

    Device,Serial Number,Device Timestamp,Record Type,Historic Glucose mg/dL,
    Scan Glucose mg/dL,Non-numeric Rapid-Acting Insulin,Rapid-Acting Insulin (units),
    Non-numeric Food,Carbohydrates (grams),Carbohydrates (servings),
    Non-numeric Long-Acting Insulin,Long-Acting Insulin Value (units),Notes,
    Strip Glucose mg/dL,Ketone mmol/L,Meal Insulin (units),Correction Insulin (units),
    User Change Insulin (units)

(mmol/L exports name the glucose columns "... mmol/L"). Record types: 0 historic (every 15
minutes on a Libre 1/2, every 5 on a Libre 3), 1 scan, 2 strip, 3 ketone, 4 insulin, 5 food,
6 note; other types are counted, not read. Some exports use ";" (then with decimal commas).

Dates are month first (US, "MM-DD-YYYY hh:mm AM") or day first (EU, "DD-MM-YYYY HH:MM").
The order is decided from the whole file, in this order:
1. if only one order gives real dates for every row (a number above 12 in one place), it;
2. else the order under which the dates fall closer together: a CGM records every day, so
   the wrong order scatters a fortnight over months ("03-04" and "04-04" are a day apart one
   way and a month the other);
3. else (both orders give the very same span, e.g. a file of one day) the clock: AM/PM, as
   US exports write, means month first; a 24-hour clock means day first. ``CgmFile.notes``
   says which rule decided.

Times are wall-clock times in the zone the caller passes. In the autumn hour that happens
twice, a device's records of a repeated time appear in time order within their record type,
so the first appearance is the first pass (fold 0) and the second is the second (fold 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from journal.domain.cgm import LIBRE_LIMITS, CgmFormat, ReadingKind
from journal.domain.text import is_digits
from journal.domain.units import GlucoseUnit
from journal.io.cgm.csvtext import open_rows, parse_numbers
from journal.io.cgm.model import CgmExtra, CgmFile, ExtraKind
from journal.io.cgm.streams import (
    DeviceTable,
    PendingExtra,
    interval_minutes,
    place_extras,
    placement_notes,
    read_glucose,
    refuse_unreadable_times,
    sorted_readings,
)
from journal.io.cgm.wallclock import (
    Int64Array,
    StampFields,
    choose,
    folds_by_occurrence,
    local_seconds,
    parse_day_month_stamps,
    place,
)
from journal.io.errors import ImportFileError

TIMESTAMP = "Device Timestamp"
RECORD_TYPE = "Record Type"
_HEADER_SEARCH_LINES = 10

_READING_TYPES = {"0": ReadingKind.HISTORIC, "1": ReadingKind.SCAN, "2": ReadingKind.STRIP}
_GLUCOSE_COLUMN = {
    ReadingKind.HISTORIC: "historic glucose",
    ReadingKind.SCAN: "scan glucose",
    ReadingKind.STRIP: "strip glucose",
}
# Insulin columns of a type-4 row, and the words the extra carries for each.
_INSULIN_COLUMNS = {
    "rapid-acting insulin (units)": "Rapid-Acting",
    "long-acting insulin value (units)": "Long-Acting",
    "long-acting insulin (units)": "Long-Acting",
    "meal insulin (units)": "Meal",
    "correction insulin (units)": "Correction",
    "user change insulin (units)": "User change",
}
_NON_NUMERIC_INSULIN = {
    "non-numeric rapid-acting insulin": "Rapid-Acting, no dose given",
    "non-numeric long-acting insulin": "Long-Acting, no dose given",
}


@dataclass(frozen=True)
class _Columns:
    names: tuple[str, ...]
    index: dict[str, int]
    unit: GlucoseUnit

    def find(self, name: str) -> int:
        return self.index.get(name, -1)

    def name(self, index: int) -> str:
        return self.names[index]

    def glucose(self, kind: ReadingKind) -> int:
        return self.find(f"{_GLUCOSE_COLUMN[kind]} {self.unit.value.lower()}")


def read_libreview(path: Path, zone: tzinfo, *, name: str | None = None) -> CgmFile:
    """Read a LibreView CSV export; raise ``ImportFileError`` (file, line, column) if a row is bad.

    ``zone`` is where the wall-clock times were lived (a ``zoneinfo.ZoneInfo``).
    """
    file = name or path.name
    missing = (
        f"no header with '{TIMESTAMP}' and '{RECORD_TYPE}' columns in the first "
        f"{_HEADER_SEARCH_LINES} lines; this is not a LibreView export."
    )
    with open_rows(path, file, _is_header, _HEADER_SEARCH_LINES, missing) as opened:
        columns = _columns(opened.header, file, opened.header_line)
        found = _Rows(columns, file, decimal_comma=opened.delimiter == ";")
        for line, cells in opened.rows:
            found.add(line, cells)
    return found.build(zone)


def _is_header(line: str) -> bool:
    lowered = line.lower()
    return TIMESTAMP.lower() in lowered and RECORD_TYPE.lower() in lowered


def _columns(header: list[str], file: str, line: int) -> _Columns:
    names = tuple(cell.strip() for cell in header)
    index: dict[str, int] = {}
    for i, n in enumerate(names):
        index.setdefault(n.lower(), i)
    unit = GlucoseUnit.MMOLL if "historic glucose mmol/l" in index else GlucoseUnit.MGDL
    columns = _Columns(names, index, unit)
    for needed in ("device", "serial number", TIMESTAMP.lower(), RECORD_TYPE.lower()):
        if needed not in index:
            raise ImportFileError(file, f"the header has no '{needed.title()}' column.", line=line)
    if columns.glucose(ReadingKind.HISTORIC) < 0:
        raise ImportFileError(
            file,
            "the header has no 'Historic Glucose mg/dL' or 'Historic Glucose mmol/L' column.",
            line=line,
        )
    return columns


class _Rows:
    """The rows of one export, sorted into readings and extras as they are read."""

    def __init__(self, columns: _Columns, file: str, *, decimal_comma: bool) -> None:
        self.columns = columns
        self.file = file
        self.decimal_comma = decimal_comma
        self.width = len(columns.names)
        self.i_type = columns.find(RECORD_TYPE.lower())
        self.i_stamp = columns.find(TIMESTAMP.lower())
        self.i_device = columns.find("device")
        self.i_serial = columns.find("serial number")
        self.i_notes = columns.find("notes")
        self.glucose_index = {kind: columns.glucose(kind) for kind in _READING_TYPES.values()}
        # Everything with a time: readings first, extras after, in one list of stamps so the
        # day/month order is decided once from all of them.
        self.stamps: list[str] = []
        self.stamp_lines: list[int] = []
        self.lines: list[int] = []
        self.values: list[str] = []
        self.kinds: list[int] = []
        self.devices: list[str] = []
        self.serials: list[str] = []
        self.extras: list[PendingExtra] = []
        self.skipped: dict[str, int] = {}

    def add(self, line: int, cells: list[str]) -> None:
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        record_type = cells[self.i_type].strip()
        kind = _READING_TYPES.get(record_type)
        if kind is not None:
            self._reading(line, cells, kind)
        elif record_type == "3":
            self._number_extra(line, cells, "ketone mmol/l", ExtraKind.KETONE, "mmol/L", "")
        elif record_type == "4":
            self._insulin(line, cells)
        elif record_type == "5":
            self._food(line, cells)
        elif record_type == "6":
            self._extra(line, cells, ExtraKind.NOTE, None, "", self._notes(cells))
        elif is_digits(record_type):
            reason = f"record type {record_type} rows (not read)"
            self.skipped[reason] = self.skipped.get(reason, 0) + 1
        else:
            raise ImportFileError(
                self.file,
                f"'{record_type}' is not a record type (a number such as 0 for a sensor reading).",
                line=line,
                field=self.columns.name(self.i_type),
            )

    def _reading(self, line: int, cells: list[str], kind: ReadingKind) -> None:
        column = self.glucose_index[kind]
        if column < 0:
            raise ImportFileError(
                self.file,
                f"a {kind.name.lower()} reading, but the header has no column for it.",
                line=line,
            )
        self.lines.append(line)
        self.stamps.append(cells[self.i_stamp])
        self.stamp_lines.append(line)
        self.values.append(cells[column])
        self.kinds.append(kind)
        self.devices.append(cells[self.i_device].strip())
        self.serials.append(cells[self.i_serial].strip())

    def _notes(self, cells: list[str]) -> str:
        return cells[self.i_notes].strip() if self.i_notes >= 0 else ""

    def _number(self, line: int, cells: list[str], name: str) -> float | None:
        index = self.columns.find(name)
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

    def _number_extra(
        self, line: int, cells: list[str], column: str, kind: ExtraKind, unit: str, text: str
    ) -> None:
        self._extra(line, cells, kind, self._number(line, cells, column), unit, text)

    def _insulin(self, line: int, cells: list[str]) -> None:
        found = False
        for column, words in _INSULIN_COLUMNS.items():
            value = self._number(line, cells, column)
            if value is not None:
                self._extra(line, cells, ExtraKind.INSULIN, value, "u", words)
                found = True
        for column, words in _NON_NUMERIC_INSULIN.items():
            index = self.columns.find(column)
            if not found and index >= 0 and cells[index].strip():
                self._extra(line, cells, ExtraKind.INSULIN, None, "u", words)
                found = True
        if not found:
            self._extra(line, cells, ExtraKind.INSULIN, None, "u", self._notes(cells))

    def _food(self, line: int, cells: list[str]) -> None:
        grams = self._number(line, cells, "carbohydrates (grams)")
        servings = self._number(line, cells, "carbohydrates (servings)")
        value, unit = (servings, "servings") if grams is None and servings else (grams, "g")
        self._extra(line, cells, ExtraKind.FOOD, value, unit, self._notes(cells))

    def _extra(
        self,
        line: int,
        cells: list[str],
        kind: ExtraKind,
        value: float | None,
        unit: str,
        text: str,
    ) -> None:
        self.extras.append(PendingExtra(kind, len(self.stamps), value, unit, text, line))
        self.stamps.append(cells[self.i_stamp])
        self.stamp_lines.append(line)

    # --- building the result ---------------------------------------------------------------

    def build(self, zone: tzinfo) -> CgmFile:
        stamp_lines = np.array(self.stamp_lines, np.int32)
        fields = parse_day_month_stamps(self.stamps)
        local, reason = _date_order(fields, self.stamps, stamp_lines, self.file, self.columns)
        n = len(self.lines)
        lines = np.array(self.lines, np.int32)
        reading_local = local[:n]
        limits = (LIBRE_LIMITS.low_mgdl, LIBRE_LIMITS.high_mgdl)
        glucose = read_glucose(
            self.values,
            self.columns.unit,
            limits,
            file=self.file,
            lines=lines,
            column=self._glucose_column_names(),
            decimal_comma=self.decimal_comma,
        )
        keep = ~glucose.empty
        skipped = dict(self.skipped)
        if not keep.all():
            skipped["readings without a glucose value"] = int(np.count_nonzero(~keep))
        kinds = np.array(self.kinds, np.int8)[keep] if n else np.empty(0, np.int8)
        devices = [d for d, k in zip(self.devices, keep, strict=True) if k]
        serials = [s for s, k in zip(self.serials, keep, strict=True) if k]
        reading_local, lines = reading_local[keep], lines[keep]
        placed, table = place(reading_local, zone)
        groups = [f"{s}\x00{k}" for s, k in zip(serials, kinds, strict=True)]
        utc = choose(placed, folds_by_occurrence(groups, reading_local, placed.status))
        table_of_devices = DeviceTable()
        codes = table_of_devices.codes(
            devices, serials, LIBRE_LIMITS.low_mgdl, LIBRE_LIMITS.high_mgdl
        )
        readings = sorted_readings(
            utc, table, glucose.mgdl[keep], kinds, glucose.flag[keep], codes, lines
        )
        historic = readings.of_kind(ReadingKind.HISTORIC)
        main = _main_device(historic.device, len(table_of_devices.devices))
        notes = [reason, *placement_notes(placed.status, "readings", "their order in the file")]
        return CgmFile(
            file=self.file,
            format=CgmFormat.LIBREVIEW,
            unit=self.columns.unit,
            device_name=table_of_devices.devices[main].name if table_of_devices.devices else "",
            serial=table_of_devices.devices[main].serial if table_of_devices.devices else "",
            interval_minutes=interval_minutes(historic),
            readings=readings,
            devices=tuple(table_of_devices.devices),
            extras=self._placed_extras(local, zone),
            skipped=skipped,
            notes=tuple(notes),
        )

    def _glucose_column_names(self) -> str:
        return self.columns.name(self.glucose_index[ReadingKind.HISTORIC])

    def _placed_extras(self, local: Int64Array, zone: tzinfo) -> tuple[CgmExtra, ...]:
        return place_extras(self.extras, local, zone)


def _main_device(device: NDArray[np.int16], count: int) -> int:
    if count == 0 or len(device) == 0:
        return 0
    return int(np.argmax(np.bincount(device, minlength=count)))


def _date_order(
    fields: StampFields,
    stamps: Sequence[str],
    lines: NDArray[np.int32],
    file: str,
    columns: _Columns,
) -> tuple[Int64Array, str]:
    """Wall-clock seconds of every stamp, with the day/month order decided (module docstring)."""
    column = columns.name(columns.find(TIMESTAMP.lower()))
    if len(stamps) and bool(np.all(fields.a >= 1000)):
        local, valid = local_seconds(fields.a, fields.b, fields.c, fields)
        refuse_unreadable_times(
            valid, stamps, lines, file=file, column=column, expected="YYYY-MM-DD hh:mm"
        )
        return local, "Dates were written year first."
    day_first, day_first_ok = local_seconds(fields.c, fields.b, fields.a, fields)
    month_first, month_first_ok = local_seconds(fields.c, fields.a, fields.b, fields)
    all_day_first, all_month_first = bool(day_first_ok.all()), bool(month_first_ok.all())
    if all_day_first and not all_month_first:
        return day_first, "Dates were read day first (DD-MM-YYYY): some have a day above 12."
    if all_month_first and not all_day_first:
        return month_first, "Dates were read month first (MM-DD-YYYY): some have a day above 12."
    if not all_day_first:
        # Neither order reads every row: name the first row the likelier order cannot read.
        likelier = day_first_ok if day_first_ok.sum() >= month_first_ok.sum() else month_first_ok
        refuse_unreadable_times(
            likelier,
            stamps,
            lines,
            file=file,
            column=column,
            expected="MM-DD-YYYY hh:mm AM/PM or DD-MM-YYYY HH:MM",
        )
    if len(stamps) == 0:
        return day_first, "The file has no dated rows."
    day_first_span = int(day_first.max() - day_first.min())
    month_first_span = int(month_first.max() - month_first.min())
    if day_first_span != month_first_span:
        if day_first_span < month_first_span:
            return day_first, (
                "Dates were read day first (DD-MM-YYYY): every day is 12 or less, and read "
                "that way the readings fall closer together."
            )
        return month_first, (
            "Dates were read month first (MM-DD-YYYY): every day is 12 or less, and read "
            "that way the readings fall closer together."
        )
    if bool(np.any(fields.meridiem > 0)):
        return month_first, (
            "Dates were read month first (MM-DD-YYYY): they could be read either way, and "
            "times with AM/PM are how US exports are written."
        )
    return day_first, (
        "Dates were read day first (DD-MM-YYYY): they could be read either way, and a "
        "24-hour clock is how European exports are written."
    )
