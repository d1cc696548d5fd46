"""Continuous glucose readings: import Dexcom and LibreView exports, undo an import, and the
metrics, AGP, daily traces and meal responses of any range.

Readings are a stream, not entries (``journal.store.cgm_models``). Every change here is
announced with ``Topic.CGM``, so only the views that show readings refresh. This module
loads no numpy: Today reads a day's readings through :meth:`CgmService.day` before numpy is
needed; everything else imports the heavy parts when first used.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.exc import SQLAlchemyError

from journal.analysis.cgm_day import CgmDay
from journal.domain.cgm import CgmFormat
from journal.domain.vocabulary import EntryKind
from journal.io.importer import NOTHING_IMPORTED, ImportFileError
from journal.services.cgm.day_cache import DayExtremesCache
from journal.services.cgm.target import glucose_target_range
from journal.services.day import read_cgm_day
from journal.services.errors import ImportCancelledError, ImportRefusedError, storage_fault
from journal.services.journal import JournalChange, JournalService, Topic
from journal.services.maintenance import MaintenanceService
from journal.services.undo import Command
from journal.services.zone import UserZone, zone_named
from journal.store import cgm_store
from journal.store.backup import BackupInfo
from journal.store.cgm_store import StoredImport
from journal.store.database import Database

if TYPE_CHECKING:
    from journal.analysis.cgm_metrics import Agp, CgmMetrics
    from journal.io.cgm.model import CgmFile
    from journal.services.cgm.importing import CgmPreview, Plan, RemovedImport
    from journal.services.cgm.report import GlucoseReport
    from journal.store.cgm_stream import DayExtremes, HistoricColumns

__all__ = [
    "CgmImportReport",
    "CgmService",
    "StoredImport",
    "glucose_target_range",
]

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
FormatChoice = Literal["auto", "dexcom", "libreview"]
_FORMATS: dict[str, CgmFormat] = {"dexcom": CgmFormat.CLARITY, "libreview": CgmFormat.LIBREVIEW}
# Ranges of readings kept in memory between requests (each at most ~25 bytes a reading).
_CACHED_RANGES = 6
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class CgmImportReport:
    """What importing a CGM export did."""

    path: Path
    format: CgmFormat
    import_id: int | None
    added: int
    present: int
    copies: int
    entries_added: int
    backup: BackupInfo | None = None
    warning: str | None = None
    """The preview's zone warning, if it had one (see ``CgmPreview.zone_warning``)."""

    def summary(self) -> str:
        """One sentence for the status bar or the command line."""
        if not self.added and not self.entries_added:
            return (
                f"Nothing new in {self.path.name}: its {self.present:,} readings were already "
                "in your journal."
            )
        text = f"Imported {self.added:,} CGM reading{'s' if self.added != 1 else ''}"
        if self.entries_added:
            text += f" and {self.entries_added:,} entries"
        text += f" from {self.path.name}"
        left = []
        if self.present:
            left.append(f"{self.present:,} already in your journal")
        if self.copies:
            left.append(f"{self.copies:,} copies of another device's readings")
        if left:
            text += f" ({' and '.join(left)} were left out)"
        return text + "."


class CgmService:
    """CGM readings of one open journal."""

    def __init__(
        self,
        db: Database,
        journal: JournalService,
        zone: UserZone,
        maintenance: MaintenanceService,
    ) -> None:
        self.db = db
        self.journal = journal
        self.user_zone = zone
        self.maintenance = maintenance
        self._lock = threading.Lock()
        self._ranges: OrderedDict[tuple[date, date], HistoricColumns] = OrderedDict()
        self._last_read: tuple[tuple[Any, ...], CgmFile] | None = None
        self._days = DayExtremesCache(self._read_day_extremes)
        journal.subscribe(self._on_change)

    # --- settings --------------------------------------------------------------------------

    def target_range(self) -> tuple[float, float]:
        """The person's target range in mg/dL (default 70-180)."""
        with self.db.reading() as session:
            return glucose_target_range(session)

    # --- importing -------------------------------------------------------------------------

    @staticmethod
    def detect(path: Path, fmt: str = "auto") -> CgmFormat | None:
        """The CGM format of the file at ``path``, or None when it is not a CGM export
        (then it is one of Interplay's own exports, or nothing importable)."""
        if fmt in _FORMATS:
            return _FORMATS[fmt]
        if fmt != "auto" or not path.is_file():
            return None
        from journal.io.cgm.detect import detect_file

        try:
            return detect_file(path)
        except ImportFileError:
            return None

    def zone_name(self, zone: tzinfo | None = None) -> str:
        chosen = zone or self.user_zone.zone()
        return str(getattr(chosen, "key", None) or chosen)

    def preview_file(
        self,
        path: Path,
        *,
        zone: tzinfo | None = None,
        fmt: FormatChoice = "auto",
        on_progress: Progress | None = None,
        should_cancel: CancelCheck | None = None,
    ) -> CgmPreview:
        """Read the export and compare it with the journal; writes nothing.

        ``zone`` is where the file's wall-clock times were lived (default: the user's).
        Raises ``ImportRefusedError`` naming line and column for a bad file.
        """
        return self._plan(path, zone, fmt, on_progress, should_cancel).preview

    def import_file(
        self,
        path: Path,
        *,
        zone: tzinfo | None = None,
        fmt: FormatChoice = "auto",
        with_entries: bool = False,
        on_progress: Progress | None = None,
        should_cancel: CancelCheck | None = None,
    ) -> CgmImportReport:
        """Import the export's new readings as one batch, all or nothing; a backup first.

        ``with_entries`` also adds the file's food and notes as journal entries. The import
        can be undone (Edit > Undo, or "undo this import" later).
        """
        from journal.services.cgm import importing

        plan = self._plan(path, zone, fmt, on_progress, should_cancel, share=0.4)
        preview = plan.preview
        if with_entries and preview.entry_problem:
            raise ImportRefusedError(ImportFileError(path.name, preview.entry_problem))
        entries = preview.entries_new if with_entries else 0
        if not preview.new and not entries:
            _finish(on_progress)
            return CgmImportReport(
                path,
                preview.format,
                None,
                0,
                preview.present,
                preview.copies,
                0,
                warning=preview.zone_warning,
            )
        backup = self.maintenance.safety_backup("before-import")

        def tick(done: int, total: int) -> None:
            _check_cancel(should_cancel)
            if on_progress is not None:
                on_progress(400 + 600 * done // max(total, 1), 1000)

        try:
            with self.db.transaction() as session:
                written = importing.write_plan(
                    session,
                    plan,
                    imported_at=self.journal.clock.now().astimezone(UTC).replace(tzinfo=None),
                    with_entries=with_entries,
                    tick=tick,
                )
        except (SQLAlchemyError, OSError) as exc:
            raise storage_fault(exc, self.maintenance.journal_path) from exc
        self._last_read = None
        _finish(on_progress)
        report = CgmImportReport(
            path,
            preview.format,
            written.import_id,
            written.readings,
            preview.present,
            preview.copies,
            written.entries,
            backup,
            preview.zone_warning,
        )
        text = f"Import {path.name}"
        self._record_import(text, written.import_id)
        self._announce(written.days, report.summary(), entries=written.entries > 0)
        return report

    def _plan(
        self,
        path: Path,
        zone: tzinfo | None,
        fmt: FormatChoice,
        on_progress: Progress | None,
        should_cancel: CancelCheck | None,
        share: float = 1.0,
    ) -> Plan:
        from journal.services.cgm import importing

        chosen = zone or self.user_zone.zone()
        if on_progress is not None:
            on_progress(0, 1000)
        file = self._read(path, chosen, fmt)
        _check_cancel(should_cancel)
        if on_progress is not None:
            on_progress(int(900 * share), 1000)
        try:
            with self.db.reading() as session:
                plan = importing.plan_file(
                    session, path, file, self.zone_name(chosen), self.journal.clock.now()
                )
        except SQLAlchemyError as exc:
            raise storage_fault(exc, self.maintenance.journal_path) from exc
        _check_cancel(should_cancel)
        if on_progress is not None:
            on_progress(int(1000 * share), 1000)
        return plan

    def _read(self, path: Path, zone: tzinfo, fmt: FormatChoice) -> CgmFile:
        """The file read (kept from the preview when the import asks for the same file)."""
        from journal.io.cgm.detect import read_cgm

        try:
            stat = path.stat()
        except OSError as exc:
            raise ImportRefusedError(
                ImportFileError(path.name, f"it cannot be opened ({exc.strerror}).")
            ) from None
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, self.zone_name(zone), fmt)
        kept = self._last_read
        if kept is not None and kept[0] == key:
            return kept[1]
        try:
            file = read_cgm(path, zone, fmt=_FORMATS.get(fmt))
        except ImportFileError as exc:
            raise ImportRefusedError(exc) from exc
        self._last_read = (key, file)
        return file

    def imports(self) -> list[StoredImport]:
        """Every CGM import, newest first."""
        with self.db.reading() as session:
            return cgm_store.imports(session)

    def undo_import(self, import_id: int) -> int:
        """Remove one import's readings (and the entries it made); returns the readings
        removed. The removal itself can be undone in this session (Edit > Undo)."""
        removed = self._remove(import_id)
        if removed is None:
            raise LookupError("This import is no longer in the journal.")
        text = f"Remove the import of {removed.batch.file}"

        def undo() -> None:
            self._restore(removed)
            self._announce(removed.days, f"Undo: {text}", entries=bool(removed.entries))

        def redo() -> None:
            self._remove(import_id)
            self._announce(removed.days, text, entries=bool(removed.entries))

        self.journal.undo_stack.push(Command(text, undo, redo))
        self._announce(
            removed.days,
            f"Removed {len(removed.readings):,} readings of {removed.batch.file}.",
            entries=bool(removed.entries),
        )
        return len(removed.readings)

    def _record_import(self, text: str, import_id: int) -> None:
        """Put the import on the undo stack: undo takes the batch out, redo puts it back."""
        kept: list[RemovedImport] = []

        def undo() -> None:
            removed = self._remove(import_id)
            if removed is None:
                return
            kept[:] = [removed]
            self._announce(removed.days, f"Undo: {text}", entries=bool(removed.entries))

        def redo() -> None:
            if kept:
                self._restore(kept[0])
                self._announce(kept[0].days, text, entries=bool(kept[0].entries))

        self.journal.undo_stack.push(Command(text, undo, redo))

    def _remove(self, import_id: int) -> RemovedImport | None:
        from journal.services.cgm import importing

        try:
            with self.db.transaction() as session:
                return importing.remove_import(session, import_id)
        except SQLAlchemyError as exc:
            raise storage_fault(exc, self.maintenance.journal_path) from exc

    def _restore(self, removed: RemovedImport) -> None:
        from journal.services.cgm import importing

        try:
            with self.db.transaction() as session:
                importing.restore_import(session, removed)
        except SQLAlchemyError as exc:
            raise storage_fault(exc, self.maintenance.journal_path) from exc

    def _announce(self, days: frozenset[date], text: str, *, entries: bool = False) -> None:
        kinds = (EntryKind.MEAL, EntryKind.NOTE) if entries else ()
        self.journal.announce(days, text, kinds=kinds, topics=[Topic.CGM])

    # --- reading ---------------------------------------------------------------------------

    def span(self) -> tuple[date, date] | None:
        """The first and last local day with readings; None when there are none."""
        with self.db.reading() as session:
            found = cgm_store.reading_days(session)
        if found is None:
            return None
        return _EPOCH + timedelta(days=found[0]), _EPOCH + timedelta(days=found[1])

    def count(self) -> int:
        with self.db.reading() as session:
            return cgm_store.count_readings(session)

    def day(self, day: date) -> CgmDay | None:
        """One day's trace, range and time in range (None without readings); no numpy."""
        with self.db.plain_reading() as connection:
            return read_cgm_day(connection, day)

    def days_with_readings(self, first: date, last: date) -> set[date]:
        with self.db.reading() as session:
            found = cgm_store.days_with_readings(
                session, (first - _EPOCH).days, (last - _EPOCH).days
            )
        return {_EPOCH + timedelta(days=d) for d in found}

    def historic(self, first: date, last: date) -> HistoricColumns:
        """The historic readings of local days first..last (kept until readings change)."""
        key = (first, last)
        with self._lock:
            if key in self._ranges:
                self._ranges.move_to_end(key)
                return self._ranges[key]
        from journal.services.cgm.report import historic_between

        with self.db.reading() as session:
            columns = historic_between(session, first, last)
        with self._lock:
            self._ranges[key] = columns
            while len(self._ranges) > _CACHED_RANGES:
                self._ranges.popitem(last=False)
        return columns

    def day_extremes(self, first: date, last: date) -> DayExtremes:
        """Each day's count, lowest and highest historic reading, days first..last (kept
        across imports and undos, which re-read only the days they touch)."""
        return self._days.get((first - _EPOCH).days, (last - _EPOCH).days)

    def _read_day_extremes(self, first_day: int, last_day: int) -> DayExtremes:
        from journal.store.cgm_stream import read_historic_day_extremes

        with self.db.reading() as session:
            return read_historic_day_extremes(session, first_day, last_day)

    def resolve(self, first: date | None, last: date | None) -> tuple[date, date] | None:
        """The days asked for, open ends closed at the first or last day with readings;
        None when the journal has no readings at all."""
        if first is not None and last is not None:
            return first, last
        span = self.span()
        if span is None:
            return None
        return first or span[0], last or span[1]

    def metrics(self, first: date | None, last: date | None) -> CgmMetrics | None:
        """The consensus metrics of the historic readings of days first..last (None: from
        the first, or to the last, day with readings)."""
        from journal.services.cgm.report import metrics_of

        days = self.resolve(first, last)
        if days is None:
            return None
        return metrics_of(self.historic(*days), self.target_range())

    def agp(self, first: date | None, last: date | None) -> Agp | None:
        from journal.services.cgm.report import agp_of

        days = self.resolve(first, last)
        return agp_of(self.historic(*days)) if days is not None else None

    def report(self, first: date, last: date) -> GlucoseReport:
        """Metrics, AGP, daily traces and meal responses of days first..last."""
        from journal.services.cgm.report import build_report

        wide = self.historic(first - timedelta(days=1), last + timedelta(days=1))
        with self.db.reading() as session:
            target = glucose_target_range(session)
            return build_report(session, first, last, target, wide=wide)

    def stats_json(self, first: date | None, last: date | None) -> dict[str, Any]:
        """The ``glucose-stats --json`` document of days first..last (all when None)."""
        from journal.services.cgm.report import stats_json

        days = self.resolve(first, last)
        if days is None:
            return stats_json(_empty(), self.target_range())
        return stats_json(self.historic(*days), self.target_range())

    def forget(self) -> None:
        """Drop the readings kept in memory (they are read again when next asked for)."""
        with self._lock:
            self._ranges.clear()
        self._days.forget()

    def _on_change(self, change: JournalChange) -> None:
        if change.everything or (Topic.CGM in change.topics and not change.days):
            self.forget()
        elif Topic.CGM in change.topics:
            with self._lock:
                self._ranges.clear()
            # An import or its undo names the days it touched: only those are read again.
            days = sorted(change.days)
            self._days.changed((days[0] - _EPOCH).days, (days[-1] - _EPOCH).days)


def _empty() -> HistoricColumns:
    from journal.store.cgm_stream import HistoricColumns

    return HistoricColumns.empty()


def _check_cancel(should_cancel: CancelCheck | None) -> None:
    if should_cancel is not None and should_cancel():
        raise ImportCancelledError(f"The import was cancelled. {NOTHING_IMPORTED}")


def _finish(on_progress: Progress | None) -> None:
    if on_progress is not None:
        on_progress(1000, 1000)


def zone_from_name(name: str) -> tzinfo | None:
    """The zone called ``name`` (IANA, e.g. "Europe/Berlin"), or None if there is none."""
    return zone_named(name)
