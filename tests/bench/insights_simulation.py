"""How often Insights finds nothing where there is nothing, and finds what was planted.

    python tests/bench/insights_simulation.py [--null 200] [--planted 100] [--out FILE]

Prints one JSON document:
- "simulation": over ``--null`` simulated journals with no relation at all, how many show
  any supported finding (the project's limit: 1 in 10) and the share of p-values under
  0.05 / 0.01 / 0.001 (calibration); over ``--planted`` journals with 4 planted effects of
  half a standard deviation each, the share found (power), by kind of factor, and how often
  the 95 % interval covered the planted size. Journals: one year, 12 yes/no + 8 numeric
  factors, 4 outcomes, lags 0 and 1 (160 tests); see journal/analysis/insights/simulate.py.
- "two_years": the same power over two years of data.
- "demo": the demo journal's planted relations, found or not, over ``--demo-seeds`` seeds
  at 1, 2 and 3 years, and once at 10 years.
- "timing": seconds for Insights on a 10-year journal of 25 factors x 15 outcomes.
Not part of the test suite (tests/unit/analysis/insights holds a small, fast version).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "analysis" / "insights"))

from insights_demo_table import demo_table  # noqa: E402

from journal.analysis.insights import run_insights  # noqa: E402
from journal.analysis.insights.simulate import (  # noqa: E402
    Design,
    measure,
    plant_effects,
    simulate_journal,
)

# The demo's planted relations as findings: (factor, outcome, lag_days, direction).
DEMO_RELATIONS = {
    "short night -> flare onset (1-3 days)": ("slept under 6 h", "flare onset", 3, "higher"),
    "stress 7+ -> flare onset (1-3 days)": ("stress 7 or more", "flare onset", 3, "higher"),
    "weekly active minutes -> fasting glucose": (
        "weekly active minutes (last 4 weeks)",
        "fasting glucose",
        0,
        "lower",
    ),
    "in a flare -> pain": ("in a flare", "pain", 0, "higher"),
    "in a flare -> fatigue": ("in a flare", "fatigue", 0, "higher"),
    "in a flare -> stiffness": ("in a flare", "stiffness", 0, "higher"),
    "carbs -> after-meal glucose": ("carbs", "after-meal glucose", 0, "higher"),
}


def demo_found(days: int, seeds: range) -> dict[str, object]:
    found = dict.fromkeys(DEMO_RELATIONS, 0)
    onsets = []
    for seed in seeds:
        table = demo_table(days, seed=seed)
        onsets.append(int(table.column("flare_onset").sum()))
        result = run_insights(table)
        by_key = {(f.factor, f.outcome, f.lag_days): f for f in result.findings}
        for name, (factor, outcome, lag, direction) in DEMO_RELATIONS.items():
            finding = by_key.get((factor, outcome, lag))
            found[name] += bool(finding and finding.supported and finding.direction == direction)
    return {
        "days": days,
        "journals": len(seeds),
        "median_flare_onsets": statistics.median(onsets),
        "share_found": {name: count / len(seeds) for name, count in found.items()},
    }


def timing() -> dict[str, object]:
    design = Design(days=3653, binary_factors=15, numeric_factors=10, outcomes=15)
    table = simulate_journal(design, plant_effects(design, 6, 0.3, seed=1), seed=1)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        result = run_insights(table)
        runs.append(time.perf_counter() - started)
    demo = demo_table(3652, seed=1)
    demo_runs = []
    for _ in range(5):
        started = time.perf_counter()
        run_insights(demo)
        demo_runs.append(time.perf_counter() - started)
    return {
        "simulated_10_years_25_factors_15_outcomes": {
            "tests_run": result.tests_run,
            "median_seconds": round(statistics.median(runs), 3),
        },
        "demo_10_years": {"median_seconds": round(statistics.median(demo_runs), 3)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--null", type=int, default=200)
    parser.add_argument("--planted", type=int, default=100)
    parser.add_argument("--demo-seeds", type=int, default=20)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    design = Design()
    figures: dict[str, object] = {
        "simulation": measure(
            design,
            null_journals=args.null,
            planted_journals=args.planted,
            effects_per_journal=4,
            size_sd=0.5,
            seed=20_000,
        ).as_dict(),
        "two_years": measure(
            replace(design, days=730),
            null_journals=args.null // 2,
            planted_journals=args.planted // 2,
            effects_per_journal=4,
            size_sd=0.5,
            seed=40_000,
        ).as_dict(),
        "demo": [demo_found(days, range(1, args.demo_seeds + 1)) for days in (365, 730, 1095)]
        + [demo_found(3652, range(1, 4))],
        "timing": timing(),
    }
    text = json.dumps(figures, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
