"""Reminder schedules as pure rules: when a reminder is next due, what was missed, snooze.

A schedule is a set of wall-clock times on chosen weekdays, read in the user's IANA time zone
(``zoneinfo``), so "08:00 daily in Europe/Berlin" stays at 08:00 local across daylight-saving
changes. Every (day, time) pair is one occurrence, which gives the two DST rules for free:

- a time that does not exist (spring forward, 02:30 in Berlin) fires at the first valid
  moment after it (03:00);
- a time that exists twice (fall back) fires once, at its first occurrence (``fold=0``).

Times are never stored as instants, so a change of time zone re-anchors every reminder to
the wall clock of the new zone. Snooze is an absolute moment (a duration from now).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from journal.domain.entries import new_uid

ALL_WEEKDAYS: frozenset[int] = frozenset(range(7))  # Monday = 0, as date.weekday()
SNOOZE_CHOICES: tuple[timedelta, ...] = (timedelta(minutes=10), timedelta(hours=1))
MIN_INTERVAL = timedelta(minutes=15)
MAX_TIMES_PER_DAY = 48
# Catch-up never looks further back than this: a week away should not replay a week.
DEFAULT_CATCH_UP = timedelta(days=2)


class ReminderAction(StrEnum):
    """What a reminder leads to when clicked."""

    MEAL = "meal"
    GLUCOSE = "glucose"
    MEDICATION = "medication"
    STRESS = "stress"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    ReminderAction.MEAL: "Log a meal",
    ReminderAction.GLUCOSE: "Check glucose",
    ReminderAction.MEDICATION: "Take a medication",
    ReminderAction.STRESS: "Stress check-in",
    ReminderAction.CUSTOM: "Custom message",
}


class ScheduleKind(StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    INTERVAL = "interval"


class ScheduleError(ValueError):
    """A schedule that cannot work; the message says what to change."""


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """When a reminder is due, in wall-clock terms.

    DAILY and WEEKDAYS use ``times``; INTERVAL fires every ``every`` from ``window_start``
    up to and including ``window_end`` on each chosen weekday (e.g. every 2 h, 08:00-20:00).
    """

    kind: ScheduleKind = ScheduleKind.DAILY
    times: tuple[time, ...] = ()
    weekdays: frozenset[int] = ALL_WEEKDAYS
    every: timedelta | None = None
    window_start: time = time(8)
    window_end: time = time(20)

    def days(self) -> frozenset[int]:
        return ALL_WEEKDAYS if self.kind is ScheduleKind.DAILY else self.weekdays

    def wall_times(self) -> tuple[time, ...]:
        """The local times of day this schedule fires, sorted, without duplicates."""
        if self.kind is not ScheduleKind.INTERVAL:
            return tuple(
                sorted({t.replace(second=0, microsecond=0, tzinfo=None) for t in self.times})
            )
        assert self.every is not None
        start = datetime.combine(date.min, self.window_start)
        end = datetime.combine(date.min, self.window_end)
        found: list[time] = []
        moment = start
        while moment <= end and len(found) < MAX_TIMES_PER_DAY:
            found.append(moment.time())
            moment += self.every
        return tuple(found)


def validate_schedule(schedule: Schedule) -> None:
    """Raise :class:`ScheduleError` when ``schedule`` could never fire or would flood."""
    if not schedule.days() <= ALL_WEEKDAYS:
        raise ScheduleError("Weekdays run from Monday (0) to Sunday (6).")
    if not schedule.days():
        raise ScheduleError("Choose at least one day of the week.")
    if schedule.kind is ScheduleKind.INTERVAL:
        if schedule.every is None or schedule.every < MIN_INTERVAL:
            raise ScheduleError("Choose an interval of at least 15 minutes.")
        if schedule.window_end < schedule.window_start:
            raise ScheduleError("The window has to end after it starts.")
        return
    if not schedule.times:
        raise ScheduleError("Add at least one time of day.")
    if len(schedule.times) > MAX_TIMES_PER_DAY:
        raise ScheduleError(f"A reminder can fire at most {MAX_TIMES_PER_DAY} times a day.")


@dataclass(frozen=True, kw_only=True)
class Reminder:
    """A reminder the user set up, or one derived from a medication's schedule."""

    action: ReminderAction
    schedule: Schedule
    message: str = ""
    medication_id: int | None = None
    enabled: bool = True
    snoozed_until: datetime | None = None
    id: int | None = None
    uid: str = field(default_factory=new_uid)
    # "r<id>" for stored reminders, "med<id>" for medication-derived ones.
    key: str = ""

    @property
    def from_medication(self) -> bool:
        return self.key.startswith("med")


@dataclass(frozen=True)
class MissedReminder:
    """A reminder that came due while the app was closed, collapsed to one line."""

    reminder: Reminder
    count: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class Alarm:
    """The next moment something is due, and every reminder due at that moment."""

    at: datetime
    reminders: tuple[Reminder, ...] = field(default=())


# --- wall clock -> instant ----------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC: aware datetimes sharing a zone compare by wall time and ignore
    ``fold``, which is wrong on the ambiguous autumn hour, so compare in UTC only."""
    return moment.astimezone(UTC)


def _naive_local(moment: datetime, zone: tzinfo) -> datetime:
    return _utc(moment).astimezone(zone).replace(tzinfo=None)


def resolve_wall_time(day: date, wall: time, zone: tzinfo) -> datetime:
    """The instant ``wall`` on ``day`` happens in ``zone``, aware in ``zone``.

    Ambiguous (fall back): the first occurrence. Nonexistent (spring forward): the first
    valid moment after it, i.e. the moment the clocks jumped.
    """
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=zone, fold=0)
    if _naive_local(first, zone) == naive:
        return _utc(first).astimezone(zone)
    # In a gap: fold=1 lands before the jump, fold=0 after it. Bisect to the jump.
    low = _utc(naive.replace(tzinfo=zone, fold=1))
    high = _utc(first)
    if low > high:
        low, high = high, low
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if _naive_local(middle, zone) >= naive:
            high = middle
        else:
            low = middle
    high = high.replace(microsecond=0)
    if _naive_local(high, zone) < naive:
        high += timedelta(seconds=1)
    return high.astimezone(zone)


def _occurrences_from(schedule: Schedule, start_day: date, zone: tzinfo) -> Iterator[datetime]:
    """Every occurrence on and after ``start_day`` (local), in UTC, in time order; endless."""
    wall_times = schedule.wall_times()
    days = schedule.days()
    if not wall_times or not days:
        return
    day = start_day
    while True:
        if day.weekday() in days:
            # Resolving a gap can reorder two times inside it; sort per day.
            yield from sorted(_utc(resolve_wall_time(day, t, zone)) for t in wall_times)
        day += timedelta(days=1)


def next_occurrence(schedule: Schedule, after: datetime, zone: tzinfo) -> datetime | None:
    """The first scheduled occurrence strictly after ``after`` (None if it never fires)."""
    if not schedule.wall_times() or not schedule.days():
        return None
    # Start a day early: a time late yesterday in the new zone may still lie ahead.
    start_day = after.astimezone(zone).date() - timedelta(days=1)
    after = _utc(after)
    for moment in _occurrences_from(schedule, start_day, zone):
        if moment > after:
            return moment.astimezone(zone)
    return None  # pragma: no cover - the generator is endless


def occurrences_between(
    schedule: Schedule, start: datetime, end: datetime, zone: tzinfo
) -> list[datetime]:
    """Occurrences in ``(start, end]``, in time order."""
    found: list[datetime] = []
    if end <= start or not schedule.wall_times() or not schedule.days():
        return found
    first_day = start.astimezone(zone).date() - timedelta(days=1)
    start, end = _utc(start), _utc(end)
    for moment in _occurrences_from(schedule, first_day, zone):
        if moment > end:
            break
        if moment > start:
            found.append(moment.astimezone(zone))
    return found


# --- reminders ----------------------------------------------------------------------------


def next_due(reminder: Reminder, after: datetime, zone: tzinfo) -> datetime | None:
    """When ``reminder`` next wants attention after ``after``: its schedule or its snooze."""
    if not reminder.enabled:
        return None
    candidates = [next_occurrence(reminder.schedule, after, zone)]
    if reminder.snoozed_until is not None and _utc(reminder.snoozed_until) > _utc(after):
        candidates.append(reminder.snoozed_until)
    present = [_utc(c) for c in candidates if c is not None]
    return min(present).astimezone(zone) if present else None


def next_alarm(reminders: Iterable[Reminder], after: datetime, zone: tzinfo) -> Alarm | None:
    """The earliest due moment after ``after`` and every reminder due then (one timer)."""
    due = [(next_due(r, after, zone), r) for r in reminders]
    present = [(_utc(at), r) for at, r in due if at is not None]
    if not present:
        return None
    earliest = min(at for at, _ in present)
    return Alarm(earliest.astimezone(zone), tuple(r for at, r in present if at == earliest))


def due_between(
    reminders: Iterable[Reminder], start: datetime, end: datetime, zone: tzinfo
) -> list[Reminder]:
    """Reminders with an occurrence or a snooze in ``(start, end]``, each once."""
    found: list[Reminder] = []
    for reminder in reminders:
        if not reminder.enabled:
            continue
        snooze = reminder.snoozed_until
        snooze_due = snooze is not None and _utc(start) < _utc(snooze) <= _utc(end)
        if snooze_due or occurrences_between(reminder.schedule, start, end, zone):
            found.append(reminder)
    return found


def missed_since(
    reminders: Sequence[Reminder],
    last_run: datetime,
    now: datetime,
    zone: tzinfo,
    *,
    look_back: timedelta = DEFAULT_CATCH_UP,
) -> list[MissedReminder]:
    """What came due between the last run and now, collapsed to one line per reminder.

    Only the last ``look_back`` counts: after a long break a list of old reminders helps
    nobody. Sorted by the latest missed moment.
    """
    start = max(_utc(last_run), _utc(now) - look_back)
    missed: list[MissedReminder] = []
    for reminder in reminders:
        if not reminder.enabled:
            continue
        moments = occurrences_between(reminder.schedule, start, now, zone)
        snooze = reminder.snoozed_until
        if snooze is not None and start < _utc(snooze) <= _utc(now):
            instants = sorted({_utc(m) for m in moments} | {_utc(snooze)})
            moments = [m.astimezone(zone) for m in instants]
        if moments:
            missed.append(MissedReminder(reminder, len(moments), moments[0], moments[-1]))
    return sorted(missed, key=lambda m: _utc(m.last))


def snooze(reminder: Reminder, now: datetime, delay: timedelta) -> Reminder:
    """``reminder`` asking again ``delay`` from ``now``."""
    if delay <= timedelta(0):
        raise ValueError("A snooze has to last a while.")
    return replace(reminder, snoozed_until=now + delay)


def clear_snooze(reminder: Reminder) -> Reminder:
    return replace(reminder, snoozed_until=None)


def describe_schedule(schedule: Schedule, time_format: str = "%H:%M") -> str:
    """The schedule in words: "Daily at 08:00 and 20:00", "Mon, Wed at 07:30"."""
    times = ", ".join(t.strftime(time_format) for t in schedule.wall_times()[:4])
    if len(schedule.wall_times()) > 4 and schedule.kind is not ScheduleKind.INTERVAL:
        times += " …"
    days = _describe_days(schedule.days())
    if schedule.kind is ScheduleKind.INTERVAL and schedule.every is not None:
        hours = schedule.every.total_seconds() / 3600
        step = f"{hours:g} hours" if hours != 1 else "hour"
        if hours < 1:
            step = f"{schedule.every.total_seconds() / 60:g} minutes"
        window = (
            f"{schedule.window_start.strftime(time_format)}–"
            f"{schedule.window_end.strftime(time_format)}"
        )
        return f"{days}, every {step} from {window}"
    return f"{days} at {times}"


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _describe_days(days: frozenset[int]) -> str:
    if days == ALL_WEEKDAYS:
        return "Daily"
    if days == frozenset(range(5)):
        return "Weekdays"
    if days == frozenset({5, 6}):
        return "Weekends"
    return ", ".join(_DAY_NAMES[d] for d in sorted(days))
