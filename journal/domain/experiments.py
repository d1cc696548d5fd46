"""A self-experiment as the journal keeps it: what is tested, when, and its day-by-day plan.

The person fixes the factor (a yes/no column of Insights, e.g. "meal tagged gluten"), the
outcome and the lag before the first day; the schedule says, for each day from ``start``,
whether it is a day "with" the factor (as usual) or "without" it. The analysis is in
``journal.analysis.insights.experiment``; this is only what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from journal.domain.entries import new_uid


class ExperimentStatus(StrEnum):
    RUNNING = "running"  # planned or under way; ends by itself after its last day
    STOPPED = "stopped"  # stopped early by the person; kept, with what it found so far


@dataclass(frozen=True, kw_only=True)
class SelfExperiment:
    """One planned experiment. ``schedule[i]`` is day ``start + i``: True = with the factor.

    ``unit`` is "week" (whole weeks with or without) or "day"; ``seed`` drew the schedule.
    ``factor_label`` and ``outcome_label`` keep the words the person chose, so the card reads
    the same even if a tracker is renamed later.
    """

    factor: str
    factor_label: str
    outcome: str
    outcome_label: str
    lag_days: int
    unit: str
    seed: int
    start: date
    schedule: tuple[bool, ...]
    reminder_id: int | None = None
    status: ExperimentStatus = ExperimentStatus.RUNNING
    stopped: date | None = None
    note: str = ""
    id: int | None = None
    uid: str = field(default_factory=new_uid)

    @property
    def last_day(self) -> date:
        return self.start + timedelta(days=len(self.schedule) - 1)

    @property
    def weeks(self) -> int:
        return len(self.schedule) // 7

    def planned_with(self, day: date) -> bool | None:
        """Whether ``day`` is planned with the factor (None: outside the experiment)."""
        index = (day - self.start).days
        if not 0 <= index < len(self.schedule):
            return None
        return self.schedule[index]

    def finished_on(self, today: date) -> bool:
        """Whether every planned day (and the lag after the last) is behind ``today``."""
        return today > self.last_day + timedelta(days=self.lag_days)


def schedule_text(schedule: tuple[bool, ...]) -> str:
    """The schedule as stored: one character per day, "1" with the factor, "0" without."""
    return "".join("1" if on else "0" for on in schedule)


def schedule_from_text(text: str) -> tuple[bool, ...]:
    if set(text) - {"0", "1"}:
        raise ValueError("An experiment's schedule holds only 0 and 1.")
    return tuple(ch == "1" for ch in text)


def day_plan_words(factor_label: str, with_factor: bool) -> str:
    """What a planned day asks of the person, in a few words."""
    if with_factor:
        return f"as usual ({factor_label} allowed)"
    return f"without {factor_label}"
