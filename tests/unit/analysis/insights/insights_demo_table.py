"""A daily table from the demo generator's days, roughly as the lead's builder will make it.

Runs the demo person (journal.io.demo_person) and the demo writer (journal.io.demo_days)
without a database and turns their entries into the columns Insights reads, so the tests
and the simulation script can check that the demo's planted relations are found:
a night under 6 h or stress 7+ in the two days before multiplies the flare hazard by 5;
the active minutes of the last four weeks lower fasting glucose; a flare raises pain,
fatigue and stiffness; after-meal glucose rises with the meal's carbs.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from datetime import UTC, date, timedelta

import numpy as np

from journal.analysis.insights import ColumnSpec, DailyTable, Kind, Role, TimeOfDay
from journal.domain.entries import Exercise, Glucose, Meal, SymptomCheck
from journal.domain.vocabulary import GlucoseContext
from journal.io.demo_catalogue import MEDICATIONS
from journal.io.demo_days import DayWriter, DemoIds
from journal.io.demo_person import HIGH_STRESS, SHORT_SLEEP_HOURS, simulate_person

NAN = np.nan
N, B, S = Kind.NUMERIC, Kind.BINARY, Kind.SCORE
F, OUT, BOTH = Role.FACTOR, Role.OUTCOME, Role.BOTH
T = TimeOfDay

SPECS = {
    "sleep": ColumnSpec("sleep", "sleep", "h", F, N, T.NIGHT_BEFORE, group="sleep"),
    "short_night": ColumnSpec(
        "short_night",
        "slept under 6 h",
        "",
        F,
        B,
        T.NIGHT_BEFORE,
        phrase="you slept under 6 h",
        group="sleep",
    ),
    "stress": ColumnSpec("stress", "stress", "points", BOTH, S, T.WHOLE_DAY, group="stress"),
    "high_stress": ColumnSpec(
        "high_stress",
        "stress 7 or more",
        "",
        F,
        B,
        T.WHOLE_DAY,
        phrase="your stress was 7 or more",
        group="stress",
    ),
    "carbs": ColumnSpec("carbs", "carbs", "g", F, N, T.DAY),
    "active": ColumnSpec("active", "active minutes", "min", F, N, T.DAY, group="active"),
    "weekly_active": ColumnSpec(
        "weekly_active",
        "weekly active minutes (last 4 weeks)",
        "min/week",
        F,
        N,
        T.NIGHT_BEFORE,
        group="active",
    ),
    "in_flare": ColumnSpec(
        "in_flare",
        "in a flare",
        "",
        BOTH,
        B,
        T.WHOLE_DAY,
        phrase="you were in a flare",
        group="flare",
    ),
    "flare_onset": ColumnSpec(
        "flare_onset", "flare onset", "", OUT, B, T.WHOLE_DAY, group="flare", onset_of="in_flare"
    ),
    "pain": ColumnSpec("pain", "pain", "points", OUT, S, T.WHOLE_DAY),
    "fatigue": ColumnSpec("fatigue", "fatigue", "points", OUT, S, T.WHOLE_DAY),
    "stiffness": ColumnSpec("stiffness", "stiffness", "points", OUT, S, T.WHOLE_DAY),
    "fasting": ColumnSpec("fasting", "fasting glucose", "mg/dL", OUT, N, T.MORNING),
    "after_meal": ColumnSpec("after_meal", "after-meal glucose", "mg/dL", OUT, N, T.DAY),
}


def demo_table(days: int, seed: int, end: date = date(2026, 11, 23)) -> DailyTable:
    """The demo journal's ``days`` days ending on ``end`` as a daily table."""
    first = end - timedelta(days=days - 1)
    rng = random.Random(seed)
    person = list(simulate_person(rng, first, end))
    counter = itertools.count(1)
    ids = DemoIds(
        medications={plan.name: i for i, plan in enumerate(MEDICATIONS, 1)},
        water=1,
        sunlight=2,
        flare=lambda plan: plan.number,
    )
    writer = DayWriter(rng, UTC, ids, lambda: f"u{next(counter)}", first)
    columns = {name: np.full(days, NAN) for name in SPECS}
    for p in person:
        entries = list(writer.day(p))
        if not p.shown:
            continue
        _fill_day(columns, (p.day - first).days, p, entries)
    _derive(columns)
    return DailyTable.build(first, [(spec, columns[name]) for name, spec in SPECS.items()])


def _fill_day(columns: dict[str, np.ndarray], i: int, p: object, entries: list[object]) -> None:
    day = p.sleep_hours
    columns["sleep"][i] = day
    columns["short_night"][i] = float(day < SHORT_SLEEP_HOURS)
    stress = p.stress
    columns["stress"][i] = stress
    columns["high_stress"][i] = float(stress >= HIGH_STRESS)
    flare = p.flare
    columns["in_flare"][i] = float(flare is not None)
    columns["flare_onset"][i] = float(flare is not None and flare.start == p.day)
    meals = [e for e in entries if isinstance(e, Meal)]
    columns["carbs"][i] = sum(m.carbs_g or 0 for m in meals) if meals else NAN
    columns["active"][i] = sum(e.minutes for e in entries if isinstance(e, Exercise))
    scores: dict[str, list[int]] = defaultdict(list)
    for e in entries:
        if isinstance(e, SymptomCheck):
            for name, score in e.scores.items():
                scores[name].append(score)
        if isinstance(e, Glucose):
            key = {GlucoseContext.FASTING: "fasting", GlucoseContext.AFTER_MEAL: "after_meal"}
            if e.context in key:
                scores[key[e.context]].append(int(e.mgdl))
    for name in ("pain", "fatigue", "stiffness", "fasting", "after_meal"):
        if scores[name]:
            columns[name][i] = float(np.mean(scores[name]))


def _derive(columns: dict[str, np.ndarray]) -> None:
    """Weekly active minutes over the 28 days before each day (at least 21 of them known)."""
    active = columns["active"]
    out = np.full(active.size, NAN)
    for i in range(28, active.size):
        window = active[i - 28 : i]
        known = window[~np.isnan(window)]
        if known.size >= 21:
            out[i] = known.mean() * 7
    columns["weekly_active"] = out
