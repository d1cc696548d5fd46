"""Goals as values: validation with reasons, wording, and the first-run templates."""

from __future__ import annotations

import math

import pytest

from journal.domain.goals import (
    Comparison,
    Goal,
    GoalError,
    GoalMeasure,
    GoalPeriod,
    describe_goal,
    goal_templates,
    validate_goal,
)
from journal.domain.units import GlucoseUnit


def goal(**kwargs: object) -> Goal:
    base: dict[str, object] = {
        "name": "Move",
        "measure": GoalMeasure.ACTIVE_MINUTES,
        "comparison": Comparison.AT_LEAST,
        "target": 150,
        "period": GoalPeriod.WEEK,
    }
    base.update(kwargs)
    return Goal(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "name"),
        ({"name": "x" * 81}, "name", "under 80"),
        ({"target": -1}, "target", "zero or more"),
        ({"target": math.nan}, "target", "zero or more"),
        ({"target": 20_000}, "target", "too large"),
        ({"days_per_period": 8}, "days", "between 1 and 7"),
        ({"period": GoalPeriod.DAY, "days_per_period": 3}, "days", "weekly"),
        ({"measure": GoalMeasure.TRACKER}, "tracker", "tracker"),
        ({"measure": GoalMeasure.FASTING_GLUCOSE, "target": 100}, "period", "does not add up"),
    ],
)
def test_a_goal_that_cannot_work_says_which_field_to_fix(
    changes: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(GoalError, match=message) as caught:
        validate_goal(goal(**changes))
    assert caught.value.field == field


def test_the_three_shapes_of_goal() -> None:
    assert goal().sums_week and not goal().counts_days
    days = goal(measure=GoalMeasure.FASTING_GLUCOSE, target=100, days_per_period=5)
    assert days.counts_days and not days.sums_week
    daily = goal(period=GoalPeriod.DAY, target=30)
    assert not daily.counts_days and not daily.sums_week


def test_comparisons_include_their_edge_or_not() -> None:
    assert Comparison.AT_LEAST.meets(150, 150)
    assert Comparison.AT_MOST.meets(25, 25)
    assert not Comparison.BELOW.meets(100, 100)
    assert Comparison.BELOW.meets(99.9, 100)


def test_goals_read_as_plain_sentences() -> None:
    assert describe_goal(goal()) == "At least 150 active minutes a week"
    glucose = goal(
        measure=GoalMeasure.FASTING_GLUCOSE,
        comparison=Comparison.BELOW,
        target=100,
        days_per_period=5,
    )
    assert describe_goal(glucose) == "Fasting glucose below 100 mg/dL on 5 days a week"
    assert (
        describe_goal(glucose, unit="mmol/L", target_text="5.6")
        == "Fasting glucose below 5.6 mmol/L on 5 days a week"
    )
    water = goal(measure=GoalMeasure.TRACKER, tracker_id=1, target=8, period=GoalPeriod.DAY)
    assert (
        describe_goal(water, unit="glasses", tracker_name="Water")
        == "Water at least 8 glasses a day"
    )


def test_templates_are_valid_and_each_names_its_source() -> None:
    templates = goal_templates()
    assert len(templates) == 6
    for template in templates:
        validate_goal(template.goal)
        assert template.source
    sources = " ".join(t.source for t in templates)
    assert "WHO 2020" in sources and "Johnson et al., Circulation 2009" in sources
    assert "ADA" in sources and "Watson et al., Sleep 2015" in sources
    mmol = goal_templates(GlucoseUnit.MMOLL)[2].goal
    assert mmol.name == "Fasting glucose below 5.6 mmol/L on 5 days" and mmol.target == 100
    assert [describe_goal(t.goal) for t in templates][:3] == [
        "At least 150 minutes of moderate activity (vigorous counts double) a week",
        "At most 25 g added sugar a day",
        "Fasting glucose below 100 mg/dL on 5 days a week",
    ]
