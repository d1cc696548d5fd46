"""Insights as use cases: the daily table read from the measure registry, the findings for a
range (cached until the journal changes), and self-experiments kept in the journal.

``compute`` takes about a second on ten years (most of it reading the measures), so the
interface runs it through its one background runner and never waits for it; the cache is
keyed by range and dropped on any change a finding could depend on (entries, flares, the
medication and tracker lists, units). Experiments are planned here: the schedule is drawn
from a seed the person never sees, saved with a daily reminder that says what today asks,
and analysed at the end on the planned days only.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time as clock_time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from sqlalchemy.orm import Session

from journal.analysis.insights import Finding, InsightsResult, Kind, run_insights
from journal.analysis.insights.columns import (
    CGM_COLUMNS,
    FIXED_COLUMNS,
    InsightColumn,
    build_table,
    insight_columns,
    meal_tag_column,
    measures_read,
    missed_dose_column,
    symptom_column,
    tracker_column,
)
from journal.analysis.insights.evidence import Evidence, evidence_for
from journal.analysis.insights.experiment import (
    MAX_WEEKS,
    MIN_WEEKS,
    Adherence,
    ExperimentPlan,
    ExperimentResult,
    Unit,
    analyse_experiment,
    check_adherence,
    plan_experiment,
)
from journal.analysis.insights.table import DailyTable
from journal.domain.experiments import ExperimentStatus, SelfExperiment
from journal.domain.reminders import Reminder, ReminderAction, Schedule
from journal.domain.vocabulary import MEAL_QUALITY_TAGS, SYMPTOMS, EntryKind
from journal.services.changes import JournalChange, Topic
from journal.services.errors import JournalError
from journal.services.journal import JournalService
from journal.services.measures import read_measures
from journal.services.preferences import load_units
from journal.services.reminders import ReminderService
from journal.services.undo import Command
from journal.store import experiment_repository as experiment_repo
from journal.store import goal_repository as goal_repo
from journal.store import insight_queries as iq
from journal.store import repository as repo
from journal.store import series_queries
from journal.store.database import Database

log = logging.getLogger(__name__)

# What a finding can depend on: any entry, flare episodes, the medication and tracker lists
# (their names label columns) and the units (glucose is shown in the user's).
INSIGHT_TOPICS = (Topic.ENTRIES, Topic.FLARES, Topic.MEDICATIONS, Topic.TRACKERS, Topic.SETTINGS)
DEFAULT_REMINDER_TIME = time(8, 0)


class InsightsError(JournalError):
    """A request Insights cannot carry out; the message says what to change."""


@dataclass(frozen=True, eq=False)
class InsightsReport:
    """The findings for one range, the table they came from, and when they were computed."""

    first: date
    last: date
    result: InsightsResult
    table: DailyTable
    generation: int
    seconds: float

    def evidence(self, finding: Finding) -> Evidence:
        return evidence_for(self.table, finding.factor_name, finding.outcome_name, finding.lag_days)


@dataclass(frozen=True)
class Choice:
    """A column a person can pick for an experiment: its name in the table and its label."""

    name: str
    label: str


@dataclass(frozen=True)
class ExperimentProgress:
    """Where an experiment stands on ``today``, and its result once it is over."""

    experiment: SelfExperiment
    today: date
    day_number: int
    """1 on the first planned day, 0 before it, past the total after the last."""
    total_days: int
    today_with: bool | None
    adherence: Adherence
    result: ExperimentResult | None

    @property
    def started(self) -> bool:
        return self.day_number >= 1

    @property
    def finished(self) -> bool:
        return self.experiment.finished_on(self.today)

    @property
    def stopped(self) -> bool:
        return self.experiment.status is ExperimentStatus.STOPPED

    @property
    def upcoming(self) -> list[tuple[date, bool]]:
        """The next seven planned days from today, each with or without the factor."""
        days = [self.today + timedelta(days=i) for i in range(7)]
        return [(d, on) for d in days if (on := self.experiment.planned_with(d)) is not None]


class InsightsService:
    """Findings for a range, and self-experiments, for one open journal."""

    def __init__(self, db: Database, journal: JournalService, reminders: ReminderService) -> None:
        self.db = db
        self.journal = journal
        self.reminders = reminders
        self._lock = threading.Lock()
        self._generation = 0
        self._cache: dict[tuple[date, date], InsightsReport] = {}
        journal.subscribe(self._on_change)

    # --- the findings ---------------------------------------------------------------------

    def _on_change(self, change: JournalChange) -> None:
        if change.touches_any(EntryKind, INSIGHT_TOPICS):
            with self._lock:
                self._generation += 1
                self._cache.clear()

    @property
    def generation(self) -> int:
        """Counts the changes findings depend on; a report from an older one is stale."""
        return self._generation

    def today(self) -> date:
        return self.journal.clock.now().date()

    def default_range(self) -> tuple[date, date]:
        """From the journal's first day to today (today alone for an empty journal)."""
        today = self.today()
        with self.db.reading() as session:
            first = series_queries.first_day(session)
        if first is None or first > today:
            return today, today
        return first, today

    def cached(self, first: date, last: date) -> InsightsReport | None:
        """The report for the range if it is still current (nothing has changed since)."""
        with self._lock:
            report = self._cache.get((first, last))
        return report if report is not None and self.is_current(report) else None

    def is_current(self, report: InsightsReport) -> bool:
        return report.generation == self._generation

    def compute(self, first: date | None = None, last: date | None = None) -> InsightsReport:
        """Every declared test over [first, last] (default: the whole journal to today).

        Safe to call from a worker thread: it reads in its own short session. A result
        that a change overtook while it ran is returned but not kept.
        """
        if first is None or last is None:
            default_first, default_last = self.default_range()
            first, last = first or default_first, last or default_last
        if last < first:
            raise InsightsError("The range ends before it starts: choose a later last day.")
        report = self.cached(first, last)
        if report is not None:
            return report
        generation = self._generation
        started = clock_time.perf_counter()
        table = self.table(first, last)
        result = run_insights(table)
        report = InsightsReport(
            first, last, result, table, generation, clock_time.perf_counter() - started
        )
        with self._lock:
            if generation == self._generation:
                self._cache[(first, last)] = report
        log.info(
            "insights: %d tests over %d days in %.2f s",
            result.tests_run,
            table.n_days,
            report.seconds,
        )
        return report

    def table(self, first: date, last: date, extra: Iterable[str] = ()) -> DailyTable:
        """The daily table over [first, last]: the fixed columns, the meal tags, symptoms,
        medications and trackers logged in the range, and the ``extra`` columns named."""
        units = load_units(self.db)
        with self.db.reading() as session:
            columns = list(self._columns(session, first, last))
            present = {column.name for column in columns}
            for name in extra:
                if name not in present:
                    columns.append(self._column_named(session, name))
                    present.add(name)
            measures = read_measures(session, measures_read(columns), first, last)
        return build_table(columns, measures.values, first, last, units)

    def _columns(self, session: Session, first: date, last: date) -> tuple[InsightColumn, ...]:
        doses = iq.ids_logged(session, EntryKind.DOSE, first, last)
        logged_trackers = iq.ids_logged(session, EntryKind.TRACKER, first, last)
        return insight_columns(
            meal_tags=iq.meal_tags_used(session, first, last),
            symptoms=iq.symptoms_scored(session, first, last),
            medications=[m for m in repo.medications(session) if m.id in doses],
            trackers=[t for t in repo.trackers(session) if t.id in logged_trackers],
            cgm=iq.has_cgm_readings(session, first, last),
        )

    def _column_named(self, session: Session, name: str) -> InsightColumn:
        fixed = next((c for c in (*FIXED_COLUMNS, *CGM_COLUMNS) if c.name == name), None)
        if fixed is not None:
            return fixed
        family, _, parameter = name.partition(":")
        if family == "meal_tag" and parameter:
            return meal_tag_column(parameter)
        if family == "symptom" and parameter:
            return symptom_column(parameter)
        if family == "doses_missed":
            med = next((m for m in repo.medications(session) if str(m.id) == parameter), None)
            if med is not None:
                return missed_dose_column(med)
        if family == "tracker":
            tracker = next((t for t in repo.trackers(session) if str(t.id) == parameter), None)
            if tracker is not None:
                return tracker_column(tracker)
        raise InsightsError(f"Insights has no column called {name!r}.")

    # --- experiments: what can be tested ----------------------------------------------------

    def experiment_choices(self) -> tuple[list[Choice], list[Choice]]:
        """The yes/no factors and the outcomes an experiment can use, by label.

        Every meal quality and symptom of the vocabulary is offered, logged before or not:
        an experiment from scratch may be about something the person has not logged yet.
        """
        with self.db.reading() as session:
            first = series_queries.first_day(session) or self.today()
            columns = list(self._columns(session, first, max(first, self.today())))
            if iq.has_cgm_readings(session, date(1970, 1, 1), self.today()):
                columns += CGM_COLUMNS
        columns += [meal_tag_column(tag) for tag in MEAL_QUALITY_TAGS]
        columns += [symptom_column(symptom) for symptom in SYMPTOMS]
        factors: dict[str, Choice] = {}
        outcomes: dict[str, Choice] = {}
        for column in columns:
            spec = column.spec
            if spec.is_factor and spec.kind is Kind.BINARY:
                factors.setdefault(spec.name, Choice(spec.name, spec.label))
            if spec.is_outcome and not spec.is_event and spec.kind is not Kind.BINARY:
                outcomes.setdefault(spec.name, Choice(spec.name, spec.label))
        by_label: Callable[[Choice], str] = lambda choice: choice.label.lower()  # noqa: E731
        return sorted(factors.values(), key=by_label), sorted(outcomes.values(), key=by_label)

    # --- experiments: planning, stopping, removing ------------------------------------------

    def experiments(self) -> list[SelfExperiment]:
        with self.db.reading() as session:
            return experiment_repo.experiments(session)

    def experiment(self, experiment_id: int) -> SelfExperiment | None:
        with self.db.reading() as session:
            return experiment_repo.get_experiment(session, experiment_id)

    def plan_experiment(
        self,
        factor: str,
        outcome: str,
        lag_days: int,
        *,
        start: date,
        weeks: int,
        unit: Unit = "week",
        remind_at: time | None = DEFAULT_REMINDER_TIME,
        seed: int | None = None,
    ) -> SelfExperiment:
        """Draw the on/off schedule, save the experiment and its daily reminder; undoable."""
        factor_label, outcome_label = self._check_plan(factor, outcome, lag_days, start, weeks)
        seed = secrets.randbelow(2**31) if seed is None else seed
        drawn = plan_experiment(
            factor, outcome, lag_days, start=start, weeks=weeks, unit=unit, seed=seed
        )
        experiment = SelfExperiment(
            factor=factor,
            factor_label=factor_label,
            outcome=outcome,
            outcome_label=outcome_label,
            lag_days=lag_days,
            unit=unit,
            seed=seed,
            start=start,
            schedule=tuple(on for _, on in drawn.schedule),
        )
        reminder = (
            Reminder(
                action=ReminderAction.CUSTOM,
                schedule=Schedule(times=(remind_at,)),
                message=f"Self-experiment: {factor_label}",
            )
            if remind_at is not None
            else None
        )
        saved = self._save(experiment, reminder)
        text = "Plan self-experiment"

        def undo() -> None:
            assert saved.id is not None
            self._remove(saved)
            self._announce(f"Undo: {text}")

        def redo() -> None:
            self._save(saved, reminder)
            self._announce(text)

        self.journal.undo_stack.push(Command(text, undo, redo))
        self._announce(text)
        return saved

    def _check_plan(
        self, factor: str, outcome: str, lag_days: int, start: date, weeks: int
    ) -> tuple[str, str]:
        if not MIN_WEEKS <= weeks <= MAX_WEEKS:
            raise InsightsError(f"An experiment runs {MIN_WEEKS} to {MAX_WEEKS} weeks.")
        if lag_days not in (0, 1):
            raise InsightsError("Look at the outcome on the same day or on the next day.")
        if start < self.today():
            raise InsightsError("An experiment starts today or later, never in the past.")
        with self.db.reading() as session:
            factor_spec = self._column_named(session, factor).spec
            outcome_spec = self._column_named(session, outcome).spec
        if not (factor_spec.is_factor and factor_spec.kind is Kind.BINARY):
            raise InsightsError(f"“{factor_spec.label}” is not a yes/no factor to test.")
        if not outcome_spec.is_outcome or outcome_spec.is_event:
            raise InsightsError(f"“{outcome_spec.label}” cannot be an experiment's outcome.")
        if factor_spec.measure_group == outcome_spec.measure_group:
            raise InsightsError("Choose an outcome that is not the factor itself.")
        running = [e for e in self.experiments() if e.status is ExperimentStatus.RUNNING]
        overlapping = [
            e for e in running if e.start <= start + timedelta(weeks=weeks) and start <= e.last_day
        ]
        if any(e.factor == factor for e in overlapping):
            raise InsightsError("An experiment on this factor is already planned for these days.")
        return factor_spec.label, outcome_spec.label

    def stop_experiment(self, experiment_id: int) -> SelfExperiment:
        """Stop early (its reminder goes; what it found so far stays); undoable."""
        before = self.experiment(experiment_id)
        if before is None:
            raise LookupError("This experiment no longer exists.")
        stopped = replace(before, status=ExperimentStatus.STOPPED, stopped=self.today())
        reminder = self._reminder_of(before)
        with self.db.transaction() as session:
            experiment_repo.save_experiment(session, stopped)
            if before.reminder_id is not None:
                goal_repo.delete_reminder(session, before.reminder_id)
        text = "Stop self-experiment"

        def undo() -> None:
            self._save(before, reminder)
            self._announce(f"Undo: {text}")

        def redo() -> None:
            with self.db.transaction() as session:
                experiment_repo.save_experiment(session, stopped)
                if before.reminder_id is not None:
                    goal_repo.delete_reminder(session, before.reminder_id)
            self._announce(text)

        self.journal.undo_stack.push(Command(text, undo, redo))
        self._announce(text)
        return stopped

    def delete_experiment(self, experiment_id: int) -> SelfExperiment:
        """Remove an experiment and its reminder; undo brings both back."""
        before = self.experiment(experiment_id)
        if before is None:
            raise LookupError("This experiment no longer exists.")
        reminder = self._reminder_of(before)
        self._remove(before)
        text = "Remove self-experiment"

        def undo() -> None:
            self._save(before, reminder)
            self._announce(f"Undo: {text}")

        def redo() -> None:
            self._remove(before)
            self._announce(text)

        self.journal.undo_stack.push(Command(text, undo, redo))
        self._announce(text)
        return before

    def end_finished(self) -> int:
        """Remove the daily reminders of experiments that are over; how many went."""
        today = self.today()
        ended = [
            e
            for e in self.experiments()
            if e.reminder_id is not None
            and e.status is ExperimentStatus.RUNNING
            and e.finished_on(today)
        ]
        if not ended:
            return 0
        with self.db.transaction() as session:
            for experiment in ended:
                assert experiment.reminder_id is not None
                goal_repo.delete_reminder(session, experiment.reminder_id)
                experiment_repo.save_experiment(session, replace(experiment, reminder_id=None))
        self._announce("Self-experiment ended")
        return len(ended)

    def _save(self, experiment: SelfExperiment, reminder: Reminder | None) -> SelfExperiment:
        with self.db.transaction() as session:
            reminder_id = experiment.reminder_id
            if reminder is not None:
                reminder_id = goal_repo.save_reminder(
                    session, replace(reminder, id=experiment.reminder_id or reminder.id)
                )
            saved = replace(experiment, reminder_id=reminder_id)
            saved_id = experiment_repo.save_experiment(session, saved)
        return replace(saved, id=saved_id)

    def _remove(self, experiment: SelfExperiment) -> None:
        assert experiment.id is not None
        with self.db.transaction() as session:
            experiment_repo.delete_experiment(session, experiment.id)
            if experiment.reminder_id is not None:
                goal_repo.delete_reminder(session, experiment.reminder_id)

    def _reminder_of(self, experiment: SelfExperiment) -> Reminder | None:
        if experiment.reminder_id is None:
            return None
        with self.db.reading() as session:
            return goal_repo.get_reminder(session, experiment.reminder_id)

    def _announce(self, text: str) -> None:
        self.journal.announce([], text, topics=[Topic.EXPERIMENTS, Topic.REMINDERS])

    # --- experiments: progress and result ---------------------------------------------------

    def progress(self, experiment: SelfExperiment) -> ExperimentProgress:
        """Day, adherence so far and (once over, or stopped) the planned analysis."""
        today = self.today()
        plan = _plan_of(experiment)
        end = experiment.last_day + timedelta(days=experiment.lag_days)
        table = self.table(
            experiment.start, max(end, experiment.start), [experiment.factor, experiment.outcome]
        )
        elapsed = min(max((today - experiment.start).days, 0), len(plan.schedule))
        # Adherence over the days behind us only: later days cannot have been logged yet.
        so_far = replace(plan, schedule=plan.schedule[: max(elapsed, 1)])
        adherence = check_adherence(so_far, table)
        if elapsed == 0:
            adherence = replace(
                adherence, followed=0, not_followed=(), not_logged=(), outcome_logged=0
            )
        over = experiment.finished_on(today) or experiment.status is ExperimentStatus.STOPPED
        result = analyse_experiment(plan, table) if over else None
        return ExperimentProgress(
            experiment=experiment,
            today=today,
            day_number=(today - experiment.start).days + 1,
            total_days=len(plan.schedule),
            today_with=experiment.planned_with(today),
            adherence=adherence,
            result=result,
        )


def _plan_of(experiment: SelfExperiment) -> ExperimentPlan:
    start = experiment.start
    schedule = tuple((start + timedelta(days=i), on) for i, on in enumerate(experiment.schedule))
    unit: Unit = "day" if experiment.unit == "day" else "week"
    return ExperimentPlan(
        experiment.factor, experiment.outcome, experiment.lag_days, unit, experiment.seed, schedule
    )


def findings_document(result: InsightsResult) -> dict[str, object]:
    """Exactly what ``interplay insights --json`` writes: the number of tests and every
    finding with the contract's fields."""
    return {"tests_run": result.tests_run, "findings": [f.as_dict() for f in result.findings]}


def summary_lines(report: InsightsReport) -> Sequence[str]:
    """What ``interplay insights`` prints: supported findings, then the rest's count."""
    result = report.result
    lines = [
        f"Insights for {report.first.isoformat()} to {report.last.isoformat()}: "
        f"{result.tests_run} tests run, {len(result.supported)} supported."
    ]
    for finding in result.supported:
        lines.append(f"- {finding.sentence}")
    if not result.supported:
        lines.append("Nothing passed the false-discovery threshold yet.")
    lines.append(result.chance.sentence)
    if result.not_enough_data:
        lines.append(
            f"{len(result.not_enough_data)} more pairs wait for more days (see --json for all)."
        )
    return lines
