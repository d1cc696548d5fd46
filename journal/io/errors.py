"""The error every import reader raises: which file, line and field, and what is wrong.

Its own module, so the readers of every format (Interplay's own, Dexcom, LibreView) and the
import that drives them can all use it without importing one another.
"""

from __future__ import annotations

__all__ = ["NOTHING_IMPORTED", "ImportFileError", "csv_problem"]

NOTHING_IMPORTED = "Nothing was imported."


class ImportFileError(ValueError):
    """A file cannot be imported; says where (file, line, field) and what is wrong."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        where = file + (f" line {line}" if line is not None else "")
        field_word = "column" if file.lower().endswith(".csv") else "field"
        where += f", {field_word} {field}" if field else ""
        super().__init__(f"{where}: {_sentence(problem)} {NOTHING_IMPORTED}")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def csv_problem(exc: Exception) -> str:
    """The csv module's complaint about a line, as people would say it."""
    text = str(exc)
    if "unexpected end of data" in text or "EOF" in text:
        return 'a quoted value is not closed (a " is missing), so the line cannot be read.'
    return f"this line cannot be read ({text})."
