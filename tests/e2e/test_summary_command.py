"""``interplay summary --json``: a hand-made journal across a clock change and three time
zones gives the numbers worked out by hand below."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import (
    DoseLog,
    Exercise,
    Glucose,
    LabResult,
    Meal,
    Medication,
    Sleep,
    StressCheck,
)
from journal.domain.goals import Comparison, Goal, GoalMeasure, GoalPeriod
from journal.domain.vocabulary import DoseStatus, GlucoseContext, Intensity
from journal.services import open_services

MAIN = Path(__file__).resolve().parents[2] / "main.py"
NEW_YORK = ZoneInfo("America/New_York")
EST, EDT = timezone(timedelta(hours=-5)), timezone(timedelta(hours=-4))
BERLIN, TOKYO = timezone(timedelta(hours=1)), timezone(timedelta(hours=9))


def _journal(data_dir: Path) -> None:
    # "Now" is 9 March 2026, 20:00 in New York; the clocks went forward on the 8th at 02:00.
    clock = FakeClock(datetime(2026, 3, 9, 20, 0, tzinfo=NEW_YORK), zone=NEW_YORK)
    services = open_services(data_dir, clock)
    add = services.journal.add_entry
    med = services.journal.save_medication(
        Medication(
            name="Metformin",
            times=(time(8), time(20)),
            periods=((datetime(2026, 3, 1, tzinfo=EST), None),),
        )
    )
    # Saturday 7 March, New York (EST).
    add(Meal(at=datetime(2026, 3, 7, 8, 0, tzinfo=EST), items="oats", carbs_g=40))
    add(
        Meal(
            at=datetime(2026, 3, 7, 12, 30, tzinfo=EST), items="pasta", carbs_g=60, added_sugar_g=10
        )
    )
    add(
        Exercise(
            at=datetime(2026, 3, 7, 18, 0, tzinfo=EST), minutes=30, intensity=Intensity.VIGOROUS
        )
    )
    # Sunday 8 March: a night from 23:00 EST to 07:30 EDT is 7.5 hours.
    add(
        Sleep(
            at=datetime(2026, 3, 8, 7, 30, tzinfo=EDT),
            hours=7.5,
            bedtime=datetime(2026, 3, 7, 23, 0, tzinfo=EST),
        )
    )
    add(
        Glucose(at=datetime(2026, 3, 8, 7, 45, tzinfo=EDT), mgdl=95, context=GlucoseContext.FASTING)
    )
    add(Glucose(at=datetime(2026, 3, 8, 21, 0, tzinfo=EDT), mgdl=150))
    add(Exercise(at=datetime(2026, 3, 8, 10, 0, tzinfo=EDT), minutes=60, intensity=Intensity.LIGHT))
    add(
        DoseLog(
            at=datetime(2026, 3, 8, 8, 5, tzinfo=EDT), medication_id=med.id or 0, scheduled=time(8)
        )
    )
    add(
        DoseLog(
            at=datetime(2026, 3, 8, 20, 0, tzinfo=EDT),
            medication_id=med.id or 0,
            scheduled=time(20),
            status=DoseStatus.SKIPPED,
        )
    )
    # Monday 9 March in Berlin: the late reading is still the 9th there (17:30 in New York).
    add(Meal(at=datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN), items="bread", carbs_g=50))
    add(Glucose(at=datetime(2026, 3, 9, 23, 30, tzinfo=BERLIN), mgdl=110))
    add(LabResult(at=datetime(2026, 3, 9, 8, 0, tzinfo=BERLIN), test="fasting_glucose", value=100))
    add(LabResult(at=datetime(2026, 3, 9, 8, 0, tzinfo=BERLIN), test="fasting_insulin", value=10))
    # Tuesday 10 March in Tokyo, while it is still the 9th in New York.
    add(StressCheck(at=datetime(2026, 3, 10, 7, 0, tzinfo=TOKYO), stress=6))
    add(StressCheck(at=datetime(2026, 3, 10, 9, 0, tzinfo=TOKYO), stress=4))
    services.goals.save_goal(
        Goal(
            name="Sleep 7 h",
            measure=GoalMeasure.SLEEP_HOURS,
            comparison=Comparison.AT_LEAST,
            target=7,
            period=GoalPeriod.DAY,
        )
    )
    services.close()


EXPECTED = [
    {
        "day": "2026-03-07",
        "carbs_g": 100.0,
        "added_sugar_g": 10.0,
        "active_minutes": 30.0,
        "who_minutes": 60.0,
        "stress_mean": None,
        "sleep_h": None,
        "glucose_min_mg_dl": None,
        "glucose_max_mg_dl": None,
        "doses_due": 2,
        "doses_taken": 0,
        "homa_ir": None,
    },
    {
        "day": "2026-03-08",
        "carbs_g": None,
        "added_sugar_g": None,
        "active_minutes": 60.0,
        "who_minutes": 0.0,
        "stress_mean": None,
        "sleep_h": 7.5,
        "glucose_min_mg_dl": 95.0,
        "glucose_max_mg_dl": 150.0,
        "doses_due": 2,
        "doses_taken": 1,
        "homa_ir": None,
    },
    {
        "day": "2026-03-09",
        "carbs_g": 50.0,
        "added_sugar_g": None,
        "active_minutes": 0.0,
        "who_minutes": 0.0,
        "stress_mean": None,
        "sleep_h": None,
        "glucose_min_mg_dl": 110.0,
        "glucose_max_mg_dl": 110.0,
        "doses_due": 2,
        "doses_taken": 0,
        "homa_ir": 2.47,
    },
    {
        "day": "2026-03-10",
        "carbs_g": None,
        "added_sugar_g": None,
        "active_minutes": 0.0,
        "who_minutes": 0.0,
        "stress_mean": 5.0,
        "sleep_h": None,
        "glucose_min_mg_dl": None,
        "glucose_max_mg_dl": None,
        "doses_due": 2,
        "doses_taken": 0,
        "homa_ir": None,
    },
]


@pytest.mark.slow
def test_summary_json_matches_the_numbers_worked_out_by_hand(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _journal(data_dir)
    out = tmp_path / "summary.json"
    env = {**os.environ, "TZ": "America/New_York", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            str(MAIN),
            "--data-dir",
            str(data_dir),
            "summary",
            "--from",
            "2026-03-07",
            "--to",
            "2026-03-10",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["days"] == EXPECTED
    sleep = [g for g in document["goals"] if g["name"] == "Sleep 7 h"]
    assert [(g["period_start"], g["value"], g["met"]) for g in sleep] == [
        ("2026-03-07", None, False),
        ("2026-03-08", 7.5, True),
        ("2026-03-09", None, False),
        ("2026-03-10", None, False),
    ]


def test_summary_refuses_a_reversed_period(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(MAIN),
            "--data-dir",
            str(tmp_path),
            "summary",
            "--from",
            "2026-03-10",
            "--to",
            "2026-03-07",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().endswith("--from must not be after --to")
