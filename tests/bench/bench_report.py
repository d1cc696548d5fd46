"""Report benchmark: the last 90 days of a ten-year demo journal with a million CGM readings.

    python tests/bench/bench_report.py --journal /tmp/report-bench --runs 5 --out report.json

The journal is made once (``interplay demo --days 3650`` and five-minute CGM readings for
the same ten years, written through the CGM store's bulk path) and kept for later runs.
Each figure is the median of interleaved runs:
- the report in the app: services opened afresh, the data built and the PDF written
  (imports already loaded, as in a running app);
- ``interplay report --out FILE.pdf`` end to end, in a fresh process (imports included);
- baseline from the same run: ``interplay glucose-stats`` over the same 90 days, a fresh
  process reading the same readings.
Not part of the test suite: timings belong here, never in assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from journal.store.files import JOURNAL_FILENAME  # noqa: E402

DAYS = 3650


def make_journal(path: Path) -> None:
    from journal.services import open_services
    from tests.report_journal import add_cgm_readings

    subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(path), "demo", "--days", str(DAYS)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    services = open_services(path)
    try:
        zone = datetime.now().astimezone().tzinfo
        assert zone is not None
        midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        end = midnight + timedelta(days=1)
        add_cgm_readings(services, end - timedelta(days=DAYS), DAYS, zone)
    finally:
        services.close()


def in_app(journal: Path, out: Path) -> tuple[float, int]:
    from journal.services import open_services
    from journal.services.report import ReportRequest
    from journal.ui.report.render import write_pdf

    started = time.perf_counter()
    services = open_services(journal)
    try:
        report = services.reports.build(ReportRequest(name="Demo"))
        pages = write_pdf(report, out).pages
    finally:
        services.close()
    return time.perf_counter() - started, pages


def fresh(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--journal", default=str(Path(tempfile.gettempdir()) / "report-bench"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", help="write the figures as JSON")
    args = parser.parse_args()
    journal = Path(args.journal)
    if not (journal / JOURNAL_FILENAME).exists():
        journal.mkdir(parents=True, exist_ok=True)
        make_journal(journal)

    from PySide6.QtGui import QGuiApplication

    from journal.services import open_services

    _app = QGuiApplication.instance() or QGuiApplication([])
    services = open_services(journal)
    readings = services.cgm.count()
    first, last = services.reports.default_period()
    services.close()
    pdf = Path(tempfile.gettempdir()) / "bench-report.pdf"
    in_app(journal, pdf)  # imports loaded once, as in the app
    app_runs, cli_runs, base_runs = [], [], []
    pages = 0
    for _ in range(args.runs):
        seconds, pages = in_app(journal, pdf)
        app_runs.append(seconds)
        cli_runs.append(
            fresh(
                [
                    sys.executable,
                    "main.py",
                    "--data-dir",
                    str(journal),
                    "report",
                    "--from",
                    first.isoformat(),
                    "--to",
                    last.isoformat(),
                    "--out",
                    str(pdf),
                ]
            )
        )
        base_runs.append(
            fresh(
                [
                    sys.executable,
                    "main.py",
                    "--data-dir",
                    str(journal),
                    "glucose-stats",
                    "--from",
                    first.isoformat(),
                    "--to",
                    last.isoformat(),
                ]
            )
        )
    figures = {
        "readings": readings,
        "period": [first.isoformat(), last.isoformat()],
        "pages": pages,
        "runs": args.runs,
        "report_in_app_s": round(statistics.median(app_runs), 2),
        "report_cli_s": round(statistics.median(cli_runs), 2),
        "baseline_glucose_stats_cli_s": round(statistics.median(base_runs), 2),
        "all_in_app_s": [round(v, 2) for v in app_runs],
        "all_cli_s": [round(v, 2) for v in cli_runs],
        "all_baseline_s": [round(v, 2) for v in base_runs],
    }
    print(json.dumps(figures, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
