"""Exporting the journal: one JSON document, or a folder of CSV files, of any period."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from journal.domain.entries import Entry
from journal.io.export import ExportError, ExportSummary, JournalContent, export_csv, export_json
from journal.io.records import References
from journal.services.errors import DataError, ExportCancelledError, storage_fault
from journal.services.journal import JournalService
from journal.services.reminders import LAST_RUN_KEY, MUTED_MEDICATIONS_KEY, SNOOZED_KEY
from journal.store import bulk_read as bulk
from journal.store import experiment_repository as experiment_repo
from journal.store import goal_repository as goal_repo
from journal.store import repository as repo
from journal.store.database import Database
from journal.store.files import (
    JOURNAL_FILENAME,
    PRIVATE_FILE_MODE,
    PRIVATE_FOLDER_MODE,
    make_private,
)
from journal.store.space import ensure_room, file_bytes

# Settings that describe this computer's last run and pending snoozes (keyed by database ids):
# they mean nothing in another journal, so they are neither exported nor imported.
RUNTIME_SETTINGS = frozenset({LAST_RUN_KEY, SNOOZED_KEY})


class ExportService:
    """Exports of one open journal."""

    def __init__(self, data_dir: Path, db: Database, journal: JournalService) -> None:
        self.data_dir = data_dir
        self.db = db
        self.journal = journal

    def export_journal(
        self,
        out: Path,
        fmt: Literal["json", "csv"] = "json",
        first: date | None = None,
        last: date | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> ExportSummary:
        """Export everything (entries of the days in [first, last] if given) to ``out``.

        ``on_progress`` hears (entries written, entries in all); ``should_cancel`` may stop
        the export, and then nothing is left at ``out`` (``ExportCancelledError``).
        """
        if first is not None and last is not None and first > last:
            raise DataError(f"The period starts ({first}) after it ends ({last}).")
        # An export is about as large as the journal (JSON text against SQLite pages).
        journal = self.data_dir / JOURNAL_FILENAME
        ensure_room(out.parent, file_bytes(journal), "Nothing was exported")
        try:
            with self.db.reading() as session:
                content = self._content(session, first, last)
                content = replace(content, readings=_readings(session, first, last))
                if on_progress is not None or should_cancel is not None:
                    total = bulk.count_entries(session, first, last)
                    content = replace(
                        content,
                        entries=_watched(content.entries, total, on_progress, should_cancel),
                    )
                write = export_json if fmt == "json" else export_csv
                summary = write(content, out)
            _private_if_inside(out, self.data_dir)
            return summary
        except ExportError as exc:
            raise DataError(str(exc)) from exc
        except (SQLAlchemyError, OSError) as exc:
            raise storage_fault(exc, self.data_dir / JOURNAL_FILENAME) from exc

    def _content(self, session: Session, first: date | None, last: date | None) -> JournalContent:
        flares = bulk.all_flares(session)
        if first is not None or last is not None:
            low, high = first or date.min, last or date.max
            flares = [f for f in flares if f.start <= high and (f.end is None or f.end >= low)]
        refs = References(
            medications=bulk.uids_by_id(session, "medication"),
            trackers=bulk.uids_by_id(session, "tracker"),
            flares=bulk.uids_by_id(session, "flare"),
            reminders=bulk.uids_by_id(session, "reminder"),
        )
        return JournalContent(
            exported_at=self.journal.clock.now(),
            settings=_settings_for_export(bulk.all_settings(session), refs),
            medications=sorted(repo.medications(session), key=lambda m: (m.name, m.uid)),
            trackers=sorted(repo.trackers(session), key=lambda t: (t.name, t.uid)),
            flares=flares,
            favourites=sorted(
                repo.favourites(session), key=lambda f: (f.template.kind.value, f.name)
            ),
            entries=bulk.iter_entries(session, first, last),
            refs=refs,
            first=first,
            last=last,
            goals=goal_repo.goals(session),
            reminders=goal_repo.reminders(session),  # stored ones; not the medications'
            experiments=sorted(
                experiment_repo.experiments(session), key=lambda e: (e.start, e.uid)
            ),
        )


def _private_if_inside(out: Path, data_dir: Path) -> None:
    """An export written into the data folder is as private as the journal; one written
    elsewhere keeps the mode the person's system gives it."""
    try:
        inside = out.resolve().is_relative_to(data_dir.resolve())
    except OSError:
        return
    if not inside:
        return
    for path in [out, *out.rglob("*")] if out.is_dir() else [out]:
        make_private(path, PRIVATE_FOLDER_MODE if path.is_dir() else PRIVATE_FILE_MODE)


def _readings(session: Session, first: date | None, last: date | None) -> Iterator[Any]:
    """The CGM readings of the period, read a chunk at a time while the export is written
    (numpy is loaded only when there are readings to write)."""
    from journal.store.cgm_store import has_readings

    if not has_readings(session):
        return
    from journal.services.cgm.transfer import export_chunks

    yield from export_chunks(session, first, last)


def _watched(
    entries: Iterable[Entry],
    total: int,
    on_progress: Callable[[int, int], None] | None,
    should_cancel: Callable[[], bool] | None,
) -> Iterator[Entry]:
    """The entries, reporting progress and honouring a cancel every few hundred."""
    done = 0
    for done, entry in enumerate(entries):
        if done % 250 == 0:
            if should_cancel is not None and should_cancel():
                raise ExportCancelledError("The export was cancelled; nothing was written.")
            if on_progress is not None:
                on_progress(done, max(total, 1))
        yield entry
    if on_progress is not None:
        on_progress(max(total, 1), max(total, 1))


def _settings_for_export(settings: dict[str, Any], refs: References) -> dict[str, Any]:
    """The settings another journal can use: muted medications by uid, no runtime state."""
    found = {k: v for k, v in settings.items() if k not in RUNTIME_SETTINGS}
    muted = found.get(MUTED_MEDICATIONS_KEY)
    if isinstance(muted, list):
        uids = (refs.uid_of("medication", m) for m in muted if isinstance(m, int))
        found[MUTED_MEDICATIONS_KEY] = sorted(uid for uid in uids if uid)
    return found
