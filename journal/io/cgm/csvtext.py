"""The text side of CGM exports: decoding, the delimiter, and numbers in bulk.

Shared by the Clarity and LibreView readers so both treat a BOM, CRLF line ends, a ";"
delimiter with decimal commas, and an unreadable number in the same way.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from journal.io.errors import ImportFileError


@dataclass(frozen=True)
class CsvRows:
    """An export opened at its header: the header's line, cells and delimiter, then the rows.

    ``rows`` yields (line number, cells) for each record after the header, empty lines
    skipped; the line is where the record ends (where it starts unless a quoted cell spans
    lines).
    """

    header_line: int
    header: list[str]
    delimiter: str
    reader: Any  # the csv reader, after the header; reader.line_num + offset is a line
    offset: int

    @property
    def rows(self) -> Iterator[tuple[int, list[str]]]:
        return _numbered(self.reader, self.offset)


@contextmanager
def open_rows(
    path: Path, name: str, is_header: Callable[[str], bool], search_lines: int, missing: str
) -> Iterator[CsvRows]:
    """Open an export as UTF-8 (a BOM skipped, CRLF or LF) and find its header line.

    The file is read as a stream, so a large export is never held in memory as text. A
    byte that is not UTF-8 is reported with its line.
    """
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportFileError(name, f"it cannot be opened ({exc.strerror}).") from None
    try:
        with handle:
            header_line, header_text = _find_header(handle, is_header, search_lines)
            if not header_text:
                raise ImportFileError(name, "the file is empty." if header_line == 1 else missing)
            delimiter = delimiter_of(header_text)
            reader = csv.reader(chain([header_text], handle), delimiter=delimiter)
            header = next(reader)
            yield CsvRows(header_line, header, delimiter, reader, header_line - 1)
    except UnicodeDecodeError:
        raise _not_utf8(path, name) from None


def _find_header(
    handle: IO[str], is_header: Callable[[str], bool], search_lines: int
) -> tuple[int, str]:
    """(line number, text) of the header; text "" if none (line 1: the file is empty)."""
    for number in range(1, search_lines + 1):
        line = handle.readline()
        if not line:
            return number, ""
        if line.strip() and is_header(line):
            return number, line
    return search_lines + 1, ""


def _numbered(reader: Any, offset: int) -> Iterator[tuple[int, list[str]]]:
    for cells in reader:
        if cells:
            yield reader.line_num + offset, cells


def _not_utf8(path: Path, name: str) -> ImportFileError:
    """The error for a file that is not UTF-8, naming the line of the first bad byte."""
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
        line = None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    return ImportFileError(
        name,
        "this is not UTF-8 text; export the file again from the website and import it "
        "unchanged (a spreadsheet program may have saved it in another encoding).",
        line=line,
    )


def delimiter_of(line: str) -> str:
    """The delimiter of a header line: the most frequent of ",", ";" and tab."""
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d])


def parse_numbers(
    cells: Sequence[str] | NDArray[np.str_], *, decimal_comma: bool = False
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Each cell as a float (NaN where empty) and whether it was a number (or empty).

    The bulk path hands numpy the whole column; a cell numpy rejects is found one by one.
    """
    values = np.asarray(cells, dtype=str) if len(cells) else np.empty(0, dtype="U1")
    if decimal_comma:
        values = np.char.replace(values, ",", ".")
    empty = values == ""
    filled = np.where(empty, "nan", values)
    try:
        numbers = filled.astype(np.float64)
        ok = empty | np.isfinite(numbers)
    except ValueError:
        numbers = np.full(len(values), np.nan)
        ok = np.zeros(len(values), bool)
        for i, cell in enumerate(filled):
            try:
                numbers[i] = float(cell)
            except ValueError:
                continue
            ok[i] = bool(np.isfinite(numbers[i])) or bool(empty[i])
    numbers[empty] = np.nan
    return numbers, ok
