"""Reminder scheduling: wall-clock times across DST both ways, zones, catch-up and snooze."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.domain.reminders import (
    Reminder,
    ReminderAction,
    Schedule,
    ScheduleError,
    ScheduleKind,
    describe_schedule,
    due_between,
    missed_since,
    next_alarm,
    next_due,
    next_occurrence,
    occurrences_between,
    resolve_wall_time,
    snooze,
    validate_schedule,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def daily(*times: time) -> Schedule:
    return Schedule(kind=ScheduleKind.DAILY, times=times)


def reminder(schedule: Schedule, key: str = "r1", **kwargs: object) -> Reminder:
    return Reminder(action=ReminderAction.GLUCOSE, schedule=schedule, key=key, **kwargs)  # type: ignore[arg-type]


def local(zone: ZoneInfo, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=zone, fold=fold)  # type: ignore[misc]


# --- the next due time ------------------------------------------------------------------


def test_daily_reminder_is_due_later_today_then_tomorrow() -> None:
    schedule = daily(time(8), time(20))
    now = local(BERLIN, 2026, 11, 24, 12, 0)
    first = next_occurrence(schedule, now, BERLIN)
    assert first == local(BERLIN, 2026, 11, 24, 20, 0)
    assert next_occurrence(schedule, first, BERLIN) == local(BERLIN, 2026, 11, 25, 8, 0)  # type: ignore[arg-type]


def test_a_reminder_exactly_now_is_not_due_again() -> None:
    now = local(BERLIN, 2026, 11, 24, 8, 0)
    assert next_occurrence(daily(time(8)), now, BERLIN) == local(BERLIN, 2026, 11, 25, 8, 0)


def test_chosen_weekdays_skip_the_other_days() -> None:
    # Monday and Thursday at 07:30; 24 Nov 2026 is a Tuesday.
    schedule = Schedule(
        kind=ScheduleKind.WEEKDAYS, times=(time(7, 30),), weekdays=frozenset({0, 3})
    )
    now = local(BERLIN, 2026, 11, 24, 12, 0)
    first = next_occurrence(schedule, now, BERLIN)
    assert first == local(BERLIN, 2026, 11, 26, 7, 30)
    assert next_occurrence(schedule, first, BERLIN) == local(BERLIN, 2026, 11, 30, 7, 30)  # type: ignore[arg-type]


def test_every_two_hours_inside_a_window() -> None:
    schedule = Schedule(
        kind=ScheduleKind.INTERVAL,
        every=timedelta(hours=2),
        window_start=time(8),
        window_end=time(20),
    )
    day = date(2026, 11, 24)
    start = datetime.combine(day, time(0), BERLIN)
    end = datetime.combine(day, time(23, 59), BERLIN)
    hours = [m.hour for m in occurrences_between(schedule, start, end, BERLIN)]
    assert hours == [8, 10, 12, 14, 16, 18, 20]
    assert describe_schedule(schedule) == "Daily, every 2 hours from 08:00–20:00"


def test_an_interval_that_does_not_divide_the_window_stops_inside_it() -> None:
    schedule = Schedule(
        kind=ScheduleKind.INTERVAL,
        every=timedelta(minutes=90),
        window_start=time(9),
        window_end=time(12),
    )
    assert schedule.wall_times() == (time(9), time(10, 30), time(12))


# --- daylight saving time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        (BERLIN, date(2026, 3, 29)),
        (BERLIN, date(2026, 10, 25)),
        (NEW_YORK, date(2026, 3, 8)),
        (NEW_YORK, date(2026, 11, 1)),
    ],
    ids=["berlin-spring", "berlin-autumn", "newyork-spring", "newyork-autumn"],
)
def test_eight_oclock_stays_eight_oclock_across_dst(zone: ZoneInfo, day: date) -> None:
    schedule = daily(time(8))
    start = datetime.combine(day - timedelta(days=2), time(12), zone)
    end = datetime.combine(day + timedelta(days=2), time(12), zone)
    moments = occurrences_between(schedule, start, end, zone)
    assert [(m.date(), m.hour, m.minute) for m in moments] == [
        (day + timedelta(days=i), 8, 0) for i in range(-1, 3)
    ]
    # Around the change the real gap between two 08:00s is 23 or 25 hours, not 24.
    instants = [m.astimezone(UTC) for m in moments]
    gaps = {instants[i + 1] - instants[i] for i in range(len(instants) - 1)}
    assert gaps in (
        {timedelta(hours=24), timedelta(hours=23)},
        {timedelta(hours=24), timedelta(hours=25)},
    )


def test_a_time_skipped_by_spring_forward_fires_when_the_clocks_jump_berlin() -> None:
    # Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 never happens.
    fired = next_occurrence(daily(time(2, 30)), local(BERLIN, 2026, 3, 29, 0, 0), BERLIN)
    assert fired == local(BERLIN, 2026, 3, 29, 3, 0)
    assert fired is not None and fired.astimezone(UTC) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    # And the day after, 02:30 exists again.
    assert next_occurrence(daily(time(2, 30)), fired, BERLIN) == local(BERLIN, 2026, 3, 30, 2, 30)


def test_a_time_skipped_by_spring_forward_fires_when_the_clocks_jump_new_york() -> None:
    # New York, 8 March 2026: 02:00 EST becomes 03:00 EDT.
    fired = next_occurrence(daily(time(2, 15)), local(NEW_YORK, 2026, 3, 7, 23, 0), NEW_YORK)
    assert fired is not None and fired.astimezone(UTC) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    assert (fired.hour, fired.minute) == (3, 0)


def test_two_times_inside_the_gap_both_fire_once_at_the_jump() -> None:
    schedule = daily(time(2, 10), time(2, 40), time(3, 30))
    start = local(BERLIN, 2026, 3, 29, 0, 0)
    end = local(BERLIN, 2026, 3, 29, 12, 0)
    moments = occurrences_between(schedule, start, end, BERLIN)
    assert [m.astimezone(BERLIN).strftime("%H:%M") for m in moments] == ["03:00", "03:00", "03:30"]
    # One alarm carries both, not a second alarm a moment later.
    r1, r2 = reminder(daily(time(2, 10)), "a"), reminder(daily(time(2, 40)), "b")
    alarm = next_alarm([r1, r2], start, BERLIN)
    assert alarm is not None and {r.key for r in alarm.reminders} == {"a", "b"}


@pytest.mark.parametrize(
    ("zone", "day", "utc_hour"),
    [(BERLIN, date(2026, 10, 25), 0), (NEW_YORK, date(2026, 11, 1), 5)],
    ids=["berlin", "new-york"],
)
def test_an_ambiguous_autumn_time_fires_once_at_its_first_occurrence(
    zone: ZoneInfo, day: date, utc_hour: int
) -> None:
    wall = time(2, 30) if zone is BERLIN else time(1, 30)
    schedule = daily(wall)
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day, time(12), zone)
    moments = occurrences_between(schedule, start, end, zone)
    assert len(moments) == 1
    assert moments[0].astimezone(UTC) == datetime.combine(day, time(utc_hour, 30), UTC)
    # Asked again just after it fired (inside the repeated hour), the next is tomorrow.
    after = moments[0] + timedelta(minutes=45)
    following = next_occurrence(schedule, after, zone)
    assert following is not None and following.date() == day + timedelta(days=1)


def test_resolving_wall_times_round_trips_outside_transitions() -> None:
    moment = resolve_wall_time(date(2026, 7, 1), time(9, 15), BERLIN)
    assert moment.utcoffset() == timedelta(hours=2)
    assert (moment.hour, moment.minute) == (9, 15)


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 45]),
    zone=st.sampled_from([BERLIN, NEW_YORK, TOKYO]),
)
def test_every_wall_time_fires_exactly_once_a_day_at_or_after_itself(
    day: date, hour: int, minute: int, zone: ZoneInfo
) -> None:
    wall = time(hour, minute)
    start = datetime.combine(day, time(0), zone) - timedelta(seconds=1)
    end = datetime.combine(day + timedelta(days=1), time(0), zone) - timedelta(seconds=1)
    moments = occurrences_between(daily(wall), start, end, zone)
    assert len(moments) == 1
    shown = moments[0].astimezone(zone)
    assert shown.date() == day
    # The local time is the wall time, or (in a spring gap) at most an hour later.
    naive = datetime.combine(day, wall)
    late = shown.replace(tzinfo=None) - naive
    assert timedelta(0) <= late <= timedelta(hours=1)


# --- time zones -------------------------------------------------------------------------


def test_a_change_of_time_zone_re_anchors_to_the_new_wall_clock() -> None:
    schedule = daily(time(8))
    # Fired at 08:00 in Berlin; the user then flies to New York.
    fired = local(BERLIN, 2026, 11, 24, 8, 0)
    landed = local(NEW_YORK, 2026, 11, 24, 4, 0)  # 10:00 in Berlin
    assert landed > fired
    nxt = next_occurrence(schedule, landed, NEW_YORK)
    assert nxt == local(NEW_YORK, 2026, 11, 24, 8, 0)
    assert nxt is not None and nxt.astimezone(BERLIN).hour == 14


def test_flying_east_does_not_replay_the_morning_twice() -> None:
    schedule = daily(time(8))
    fired = local(NEW_YORK, 2026, 11, 24, 8, 0)  # 22:00 in Tokyo
    nxt = next_occurrence(schedule, fired, TOKYO)
    assert nxt == local(TOKYO, 2026, 11, 25, 8, 0)


# --- catch-up and snooze ------------------------------------------------------------------


def test_missed_reminders_collapse_to_one_line_each() -> None:
    meds = reminder(daily(time(8), time(20)), "med1")
    glucose = reminder(daily(time(7)), "r2")
    off = reminder(daily(time(9)), "r3", enabled=False)
    last_run = local(BERLIN, 2026, 11, 23, 21, 0)
    now = local(BERLIN, 2026, 11, 24, 21, 0)
    missed = missed_since([meds, glucose, off], last_run, now, BERLIN)
    assert [(m.reminder.key, m.count) for m in missed] == [("r2", 1), ("med1", 2)]
    assert missed[-1].first == local(BERLIN, 2026, 11, 24, 8, 0)
    assert missed[-1].last == local(BERLIN, 2026, 11, 24, 20, 0)


def test_catch_up_only_looks_back_two_days() -> None:
    meds = reminder(daily(time(8)), "med1")
    missed = missed_since(
        [meds], local(BERLIN, 2026, 11, 1, 9, 0), local(BERLIN, 2026, 11, 24, 9, 0), BERLIN
    )
    assert [(m.reminder.key, m.count) for m in missed] == [("med1", 2)]


def test_nothing_is_missed_when_the_app_ran_through() -> None:
    meds = reminder(daily(time(8)), "med1")
    now = local(BERLIN, 2026, 11, 24, 9, 0)
    assert missed_since([meds], now - timedelta(minutes=30), now, BERLIN) == []


def test_snooze_brings_a_reminder_back_before_its_next_occurrence() -> None:
    r = reminder(daily(time(8)))
    now = local(BERLIN, 2026, 11, 24, 8, 0)
    snoozed = snooze(r, now, timedelta(minutes=10))
    assert next_due(snoozed, now, BERLIN) == local(BERLIN, 2026, 11, 24, 8, 10)
    # The snooze is due once; after it, the schedule takes over again.
    assert [x.key for x in due_between([snoozed], now, now + timedelta(minutes=10), BERLIN)] == [
        "r1"
    ]
    assert next_due(snoozed, now + timedelta(minutes=10), BERLIN) == local(
        BERLIN, 2026, 11, 25, 8, 0
    )


def test_a_snooze_past_the_next_occurrence_does_not_hide_it() -> None:
    r = snooze(
        reminder(daily(time(8), time(9))), local(BERLIN, 2026, 11, 24, 8, 0), timedelta(hours=2)
    )
    assert next_due(r, local(BERLIN, 2026, 11, 24, 8, 0), BERLIN) == local(
        BERLIN, 2026, 11, 24, 9, 0
    )


def test_a_snooze_must_last() -> None:
    with pytest.raises(ValueError, match="last"):
        snooze(reminder(daily(time(8))), local(BERLIN, 2026, 11, 24, 8), timedelta(0))


def test_a_disabled_reminder_is_never_due() -> None:
    r = reminder(daily(time(8)), enabled=False)
    assert next_due(r, local(BERLIN, 2026, 11, 24, 7), BERLIN) is None
    assert next_alarm([r], local(BERLIN, 2026, 11, 24, 7), BERLIN) is None


# --- validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        (Schedule(kind=ScheduleKind.DAILY), "at least one time"),
        (Schedule(kind=ScheduleKind.WEEKDAYS, times=(time(8),), weekdays=frozenset()), "one day"),
        (Schedule(kind=ScheduleKind.INTERVAL, every=timedelta(minutes=5)), "15 minutes"),
        (
            Schedule(
                kind=ScheduleKind.INTERVAL,
                every=timedelta(hours=1),
                window_start=time(20),
                window_end=time(8),
            ),
            "end after",
        ),
    ],
)
def test_schedules_that_cannot_work_are_refused_with_a_reason(
    schedule: Schedule, message: str
) -> None:
    with pytest.raises(ScheduleError, match=message):
        validate_schedule(schedule)


def test_schedules_read_as_words() -> None:
    assert describe_schedule(daily(time(20), time(8))) == "Daily at 08:00, 20:00"
    weekdays = Schedule(
        kind=ScheduleKind.WEEKDAYS, times=(time(7, 30),), weekdays=frozenset({0, 2})
    )
    assert describe_schedule(weekdays) == "Mon, Wed at 07:30"
