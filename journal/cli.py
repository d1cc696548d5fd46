"""The command line: argument parsing and the headless commands (see DESIGN.md's contract).

Every failure ends with exit status 1 (2 for bad arguments) and one line on stderr; a
traceback is never shown for bad input. Heavy modules (Qt, numpy) are imported only by the
commands that need them, so ``interplay --version`` answers at once.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn

from journal import APP_NAME, __version__, cli_encryption

if TYPE_CHECKING:
    from journal.services import Services

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A command failed for a reason the user can act on; the message is shown as is."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24") from None


def add_period_options(parser: argparse.ArgumentParser, default_first: str) -> None:
    """--from and --to of a command that reads a period of days (see ``_period``)."""
    parser.add_argument(
        "--from",
        dest="first",
        type=_iso_date,
        metavar="DATE",
        help=f"first day, e.g. 2026-01-01 (default: {default_first})",
    )
    parser.add_argument(
        "--to", dest="last", type=_iso_date, metavar="DATE", help="last day (default: today)"
    )


DATA_DIR_HELP = "folder of the journal (default: INTERPLAY_DATA_DIR, else the user data folder)"
# The window's own switches (no command): flag -> (attribute, help).
WINDOW_FLAGS = {
    "--demo": ("demo", "open the window on a fresh throwaway journal filled with demo data"),
    "--minimized": (
        "minimized",
        "start hidden in the system tray, for reminders (used when starting at login)",
    ),
}


def build_parser() -> OneLineParser:
    parser = OneLineParser(
        prog="interplay",
        description=f"{APP_NAME}: a private, offline journal for insulin resistance and "
        "autoimmune conditions. With no command, opens the journal window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    for flag, (_name, help_text) in WINDOW_FLAGS.items():
        parser.add_argument(flag, action="store_true", help=help_text)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    demo = commands.add_parser("demo", help="fill the journal with realistic synthetic data")
    demo.add_argument("--days", type=_positive_int, default=365, help="days of data (365)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (1)")
    demo.add_argument("--force", action="store_true", help="replace a journal that has data")

    commands.add_parser("check", help="check the journal's integrity (exit 1 if damaged)")

    shot = commands.add_parser("screenshot", help="render each main view to PNG")
    shot.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files")

    export = commands.add_parser("export", help="export the journal as JSON or CSV")
    export.add_argument(
        "--format",
        choices=("json", "csv"),
        default="json",
        help="one JSON document (default), or a folder with one CSV file per kind",
    )
    export.add_argument("--out", required=True, metavar="PATH", help="file or folder to write")
    export.add_argument(
        "--from", dest="first", type=_iso_date, metavar="DATE", help="first day, e.g. 2026-01-01"
    )
    export.add_argument(
        "--to", dest="last", type=_iso_date, metavar="DATE", help="last day (inclusive)"
    )

    imp = commands.add_parser("import", help="import an export (all or nothing)")
    imp.add_argument(
        "path",
        metavar="PATH",
        help="a JSON export, a folder of CSV files, or a Dexcom Clarity or LibreView CSV export",
    )
    imp.add_argument(
        "--format",
        choices=("auto", "dexcom", "libreview", "json", "csv"),
        default="auto",
        help="what PATH holds (default: tell from the file)",
    )
    imp.add_argument(
        "--tz",
        metavar="ZONE",
        help="time zone the CGM export's times were lived in, e.g. Europe/Berlin (default: yours)",
    )
    imp.add_argument(
        "--entries",
        action="store_true",
        help="also add a CGM export's food and notes as journal entries",
    )
    imp.add_argument(
        "--update",
        action="store_true",
        help="where the file holds another version of a record in the journal, take the file's",
    )

    stats = commands.add_parser(
        "glucose-stats", help="the CGM consensus metrics and AGP of a period"
    )
    stats.add_argument(
        "--from", dest="first", type=_iso_date, metavar="DATE", help="first day (default: all)"
    )
    stats.add_argument(
        "--to", dest="last", type=_iso_date, metavar="DATE", help="last day (inclusive)"
    )
    stats.add_argument("--json", metavar="PATH", help="write the figures as JSON to PATH")

    summary = commands.add_parser(
        "summary", help="the numbers of each day and goal period (for scripts: --json)"
    )
    add_period_options(summary, "30 days ago")
    summary.add_argument("--json", metavar="PATH", help="write the numbers as JSON to PATH")

    backup = commands.add_parser("backup", help="back the journal up now")
    backup.add_argument("--out", metavar="PATH", help="file to write (default: backups folder)")

    insights = commands.add_parser(
        "insights", help="what goes with your flares, symptoms and glucose (associations)"
    )
    insights.add_argument(
        "--from", dest="first", type=_iso_date, metavar="DATE", help="first day (default: all)"
    )
    insights.add_argument(
        "--to", dest="last", type=_iso_date, metavar="DATE", help="last day (default: today)"
    )
    insights.add_argument(
        "--json", metavar="PATH", help="write the tests run and every finding as JSON to PATH"
    )

    from journal.report_cli import add_report_command

    add_report_command(commands)

    restore = commands.add_parser("restore", help="replace the journal with a backup")
    restore.add_argument(
        "path", metavar="PATH", help="a backup file (the current journal is backed up first)"
    )
    cli_encryption.add_parsers(commands)
    return parser


def _data_dir(args: argparse.Namespace) -> Path:
    from journal.store.paths import resolve_data_dir

    return resolve_data_dir(args.data_dir)


def cmd_demo(args: argparse.Namespace) -> int:
    from journal.io.demo import clear_journal, generate_demo, journal_is_empty
    from journal.store.database import open_database
    from journal.store.files import JOURNAL_FILENAME
    from journal.store.lock import JournalLock

    data_dir = _data_dir(args)
    with JournalLock(data_dir):
        db = open_database(data_dir / JOURNAL_FILENAME)
        try:
            if not journal_is_empty(db):
                if not args.force:
                    raise CommandError(
                        f"The journal in {data_dir} already has entries; "
                        "use --force to replace them with demo data."
                    )
                clear_journal(db)
            now = datetime.now(_local_tz())
            stats = generate_demo(
                db, days=args.days, seed=args.seed, end=now.date(), tz=_local_tz(), now=now
            )
        finally:
            db.close()
    print(f"{stats.describe()} Journal: {data_dir}")
    return EXIT_OK


def _local_tz() -> tzinfo:
    tz = datetime.now().astimezone().tzinfo
    assert tz is not None
    return tz


def cmd_check(args: argparse.Namespace) -> int:
    from journal.store.empty_journal import check_lines, inspect_empty
    from journal.store.files import JOURNAL_FILENAME
    from journal.store.integrity import CheckReport, check_journal

    data_dir = _data_dir(args)
    empty = inspect_empty(data_dir / JOURNAL_FILENAME)
    if empty is not None:  # what opening would do with it (journal.store.empty_journal)
        notes, problems = check_lines(empty)
        report = CheckReport(path=empty.path, problems=problems, notes=notes)
    else:
        report = check_journal(data_dir)
    for line in report.lines():
        print(line)
    if not report.ok:
        print(f"{APP_NAME}: the journal in {data_dir} has problems (see above)", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


def cmd_screenshot(args: argparse.Namespace) -> int:
    from journal.ui.screenshots import take_screenshots

    with _open_journal(args) as services:
        written = take_screenshots(services, Path(args.out))
    for path in written:
        print(path)
    return EXIT_OK


@contextmanager
def _open_journal(args: argparse.Namespace) -> Iterator[Services]:
    """The services of the journal, held under the single-instance lock."""
    from journal.services import open_services
    from journal.store.lock import JournalLock

    data_dir = _data_dir(args)
    with JournalLock(data_dir):
        services = open_services(data_dir)
        try:
            yield services
        finally:
            services.close()


def cmd_export(args: argparse.Namespace) -> int:
    if args.first and args.last and args.first > args.last:
        raise CommandError("--from must not be after --to")
    if args.encrypt:
        return cli_encryption.cmd_export_encrypted(args, _open_journal)
    with _open_journal(args) as data:
        summary = data.exports.export_journal(Path(args.out), args.format, args.first, args.last)
    readings = f" and {summary.readings:,} CGM readings" if summary.readings else ""
    print(f"Exported {summary.entries:,} entries{readings} as {summary.format} to {summary.path}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from journal.services.imports import iter_report_lines

    path = Path(args.path)
    if not path.exists():
        raise CommandError(f"{path} does not exist")
    zone = _zone(args.tz) if args.tz else None
    with _open_journal(args) as data:
        found = data.cgm.detect(path, args.format)
        if found is not None:
            return _import_cgm(data, path, found.value, zone, args.entries)
        if args.tz or args.entries:
            raise CommandError(
                "--tz and --entries are for Dexcom Clarity and LibreView exports; "
                f"{path.name} is not one"
            )
        changed: Literal["update", "refuse"] = "update" if args.update else "refuse"
        report = data.imports.import_journal(path, args.format, changed=changed)
    if getattr(args, "chosen_path", None):  # an encrypted export: named as the person gave it
        import dataclasses

        report = dataclasses.replace(report, path=Path(args.chosen_path))
    for line in iter_report_lines(report):
        print(line)
    return EXIT_OK


def _zone(name: str) -> tzinfo:
    from journal.services.zone import zone_named

    zone = zone_named(name)
    if zone is None:
        raise CommandError(f"{name!r} is not a time zone this computer knows (e.g. Europe/Berlin)")
    return zone


def _import_cgm(data: Services, path: Path, fmt: str, zone: tzinfo | None, entries: bool) -> int:
    choice: Literal["dexcom", "libreview"] = "dexcom" if fmt == "clarity" else "libreview"
    report = data.cgm.import_file(path, zone=zone, fmt=choice, with_entries=entries)
    print(report.summary())
    if report.warning:
        print(f"Warning: {report.warning}")
    if report.backup is not None:
        print(f"A backup of the journal as it was is at {report.backup.path}")
    return EXIT_OK


def cmd_glucose_stats(args: argparse.Namespace) -> int:
    from journal.services.cgm.wording import metrics_lines, no_readings_line

    if args.first and args.last and args.first > args.last:
        raise CommandError("--from must not be after --to")
    with _open_journal(args) as data:
        document = data.cgm.stats_json(args.first, args.last)
        metrics = data.cgm.metrics(args.first, args.last) if document["readings"] else None
        unit = data.units.glucose
    if args.json:
        try:
            _write_json(args.json, document)
        except OSError as exc:
            problem = exc.strerror or exc
            raise CommandError(f"{args.json} could not be written ({problem})") from None
        print(f"Wrote the CGM figures of {document['readings']:,} readings to {args.json}")
        return EXIT_OK
    if metrics is None:
        print(no_readings_line(args.first, args.last))
        return EXIT_OK
    offsets = (_offset_minutes(document["first"]), _offset_minutes(document["last"]))
    for line in metrics_lines(metrics, unit, offsets):
        print(line)
    return EXIT_OK


def _offset_minutes(moment: str) -> int:
    offset = datetime.fromisoformat(moment).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def _period(args: argparse.Namespace, today: date, days: int = 30) -> tuple[date, date]:
    """The --from/--to days of a read command (the last ``days`` days by default)."""
    last = args.last or today
    first = args.first or last - timedelta(days=days - 1)
    if first > last:
        raise CommandError("--from must not be after --to")
    return first, last


def _write_json(path: str, document: object) -> None:
    """Write ``document`` to ``path`` whole or not at all."""
    import json

    target = Path(path)
    partial = target.with_name(f".{target.name}.part")
    try:
        partial.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def cmd_summary(args: argparse.Namespace) -> int:
    with _open_journal(args) as services:
        first, last = _period(args, services.journal.now().date())
        summary = services.summary.summary(first, last)
    if args.json:
        _write_json(args.json, summary.as_dict())
        print(f"Wrote the numbers of {len(summary.days)} days to {args.json}")
        return EXIT_OK
    for day in summary.days:
        shown = {k: v for k, v in day.items() if k != "day" and v not in (None, 0)}
        text = ", ".join(f"{k} {_number(v)}" for k, v in shown.items()) or "nothing recorded"
        print(f"{day['day']}: {text}")
    return EXIT_OK


def _number(value: object) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def cmd_backup(args: argparse.Namespace) -> int:
    with _open_journal(args) as data:
        info = data.maintenance.backup(Path(args.out) if args.out else None)
    print(f"Backed up to {info.path} ({info.size_bytes / 1_000_000:.1f} MB, verified)")
    return EXIT_OK


def cmd_insights(args: argparse.Namespace) -> int:
    import json

    from journal.services.insights import findings_document, summary_lines

    if args.first and args.last and args.first > args.last:
        raise CommandError("--from must not be after --to")
    with _open_journal(args) as data:
        first, last = data.insights.default_range()
        report = data.insights.compute(args.first or first, args.last or last)
    if args.json:
        text = json.dumps(findings_document(report.result), indent=2, ensure_ascii=False)
        Path(args.json).write_text(text + "\n", encoding="utf-8")
        print(f"Wrote {report.result.tests_run} tests to {args.json}")
        return EXIT_OK
    for line in summary_lines(report):
        print(line)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    # Not through the services: a damaged journal cannot be opened, and restoring is
    # exactly what it needs. The current file is backed up (or set aside) first.
    from journal.store.backup import restore_backup
    from journal.store.files import JOURNAL_FILENAME
    from journal.store.lock import JournalLock

    backup = Path(args.path)
    if not backup.is_file():
        raise CommandError(f"{backup} is not a backup file")
    data_dir = _data_dir(args)
    set_aside: list[Path] = []
    notes: list[str] = []
    with JournalLock(data_dir):
        safety = restore_backup(
            data_dir / JOURNAL_FILENAME, backup, set_aside=set_aside, notes=notes
        )
    print(f"Restored the journal in {data_dir} from {backup}")
    if safety is not None:
        print(f"The journal as it was is backed up at {safety.path}")
    if set_aside:  # damaged, empty or from a newer version: it could not be backed up
        print(f"The journal as it was could not be backed up; it was moved aside as {set_aside[0]}")
    for note in notes:
        print(note)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from journal.report_cli import cmd_report as report

    return report(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "check": cmd_check,
    "screenshot": cmd_screenshot,
    "export": cmd_export,
    "import": cmd_import,
    "glucose-stats": cmd_glucose_stats,
    "summary": cmd_summary,
    "backup": cmd_backup,
    "insights": cmd_insights,
    "restore": cmd_restore,
    "report": cmd_report,
    **cli_encryption.COMMANDS,
}


def run_command(args: argparse.Namespace) -> int:
    """Run a headless command; turn every expected failure into one line on stderr."""
    from journal.cli_encryption import PassphraseInputError
    from journal.services.errors import JournalError
    from journal.store.lock import JournalLockedError

    handler = COMMANDS.get(args.command)
    if handler is None:
        return _fail(f"the command '{args.command}' is not available in this version")
    try:
        cli_encryption.unlock_for(args, _data_dir(args))  # an encrypted journal's passphrase
        return handler(args)
    except (CommandError, JournalError, JournalLockedError, PassphraseInputError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        log.exception("command %s failed", args.command)
        fallback = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
        return _fail(_storage_fault(exc, args) or fallback)
    except Exception as exc:  # a bug: log it fully, tell the user briefly
        log.exception("command %s failed", args.command)
        fallback = f"unexpected error ({type(exc).__name__}: {exc}); see the log file"
        return _fail(_storage_fault(exc, args) or fallback)
    finally:
        cli_encryption.forget_temporary_files()


def _storage_fault(exc: BaseException, args: argparse.Namespace) -> str | None:
    """A read-only folder, a full disk ... said as such (``journal.store.faults``)."""
    from journal.store.faults import explain
    from journal.store.files import JOURNAL_FILENAME

    explained = explain(exc, _data_dir(args) / JOURNAL_FILENAME)
    return str(explained) if explained is not None else None


def _fail(message: str) -> int:
    print(f"{APP_NAME.lower()}: {message}", file=sys.stderr)
    return EXIT_FAILURE


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return _window_arguments(argv) or build_parser().parse_args(argv)


def _window_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The arguments of a plain start of the window (``--data-dir DIR``, ``--demo``,
    ``--minimized``, nothing else) read without building the whole parser, which takes
    ~25 ms with every command; anything else (a command, ``--help``, a mistake) is left to
    the parser."""
    words = list(sys.argv[1:] if argv is None else argv)
    args = argparse.Namespace(
        command=None, data_dir=None, **{name: False for name, _ in WINDOW_FLAGS.values()}
    )
    while words:
        word = words.pop(0)
        if word in WINDOW_FLAGS:
            setattr(args, WINDOW_FLAGS[word][0], True)
        elif word == "--data-dir" and words and not words[0].startswith("-"):
            args.data_dir = words.pop(0)
        elif word.startswith("--data-dir=") and len(word) > len("--data-dir="):
            args.data_dir = word.removeprefix("--data-dir=")
        else:
            return None
    return args
