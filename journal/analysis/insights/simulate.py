"""Synthetic daily tables with planted effects of known size, to measure what Insights finds.

A simulated journal (``simulate_journal``) has ``binary_factors`` yes/no factors, each a
two-state Markov chain with its own prevalence (share of days present) and persistence (the
lag-1 autocorrelation of the 0/1 series), ``numeric_factors`` numeric factors, each a
Gaussian AR(1) series, and ``outcomes`` numeric outcomes, each a Gaussian AR(1) series (mean
5, standard deviation 1.5 points) plus the planted effects. Parameters are drawn per column
from the design's ranges. Then whole days go unlogged at random (``missing_day_share``) and,
on logged days, single values too (``missing_value_share``), so a column is ~20 % unknown.

A planted effect of size d at lag L raises an outcome on day t by d standard deviations of
the outcome (its AR(1) series' own, before effects) when a binary factor was present on day
t - L; for a numeric factor it is linear, scaled so that days in the factor's top third have
the outcome d standard deviations above days in its bottom third (for a Gaussian factor the
thirds' means are 2.18 of its standard deviations apart). Effects use the factor's true
values, logged or not, as a body would.

Everything comes from one ``numpy.random.Generator`` seeded by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from journal.analysis.insights.table import (
    ColumnSpec,
    DailyTable,
    FloatArray,
    Kind,
    Role,
    TimeOfDay,
)

# E[x | top third] - E[x | bottom third] for a standard normal x: 2 * pdf(0.4307) / (1/3).
GAUSSIAN_THIRDS_GAP = 2.18
OUTCOME_MEAN = 5.0
OUTCOME_SD = 1.5
FIRST_DAY = date(2025, 1, 1)


@dataclass(frozen=True)
class Design:
    """The shape of a simulated journal; ranges are (low, high) drawn uniformly per column."""

    days: int = 365
    binary_factors: int = 12
    numeric_factors: int = 8
    outcomes: int = 4
    missing_day_share: float = 0.15
    missing_value_share: float = 0.05
    outcome_autocorrelation: tuple[float, float] = (0.3, 0.7)
    binary_prevalence: tuple[float, float] = (0.15, 0.5)
    binary_persistence: tuple[float, float] = (0.0, 0.6)
    numeric_autocorrelation: tuple[float, float] = (0.2, 0.9)

    @property
    def factor_names(self) -> tuple[str, ...]:
        binary = tuple(f"yes/no factor {i + 1}" for i in range(self.binary_factors))
        numeric = tuple(f"numeric factor {i + 1}" for i in range(self.numeric_factors))
        return binary + numeric

    @property
    def outcome_names(self) -> tuple[str, ...]:
        return tuple(f"outcome {i + 1}" for i in range(self.outcomes))


@dataclass(frozen=True)
class PlantedEffect:
    factor: str
    outcome: str
    lag_days: int
    size_sd: float


def simulate_journal(design: Design, planted: Sequence[PlantedEffect], seed: int) -> DailyTable:
    """One journal of ``design`` with ``planted`` effects (none for a null journal)."""
    rng = np.random.default_rng(seed)
    n = design.days
    factors: dict[str, FloatArray] = {}
    for name in design.factor_names[: design.binary_factors]:
        prevalence = rng.uniform(*design.binary_prevalence)
        persistence = rng.uniform(*design.binary_persistence)
        factors[name] = markov_binary(rng, n, prevalence, persistence)
    for name in design.factor_names[design.binary_factors :]:
        factors[name] = ar1(rng, n, rng.uniform(*design.numeric_autocorrelation))
    outcomes = {
        name: OUTCOME_MEAN + OUTCOME_SD * ar1(rng, n, rng.uniform(*design.outcome_autocorrelation))
        for name in design.outcome_names
    }
    for effect in planted:
        outcomes[effect.outcome] += _effect_series(factors[effect.factor], effect)
    day_missing = rng.random(n) < design.missing_day_share
    columns: list[tuple[ColumnSpec, FloatArray]] = []
    for name, values in [*factors.items(), *outcomes.items()]:
        missing = day_missing | (rng.random(n) < design.missing_value_share)
        columns.append(
            (
                _spec(name, name in factors, name.startswith("yes/no")),
                np.where(missing, np.nan, values),
            )
        )
    return DailyTable.build(FIRST_DAY, columns)


def plant_effects(
    design: Design, count: int, size_sd: float, seed: int
) -> tuple[PlantedEffect, ...]:
    """``count`` effects on distinct outcomes (cycling) with random factors and lags 0/1.

    Half the effects go to binary factors and half to numeric ones, alternating, so the
    measured power covers both kinds.
    """
    rng = np.random.default_rng(seed)
    binary = list(design.factor_names[: design.binary_factors])
    numeric = list(design.factor_names[design.binary_factors :])
    effects = []
    for i in range(count):
        pool = binary if i % 2 == 0 else numeric
        factor = pool.pop(int(rng.integers(len(pool))))
        outcome = design.outcome_names[i % design.outcomes]
        effects.append(PlantedEffect(factor, outcome, int(rng.integers(2)), size_sd))
    return tuple(effects)


def ar1(rng: np.random.Generator, n: int, phi: float) -> FloatArray:
    """A stationary Gaussian AR(1) series with unit variance and lag-1 correlation ``phi``."""
    noise = rng.standard_normal(n) * np.sqrt(1 - phi**2)
    noise[0] /= np.sqrt(1 - phi**2)  # the first day drawn from the stationary distribution
    # The recursion y[t] = noise[t] + phi y[t - 1] in a plain loop: the same floats as
    # scipy.signal.lfilter([1], [1, -phi], noise), without its second of imports.
    series = np.empty(n)
    previous = 0.0
    for t, step in enumerate(noise.tolist()):
        previous = step + phi * previous
        series[t] = previous
    return series


def markov_binary(
    rng: np.random.Generator, n: int, prevalence: float, persistence: float
) -> FloatArray:
    """A stationary 0/1 chain: ``prevalence`` share of 1s, lag-1 correlation ``persistence``."""
    stay_on = prevalence + persistence * (1 - prevalence)
    turn_on = prevalence * (1 - persistence)
    draws = rng.random(n)
    series = np.empty(n)
    series[0] = float(draws[0] < prevalence)
    for t in range(1, n):
        chance = stay_on if series[t - 1] == 1 else turn_on
        series[t] = float(draws[t] < chance)
    return series


def _effect_series(factor: FloatArray, effect: PlantedEffect) -> FloatArray:
    size = effect.size_sd * OUTCOME_SD
    binary = set(np.unique(factor)) <= {0.0, 1.0}
    driver = factor if binary else factor / GAUSSIAN_THIRDS_GAP
    shifted = np.zeros_like(driver)
    lag = effect.lag_days
    shifted[lag:] = driver[: driver.size - lag]
    result: FloatArray = size * shifted
    return result


def _spec(name: str, is_factor: bool, binary: bool) -> ColumnSpec:
    if not is_factor:
        return ColumnSpec(name, name, "points", Role.OUTCOME, Kind.NUMERIC, TimeOfDay.WHOLE_DAY)
    kind = Kind.BINARY if binary else Kind.NUMERIC
    return ColumnSpec(name, name, "" if binary else "units", Role.FACTOR, kind, TimeOfDay.DAY)


@dataclass(frozen=True)
class Measured:
    """What many simulated journals show: false findings on null journals, power on planted."""

    null_journals: int
    null_with_any_supported: int
    null_p_below: dict[str, float]
    planted_journals: int
    planted_effects: int
    planted_found: int
    planted_found_binary: float
    planted_found_numeric: float
    planted_interval_covers: float
    planted_false_findings: int
    tests_per_journal: float
    seconds_per_journal: float

    @property
    def share_null_with_any(self) -> float:
        return self.null_with_any_supported / max(1, self.null_journals)

    @property
    def power(self) -> float:
        return self.planted_found / max(1, self.planted_effects)

    def as_dict(self) -> dict[str, object]:
        return {
            "null_journals": self.null_journals,
            "null_journals_with_any_supported_finding": self.null_with_any_supported,
            "share_null_journals_with_any_supported_finding": round(self.share_null_with_any, 4),
            "null_share_of_p_below": self.null_p_below,
            "planted_journals": self.planted_journals,
            "planted_effects": self.planted_effects,
            "planted_effects_found": self.planted_found,
            "power": round(self.power, 4),
            "power_binary_factor": round(self.planted_found_binary, 4),
            "power_numeric_factor": round(self.planted_found_numeric, 4),
            "planted_interval_covers_true_effect": round(self.planted_interval_covers, 4),
            "supported_findings_unrelated_to_planted": self.planted_false_findings,
            "tests_per_journal": self.tests_per_journal,
            "seconds_per_journal": round(self.seconds_per_journal, 4),
        }


def measure(
    design: Design,
    *,
    null_journals: int,
    planted_journals: int,
    effects_per_journal: int,
    size_sd: float,
    seed: int,
) -> Measured:
    """Run Insights on many simulated journals and count what it finds (see ``Measured``)."""
    import time

    from journal.analysis.insights.engine import run_insights

    started = time.perf_counter()
    null_any = 0
    null_p: list[FloatArray] = []
    tests = 0
    for i in range(null_journals):
        result = run_insights(simulate_journal(design, (), seed=seed + i))
        null_any += bool(result.supported)
        null_p.append(np.array([f.p_value for f in result.findings]))
        tests += result.tests_run
    found = {"binary": [0, 0], "numeric": [0, 0]}
    covers = 0
    unrelated = 0
    for i in range(planted_journals):
        journal_seed = seed + 1_000_000 + i
        planted = plant_effects(design, effects_per_journal, size_sd, seed=journal_seed)
        result = run_insights(simulate_journal(design, planted, seed=journal_seed))
        tests += result.tests_run
        by_key = {(f.factor, f.outcome, f.lag_days): f for f in result.findings}
        related = {(e.factor, e.outcome) for e in planted}
        for effect in planted:
            finding = by_key.get((effect.factor, effect.outcome, effect.lag_days))
            kind = "binary" if effect.factor.startswith("yes/no") else "numeric"
            found[kind][1] += 1
            if finding is None:
                continue
            truth = effect.size_sd * OUTCOME_SD
            covers += finding.ci_low <= truth <= finding.ci_high
            found[kind][0] += finding.supported and finding.direction == "higher"
        unrelated += sum(
            f.supported and (f.factor, f.outcome) not in related for f in result.findings
        )
    all_null_p = np.concatenate(null_p) if null_p else np.array([])
    total_planted = found["binary"][1] + found["numeric"][1]
    return Measured(
        null_journals=null_journals,
        null_with_any_supported=null_any,
        null_p_below={
            str(level): round(float(np.mean(all_null_p < level)), 5) if all_null_p.size else 0.0
            for level in (0.05, 0.01, 0.001)
        },
        planted_journals=planted_journals,
        planted_effects=total_planted,
        planted_found=found["binary"][0] + found["numeric"][0],
        planted_found_binary=found["binary"][0] / max(1, found["binary"][1]),
        planted_found_numeric=found["numeric"][0] / max(1, found["numeric"][1]),
        planted_interval_covers=covers / max(1, total_planted),
        planted_false_findings=unrelated,
        tests_per_journal=tests / max(1, null_journals + planted_journals),
        seconds_per_journal=(time.perf_counter() - started)
        / max(1, null_journals + planted_journals),
    )
