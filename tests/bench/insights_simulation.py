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
- "demo": the demo journal's planted relations, found or not, over ``--demo-seeds`` demo
  journals (written by generate_demo, read back through the measure registry as the app
  does) at 1, 2 and 3 years, and over 3 at 10 years; with the supported findings per
  journal and how many involved a column the demo draws independently of everything
  (missed doses, water, bloating and digestive scores).
- "timing": seconds for Insights on a simulated 10-year journal of 25 factors x 15
  outcomes; on the 10-year demo journal read from its file (reading the measures, and the
  tests); and in the Insights view, from a change to the result on screen, computed in the
  background while an entry is saved every 50 ms (the saves' times, to show logging never
  waits).
Not part of the test suite (tests/unit/analysis/insights holds a small, fast version).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "services"))

from insights_demo_journal import PLANTED, demo_report, found  # noqa: E402

from journal.analysis.insights import run_insights  # noqa: E402
from journal.analysis.insights.simulate import (  # noqa: E402
    Design,
    measure,
    plant_effects,
    simulate_journal,
)

NEGATIVE_CONTROLS = ("missed a dose of", "Water", "bloating", "digestive")


def demo_found(days: int, seeds: range) -> dict[str, object]:
    found_count = {planted.name: 0 for planted in PLANTED}
    onsets, supported, controls = [], [], []
    for seed in seeds:
        with tempfile.TemporaryDirectory() as folder:
            report = demo_report(Path(folder), days, seed)
        onsets.append(int(np.nansum(report.table.column("flare_onset"))))
        supported.append(len(report.result.supported))
        controls.append(
            sum(
                any(f.factor.startswith(c) or f.outcome == c for c in NEGATIVE_CONTROLS)
                for f in report.result.supported
            )
        )
        for planted in PLANTED:
            found_count[planted.name] += found(report, planted)
    return {
        "days": days,
        "journals": len(seeds),
        "median_flare_onsets": statistics.median(onsets),
        "median_supported_findings": statistics.median(supported),
        "journals_with_a_negative_control_supported": sum(c > 0 for c in controls),
        "negative_control_findings_supported": sum(controls),
        "share_found": {name: count / len(seeds) for name, count in found_count.items()},
    }


def timing() -> dict[str, object]:
    design = Design(days=3653, binary_factors=15, numeric_factors=10, outcomes=15)
    table = simulate_journal(design, plant_effects(design, 6, 0.3, seed=1), seed=1)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        result = run_insights(table)
        runs.append(time.perf_counter() - started)
    figures: dict[str, object] = {
        "simulated_10_years_25_factors_15_outcomes": {
            "tests_run": result.tests_run,
            "median_seconds": round(statistics.median(runs), 3),
        }
    }
    with tempfile.TemporaryDirectory() as folder:
        report = demo_report(Path(folder), 3652, 1)
        figures["demo_10_years"] = demo_timing(Path(folder), report.result.tests_run)
    return figures


def demo_timing(folder: Path, tests_run: int) -> dict[str, object]:
    """Reading and testing the 10-year demo journal; and the view computing it in the
    background while entries are saved."""
    from journal.services import open_services

    services = open_services(folder)
    reads, tests = [], []
    first, last = services.insights.default_range()
    for _ in range(5):
        started = time.perf_counter()
        table = services.insights.table(first, last)
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        run_insights(table)
        tests.append(time.perf_counter() - started)
    background = view_timing(services)
    services.close()
    return {
        "days": table.n_days,
        "tests_run": tests_run,
        "median_read_seconds": round(statistics.median(reads), 3),
        "median_tests_seconds": round(statistics.median(tests), 3),
        **background,
    }


def view_timing(services: object) -> dict[str, object]:
    """From a change to the new result on screen in the Insights view, three times; an
    entry saved through the services every 50 ms meanwhile."""
    from datetime import datetime

    from PySide6.QtCore import QEventLoop, QTimer

    from journal.domain.entries import Note
    from journal.ui.application import create_application
    from journal.ui.insights import InsightsView
    from journal.ui.signals import JournalSignals

    create_application()
    signals = JournalSignals(services)  # type: ignore[arg-type]
    view = InsightsView(services, signals, debounce_ms=0)  # type: ignore[arg-type]
    view.resize(1200, 800)
    view.show()
    saves: list[float] = []
    durations: list[float] = []

    def save() -> None:
        started = time.perf_counter()
        services.journal.add_entry(Note(at=datetime.now().astimezone(), note="bench"))  # type: ignore[attr-defined]
        saves.append(1000 * (time.perf_counter() - started))

    done: list[float] = []
    view.updated.connect(lambda: done.append(time.perf_counter()))
    ticker = QTimer()
    ticker.timeout.connect(save)

    def wait(condition: Callable[[], bool]) -> None:
        # Qt waits in C++ between checks, as the app's own event loop does.
        loop = QEventLoop()
        check = QTimer()
        check.timeout.connect(lambda: loop.quit() if condition() else None)
        check.start(5)
        loop.exec()
        check.stop()

    wait(lambda: view.report is not None and not view.busy)
    for _ in range(3):
        done.clear()
        started = time.perf_counter()
        save()  # a change: the view recomputes in the background
        ticker.start(50)
        wait(lambda: bool(done))
        ticker.stop()
        durations.append(done[0] - started)
        wait(lambda: not view.busy)  # the recomputation the last saves asked for
    view.shutdown()
    signals.detach()
    return {
        "view_change_to_result_median_seconds": round(statistics.median(durations), 2),
        "saves_during_background_compute": len(saves),
        "save_ms_median": round(statistics.median(saves), 2),
        "save_ms_max": round(max(saves), 2),
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
