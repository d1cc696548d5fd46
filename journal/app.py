"""Composition root: parse arguments, find the data folder, open the journal, show the window."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from journal import APP_NAME, cli
from journal.services.collector import command_done, pause_for_start_up, start_up_done

if TYPE_CHECKING:
    from journal.services import Services

log = logging.getLogger("journal")

LOG_FILENAME = "interplay.log"
# Set by the benchmark: write the time of the first painted frame to this file, then quit.
FIRST_PAINT_ENV = "INTERPLAY_FIRST_PAINT_FILE"


_log_handler: logging.Handler | None = None
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 2


class _RotatingLog(logging.Handler):
    """The log file, rotated at ``LOG_MAX_BYTES``: a ``RotatingFileHandler`` made at the
    first record, so that start-up does not import ``logging.handlers`` (with socket,
    pickle and queue, ~10 ms before the first paint) when, as on most runs, nothing is
    logged."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            try:
                self._file = _private_rotating_file(self.path)
            except OSError:  # the folder went read-only since: as when it was at the start
                return
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """A record that cannot be written (a full disk) is dropped, never printed as
        "--- Logging error ---" over what the person is told."""
        return

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _private_rotating_file(path: Path) -> logging.Handler:
    """The rotating log file, made the owner's only each time it is opened (a rotation makes
    a new one), and quiet when a record cannot be written."""
    from logging.handlers import RotatingFileHandler

    from journal.store.files import make_private

    class PrivateRotatingFile(RotatingFileHandler):
        def _open(self):  # type: ignore[no-untyped-def]
            stream = super()._open()
            make_private(Path(self.baseFilename))
            return stream

        def handleError(self, record: logging.LogRecord) -> None:
            return  # a full disk: dropped, never printed as "--- Logging error ---"

    return PrivateRotatingFile(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )


def setup_logging(data_dir: Path | None) -> None:
    """Developers' errors go to a log file in the data folder; users see short messages."""
    global _log_handler
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if _log_handler is not None:  # a second journal in one process (tests): log there instead
        root.removeHandler(_log_handler)
        _log_handler.close()
        _log_handler = None
    if data_dir is None:
        return
    from journal.store.files import make_private, make_private_folder

    try:
        make_private_folder(data_dir)
        with (data_dir / LOG_FILENAME).open("a", encoding="utf-8"):
            pass  # the file is there (and writable) from the start, as before
        make_private(data_dir / LOG_FILENAME)
    except OSError:
        # A read-only folder must not stop the app, and logging's last resort (stderr) must
        # not print tracebacks beside the one line a command shows: log nowhere.
        quiet = logging.NullHandler()
        root.addHandler(quiet)
        _log_handler = quiet
        return
    handler = _RotatingLog(data_dir / LOG_FILENAME)
    # Warnings and errors only: the file is for finding faults, and Alembic's and the
    # backups' INFO lines on every start would bury them.
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _log_handler = handler


def main(argv: Sequence[str] | None = None) -> int:
    pause_for_start_up()
    try:
        args = cli.parse(sys.argv[1:] if argv is None else argv)
        if args.command:
            from journal.store.paths import resolve_data_dir

            setup_logging(resolve_data_dir(args.data_dir))
            return cli.run_command(args)
        return run_gui(args)
    finally:
        # The collector on, if nothing turned it on yet (a command, an early exit); called
        # with ``argv`` (tests, tools), the caller goes on: what the command left goes now.
        command_done(collect=argv is not None)


def _demo_data_dir() -> Path:
    """A new, empty throwaway folder for ``--demo``; the window fills it with progress."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="interplay-demo-"))


def _open_or_recover(data_dir: Path, on_restored: Callable[[str], None] | None = None) -> Services:
    """Open the journal; if it is damaged, offer to restore the newest backup first (and
    tell ``on_restored`` what was done, for the window to say)."""
    from journal.services import open_services
    from journal.store.errors import JournalDamagedError

    try:
        return open_services(data_dir)
    except JournalDamagedError as exc:
        # Here, not above: the backups' code and dialogs load only for a damaged journal.
        from journal.store.backup import restore_backup
        from journal.store.backup_folder import all_backups
        from journal.ui.application import ask_to_restore
        from journal.ui.privacy.unlock_dialog import ask_passphrase_of_backup

        backups = all_backups(data_dir)  # the second folder's too: it may be all that is left
        offered = getattr(exc, "backup", None) or (backups[0] if backups else None)
        problem = getattr(exc, "summary", str(exc))  # the window's words, not a command's
        if offered is None or not ask_to_restore(problem, offered.path, offered.taken_at):
            raise
        # An encrypted backup (the journal emptied, so nothing asked its passphrase yet):
        # the passphrase it was made with, unless the one just typed already opens it.
        if not ask_passphrase_of_backup(offered.path, data_dir):
            raise
        restore_backup(exc.journal_path, offered.path)
        services = open_services(data_dir)
        if on_restored is not None:
            on_restored(
                f"Restored the backup from {offered.taken_at:%Y-%m-%d %H:%M}; the damaged "
                "journal file is kept beside it."
            )
        return services


def _back_up_in_background(services: Services) -> threading.Thread:
    """The once-a-day backup at start, off the interface thread (it never raises)."""
    thread = threading.Thread(
        target=services.maintenance.backup_at_start, name="backup-at-start", daemon=False
    )
    thread.start()
    return thread


def _tray_available() -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon  # only for --minimized: its enums cost

    return QSystemTrayIcon.isSystemTrayAvailable()


def _lock_when_idle(window: object, services: Services) -> None:
    """An encrypted journal's window locks after the minutes chosen in Preferences > Privacy."""
    from journal.ui.privacy.idle_lock import IdleLock

    window.idle_lock = IdleLock(window, services)  # type: ignore[attr-defined,arg-type]


# What the first paint needs of the core, imported before PySide6: once PySide6 is loaded,
# its import hook reads the source of every module imported after it (to see whether it
# uses Qt), which costs a few milliseconds a module. SQLAlchemy is not among them: it loads
# after the first frame (``journal.ui.warm_up``).
_CORE_FOR_FIRST_PAINT = (
    "journal.services.facade",
    "journal.services.day",
    "journal.domain.text",
    "journal.domain.appearance",
    "journal.analysis.cgm_day",
    "journal.services.privacy",  # is the journal encrypted? (asked before the window)
)


def run_gui(args: object) -> int:
    import importlib

    for name in _CORE_FOR_FIRST_PAINT:
        importlib.import_module(name)
    from journal.store.errors import JournalError
    from journal.store.lock import JournalLock, JournalLockedError
    from journal.store.paths import resolve_data_dir

    demo = bool(getattr(args, "demo", False))
    data_dir = _demo_data_dir() if demo else resolve_data_dir(getattr(args, "data_dir", None))
    setup_logging(data_dir)

    from journal.codegen_cache import compiling

    with compiling():  # shiboken's support modules: compiled once, not at every start
        import PySide6.QtCore  # noqa: F401
    from journal.ui.application import create_application, show_fatal_error
    from journal.ui.source_scan import spare_source_scans

    spare_source_scans("journal")  # PySide6 is loaded now; the window's modules are not yet

    app = create_application(sys.argv[:1])
    lock = JournalLock(data_dir, holder="window")
    try:
        lock.acquire()
    except JournalLockedError as exc:
        show_fatal_error("Interplay is already open", str(exc))
        print(f"{APP_NAME.lower()}: {exc}", file=sys.stderr)
        return cli.EXIT_FAILURE
    except OSError as exc:  # the folder cannot be made (a read-only parent), a full disk ...
        from journal.store.faults import explain
        from journal.store.files import JOURNAL_FILENAME as JOURNAL

        explained = explain(exc, data_dir / JOURNAL)
        message = str(explained) if explained is not None else f"{exc.strerror or exc}."
        show_fatal_error("The journal could not be opened", message)
        print(f"{APP_NAME.lower()}: {message}", file=sys.stderr)
        return cli.EXIT_FAILURE

    from journal.ui.privacy.start import unlock_before_window

    if not unlock_before_window(data_dir):  # an encrypted journal, and the person chose Quit
        lock.release()
        return cli.EXIT_OK

    from journal.services import open_services
    from journal.store.database import needs_upgrade
    from journal.store.files import JOURNAL_FILENAME

    restored: list[str] = []
    try:
        if needs_upgrade(data_dir / JOURNAL_FILENAME):  # say so while it runs
            from journal.ui.application import run_showing

            services = run_showing(
                "Updating your journal for this version of Interplay (a copy of it is kept "
                "in the backups folder)…",
                lambda: open_services(data_dir),
            )
        else:
            services = _open_or_recover(data_dir, restored.append)  # damaged: offer a backup
    except (JournalError, OSError) as exc:
        log.exception("could not open the journal in %s", data_dir)
        message = (
            str(exc)
            if isinstance(exc, JournalError)
            else (f"The journal in {data_dir} could not be opened: {exc.strerror or exc}.")
        )
        show_fatal_error("The journal could not be opened", message)
        print(f"{APP_NAME.lower()}: {message}", file=sys.stderr)
        lock.release()
        return cli.EXIT_FAILURE

    from journal.ui.appearance import apply_saved_appearance
    from journal.ui.main_window import MainWindow

    apply_saved_appearance(services.appearance)  # before the window: it is built in that look

    window = MainWindow(services, throwaway_demo=demo, warm_up=True)
    for message in restored:  # a backup was restored over a damaged journal: say so
        window.after_first_paint(partial(window.show_status, message))
    backups: list[threading.Thread] = []
    # A throwaway journal needs no backup, and is never a first run; nor is a read-only one.
    if not demo and not services.read_only:
        window.after_first_paint(lambda: backups.append(_back_up_in_background(services)))
        window.after_first_paint(window.offer_welcome)  # a first run: the welcome
    if not demo:  # an encrypted journal on a read-only disk locks when idle all the same
        window.after_first_paint(lambda: _lock_when_idle(window, services))
    # The window may hide to the tray to keep reminders coming; quit when it really closes.
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    first_paint_file = os.environ.get(FIRST_PAINT_ENV)
    if first_paint_file:
        window.quit_after_first_paint(Path(first_paint_file))
    if getattr(args, "minimized", False) and _tray_available():
        window.start_reminders()  # hidden in the tray: nothing will paint, start them now
        start_up_done()
    else:
        window.show()
    try:
        return app.exec()
    finally:
        window.wait_for_warm_up()
        for backup in backups:
            backup.join()  # never quit halfway through a backup
        services.close()
        lock.release()
        if demo:  # a throwaway journal: leave nothing behind
            shutil.rmtree(data_dir, ignore_errors=True)
