"""The benchmark records how long building the demo journal took, and the README's table
shows it."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_the_demo_build_time_is_a_figure_of_the_table() -> None:
    before = list(sys.path)
    sys.path.insert(0, str(BENCH))
    try:
        bench = importlib.import_module("bench")
        readme_table = importlib.import_module("readme_table")
    finally:
        sys.path[:] = before  # (bench.py puts its folder on the path too)
    out = bench.Figures()
    built = {"10 years": {"days": 3650, "entries": 51_161, "build_s": 7.84, "file_mb": 14.2}}
    bench.add_demo_build(out, built, "10 years")
    (row,) = out.rows
    assert (row["key"], row["value"], row["unit"], row["journal"]) == (
        "demo_build_s",
        7.84,
        "s",
        "10 years",
    )
    meta = {
        "started": "2026-12-02T00:00:00+00:00",
        "mode": "full",
        "start_up_rounds": 15,
        "cpus": 2,
        "python": "3.11",
        "journals": built,
    }
    table = readme_table.section({"meta": meta, "figures": out.rows})
    assert "| build the 10 years demo journal (51,161 entries" in table
    assert "(`demo_build_s`) | 7.84 s |" in table
