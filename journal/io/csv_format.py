"""The CSV export: a folder with one UTF-8 file per kind, stable columns, units in the names.

Files and columns are listed by ``journal.io.fields.csv_table_markdown()`` (pasted in the
README). Every file is written, with its header, even when it has no rows, so a spreadsheet
or script can rely on the set of files. Lists are ``a; b`` (or a JSON array when a name holds
a ``;``), times ISO 8601 with their UTC offset, and empty cells mean "not recorded".
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from journal.domain.entries import Entry, Favourite, FlareEpisode, Medication, Tracker
from journal.domain.experiments import SelfExperiment
from journal.domain.goals import Goal
from journal.domain.reminders import Reminder
from journal.domain.vocabulary import EntryKind
from journal.io.csv_cells import safe_row
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
from journal.io.records import (
    References,
    entry_record,
    experiment_record,
    favourite_record,
    flare_record,
    goal_record,
    medication_record,
    reminder_record,
    setting_record,
    tracker_record,
)

if TYPE_CHECKING:
    from journal.io.readings import ReadingChunk

CSV_FORMAT_NAME = "interplay-csv"


def _open_csv(folder: Path, name: str, spec: tuple[Field, ...], stack: ExitStack) -> Any:
    # newline="" lets the csv module write \r\n line ends, as RFC 4180 and spreadsheets expect.
    handle: IO[str] = stack.enter_context((folder / name).open("w", encoding="utf-8", newline=""))
    writer = csv.DictWriter(handle, fieldnames=[f.name for f in spec])
    writer.writeheader()
    return writer


def write_csv_folder(
    folder: Path,
    *,
    header: Mapping[str, Any],
    settings: Mapping[str, Any],
    medications: Iterable[Medication],
    trackers: Iterable[Tracker],
    flares: Iterable[FlareEpisode],
    favourites: Iterable[Favourite],
    entries: Iterable[Entry],
    refs: References,
    goals: Iterable[Goal] = (),
    reminders: Iterable[Reminder] = (),
    experiments: Iterable[SelfExperiment] = (),
    readings: Iterable[ReadingChunk] = (),
) -> dict[str, int]:
    """Write every file into ``folder`` (which exists and is empty); returns rows per file."""
    counts: dict[str, int] = {}
    manifest = {"format": CSV_FORMAT_NAME, **header}
    (folder / CSV_MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    with ExitStack() as stack:
        plain: list[tuple[str, tuple[Field, ...], Iterable[dict[str, Any]]]] = [
            (
                SETTINGS_FILE,
                SETTING_FIELDS,
                (setting_record(k, v, "cell") for k, v in settings.items()),
            ),
            (
                MEDICATIONS_FILE,
                MEDICATION_FIELDS,
                (medication_record(m, "cell") for m in medications),
            ),
            (TRACKERS_FILE, TRACKER_FIELDS, (tracker_record(t, "cell") for t in trackers)),
            (FLARES_FILE, FLARE_FIELDS, (flare_record(f, "cell") for f in flares)),
            (FAVOURITES_FILE, FAVOURITE_FIELDS, (favourite_record(f, "cell") for f in favourites)),
            (GOALS_FILE, GOAL_FIELDS, (goal_record(g, refs, "cell") for g in goals)),
            (
                REMINDERS_FILE,
                REMINDER_FIELDS + SCHEDULE_FIELDS,
                (reminder_record(r, refs, "cell") for r in reminders),
            ),
            (
                EXPERIMENTS_FILE,
                EXPERIMENT_FIELDS,
                (experiment_record(e, refs, "cell") for e in experiments),
            ),
        ]
        for name, spec, records in plain:
            writer = _open_csv(folder, name, spec, stack)
            counts[name] = 0
            for record in records:
                writer.writerow(safe_row(record))
                counts[name] += 1
        writers = {
            kind: _open_csv(folder, ENTRY_FILES[kind], entry_fields(kind), stack)
            for kind in EntryKind
        }
        for kind in EntryKind:
            counts[ENTRY_FILES[kind]] = 0
        for entry in entries:
            writers[entry.kind].writerow(safe_row(entry_record(entry, refs, "cell")))
            counts[ENTRY_FILES[entry.kind]] += 1
    counts[CGM_FILE] = _write_readings(folder / CGM_FILE, readings)
    return counts


def _write_readings(path: Path, readings: Iterable[ReadingChunk]) -> int:
    from journal.io.readings import write_csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        return write_csv(handle, iter(readings))
