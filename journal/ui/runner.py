"""The one runner for long work: off the interface thread, with progress and Cancel.

Import, export, backup and restore (and later the insights) run ``work(on_progress,
should_cancel)`` in a ``BackgroundTask``; results come back by signal, so the window keeps
painting and a tired person can always press Cancel. The services announce what changed
from the worker thread; Qt queues those signals to the interface thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from journal.services.errors import JournalError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Work = Callable[[Progress, Callable[[], bool]], object]
PROGRESS_STEPS = 1000
# A progress dialog appears only for work that takes longer than this.
SHOW_AFTER_MS = 400


class BackgroundTask(QThread):
    """Runs ``work(on_progress, should_cancel)`` off the GUI thread; reports back by signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._cancel.is_set)
        except JournalError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: the log has the details, the person a calm line
            log.exception("background task failed")
            self.failed.emit(f"Something went wrong ({type(exc).__name__}); nothing was changed.")
        else:
            self.succeeded.emit(result)


class Outcome:
    """How a task run with :func:`run_with_progress` ended."""

    def __init__(self) -> None:
        self.ok = False
        self.result: Any = None
        self.message = ""
        self.cancel_pressed = False
        """Cancel was pressed (the work may have finished regardless)."""


def run_with_progress(parent: QWidget, title: str, text: str, work: Work) -> Outcome:
    """Run ``work`` in the background behind a progress dialog with Cancel; wait for it
    without blocking the interface, and return how it ended (``message`` on failure)."""
    outcome = Outcome()
    task = BackgroundTask(work, parent)
    dialog = QProgressDialog(text, "Cancel", 0, PROGRESS_STEPS, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    loop = QEventLoop()

    def progressed(done: int, total: int) -> None:
        dialog.setValue(round(PROGRESS_STEPS * done / total) if total else 0)

    def succeeded(result: object) -> None:
        outcome.ok, outcome.result = True, result

    def failed(message: str) -> None:
        outcome.message = message

    def cancel() -> None:
        outcome.cancel_pressed = True
        task.cancel()

    task.progressed.connect(progressed)
    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    task.finished.connect(loop.quit)
    dialog.canceled.connect(cancel)
    task.start()
    loop.exec()
    task.wait()
    dialog.canceled.disconnect(cancel)  # closing a progress dialog emits canceled too
    dialog.close()
    dialog.deleteLater()
    task.deleteLater()
    return outcome
