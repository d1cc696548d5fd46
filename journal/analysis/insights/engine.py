"""Run Insights on a daily table: every declared test, its effect, interval, p and q-value.

``run_insights`` plans the tests (plan.py), computes each contrast and its circular-shift
null for all shifts at once (stats.py), corrects for the number of tests run with
Benjamini-Hochberg, checks the reverse direction, lists the factors that came on the same
days, and words each result (sentences.py).

Why q <= 0.05. On a journal where nothing is related, Benjamini-Hochberg at level q shows at
least one finding with a chance of about q (under the complete null it controls the
family-wise error at q). The project asks that at most 1 in 10 such journals show anything;
q = 0.10 would sit on that limit with no room for the approximations (a normal tail, a null
spread estimated from the shifts), so 0.05 it is. Among supported findings, about 5 % may
still be chance, and the result says so ("what chance alone would give").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from journal.analysis.insights.plan import (
    SAME_DAY,
    FactorDays,
    Gates,
    Lag,
    NotEnoughData,
    OutcomeDays,
    PlannedTest,
    factor_days,
    plan_tests,
)
from journal.analysis.insights.sentences import Numbers, comes_with_sentence, finding_sentence
from journal.analysis.insights.stats import (
    BATCH,
    DEFAULT_MIN_SHIFT,
    ComplexArray,
    ContrastSeries,
    IntArray,
    NullSummary,
    ShiftTest,
    benjamini_hochberg,
    contrast_tests,
    factor_products,
    lag1_autocorrelation,
    lagged_regression,
    outcome_products,
    spectra,
)
from journal.analysis.insights.table import BoolArray, ColumnSpec, DailyTable, FloatArray, Kind
from journal.analysis.insights.tails import fisher_two_sided_p

Q_THRESHOLD = 0.05
RAW_ALPHA = 0.05
# The share of the test's error rate given to the weighted regression (see _Computed).
REGRESSION_WEIGHT = 0.8
# "Comes with": another factor present on at least half of this factor's days and at least
# 20 points more often than on its other days (a factor present on 90 % of all days, like a
# daily tablet, comes with everything and says nothing).
COMES_WITH_SHARE = 0.5
COMES_WITH_LIFT = 0.2
COMES_WITH_MIN_DAYS = 5
COMES_WITH_SHOWN = 3

Direction = Literal["higher", "lower"]


@dataclass(frozen=True)
class Finding:
    """One test run: the fields of the CLI's JSON contract, plus what the view may use.

    ``effect`` is in ``effect_unit``: the outcome's unit (days with minus days without; for a
    numeric factor top third minus bottom third), "percentage points" for a yes/no outcome,
    "risk ratio" for a flare onset. The interval and p-value respect autocorrelation (see
    stats.py); ``q_value`` is Benjamini-Hochberg over all tests run.
    """

    factor: str
    outcome: str
    lag_days: int
    direction: Direction
    effect: float
    effect_unit: str
    ci_low: float
    ci_high: float
    p_value: float
    q_value: float
    n_with: int
    n_without: int
    supported: bool
    sentence: str
    # Not in the JSON contract; the sentence already says them.
    reverse_stronger: bool = False
    comes_with: tuple[str, ...] = ()
    # The table's column names, so a view can find the days behind a finding.
    factor_name: str = ""
    outcome_name: str = ""
    mean_with: float = float("nan")
    mean_without: float = float("nan")

    def as_dict(self) -> dict[str, object]:
        return {
            "factor": self.factor,
            "outcome": self.outcome,
            "lag_days": self.lag_days,
            "direction": self.direction,
            "effect": self.effect,
            "effect_unit": self.effect_unit,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "p_value": self.p_value,
            "q_value": self.q_value,
            "n_with": self.n_with,
            "n_without": self.n_without,
            "supported": self.supported,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class ChanceAlone:
    """What chance alone would give at the thresholds used."""

    tests_run: int
    raw_alpha: float
    q_threshold: float
    supported: int

    @property
    def expected_by_raw_p(self) -> float:
        """Tests that would pass p <= raw_alpha if nothing at all were related."""
        return self.tests_run * self.raw_alpha

    @property
    def expected_false_supported(self) -> float:
        """Supported findings expected to be chance: at most q x supported (BH's guarantee)."""
        return self.q_threshold * self.supported

    @property
    def sentence(self) -> str:
        return (
            f"If nothing in your journal were related, about "
            f"{self.expected_by_raw_p:.0f} of these {self.tests_run} tests would still reach "
            f"p < {self.raw_alpha:g} by chance; a finding is shown as supported only after "
            f"correcting for that (false-discovery rate {100 * self.q_threshold:.0f} %), so of "
            f"the {self.supported} supported, about {self.expected_false_supported:.1f} may be "
            f"chance."
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "tests_run": self.tests_run,
            "raw_alpha": self.raw_alpha,
            "expected_by_raw_p": self.expected_by_raw_p,
            "q_threshold": self.q_threshold,
            "supported": self.supported,
            "expected_false_supported": self.expected_false_supported,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class InsightsResult:
    """Every test run (supported first, by q-value), what could not be tested, and chance."""

    first_day: str
    last_day: str
    tests_run: int
    findings: tuple[Finding, ...]
    not_enough_data: tuple[NotEnoughData, ...]
    chance: ChanceAlone
    settings: dict[str, float] = field(default_factory=dict)

    @property
    def supported(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.supported)

    def as_dict(self) -> dict[str, object]:
        return {
            "first_day": self.first_day,
            "last_day": self.last_day,
            "tests_run": self.tests_run,
            "settings": self.settings,
            "findings": [f.as_dict() for f in self.findings],
            "not_enough_data": [item.as_dict() for item in self.not_enough_data],
            "chance_alone": self.chance.as_dict(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.as_dict(), indent=indent, ensure_ascii=False)


def run_insights(
    table: DailyTable,
    *,
    gates: Gates | None = None,
    q_threshold: float = Q_THRESHOLD,
    min_shift: int = DEFAULT_MIN_SHIFT,
) -> InsightsResult:
    """Run every declared test on ``table`` that passes the gates."""
    plan = plan_tests(table, gates)
    same_day = {
        spec.name: plan.factor_days.get((spec.name, SAME_DAY)) or factor_days(table, spec, SAME_DAY)
        for spec in table.factors
    }
    computed = _compute(table, plan.tests, same_day, plan.factor_days, min_shift)
    q_values = benjamini_hochberg(computed.p_value)
    findings = [
        _finding(table, test, computed, i, float(q_values[i]), q_threshold, same_day)
        for i, test in enumerate(plan.tests)
    ]
    findings.sort(key=lambda f: (not f.supported, f.q_value, f.p_value))
    tests_run = len(plan.tests)
    chance = ChanceAlone(tests_run, RAW_ALPHA, q_threshold, sum(f.supported for f in findings))
    return InsightsResult(
        first_day=table.first_day.isoformat(),
        last_day=table.last_day.isoformat(),
        tests_run=tests_run,
        findings=tuple(findings),
        not_enough_data=plan.not_enough_data,
        chance=chance,
        settings={"q_threshold": q_threshold, "min_shift_days": float(min_shift)},
    )


@dataclass(frozen=True)
class _Computed:
    """Per planned test (plan order).

    ``effect`` is the plain contrast (mean difference, or log risk ratio for an onset) with
    its shift-null spread; ``test`` is the statistic the p-value comes from: the weighted
    regression for a numeric or yes/no outcome, the same contrast for an onset.
    """

    effect: NullSummary
    test: NullSummary
    reverse_z: FloatArray
    mean_with: FloatArray
    mean_without: FloatArray
    exact_p: FloatArray
    """For an onset, Fisher's exact p on the counts (0 for other tests): see p_value."""

    @property
    def p_value(self) -> FloatArray:
        """The combined p-value (see ``_combined``), for an onset never below Fisher's.

        Why Fisher's as a floor for onsets: with a dozen onsets the log risk ratio's shift
        null is lumpy and skewed, and its normal tail made 5 onsets out of 11 after a
        randomly missed dose (chance about 1 in 700) look like 1 in 8000 in a 3-year demo.
        The exact count cannot be beaten by any test that ignores the order of days, so a
        finding on few onsets must clear it too; with many onsets the two agree.
        """
        result: FloatArray = np.maximum(self._combined, self.exact_p)
        return result

    @property
    def _combined(self) -> FloatArray:
        """The two statistics' p-values combined by a weighted Bonferroni rule.

        The weighted regression has the power when the outcome carries over like an AR(1)
        series; the plain contrast when it does not (pain logged mostly on flare days, where
        the regression missed a 4-point difference in a demo year). p = min(p_regression /
        0.8, p_plain / 0.2) is valid whichever is taken, and keeps most of the regression's
        power (an even split, x2 each, lost a tenth of the planted effects). Onsets have only
        the contrast, so ``test`` is ``effect`` there and nothing is weighted.
        """
        if self.test is self.effect:
            return self.effect.p_value
        regression = self.test.p_value / REGRESSION_WEIGHT
        plain = self.effect.p_value / (1 - REGRESSION_WEIGHT)
        result: FloatArray = np.minimum(1.0, np.minimum(regression, plain))
        return result

    @property
    def from_regression(self) -> np.ndarray:
        regression = self.test.p_value / REGRESSION_WEIGHT
        result: np.ndarray = regression <= self.effect.p_value / (1 - REGRESSION_WEIGHT)
        return result


def _compute(
    table: DailyTable,
    tests: tuple[PlannedTest, ...],
    same_day: dict[str, FactorDays],
    cache: dict[tuple[str, Lag], FactorDays],
    min_shift: int,
) -> _Computed:
    size = len(tests)
    effect = _empty_summary(size)
    test = _empty_summary(size)
    only_events = all(t.outcome.outcome.is_event for t in tests)
    reverse_z = np.zeros(size)
    exact_p = np.zeros(size)
    mean_with, mean_without = np.full(size, np.nan), np.full(size, np.nan)
    for rows, summary, rev_z in _regressions(table, tests, same_day, min_shift):
        _put(test, rows, summary)
        reverse_z[rows] = rev_z
    for event in (False, True):
        chosen_rows = np.array(
            [i for i, t in enumerate(tests) if t.outcome.outcome.is_event == event], dtype=int
        )
        for start in range(0, chosen_rows.size, BATCH):
            rows = chosen_rows[start : start + BATCH]
            chosen = [tests[i] for i in rows]
            forward = _contrasts(
                chosen, [t.factor for t in chosen], min_shift, event=event, table=table
            )
            _put(effect, rows, forward)
            mean_with[rows], mean_without[rows] = forward.mean_with, forward.mean_without
            if event:
                reverse = [_reverse_days(table, t.factor, cache) for t in chosen]
                _put(test, rows, forward)
                exact_p[rows] = fisher_p(forward)
                reverse_z[rows] = _contrasts(chosen, reverse, min_shift, event=True, table=table).z
    # With onsets only, the test is the contrast itself: no doubling (see p_value).
    return _Computed(
        effect, effect if only_events else test, reverse_z, mean_with, mean_without, exact_p
    )


def fisher_p(contrast: ShiftTest) -> FloatArray:
    """Two-sided Fisher exact p-values for onsets on days with and without the factor.

    Two-sided as twice the smaller tail (capped at 1), from the hypergeometric law of the
    onsets that fell on "with" days given all the counts.
    """
    n_with = contrast.n_with.astype(np.int64)
    n_without = contrast.n_without.astype(np.int64)
    events_with = np.rint(np.nan_to_num(contrast.mean_with) * n_with).astype(np.int64)
    events_without = np.rint(np.nan_to_num(contrast.mean_without) * n_without).astype(np.int64)
    total, events = n_with + n_without, events_with + events_without
    result = fisher_two_sided_p(events_with, total, events, n_with)
    return np.where(total > 0, result, 1.0)


def _empty_summary(size: int) -> NullSummary:
    return NullSummary(np.zeros(size), np.zeros(size), np.zeros(size), np.ones(size))


def _put(target: NullSummary, rows: IntArray, source: NullSummary) -> None:
    target.statistic[rows] = source.statistic
    target.null_mean[rows] = source.null_mean
    target.null_sd[rows] = source.null_sd
    target.beyond[rows] = source.beyond


def _regressions(
    table: DailyTable,
    tests: tuple[PlannedTest, ...],
    same_day: dict[str, FactorDays],
    min_shift: int,
) -> Iterator[tuple[IntArray, NullSummary, FloatArray]]:
    """The weighted regressions, one per factor-outcome pair, batched."""
    pairs: dict[tuple[str, str], list[int]] = {}
    for i, test in enumerate(tests):
        if not test.outcome.outcome.is_event:
            pairs.setdefault((test.factor.factor.name, test.outcome.outcome.name), []).append(i)
    outcomes = {t.outcome.outcome.name: t.outcome for t in tests}
    adjusted = {
        (t.factor.factor.name, t.outcome.outcome.name): stratum_of(table, t) is not None
        for t in tests
    }
    factors: dict[str, tuple[ComplexArray, float]] = {}
    outcome_cache: dict[tuple[str, bool], tuple[ComplexArray, float]] = {}
    keys = list(pairs)
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        for factor, outcome in chunk:
            if factor not in factors:
                coded = _coded(same_day[factor])
                factors[factor] = (spectra(factor_products(coded)), _persistence(coded))
            cached = (outcome, adjusted[(factor, outcome)])
            if cached not in outcome_cache:
                values = _outcome_values(outcomes[outcome], adjust=cached[1])
                outcome_cache[cached] = (
                    spectra(outcome_products(values)),
                    lag1_autocorrelation(values),
                )
        chosen = [outcome_cache[(o, adjusted[(f, o)])] for f, o in chunk]
        n = next(iter(outcomes.values())).values.size
        result = lagged_regression(
            np.stack([factors[f][0] for f, _ in chunk]),
            np.stack([spectrum for spectrum, _ in chosen]),
            np.array(
                [min(factors[f][1], rho) for (f, _), (_, rho) in zip(chunk, chosen, strict=True)]
            ),
            n,
            min_shift,
        )
        for k, pair in enumerate(chunk):
            for i in pairs[pair]:
                summary = result.same_day if tests[i].lag.days == 0 else result.next_day
                yield np.array([i]), _row(summary, k), result.reverse.z[k : k + 1]


def _persistence(coded: FloatArray) -> float:
    """The factor's own day-to-day correlation, over consecutive days it is known."""
    return lag1_autocorrelation(np.where(coded == 0.0, np.nan, coded))


def _row(summary: NullSummary, k: int) -> NullSummary:
    return NullSummary(
        summary.statistic[k : k + 1],
        summary.null_mean[k : k + 1],
        summary.null_sd[k : k + 1],
        summary.beyond[k : k + 1],
    )


def _coded(days: FactorDays) -> FloatArray:
    """The factor as the regression sees it, centred, 0 where unknown.

    A binary factor is 1 on its days and 0 on the others, so its coefficient is the
    difference between days with and without. A numeric factor keeps all its values (the
    middle third too, which a top-against-bottom contrast would throw away), winsorised at
    its 2.5th and 97.5th percentiles so one extreme day cannot steer the line, and divided by
    the gap between the means of its top and bottom thirds: its coefficient is then the
    difference between a typical top-third day and a typical bottom-third day, along the
    straight line through all days.
    """
    if days.factor.kind is Kind.BINARY:
        coded = np.where(days.with_days, 1.0, np.where(days.without_days, 0.0, np.nan))
    else:
        coded = _per_thirds_gap(days)
    known = ~np.isnan(coded)
    centre = coded[known].mean() if known.any() else 0.0
    result: FloatArray = np.where(known, coded - centre, 0.0)
    return result


def _per_thirds_gap(days: FactorDays) -> FloatArray:
    values = days.values
    known = values[~np.isnan(values)]
    if not (days.with_days.any() and days.without_days.any()):
        return np.full(values.shape, np.nan)
    gap = float(values[days.with_days].mean() - values[days.without_days].mean())
    if not np.isfinite(gap) or gap <= 0:
        return np.full(values.shape, np.nan)
    low, high = np.quantile(known, (0.025, 0.975))
    scaled: FloatArray = np.clip(values, low, high) / gap
    return scaled


def _outcome_values(outcome: OutcomeDays, *, adjust: bool = False) -> FloatArray:
    """The outcome where it counts (NaN elsewhere); with ``adjust``, less the mean of its
    stratum, so the regression compares flare days with flare days (see ColumnSpec)."""
    values: FloatArray = np.where(outcome.known, outcome.values, np.nan)
    if adjust and outcome.stratum is not None:
        for inside in (outcome.stratum, outcome.known & ~outcome.stratum):
            if inside.any():
                values = np.where(inside, values - values[inside].mean(), values)
    return values


def stratum_of(table: DailyTable, test: PlannedTest) -> BoolArray | None:
    """The stratum a test compares within (see ColumnSpec.adjust_for), or None.

    Not when the factor is the stratum itself or of its group ("in a flare" against pain:
    the comparison is the flare state).
    """
    outcome = test.outcome
    state = outcome.outcome.adjust_for
    if outcome.stratum is None or state is None:
        return None
    if test.factor.factor.measure_group == table.spec(state).measure_group:
        return None
    return outcome.stratum


def _reverse_days(
    table: DailyTable, factor: FactorDays, cache: dict[tuple[str, Lag], FactorDays]
) -> FactorDays:
    key = (factor.factor.name, factor.lag.reverse)
    if key not in cache:
        cache[key] = factor_days(table, factor.factor, factor.lag.reverse)
    return cache[key]


def _contrasts(
    tests: list[PlannedTest],
    factors: list[FactorDays],
    min_shift: int,
    *,
    event: bool,
    table: DailyTable,
) -> ShiftTest:
    """Plain with/without contrasts: one FFT per series, shared across tests; outcomes
    compared within a stratum (the flare state) get the stratified contrast."""
    n = tests[0].outcome.values.size
    cache: dict[tuple[int, str], ComplexArray] = {}

    def spectrum(owner: object, part: str, series: np.ndarray) -> ComplexArray:
        key = (id(owner), part)
        if key not in cache:
            cache[key] = spectra(series.astype(np.float64))
        return cache[key]

    strata = None
    chosen = [None if event else stratum_of(table, t) for t in tests]
    if any(stratum is not None for stratum in chosen):
        parts: list[list[list[ComplexArray]]] = [[[], [], []], [[], [], []]]
        for test, stratum in zip(tests, chosen, strict=True):
            outcome = test.outcome
            inside = stratum if stratum is not None else outcome.known
            for k, days in enumerate((inside, outcome.known & ~inside)):
                tag = f"{k}{stratum is not None}"
                values = np.where(days, outcome.values, 0.0)
                parts[k][0].append(spectrum(outcome, "known" + tag, days))
                parts[k][1].append(spectrum(outcome, "value" + tag, values))
                parts[k][2].append(spectrum(outcome, "squared" + tag, values**2))
        strata = (
            np.stack([np.stack(parts[k][0]) for k in (0, 1)]),
            np.stack([np.stack(parts[k][1]) for k in (0, 1)]),
            np.stack([np.stack(parts[k][2]) for k in (0, 1)]),
        )
    series = ContrastSeries(
        with_days=np.stack([spectrum(f, "with", f.with_days) for f in factors]),
        without_days=np.stack([spectrum(f, "without", f.without_days) for f in factors]),
        known=np.stack([spectrum(t.outcome, "known", t.outcome.known) for t in tests]),
        value=np.stack([spectrum(t.outcome, "value", t.outcome.values) for t in tests]),
        value_squared=np.stack(
            [spectrum(t.outcome, "squared", t.outcome.values**2) for t in tests]
        ),
        n=n,
        strata=strata,
    )
    return contrast_tests(series, event=event, min_shift=min_shift)


def _finding(
    table: DailyTable,
    test: PlannedTest,
    computed: _Computed,
    i: int,
    q_value: float,
    q_threshold: float,
    same_day: dict[str, FactorDays],
) -> Finding:
    outcome = test.outcome.outcome
    effect, low, high, unit = _effect(outcome, computed.effect, i)
    supported = q_value <= q_threshold and _agrees(computed, i, outcome)
    reverse_stronger = bool(abs(computed.reverse_z[i]) > abs(computed.test.z[i]))
    within = outcome.adjust_for if stratum_of(table, test) is not None else None
    # Not the outcome itself (mood "comes with" sleep when mood is what is compared), nor
    # the state the days were compared within.
    apart = {outcome.measure_group} | ({table.spec(within).measure_group} if within else set())
    comes_with = _comes_with(test.factor.factor, same_day, apart) if supported else ()
    numbers = Numbers(
        effect=effect,
        ci_low=low,
        ci_high=high,
        mean_with=float(computed.mean_with[i]),
        mean_without=float(computed.mean_without[i]),
        n_with=test.n_with,
        n_without=test.n_without,
        supported=supported,
        reverse_stronger=reverse_stronger,
        comes_with=comes_with,
        within=table.spec(within).label if within else "",
    )
    higher = effect >= 1.0 if outcome.is_event else effect >= 0.0
    return Finding(
        factor=test.factor.factor.label,
        outcome=outcome.label,
        lag_days=test.lag.days,
        direction="higher" if higher else "lower",
        effect=effect,
        effect_unit=unit,
        ci_low=low,
        ci_high=high,
        p_value=float(computed.p_value[i]),
        q_value=q_value,
        n_with=test.n_with,
        n_without=test.n_without,
        supported=supported,
        sentence=finding_sentence(test.factor, outcome, numbers),
        reverse_stronger=reverse_stronger,
        comes_with=comes_with,
        factor_name=test.factor.factor.name,
        outcome_name=outcome.name,
        mean_with=numbers.mean_with,
        mean_without=numbers.mean_without,
    )


def _agrees(computed: _Computed, i: int, outcome: ColumnSpec) -> bool:
    """Whether the effect shown backs the test: same sign, interval clear of no difference.

    The p-value comes from the weighted regression, the effect shown from the plain
    difference; a finding is supported only when both say the same thing, so a person never
    reads "supported" beside an interval that includes no difference.
    """
    effect = computed.effect
    low, high = float(effect.ci_low[i]), float(effect.ci_high[i])
    same_sign = np.sign(computed.test.statistic[i]) == np.sign(effect.statistic[i])
    return bool((same_sign or not computed.from_regression[i]) and (low > 0 or high < 0))


def _effect(outcome: ColumnSpec, result: NullSummary, i: int) -> tuple[float, float, float, str]:
    stat, low, high = (
        float(result.statistic[i]),
        float(result.ci_low[i]),
        float(result.ci_high[i]),
    )
    if outcome.is_event:
        return float(np.exp(stat)), float(np.exp(low)), float(np.exp(high)), "risk ratio"
    if outcome.kind is Kind.BINARY:
        return 100 * stat, 100 * low, 100 * high, "percentage points"
    return stat, low, high, outcome.unit


def _comes_with(
    factor: ColumnSpec, same_day: dict[str, FactorDays], apart: set[str]
) -> tuple[str, ...]:
    """Other factors on most of this factor's days (and more than on its other days), but
    none of the groups ``apart``."""
    mine = same_day[factor.name]
    found: list[tuple[float, str]] = []
    for name, other in same_day.items():
        spec = other.factor
        if name == factor.name or spec.measure_group in {factor.measure_group, *apart}:
            continue
        on_with = mine.with_days & other.known
        on_without = mine.without_days & other.known
        if on_with.sum() < COMES_WITH_MIN_DAYS or on_without.sum() < COMES_WITH_MIN_DAYS:
            continue
        share_with = float(np.mean(other.with_days[on_with]))
        share_without = float(np.mean(other.with_days[on_without]))
        if share_with >= COMES_WITH_SHARE and share_with - share_without >= COMES_WITH_LIFT:
            sentence = comes_with_sentence(
                _days_words(factor), _also_words(spec), share_with, share_without
            )
            found.append((share_with, sentence))
    found.sort(key=lambda item: -item[0])
    return tuple(sentence for _, sentence in found[:COMES_WITH_SHOWN])


def _days_words(spec: ColumnSpec) -> str:
    if spec.kind is Kind.BINARY:
        return f"days when {spec.when}"
    return f"days in your top third for {spec.label}"


def _also_words(spec: ColumnSpec) -> str:
    if spec.kind is Kind.BINARY:
        return f"{spec.when} too"
    return f"the day was also in your top third for {spec.label}"
