"""The demo person's hidden day-to-day state: stress, sleep, exercise, flares, glucose baseline.

This is where the relations a user can discover in the demo journal are planted:

- a night under 6 h or a day with stress 7+ raises the chance that a flare starts in the next
  day or two (`FLARE_RISK_FACTOR` for each);
- the active minutes of the last four weeks lower the fasting glucose baseline
  (`FASTING_PER_WEEKLY_MINUTE`); a flare and a stressful day raise it a little;
- a flare raises pain, fatigue, stiffness and inflammation (which the CRP follows).

Everything is drawn from one ``random.Random``, so a seed gives the same person every time.
"""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta

from journal.io.demo_catalogue import (
    ACTIVITIES,
    ACTIVITY_WEIGHTS,
    FLARE_REGIONS,
    OTHER_FLARE_TRIGGERS,
    Activity,
)

SHORT_SLEEP_HOURS = 6.0
HIGH_STRESS = 7
# Daily chance of a flare starting with no risk factor; each factor multiplies it.
FLARE_BASE_HAZARD = 0.006
FLARE_RISK_FACTOR = 5.0
# Days after a flare ends before another can start (the body settles first).
FLARE_REFRACTORY_DAYS = 12
# Fasting glucose (mg/dL) with no exercise, and how much each weekly active minute lowers it.
FASTING_WITHOUT_EXERCISE = 122.0
FASTING_PER_WEEKLY_MINUTE = 0.075
# Days simulated before the first demo day, so 4-week and 90-day windows are full from day one.
BURN_IN_DAYS = 120


@dataclass(frozen=True)
class FlarePlan:
    """A flare as it will happen: its days, how bad it gets, where, and what preceded it."""

    number: int
    start: date
    days: int
    peak: float
    regions: tuple[str, ...]
    triggers: tuple[str, ...]

    @property
    def last_day(self) -> date:
        return self.start + timedelta(days=self.days - 1)

    def level_on(self, day: date) -> float:
        """Severity 0-10 on ``day``: up to the peak within two days, then easing off."""
        k = (day - self.start).days
        if not 0 <= k < self.days:
            return 0.0
        rising = min(1.0, (k + 1) / 2)
        easing = 1.0 - 0.55 * max(0.0, (k - 2) / max(1, self.days - 3))
        return self.peak * rising * easing


@dataclass(frozen=True)
class Workout:
    activity: Activity
    minutes: int


@dataclass(frozen=True)
class PersonDay:
    """The hidden state of one day; the demo writer turns it into entries."""

    day: date
    shown: bool
    """False for burn-in days, which are simulated but not written."""
    stress: int
    stress_yesterday: int
    sleep_hours: float
    """The night that ended this morning."""
    flare: FlarePlan | None
    flare_level: float
    inflammation: float
    """Lingers a few days after a flare; CRP follows it."""
    workout: Workout | None
    weekly_active_minutes: float
    """Mean weekly active minutes over the four weeks before this day."""
    fasting_mgdl: float
    summer: float
    """0 in midwinter, 1 in midsummer (northern hemisphere)."""

    @property
    def weekend(self) -> bool:
        return self.day.weekday() >= 5

    @property
    def short_sleep(self) -> bool:
        return self.sleep_hours < SHORT_SLEEP_HOURS


@dataclass
class _Mood:
    """The slowly changing parts of the person: tension, motivation to move, recent days."""

    stress_level: float = 3.5
    tense_days_left: int = 0
    motivation: float = 0.0
    last_stress: deque[int] = field(default_factory=lambda: deque([3, 3], maxlen=2))
    last_sleep: deque[float] = field(default_factory=lambda: deque([7.0, 7.0], maxlen=2))
    minutes_28: deque[int] = field(default_factory=lambda: deque([25] * 28, maxlen=28))
    flare: FlarePlan | None = None
    flares_started: int = 0
    calm_since: int = FLARE_REFRACTORY_DAYS
    inflammation: float = 0.0


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _season(day: date) -> float:
    # Around 21 June the days are longest.
    return 0.5 + 0.5 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 172) / 365.25)


def simulate_person(rng: random.Random, first: date, last: date) -> list[PersonDay]:
    """The person's days from ``first`` to ``last``, preceded by unshown burn-in days."""
    mood = _Mood(motivation=rng.gauss(0, 1))
    days: list[PersonDay] = []
    day = first - timedelta(days=BURN_IN_DAYS)
    while day <= last:
        days.append(_next_day(rng, mood, day, shown=day >= first))
        day += timedelta(days=1)
    return days


def _next_day(rng: random.Random, mood: _Mood, day: date, *, shown: bool) -> PersonDay:
    weekend = day.weekday() >= 5
    _end_finished_flare(mood, day)
    if shown and mood.flare is None and mood.calm_since >= FLARE_REFRACTORY_DAYS:
        mood.flare = _maybe_start_flare(rng, mood, day)
    flare = mood.flare
    level = flare.level_on(day) if flare else 0.0
    stress_yesterday = mood.last_stress[-1]
    sleep = _sleep_hours(rng, stress_yesterday, level, weekend)
    stress = _stress(rng, mood, level, weekend)
    workout = _workout(rng, mood, level, stress, weekend)
    weekly = sum(mood.minutes_28) / 4
    fasting = (
        FASTING_WITHOUT_EXERCISE
        - FASTING_PER_WEEKLY_MINUTE * weekly
        + 0.8 * level
        + 0.7 * (stress_yesterday - 4)
        + rng.gauss(0, 5.5)
    )
    mood.inflammation = max(level, mood.inflammation * 0.7)
    mood.last_stress.append(stress)
    mood.last_sleep.append(sleep)
    mood.minutes_28.append(workout.minutes if workout else 0)
    mood.calm_since = 0 if flare else mood.calm_since + 1
    return PersonDay(
        day=day,
        shown=shown,
        stress=stress,
        stress_yesterday=stress_yesterday,
        sleep_hours=sleep,
        flare=flare,
        flare_level=level,
        inflammation=mood.inflammation,
        workout=workout,
        weekly_active_minutes=weekly,
        fasting_mgdl=round(_clamp(fasting, 70, 250)),
        summer=_season(day),
    )


def _end_finished_flare(mood: _Mood, day: date) -> None:
    if mood.flare is not None and day > mood.flare.last_day:
        mood.flare = None


def _maybe_start_flare(rng: random.Random, mood: _Mood, day: date) -> FlarePlan | None:
    # The night that ended this morning is too late to matter: the risk builds over a day
    # or two, so look at the two days before.
    short_sleep = any(hours < SHORT_SLEEP_HOURS for hours in mood.last_sleep)
    tense = any(stress >= HIGH_STRESS for stress in mood.last_stress)
    hazard = FLARE_BASE_HAZARD
    hazard *= FLARE_RISK_FACTOR if short_sleep else 1.0
    hazard *= FLARE_RISK_FACTOR if tense else 1.0
    if rng.random() >= hazard:
        return None
    triggers = [t for t, present in (("poor sleep", short_sleep), ("stress", tense)) if present]
    # Some flares have another suspect too; some have no clear trigger at all.
    if rng.random() < (0.25 if triggers else 0.6):
        triggers.append(rng.choice(OTHER_FLARE_TRIGGERS))
    mood.flares_started += 1
    return FlarePlan(
        number=mood.flares_started,
        start=day,
        days=rng.choice((3, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 14)),
        peak=rng.uniform(5.5, 9.0),
        regions=rng.choice(FLARE_REGIONS),
        triggers=tuple(triggers),
    )


def _sleep_hours(rng: random.Random, stress_yesterday: int, level: float, weekend: bool) -> float:
    hours = 7.1 + (0.5 if weekend else 0.0) + rng.gauss(0, 0.55)
    hours -= 0.35 * max(0, stress_yesterday - 4)
    hours -= 0.12 * level
    if rng.random() < 0.05:
        hours -= 1.8  # a bad night for no clear reason
    return round(_clamp(hours, 3.5, 10.5) * 4) / 4


def _stress(rng: random.Random, mood: _Mood, level: float, weekend: bool) -> int:
    if mood.tense_days_left > 0:
        mood.tense_days_left -= 1
    elif rng.random() < 1 / 35:
        mood.tense_days_left = rng.randint(4, 12)  # a deadline, a family worry ...
    target = 3.0 + (-0.9 if weekend else 0.6) + (3.8 if mood.tense_days_left else 0.0)
    target += 0.2 * level
    mood.stress_level = 0.55 * mood.stress_level + 0.45 * target + rng.gauss(0, 0.8)
    return int(_clamp(round(mood.stress_level + rng.gauss(0, 0.7)), 0, 10))


def _workout(
    rng: random.Random, mood: _Mood, level: float, stress: int, weekend: bool
) -> Workout | None:
    # Motivation drifts over weeks and months: a slow AR(1) with a standard deviation of 1.
    mood.motivation = 0.985 * mood.motivation + rng.gauss(0, 0.172)
    chance = _clamp(0.74 + 0.22 * mood.motivation, 0.2, 0.97) + (0.08 if weekend else 0.0)
    if level > 0:
        chance *= 0.45
    if stress >= HIGH_STRESS:
        chance *= 0.8
    if rng.random() >= chance:
        return None
    pool = [a for a in ACTIVITIES if a.gentle] if level > 0 else list(ACTIVITIES)
    weights = [ACTIVITY_WEIGHTS[ACTIVITIES.index(a)] for a in pool]
    activity = rng.choices(pool, weights)[0]
    low, high = activity.minutes
    scale = _clamp(1 + 0.25 * mood.motivation, 0.5, 1.6) * (0.6 if level > 0 else 1.0)
    minutes = round(rng.uniform(low, high) * scale / 5) * 5
    return Workout(activity, int(_clamp(minutes, 10, 150)))
