"""Spreadsheet-safe CSV cells: a cell a spreadsheet would run as a formula is written as text.

OWASP ("CSV Injection"): a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is evaluated by Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)``); a leading
``'`` makes it text. Notes and names can come from an imported file, so every text cell is
written this way, and the import takes exactly that one ``'`` away again:

- a cell starting with one of those characters (and not a plain number such as ``-5``) gets
  a ``'`` in front;
- so that reading back is exact, a cell that itself starts with ``'`` followed by one of them
  (or by another ``'``) gets one too;
- reading removes a leading ``'`` only where it is followed by one of them or by ``'``.

So "'Twas" stays "'Twas", "-5" stays "-5", "=1+1" is written "'=1+1", and "'-5" is written
"''-5"; each reads back as it was.
"""

from __future__ import annotations

import math

FORMULA_STARTS = frozenset("=+-@\t\r")
TEXT_MARK = "'"
_MARKED_NEXT = FORMULA_STARTS | {TEXT_MARK}


def _is_number(cell: str) -> bool:
    try:
        return math.isfinite(float(cell))
    except ValueError:
        return False


def safe_cell(cell: str) -> str:
    """``cell`` as written to a CSV file: a formula-like start made text with a ``'``."""
    if not cell:
        return cell
    first = cell[0]
    if first in FORMULA_STARTS and not _is_number(cell):
        return TEXT_MARK + cell
    if first == TEXT_MARK and cell[1:2] and cell[1] in _MARKED_NEXT:
        return TEXT_MARK + cell
    return cell


def cell_text(cell: str) -> str:
    """What ``safe_cell`` was given: the ``'`` it put in front taken away."""
    if len(cell) > 1 and cell[0] == TEXT_MARK and cell[1] in _MARKED_NEXT:
        return cell[1:]
    return cell


def safe_row(record: dict[str, object]) -> dict[str, str]:
    return {
        name: safe_cell(value if isinstance(value, str) else str(value))
        for name, value in record.items()
    }
