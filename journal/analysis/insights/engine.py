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
    ContrastSeries,
    IntArray,
    ShiftTest,
    benjamini_hochberg,
    contrast_tests,
    spectra,
)
from journal.analysis.insights.table import ColumnSpec, DailyTable, Kind

Q_THRESHOLD = 0.05
RAW_ALPHA = 0.05
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
    tests = plan.tests
    forward = _run_shift_tests(tests, [t.factor for t in tests], min_shift)
    reverse = _run_shift_tests(
        tests, [_reverse_days(table, t.factor, plan.factor_days) for t in tests], min_shift
    )
    q_values = benjamini_hochberg(forward.p_value)
    same_day = {
        spec.name: plan.factor_days.get((spec.name, SAME_DAY)) or factor_days(table, spec, SAME_DAY)
        for spec in table.factors
    }
    findings = [
        _finding(test, forward, reverse, i, float(q_values[i]), q_threshold, same_day)
        for i, test in enumerate(tests)
    ]
    findings.sort(key=lambda f: (not f.supported, f.q_value, f.p_value))
    chance = ChanceAlone(len(tests), RAW_ALPHA, q_threshold, sum(f.supported for f in findings))
    return InsightsResult(
        first_day=table.first_day.isoformat(),
        last_day=table.last_day.isoformat(),
        tests_run=len(tests),
        findings=tuple(findings),
        not_enough_data=plan.not_enough_data,
        chance=chance,
        settings={"q_threshold": q_threshold, "min_shift_days": float(min_shift)},
    )


def _reverse_days(
    table: DailyTable, factor: FactorDays, cache: dict[tuple[str, Lag], FactorDays]
) -> FactorDays:
    key = (factor.factor.name, factor.lag.reverse)
    if key not in cache:
        cache[key] = factor_days(table, factor.factor, factor.lag.reverse)
    return cache[key]


def _run_shift_tests(
    tests: tuple[PlannedTest, ...], factors: list[FactorDays], min_shift: int
) -> ShiftTest:
    """Contrast and null for every test (in plan order), batched by kind and BATCH rows."""
    parts: list[tuple[IntArray, ShiftTest]] = []
    n = tests[0].outcome.values.size if tests else 0
    factor_spectra = _SpectraCache()
    outcome_spectra = _SpectraCache()
    for event in (False, True):
        rows = np.array(
            [i for i, t in enumerate(tests) if t.outcome.outcome.is_event == event], dtype=np.int64
        )
        for start in range(0, rows.size, BATCH):
            chunk = rows[start : start + BATCH]
            series = ContrastSeries(
                with_days=np.stack([factor_spectra.with_days(factors[i]) for i in chunk]),
                without_days=np.stack([factor_spectra.without_days(factors[i]) for i in chunk]),
                known=np.stack([outcome_spectra.known(tests[i].outcome) for i in chunk]),
                value=np.stack([outcome_spectra.value(tests[i].outcome) for i in chunk]),
                n=n,
            )
            parts.append((chunk, contrast_tests(series, event=event, min_shift=min_shift)))
    return _in_plan_order(parts, len(tests))


def _in_plan_order(parts: list[tuple[IntArray, ShiftTest]], size: int) -> ShiftTest:
    def gather(name: str, dtype: type) -> np.ndarray:
        out: np.ndarray = np.zeros(size, dtype=dtype)
        for rows, part in parts:
            out[rows] = getattr(part, name)
        return out

    return ShiftTest(
        n_with=gather("n_with", np.int64),
        n_without=gather("n_without", np.int64),
        **{
            name: gather(name, np.float64)
            for name in ("mean_with", "mean_without", "statistic", "null_mean", "null_sd")
        },
    )


class _SpectraCache:
    """One FFT per series, shared by every test that uses it."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str], np.ndarray] = {}

    def _get(self, owner: object, part: str, series: np.ndarray) -> np.ndarray:
        key = (id(owner), part)
        if key not in self._cache:
            self._cache[key] = spectra(series.astype(np.float64))
        return self._cache[key]

    def with_days(self, factor: FactorDays) -> np.ndarray:
        return self._get(factor, "with", factor.with_days)

    def without_days(self, factor: FactorDays) -> np.ndarray:
        return self._get(factor, "without", factor.without_days)

    def known(self, outcome: OutcomeDays) -> np.ndarray:
        return self._get(outcome, "known", outcome.known)

    def value(self, outcome: OutcomeDays) -> np.ndarray:
        return self._get(outcome, "value", outcome.values)


def _finding(
    test: PlannedTest,
    forward: ShiftTest,
    reverse: ShiftTest,
    i: int,
    q_value: float,
    q_threshold: float,
    same_day: dict[str, FactorDays],
) -> Finding:
    outcome = test.outcome.outcome
    effect, low, high, unit = _effect(outcome, forward, i)
    supported = q_value <= q_threshold
    reverse_stronger = bool(abs(reverse.z[i]) > abs(forward.z[i]))
    comes_with = _comes_with(test.factor.factor, same_day) if supported else ()
    numbers = Numbers(
        effect=effect,
        ci_low=low,
        ci_high=high,
        mean_with=float(forward.mean_with[i]),
        mean_without=float(forward.mean_without[i]),
        n_with=test.n_with,
        n_without=test.n_without,
        supported=supported,
        reverse_stronger=reverse_stronger,
        comes_with=comes_with,
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
        p_value=float(forward.p_value[i]),
        q_value=q_value,
        n_with=test.n_with,
        n_without=test.n_without,
        supported=supported,
        sentence=finding_sentence(test.factor, outcome, numbers),
        reverse_stronger=reverse_stronger,
        comes_with=comes_with,
    )


def _effect(outcome: ColumnSpec, result: ShiftTest, i: int) -> tuple[float, float, float, str]:
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


def _comes_with(factor: ColumnSpec, same_day: dict[str, FactorDays]) -> tuple[str, ...]:
    """Other factors on most of this factor's days (and more than on its other days)."""
    mine = same_day[factor.name]
    found: list[tuple[float, str]] = []
    for name, other in same_day.items():
        spec = other.factor
        if name == factor.name or spec.measure_group == factor.measure_group:
            continue
        on_with = mine.with_days & other.known
        on_without = mine.without_days & other.known
        if on_with.sum() < COMES_WITH_MIN_DAYS or on_without.sum() < COMES_WITH_MIN_DAYS:
            continue
        share_with = float(np.mean(other.with_days[on_with]))
        share_without = float(np.mean(other.with_days[on_without]))
        if share_with >= COMES_WITH_SHARE and share_with - share_without >= COMES_WITH_LIFT:
            sentence = comes_with_sentence(
                _days_words(factor), _days_words(spec), share_with, share_without
            )
            found.append((share_with, sentence))
    found.sort(key=lambda item: -item[0])
    return tuple(sentence for _, sentence in found[:COMES_WITH_SHOWN])


def _days_words(spec: ColumnSpec) -> str:
    return spec.label if spec.kind is Kind.BINARY else f"high {spec.label} (top third)"
