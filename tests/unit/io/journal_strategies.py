"""Hypothesis strategies for whole journals, and a quick way to open empty journals for tests."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from hypothesis import strategies as st

from journal.domain.clock import FakeClock
from journal.domain.entries import (
    BodyMeasure,
    DoseLog,
    Entry,
    Exercise,
    FlareEpisode,
    Glucose,
    LabResult,
    Meal,
    Medication,
    Note,
    Sleep,
    StressCheck,
    SymptomCheck,
    Tracker,
    TrackerValue,
)
from journal.domain.errors import ValidationError
from journal.domain.experiments import ExperimentStatus, SelfExperiment
from journal.domain.goals import MEASURES, Comparison, Goal, GoalMeasure, GoalPeriod
from journal.domain.labs import LAB_TESTS
from journal.domain.reminders import Reminder, ReminderAction, Schedule, ScheduleKind
from journal.domain.vocabulary import (
    DoseStatus,
    GlucoseContext,
    GlucoseSource,
    Intensity,
    MealType,
    MedicationKind,
    TrackerType,
)
from journal.services import Services, open_services
from journal.store.files import JOURNAL_FILENAME

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=TZ)

_template_dir: Path | None = None


def _template() -> Path:
    """An empty, migrated journal made once; copying it is much faster than migrating."""
    global _template_dir
    if _template_dir is None:
        _template_dir = Path(tempfile.mkdtemp(prefix="interplay-template-"))
        atexit.register(shutil.rmtree, _template_dir, True)
        open_services(_template_dir, FakeClock(NOW)).close()
    return _template_dir / JOURNAL_FILENAME


@contextmanager
def empty_journal(clock: FakeClock | None = None) -> Iterator[Services]:
    """A fresh empty journal in its own temporary folder, closed and removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="interplay-test-"))
    try:
        shutil.copy(_template(), folder / JOURNAL_FILENAME)
        services = open_services(folder, clock or FakeClock(NOW))
        try:
            yield services
        finally:
            services.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- values ------------------------------------------------------------------------------------

_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
text = st.text(
    alphabet=st.characters(blacklist_categories=_SURROGATES, blacklist_characters="\x00"),
    max_size=12,
)
name = text.filter(lambda t: bool(t.strip()))
tags = st.lists(name, max_size=3).map(tuple)
offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.builds(
    lambda naive, tz: naive.replace(tzinfo=tz),
    st.datetimes(datetime(2019, 1, 1), datetime(2026, 11, 23)),
    offsets,
)
grams = st.none() | st.floats(0, 500, allow_nan=False)
scale = st.integers(0, 10)
clock_times = st.builds(time, st.integers(0, 23), st.integers(0, 59))


@dataclass
class JournalSpec:
    """What to put in a journal; entries refer to medications/trackers/flares by index."""

    medications: list[Medication]
    trackers: list[Tracker]
    flares: list[FlareEpisode]
    entries: list[tuple[Entry, dict[str, int]]]
    favourites: list[tuple[str, Meal | Exercise]]
    settings: dict[str, Any]
    # Goals and reminders name their tracker / medication by index, like entries.
    goals: list[tuple[Goal, int | None]] = field(default_factory=list)
    reminders: list[tuple[Reminder, int | None]] = field(default_factory=list)
    muted_medications: list[int] = field(default_factory=list)
    # Self-experiments name their reminder by index in ``reminders`` (None: without one).
    experiments: list[tuple[SelfExperiment, int | None]] = field(default_factory=list)


def _common(draw: st.DrawFn) -> dict[str, Any]:
    return {"at": draw(moments), "note": draw(text), "tags": draw(tags)}


@st.composite
def entries(
    draw: st.DrawFn, n_meds: int, n_trackers: int, n_flares: int
) -> tuple[Entry, dict[str, int]]:
    kinds = ["meal", "exercise", "stress", "sleep", "symptoms", "glucose", "lab", "note", "body"]
    kinds += ["dose"] * bool(n_meds) + ["tracker"] * bool(n_trackers)
    kind = draw(st.sampled_from(kinds))
    common = _common(draw)
    refs: dict[str, int] = {}
    if kind == "meal":
        carbs = draw(grams)
        sugar = None if carbs is None else draw(st.none() | st.floats(0, carbs))
        entry: Entry = Meal(
            **common,
            meal_type=draw(st.sampled_from(MealType)),
            items=draw(name),
            carbs_g=carbs,
            added_sugar_g=sugar,
            fibre_g=draw(grams),
            protein_g=draw(grams),
        )
    elif kind == "exercise":
        entry = Exercise(
            **common,
            activity=draw(name),
            minutes=draw(st.integers(1, 1440)),
            intensity=draw(st.sampled_from(Intensity)),
            rpe=draw(st.none() | scale),
            steps=draw(st.none() | st.integers(0, 200_000)),
        )
    elif kind == "stress":
        entry = StressCheck(
            **common,
            stress=draw(scale),
            mood=draw(st.none() | scale),
            sources=draw(st.lists(name, max_size=2).map(tuple)),
            coping=draw(text),
            coping_helped=draw(st.none() | st.booleans()),
        )
    elif kind == "sleep":
        hours = draw(st.floats(0.25, 24))
        bedtime = draw(st.none() | st.just(common["at"] - timedelta(hours=hours)))
        entry = Sleep(**common, hours=hours, bedtime=bedtime, quality=draw(st.none() | scale))
    elif kind == "symptoms":
        scores = draw(st.dictionaries(name, scale, min_size=1, max_size=3))
        regions = {
            k: draw(st.lists(name, max_size=2).map(tuple)) for k in scores if draw(st.booleans())
        }
        if n_flares and draw(st.booleans()):
            refs["flare"] = draw(st.integers(0, n_flares - 1))
        entry = SymptomCheck(
            **common, scores=scores, regions=regions, bristol=draw(st.none() | st.integers(1, 7))
        )
    elif kind == "glucose":
        entry = Glucose(
            **common,
            mgdl=draw(st.floats(20, 600)),
            context=draw(st.sampled_from(GlucoseContext)),
            source=draw(st.sampled_from(GlucoseSource)),
        )
    elif kind == "lab":
        test = draw(st.sampled_from(sorted(LAB_TESTS)))
        spec = LAB_TESTS[test]
        entry = LabResult(**common, test=test, value=draw(st.floats(spec.low, spec.high)))
    elif kind == "dose":
        refs["medication"] = draw(st.integers(0, n_meds - 1))
        entry = DoseLog(
            **common,
            medication_id=1,
            status=draw(st.sampled_from(DoseStatus)),
            scheduled=draw(st.none() | clock_times),
            dose=draw(text),
        )
    elif kind == "tracker":
        refs["tracker"] = draw(st.integers(0, n_trackers - 1))
        entry = TrackerValue(**common, tracker_id=1, value=draw(st.integers(0, 1)).__float__())
    elif kind == "body":
        pressure = draw(st.none() | st.tuples(st.integers(90, 200), st.integers(40, 85)))
        entry = BodyMeasure(
            **common,
            weight_kg=draw(st.floats(40, 200)),
            waist_cm=draw(st.none() | st.floats(50, 150)),
            systolic_mmhg=pressure[0] if pressure else None,
            diastolic_mmhg=pressure[1] if pressure else None,
            pulse_bpm=draw(st.none() | st.integers(40, 180)),
        )
    else:
        entry = Note(**common)
    return entry, refs


@st.composite
def goals(draw: st.DrawFn, n_trackers: int) -> tuple[Goal, int | None]:
    """A goal the goal editor would accept (and the index of its tracker, if it follows one)."""
    measures = [m for m in GoalMeasure if m is not GoalMeasure.TRACKER or n_trackers]
    measure = draw(st.sampled_from(measures))
    info = MEASURES[measure]
    period = draw(st.sampled_from(GoalPeriod))
    days = None
    if period is GoalPeriod.WEEK and (not info.additive or draw(st.booleans())):
        days = draw(st.integers(1, 7))
    tracker = draw(st.integers(0, n_trackers - 1)) if measure is GoalMeasure.TRACKER else None
    goal = Goal(
        name=draw(name),
        measure=measure,
        comparison=draw(st.sampled_from(Comparison)),
        target=draw(st.floats(0, info.upper_bound)),
        period=period,
        days_per_period=days,
        tracker_id=None if tracker is None else 1,
        paused=draw(st.booleans()),
        note=draw(text),
    )
    return goal, tracker


weekday_sets = st.frozensets(st.integers(0, 6))


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    kind = draw(st.sampled_from(ScheduleKind))
    if kind is ScheduleKind.INTERVAL:
        start, end = sorted(draw(st.lists(clock_times, min_size=2, max_size=2)))
        return Schedule(
            kind=kind,
            weekdays=draw(weekday_sets.filter(bool)),
            every=timedelta(minutes=draw(st.integers(15, 12 * 60))),
            window_start=start,
            window_end=end,
        )
    return Schedule(
        kind=kind,
        times=tuple(draw(st.lists(clock_times, min_size=1, max_size=3))),
        # Daily schedules ignore their weekdays; any set (even none) must still travel.
        weekdays=draw(weekday_sets if kind is ScheduleKind.DAILY else weekday_sets.filter(bool)),
    )


@st.composite
def reminders(draw: st.DrawFn, n_meds: int) -> tuple[Reminder, int | None]:
    """A reminder the reminder editor would accept (and its medication's index, if any)."""
    actions = [a for a in ReminderAction if a is not ReminderAction.MEDICATION or n_meds]
    action = draw(st.sampled_from(actions))
    medication = draw(st.integers(0, n_meds - 1)) if action is ReminderAction.MEDICATION else None
    reminder = Reminder(
        action=action,
        schedule=draw(schedules()),
        message=draw(name if action is ReminderAction.CUSTOM else text),
        medication_id=None if medication is None else 1,
        enabled=draw(st.booleans()),
    )
    return reminder, medication


@st.composite
def experiments(draw: st.DrawFn, n_reminders: int) -> tuple[SelfExperiment, int | None]:
    """A self-experiment as the journal may hold one (and its reminder's index, if any)."""
    start = draw(moments).date()
    status = draw(st.sampled_from(ExperimentStatus))
    stopped = draw(st.dates()) if status is ExperimentStatus.STOPPED else None
    reminder = draw(st.none() | st.integers(0, n_reminders - 1)) if n_reminders else None
    experiment = SelfExperiment(
        factor=draw(name),
        factor_label=draw(name),
        outcome=draw(name),
        outcome_label=draw(name),
        lag_days=draw(st.sampled_from((0, 1))),
        unit=draw(st.sampled_from(("week", "day"))),
        seed=draw(st.integers(0, 2**31)),
        start=start,
        schedule=tuple(draw(st.lists(st.booleans(), min_size=1, max_size=56))),
        status=status,
        stopped=stopped,
        note=draw(text),
    )
    return experiment, reminder


def _lists_or_objects_of(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """JSON arrays and objects of ``inner`` (a named function: Hypothesis reads a lambda's
    source to see that it recurses, and cannot inside this call)."""
    return st.lists(inner, max_size=2) | st.dictionaries(text, inner, max_size=2)


@st.composite
def journals(draw: st.DrawFn, max_entries: int = 12) -> JournalSpec:
    medications = draw(
        st.lists(
            st.builds(
                Medication,
                name=name,
                dose=text,
                kind=st.sampled_from(MedicationKind),
                times=st.lists(clock_times, max_size=2).map(tuple),
                active=st.booleans(),
                note=text,
            ),
            max_size=2,
        )
    )
    trackers = draw(
        st.lists(
            st.builds(
                Tracker,
                name=name,
                type=st.sampled_from(TrackerType),
                unit=text,
                active=st.booleans(),
            ),
            max_size=2,
        )
    )
    flares = draw(
        st.lists(
            st.builds(
                lambda start, days, condition, triggers, note: FlareEpisode(
                    start=start.date(),
                    end=None if days is None else start.date() + timedelta(days=days),
                    condition=condition,
                    triggers=triggers,
                    note=note,
                ),
                moments,
                st.none() | st.integers(0, 30),
                name,
                st.lists(name, max_size=2).map(tuple),
                text,
            ),
            max_size=2,
        )
    )
    items = draw(
        st.lists(entries(len(medications), len(trackers), len(flares)), max_size=max_entries)
    )
    favourites: list[tuple[str, Meal | Exercise]] = draw(
        st.lists(
            st.tuples(name, st.builds(Meal, at=st.just(NOW), items=name, carbs_g=grams, tags=tags)),
            max_size=2,
        )
    )
    settings = draw(
        st.dictionaries(
            st.sampled_from(["units", "theme", "first_run"]),
            st.recursive(
                st.none() | st.booleans() | st.integers(-1000, 1000) | text,
                _lists_or_objects_of,
                max_leaves=4,
            ),
            max_size=2,
        )
    )
    goal_list = draw(st.lists(goals(len(trackers)), max_size=2))
    reminder_list = draw(st.lists(reminders(len(medications)), max_size=2))
    muted = draw(st.lists(st.integers(0, len(medications) - 1), max_size=2)) if medications else []
    experiment_list = draw(st.lists(experiments(len(reminder_list)), max_size=2))
    return JournalSpec(
        medications,
        trackers,
        flares,
        items,
        favourites,
        settings,
        goal_list,
        reminder_list,
        muted,
        experiment_list,
    )


def fill(services: Services, spec: JournalSpec) -> int:
    """Save the spec through the services (validation included); returns entries saved."""
    journal = services.journal
    meds = [journal.save_medication(m) for m in spec.medications]
    trackers = [journal.save_tracker(t) for t in spec.trackers]
    flares = [journal.save_flare(f) for f in spec.flares]
    saved = 0
    for entry, refs in spec.entries:
        if "medication" in refs:
            entry = replace(entry, medication_id=meds[refs["medication"]].id)  # type: ignore[call-arg]
        if "tracker" in refs:
            tracker = trackers[refs["tracker"]]
            value = entry.value if tracker.type is not TrackerType.NUMBER else entry.value * 3  # type: ignore[attr-defined]
            entry = replace(entry, tracker_id=tracker.id, value=value)  # type: ignore[call-arg]
        if "flare" in refs:
            entry = replace(entry, flare_id=flares[refs["flare"]].id)  # type: ignore[call-arg]
        try:
            journal.add_entry(entry)
            saved += 1
        except ValidationError:
            pass  # a combination the rules refuse (e.g. a bedtime after waking): not exported
    for fav_name, template in spec.favourites:
        journal.save_favourite(fav_name, template)
    for goal, tracker_index in spec.goals:
        tracker_id = None if tracker_index is None else trackers[tracker_index].id
        services.goals.save_goal(replace(goal, tracker_id=tracker_id))
    reminder_service = services.reminders
    saved_reminders = []
    for reminder, med_index in spec.reminders:
        med_id = None if med_index is None else meds[med_index].id
        saved_reminders.append(
            reminder_service.save_reminder(replace(reminder, medication_id=med_id))
        )
    for med_index in spec.muted_medications:
        reminder_service.set_medication_reminder(meds[med_index].id or 0, enabled=False)
    from journal.store import experiment_repository as experiment_repo
    from journal.store import repository as repo

    with services.db.transaction() as session:
        for key, value in spec.settings.items():
            repo.put_setting(session, key, value)
        for experiment, reminder_index in spec.experiments:
            reminder_id = None if reminder_index is None else saved_reminders[reminder_index].id
            experiment_repo.save_experiment(session, replace(experiment, reminder_id=reminder_id))
    return saved
