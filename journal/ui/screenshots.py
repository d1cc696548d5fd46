"""``interplay screenshot --out DIR``: every view and dialog as PNG, light and dark.

The window is shown at 1366x768 (a common laptop screen) off screen; each view is saved as
``<view>-<scheme>.png`` and each dialog, opened over it as a person would open it, as
``dialog-<name>-<scheme>.png``. A dialog that needs something the journal lacks (a backup
to list, an export to preview) is given it in a temporary folder first, never in the
journal's own.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from journal.services import Services
    from journal.ui.main_window import MainWindow

WINDOW_SIZE = (1366, 768)
VIEWS = ("today", "charts", "goals", "glucose", "insights")

DialogFactory = Callable[["MainWindow", Path], "QWidget"]


def _show_a_year(charts: object) -> None:
    """A year (grouped by week) is where the demo's planted relations are easiest to see."""
    charts.set_range("1y")  # type: ignore[attr-defined]


# --- the dialogs ----------------------------------------------------------------------------


def _entry_form(kind_name: str) -> DialogFactory:
    def make(window: MainWindow, _scratch: Path) -> QWidget:
        from journal.domain.vocabulary import EntryKind
        from journal.ui.forms import EntryDialog

        return EntryDialog(window.services, EntryKind(kind_name), parent=window)

    return make


def _flare(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.forms.flare import FlareDialog

    return FlareDialog(window.services, window.services.journal.ongoing_flare(), window)


def _medications(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.forms.lists import MedicationsDialog

    return MedicationsDialog(window.services, window)


def _trackers(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.forms.lists import TrackersDialog

    return TrackersDialog(window.services, window)


def _goal(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.goals.dialog import GoalDialog

    return GoalDialog(window.services, parent=window)


def _reminder(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.reminders.dialog import ReminderDialog

    return ReminderDialog(window.services, parent=window)


def _search(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.search import SearchDialog

    dialog = SearchDialog(window.services, window)
    box = getattr(dialog, "query", None)
    if box is not None and hasattr(box, "setText"):
        box.setText("knee")
    return dialog


def _preferences(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.preferences import PreferencesDialog

    return PreferencesDialog(window.services, window)


def _privacy(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.services, window)
    dialog.show_page("privacy")
    return dialog


def _report(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.report.dialog import ReportDialog

    return ReportDialog(window.services, window)


def _backups(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.data import BackupsDialog

    return BackupsDialog(window.services, window)


def _import_preview(window: MainWindow, scratch: Path) -> QWidget:
    from journal.ui.data import ImportPreviewDialog

    # The journal's own last month, exported to a scratch file: what an import looks like.
    export = scratch / "last-month.json"
    today = window.services.clock.now().date()
    window.services.exports.export_journal(export, "json", first=today - timedelta(days=30))
    return ImportPreviewDialog(window.services, export, parent=window)


def _reference(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.help import HelpDialog

    return HelpDialog("reference", window)


def _guide(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.help import HelpDialog

    return HelpDialog("guide", window)


def _keys(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.help import HelpDialog
    from journal.ui.keyboard_sheet import keyboard_sheet_html

    return HelpDialog("keys", window, html=keyboard_sheet_html(window))


def _welcome(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.domain.conditions import Condition
    from journal.ui.welcome import WelcomeDialog

    # Only looked at: closing it records nothing in the journal being photographed.
    dialog = WelcomeDialog(window.services, window, looking_only=True)
    dialog.go_next()
    for condition in (Condition.RHEUMATOID_ARTHRITIS, Condition.TYPE_2_DIABETES):
        dialog.conditions.boxes[condition].setChecked(True)
    return dialog


def _experiment(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.insights.experiment_dialog import ExperimentDialog

    return ExperimentDialog(window.services, parent=window)


def _about(window: MainWindow, _scratch: Path) -> QWidget:
    from journal.ui.about import AboutDialog

    return AboutDialog(window.services.data_dir, window)


def dialogs() -> dict[str, DialogFactory]:
    """Every dialog, by the name its screenshot takes; the entry forms in menu order."""
    from journal.ui.kinds import KIND_LOOKS

    found: dict[str, DialogFactory] = {
        f"log-{kind.value}": _entry_form(kind.value) for kind in KIND_LOOKS
    }
    found.update(
        {
            "flare": _flare,
            "medications": _medications,
            "trackers": _trackers,
            "goal": _goal,
            "reminder": _reminder,
            "search": _search,
            "preferences": _preferences,
            "preferences-privacy": _privacy,
            "report": _report,
            "backups": _backups,
            "import-preview": _import_preview,
            "reference-ranges": _reference,
            "getting-started": _guide,
            "keyboard-shortcuts": _keys,
            "welcome": _welcome,
            "plan-experiment": _experiment,
            "about": _about,
        }
    )
    return found


# --- taking them ----------------------------------------------------------------------------


@contextmanager
def _scheme(name: str) -> Iterator[None]:
    from PySide6.QtCore import Qt

    from journal.ui.application import set_color_scheme

    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}[name]
    set_color_scheme(scheme)
    try:
        yield
    finally:
        set_color_scheme(Qt.ColorScheme.Unknown)


def _save(widget: QWidget, path: Path) -> Path:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _wait_for_insights(insights: object, timeout_s: float = 60.0) -> None:
    """Insights computes in the background; the picture shows its result, not "Updating"."""
    import time

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if getattr(insights, "report", None) is not None and not getattr(insights, "busy", True):
            return
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def _settle(widget: QWidget | None = None, *, busy_for_s: float = 10.0) -> None:
    """Let layouts and repaints run; wait for a dialog that is still checking something in
    the background (the import preview) to finish, for at most ``busy_for_s``."""
    import time

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    for _ in range(3):  # layouts, then the timers they start, then their repaint
        QApplication.processEvents()
    deadline = time.monotonic() + busy_for_s
    while getattr(widget, "state", None) == "checking" and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    QApplication.processEvents()


def take_screenshots(
    services: Services, out_dir: Path, *, only: Callable[[str], bool] | None = None
) -> list[Path]:
    """Show the open journal off screen and save a PNG of each view and dialog in each
    scheme; ``only(name)`` picks some (the tests take a few)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from journal.ui.application import create_application
    from journal.ui.main_window import MainWindow

    wanted = only or (lambda _name: True)
    out_dir.mkdir(parents=True, exist_ok=True)
    create_application()
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="interplay-shots-") as scratch:
        for scheme in ("light", "dark"):
            with _scheme(scheme):
                window = MainWindow(services)
                window.resize(*WINDOW_SIZE)
                window.show()
                window.label_journal()
                for key in VIEWS:
                    if not wanted(key):
                        continue
                    view = window.show_view(key)
                    if key == "charts":
                        _show_a_year(view)
                    if key == "insights":
                        _wait_for_insights(view)
                    _settle()
                    written.append(_save(window, out_dir / f"{key}-{scheme}.png"))
                window.show_view("today")
                for name, make in dialogs().items():
                    if not wanted(f"dialog-{name}"):
                        continue
                    dialog = make(window, Path(scratch))
                    dialog.show()
                    _settle(dialog)
                    written.append(_save(dialog, out_dir / f"dialog-{name}-{scheme}.png"))
                    dialog.close()
                    dialog.deleteLater()
                window.close()
                window.deleteLater()
                QApplication.processEvents()
    return written
