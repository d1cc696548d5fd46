"""The use cases the UI calls: log, edit, delete and undo entries; read a day; search.

Every change runs in one short transaction, is recorded on the undo stack, and is announced
to listeners as a ``JournalChange`` naming the days it touched, so views refresh from one
signal instead of polling the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from journal.domain.clock import Clock
from journal.domain.entries import (
    DoseLog,
    Entry,
    Exercise,
    Favourite,
    FlareEpisode,
    Meal,
    Medication,
    SymptomCheck,
    Tracker,
    TrackerValue,
    new_uid,
)
from journal.domain.errors import FieldError, ValidationError
from journal.domain.kinds import label_of
from journal.domain.validation import (
    tracker_value_errors,
    validate_entry,
    validate_flare,
    validate_medication,
    validate_tracker,
)
from journal.domain.vocabulary import DoseStatus, EntryKind
from journal.lazy import lazy_module
from journal.services.changes import JournalChange, Topic
from journal.services.day import DayMarks, DayView, DueDose, read_day, read_marks
from journal.services.undo import Command, UndoStack
from journal.store import plain_read as plain
from journal.store.database import Database

if TYPE_CHECKING:
    from journal.services import search
    from journal.services.search import SearchQuery, SearchResults
    from journal.store import repository as repo
else:  # loaded on first use: the window paints before SQLAlchemy's ORM (and search) load
    repo = lazy_module("journal.store.repository")
    search = lazy_module("journal.services.search")

log = logging.getLogger(__name__)

__all__ = ["DayMarks", "DayView", "DueDose", "JournalChange", "JournalService", "Topic"]

E = TypeVar("E", bound=Entry)


Listener = Callable[[JournalChange], None]


class JournalService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.undo_stack = UndoStack()
        self._listeners: list[Listener] = []

    # --- notifications -------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def announce(
        self,
        days: Iterable[date],
        description: str,
        *,
        kinds: Iterable[EntryKind] = (),
        topics: Iterable[Topic] = (),
    ) -> None:
        """Tell listeners what changed (empty ``days``: any day may have; no ``topics``:
        anything may have). Entry ``kinds`` imply the ENTRIES topic."""
        kind_set = frozenset(kinds)
        topic_set = frozenset(topics) | ({Topic.ENTRIES} if kind_set else set())
        change = JournalChange(frozenset(days), description, kind_set, topic_set)
        for listener in list(self._listeners):
            listener(change)

    def _record(self, text: str, undo: Callable[[], None], redo: Callable[[], None]) -> None:
        self.undo_stack.push(Command(text, undo, redo))

    # --- undo ----------------------------------------------------------------------------

    def undo(self) -> str | None:
        """Undo the last change; returns what was undone, or None if nothing was left."""
        return self.undo_stack.undo()

    def redo(self) -> str | None:
        return self.undo_stack.redo()

    # --- entries -------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def _prepare(self, entry: E) -> E:
        """Validate ``entry`` and return it with its tags tidied (trimmed, unique, sorted)."""
        entry = replace(entry, tags=tuple(sorted({t.strip() for t in entry.tags if t.strip()})))
        validate_entry(entry, self.clock.now())
        if isinstance(entry, TrackerValue):
            tracker = self.tracker(entry.tracker_id)
            if tracker is None:
                raise ValidationError([FieldError("tracker_id", "Choose a tracker.")])
            errors = tracker_value_errors(tracker, entry.value)
            if errors:
                raise ValidationError(errors)
        return entry

    def _insert(self, entry: E) -> E:
        with self.db.transaction() as session:
            new_id = repo.insert_entry(session, entry)
        return replace(entry, id=new_id)

    def _delete(self, entry: Entry) -> None:
        assert entry.id is not None
        with self.db.transaction() as session:
            repo.delete_entry(session, entry.id)

    def _update(self, entry: Entry) -> None:
        with self.db.transaction() as session:
            repo.update_entry(session, entry)

    def add_entry(self, entry: E) -> E:
        """Validate and save a new entry; it can be undone."""
        if entry.id is not None:
            raise ValueError("add_entry takes a new entry; use update_entry to change one")
        entry = self._prepare(entry)
        saved = self._insert(entry)
        text = f"Add {label_of(entry.kind).lower()}"

        def undo() -> None:
            self._delete(saved)
            self.announce([saved.day], f"Undo: {text}", kinds=[saved.kind])

        def redo() -> None:
            self._insert(saved)
            self.announce([saved.day], text, kinds=[saved.kind])

        self._record(text, undo, redo)
        self.announce([saved.day], text, kinds=[saved.kind])
        return saved

    def update_entry(self, entry: E) -> E:
        """Save changes to an existing entry (the same id); undoable."""
        if entry.id is None:
            raise ValueError("update_entry needs an entry that has been saved")
        entry_id = entry.id
        entry = self._prepare(entry)
        before = self.entry(entry_id)
        if before is None:
            raise LookupError("This entry no longer exists; it may have been deleted.")
        if type(before) is not type(entry):
            raise ValueError("An entry cannot change its kind")
        self._update(entry)
        text = f"Edit {label_of(entry.kind).lower()}"
        days = {before.day, entry.day}

        def undo() -> None:
            self._update(before)
            self.announce(days, f"Undo: {text}", kinds=[entry.kind])

        def redo() -> None:
            self._update(entry)
            self.announce(days, text, kinds=[entry.kind])

        self._record(text, undo, redo)
        self.announce(days, text, kinds=[entry.kind])
        return entry

    def delete_entry(self, entry_id: int) -> Entry:
        """Delete an entry; undo brings it back with the same identity."""
        entry = self.entry(entry_id)
        if entry is None:
            raise LookupError("This entry no longer exists.")
        self._delete(entry)
        text = f"Delete {label_of(entry.kind).lower()}"

        def undo() -> None:
            self._insert(entry)
            self.announce([entry.day], f"Undo: {text}", kinds=[entry.kind])

        def redo() -> None:
            self._delete(entry)
            self.announce([entry.day], text, kinds=[entry.kind])

        self._record(text, undo, redo)
        self.announce([entry.day], text, kinds=[entry.kind])
        return entry

    def entry(self, entry_id: int) -> Entry | None:
        with self.db.plain_reading() as connection:
            found = plain.entries_by_ids(connection, [entry_id])
        return found[0] if found else None

    def entries_between(
        self, first: date, last: date, kinds: Iterable[EntryKind] | None = None
    ) -> list[Entry]:
        with self.db.plain_reading() as connection:
            return plain.entries_between(connection, first, last, kinds)

    def latest(self, kind: EntryKind) -> Entry | None:
        with self.db.plain_reading() as connection:
            return plain.latest_entry(connection, kind)

    def count_entries(self) -> int:
        with self.db.reading() as session:
            return repo.count_entries(session)

    def search(self, text: str, limit: int | None = None) -> list[Entry]:
        """The newest entries with ``text`` in anything typed for them (no flares); at most
        ``limit`` (default: the search's ``RESULT_LIMIT``)."""
        limit = search.RESULT_LIMIT if limit is None else limit
        query = search.SearchQuery(text, flares=False, limit=limit)
        return search.search_journal(self.db, query, self.clock.now().date()).entries

    def find(self, query: SearchQuery) -> SearchResults:
        """Entries and flares matching ``query``, with how many of each kind match."""
        return search.search_journal(self.db, query, self.clock.now().date())

    def all_tags(self) -> list[str]:
        with self.db.reading() as session:
            return repo.all_tags(session)

    # --- a day ---------------------------------------------------------------------------

    def day_view(self, day: date) -> DayView:
        """The timeline, flares, doses due and summary of one day, read in one session."""
        with self.db.plain_reading() as connection:
            return read_day(connection, day, self.clock.localize)

    def calendar_marks(self, first: date, last: date) -> dict[date, DayMarks]:
        """What each day of [first, last] shows on the calendar; an ongoing flare marks the
        days up to today only (marking the days ahead would read as a forecast)."""
        with self.db.plain_reading() as connection:
            return read_marks(connection, first, last, self.clock.now().date())

    # --- flares --------------------------------------------------------------------------

    def flares_between(self, first: date, last: date) -> list[FlareEpisode]:
        with self.db.plain_reading() as connection:
            return plain.flares_overlapping(connection, first, last)

    def flare(self, flare_id: int) -> FlareEpisode | None:
        with self.db.plain_reading() as connection:
            return plain.get_flare(connection, flare_id)

    def save_flare(self, episode: FlareEpisode) -> FlareEpisode:
        """Start a flare or change one (e.g. end it); undoable."""
        validate_flare(episode)
        before = self.flare(episode.id) if episode.id is not None else None
        with self.db.transaction() as session:
            saved = replace(episode, id=repo.save_flare(session, episode))
        text = "Start flare" if before is None else "Edit flare"
        days = _flare_days(saved, before, self.clock.now().date())

        def undo() -> None:
            with self.db.transaction() as session:
                if before is None:
                    assert saved.id is not None
                    repo.delete_flare(session, saved.id)
                else:
                    repo.save_flare(session, before)
            self.announce(days, f"Undo: {text}", topics=[Topic.FLARES])

        def redo() -> None:
            with self.db.transaction() as session:
                repo.save_flare(session, saved)
            self.announce(days, text, topics=[Topic.FLARES])

        self._record(text, undo, redo)
        self.announce(days, text, topics=[Topic.FLARES])
        return saved

    def flare_check_ins(self, flare_id: int) -> list[SymptomCheck]:
        """The symptom check-ins logged as part of a flare."""
        with self.db.reading() as session:
            ids = repo.check_ins_of_flare(session, flare_id)
        with self.db.plain_reading() as connection:
            found = plain.entries_by_ids(connection, ids)
        return [e for e in found if isinstance(e, SymptomCheck)]

    def delete_flare(self, flare_id: int) -> FlareEpisode:
        """Delete a flare episode; its check-ins stay, no longer part of a flare. Undo brings
        the flare back with the same identity and its check-ins with it."""
        episode = self.flare(flare_id)
        if episode is None:
            raise LookupError("This flare no longer exists; it may have been deleted.")
        with self.db.transaction() as session:
            check_ins = repo.check_ins_of_flare(session, flare_id)
            check_in_days = repo.days_of_entries(session, check_ins)
            repo.delete_flare(session, flare_id)  # check-ins are unlinked (ON DELETE SET NULL)
        text = "Delete flare"
        days = _flare_days(episode, None, self.clock.now().date()) | check_in_days
        kinds = [EntryKind.SYMPTOMS] if check_ins else []

        def undo() -> None:
            with self.db.transaction() as session:
                repo.save_flare(session, episode)
                repo.link_check_ins(session, check_ins, flare_id)
            self.announce(days, f"Undo: {text}", kinds=kinds, topics=[Topic.FLARES])

        def redo() -> None:
            with self.db.transaction() as session:
                repo.delete_flare(session, flare_id)
            self.announce(days, text, kinds=kinds, topics=[Topic.FLARES])

        self._record(text, undo, redo)
        self.announce(days, text, kinds=kinds, topics=[Topic.FLARES])
        return episode

    def ongoing_flare(self) -> FlareEpisode | None:
        today = self.clock.now().date()
        return next((f for f in self.flares_between(today, today) if f.ongoing), None)

    # --- medications and doses -------------------------------------------------------------

    def medications(self, *, active_only: bool = False) -> list[Medication]:
        with self.db.plain_reading() as connection:
            return plain.medications(connection, active_only=active_only)

    def save_medication(self, med: Medication) -> Medication:
        """Add or change a medication. A new one is due from now on; pausing one ends its
        period of being taken, taking it up again starts a new one."""
        validate_medication(med)
        before = next((m for m in self.medications() if m.id == med.id), None)
        med = replace(med, periods=taken_periods(before, med, self.clock.now()))
        with self.db.transaction() as session:
            saved = replace(med, id=repo.save_medication(session, med))
        self.announce([], "Medication list changed", topics=[Topic.MEDICATIONS])
        return saved

    def log_dose(self, due: DueDose, status: DoseStatus = DoseStatus.TAKEN) -> DoseLog:
        """Tick off a scheduled dose in one click (logged now, for its scheduled time)."""
        assert due.medication.id is not None
        return self.add_entry(
            DoseLog(
                at=self.clock.now(),
                medication_id=due.medication.id,
                status=status,
                scheduled=due.scheduled,
                dose=due.medication.dose,
            )
        )

    # --- trackers ------------------------------------------------------------------------

    def trackers(self, *, active_only: bool = False) -> list[Tracker]:
        with self.db.plain_reading() as connection:
            return plain.trackers(connection, active_only=active_only)

    def tracker(self, tracker_id: int) -> Tracker | None:
        return next((t for t in self.trackers() if t.id == tracker_id), None)

    def save_tracker(self, tracker: Tracker) -> Tracker:
        validate_tracker(tracker)
        with self.db.transaction() as session:
            saved = replace(tracker, id=repo.save_tracker(session, tracker))
        self.announce([], "Trackers changed", topics=[Topic.TRACKERS])
        return saved

    # --- favourites ----------------------------------------------------------------------

    def favourites(self, kind: EntryKind | None = None) -> list[Favourite]:
        with self.db.reading() as session:
            return repo.favourites(session, kind)

    def save_favourite(self, name: str, template: Meal | Exercise) -> Favourite:
        if not name.strip():
            raise ValidationError([FieldError("name", "Give the favourite a name.")])
        favourite = Favourite(name=name.strip(), template=template)
        with self.db.transaction() as session:
            favourite = replace(favourite, id=repo.save_favourite(session, favourite))
        self.announce([], "Favourites changed", topics=[Topic.FAVOURITES])
        return favourite

    def delete_favourite(self, favourite: Favourite) -> None:
        """Remove a favourite (the entries logged from it stay); undoable."""
        assert favourite.id is not None
        favourite_id = favourite.id
        with self.db.transaction() as session:
            repo.delete_favourite(session, favourite_id)
        text = "Remove favourite"

        def undo() -> None:
            nonlocal favourite_id
            with self.db.transaction() as session:
                favourite_id = repo.save_favourite(session, favourite)
            self.announce([], f"Undo: {text}", topics=[Topic.FAVOURITES])

        def redo() -> None:
            with self.db.transaction() as session:
                repo.delete_favourite(session, favourite_id)
            self.announce([], text, topics=[Topic.FAVOURITES])

        self._record(text, undo, redo)
        self.announce([], text, topics=[Topic.FAVOURITES])

    def log_favourite(self, favourite: Favourite) -> Meal | Exercise:
        """Re-log a usual meal or activity now, in one action."""
        entry = replace(favourite.template, at=self.clock.now(), uid=new_uid(), id=None)
        return self.add_entry(entry)


def taken_periods(
    before: Medication | None, after: Medication, now: datetime
) -> tuple[tuple[datetime, datetime | None], ...]:
    """The medication's periods after a save: a new one starts now, a pause ends the open
    period now, taking it up again opens a new one."""
    if before is None:
        return after.periods or (((now, None),) if after.active else ())
    periods = list(before.periods)
    if before.active and not after.active:
        if periods and periods[-1][1] is None:
            periods[-1] = (periods[-1][0], now)
    elif not before.active and after.active:
        periods.append((now, None))
    return tuple(periods)


def _flare_days(episode: FlareEpisode, before: FlareEpisode | None, today: date) -> frozenset[date]:
    """Every day whose flare shading may have changed."""
    starts = [episode.start] + ([before.start] if before else [])
    ends = [episode.end or today] + ([before.end or today] if before else [])
    first, last = min(starts), max(max(ends), today)
    span = (last - first).days
    return frozenset(first + timedelta(days=i) for i in range(span + 1))
