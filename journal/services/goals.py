"""Goals as use cases: save with validation, templates on first use, progress.

Goals live in the journal file (tables from migration 0002); their progress comes from the
daily measures they follow (``journal.domain.measures``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from journal.analysis.goal_progress import (
    GoalProgress,
    doses_on_schedule,
    goal_progress,
    history_range,
)
from journal.domain.entries import DoseLog
from journal.domain.goals import (
    DAILY_MEASURES,
    Goal,
    GoalError,
    GoalMeasure,
    GoalPeriod,
    GoalTemplate,
    goal_templates,
    validate_goal,
)
from journal.domain.vocabulary import EntryKind
from journal.services.journal import JournalService, Topic
from journal.services.measures import read_measures
from journal.services.preferences import load_units
from journal.services.undo import Command
from journal.store import goal_repository as goal_repo
from journal.store import repository as repo
from journal.store.database import Database

log = logging.getLogger(__name__)

TEMPLATES_OFFERED_KEY = "goals.templates_offered"
DAY_HISTORY = 14
WEEK_HISTORY = 8


class GoalService:
    """Create, edit, pause and remove goals; compute their progress from the journal."""

    def __init__(self, db: Database, journal: JournalService) -> None:
        self.db = db
        self.journal = journal

    def _changed(self, text: str) -> None:
        # Views refresh from the journal's one change signal (see JournalSignals).
        self.journal.announce([], text, topics=[Topic.GOALS])

    def goals(self, *, include_paused: bool = True) -> list[Goal]:
        with self.db.reading() as session:
            found = goal_repo.goals(session)
        return [g for g in found if include_paused or not g.paused]

    def goal(self, goal_id: int) -> Goal | None:
        with self.db.reading() as session:
            return goal_repo.get_goal(session, goal_id)

    def _check(self, goal: Goal) -> Goal:
        goal = replace(goal, name=goal.name.strip())
        validate_goal(goal)
        if (
            goal.measure is GoalMeasure.TRACKER
            and self.journal.tracker(goal.tracker_id or 0) is None
        ):
            raise GoalError("tracker", "That tracker no longer exists; choose another one.")
        return goal

    def save_goal(self, goal: Goal) -> Goal:
        """Add a goal or save changes to one; raises :class:`GoalError` for bad input."""
        goal = self._check(goal)
        with self.db.transaction() as session:
            saved = replace(goal, id=goal_repo.save_goal(session, goal, self.journal.now().date()))
        self._changed("Goal saved")
        return saved

    def set_paused(self, goal_id: int, paused: bool) -> Goal:
        goal = self.goal(goal_id)
        if goal is None:
            raise LookupError("This goal no longer exists.")
        return self.save_goal(replace(goal, paused=paused))

    def delete_goal(self, goal_id: int) -> Goal:
        """Remove a goal; Undo brings it back as it was."""
        goal = self.goal(goal_id)
        if goal is None:
            raise LookupError("This goal no longer exists.")
        today = self.journal.now().date()
        with self.db.transaction() as session:
            goal_repo.delete_goal(session, goal_id)

        def undo() -> None:
            with self.db.transaction() as session:
                goal_repo.save_goal(session, goal, today)
            self._changed("Undo: Remove goal")

        def redo() -> None:
            with self.db.transaction() as session:
                goal_repo.delete_goal(session, goal_id)
            self._changed("Remove goal")

        self.journal.undo_stack.push(Command("Remove goal", undo, redo))
        self._changed("Remove goal")
        return goal

    def recent_daily_average(self, measure: GoalMeasure, days: int = 28) -> float | None:
        """The measure's mean over the logged days of the last ``days``, rounded to a whole
        number: a personal starting point where no public figure fits (None: no data)."""
        name = DAILY_MEASURES.get(measure)
        if name is None:
            return None
        today = self.journal.now().date()
        with self.db.reading() as session:
            read = read_measures(session, [name], today - timedelta(days=days), today)
        logged = [v for v in read.values[name].values() if v is not None]
        return float(round(sum(logged) / len(logged))) if logged else None

    # --- first run --------------------------------------------------------------------------

    def templates(self) -> list[GoalTemplate]:
        return goal_templates(load_units(self.db).glucose)

    def should_offer_templates(self) -> bool:
        """True on first use: no goals yet and the templates were never offered."""
        with self.db.reading() as session:
            offered = repo.get_setting(session, TEMPLATES_OFFERED_KEY)
            count = goal_repo.count_goals(session)
        return not offered and count == 0

    def mark_templates_offered(self) -> None:
        with self.db.transaction() as session:
            repo.put_setting(session, TEMPLATES_OFFERED_KEY, True)

    def add_templates(self, chosen: list[GoalTemplate]) -> list[Goal]:
        saved = [self.save_goal(t.goal) for t in chosen]
        self.mark_templates_offered()
        return saved

    # --- progress ---------------------------------------------------------------------------

    def progress(
        self, *, week_start: int = 0, today: date | None = None
    ) -> list[tuple[Goal, GoalProgress]]:
        """Every goal with its progress on ``today`` (default: the clock's day), read once."""
        goals = self.goals()
        if not goals:
            return []
        today = today or self.journal.now().date()
        ranges = {
            g.uid: history_range(g, today, week_start=week_start, history_periods=_history(g))
            for g in goals
        }
        first = min(r[0] for r in ranges.values())
        values = self.daily_values(goals, first, today)
        return [
            (
                goal,
                goal_progress(
                    goal,
                    values[goal.uid],
                    today,
                    week_start=week_start,
                    history_periods=_history(goal),
                ),
            )
            for goal in goals
        ]

    def daily_values(
        self, goals: Sequence[Goal], first: date, last: date
    ) -> dict[str, dict[date, float | None]]:
        """Each goal's number for every day in [first, last] (None: not logged), by uid:
        the daily measure it follows, read once for all of them."""
        names = [g.daily_measure for g in goals if g.daily_measure is not None]
        with self.db.reading() as session:
            measures = read_measures(session, names, first, last)
            needs_doses = any(g.measure is GoalMeasure.DOSES_ON_SCHEDULE for g in goals)
            meds = repo.medications(session) if needs_doses else []
            entries = (
                repo.entries_between(session, first, last, [EntryKind.DOSE]) if needs_doses else []
            )
        doses = [e for e in entries if isinstance(e, DoseLog)]
        result: dict[str, dict[date, float | None]] = {}
        for goal in goals:
            name = goal.daily_measure
            if name is None:
                logged = measures.logged
                result[goal.uid] = doses_on_schedule(
                    doses, meds, first, last, logged, self.journal.clock.localize
                )
            else:
                result[goal.uid] = measures.values[name]
        return result


def _history(goal: Goal) -> int:
    return DAY_HISTORY if goal.period is GoalPeriod.DAY else WEEK_HISTORY
