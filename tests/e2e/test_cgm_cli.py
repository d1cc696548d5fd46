"""The command line for CGM exports: import with --tz, glucose-stats and its JSON contract."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from journal import cli
from journal.domain.units import GlucoseUnit
from journal.io.cgm.samples import synthetic_readings, write_clarity, write_libreview
from tests.e2e.cli_runner import run_in_process

BERLIN = ZoneInfo("Europe/Berlin")
KEYS = [
    "readings",
    "first",
    "last",
    "days",
    "active_pct",
    "mean_mg_dl",
    "sd_mg_dl",
    "cv_pct",
    "gmi_pct",
    "tir_70_180_pct",
    "tbr_below_70_pct",
    "tbr_below_54_pct",
    "tar_above_180_pct",
    "tar_above_250_pct",
    "agp",
]
MAIN = Path(__file__).resolve().parents[2] / "main.py"
TRACE = synthetic_readings(14, start=datetime(2026, 10, 19, tzinfo=BERLIN), zone=BERLIN, seed=4)


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """The real program in its own process (for exit codes and stderr)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("INTERPLAY_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, str(MAIN), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def interplay(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str]:
    """Run a command in this process (as ``interplay`` would), with its output."""
    code = cli.run_command(cli.parse(["--data-dir", str(data), *args]))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def stats(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> dict[str, object]:
    out = data.parent / f"{data.name}-stats.json"
    code, _ = interplay(capsys, data, "glucose-stats", "--json", str(out), *args)
    assert code == 0
    document: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return document


def files(folder: Path) -> dict[str, Path]:
    return {
        "g6": write_clarity(folder / "g6.csv", TRACE, BERLIN, device="G6"),
        "g7": write_clarity(folder / "g7.csv", TRACE, BERLIN, device="G7", unit=GlucoseUnit.MMOLL),
        "us": write_libreview(
            folder / "us.csv", TRACE, BERLIN, style="US", device="FreeStyle Libre 3"
        ),
        "eu": write_libreview(
            folder / "eu.csv",
            TRACE,
            BERLIN,
            style="EU",
            unit=GlucoseUnit.MMOLL,
            delimiter=";",
            device="FreeStyle Libre 3",
        ),
    }


def test_glucose_stats_writes_the_documented_keys_and_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "journal"
    path = write_clarity(tmp_path / "clarity.csv", TRACE, BERLIN)
    code, out = interplay(capsys, data, "import", str(path), "--tz", "Europe/Berlin")
    assert code == 0 and "Imported 4,032 CGM readings" in out

    document = stats(capsys, data)

    assert list(document) == KEYS
    assert document["readings"] == 4032
    assert document["first"] == "2026-10-19T00:00:00+02:00"
    assert document["last"] == "2026-11-01T22:55:00+01:00"  # 14 x 288 readings; a 25-hour day
    assert document["active_pct"] == 100.0
    mean = float(np.mean(TRACE.mgdl))
    assert document["mean_mg_dl"] == pytest.approx(mean)
    assert document["gmi_pct"] == pytest.approx(3.31 + 0.02392 * mean)
    shares = [document[k] for k in ("tbr_below_54_pct", "tir_70_180_pct", "tar_above_180_pct")]
    assert sum(shares) + float(document["tbr_below_70_pct"]) - float(
        document["tbr_below_54_pct"]
    ) == pytest.approx(100)  # type: ignore[arg-type]
    agp = document["agp"]
    assert isinstance(agp, list) and len(agp) == 288
    assert agp[0].keys() == {"minute", "p5", "p25", "p50", "p75", "p95"}
    assert max(b["minute"] - a["minute"] for a, b in itertools.pairwise(agp)) <= 15
    assert all(p["p5"] <= p["p50"] <= p["p95"] for p in agp)


def test_a_period_and_an_empty_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = stats(capsys, tmp_path / "empty")
    assert empty["readings"] == 0 and empty["mean_mg_dl"] is None and empty["agp"] == []
    data = tmp_path / "journal"
    interplay(
        capsys,
        data,
        "import",
        str(write_clarity(tmp_path / "c.csv", TRACE, BERLIN)),
        "--tz",
        "Europe/Berlin",
    )

    two_days = stats(capsys, data, "--from", "2026-10-20", "--to", "2026-10-21")
    code, text = interplay(
        capsys, data, "glucose-stats", "--from", "2026-10-20", "--to", "2026-10-21"
    )

    assert two_days["readings"] == 576
    assert code == 0 and "576 historic readings" in text and "target > 70 %" in text
    assert "consensus asks for at least 14" in text


def test_four_formats_of_the_same_readings_give_the_same_figures_and_import_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = {}
    for name, path in files(tmp_path).items():
        data = tmp_path / name
        code, out = interplay(capsys, data, "import", str(path), "--tz", "Europe/Berlin")
        assert code == 0, out
        code, again = interplay(capsys, data, "import", str(path), "--tz", "Europe/Berlin")
        assert code == 0 and again.startswith("Nothing new"), again
        documents[name] = stats(capsys, data)
    reference = documents["g6"]
    # mmol/L to one decimal moves a reading by at most 1 mg/dL: only readings that close to
    # a band's bound can change band.
    near = np.zeros(len(TRACE), bool)
    for bound in (54, 70, 180, 250):
        near |= np.abs(TRACE.mgdl - bound) <= 1
    tolerance = near.mean() * 100 + 1e-9
    for name, document in documents.items():
        assert document["readings"] == reference["readings"], name
        assert document["first"] == reference["first"] and document["last"] == reference["last"]
        assert document["active_pct"] == reference["active_pct"]
        exact = name in ("g6", "us")
        for key in ("mean_mg_dl", "sd_mg_dl"):
            assert document[key] == pytest.approx(reference[key], abs=0 if exact else 0.5), (
                name,
                key,
            )
        for key in KEYS[9:14]:
            assert abs(document[key] - reference[key]) <= (0 if exact else tolerance), (name, key)  # type: ignore[operator]


def test_bad_input_fails_with_one_line(tmp_path: Path) -> None:
    path = write_clarity(tmp_path / "c.csv", TRACE, BERLIN)
    assert_one_line_error(
        run("import", str(path), "--tz", "Mars/Olympus", data_dir=tmp_path / "j"), 1
    )
    assert_one_line_error(
        run("glucose-stats", "--from", "2026-11-02", "--to", "2026-11-01", data_dir=tmp_path / "j"),
        1,
    )
    # The real program above; these two in this process (tests/e2e/cli_runner.py).
    bad_date = run_in_process("glucose-stats", "--from", "soon", data_dir=tmp_path / "j")
    assert_one_line_error(bad_date, 2)
    json_file = tmp_path / "journal.json"
    json_file.write_text("{}", encoding="utf-8")
    not_cgm = run_in_process("import", str(json_file), "--tz", "UTC", data_dir=tmp_path / "j")
    assert_one_line_error(not_cgm, 1)
