"""Export a journal's content as JSON or CSV, atomically: a file appears whole or not at all.

The services gather the content (``JournalContent``, entries as a stream) and call
``export_json`` or ``export_csv``. Output is written beside its destination under a temporary
name and renamed into place once complete, so a full disk or a crash never leaves a
half-written export that looks finished.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from journal import __version__
from journal.domain.entries import Entry, Favourite, FlareEpisode, Medication, Tracker
from journal.domain.experiments import SelfExperiment
from journal.domain.goals import Goal
from journal.domain.reminders import Reminder
from journal.io.csv_format import write_csv_folder
from journal.io.fields import (
    CGM_FILE,
    EXPERIMENTS_FILE,
    FAVOURITES_FILE,
    FLARES_FILE,
    GOALS_FILE,
    MEDICATIONS_FILE,
    REMINDERS_FILE,
    SETTINGS_FILE,
    TRACKERS_FILE,
)
from journal.io.json_format import FORMAT_NAME, FORMAT_VERSION, UNITS, JsonDocumentWriter
from journal.io.records import (
    References,
    entry_record,
    experiment_record,
    favourite_record,
    flare_record,
    goal_record,
    medication_record,
    reminder_record,
    tracker_record,
)

if TYPE_CHECKING:
    from journal.io.readings import ReadingChunk


class ExportError(ValueError):
    """An export could not be written; the message is for people."""


@dataclass
class JournalContent:
    """Everything an export holds; ``entries`` is read once, in export order."""

    exported_at: datetime
    settings: Mapping[str, Any]
    medications: Sequence[Medication]
    trackers: Sequence[Tracker]
    flares: Sequence[FlareEpisode]
    favourites: Sequence[Favourite]
    entries: Iterable[Entry]
    refs: References
    first: date | None = None
    last: date | None = None
    # Goals in the user's order; reminders the user set up (not those of medications).
    goals: Sequence[Goal] = ()
    reminders: Sequence[Reminder] = ()
    # Self-experiments, their reminders by uid (``refs.reminders``).
    experiments: Sequence[SelfExperiment] = ()
    # CGM readings (a stream, not entries), read once in time order, a chunk at a time.
    readings: Iterable[ReadingChunk] = ()

    def header(self) -> dict[str, Any]:
        return {
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "exported_at": self.exported_at.isoformat(),
            "range": {
                "from": self.first.isoformat() if self.first else None,
                "to": self.last.isoformat() if self.last else None,
            },
            "units": UNITS,
        }


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    format: Literal["json", "csv"]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def entries(self) -> int:
        return self.counts.get("entries", 0)

    @property
    def readings(self) -> int:
        return self.counts.get("cgm_readings", 0)


def export_json(content: JournalContent, out: Path) -> ExportSummary:
    """Write the whole content as one JSON document at ``out``."""
    counts: dict[str, int] = {}
    with _atomic_file(out) as part, part.open("w", encoding="utf-8", newline="\n") as handle:
        doc = JsonDocumentWriter(handle)
        doc.value("format", FORMAT_NAME)
        for key, value in content.header().items():
            doc.value(key, value)
        doc.value("settings", dict(content.settings))
        counts["medications"] = doc.array(
            "medications", (medication_record(m) for m in content.medications)
        )
        counts["trackers"] = doc.array("trackers", (tracker_record(t) for t in content.trackers))
        counts["flare_episodes"] = doc.array(
            "flare_episodes", (flare_record(f) for f in content.flares)
        )
        counts["favourites"] = doc.array(
            "favourites", (favourite_record(f) for f in content.favourites)
        )
        counts["goals"] = doc.array("goals", (goal_record(g, content.refs) for g in content.goals))
        counts["reminders"] = doc.array(
            "reminders", (reminder_record(r, content.refs) for r in content.reminders)
        )
        counts["experiments"] = doc.array(
            "experiments", (experiment_record(e, content.refs) for e in content.experiments)
        )
        entries = (
            {"uid": e.uid, "kind": e.kind.value} | entry_record(e, content.refs)
            for e in content.entries
        )
        counts["entries"] = doc.array("entries", entries)
        counts["cgm_readings"] = doc.array("cgm_readings", _reading_records(content.readings))
        doc.close()
        handle.flush()
        os.fsync(handle.fileno())
    counts["settings"] = len(content.settings)
    return ExportSummary(out, "json", counts)


def _reading_records(chunks: Iterable[ReadingChunk]) -> Iterator[dict[str, Any]]:
    from journal.io.readings import chunk_records

    for chunk in chunks:
        yield from chunk_records(chunk)


def export_csv(content: JournalContent, out: Path) -> ExportSummary:
    """Write the content as a folder of CSV files at ``out`` (new, or an empty folder)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(
            f"{out} already exists and is not an empty folder; choose a new folder name."
        )
    with _atomic_folder(out) as part:
        counts = write_csv_folder(
            part,
            header=content.header(),
            settings=content.settings,
            medications=content.medications,
            trackers=content.trackers,
            flares=content.flares,
            favourites=content.favourites,
            goals=content.goals,
            reminders=content.reminders,
            experiments=content.experiments,
            entries=content.entries,
            refs=content.refs,
            readings=content.readings,
        )
    counts["cgm_readings"] = counts.pop(CGM_FILE, 0)
    counts["entries"] = sum(v for k, v in counts.items() if k not in _CATALOGUE_FILES)
    return ExportSummary(out, "csv", counts)


_CATALOGUE_FILES = frozenset(
    {
        SETTINGS_FILE,
        MEDICATIONS_FILE,
        TRACKERS_FILE,
        FLARES_FILE,
        FAVOURITES_FILE,
        GOALS_FILE,
        REMINDERS_FILE,
        EXPERIMENTS_FILE,
        "cgm_readings",
    }
)


def _part_name(out: Path) -> Path:
    return out.with_name(f".{out.name}.part")


@contextlib.contextmanager
def _atomic_file(out: Path) -> Iterator[Path]:
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name for the JSON export.")
    part = _part_name(out)
    try:
        yield part
        part.replace(out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ExportError(_os_message(exc, out)) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _atomic_folder(out: Path) -> Iterator[Path]:
    part = _part_name(out)
    try:
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        yield part
        if out.exists():
            out.rmdir()  # known to be empty
        part.replace(out)
    except OSError as exc:
        shutil.rmtree(part, ignore_errors=True)
        raise ExportError(_os_message(exc, out)) from exc
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise


def _os_message(exc: OSError, out: Path) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return f"The disk is full: the export to {out} was not written. Free some space and retry."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Interplay may not write to {out.parent}. Choose another folder."
    return f"The export to {out} could not be written ({exc.strerror or exc})."
