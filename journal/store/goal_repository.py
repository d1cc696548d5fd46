"""Reads and writes of goals and reminders within a session; callers own the transaction."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from journal.domain.goals import Comparison, Goal, GoalMeasure, GoalPeriod
from journal.domain.reminders import Reminder, ReminderAction, Schedule, ScheduleKind
from journal.store.goal_models import GoalRow, ReminderRow

# --- goals --------------------------------------------------------------------------------


def goal_from_row(row: GoalRow) -> Goal:
    return Goal(
        id=row.id,
        uid=row.uid,
        name=row.name,
        measure=GoalMeasure(row.measure),
        comparison=Comparison(row.comparison),
        target=row.target,
        period=GoalPeriod(row.period),
        days_per_period=row.days_per_period,
        tracker_id=row.tracker_id,
        paused=row.paused,
        note=row.note,
    )


def _goal_columns(goal: Goal) -> dict[str, Any]:
    return {
        "uid": goal.uid,
        "name": goal.name.strip(),
        "measure": goal.measure.value,
        "comparison": goal.comparison.value,
        "target": float(goal.target),
        "period": goal.period.value,
        "days_per_period": goal.days_per_period,
        "tracker_id": goal.tracker_id,
        "paused": goal.paused,
        "note": goal.note,
    }


def goals(session: Session) -> list[Goal]:
    """Every goal in the user's order; rows written by a newer version are skipped."""
    rows = session.scalars(select(GoalRow).order_by(GoalRow.position, GoalRow.id))
    found: list[Goal] = []
    for row in rows:
        try:
            found.append(goal_from_row(row))
        except ValueError:
            continue  # an unknown measure from a newer Interplay: leave it alone
    return found


def get_goal(session: Session, goal_id: int) -> Goal | None:
    row = session.get(GoalRow, goal_id)
    return goal_from_row(row) if row is not None else None


def save_goal(session: Session, goal: Goal, created: date, position: int | None = None) -> int:
    """Insert or update ``goal`` (an id it already has is kept, as undo of a delete needs)."""
    row = session.get(GoalRow, goal.id) if goal.id is not None else None
    columns = _goal_columns(goal)
    if row is None:
        if position is None:
            position = (session.scalar(select(func.max(GoalRow.position))) or 0) + 1
        row = GoalRow(**columns, created=created, position=position)
        if goal.id is not None:
            row.id = goal.id
        session.add(row)
    else:
        for name, value in columns.items():
            setattr(row, name, value)
    session.flush()
    return row.id


def delete_goal(session: Session, goal_id: int) -> None:
    session.execute(delete(GoalRow).where(GoalRow.id == goal_id))


def count_goals(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(GoalRow)) or 0)


# --- reminders ----------------------------------------------------------------------------


def _clock(value: time) -> str:
    return value.strftime("%H:%M")


def _parse_clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def schedule_to_json(schedule: Schedule) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": schedule.kind.value,
        "times": [_clock(t) for t in schedule.times],
        "weekdays": sorted(schedule.weekdays),
        "window": [_clock(schedule.window_start), _clock(schedule.window_end)],
    }
    if schedule.every is not None:
        data["every_min"] = int(schedule.every.total_seconds() // 60)
    return data


def schedule_from_json(data: dict[str, Any]) -> Schedule:
    window = data.get("window") or ["08:00", "20:00"]
    every = data.get("every_min")
    return Schedule(
        kind=ScheduleKind(data.get("kind", "daily")),
        times=tuple(_parse_clock(t) for t in data.get("times", [])),
        weekdays=frozenset(int(d) for d in data.get("weekdays", range(7))),
        every=timedelta(minutes=int(every)) if every else None,
        window_start=_parse_clock(window[0]),
        window_end=_parse_clock(window[1]),
    )


def reminder_from_row(row: ReminderRow) -> Reminder:
    return Reminder(
        id=row.id,
        uid=row.uid,
        key=f"r{row.id}",
        action=ReminderAction(row.action),
        message=row.message,
        medication_id=row.medication_id,
        schedule=schedule_from_json(row.schedule),
        enabled=row.enabled,
    )


def reminders(session: Session) -> list[Reminder]:
    found: list[Reminder] = []
    for row in session.scalars(select(ReminderRow).order_by(ReminderRow.id)):
        try:
            found.append(reminder_from_row(row))
        except (ValueError, KeyError, IndexError, TypeError):
            continue  # a schedule written by a newer version: skip rather than fail
    return found


def get_reminder(session: Session, reminder_id: int) -> Reminder | None:
    row = session.get(ReminderRow, reminder_id)
    return reminder_from_row(row) if row is not None else None


def save_reminder(session: Session, reminder: Reminder) -> int:
    row = session.get(ReminderRow, reminder.id) if reminder.id is not None else None
    columns: dict[str, Any] = {
        "action": reminder.action.value,
        "message": reminder.message.strip(),
        "medication_id": reminder.medication_id,
        "schedule": schedule_to_json(reminder.schedule),
        "enabled": reminder.enabled,
    }
    if row is None:
        row = ReminderRow(uid=reminder.uid, **columns)
        if reminder.id is not None:
            row.id = reminder.id
        session.add(row)
    else:
        for name, value in columns.items():
            setattr(row, name, value)
    session.flush()
    return row.id


def delete_reminder(session: Session, reminder_id: int) -> None:
    session.execute(delete(ReminderRow).where(ReminderRow.id == reminder_id))
