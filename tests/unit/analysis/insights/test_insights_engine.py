"""run_insights on small tables: what a person reads in the findings and what is withheld."""

from __future__ import annotations

import json

import numpy as np
from insights_tables import factor, outcome, table

from journal.analysis.insights import Kind, TimeOfDay, run_insights
from journal.analysis.insights.simulate import ar1, markov_binary

CONTRACT = {
    "factor",
    "outcome",
    "lag_days",
    "direction",
    "effect",
    "effect_unit",
    "ci_low",
    "ci_high",
    "p_value",
    "q_value",
    "n_with",
    "n_without",
    "supported",
    "sentence",
}


def gluten_and_pain(
    days: int = 400, effect: float = 2.0, seed: int = 5
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    gluten = markov_binary(rng, days, 0.3, 0.2)
    pain = 4 + 1.5 * ar1(rng, days, 0.5) + effect * gluten
    return gluten, pain


def test_a_clear_same_day_effect_is_found_in_the_outcomes_unit() -> None:
    gluten, pain = gluten_and_pain()
    result = run_insights(table((factor("meal tagged gluten"), gluten), (outcome("pain"), pain)))
    top = result.findings[0]
    assert (top.factor, top.outcome, top.lag_days) == ("meal tagged gluten", "pain", 0)
    assert top.supported and top.direction == "higher"
    assert top.ci_low < 2.0 < top.ci_high
    assert top.effect_unit == "points"
    assert top.n_with + top.n_without == 400
    assert top.sentence.startswith("On days when you logged meal tagged gluten, your pain was")
    assert "an association, not a cause." in top.sentence


def test_the_json_has_exactly_the_contracts_fields() -> None:
    gluten, pain = gluten_and_pain()
    result = run_insights(table((factor("gluten"), gluten), (outcome("pain"), pain)))
    document = json.loads(result.to_json())
    assert document["tests_run"] == 2
    assert all(set(f) == CONTRACT for f in document["findings"])
    assert document["chance_alone"]["expected_by_raw_p"] == 2 * 0.05


def test_unrelated_series_are_not_supported_and_say_it_could_be_chance() -> None:
    rng = np.random.default_rng(9)
    columns = [(factor(f"factor {i}"), markov_binary(rng, 365, 0.3, 0.4)) for i in range(5)]
    columns += [(outcome(f"outcome {i}"), ar1(rng, 365, 0.6)) for i in range(2)]
    result = run_insights(table(*columns))
    assert result.tests_run == 20
    assert not result.supported
    assert all("this could be chance." in f.sentence for f in result.findings)


def test_too_few_days_are_not_tested_and_say_what_is_missing() -> None:
    gluten = np.full(60, np.nan)
    gluten[:4] = 1.0
    gluten[4:40] = 0.0
    result = run_insights(table((factor("gluten"), gluten), (outcome("pain"), np.ones(60))))
    assert result.tests_run == 0
    needed = {item.needed for item in result.not_enough_data}
    assert "log 6 more days with gluten (and pain)" in needed


def test_a_factor_later_in_the_day_is_not_tested_against_a_morning_reading() -> None:
    rng = np.random.default_rng(2)
    carbs = factor("carbs", Kind.NUMERIC, TimeOfDay.DAY)
    fasting = outcome("fasting glucose", time=TimeOfDay.MORNING)
    result = run_insights(table((carbs, rng.random(100)), (fasting, rng.random(100))))
    assert [f.lag_days for f in result.findings] == [1]


def test_a_numeric_factor_compares_its_top_and_bottom_thirds() -> None:
    rng = np.random.default_rng(4)
    carbs = 150 + 40 * rng.standard_normal(400)
    glucose = 100 + 0.6 * carbs + 12 * rng.standard_normal(400)
    spec = factor("carbs", Kind.NUMERIC)
    result = run_insights(table((spec, carbs), (outcome("after-meal glucose"), glucose)))
    top = next(f for f in result.findings if f.lag_days == 0)
    # 0.6 mg/dL per g times the ~87 g between the thirds' means of a 40 g spread.
    assert top.supported and 40 < top.effect < 65
    assert top.sentence.startswith("On days in your top third for carbs (at least")
    assert "than on those in your bottom third (at most" in top.sentence


def test_when_the_outcome_comes_first_the_reverse_is_flagged() -> None:
    rng = np.random.default_rng(6)
    pain = 4 + 1.5 * ar1(rng, 500, 0.3)
    # Less exercise on the day after a painful day: the outcome drives the factor.
    exercise = (rng.random(500) < np.where(np.roll(pain, 1) > 5, 0.15, 0.7)).astype(float)
    result = run_insights(table((factor("exercised"), exercise), (outcome("pain"), pain)))
    next_day = next(f for f in result.findings if f.lag_days == 0)
    assert next_day.reverse_stronger
    assert "may come first" in next_day.sentence


def test_factors_that_come_together_are_named_as_not_told_apart() -> None:
    rng = np.random.default_rng(8)
    eating_out = markov_binary(rng, 400, 0.3, 0.2)
    gluten = np.where(rng.random(400) < 0.9, eating_out, 1 - eating_out)
    pain = 4 + ar1(rng, 400, 0.4) + 2.0 * gluten
    result = run_insights(
        table(
            (factor("gluten"), gluten), (factor("eating out"), eating_out), (outcome("pain"), pain)
        )
    )
    top = result.findings[0]
    assert top.supported and top.comes_with
    assert "of the days when you logged gluten, you logged eating out too (" in top.comes_with[0]
    assert "cannot be told apart" in top.sentence


def flare_table(
    days: int, seed: int, factor_risk: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flares of 5 days whose daily onset hazard is multiplied when a short night came before."""
    rng = np.random.default_rng(seed)
    short = (rng.random(days) < 0.15).astype(float)
    in_flare, onset = np.zeros(days), np.zeros(days)
    t = 3
    while t < days:
        hazard = 0.01 * (factor_risk if short[t - 2 : t].any() else 1.0)
        if in_flare[t - 1] == 0 and rng.random() < hazard:
            onset[t] = 1
            in_flare[t : t + 5] = 1
            t += 5 + 12  # the flare, then the settling days
            continue
        t += 1
    return short, in_flare, onset


def flare_specs():  # type: ignore[no-untyped-def]
    return (
        factor("short night", time=TimeOfDay.NIGHT_BEFORE, phrase="you slept under 6 h"),
        outcome("in a flare", Kind.BINARY, group="flare"),
        outcome("flare onset", Kind.BINARY, group="flare", onset_of="in a flare"),
    )


def test_flare_onsets_are_tested_as_a_risk_ratio_over_days_at_risk() -> None:
    short, in_flare, onset = flare_table(3000, seed=1, factor_risk=5.0)
    specs = flare_specs()
    result = run_insights(table((specs[0], short), (specs[1], in_flare), (specs[2], onset)))
    window = next(f for f in result.findings if f.outcome == "flare onset" and f.lag_days == 3)
    assert window.effect_unit == "risk ratio"
    assert window.supported and window.effect > 2
    # Days inside a flare and the 3 days after are not at risk of a new onset.
    at_risk = window.n_with + window.n_without
    assert at_risk < 3000 - in_flare.sum()
    assert "flare onset came on" in window.sentence and "times as often" in window.sentence


def test_a_flare_onset_needs_five_onsets_before_it_is_tested() -> None:
    short, in_flare, onset = flare_table(200, seed=3, factor_risk=1.0)
    specs = flare_specs()
    result = run_insights(table((specs[0], short), (specs[1], in_flare), (specs[2], onset)))
    if onset.sum() < 5:
        assert any("days of flare onset" in item.needed for item in result.not_enough_data)
        assert all(f.outcome != "flare onset" for f in result.findings)


def test_the_chance_sentence_counts_the_tests_run() -> None:
    gluten, pain = gluten_and_pain()
    result = run_insights(table((factor("gluten"), gluten), (outcome("pain"), pain)))
    assert "these 2 tests" in result.chance.sentence
    assert result.chance.expected_false_supported == 0.05 * len(result.supported)
