"""``interplay report``: the report for the doctor as a PDF, and its numbers as JSON.

Kept out of ``journal.cli`` (which only registers it) so the command's imports stay here: Qt
is loaded only when a report is drawn, on an offscreen platform when there is no display.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from journal.store.errors import JournalError

PAPERS = ("a4", "letter")
# The report's parts by name (``journal.services.report.Section``; a test keeps them equal),
# spelled out here so that parsing the arguments loads nothing heavy.
SECTIONS = ("glucose", "autoimmune", "medications", "lifestyle", "insights", "goals", "questions")


class ReportCommandError(JournalError):
    """The report cannot be made as asked; the message says why."""


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24") from None


def _sections(text: str) -> frozenset[str]:
    chosen = frozenset(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = sorted(chosen - set(SECTIONS))
    if unknown:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown)} is not a part of the report (choose from {', '.join(SECTIONS)})"
        )
    return chosen


def add_report_command(commands: Any) -> None:
    """Register ``report`` on the subcommands of ``interplay``."""
    report = commands.add_parser(
        "report", help="a PDF report for your doctor (glucose, flares, medications, lifestyle)"
    )
    report.add_argument(
        "--from",
        dest="first",
        type=_day,
        metavar="DATE",
        help="first day (default: the day of the last report, else 90 days ago)",
    )
    report.add_argument(
        "--to", dest="last", type=_day, metavar="DATE", help="last day (default: today)"
    )
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    report.add_argument("--json", metavar="PATH", help="also write every number it prints as JSON")
    report.add_argument(
        "--paper", choices=PAPERS, default="a4", help="paper size: a4 (default) or letter"
    )
    report.add_argument("--name", help="the name printed at the top (default: the last one)")
    report.add_argument(
        "--questions",
        metavar="TEXT",
        default="",
        help="questions for your doctor, printed as typed",
    )
    report.add_argument(
        "--leave-out",
        type=_sections,
        default=frozenset(),
        metavar="PARTS",
        help=f"parts to leave out, separated by commas: {', '.join(SECTIONS)}",
    )


def cmd_report(args: argparse.Namespace) -> int:
    from journal.services import open_services
    from journal.services.report import ReportRequest, Section
    from journal.store.lock import JournalLock
    from journal.store.paths import resolve_data_dir

    if args.first and args.last and args.first > args.last:
        raise ReportCommandError("--from must not be after --to")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise ReportCommandError(f"{out.parent} is not a folder that exists")
    data_dir = resolve_data_dir(args.data_dir)
    with JournalLock(data_dir):
        services = open_services(data_dir)
        try:
            report = services.reports.build(
                ReportRequest(
                    first=args.first,
                    last=args.last,
                    sections=frozenset(s for s in Section if s.value not in args.leave_out),
                    name=args.name,
                    questions=args.questions,
                )
            )
            pages = _draw(report, out, args.paper)
            if args.json:
                _write_json(Path(args.json), report.as_dict() | {"pages": pages})
            services.reports.remember(report)
        finally:
            services.close()
    h = report.header
    also = f" and its numbers to {args.json}" if args.json else ""
    print(
        f"Wrote a {pages}-page report of {h.first.isoformat()} to {h.last.isoformat()} "
        f"to {out}{also}"
    )
    return 0


def _draw(report: Any, out: Path, paper: str) -> int:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform not in (
        "linux",
        "freebsd",
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from journal.ui.report.canvas import PAPERS as SIZES
    from journal.ui.report.render import write_pdf

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0], "-platform", "offscreen"])
    try:
        rendered = write_pdf(report, out, SIZES[paper])
    except OSError as exc:
        raise ReportCommandError(str(exc)) from None
    del _app
    return rendered.pages


def _write_json(path: Path, document: dict[str, Any]) -> None:
    partial = path.with_name(f".{path.name}.part")
    try:
        partial.write_text(
            json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        partial.replace(path)
    except OSError as exc:
        raise ReportCommandError(f"{path} could not be written ({exc.strerror or exc})") from None
    finally:
        partial.unlink(missing_ok=True)
