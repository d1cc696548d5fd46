"""Check journal.analysis.cgm_metrics against a line-by-line transcription of iglu's R code.

Run by hand on a CSV of ``id,time,gl`` rows with UTC times (as iglu's example data):

    .venv/bin/python tests/bench/check_against_iglu.py PATH.csv

The transcription below is plain Python (statistics, datetime, no numpy), written from
iglu's R sources (R/active_percent.R, mean_glu.R, sd_glu.R, cv_glu.R, gmi.R,
in_range_percent.R, below_percent.R, above_percent.R, utils.R CGMS2DayByDay, plot_agp.R),
so the two computations share no code. R's round() rounds half to even, as Python's does.
"""

from __future__ import annotations

import csv
import math
import statistics
import sys
from collections import defaultdict
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import numpy as np

from journal.analysis.cgm_metrics import agp, cgm_metrics


def read(path: Path) -> dict[str, list[tuple[int, float]]]:
    subjects: dict[str, list[tuple[int, float]]] = defaultdict(list)
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            moment = datetime.fromisoformat(row["time"].replace("Z", "+00:00"))
            subjects[row["id"]].append((int(moment.timestamp()), float(row["gl"])))
    return subjects


# --- iglu, transcribed -----------------------------------------------------------------------


def iglu_active_percent(times: list[int]) -> tuple[float, float]:
    """active_percent(range_type = "automatic"), after check_data_time's de-duplication."""
    t = sorted(set(times))
    diffs = [(b - a) / 60 for a, b in pairwise(t)]
    dt0 = round(statistics.median(diffs))
    theoretical = round(round((t[-1] - t[0]) / 60) / dt0) + 1
    gap_minutes = sum(d for d in diffs if round(d) > dt0)
    ngaps = sum(1 for d in diffs if round(d) > dt0)
    missing = round((gap_minutes - ngaps * dt0) / dt0)
    ndays = (t[-1] - t[0]) / 86400
    return (theoretical - missing) / theoretical * 100, ndays


def iglu_summaries(gl: list[float]) -> dict[str, float]:
    mean = statistics.fmean(gl)
    sd = statistics.stdev(gl)  # R's sd(): n - 1

    def share(test: object) -> float:
        return sum(1 for g in gl if test(g)) / len(gl) * 100  # type: ignore[operator]

    return {
        "mean": mean,
        "sd": sd,
        "cv": sd / mean * 100,
        "gmi": 3.31 + 0.02392 * mean,
        "below_54": share(lambda g: g < 54),
        "below_70": share(lambda g: g < 70),
        "in_70_180": share(lambda g: 70 <= g <= 180),
        "above_180": share(lambda g: g > 180),
        "above_250": share(lambda g: g > 250),
    }


def iglu_agp_quantiles(readings: list[tuple[int, float]]) -> tuple[int, list[list[float]]]:
    """CGMS2DayByDay (inter_gap 45) then quantile(probs = 5,25,50,75,95 %) per column."""
    readings = sorted(readings)
    tr = [t for t, _ in readings]
    g = [v for _, v in readings]
    # Repeated times: the earlier of each pair is dropped.
    keep = [i for i in range(len(tr)) if i == len(tr) - 1 or tr[i + 1] != tr[i]]
    tr, g = [tr[i] for i in keep], [g[i] for i in keep]
    diffs = [(b - a) / 60 for a, b in pairwise(tr)]
    dt0 = round(statistics.median(diffs))
    if 1440 % dt0 != 0:
        dt0 = 20 if dt0 > 20 else (dt0 + 5 - dt0 % 5 if dt0 % 5 > 2 else dt0 - dt0 % 5)
    ndays = math.ceil((tr[-1] - tr[0]) / 86400 + 1)
    min_day = tr[0] - tr[0] % 86400  # midnight (UTC) of the first day
    grid = [min_day + dt0 * 60 * k for k in range(1, ndays * 1440 // dt0 + 1)]
    values: list[float] = []
    j = 0
    for x in grid:  # stats::approx, NA outside the data
        if x < tr[0] or x > tr[-1]:
            values.append(math.nan)
            continue
        while j + 1 < len(tr) and tr[j + 1] < x:
            j += 1
        if tr[j] == x:
            values.append(g[j])
            continue
        a, b = tr[j], tr[j + 1]
        values.append(g[j] + (g[j + 1] - g[j]) * (x - a) / (b - a))
    for k, d in enumerate(diffs):
        if d > 45:
            for i, x in enumerate(grid):
                if tr[k] < x < tr[k + 1]:
                    values[i] = math.nan
    per_day = 1440 // dt0
    columns = []
    for c in range(per_day):
        column = sorted(v for v in values[c::per_day] if not math.isnan(v))
        columns.append([_quantile7(column, p) for p in (0.05, 0.25, 0.5, 0.75, 0.95)])
    return dt0, columns


def _quantile7(ordered: list[float], p: float) -> float:
    if not ordered:
        return math.nan
    h = (len(ordered) - 1) * p
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


# --- the comparison --------------------------------------------------------------------------


# Figures iglu's README prints for its example data (rounded as printed there):
# below_percent(example_data_5_subject, targets = c(80, 170, 260)) for every subject, and for
# Subject 1 (example_data_1_subject) summary_glu's mean, in_range_percent and above_percent.
PUBLISHED = {
    "Subject 1": {
        "<80": 0.583,
        "<170": 89.3,
        "<260": 99.7,
        "63-140": 73.9,
        "70-180": 91.7,
        ">140": 26.1,
        ">200": 3.40,
        ">250": 0.377,
        ">80": 99.3,
        "mean": 124,
    },
    "Subject 2": {"<80": 0.0, "<170": 16.8, "<260": 78.4},
    "Subject 3": {"<80": 0.848, "<170": 72.7, "<260": 95.9},
    "Subject 4": {"<80": 1.69, "<170": 91.0, "<260": 100.0},
    "Subject 5": {"<80": 1.03, "<170": 54.6, "<260": 90.1},
}


def ours_published(utc: np.ndarray, gl: np.ndarray, key: str) -> float:
    """One published figure from cgm_metrics, through its inclusive user range."""
    zeros = np.zeros(len(utc), np.int64)
    tiny = 1e-9  # readings are whole mg/dL: (0, 80 - tiny) is "below 80"
    if key == "mean":
        result = cgm_metrics(utc, zeros, gl)
        assert result is not None
        return result.mean_mgdl
    if key.startswith("<"):
        bounds = (0.0, float(key[1:]) - tiny)
    elif key.startswith(">"):
        bounds = (float(key[1:]) + tiny, 10_000.0)
    else:
        low, high = key.split("-")
        bounds = (float(low), float(high))
    result = cgm_metrics(utc, zeros, gl, user_range=bounds)
    assert result is not None
    return result.user_range.percent


def main(path: Path) -> None:
    subjects = read(path)
    names = [
        ("active %", "active"),
        ("days", "ndays"),
        ("mean", "mean"),
        ("SD", "sd"),
        ("CV %", "cv"),
        ("GMI %", "gmi"),
        ("<54 %", "below_54"),
        ("<70 %", "below_70"),
        ("70-180 %", "in_70_180"),
        (">180 %", "above_180"),
        (">250 %", "above_250"),
    ]
    print("| subject | n | metric | iglu (transcribed) | Interplay | difference |")
    print("|---|---|---|---|---|---|")
    worst = 0.0
    for subject, readings in subjects.items():
        times = [t for t, _ in readings]
        gl = [v for _, v in readings]
        active, ndays = iglu_active_percent(times)
        expected = {"active": active, "ndays": ndays, **iglu_summaries(gl)}
        utc = np.array(times, np.int64)
        ours = cgm_metrics(utc, np.zeros(len(utc), np.int64), np.array(gl))
        assert ours is not None
        got = {
            "active": ours.active_percent,
            "ndays": ours.span_days,
            "mean": ours.mean_mgdl,
            "sd": ours.sd_mgdl,
            "cv": ours.cv_percent,
            "gmi": ours.gmi_percent,
            "below_54": ours.very_low.percent,
            "below_70": ours.below_70.percent,
            "in_70_180": ours.in_range.percent,
            "above_180": ours.above_180.percent,
            "above_250": ours.very_high.percent,
        }
        for label, key in names:
            difference = got[key] - expected[key]
            worst = max(worst, abs(difference))
            print(
                f"| {subject} | {len(gl)} | {label} | {expected[key]:.4f} | {got[key]:.4f} "
                f"| {difference:.1e} |"
            )
    print(f"\nLargest difference in any metric: {worst:.2e}\n")
    print("| subject | figure | iglu README | Interplay |")
    print("|---|---|---|---|")
    for subject, figures in PUBLISHED.items():
        utc = np.array([t for t, _ in subjects[subject]], np.int64)
        gl = np.array([v for _, v in subjects[subject]])
        for key, published in figures.items():
            print(f"| {subject} | {key} | {published} | {ours_published(utc, gl, key):.3f} |")
    print()
    print("| subject | grid (min) | AGP points compared | largest difference (mg/dL) |")
    print("|---|---|---|---|")
    for subject, readings in subjects.items():
        dt0, columns = iglu_agp_quantiles(readings)
        utc = np.array([t for t, _ in readings], np.int64)
        gl = np.array([v for _, v in readings])
        profile = agp(utc, np.zeros(len(utc), np.int64), gl, window_minutes=0)
        assert profile is not None
        largest, compared = 0.0, 0
        for c, expected_q in enumerate(columns):
            minute = ((c + 1) * dt0) % 1440  # iglu's column c is at (c + 1) x dt0 minutes
            i = int(np.flatnonzero(profile.minute_of_day == minute)[0])
            for p, e in zip((5, 25, 50, 75, 95), expected_q, strict=True):
                value = float(profile.percentile(p)[i])
                if math.isnan(e) and math.isnan(value):
                    continue
                largest = max(largest, abs(value - e))
                compared += 1
        print(f"| {subject} | {dt0} | {compared} | {largest:.2e} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
