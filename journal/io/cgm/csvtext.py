"""The text side of CGM exports: decoding, the delimiter, and numbers in bulk.

Shared by the Clarity and LibreView readers so both treat a BOM, CRLF line ends, a ";"
delimiter with decimal commas, and an unreadable number in the same way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from journal.io.importer import ImportFileError


def read_text(path: Path, name: str) -> str:
    """The whole file as text (UTF-8, a BOM skipped); a byte that is not UTF-8 names its line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(name, f"it cannot be opened ({exc.strerror}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            name,
            "this is not UTF-8 text; export the file again from the website and import it "
            "unchanged (a spreadsheet program may have saved it in another encoding).",
            line=line,
        ) from None


def delimiter_of(line: str) -> str:
    """The delimiter of a header line: the most frequent of ",", ";" and tab."""
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d])


def rows(text: str, delimiter: str, first_line: int = 1) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each CSV record from ``first_line`` on; empty lines skipped.

    The line is where the record ends, which is where it starts unless a quoted cell spans
    lines.
    """
    stream = io.StringIO(text, newline="")
    for _ in range(first_line - 1):
        stream.readline()
    reader = csv.reader(stream, delimiter=delimiter)
    offset = first_line - 1
    for cells in reader:
        if cells:
            yield reader.line_num + offset, cells


def parse_numbers(
    cells: Sequence[str], *, decimal_comma: bool = False
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Each cell as a float (NaN where empty) and whether it was a number (or empty).

    The bulk path hands numpy the whole column; a cell numpy rejects is found one by one.
    """
    values = np.array(cells, dtype=str) if len(cells) else np.empty(0, dtype="U1")
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
