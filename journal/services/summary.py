"""The day-by-day numbers and goal periods of a range, for ``interplay summary --json``.

Every number comes from the daily measures (``journal.domain.measures``), the doses due
(``journal.analysis.doses``) and goal progress, exactly as Today, Charts and Goals show
them, in canonical units (mg/dL, g, minutes, hours); None is "not recorded".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from journal.analysis.daily import dates
from journal.analysis.doses import doses_due
from journal.analysis.goal_progress import PeriodStatus, evaluate_period, period_of
from journal.analysis.labs import homa_ir_by_day
from journal.domain.entries import DoseLog, LabResult
from journal.domain.goals import GoalPeriod
from journal.domain.vocabulary import DoseStatus, EntryKind
from journal.services.goals import GoalService
from journal.services.journal import JournalService
from journal.services.measures import read_measures
from journal.store import repository as repo
from journal.store.database import Database

# JSON key -> daily measure.
DAY_MEASURES: dict[str, str] = {
    "carbs_g": "carbs_g",
    "added_sugar_g": "added_sugar_g",
    "active_minutes": "active_minutes",
    "who_minutes": "who_minutes",
    "stress_mean": "stress_mean",
    "sleep_h": "sleep_hours",
    "glucose_min_mg_dl": "glucose_min",
    "glucose_max_mg_dl": "glucose_max",
}


@dataclass(frozen=True)
class Summary:
    first: date
    last: date
    days: list[dict[str, Any]]
    goals: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "days": self.days,
            "goals": self.goals,
        }


class SummaryService:
    """The numbers of a range of days, read once for all of them."""

    def __init__(self, db: Database, journal: JournalService, goals: GoalService) -> None:
        self.db = db
        self.journal = journal
        self.goals = goals

    def summary(self, first: date, last: date, *, week_start: int = 0) -> Summary:
        with self.db.reading() as session:
            measures = read_measures(session, DAY_MEASURES.values(), first, last)
            medications = repo.medications(session)
            kinds = [EntryKind.DOSE, EntryKind.LAB]
            entries = repo.entries_between(session, first, last, kinds)
        doses = [e for e in entries if isinstance(e, DoseLog)]
        homa = homa_ir_by_day(e for e in entries if isinstance(e, LabResult))
        days = []
        for day in dates(first, last):
            row: dict[str, Any] = {"day": day.isoformat()}
            for key, name in DAY_MEASURES.items():
                row[key] = measures.on(name, day)
            due = doses_due(medications, day, self.journal.clock.localize)
            logged = {
                (d.medication_id, d.scheduled)
                for d in doses
                if d.day == day and d.status is not DoseStatus.SKIPPED
            }
            row["doses_due"] = len(due)
            row["doses_taken"] = sum(1 for med, time in due if (med.id, time) in logged)
            row["homa_ir"] = homa.get(day)
            days.append(row)
        return Summary(first, last, days, self._goal_periods(first, last, week_start))

    def _goal_periods(self, first: date, last: date, week_start: int) -> list[dict[str, Any]]:
        goals = self.goals.goals()
        if not goals:
            return []
        today = self.journal.now().date()
        start = period_of(first, GoalPeriod.WEEK, week_start)[0]
        values = self.goals.daily_values(goals, start, max(last, first))
        rows: list[dict[str, Any]] = []
        for goal in goals:
            period_first = period_of(first, goal.period, week_start)[0]
            step = timedelta(days=1 if goal.period is GoalPeriod.DAY else 7)
            while period_first <= last:
                period_last = period_first + step - timedelta(days=1)
                result = evaluate_period(goal, values[goal.uid], period_first, period_last, today)
                target = goal.days_per_period if goal.counts_days else goal.target
                rows.append(
                    {
                        "name": goal.name,
                        "period_start": period_first.isoformat(),
                        "value": result.value,
                        "target": target,
                        "met": result.status is PeriodStatus.MET,
                        "status": result.status.value,
                    }
                )
                period_first += step
        return rows
