"""Read an Interplay export (one JSON document, or a folder or single file of CSV) as a stream.

Reading never writes: it yields domain values with the place they came from, and raises
``ImportFileError`` naming the file, the line, the field and the problem. The services read a
source twice (once to check everything and count, once to write in one transaction), so
memory stays bounded however large the file is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple

from journal.domain.vocabulary import EntryKind
from journal.io.csv_cells import cell_text
from journal.io.errors import NOTHING_IMPORTED as NOTHING_IMPORTED
from journal.io.errors import ImportFileError as ImportFileError
from journal.io.errors import csv_problem
from journal.io.fields import (
    CGM_FILE,
    CSV_MANIFEST,
    ENTRY_FILES,
    EXPERIMENT_FIELDS,
    EXPERIMENTS_FILE,
    FAVOURITE_FIELDS,
    FAVOURITES_FILE,
    FLARE_FIELDS,
    FLARES_FILE,
    GOAL_FIELDS,
    GOALS_FILE,
    MEDICATION_FIELDS,
    MEDICATIONS_FILE,
    REMINDER_FIELDS,
    REMINDERS_FILE,
    SCHEDULE_FIELDS,
    SETTING_FIELDS,
    SETTINGS_FILE,
    TRACKER_FIELDS,
    TRACKERS_FILE,
    Field,
    entry_fields,
)
from journal.io.json_format import (
    FORMAT_NAME,
    HEADER_KEYS,
    STREAMED_SECTIONS,
    check_format,
)
from journal.io.json_stream import JsonObjectStream, JsonStreamError
from journal.io.records import (
    RecordError,
    read_entry,
    read_experiment,
    read_favourite,
    read_flare,
    read_goal,
    read_medication,
    read_reminder,
    read_setting,
    read_tracker,
)

Format = Literal["auto", "json", "csv"]
Section = Literal[
    "medications",
    "trackers",
    "flare_episodes",
    "favourites",
    "goals",
    "reminders",
    "experiments",
    "settings",
    "entries",
    "cgm_readings",
]
# csv's default limit (128 KiB) is below a long note; allow 1 MiB per cell.
csv.field_size_limit(1 << 20)


class Item(NamedTuple):
    """One thing read from a file: its section, the value, and where it was.

    A named tuple, not a frozen dataclass: an import makes one per record, and a tuple is
    made in a third of the time."""

    section: Section
    value: Any
    file: str
    line: int | None


class ImportSource:
    """A file or folder to import; ``items()`` reads it from the start each time."""

    def __init__(self, path: Path, fmt: Literal["json", "csv"]) -> None:
        self.path = path
        self.format = fmt
        self._files = _csv_files(path) if fmt == "csv" else [path]
        self.total_bytes = sum(_size(p) for p in self._files)
        self.bytes_read = 0

    def items(self) -> Iterator[Item]:
        self.bytes_read = 0
        if self.format == "json":
            yield from self._json_items()
        else:
            yield from self._csv_items()

    # --- JSON ------------------------------------------------------------------------------

    def _json_items(self) -> Iterator[Item]:
        name = self.path.name
        with _open_text(self.path, name) as (stream, counted):
            reader = JsonObjectStream(stream)
            header: dict[str, Any] = {}
            try:
                for key, line, value in reader.sections(STREAMED_SECTIONS):
                    self.bytes_read = counted()
                    if key in HEADER_KEYS:
                        header[key] = value
                        _check_header(name, line, header)
                    elif key == "settings":
                        yield from _json_settings(name, line, value)
                    elif key in STREAMED_SECTIONS:
                        yield from self._json_section(name, key, line, value, counted)
                    else:
                        raise ImportFileError(
                            name, f"'{key}' is not a section Interplay knows.", line=line
                        )
            except JsonStreamError as exc:
                raise ImportFileError(name, exc.problem, line=exc.line) from None
            if "format_version" not in header:
                raise ImportFileError(
                    name, "this is not an Interplay export (it has no format_version)."
                )

    def _json_section(
        self, name: str, key: str, line: int, value: Any, counted: Callable[[], int]
    ) -> Iterator[Item]:
        if not isinstance(value, Iterator):
            raise ImportFileError(name, f"'{key}' must be a list.", line=line)
        if key == "cgm_readings":
            yield from self._json_readings(name, value, counted)
            return
        for item_line, record in value:
            self.bytes_read = counted()
            yield _json_item(name, key, item_line, record)

    def _json_readings(
        self, name: str, records: Iterator[tuple[int, Any]], counted: Callable[[], int]
    ) -> Iterator[Item]:
        """CGM readings come as chunks of columns (one Item per chunk, not per reading);
        numpy is loaded only for a file that has readings."""
        from journal.io.readings import CHUNK_READINGS, ChunkBuilder

        builder = ChunkBuilder(name)
        first_line: int | None = None
        for item_line, record in records:
            if not isinstance(record, dict):
                raise ImportFileError(
                    name, "each item of 'cgm_readings' must be an object.", line=item_line
                )
            first_line = first_line or item_line
            builder.add(item_line, record)
            if len(builder) >= CHUNK_READINGS:
                self.bytes_read = counted()
                yield Item("cgm_readings", builder.take(), name, first_line)
                first_line = None
        if len(builder):
            self.bytes_read = counted()
            yield Item("cgm_readings", builder.take(), name, first_line)

    # --- CSV -------------------------------------------------------------------------------

    def _csv_items(self) -> Iterator[Item]:
        for path in self._files:
            if path.name == CSV_MANIFEST:
                _check_manifest(path)
                continue
            done_before = self.bytes_read
            if path.name.lower() == CGM_FILE:
                from journal.io.readings import read_csv_chunks

                for chunk, read_so_far in read_csv_chunks(path):
                    yield Item("cgm_readings", chunk, path.name, int(chunk.lines[0]))
                    self.bytes_read = done_before + read_so_far
                self.bytes_read = done_before + _size(path)
                continue
            for item, read_so_far in _csv_file_items(path):
                yield item
                self.bytes_read = done_before + read_so_far
            self.bytes_read = done_before + _size(path)


# --- opening ----------------------------------------------------------------------------------


def open_import(path: Path, fmt: Format = "auto") -> ImportSource:
    """The source at ``path``; raises ``ImportFileError`` if it cannot be read at all."""
    if not path.exists():
        raise ImportFileError(path.name or str(path), f"there is no file or folder at {path}.")
    if fmt == "auto":
        fmt = _detect(path)
    if fmt == "json" and path.is_dir():
        raise ImportFileError(path.name, "this is a folder; a JSON export is a single file.")
    return ImportSource(path, fmt)


def _detect(path: Path) -> Literal["json", "csv"]:
    if path.is_dir() or path.suffix.lower() == ".csv":
        return "csv"
    if path.suffix.lower() == ".json":
        return "json"
    try:
        with path.open("rb") as handle:
            start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise ImportFileError(path.name, f"it cannot be read ({exc.strerror}).") from None
    return "json" if start.startswith(b"{") else "csv"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@contextmanager
def _open_text(path: Path, name: str) -> Iterator[tuple[IO[str], Callable[[], int]]]:
    """The file as UTF-8 text (a BOM is skipped), and a function telling bytes read so far."""
    try:
        binary = path.open("rb")
    except OSError as exc:
        raise ImportFileError(name, f"it cannot be opened ({exc.strerror}).") from None
    with binary, io.TextIOWrapper(binary, encoding="utf-8-sig", newline="") as text:
        yield text, binary.tell


# --- JSON details -----------------------------------------------------------------------------


def _check_header(name: str, line: int, header: dict[str, Any]) -> None:
    problem = check_format(header)
    if problem:
        raise ImportFileError(name, problem, line=line)


def _json_settings(name: str, line: int, value: Any) -> Iterator[Item]:
    if not isinstance(value, dict):
        raise ImportFileError(name, "'settings' must be an object of names and values.", line=line)
    for key, setting in value.items():
        try:
            parsed = read_setting({"key": key, "value": setting}, "json")
        except RecordError as exc:
            raise ImportFileError(name, exc.problem, line=line, field=f"settings.{key}") from None
        yield Item("settings", parsed, name, line)


_JSON_READERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "medications": lambda r: read_medication(r, "json"),
    "trackers": lambda r: read_tracker(r, "json"),
    "flare_episodes": lambda r: read_flare(r, "json"),
    "favourites": lambda r: read_favourite(r, "json"),
    "goals": lambda r: read_goal(r, "json"),
    "reminders": lambda r: read_reminder(r, "json"),
    "experiments": lambda r: read_experiment(r, "json"),
}


def _json_item(name: str, key: str, line: int, record: Any) -> Item:
    if not isinstance(record, dict):
        raise ImportFileError(name, f"each item of '{key}' must be an object.", line=line)
    try:
        if key == "entries":
            return Item("entries", _json_entry(record), name, line)
        return Item(key, _JSON_READERS[key](record), name, line)  # type: ignore[arg-type]
    except RecordError as exc:
        raise ImportFileError(name, exc.problem, line=line, field=exc.field) from None


_KINDS_BY_VALUE: dict[str, EntryKind] = {kind.value: kind for kind in EntryKind}


def _json_entry(record: dict[str, Any]) -> Any:
    raw_kind = record.get("kind")
    # A dict lookup: calling the enum costs more than reading some records.
    kind = _KINDS_BY_VALUE.get(raw_kind) if type(raw_kind) is str else None
    if kind is None:
        known = ", ".join(k.value for k in EntryKind)
        problem = f"{str(raw_kind)[:40]!r} is not a kind of entry ({known})."
        raise RecordError("kind", problem)
    # The record's fields, in their order, without its kind: the record was decoded for this
    # call alone, so it loses its kind in place rather than being copied.
    del record["kind"]
    return read_entry(kind, record, "json")


# --- CSV details ------------------------------------------------------------------------------

_CATALOGUE_FILES: dict[str, tuple[Section, tuple[Field, ...], Callable[[dict[str, Any]], Any]]] = {
    MEDICATIONS_FILE: ("medications", MEDICATION_FIELDS, lambda r: read_medication(r, "cell")),
    TRACKERS_FILE: ("trackers", TRACKER_FIELDS, lambda r: read_tracker(r, "cell")),
    FLARES_FILE: ("flare_episodes", FLARE_FIELDS, lambda r: read_flare(r, "cell")),
    FAVOURITES_FILE: ("favourites", FAVOURITE_FIELDS, lambda r: read_favourite(r, "cell")),
    GOALS_FILE: ("goals", GOAL_FIELDS, lambda r: read_goal(r, "cell")),
    REMINDERS_FILE: (
        "reminders",
        REMINDER_FIELDS + SCHEDULE_FIELDS,
        lambda r: read_reminder(r, "cell"),
    ),
    EXPERIMENTS_FILE: ("experiments", EXPERIMENT_FIELDS, lambda r: read_experiment(r, "cell")),
    SETTINGS_FILE: ("settings", SETTING_FIELDS, lambda r: read_setting(r, "cell")),
}
_ENTRY_FILE_KINDS = {filename: kind for kind, filename in ENTRY_FILES.items()}
CSV_FILE_ORDER: tuple[str, ...] = (
    CSV_MANIFEST,
    *_CATALOGUE_FILES,
    *(ENTRY_FILES[k] for k in EntryKind),
    CGM_FILE,
)


def _csv_files(path: Path) -> list[Path]:
    """The files to read, catalogue first, so references resolve in one pass."""
    if path.is_file():
        if path.name.lower() != CGM_FILE:
            _reader_for(path.name)  # an unknown file name is refused now, not half-way
        return [path]
    known = {p.name.lower(): p for p in path.iterdir() if p.is_file()}
    unknown = sorted(name for name in known if name.endswith(".csv") and name not in CSV_FILE_ORDER)
    if unknown:
        raise ImportFileError(
            unknown[0],
            "Interplay does not know this file; name CSV files after what they hold "
            "(for example glucose.csv, meal.csv; see the README).",
        )
    files = [known[name] for name in CSV_FILE_ORDER if name in known]
    if not any(p.name.endswith(".csv") for p in files):
        raise ImportFileError(path.name, "this folder holds no Interplay CSV files.")
    return files


def _check_manifest(path: Path) -> None:
    import json

    try:
        manifest = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise ImportFileError(path.name, f"it cannot be read ({exc}).") from None
    problem = (
        check_format(manifest, expected=("interplay-csv", FORMAT_NAME))
        if isinstance(manifest, dict)
        else "it must be a JSON object."
    )
    if problem:
        raise ImportFileError(path.name, problem)


def _reader_for(
    filename: str,
) -> tuple[Section, tuple[Field, ...], Callable[[dict[str, Any]], Any]]:
    name = filename.lower()
    if name in _CATALOGUE_FILES:
        return _CATALOGUE_FILES[name]
    kind = _ENTRY_FILE_KINDS.get(name)
    if kind is None:
        raise ImportFileError(
            filename,
            "Interplay cannot tell what this file holds; name it after a kind of "
            "entry (for example glucose.csv, meal.csv; see the README).",
        )
    found: EntryKind = kind
    return "entries", entry_fields(found), lambda r: read_entry(found, r, "cell")


def _sniff_delimiter(header_line: str) -> str:
    """Comma, or the semicolon or tab spreadsheets in some locales write instead."""
    if "," in header_line:
        return ","
    for candidate in (";", "\t"):
        if candidate in header_line:
            return candidate
    return ","


def _csv_file_items(path: Path) -> Iterator[tuple[Item, int]]:
    name = path.name
    section, spec, read = _reader_for(name)
    with _open_text(path, name) as (stream, counted):
        rows = _csv_rows(stream, name)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(name, "the file is empty (it needs at least the header line).")
        _, columns = header
        _check_columns(name, columns, spec)
        for line, cells in rows:
            if not any(c.strip() for c in cells):
                continue  # a blank line, as spreadsheets leave at the end
            if len(cells) != len(columns):
                raise ImportFileError(
                    name,
                    f"expected {len(columns)} values but found {len(cells)} "
                    "(a value with a comma in it needs quotes).",
                    line=line,
                )
            record = {column: cell_text(cell) for column, cell in zip(columns, cells, strict=True)}
            try:
                value = read(record)
            except RecordError as exc:
                raise ImportFileError(name, exc.problem, line=line, field=exc.field) from None
            yield Item(section, value, name, line), counted()


def _csv_rows(stream: IO[str], name: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each record, the line being where the record starts."""
    try:
        first = stream.readline()
    except UnicodeDecodeError as exc:
        raise _not_utf8(name, 1, exc) from None
    if not first.strip():
        if first == "":
            return
        raise ImportFileError(name, "the first line must name the columns.", line=1)
    delimiter = _sniff_delimiter(first)
    reader = csv.reader(_chain_first(first, stream), delimiter=delimiter, strict=True)
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise _not_utf8(name, reader.line_num + 1, exc) from None
        except csv.Error as exc:
            raise ImportFileError(name, csv_problem(exc), line=line) from None
        yield line, cells
        line = reader.line_num + 1


def _chain_first(first: str, stream: IO[str]) -> Iterator[str]:
    yield first
    yield from stream


def _not_utf8(name: str, line: int, exc: UnicodeDecodeError) -> ImportFileError:
    return ImportFileError(
        name,
        f"the file is not UTF-8 text (byte {exc.object[exc.start]:#04x}); "
        "save it as UTF-8 (CSV UTF-8 in spreadsheets) and try again.",
        line=line,
    )


def _check_columns(name: str, columns: list[str], spec: tuple[Field, ...]) -> None:
    known = {f.name for f in spec}
    seen: set[str] = set()
    for column in columns:
        if column not in known:
            expected = ", ".join(f.name for f in spec)
            raise ImportFileError(
                name,
                f"the column '{column}' is not one Interplay knows (expected: {expected}).",
                line=1,
            )
        if column in seen:
            raise ImportFileError(name, f"the column '{column}' appears twice.", line=1)
        seen.add(column)
    missing = [f.name for f in spec if f.required and f.name not in seen]
    if missing:
        raise ImportFileError(name, f"the column '{missing[0]}' is missing.", line=1)
