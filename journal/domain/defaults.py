"""Defaults a form or a reminder takes from the time of day: the meal, the glucose context,
and which scheduled dose a moment belongs to. One definition each, so the quick-add form
and a reminder that opens it never disagree."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from journal.domain.vocabulary import GlucoseContext, MealType


def meal_type_at(moment: time) -> MealType:
    """The usual meal at a time of day: breakfast from 04:00 until 10:30, lunch until 15:00,
    dinner from 17:30 to 22:30, otherwise a snack."""
    if time(4) <= moment < time(10, 30):
        return MealType.BREAKFAST
    if time(10, 30) <= moment < time(15):
        return MealType.LUNCH
    if time(17, 30) <= moment < time(22, 30):
        return MealType.DINNER
    return MealType.SNACK


def glucose_context_at(moment: time) -> GlucoseContext:
    """Early mornings (04:00-09:30) are usually fasting readings and late evenings (from
    21:30) bedtime readings; anything else is left as "other"."""
    if time(4) <= moment < time(9, 30):
        return GlucoseContext.FASTING
    if moment >= time(21, 30) or moment < time(4):
        return GlucoseContext.BEDTIME
    return GlucoseContext.RANDOM


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def nearest_time(times: Sequence[time], moment: time) -> time | None:
    """The scheduled time a moment belongs to: the nearest on the clock (a dose taken at
    08:40 is the 08:00 one; a spring-forward gap moves 02:30 to 03:00, still nearest)."""
    if not times:
        return None
    minute = _minutes(moment)
    return min(times, key=lambda t: abs(_minutes(t) - minute))
