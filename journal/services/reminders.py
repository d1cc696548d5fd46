"""Reminders as use cases: the list (with the medication list's), what is due, snooze,
what a reminder says and the form it opens.

Reminders live in the journal file (tables from migration 0002); the moment of the last
run, snoozes and muted medication reminders live in the ``setting`` table. Medication
reminders are not stored: they come from the medication list's times.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from typing import Any

from journal.domain.defaults import glucose_context_at, meal_type_at, nearest_time
from journal.domain.entries import DoseLog, Entry, Medication
from journal.domain.kinds import entry_type
from journal.domain.reminders import (
    Alarm,
    MissedReminder,
    Reminder,
    ReminderAction,
    Schedule,
    ScheduleError,
    ScheduleKind,
    clear_snooze,
    due_between,
    missed_since,
    next_alarm,
    snooze,
    validate_schedule,
)
from journal.domain.vocabulary import EntryKind
from journal.services.journal import DueDose, JournalService, Topic
from journal.services.undo import Command
from journal.services.zone import UserZone
from journal.store import goal_repository as goal_repo
from journal.store import repository as repo
from journal.store.database import Database

log = logging.getLogger(__name__)

LAST_RUN_KEY = "reminders.last_run"
SNOOZED_KEY = "reminders.snoozed"
MUTED_MEDICATIONS_KEY = "reminders.muted_medications"
KEEP_RUNNING_KEY = "tray.keep_running"
MAX_MESSAGE_CHARS = 200

ReminderWords = Callable[[Reminder, datetime], "tuple[str, str] | None"]
"""Words for a reminder another service owns: (title, body) at a local moment, or None."""


@dataclass(frozen=True)
class ReminderTarget:
    """What clicking a reminder opens: an entry form of ``kind`` with ``values`` filled in
    (entry field name -> value), or nothing (``kind`` None: just show the app)."""

    kind: EntryKind | None
    values: dict[str, Any] = field(default_factory=dict)

    def prefill(self, at: datetime) -> Entry | None:
        """The new entry the form starts from, at ``at`` (None: the form's own defaults)."""
        if self.kind is None or not self.values:
            return None
        return entry_type(self.kind)(at=at, **self.values)


@dataclass(frozen=True)
class DueReminder:
    """A reminder that is due now: what to show and what it leads to."""

    reminder: Reminder
    at: datetime
    title: str
    body: str
    target: ReminderTarget
    medication: Medication | None = None

    @property
    def is_dose(self) -> bool:
        return self.medication is not None


class ReminderService:
    """Reminders the user set up plus those of the medication list; due times, snooze."""

    def __init__(self, db: Database, journal: JournalService, zone: UserZone) -> None:
        self.db = db
        self.journal = journal
        self.user_zone = zone
        self._wordings: list[ReminderWords] = []

    def add_wording(self, words: ReminderWords) -> None:
        """Let another service word the reminders it owns (a self-experiment's daily one
        says whether today is a day with or without the factor)."""
        self._wordings.append(words)

    def _changed(self, text: str) -> None:
        self.journal.announce([], text, topics=[Topic.REMINDERS])

    # --- time zone --------------------------------------------------------------------------

    def zone(self) -> tzinfo:
        """The user's zone, in which reminders fire at their wall-clock times."""
        return self.user_zone.zone()

    # --- the list ---------------------------------------------------------------------------

    def _snoozes(self) -> dict[str, datetime]:
        with self.db.reading() as session:
            raw = repo.get_setting(session, SNOOZED_KEY) or {}
        snoozes: dict[str, datetime] = {}
        for key, text in raw.items():
            try:
                snoozes[key] = datetime.fromisoformat(text)
            except (TypeError, ValueError):
                continue
        return snoozes

    def _muted(self) -> set[int]:
        with self.db.reading() as session:
            return set(repo.get_setting(session, MUTED_MEDICATIONS_KEY) or [])

    def medication_reminders(self) -> list[Reminder]:
        """One reminder per active medication with times, following its schedule."""
        muted = self._muted()
        return [
            Reminder(
                action=ReminderAction.MEDICATION,
                schedule=Schedule(kind=ScheduleKind.DAILY, times=med.times),
                medication_id=med.id,
                enabled=med.id not in muted,
                key=f"med{med.id}",
                uid=med.uid,
            )
            for med in self.journal.medications(active_only=True)
            if med.times and med.id is not None
        ]

    def reminders(self, *, include_medications: bool = True) -> list[Reminder]:
        with self.db.reading() as session:
            stored = goal_repo.reminders(session)
        found = stored + (self.medication_reminders() if include_medications else [])
        snoozes = self._snoozes()
        return [replace(r, snoozed_until=snoozes.get(r.key)) for r in found]

    def reminder(self, key: str) -> Reminder | None:
        return next((r for r in self.reminders() if r.key == key), None)

    def _check(self, reminder: Reminder) -> Reminder:
        validate_schedule(reminder.schedule)
        message = reminder.message.strip()
        if reminder.action is ReminderAction.CUSTOM and not message:
            raise ScheduleError("Write the message the reminder should show.")
        if len(message) > MAX_MESSAGE_CHARS:
            raise ScheduleError(f"Keep the message under {MAX_MESSAGE_CHARS} characters.")
        if reminder.action is ReminderAction.MEDICATION:
            meds = {m.id for m in self.journal.medications()}
            if reminder.medication_id not in meds:
                raise ScheduleError("Choose the medication this reminder is for.")
        return replace(reminder, message=message)

    def save_reminder(self, reminder: Reminder) -> Reminder:
        """Add or change a reminder; :class:`ScheduleError` for one that cannot work."""
        if reminder.from_medication:
            raise ValueError("Medication reminders follow the medication list; edit it there.")
        reminder = self._check(reminder)
        with self.db.transaction() as session:
            new_id = goal_repo.save_reminder(session, reminder)
        self._changed("Reminder saved")
        return replace(reminder, id=new_id, key=f"r{new_id}")

    def delete_reminder(self, reminder_id: int) -> Reminder:
        """Remove a reminder; Undo brings it back."""
        with self.db.reading() as session:
            reminder = goal_repo.get_reminder(session, reminder_id)
        if reminder is None:
            raise LookupError("This reminder no longer exists.")
        with self.db.transaction() as session:
            goal_repo.delete_reminder(session, reminder_id)

        def undo() -> None:
            with self.db.transaction() as session:
                goal_repo.save_reminder(session, reminder)
            self._changed("Undo: Remove reminder")

        def redo() -> None:
            with self.db.transaction() as session:
                goal_repo.delete_reminder(session, reminder_id)
            self._changed("Remove reminder")

        self.journal.undo_stack.push(Command("Remove reminder", undo, redo))
        self._changed("Remove reminder")
        return reminder

    def set_medication_reminder(self, medication_id: int, enabled: bool) -> None:
        muted = self._muted()
        muted.discard(medication_id) if enabled else muted.add(medication_id)
        with self.db.transaction() as session:
            repo.put_setting(session, MUTED_MEDICATIONS_KEY, sorted(muted))
        self._changed("Reminder saved")

    # --- what is due --------------------------------------------------------------------------

    def next_alarm(self, after: datetime) -> Alarm | None:
        return next_alarm(self.reminders(), after, self.zone())

    def due_between(self, start: datetime, end: datetime) -> list[DueReminder]:
        """Reminders due in ``(start, end]``, each once, ready to show."""
        zone = self.zone()
        found = due_between(self.reminders(), start, end, zone)
        return [self.describe(r, end) for r in found]

    def snooze(self, reminder: Reminder, delay: timedelta) -> Reminder:
        snoozed = snooze(reminder, self.journal.now(), delay)
        self._put_snooze(snoozed.key, snoozed.snoozed_until)
        return snoozed

    def dismiss(self, reminder: Reminder) -> Reminder:
        """Done with this occurrence: a pending snooze is dropped too."""
        self._put_snooze(reminder.key, None)
        return clear_snooze(reminder)

    def _put_snooze(self, key: str, until: datetime | None) -> None:
        snoozes = self._snoozes()
        now = self.journal.now()
        # Keep the setting small: forget snoozes that have passed.
        kept = {k: v for k, v in snoozes.items() if v > now and k != key}
        if until is not None:
            kept[key] = until
        with self.db.transaction() as session:
            repo.put_setting(session, SNOOZED_KEY, {k: v.isoformat() for k, v in kept.items()})

    # --- staying around -----------------------------------------------------------------------

    def keep_running_in_tray(self) -> bool:
        """Whether closing the window leaves Interplay in the tray (on by default)."""
        with self.db.reading() as session:
            value = repo.get_setting(session, KEEP_RUNNING_KEY)
        return True if value is None else bool(value)

    def set_keep_running_in_tray(self, keep: bool) -> None:
        with self.db.transaction() as session:
            repo.put_setting(session, KEEP_RUNNING_KEY, keep)

    # --- while the app was closed -------------------------------------------------------------

    def last_run(self) -> datetime | None:
        with self.db.reading() as session:
            text = repo.get_setting(session, LAST_RUN_KEY)
        try:
            return datetime.fromisoformat(text) if isinstance(text, str) else None
        except ValueError:
            return None

    def mark_run(self, moment: datetime) -> None:
        with self.db.transaction() as session:
            repo.put_setting(session, LAST_RUN_KEY, moment.isoformat())

    def catch_up(self, now: datetime | None = None) -> list[MissedReminder]:
        """What came due since the last run (each reminder once), and note this run.

        The first run ever misses nothing. Call once at start; the scheduler then takes over.
        """
        now = now or self.journal.now()
        last = self.last_run()
        self.mark_run(now)
        if last is None or last >= now:
            return []
        return missed_since(self.reminders(), last, now, self.zone())

    # --- what a reminder says and leads to ----------------------------------------------------

    def describe(self, reminder: Reminder, at: datetime) -> DueReminder:
        local = at.astimezone(self.zone())
        med = None
        if reminder.medication_id is not None:
            med = next(
                (m for m in self.journal.medications() if m.id == reminder.medication_id), None
            )
        title, body = reminder_text(reminder, med, local)
        for words in self._wordings:
            owned = words(reminder, local)
            if owned is not None:
                title, body = owned
                break
        return DueReminder(reminder, at, title, body, reminder_target(reminder, med, local), med)

    def mark_dose_taken(self, due: DueReminder) -> DoseLog | None:
        """Log the dose a reminder was for as taken now (once: a second click changes nothing)."""
        med = due.medication
        if med is None or med.id is None:
            return None
        local = due.at.astimezone(self.zone())
        scheduled = nearest_time(med.times, local.time())
        if scheduled is None:
            return None
        day = self.journal.day_view(local.date())
        for dose in day.due_doses:
            if (
                dose.medication.id == med.id
                and dose.scheduled == scheduled
                and dose.log is not None
            ):
                return dose.log
        self.dismiss(due.reminder)
        return self.journal.log_dose(DueDose(med, scheduled))


def reminder_target(reminder: Reminder, med: Medication | None, local: datetime) -> ReminderTarget:
    """The form a reminder opens, prefilled for the moment it was due."""
    action = reminder.action
    if action is ReminderAction.MEAL:
        return ReminderTarget(EntryKind.MEAL, {"meal_type": meal_type_at(local.time())})
    if action is ReminderAction.GLUCOSE:
        return ReminderTarget(EntryKind.GLUCOSE, {"context": glucose_context_at(local.time())})
    if action is ReminderAction.STRESS:
        return ReminderTarget(EntryKind.STRESS, {})
    if action is ReminderAction.MEDICATION and med is not None and med.id is not None:
        values: dict[str, Any] = {"medication_id": med.id, "dose": med.dose}
        if med.times:
            values["scheduled"] = nearest_time(med.times, local.time())
        return ReminderTarget(EntryKind.DOSE, values)
    return ReminderTarget(None, {})


def reminder_text(reminder: Reminder, med: Medication | None, local: datetime) -> tuple[str, str]:
    """Title and body of a notification: short, friendly, and saying what one click does."""
    clock = local.strftime("%H:%M")
    action = reminder.action
    if action is ReminderAction.MEDICATION:
        name = med.label if med is not None else "your medication"
        return f"Time for {name}", reminder.message or f"Due at {clock}. Click to log it."
    if action is ReminderAction.CUSTOM:
        return reminder.message or "Reminder", f"Set for {clock}."
    defaults = {
        ReminderAction.MEAL: ("Log your meal", "A quick note of what you ate, in a few clicks."),
        ReminderAction.GLUCOSE: ("Time to check your glucose", "Click to log the reading."),
        ReminderAction.STRESS: (
            "Stress check-in",
            "How are you feeling right now? Click to note it.",
        ),
    }
    title, body = defaults[action]
    return title, reminder.message or body


def reminder_title(reminder: Reminder, med: Medication | None) -> str:
    """How a reminder is named in the list."""
    if reminder.action is ReminderAction.MEDICATION:
        return f"Take {med.label}" if med is not None else "Take a medication"
    if reminder.action is ReminderAction.CUSTOM:
        return reminder.message
    return reminder.action.label
