"""CGM readings in Interplay's own exports: ``cgm.csv`` and the JSON section ``cgm_readings``.

The fields are ``journal.io.fields.CGM_FIELDS`` (one table for both formats, as for
entries). A million readings are too many to convert one value at a time through the field
codecs, so both directions work on whole columns with numpy: times are written and parsed as
fixed-width text, values in bulk, and only a cell numpy cannot read goes through the field's
own reader, whose message then names the line and the column. Nothing is lost on the way:
the instant, the offset the person lived at, the value (exactly, as Python's ``repr``), the
kind, the Low/High flag and the device.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from journal.domain.cgm import ReadingFlag, ReadingKind
from journal.domain.text import is_digits
from journal.io.cgm.csvtext import parse_numbers
from journal.io.cgm.streams import PLAUSIBLE_MGDL
from journal.io.cgm.wallclock import local_seconds, parse_iso_stamps
from journal.io.csv_cells import cell_text, safe_cell
from journal.io.errors import ImportFileError, csv_problem
from journal.io.fields import CGM_FIELDS, FieldValueError, check_storable, read_moment

CHUNK_READINGS = 50_000
NAMES = tuple(f.name for f in CGM_FIELDS)
AT, MGDL, KIND, FLAG, DEVICE, SERIAL = NAMES
_KIND_CODES = {k.word: int(k) for k in ReadingKind}
_FLAG_CODES = {f.word: int(f) for f in ReadingFlag}
_KIND_WORDS = np.array([ReadingKind(i).word for i in range(len(ReadingKind))], dtype=object)
_FLAG_WORDS = np.array([ReadingFlag(i).word for i in range(len(ReadingFlag))], dtype=object)


@dataclass(frozen=True, eq=False)
class ReadingChunk:
    """Readings as the export formats carry them: columns, and each reading's device as an
    index into ``devices`` ((name, serial) pairs); ``lines`` says where each was read."""

    utc: NDArray[np.int64]
    offset: NDArray[np.int16]
    mgdl: NDArray[np.float64]
    kind: NDArray[np.int8]
    flag: NDArray[np.int8]
    device: NDArray[np.int32]
    devices: tuple[tuple[str, str], ...]
    lines: NDArray[np.int32]
    file: str = ""

    def __len__(self) -> int:
        return len(self.utc)

    @property
    def local_day(self) -> NDArray[np.int32]:
        day: NDArray[np.int32] = ((self.utc + self.offset.astype(np.int64) * 60) // 86_400).astype(
            np.int32
        )
        return day


# --- writing --------------------------------------------------------------------------------


def _offset_text(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def at_texts(utc: NDArray[np.int64], offset: NDArray[np.int16]) -> list[str]:
    """ISO 8601 local times with their offsets, as ``datetime.isoformat`` writes them."""
    local = (utc + offset.astype(np.int64) * 60).astype("datetime64[s]")
    stamps = np.datetime_as_string(local, unit="s")
    suffixes = {int(m): _offset_text(int(m)) for m in np.unique(offset)}
    return [s + suffixes[o] for s, o in zip(stamps.tolist(), offset.tolist(), strict=True)]


def chunk_rows(chunk: ReadingChunk, *, for_csv: bool = False) -> Iterator[list[str]]:
    """The chunk as rows in ``NAMES`` order (``for_csv``: text made spreadsheet-safe)."""
    cell = safe_cell if for_csv else str
    names = [cell(d[0]) for d in chunk.devices]
    serials = [cell(d[1]) for d in chunk.devices]
    kinds = _KIND_WORDS[chunk.kind.astype(np.intp)].tolist()
    flags = _FLAG_WORDS[chunk.flag.astype(np.intp)].tolist()
    values = [repr(v) for v in chunk.mgdl.tolist()]
    for at, value, kind, flag, device in zip(
        at_texts(chunk.utc, chunk.offset), values, kinds, flags, chunk.device.tolist(), strict=True
    ):
        yield [at, value, kind, flag, names[device], serials[device]]


def chunk_records(chunk: ReadingChunk) -> Iterator[dict[str, Any]]:
    """The chunk as JSON records (the same fields as the CSV columns)."""
    for at, value, kind, flag, device, serial in chunk_rows(chunk):
        yield {AT: at, MGDL: float(value), KIND: kind, FLAG: flag, DEVICE: device, SERIAL: serial}


def write_csv(handle: IO[str], chunks: Iterator[ReadingChunk]) -> int:
    """``cgm.csv``: the header, then every chunk's rows; returns the readings written."""
    writer = csv.writer(handle)
    writer.writerow(NAMES)
    count = 0
    for chunk in chunks:
        writer.writerows(chunk_rows(chunk, for_csv=True))
        count += len(chunk)
    return count


# --- reading --------------------------------------------------------------------------------


class ChunkBuilder:
    """Collects raw cells row by row, and turns a chunk of them into columns at once."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._clear()

    def _clear(self) -> None:
        self.lines: list[int] = []
        self.at: list[Any] = []
        self.mgdl: list[Any] = []
        self.kind: list[Any] = []
        self.flag: list[Any] = []
        self.device: list[Any] = []
        self.serial: list[Any] = []

    def __len__(self) -> int:
        return len(self.lines)

    def add(self, line: int, record: dict[str, Any]) -> None:
        self.lines.append(line)
        self.at.append(record.get(AT))
        self.mgdl.append(record.get(MGDL))
        self.kind.append(record.get(KIND, "historic"))
        self.flag.append(record.get(FLAG, ""))
        self.device.append(record.get(DEVICE))
        self.serial.append(record.get(SERIAL, ""))

    def take(self) -> ReadingChunk:
        """The rows added so far as a chunk (and start afresh); ``ImportFileError`` names
        the line and column of the first bad cell."""
        lines = np.array(self.lines, np.int32)
        utc, offset = self._times(lines)
        mgdl = self._values(lines)
        kind = self._codes(self.kind, _KIND_CODES, KIND, lines, "historic, scan or strip")
        flag = self._codes(self.flag, _FLAG_CODES, FLAG, lines, "empty, low or high")
        device, devices = self._devices(lines)
        chunk = ReadingChunk(utc, offset, mgdl, kind, flag, device, devices, lines, self.file)
        self._clear()
        return chunk

    def _error(
        self, index: int, lines: NDArray[np.int32], column: str, problem: str
    ) -> ImportFileError:
        return ImportFileError(self.file, problem, line=int(lines[index]), field=column)

    def _times(self, lines: NDArray[np.int32]) -> tuple[NDArray[np.int64], NDArray[np.int16]]:
        cells = self.at
        texts = [c if isinstance(c, str) else "" for c in cells]
        # The form written: 2026-11-24T12:00:00+01:00 (25 characters).
        heads = [t[:19] for t in texts]
        fields = parse_iso_stamps(heads)
        local, valid = local_seconds(fields.a, fields.b, fields.c, fields)
        suffixes = [t[19:] for t in texts]
        known = {s: _suffix_minutes(s) for s in set(suffixes)}
        offsets = np.array([known[s] if known[s] is not None else 0 for s in suffixes], np.int64)
        valid &= np.array([known[s] is not None for s in suffixes], bool)
        valid &= np.array([len(t) == 25 for t in texts], bool)
        for index in np.flatnonzero(~valid):
            # Another spelling (seconds with a fraction, a "Z"): the field's own reader.
            try:
                moment = read_moment(cells[int(index)])
            except FieldValueError as exc:
                raise self._error(int(index), lines, AT, str(exc)) from None
            local[index], offsets[index] = _seconds_and_offset(moment)
        return (local - offsets * 60).astype(np.int64), offsets.astype(np.int16)

    def _values(self, lines: NDArray[np.int32]) -> NDArray[np.float64]:
        cells = self.mgdl
        values: NDArray[np.float64] | None = None
        if all(type(c) is float or type(c) is int for c in cells):
            try:
                values = np.array(cells, np.float64)
            except OverflowError:  # an integer of hundreds of digits: read it as text below
                values = None
        if values is not None:
            ok = np.isfinite(values)
        else:
            texts = [
                ""
                if c is None
                else c
                if isinstance(c, str)
                else "x"
                if isinstance(c, bool)
                else repr(c)
                for c in cells
            ]
            values, ok = parse_numbers(texts)
            ok &= np.isfinite(values)
        if not ok.all():
            bad = int(np.flatnonzero(~ok)[0])
            shown = cells[bad] if cells[bad] not in (None, "") else "(empty)"
            raise self._error(bad, lines, MGDL, f"{shown!r} is not a glucose value in mg/dL.")
        implausible = (values < PLAUSIBLE_MGDL[0]) | (values > PLAUSIBLE_MGDL[1])
        if implausible.any():
            bad = int(np.flatnonzero(implausible)[0])
            raise self._error(
                bad, lines, MGDL, f"{cells[bad]} mg/dL is not a plausible glucose value."
            )
        return values

    def _codes(
        self,
        cells: Sequence[Any],
        codes: dict[str, int],
        column: str,
        lines: NDArray[np.int32],
        allowed: str,
    ) -> NDArray[np.int8]:
        result = np.empty(len(cells), np.int8)
        for i, cell in enumerate(cells):
            code = codes.get(cell.strip().lower()) if isinstance(cell, str) else None
            if code is None:
                raise self._error(i, lines, column, f"{cell!r} is not one of: {allowed}.")
            result[i] = code
        return result

    def _devices(
        self, lines: NDArray[np.int32]
    ) -> tuple[NDArray[np.int32], tuple[tuple[str, str], ...]]:
        index: dict[tuple[str, str], int] = {}
        codes = np.empty(len(self.device), np.int32)
        for i, (name, serial) in enumerate(zip(self.device, self.serial, strict=True)):
            if not isinstance(name, str) or not name.strip():
                raise self._error(i, lines, DEVICE, "a reading needs the name of its device.")
            if not isinstance(serial, str):
                serial = "" if serial is None else str(serial)
            for column, text in ((DEVICE, name), (SERIAL, serial)):
                try:
                    check_storable(text)
                except FieldValueError as exc:
                    raise self._error(i, lines, column, str(exc)) from None
            key = (name.strip(), serial.strip())
            code = index.get(key)
            if code is None:
                code = index[key] = len(index)
            codes[i] = code
        return codes, tuple(index)


def _suffix_minutes(suffix: str) -> int | None:
    if len(suffix) != 6 or suffix[0] not in "+-" or suffix[3] != ":":
        return None
    hours, minutes = suffix[1:3], suffix[4:6]
    if not (is_digits(hours) and is_digits(minutes)) or int(minutes) > 59:
        return None
    total = int(hours) * 60 + int(minutes)
    return total if suffix[0] == "+" else -total


def _seconds_and_offset(moment: datetime) -> tuple[int, int]:
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    utc = int(moment.timestamp())
    return utc + minutes * 60, minutes


def read_csv_chunks(path: Path, name: str | None = None) -> Iterator[tuple[ReadingChunk, int]]:
    """``cgm.csv`` as chunks, each with the bytes read so far; ``ImportFileError`` names the
    line and column of a bad cell."""
    file = name or path.name
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ImportFileError(file, f"it cannot be opened ({exc.strerror}).") from None
    import io

    with handle, io.TextIOWrapper(handle, encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text)
        try:
            header = next(reader, None)
            if header is None:
                raise ImportFileError(
                    file, "the file is empty (it needs at least the header line)."
                )
            columns = [c.strip() for c in header]
            _check_header(file, columns)
            builder = ChunkBuilder(file)
            width = len(columns)
            texts = [c for c in (DEVICE, SERIAL) if c in columns]
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                line = reader.line_num
                if len(cells) != width:
                    raise ImportFileError(
                        file,
                        f"expected {width} values but found {len(cells)} "
                        "(a value with a comma in it needs quotes).",
                        line=line,
                    )
                record = dict(zip(columns, cells, strict=True))
                for column in texts:
                    record[column] = cell_text(record[column])
                builder.add(line, record)
                if len(builder) >= CHUNK_READINGS:
                    yield builder.take(), handle.tell()
            if len(builder):
                yield builder.take(), handle.tell()
        except UnicodeDecodeError:
            raise ImportFileError(file, "the file is not UTF-8 text; save it as UTF-8.") from None
        except csv.Error as exc:
            raise ImportFileError(file, csv_problem(exc), line=reader.line_num) from None


def _check_header(file: str, columns: list[str]) -> None:
    known = set(NAMES)
    for column in columns:
        if column not in known:
            raise ImportFileError(
                file,
                f"the column '{column}' is not one Interplay knows (expected: {', '.join(NAMES)}).",
                line=1,
            )
    if len(set(columns)) != len(columns):
        raise ImportFileError(file, "a column appears twice.", line=1)
    for spec in CGM_FIELDS:
        if spec.required and spec.name not in columns:
            raise ImportFileError(file, f"the column '{spec.name}' is missing.", line=1)
