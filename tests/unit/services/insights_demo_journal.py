"""The demo journal through the real path: generate_demo into a journal file, then the
Insights service reads it from the measure registry (as the app and the CLI do).

Used by the demo test here and by tests/bench/insights_simulation.py. The demo plants
(journal/io/demo_person.py, demo_days.py): a night under 6 h or stress 7+ in the two days
before multiplies the flare hazard by 5; the active minutes of the last four weeks lower
fasting glucose (0.075 mg/dL per weekly minute); a flare raises pain, fatigue and
stiffness; the after-meal reading rises 0.6 mg/dL per gram of the meal's carbohydrate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from journal.domain.clock import FakeClock
from journal.io.demo import generate_demo
from journal.services import open_services
from journal.services.insights import InsightsReport
from journal.store.database import open_database
from journal.store.files import JOURNAL_FILENAME

TZ = timezone(timedelta(hours=1))
END = date(2026, 11, 24)


@dataclass(frozen=True)
class Planted:
    """A planted relation as Insights words it, with the sizes that would be sensible."""

    name: str
    factor: str
    outcome: str
    lags: tuple[int, ...]
    direction: str
    smallest: float
    largest: float


PLANTED: tuple[Planted, ...] = (
    Planted(
        "short night -> flare onset", "slept under 6 h", "flare onset", (1, 3), "higher", 1.5, 25
    ),
    Planted(
        "stress 7+ -> flare onset", "stress 7 or more", "flare onset", (1, 3), "higher", 1.5, 25
    ),
    # 0.075 mg/dL per weekly minute times the ~100-250 minutes between the thirds.
    Planted(
        "weekly active minutes -> fasting glucose",
        "active minutes a week (last 4 weeks)",
        "fasting glucose",
        (0, 1),
        "lower",
        -25,
        -5,
    ),
    Planted("in a flare -> pain", "in a flare", "pain", (0, 1), "higher", 2, 7),
    Planted("in a flare -> fatigue", "in a flare", "fatigue", (0, 1), "higher", 1, 7),
    Planted("in a flare -> stiffness", "in a flare", "stiffness", (0, 1), "higher", 2, 7),
    # 0.6 mg/dL per gram times the ~30-60 g between the thirds of a day's carbs.
    Planted("carbs -> after-meal glucose", "carbs", "after-meal glucose", (0,), "higher", 10, 45),
)


def demo_report(folder: Path, days: int, seed: int) -> InsightsReport:
    """Insights over a fresh demo journal of ``days`` days ending on END, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(folder / JOURNAL_FILENAME)
    try:
        generate_demo(db, days=days, seed=seed, end=END, tz=TZ)
    finally:
        db.close()
    clock = FakeClock(datetime.combine(END, time(21, 30), tzinfo=TZ))
    services = open_services(folder, clock)
    try:
        return services.insights.compute()
    finally:
        services.close()


def found(report: InsightsReport, planted: Planted) -> bool:
    """Whether the relation is supported, in the planted direction, at one of its lags."""
    return any(
        f.supported and f.direction == planted.direction
        for f in report.result.findings
        if (f.factor, f.outcome) == (planted.factor, planted.outcome) and f.lag_days in planted.lags
    )
