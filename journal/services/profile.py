"""The person's profile: the conditions they live with (a setting), what follows from them
(the symptoms a check-in offers, a flare's default condition, trackers worth offering), and
the first-run setup that writes it all in one undoable step.

The first run is told by a setting, not by the file's age: the welcome is due while
``welcome.seen`` is unset and the journal holds nothing yet (a journal from an older version,
with entries in it, never sees it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from journal.domain.conditions import (
    Condition,
    TrackerSuggestion,
    checks_glucose,
    flare_conditions,
    split_other,
    symptoms_for,
    trackers_for,
)
from journal.domain.entries import Medication, SymptomCheck, Tracker
from journal.domain.errors import FieldError, ValidationError
from journal.domain.reminders import (
    Reminder,
    ReminderAction,
    Schedule,
    ScheduleError,
    ScheduleKind,
    validate_schedule,
)
from journal.domain.units import UnitPreferences
from journal.domain.validation import validate_medication, validate_tracker
from journal.domain.vocabulary import CONDITIONS, EntryKind, TrackerType
from journal.services.journal import JournalService, Topic, taken_periods
from journal.services.preferences import UNITS_KEY, units_setting
from journal.services.reminders import MUTED_MEDICATIONS_KEY
from journal.services.undo import Command
from journal.store import goal_repository as goal_repo
from journal.store import repository as repo
from journal.store.database import Database

PROFILE_KEY = "profile"
WELCOME_KEY = "welcome.seen"
SETUP_TEXT = "Set up the journal"
# A symptom rated this recently stays in the check-in, whatever the conditions say.
RECENT_SYMPTOMS = timedelta(days=60)
EVENING_CHECK_IN_MESSAGE = "Evening check-in: how were stress and mood today?"


@dataclass(frozen=True)
class Profile:
    """What the person told the welcome about themselves."""

    conditions: tuple[Condition, ...] = ()
    others: tuple[str, ...] = ()
    """Conditions of their own, in their words (the "Other" field)."""

    @property
    def empty(self) -> bool:
        return not self.conditions and not self.others

    @property
    def names(self) -> list[str]:
        return [c.value for c in self.conditions] + list(self.others)


@dataclass(frozen=True)
class SetupPlan:
    """Everything the welcome collected, applied together by ``apply_setup``."""

    profile: Profile
    units: UnitPreferences
    medications: tuple[Medication, ...] = ()
    """New medications to add (existing ones are left as they are)."""
    trackers: tuple[Tracker, ...] = ()
    """New trackers to add; one with the name of a kept tracker is skipped."""
    glucose_check: time | None = None
    """A daily "check your glucose" reminder at this time (None: none)."""
    evening_check_in: time | None = None
    """A daily stress-and-mood check-in at this time (None: none)."""
    medication_reminders: bool = True
    """Whether the medication times remind (all medications with times)."""


@dataclass(frozen=True)
class SetupResult:
    """What ``apply_setup`` added, with the ids the journal gave them."""

    profile: Profile
    medications: tuple[Medication, ...] = ()
    trackers: tuple[Tracker, ...] = ()
    reminders: tuple[Reminder, ...] = ()

    def summary(self) -> str:
        """One sentence for the status bar: what changed, and that Undo takes it back."""
        parts = []
        if self.profile.names:
            parts.append(_count(len(self.profile.names), "condition"))
        for items, word in (
            (self.medications, "medication"),
            (self.trackers, "tracker"),
            (self.reminders, "reminder"),
        ):
            if items:
                parts.append(_count(len(items), word))
        added = ", ".join(parts) if parts else "your units"
        return f"Journal set up: {added}. Edit > Undo takes it back."


# The settings a setup changes, by key, as stored (None: not set).
Settings = dict[str, Any]


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def profile_from_setting(raw: Any) -> Profile:
    """Read the stored profile; unknown conditions (from a newer version) are dropped."""
    if not isinstance(raw, dict):
        return Profile()
    known = {c.value: c for c in Condition}
    conditions = tuple(known[c] for c in raw.get("conditions") or () if c in known)
    others = tuple(str(o) for o in raw.get("others") or () if str(o).strip())
    return Profile(conditions, others)


def profile_setting(profile: Profile) -> dict[str, list[str]]:
    return {"conditions": [c.value for c in profile.conditions], "others": list(profile.others)}


def make_profile(conditions: Iterable[Condition], other_text: str = "") -> Profile:
    """A profile from the welcome's choices: conditions in table order, "Other" split."""
    chosen = set(conditions)
    return Profile(tuple(c for c in Condition if c in chosen), split_other(other_text))


class ProfileService:
    """The profile and what it sets: the check-in's symptoms, the flare default, setup."""

    def __init__(self, db: Database, journal: JournalService) -> None:
        self.db = db
        self.journal = journal

    # --- the profile ----------------------------------------------------------------------

    def profile(self) -> Profile:
        with self.db.reading() as session:
            return profile_from_setting(repo.get_setting(session, PROFILE_KEY))

    def set_profile(self, profile: Profile) -> None:
        """Change the conditions alone (Preferences); ``apply_setup`` does it with undo."""
        with self.db.transaction() as session:
            repo.put_setting(session, PROFILE_KEY, profile_setting(profile))
        self.journal.announce([], "Conditions changed", topics=[Topic.SETTINGS])

    # --- what follows from it ----------------------------------------------------------------

    def offered_symptoms(self, also: Iterable[str] = ()) -> tuple[str, ...]:
        """The symptoms a check-in offers: those typical of the person's conditions, those
        rated in the last weeks (so nothing they follow disappears), and ``also`` (the ones
        an edited check-in already has)."""
        today = self.journal.now().date()
        recent = self.journal.entries_between(
            today - RECENT_SYMPTOMS, today, kinds=[EntryKind.SYMPTOMS]
        )
        rated = {name for e in recent if isinstance(e, SymptomCheck) for name in e.scores}
        return symptoms_for(self.profile().conditions, rated | set(also))

    def flare_conditions(self) -> list[str]:
        """The person's conditions a flare may be of, in the order they chose them."""
        profile = self.profile()
        return flare_conditions(profile.conditions, profile.others)

    def flare_condition(self) -> str:
        """The condition a new flare starts with: the last flare's, when it is one of the
        person's conditions (or they named none), else their first condition that flares."""
        today = self.journal.now().date()
        past = self.journal.flares_between(today - timedelta(days=3650), today)
        last = max(past, key=lambda f: f.start).condition if past else ""
        mine = self.flare_conditions()
        if last and (not mine or last.lower() in {m.lower() for m in mine}):
            return last
        return mine[0] if mine else last

    def condition_suggestions(self) -> tuple[str, ...]:
        """What the flare form offers to pick: the person's own conditions first."""
        mine = self.flare_conditions()
        taken = {m.lower() for m in mine}
        return (*mine, *(c for c in CONDITIONS if c.lower() not in taken))

    def suggested_trackers(
        self, conditions: Iterable[Condition] | None = None
    ) -> tuple[TrackerSuggestion, ...]:
        """Trackers worth offering for ``conditions`` (default: the profile's) that the
        journal does not keep yet."""
        chosen = self.profile().conditions if conditions is None else conditions
        kept = {t.name.strip().lower() for t in self.journal.trackers()}
        return tuple(t for t in trackers_for(chosen) if t.name.lower() not in kept)

    @staticmethod
    def suggests_glucose_checks(conditions: Iterable[Condition]) -> bool:
        return checks_glucose(conditions)

    # --- the first run --------------------------------------------------------------------

    def welcome_seen(self) -> bool:
        with self.db.reading() as session:
            return repo.get_setting(session, WELCOME_KEY) is not None

    def welcome_due(self) -> bool:
        """Whether to greet with the welcome: never seen, and nothing in the journal yet."""
        if self.welcome_seen():
            return False
        from journal.io.demo import journal_is_empty  # the demo code loads only when asked

        return journal_is_empty(self.db)

    def mark_welcome_seen(self) -> None:
        """Skipped or finished: the welcome does not come back by itself (Help has it)."""
        with self.db.transaction() as session:
            repo.put_setting(session, WELCOME_KEY, self.journal.now().isoformat())

    def reminders_on_for_medications(self) -> bool:
        """Whether medication times remind now (none muted, or no medication yet)."""
        meds = [m for m in self.journal.medications(active_only=True) if m.times and m.id]
        with self.db.reading() as session:
            muted = set(repo.get_setting(session, MUTED_MEDICATIONS_KEY) or [])
        return not meds or any(m.id not in muted for m in meds)

    def existing_reminder_time(self, action: ReminderAction) -> time | None:
        """The first time of a daily reminder of ``action`` the person already has."""
        with self.db.reading() as session:
            stored = goal_repo.reminders(session)
        for reminder in stored:
            if reminder.action is action and reminder.schedule.wall_times():
                return reminder.schedule.wall_times()[0]
        return None

    # --- applying a setup -----------------------------------------------------------------

    def apply_setup(self, plan: SetupPlan) -> SetupResult:
        """Write the whole plan in one transaction and one undo step ("Set up the journal"):
        the profile, the units, new medications, trackers and reminders. Raises
        ``ValidationError`` (nothing written) for a medication or tracker without a name."""
        now = self.journal.now()
        medications = tuple(_new_medication(m, now) for m in plan.medications)
        trackers = self._new_trackers(plan.trackers)
        reminders = self._new_reminders(plan)
        were_reminding = self.reminders_on_for_medications()
        with self.db.transaction() as session:
            before: Settings = {
                key: repo.get_setting(session, key)
                for key in (PROFILE_KEY, UNITS_KEY, MUTED_MEDICATIONS_KEY)
            }
            medications = tuple(
                replace(m, id=repo.save_medication(session, m)) for m in medications
            )
            trackers = tuple(replace(t, id=repo.save_tracker(session, t)) for t in trackers)
            reminders = tuple(
                replace(r, id=(rid := goal_repo.save_reminder(session, r)), key=f"r{rid}")
                for r in reminders
            )
            muted = _muted_after(
                before[MUTED_MEDICATIONS_KEY], plan.medication_reminders, were_reminding, session
            )
            after: Settings = {
                PROFILE_KEY: profile_setting(plan.profile),
                UNITS_KEY: units_setting(plan.units),
                MUTED_MEDICATIONS_KEY: muted,
            }
            _put_settings(session, after)
            repo.put_setting(session, WELCOME_KEY, now.isoformat())
        result = SetupResult(plan.profile, medications, trackers, reminders)
        self._record(result, before, after)
        self._announce(SETUP_TEXT)
        return result

    def _new_trackers(self, wanted: Iterable[Tracker]) -> tuple[Tracker, ...]:
        kept = {t.name.strip().lower() for t in self.journal.trackers()}
        found: list[Tracker] = []
        for tracker in wanted:
            validate_tracker(tracker)
            name = tracker.name.strip()
            if name.lower() in kept:
                continue
            kept.add(name.lower())
            unit = tracker.unit.strip() if tracker.type is TrackerType.NUMBER else ""
            found.append(replace(tracker, name=name, unit=unit, id=None))
        return tuple(found)

    def _new_reminders(self, plan: SetupPlan) -> tuple[Reminder, ...]:
        wanted = [
            (ReminderAction.GLUCOSE, plan.glucose_check, ""),
            (ReminderAction.STRESS, plan.evening_check_in, EVENING_CHECK_IN_MESSAGE),
        ]
        found: list[Reminder] = []
        for action, at, message in wanted:
            if at is None or self.existing_reminder_time(action) == _minute(at):
                continue  # not wanted, or already there (the welcome seen a second time)
            schedule = Schedule(kind=ScheduleKind.DAILY, times=(_minute(at),))
            try:
                validate_schedule(schedule)
            except ScheduleError as error:
                raise ValidationError([FieldError("reminders", str(error))]) from None
            found.append(Reminder(action=action, schedule=schedule, message=message))
        return tuple(found)

    def _record(self, result: SetupResult, before: Settings, after: Settings) -> None:
        def undo() -> None:
            with self.db.transaction() as session:
                for reminder in result.reminders:
                    assert reminder.id is not None
                    goal_repo.delete_reminder(session, reminder.id)
                for tracker in result.trackers:
                    assert tracker.id is not None
                    repo.delete_tracker(session, tracker.id)
                for med in result.medications:
                    assert med.id is not None
                    repo.delete_medication(session, med.id)
                _put_settings(session, before)
            self._announce(f"Undo: {SETUP_TEXT}")

        def redo() -> None:
            with self.db.transaction() as session:
                for med in result.medications:
                    repo.restore_medication(session, med)
                for tracker in result.trackers:
                    repo.restore_tracker(session, tracker)
                for reminder in result.reminders:
                    goal_repo.save_reminder(session, reminder)
                _put_settings(session, after)
            self._announce(SETUP_TEXT)

        self.journal.undo_stack.push(Command(SETUP_TEXT, undo, redo))

    def _announce(self, text: str) -> None:
        topics = [Topic.SETTINGS, Topic.MEDICATIONS, Topic.TRACKERS, Topic.REMINDERS]
        self.journal.announce([], text, topics=topics)


def _minute(at: time) -> time:
    return at.replace(second=0, microsecond=0, tzinfo=None)


def _new_medication(med: Medication, now: datetime) -> Medication:
    """A medication to add: validated, trimmed, due from now on (its first period)."""
    validate_medication(med)
    med = replace(med, name=med.name.strip(), dose=med.dose.strip(), id=None, active=True)
    return replace(med, periods=taken_periods(None, med, now))


def _muted_after(before: Any, wanted: bool, were_reminding: bool, session: Session) -> list[int]:
    """The muted medication reminders after the setup. Wanted: as they were (new ones
    remind), or none muted when all were. Not wanted: every medication with times."""
    kept = sorted(int(i) for i in before or [])
    if wanted:
        return kept if were_reminding else []
    meds = repo.medications(session, active_only=True)
    return sorted(set(kept) | {m.id for m in meds if m.times and m.id is not None})


def _put_settings(session: Session, settings: Settings) -> None:
    for key, value in settings.items():
        repo.put_setting(session, key, value)
