"""Importing an export: previewed, all or nothing, re-importing adds nothing.

Imports check the whole file first and count what would be added, then write inside ONE
transaction (from the checked records kept in memory, or reading the file again when it
is too large to keep). Any problem (a bad value, a missing reference, a full disk, a
cancel) rolls the transaction back, so the journal is exactly as it was. A backup is taken
before every import that adds something and before every restore.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from journal.domain.entries import (
    Entry,
    Favourite,
    FlareEpisode,
    Medication,
    Tracker,
    TrackerValue,
)
from journal.domain.errors import ValidationError
from journal.domain.goals import GoalError, validate_goal
from journal.domain.kinds import KINDS, label_of
from journal.domain.reminders import (
    ReminderAction,
    Schedule,
    ScheduleError,
    ScheduleKind,
    validate_schedule,
)
from journal.domain.validation import (
    entry_errors,
    tracker_value_errors,
    validate_flare,
    validate_medication,
    validate_tracker,
)
from journal.domain.vocabulary import EntryKind
from journal.io.fields import export_name
from journal.io.importer import NOTHING_IMPORTED, ImportFileError, ImportSource, Item, open_import
from journal.io.records import ParsedEntry, ParsedExperiment, ParsedGoal, ParsedReminder
from journal.services.collector import collector_paused
from journal.services.errors import ImportCancelledError, ImportRefusedError, storage_fault
from journal.services.exports import RUNTIME_SETTINGS
from journal.services.import_changes import (
    Changed,
    ChangedChoice,
    ChangedRecord,
    changed_error,
    changed_record_error,
    journal_comparable,
    kind_clash_error,
    repeated_error,
    same_linked,
    same_record,
)
from journal.services.import_changes import comparable as comparable_entry
from journal.services.import_experiments import (
    check_experiment,
    settle_reminders,
    write_experiment_updates,
    write_experiments,
)
from journal.services.journal import JournalService
from journal.services.maintenance import MaintenanceService
from journal.services.reminders import MAX_MESSAGE_CHARS, MUTED_MEDICATIONS_KEY
from journal.store import bulk_read as bulk
from journal.store import experiment_repository as experiment_repo
from journal.store import goal_repository as goal_repo
from journal.store import repository as repo
from journal.store.backup import BackupInfo
from journal.store.bulk_write import BulkWriter
from journal.store.database import Database
from journal.store.faults import read_only_error
from journal.store.files import with_sidecars
from journal.store.space import ensure_room, file_bytes

if TYPE_CHECKING:
    from journal.io.readings import ReadingChunk
    from journal.services.cgm.transfer import ChunkPlan

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
# A checked entry and the uids it refers to, as the check pass keeps it.
_Kept = tuple[Entry, dict[str, str]]
CancelCheck = Callable[[], bool]
BATCH = 500
# Distinct references to medications/trackers/flares not (yet) seen while checking a file.
MAX_PENDING_REFERENCES = 10_000
# Checked entries kept in memory between the two passes (ten years of a diary are ~50,000,
# about 40 MB kept; beyond this the file is read a second time, so memory stays bounded).
MAX_KEPT_ENTRIES = 100_000
# Up to this many entries in the journal, their uids are read once into a set rather than
# looked up batch by batch.
MAX_KNOWN_UIDS = 1_000_000
CATALOGUE_SECTIONS = (
    "medications",
    "trackers",
    "flare_episodes",
    "favourites",
    "goals",
    "reminders",
    "experiments",
    "settings",
)
SECTION_LABELS: dict[str, str] = {
    "medications": "Medications",
    "trackers": "Trackers",
    "flare_episodes": "Flares",
    "favourites": "Favourites",
    "goals": "Goals",
    "reminders": "Reminders",
    "experiments": "Self-experiments",
    "settings": "Settings",
    **{kind.value: label_of(kind) for kind in EntryKind},
    "cgm_readings": "CGM readings",
}
# How each section is counted in a sentence (entry kinds say it in the kind registry).
SECTION_PLURALS: dict[str, str] = {
    "medications": "medications",
    "trackers": "trackers",
    "flare_episodes": "flares",
    "favourites": "favourites",
    "goals": "goals",
    "reminders": "reminders",
    "experiments": "self-experiments",
    "settings": "settings",
    **{kind.value: spec.plural for kind, spec in KINDS.items()},
    "cgm_readings": "CGM readings",
}


def counted(count: int, plural: str) -> str:
    """ "3 meals", "1 meal", "1 night of sleep", "1,200 glucose readings"."""
    if count != 1:
        return f"{count:,} {plural}"
    head, of, tail = plural.partition(" of ")
    words = head.split(" ")
    if words[-1].endswith("s"):
        words[-1] = words[-1][:-1]
    return "1 " + " ".join(words) + of + tail


_TABLE_OF = {"medication": "medications", "tracker": "trackers", "flare": "flare_episodes"}
# A kind's value by a dict lookup: ``kind.value`` is a descriptor call, paid twice an entry.
_KIND_VALUES: dict[EntryKind, str] = {kind: kind.value for kind in EntryKind}
# Where a goal's rule points in the goal files (GoalError names the control).
_GOAL_FIELD_NAMES = {"tracker": "tracker_uid", "days": "days_per_period"}


def _ordered(counts: Counter[str]) -> dict[str, int]:
    order = [*CATALOGUE_SECTIONS, *(k.value for k in EntryKind), "cgm_readings"]
    return {key: counts[key] for key in order if counts.get(key)}


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do: counts per section (entry kinds by their value)."""

    path: Path
    format: str
    to_add: dict[str, int] = field(default_factory=dict)
    already_present: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    """Records whose uid is in the journal with other content (the person chooses)."""
    repeated: int = 0
    """Records the file holds twice, identically (each is added once)."""

    @property
    def total_to_add(self) -> int:
        return sum(self.to_add.values())

    @property
    def total_changed(self) -> int:
        return sum(self.changed.values())

    @property
    def total_present(self) -> int:
        return sum(self.already_present.values())

    def rows(self) -> list[tuple[str, int, int]]:
        """(label, to add, already present) per section, in a stable order."""
        return [(label, new, present) for _key, label, new, present in self.sections()]

    def sections(self) -> list[tuple[str, str, int, int]]:
        """(section key, label, to add, already present), in a stable order; the key is an
        entry kind's value or a catalogue's name ("medications")."""
        keys = [k for k in SECTION_LABELS if k in self.to_add or k in self.already_present]
        return [
            (k, SECTION_LABELS[k], self.to_add.get(k, 0), self.already_present.get(k, 0))
            for k in keys
        ]

    def new_phrases(self) -> list[str]:
        """What is new, largest first, as counted in a sentence ("312 meals", "1 flare")."""
        counts = [(n, k) for k, n in self.to_add.items() if n and k in SECTION_LABELS]
        ordered = sorted(counts, key=lambda c: -c[0])
        return [counted(n, SECTION_PLURALS.get(k, SECTION_LABELS[k].lower())) for n, k in ordered]

    def summary(self) -> str:
        """What is new and what is not, e.g. "New: 312 meals, 40 glucose readings and 2
        medications. 15 records already in your journal stay as they are." """
        phrases = self.new_phrases()
        present = self.total_present
        stay = "stays as it is" if present == 1 else "stay as they are"
        kept = f"{counted(present, 'records')} already in your journal {stay}"
        changed = self.total_changed
        differ = "differs" if changed == 1 else "differ"
        tail = f" {counted(changed, 'records')} in your journal {differ} from the file."
        tail = tail if changed else ""
        if not phrases:
            if changed:
                return ("Nothing new. " + (f"{kept}." if present else "")).strip() + tail
            return "Nothing new: " + (kept if present else "the file holds no records") + "."
        listed = ", ".join(phrases[:-1]) + " and " + phrases[-1] if phrases[1:] else phrases[0]
        return f"New: {listed}." + (f" {kept}." if present else "") + tail


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    path: Path
    format: str
    added: dict[str, int] = field(default_factory=dict)
    already_present: dict[str, int] = field(default_factory=dict)
    backup: BackupInfo | None = None
    updated: dict[str, int] = field(default_factory=dict)
    """Records in the journal replaced by the file's version (the person chose so)."""
    kept: int = 0
    """Records that differ from the file, kept as the journal has them."""
    repeated: int = 0
    """Records the file holds more than once, identically (added once)."""

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())

    def summary(self) -> str:
        """One sentence for the status bar or the command line, of what really happened."""
        added, updated = self.total_added, self.total_updated
        present = sum(self.already_present.values())
        notes = []
        if present:
            were = "was" if present == 1 else "were"
            notes.append(f"{present:,} already in your journal {were} left as they were")
        if self.kept:
            notes.append(f"{self.kept:,} that differ from the file kept your journal's version")
        if self.repeated:
            notes.append(f"{self.repeated:,} repeated in the file counted once")
        if not added and not updated:
            if not present and not self.kept:
                return f"Nothing imported from {self.path.name}: the file holds no records."
            text = f"Nothing new in {self.path.name}"
            return text + (f" ({'; '.join(notes)})." if notes else ".")
        parts = []
        if added:
            parts.append(f"Imported {added:,} record{'s' if added != 1 else ''}")
        if updated:
            verb = "updated" if added else "Updated"
            noun = f" record{'s' if updated != 1 else ''}" if not added else ""
            parts.append(f"{verb} {updated:,}{noun} with the file's version")
        text = " and ".join(parts) + f" from {self.path.name}"
        if notes:
            text += f" ({'; '.join(notes)})"
        return text + "."


@dataclass
class _Plan:
    """What the checking pass learnt: the small sections whole, entries only as counts."""

    medications: dict[str, Medication] = field(default_factory=dict)
    trackers: dict[str, Tracker] = field(default_factory=dict)
    flares: dict[str, FlareEpisode] = field(default_factory=dict)
    favourites: dict[tuple[str, str], Favourite] = field(default_factory=dict)
    # Goals and reminders by uid, each as its (checked) Item, so errors can name the line.
    goals: dict[str, Item] = field(default_factory=dict)
    reminders: dict[str, Item] = field(default_factory=dict)
    experiments: dict[str, Item] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    to_add: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)
    pending: dict[tuple[str, str], Item] = field(default_factory=dict)
    entries: list[tuple[Item, Entry]] | None = field(default_factory=list)
    """The checked entries, kept so the write pass need not read and check the file again;
    None once the file holds more than ``MAX_KEPT_ENTRIES`` (then it is read again)."""
    readings: list[ReadingChunk] = field(default_factory=list)
    """CGM readings as columns (about 30 bytes a reading: kept, never read twice)."""
    reading_plan: ChunkPlan | None = None
    seen: dict[str, tuple[str, int | None, int | _Kept]] = field(default_factory=dict)
    """Each entry uid met in the file: where first, and a fingerprint of its content (or,
    while the entries are kept anyway, the entry itself: fingerprinted only if its uid comes
    again, as most never do)."""
    catalogue_lines: dict[tuple[str, Any], tuple[str, int | None]] = field(default_factory=dict)
    repeated: int = 0
    changed: list[Changed] = field(default_factory=list)
    changed_records: list[ChangedRecord] = field(default_factory=list)
    changed_counts: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _InJournal:
    """What the checking pass needs to know of the journal: its medication, tracker and
    flare uids, its trackers, and its entry uids (None: too many, look up by batch)."""

    uids: dict[str, set[str]]
    trackers: dict[str, Tracker]
    entry_uids: set[str] | None
    uid_maps: dict[str, dict[int, str]] = field(default_factory=dict)
    """id -> uid of medications, trackers and flares, to compare entries that refer to them."""


class _Progress:
    """Reports bytes read over both passes as one bar, and honours a cancel request."""

    def __init__(
        self,
        source: ImportSource,
        on_progress: ProgressCallback | None,
        should_cancel: CancelCheck | None,
        passes: int,
    ) -> None:
        self._source = source
        self._on_progress = on_progress
        self._should_cancel = should_cancel
        self._total = max(1, source.total_bytes) * passes
        self._offset = 0

    @property
    def heard(self) -> bool:
        """Whether anyone listens or may cancel (else a tick per entry is time for nothing)."""
        return self._on_progress is not None or self._should_cancel is not None

    def next_pass(self) -> None:
        self._offset += max(1, self._source.total_bytes)

    def tick(self) -> None:
        if self._should_cancel is not None and self._should_cancel():
            raise ImportCancelledError(f"The import was cancelled. {NOTHING_IMPORTED}")
        if self._on_progress is not None:
            done = min(self._offset + self._source.bytes_read, self._total)
            self._on_progress(done, self._total)

    def tick_within_pass(self, done: int, total: int) -> None:
        """Progress through a pass that works from memory rather than the file."""
        if self._should_cancel is not None and self._should_cancel():
            raise ImportCancelledError(f"The import was cancelled. {NOTHING_IMPORTED}")
        if self._on_progress is not None:
            span = max(1, self._source.total_bytes)
            done_bytes = self._offset + (span * done) // max(1, total)
            self._on_progress(min(done_bytes, self._total), self._total)

    def finish(self) -> None:
        if self._on_progress is not None:
            self._on_progress(self._total, self._total)


class _EntryWriter:
    """The write pass over entries: references resolved to ids, then the bulk writer.

    Entries already in the journal, or met earlier in the same file, are counted as
    present and not written again.
    """

    def __init__(
        self, session: Session, ids: dict[str, dict[str, int]], trackers: dict[str, Tracker]
    ) -> None:
        self._session = session
        self._ids = ids
        self._trackers = trackers
        self._bulk = BulkWriter(session)
        self._journal_uids = bulk.entry_uids(session, MAX_KNOWN_UIDS)
        self._written: set[str] = set()
        self.added: Counter[str] = Counter()
        self.present: Counter[str] = Counter()
        self.repeated = 0

    def write(self, batch: list[Item], now: datetime) -> None:
        """Check and write entries read from the file."""
        checked = []
        for item in batch:
            parsed: ParsedEntry = item.value
            tracker = self._trackers.get(parsed.references.get("tracker") or "")
            checked.append((item, _check_entry(item, parsed.entry, now, tracker)))
        self.write_checked(checked)

    def write_checked(
        self, batch: list[tuple[Item, Entry]], tick: Callable[[int], None] | None = None
    ) -> None:
        """Write entries the checking pass has already checked (with their file item);
        ``tick`` hears how many of the batch are done (and may cancel)."""
        if not batch:
            return
        in_journal = self._journal_uids
        if in_journal is None:
            uids = [entry.uid for _item, entry in batch]
            in_journal = set(bulk.ids_by_uid(self._session, "entry", uids))
        wanted: dict[str, set[str]] = {}
        for item, _entry in batch:
            for target, uid in item.value.references.items():
                known = self._ids.get(target)
                if known is not None and uid not in known:
                    wanted.setdefault(target, set()).add(uid)
        for target, missing in wanted.items():
            self._ids[target].update(bulk.ids_by_uid(self._session, target, missing))
        for done, (item, entry) in enumerate(batch):
            if tick is not None:
                tick(done)
            kind = _KIND_VALUES[entry.kind]
            if entry.uid in self._written:
                self.repeated += 1
                continue
            if entry.uid in in_journal:
                self.present[kind] += 1
                continue
            self._bulk.add_entry(entry, _row_ids(item, entry, self._ids))
            self._written.add(entry.uid)
            self.added[kind] += 1

    def flush(self) -> None:
        self._bulk.flush()


class ImportService:
    """Imports into one open journal: previewed, all or nothing, a backup first."""

    def __init__(
        self, db: Database, journal: JournalService, maintenance: MaintenanceService
    ) -> None:
        self.db = db
        self.journal = journal
        self.maintenance = maintenance

    def _announce(self, description: str) -> None:
        self.journal.announce([], description)

    def preview_import(
        self,
        path: Path,
        fmt: Literal["auto", "json", "csv"] = "auto",
        on_progress: ProgressCallback | None = None,
        should_cancel: CancelCheck | None = None,
    ) -> ImportPreview:
        """Check the whole file and count what an import would add; writes nothing."""
        source = self._open(path, fmt)
        progress = _Progress(source, on_progress, should_cancel, passes=1)
        with collector_paused():
            plan = self._plan(source, progress)
        progress.finish()
        return ImportPreview(
            path,
            source.format,
            _ordered(plan.to_add),
            _ordered(plan.present),
            _ordered(plan.changed_counts),
            plan.repeated,
        )

    def import_journal(
        self,
        path: Path,
        fmt: Literal["auto", "json", "csv"] = "auto",
        on_progress: ProgressCallback | None = None,
        should_cancel: CancelCheck | None = None,
        changed: ChangedChoice = "refuse",
    ) -> ImportReport:
        """Import a JSON or CSV export, all or nothing; re-importing adds nothing.

        ``changed`` says what to do with entries whose uid is in the journal with other
        content: refuse the file (naming the first), keep the journal's, or take the file's.
        Raises ``ImportRefusedError`` (file, line, field, problem) for bad input,
        ``ImportCancelledError`` if ``should_cancel`` said so, another ``JournalError`` for a
        storage fault; in every case the journal is unchanged.
        """
        with collector_paused():
            return self._import(path, fmt, on_progress, should_cancel, changed)

    def _import(
        self,
        path: Path,
        fmt: Literal["auto", "json", "csv"],
        on_progress: ProgressCallback | None,
        should_cancel: CancelCheck | None,
        changed: ChangedChoice,
    ) -> ImportReport:
        journal_path = self.maintenance.journal_path
        if self.db.read_only:  # said before the file is read, not after a long check
            raise read_only_error(journal_path.parent)
        # The safety backup (the journal's size) and the new rows (about the file's size).
        ensure_room(
            journal_path.parent,
            file_bytes(*with_sidecars(journal_path)) + file_bytes(path),
            "Nothing was imported",
        )
        source = self._open(path, fmt)
        progress = _Progress(source, on_progress, should_cancel, passes=2)
        plan = self._plan(source, progress)
        count = len(plan.changed) + len(plan.changed_records)
        if count and changed == "refuse":
            if plan.changed_records:
                first = plan.changed_records[0]
                raise ImportRefusedError(changed_record_error(first, count))
            raise ImportRefusedError(changed_error(plan.changed[0], count))
        updates = plan.changed if changed == "update" else []
        record_updates = plan.changed_records if changed == "update" else []
        kept = count - len(updates) - len(record_updates)
        progress.next_pass()
        if not sum(plan.to_add.values()) and not updates and not record_updates:
            progress.finish()
            return ImportReport(
                path, source.format, {}, _ordered(plan.present), kept=kept, repeated=plan.repeated
            )
        backup = self.maintenance.safety_backup("before-import")
        try:
            with self.db.transaction() as session:
                updated = _write_record_updates(session, record_updates)
                added, present = self._write(session, source, plan, progress)
                # After the file's reminders, so an updated experiment finds its reminder.
                updated.update(write_experiment_updates(session, record_updates))
                updated.update(_write_updates(session, updates))
        except ImportFileError as exc:
            raise ImportRefusedError(exc) from exc
        except (SQLAlchemyError, OSError) as exc:
            raise storage_fault(exc, self.maintenance.journal_path) from exc
        progress.finish()
        # Counted by the checking pass: changed ones are not "present".
        for section in (
            *(kind.value for kind in EntryKind),
            *_TABLE_OF.values(),
            "goals",
            "reminders",
            "experiments",
        ):
            present[section] = plan.present[section]
        report = ImportReport(
            path,
            source.format,
            _ordered(added),
            _ordered(present),
            backup,
            updated=_ordered(updated),
            kept=kept,
            repeated=plan.repeated,
        )
        self._announce(report.summary())
        return report

    def _open(self, path: Path, fmt: Literal["auto", "json", "csv"]) -> ImportSource:
        try:
            return open_import(path, fmt)
        except ImportFileError as exc:
            raise ImportRefusedError(exc) from exc

    def _plan(self, source: ImportSource, progress: _Progress) -> _Plan:
        plan = _Plan()
        try:
            with self.db.reading() as session:
                known = {t: bulk.uids_by_id(session, t) for t in _TABLE_OF}
                known_uids = {t: set(m.values()) for t, m in known.items()}
                journal = _InJournal(
                    known_uids,
                    {t.uid: t for t in repo.trackers(session)},
                    bulk.entry_uids(session, MAX_KNOWN_UIDS),
                    known,
                )
                batch: list[Item] = []
                for item in source.items():
                    progress.tick()
                    if item.section == "cgm_readings":
                        plan.readings.append(item.value)
                        continue
                    if item.section != "entries":
                        self._plan_catalogue(plan, item)
                        continue
                    batch.append(item)
                    if len(batch) >= BATCH:
                        self._plan_entries(session, plan, batch, journal)
                        batch.clear()
                self._plan_entries(session, plan, batch, journal)
                self._plan_links(plan, known_uids)
                settle_reminders(session, plan.experiments, plan.reminders)
                self._plan_catalogue_presence(session, plan)
                self._plan_readings(session, plan)
        except ImportFileError as exc:
            raise ImportRefusedError(exc) from exc
        except SQLAlchemyError as exc:
            raise storage_fault(exc, self.maintenance.journal_path) from exc
        for (target, uid), item in plan.pending.items():
            if uid not in _catalogue_uids(plan, target):
                raise ImportRefusedError(_missing_reference(item, target, uid))
        return plan

    def _plan_readings(self, session: Session, plan: _Plan) -> None:
        if not plan.readings:
            return
        from journal.services.cgm.transfer import plan_chunks

        plan.reading_plan = plan_chunks(session, plan.readings)
        plan.to_add["cgm_readings"] += plan.reading_plan.to_add
        plan.present["cgm_readings"] += plan.reading_plan.present

    def _plan_catalogue(self, plan: _Plan, item: Item) -> None:
        value = item.value
        try:
            if isinstance(value, Medication):
                validate_medication(value)
                _keep_once(plan, item, "medications", value.uid, value, plan.medications)
            elif isinstance(value, Tracker):
                validate_tracker(value)
                _keep_once(plan, item, "trackers", value.uid, value, plan.trackers)
            elif isinstance(value, FlareEpisode):
                validate_flare(value)
                _keep_once(plan, item, "flare_episodes", value.uid, value, plan.flares)
            elif isinstance(value, Favourite):
                key = (value.template.kind.value, value.name)
                _keep_once(plan, item, "favourites", key, value, plan.favourites)
            elif isinstance(value, ParsedGoal):
                goal = item._replace(value=_check_goal(item, value))
                _keep_once(plan, item, "goals", goal.value.goal.uid, goal, plan.goals)
            elif isinstance(value, ParsedReminder):
                reminder = item._replace(value=_check_reminder(item, value))
                uid = reminder.value.reminder.uid
                _keep_once(plan, item, "reminders", uid, reminder, plan.reminders)
            elif isinstance(value, ParsedExperiment):
                experiment = item._replace(value=check_experiment(item, value))
                uid = experiment.value.experiment.uid
                _keep_once(plan, item, "experiments", uid, experiment, plan.experiments)
            elif value[0] not in RUNTIME_SETTINGS:
                key, setting = value
                _keep_once(plan, item, "settings", key, setting, plan.settings)
        except ValidationError as exc:
            first = exc.errors[0]
            raise ImportFileError(
                item.file, first.message, line=item.line, field=first.field
            ) from None

    def _plan_links(self, plan: _Plan, known_uids: dict[str, set[str]]) -> None:
        """Every tracker or medication a goal or reminder names is in the file or journal."""
        for item in (*plan.goals.values(), *plan.reminders.values()):
            for target, uid in item.value.references.items():
                if uid not in known_uids[target] and uid not in _catalogue_uids(plan, target):
                    raise _missing_reference(item, target, uid)

    def _plan_catalogue_presence(self, session: Session, plan: _Plan) -> None:
        in_journal: dict[str, dict[str, Any]] = {
            "medications": {m.uid: m for m in repo.medications(session)}
            if plan.medications
            else {},
            "trackers": {t.uid: t for t in repo.trackers(session)} if plan.trackers else {},
            "flare_episodes": {f.uid: f for f in bulk.all_flares(session)} if plan.flares else {},
            "goals": {g.uid: g for g in goal_repo.goals(session)} if plan.goals else {},
            "reminders": {r.uid: r for r in goal_repo.reminders(session)} if plan.reminders else {},
            "experiments": {e.uid: e for e in experiment_repo.experiments(session)}
            if plan.experiments
            else {},
        }
        uids = (
            {t: bulk.uids_by_id(session, t) for t in ("tracker", "medication", "reminder")}
            if plan.goals or plan.reminders or plan.experiments
            else {}
        )
        links = {
            "goals": ("tracker", "tracker_id"),
            "reminders": ("medication", "medication_id"),
            "experiments": ("reminder", "reminder_id"),
        }
        for section, table, uids_in_file in (
            ("medications", "medication", plan.medications),
            ("trackers", "tracker", plan.trackers),
            ("flare_episodes", "flare", plan.flares),
            ("goals", "goal", plan.goals),
            ("reminders", "reminder", plan.reminders),
            ("experiments", "experiment", plan.experiments),
        ):
            existing = bulk.ids_by_uid(session, table, uids_in_file)
            plan.to_add[section] += len(uids_in_file) - len(existing)
            mine = in_journal.get(section)
            for uid in existing:
                theirs: Any = uids_in_file[uid]
                link = links.get(section)
                if mine is None or uid not in mine:
                    plan.present[section] += 1
                    continue
                if link is None:
                    same = same_record(mine[uid], theirs)
                else:
                    same = same_linked(mine[uid], theirs, uids, *link)
                if same:
                    plan.present[section] += 1
                    continue
                file, line = plan.catalogue_lines[(section, uid)]
                plan.changed_counts[section] += 1
                plan.changed_records.append(
                    ChangedRecord(section, theirs, existing[uid], file, line)
                )
        favourites = bulk.favourite_keys(session)
        present = sum(1 for key in plan.favourites if key in favourites)
        plan.present["favourites"] += present
        plan.to_add["favourites"] += len(plan.favourites) - present
        settings = bulk.setting_keys(session)
        present = sum(1 for key in plan.settings if key in settings)
        plan.present["settings"] += present
        plan.to_add["settings"] += len(plan.settings) - present

    def _plan_entries(
        self,
        session: Session,
        plan: _Plan,
        batch: list[Item],
        journal: _InJournal,
    ) -> None:
        if not batch:
            return
        known_uids, db_trackers = journal.uids, journal.trackers
        existing = journal.entry_uids
        if existing is None:
            wanted = (i.value.entry.uid for i in batch)
            existing = set(bulk.ids_by_uid(session, "entry", wanted))
        in_journal: list[tuple[Item, Entry, tuple[Any, ...]]] = []
        now = self.journal.clock.now()  # once a batch: a second or two apart at most
        seen = plan.seen
        for item in batch:
            parsed: ParsedEntry = item.value
            references = parsed.references
            tracker: Tracker | None = None
            if references:
                for target, uid in references.items():
                    if uid not in known_uids[target] and uid not in _catalogue_uids(plan, target):
                        if len(plan.pending) >= MAX_PENDING_REFERENCES:
                            raise _missing_reference(item, target, uid)
                        plan.pending.setdefault((target, uid), item)
                tracker_uid = references.get("tracker") or ""
                tracker = plan.trackers.get(tracker_uid) or db_trackers.get(tracker_uid)
            checked = _check_entry(item, parsed.entry, now, tracker)
            uid = checked.uid
            first = seen.get(uid)
            if first is not None:
                if _fingerprint(first[2]) != hash(comparable_entry(checked, references)):
                    raise repeated_error(item, uid, first[0], first[1])
                plan.repeated += 1
                continue
            if uid in existing:
                key = comparable_entry(checked, references)
                seen[uid] = (item.file, item.line, hash(key))
                in_journal.append((item, checked, key))
                continue
            plan.to_add[_KIND_VALUES[checked.kind]] += 1
            kept = plan.entries
            if kept is not None and len(kept) < MAX_KEPT_ENTRIES:
                kept.append((item, checked))
                seen[uid] = (item.file, item.line, (checked, references))
                continue
            if kept is not None:  # too many to keep: fingerprint the ones met so far
                plan.entries = None
                for met, (file, line, mark) in seen.items():
                    seen[met] = (file, line, _fingerprint(mark))
            seen[uid] = (item.file, item.line, hash(comparable_entry(checked, references)))
        self._compare_with_journal(session, plan, in_journal, journal)

    def _compare_with_journal(
        self,
        session: Session,
        plan: _Plan,
        batch: list[tuple[Item, Entry, tuple[Any, ...]]],
        journal: _InJournal,
    ) -> None:
        """Entries of the file whose uid is in the journal: the same (present) or changed."""
        if not batch:
            return
        ids = bulk.ids_by_uid(session, "entry", (entry.uid for _item, entry, _key in batch))
        stored = {e.uid: e for e in repo.entries_by_ids(session, list(ids.values()))}
        for item, entry, theirs in batch:
            kind = entry.kind.value
            mine = stored.get(entry.uid)
            if mine is None:  # defensive: counted as present, as before
                plan.present[kind] += 1
                continue
            if mine.kind is not entry.kind:
                raise kind_clash_error(item, entry.uid, mine, entry)
            if journal_comparable(mine, journal.uid_maps) == theirs:
                plan.present[kind] += 1
                continue
            plan.changed_counts[kind] += 1
            assert mine.id is not None
            plan.changed.append(Changed(item, entry, mine.id))

    def _write(
        self, session: Session, source: ImportSource, plan: _Plan, progress: _Progress
    ) -> tuple[Counter[str], Counter[str]]:
        added: Counter[str] = Counter()
        present: Counter[str] = Counter()
        ids = self._write_catalogue(session, plan, added, present)
        writer = _EntryWriter(session, ids, {t.uid: t for t in repo.trackers(session)})
        kept = plan.entries
        if kept is not None:  # checked in the first pass: no need to read the file again
            for start in range(0, len(kept), BATCH):

                def tick(done: int, start: int = start) -> None:
                    progress.tick_within_pass(start + done, len(kept))

                writer.write_checked(kept[start : start + BATCH], tick if progress.heard else None)
        else:
            batch: list[Item] = []
            for item in source.items():
                progress.tick()
                if item.section != "entries":
                    continue
                batch.append(item)
                if len(batch) >= BATCH:
                    writer.write(batch, self.journal.clock.now())
                    batch.clear()
            writer.write(batch, self.journal.clock.now())
        writer.flush()
        added.update(writer.added)
        present.update(writer.present)
        self._write_readings(session, source, plan, added, present)
        return added, present

    def _write_readings(
        self,
        session: Session,
        source: ImportSource,
        plan: _Plan,
        added: Counter[str],
        present: Counter[str],
    ) -> None:
        """The export's CGM readings as one import batch ("undo this import" removes it)."""
        readings = plan.reading_plan
        if readings is None:
            return
        present["cgm_readings"] += readings.present
        if not readings.to_add:
            return
        from journal.services.cgm.transfer import write_chunks

        imported_at = self.journal.clock.now().astimezone(UTC).replace(tzinfo=None)
        written = write_chunks(
            session, readings, file=source.path.name, fmt=source.format, imported_at=imported_at
        )
        added["cgm_readings"] += written.readings

    def _write_catalogue(
        self, session: Session, plan: _Plan, added: Counter[str], present: Counter[str]
    ) -> dict[str, dict[str, int]]:
        ids: dict[str, dict[str, int]] = {}
        savers: dict[str, Callable[[Any], int]] = {
            "medication": lambda v: repo.save_medication(session, replace(v, id=None)),
            "tracker": lambda v: repo.save_tracker(session, replace(v, id=None)),
            "flare": lambda v: repo.save_flare(session, replace(v, id=None)),
        }
        for target, records in (
            ("medication", plan.medications),
            ("tracker", plan.trackers),
            ("flare", plan.flares),
        ):
            section = _TABLE_OF[target]
            existing = bulk.ids_by_uid(session, target, records)
            present[section] += len(existing)
            for uid, record in records.items():
                if uid not in existing:
                    existing[uid] = savers[target](record)
                    added[section] += 1
            ids[target] = existing
        favourites = bulk.favourite_keys(session)
        for key, favourite in plan.favourites.items():
            if key in favourites:
                present["favourites"] += 1
            else:
                repo.save_favourite(session, favourite)
                added["favourites"] += 1
        self._write_links(session, plan, ids, added, present)
        muted = plan.settings.get(MUTED_MEDICATIONS_KEY)
        if isinstance(muted, list):  # muted medications may be in the journal, not the file
            wanted = {uid for uid in muted if isinstance(uid, str)} - set(ids["medication"])
            ids["medication"].update(bulk.ids_by_uid(session, "medication", wanted))
        settings = bulk.setting_keys(session)
        for name, value in plan.settings.items():
            if name in settings:
                present["settings"] += 1
            else:
                repo.put_setting(session, name, _setting_for_import(name, value, ids))
                added["settings"] += 1
        session.flush()
        return ids

    def _write_links(
        self,
        session: Session,
        plan: _Plan,
        ids: dict[str, dict[str, int]],
        added: Counter[str],
        present: Counter[str],
    ) -> None:
        """Goals (appended in file order) and reminders, their references resolved to ids."""
        for target in ("medication", "tracker"):
            wanted = {
                uid
                for item in (*plan.goals.values(), *plan.reminders.values())
                for t, uid in item.value.references.items()
                if t == target and uid not in ids[target]
            }
            ids[target].update(bulk.ids_by_uid(session, target, wanted))
        today = self.journal.clock.now().date()
        existing = bulk.ids_by_uid(session, "goal", plan.goals)
        for uid, item in plan.goals.items():
            if uid in existing:
                present["goals"] += 1
                continue
            parsed: ParsedGoal = item.value
            tracker = _resolve_link(item, parsed.references, ids, "tracker")
            goal = replace(parsed.goal, id=None, tracker_id=tracker or parsed.goal.tracker_id)
            goal_repo.save_goal(session, goal, created=today)
            added["goals"] += 1
        existing = bulk.ids_by_uid(session, "reminder", plan.reminders)
        for uid, item in plan.reminders.items():
            if uid in existing:
                present["reminders"] += 1
                continue
            stored: ParsedReminder = item.value
            medication = _resolve_link(item, stored.references, ids, "medication")
            reminder = replace(
                stored.reminder,
                id=None,
                medication_id=medication or stored.reminder.medication_id,
            )
            goal_repo.save_reminder(session, reminder)
            added["reminders"] += 1
        session.flush()
        write_experiments(session, plan.experiments, added, present)


def _keep_once(
    plan: _Plan, item: Item, section: str, key: Any, value: Any, kept: dict[Any, Any]
) -> None:
    """Keep a catalogue record once; the same key again must carry the same content."""
    if key not in kept:
        kept[key] = value
        plan.catalogue_lines[(section, key)] = (item.file, item.line)
        return
    first = kept[key]
    same = first.value == value.value if isinstance(value, Item) else first == value
    if same:
        plan.repeated += 1
        return
    file, line = plan.catalogue_lines[(section, key)]
    shown = key if isinstance(key, str) else key[-1]
    raise repeated_error(item, str(shown), file, line, what=_KEY_WORDS.get(section, "uid"))


_KEY_WORDS = {"favourites": "name", "settings": "setting"}


def _write_record_updates(session: Session, updates: list[ChangedRecord]) -> Counter[str]:
    """Replace medications, trackers and flares by the file's versions (the person chose)."""
    updated: Counter[str] = Counter()
    links = [change.value for change in updates if isinstance(change.value, Item)]
    ids = {
        target: bulk.ids_by_uid(
            session, target, {u for i in links if (u := i.value.references.get(target))}
        )
        for target in ("tracker", "medication")
    }
    for change in updates:
        if change.section == "experiments":
            continue  # written once the file's reminders are in (write_experiment_updates)
        if isinstance(change.value, Item):
            _update_link(session, change, ids)
            updated[change.section] += 1
            continue
        value = replace(change.value, id=change.journal_id)
        if isinstance(value, Medication):
            repo.save_medication(session, value)
        elif isinstance(value, Tracker):
            repo.save_tracker(session, value)
        else:
            repo.save_flare(session, value)
        updated[change.section] += 1
    return updated


def _update_link(session: Session, change: ChangedRecord, ids: dict[str, dict[str, int]]) -> None:
    """A goal or reminder replaced by the file's version, its tracker or medication by id."""
    item = change.value
    parsed = item.value
    if isinstance(parsed, ParsedGoal):
        tracker = _resolve_link(item, parsed.references, ids, "tracker")
        goal = replace(parsed.goal, id=change.journal_id, tracker_id=tracker)
        goal_repo.save_goal(session, goal, created=date.today())
        return
    medication = _resolve_link(item, parsed.references, ids, "medication")
    reminder = replace(parsed.reminder, id=change.journal_id, medication_id=medication)
    goal_repo.save_reminder(session, reminder)


def _write_updates(session: Session, updates: list[Changed]) -> Counter[str]:
    """Replace journal entries by the file's versions (the person chose to take them)."""
    updated: Counter[str] = Counter()
    if not updates:
        return updated
    ids: dict[str, dict[str, int]] = {}
    for target in _TABLE_OF:
        wanted = {uid for change in updates if (uid := change.item.value.references.get(target))}
        ids[target] = bulk.ids_by_uid(session, target, wanted)
    for change in updates:
        entry = _resolve(change.item, change.entry, ids)
        repo.update_entry(session, replace(entry, id=change.journal_id))
        updated[entry.kind.value] += 1
    return updated


def _fingerprint(mark: int | _Kept) -> int:
    """The hash of what makes an entry the same (``comparable``), made now if not yet."""
    if isinstance(mark, int):
        return mark
    return hash(comparable_entry(*mark))


def _catalogue_uids(plan: _Plan, target: str) -> dict[str, Any]:
    catalogue: dict[str, dict[str, Any]] = {
        "medication": plan.medications,
        "tracker": plan.trackers,
        "flare": plan.flares,
    }
    return catalogue[target]


def _missing_reference(item: Item, target: str, uid: str) -> ImportFileError:
    return ImportFileError(
        item.file,
        f"it refers to a {target} ({uid}) that is neither in the file nor in your journal.",
        line=item.line,
        field=f"{target}_uid",
    )


def _resolve_link(
    item: Item, references: dict[str, str], ids: dict[str, dict[str, int]], target: str
) -> int | None:
    """The row id of the ``target`` a goal or reminder names, or None if it names none."""
    uid = references.get(target)
    if uid is None:
        return None
    row_id = ids[target].get(uid)
    if row_id is None:
        raise _missing_reference(item, target, uid)
    return row_id


def _check_goal(item: Item, parsed: ParsedGoal) -> ParsedGoal:
    """The goal with its name tidied, if it keeps the rules the goal editor keeps."""
    goal = replace(parsed.goal, name=parsed.goal.name.strip())
    try:
        validate_goal(goal)
    except GoalError as exc:
        name = _GOAL_FIELD_NAMES.get(exc.field, exc.field)
        raise ImportFileError(item.file, str(exc), line=item.line, field=name) from None
    return replace(parsed, goal=goal)


def _check_reminder(item: Item, parsed: ParsedReminder) -> ParsedReminder:
    """The reminder with its message tidied, if it keeps the reminder editor's rules."""
    reminder = replace(parsed.reminder, message=parsed.reminder.message.strip())
    problem: tuple[str, str] | None = None
    try:
        validate_schedule(reminder.schedule)
    except ScheduleError as exc:
        problem = (_schedule_field(reminder.schedule), str(exc))
    if problem is None and reminder.action is ReminderAction.CUSTOM and not reminder.message:
        problem = ("message", "Write the message the reminder should show.")
    if problem is None and len(reminder.message) > MAX_MESSAGE_CHARS:
        problem = ("message", f"Keep the message under {MAX_MESSAGE_CHARS} characters.")
    if (
        problem is None
        and reminder.action is ReminderAction.MEDICATION
        and "medication" not in parsed.references
    ):
        problem = ("medication_uid", "Name the medication this reminder is for.")
    if problem is not None:
        raise ImportFileError(item.file, problem[1], line=item.line, field=problem[0])
    return replace(parsed, reminder=reminder)


def _schedule_field(schedule: Schedule) -> str:
    """The column of a schedule that ``validate_schedule`` refused."""
    if not schedule.days() or not schedule.days() <= frozenset(range(7)):
        return "weekdays"
    if schedule.kind is ScheduleKind.INTERVAL:
        if schedule.every is None or schedule.window_end >= schedule.window_start:
            return "every_min"
        return "window_end"
    return "times"


def _setting_for_import(name: str, value: Any, ids: dict[str, dict[str, int]]) -> Any:
    """The value to store: muted medications travel by uid and are stored by id."""
    if name != MUTED_MEDICATIONS_KEY or not isinstance(value, list):
        return value
    found = (ids["medication"].get(uid) for uid in value if isinstance(uid, str))
    return sorted(row_id for row_id in found if row_id is not None)


def _resolve(item: Item, entry: Entry, ids: dict[str, dict[str, int]]) -> Entry:
    """``entry`` with the uids its file item names turned into this journal's row ids."""
    changes: dict[str, Any] = dict(_row_ids(item, entry, ids))
    return replace(entry, **changes) if changes else entry


def _row_ids(item: Item, entry: Entry, ids: dict[str, dict[str, int]]) -> dict[str, int]:
    """The row ids in this journal of the uids the file item names, by entry attribute."""
    references: dict[str, str] = item.value.references
    if not references:
        return {}
    changes: dict[str, int] = {}
    for name, target in _REFERENCE_FIELDS[entry.kind]:
        uid = references.get(target)
        if uid is None:
            continue
        row_id = ids[target].get(uid)
        if row_id is None:
            raise _missing_reference(item, target, uid)
        changes[name] = row_id
    return changes


# Per kind, (attribute, what it refers to) of its reference fields, in the registry's order.
_REFERENCE_FIELDS: dict[EntryKind, tuple[tuple[str, str], ...]] = {
    kind: tuple((f.name, f.reference) for f in spec.fields if f.reference is not None)
    for kind, spec in KINDS.items()
}


def _check_entry(item: Item, entry: Entry, now: datetime, tracker: Tracker | None) -> Entry:
    """The entry with its tags tidied as a typed one would be, if it keeps the same rules.

    The first broken rule refuses the file, naming the field as the file names it.
    """
    if entry.tags:
        tidy = tuple(sorted({t.strip() for t in entry.tags if t.strip()}))
        if tidy != entry.tags:
            entry = replace(entry, tags=tidy)
    errors = entry_errors(entry, now)
    if isinstance(entry, TrackerValue) and tracker is not None:
        errors += tracker_value_errors(tracker, entry.value)
    if errors:
        first = errors[0]
        raise ImportFileError(
            item.file, first.message, line=item.line, field=export_name(entry.kind, first.field)
        )
    return entry


def iter_report_lines(report: ImportReport) -> Iterator[str]:
    """The import report for the command line, one line per kind."""
    yield report.summary()
    for key, count in report.added.items():
        yield f"  {SECTION_LABELS[key]}: {count:,} added"
    if report.backup is not None:
        yield f"A backup of the journal as it was is at {report.backup.path}"
