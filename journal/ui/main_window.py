"""The main window: navigation between views, menus with every action, quick-add, undo, status."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QRect,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.domain.kinds import label_of
from journal.domain.vocabulary import EntryKind
from journal.services.changes import JournalChange
from journal.services.collector import start_up_done
from journal.ui.appearance import on_text_size_changed
from journal.ui.icons import icon, kind_icon
from journal.ui.kinds import QUICK_ADD_KEYS, TOOLBAR_KINDS
from journal.ui.shortcuts import preferences_shortcuts
from journal.ui.signals import JournalSignals
from journal.ui.widgets.elided import ElidedLabel

if TYPE_CHECKING:
    from journal.domain.reminders import MissedReminder
    from journal.services import Services
    from journal.ui.reminders import ReminderCenter

log = logging.getLogger(__name__)

STATUS_TIMEOUT_MS = 6000
# A first window on a large screen; on a small one, the screen's room decides.
DEFAULT_SIZE = (1200, 800)


@dataclass
class ViewSpec:
    key: str
    label: str
    icon_name: str
    shortcut: str
    factory: Callable[[], QWidget]


class _FirstPaintWatcher(QObject):
    """Benchmark hook: note when the window first painted, then quit."""

    def __init__(self, window: QMainWindow, out: Path) -> None:
        super().__init__(window)
        self._out = out
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # After this event the frame is complete; record the moment, then leave.
            QTimer.singleShot(0, self, self._finish)
        return False

    def _finish(self) -> None:
        painted = time.time()
        if os.environ.get("INTERPLAY_FIRST_PAINT_MODULES"):  # which modules it took
            Path(os.environ["INTERPLAY_FIRST_PAINT_MODULES"]).write_text(
                "\n".join(sorted(sys.modules)), encoding="utf-8"
            )
        self._out.write_text(f"{painted:.6f} {_peak_rss_kib()}\n", encoding="utf-8")
        QApplication.quit()


def _available_geometry(widget: QWidget) -> QRect | None:
    """What the screen the window is on (or the primary one) leaves for windows."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def first_window_rect(room: QRect, restored: QRect | None) -> QRect:
    """Where the window opens: where it was if that still fits in ``room`` (the screen less
    its panels), else the default size, shrunk to the room and centred across it."""
    if restored is not None and room.contains(restored):
        return restored
    # Leave room for the window frame; never more than the screen.
    width = min(DEFAULT_SIZE[0], room.width() - 16)
    height = min(DEFAULT_SIZE[1], room.height() - 40)
    return QRect(room.x() + (room.width() - width) // 2, room.y() + 8, width, height)


def _peak_rss_kib() -> int:
    """This program's peak resident memory (0 where the platform does not say).

    Linux's VmHWM, not ru_maxrss: after fork and exec, ru_maxrss still counts the parent.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    try:
        import resource
    except ImportError:  # Windows
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class MainWindow(QMainWindow):
    closed = Signal()
    """Emitted when the window really closes (not when it hides to the tray)."""

    def __init__(
        self, services: Services, *, throwaway_demo: bool = False, warm_up: bool = False
    ) -> None:
        """``throwaway_demo``: the journal is a new temporary one (``--demo``) to fill
        with demo data once the window shows, and to delete when it closes. ``warm_up``:
        after the first frame, load the rest of the app in the background
        (``journal.ui.warm_up``) before the start-up work that needs it."""
        super().__init__()
        self.services = services
        self.throwaway_demo = throwaway_demo
        self.signals = JournalSignals(services, self)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self._views: dict[str, QWidget] = {}
        self._specs = self._view_specs()

        self._navigation = QListWidget()
        self._navigation.setObjectName("navigation")
        self._navigation.setAccessibleName("Views")
        self._navigation.setIconSize(QSize(22, 22))
        self._navigation.setFixedWidth(168)
        self._stack = QStackedWidget()
        self._stack.setObjectName("views")
        self.reminders: ReminderCenter | None = None
        self._missed_at_start: list[MissedReminder] | None = None
        self._welcome_due_at_start: bool | None = None
        self._content = QVBoxLayout()
        self._content.setContentsMargins(0, 0, 0, 0)
        self._content.setSpacing(0)
        self._content.addWidget(self._stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._navigation)
        layout.addLayout(self._content, 1)
        self.setCentralWidget(central)
        self.setWindowIcon(icon("interplay"))
        self._quitting = False

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        for spec in self._specs:
            item = QListWidgetItem(icon(spec.icon_name), spec.label)
            item.setToolTip(f"{spec.label} ({spec.shortcut})")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self._navigation.addItem(item)
        self._navigation.currentRowChanged.connect(self._on_navigation)
        self.signals.changed.connect(self._on_changed)
        self.signals.status.connect(self.show_status)
        self.signals.open_day.connect(self.open_day)
        # Once the window is on screen: list reminders missed while closed, arm the timer.
        # A new demo journal is filled first (its reminders come with it).
        self._after_first_paint: list[Callable[[], object]] = (
            [self.fill_demo] if throwaway_demo else [self.label_journal, self.start_reminders]
        )
        from journal.ui.read_only import show_read_only

        self.read_only_banner = show_read_only(self, self._content)
        if self.read_only_banner is not None:  # reminders record what they showed: paused
            self._after_first_paint.remove(self.start_reminders)
        self._warm_up = warm_up
        self.installEventFilter(self)
        self._navigation.setCurrentRow(0)
        self._restore_geometry()
        self._update_undo_actions()
        on_text_size_changed(self, self.rebuild_views)

    def start_reminders(self) -> ReminderCenter:
        """Set up reminder delivery (banner, tray, one timer) and catch up on missed ones.

        Done after the first paint: it is not needed to show the day, and start-up is
        what a tired user waits for.
        """
        if self.reminders is not None:
            return self.reminders
        from journal.ui.reminders import ReminderCenter, open_reminder_form

        center = ReminderCenter(self.services, self.signals, self)
        self._content.insertWidget(0, center.banner)
        center.reminder_activated.connect(lambda due: open_reminder_form(self, self.services, due))
        center.status.connect(self.show_status)
        center.show_window_requested.connect(self.bring_to_front)
        center.quit_requested.connect(self.quit_for_real)
        self.reminders = center
        missed, self._missed_at_start = self._missed_at_start, None
        center.start(missed=missed)
        return center

    def _prepare_in_background(self) -> None:
        """Off the interface thread, after the first frame: the services' preparation and
        the reads of the start-up work to come: the reminders' catch-up (a read, and a
        write whose commit waits for the disk) and whether the welcome is due (every table
        looked at): 20-200 ms each that would otherwise freeze the window."""
        self.services.prepare()
        try:
            if self.start_reminders in self._after_first_paint:
                self._missed_at_start = self.services.reminders.catch_up()
            if self.offer_welcome in self._after_first_paint:
                self._welcome_due_at_start = self.services.profile.welcome_due()
        except Exception:  # asked again, and logged, where the start-up work uses it
            log.warning("could not do the start-up reads ahead of time", exc_info=True)

    def _start_warm_up(self) -> None:
        from journal.ui.warm_up import WarmUp

        self.warm_up = WarmUp(self, prepare=self._prepare_in_background)
        self.warm_up.loaded.connect(self._run_start_up_work)
        self.warm_up.start()

    # Slots, declared: the methods connected to signals after the first frame. A first
    # connection to a method that is not one has PySide6 add it to the window's meta-object,
    # and Qt then polishes the whole window again (restyled, laid out and repainted: ~25-50
    # ms the interface cannot answer).
    @Slot()
    def _run_start_up_work(self) -> None:
        tasks, self._after_first_paint = self._after_first_paint, []
        self._run_in_turns(tasks)

    def _run_in_turns(self, tasks: list[Callable[[], object]]) -> None:
        """Start-up work that need not delay the first frame, one task per turn of the
        event loop, so input is handled between them (all at once froze it for ~80 ms)."""
        if not tasks:
            start_up_done()  # the cycle collector, paused while the program started
            return

        def step() -> None:
            try:
                tasks[0]()
            finally:
                self._run_in_turns(tasks[1:])

        QTimer.singleShot(1, self, step)

    def after_first_paint(self, task: Callable[[], object]) -> None:
        """Run ``task`` once the window is on screen (start-up work that can wait a frame)."""
        if self._after_first_paint:
            self._after_first_paint.append(task)
        else:
            QTimer.singleShot(0, self, task)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint and self._after_first_paint:
            self.removeEventFilter(self)
            # Once this frame is done: the frame comes first.
            QTimer.singleShot(
                0, self, self._start_warm_up if self._warm_up else self._run_start_up_work
            )
        return super().eventFilter(watched, event)

    # --- views ---------------------------------------------------------------------------

    def _view_specs(self) -> list[ViewSpec]:
        return [
            ViewSpec("today", "Today", "today", "Alt+1", self._make_today),
            ViewSpec("charts", "Charts", "charts", "Alt+2", self._make_charts),
            ViewSpec("goals", "Goals", "goals", "Alt+3", self._make_goals),
            ViewSpec("glucose", "Glucose", "glucose", "Alt+4", self._make_glucose),
            ViewSpec("insights", "Insights", "insights", "Alt+5", self._make_insights),
        ]

    def _make_today(self) -> QWidget:
        from journal.ui.today import TodayView

        return TodayView(self.services, self.signals, self._stack)

    def _make_charts(self) -> QWidget:
        # pyqtgraph and numpy load here, the first time the charts are opened.
        from journal.ui.charts import ChartsView

        return ChartsView(self.services, self.signals)

    def _make_goals(self) -> QWidget:
        from journal.ui.goals import GoalsView

        return GoalsView(self.services, self.signals)

    def _make_glucose(self) -> QWidget:
        # pyqtgraph and numpy load here too, the first time the view is opened.
        from journal.ui.glucose import GlucoseView

        return GlucoseView(self.services, self.signals)

    def _make_insights(self) -> QWidget:
        # numpy loads here, the first time Insights is opened.
        from journal.ui.insights import InsightsView

        view = InsightsView(self.services, self.signals)
        view.show_days_requested.connect(self.show_days_in_charts)
        return view

    @Slot(object, object)
    def show_days_in_charts(self, first: date, last: date) -> None:
        """Show the days from ``first`` to ``last`` in Charts (an Insights finding's days)."""
        charts = self.show_view("charts")
        charts.set_range((first, last))  # type: ignore[attr-defined]

    def view(self, key: str) -> QWidget:
        """The view with ``key``, created on first use."""
        if key not in self._views:
            spec = next(s for s in self._specs if s.key == key)
            widget = spec.factory()
            widget.setObjectName(f"{key}View")
            self._views[key] = widget
            self._stack.addWidget(widget)
        return self._views[key]

    def rebuild_views(self) -> None:
        """Build the views again (after a text size change: headings are sized when built)."""
        for widget in self._views.values():
            self._stack.removeWidget(widget)
            widget.deleteLater()
        self._views.clear()
        self._on_navigation(self._navigation.currentRow())

    def show_view(self, key: str) -> QWidget:
        row = next(i for i, s in enumerate(self._specs) if s.key == key)
        self._navigation.setCurrentRow(row)
        return self.view(key)

    @property
    def current_view_key(self) -> str:
        return self._specs[self._navigation.currentRow()].key

    def _on_navigation(self, row: int) -> None:
        if row < 0:
            return
        widget = self.view(self._specs[row].key)
        self._stack.setCurrentWidget(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _step_view(self, step: int) -> None:
        count = len(self._specs)
        self._navigation.setCurrentRow((self._navigation.currentRow() + step) % count)

    def open_day(self, day: date, entry_id: int | None = None) -> None:
        """Show ``day`` in Today (and select an entry of it)."""
        today = self.show_view("today")
        today.show_day(day)  # type: ignore[attr-defined]
        if entry_id is not None:
            today.select_entry(entry_id)  # type: ignore[attr-defined]

    # --- actions and menus -------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
        icon_name: str | None = None,
        tip: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name is not None:
            action.setIcon(icon(icon_name))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.quick_add: dict[EntryKind, QAction] = {}
        for kind, shortcut in QUICK_ADD_KEYS:
            action = self._action(
                label_of(kind).replace("&", "&&"),
                partial(self.log_entry, kind),
                shortcut,
                tip=f"Log {label_of(kind).lower()} ({shortcut})",
            )
            action.setIcon(kind_icon(kind))
            action.setObjectName(f"log_{kind.value}")
            self.quick_add[kind] = action
        self.undo_action = self._action(
            "&Undo", self.undo, QKeySequence.StandardKey.Undo, "undo", "Undo the last change"
        )
        self.redo_action = self._action("&Redo", self.redo, QKeySequence.StandardKey.Redo)
        self.find_action = self._action(
            "&Find…",
            self.open_search,
            QKeySequence.StandardKey.Find,
            "search",
            "Search notes, meals, symptoms, medications, tags and flares (Ctrl+F)",
        )
        self.flare_action = self._action(
            "Start or end a &flare…", self.open_flare, "Ctrl+Shift+F", "flare"
        )
        self.medications_action = self._action(
            "&Medications and supplements…",
            self.open_medications,
            "Ctrl+Shift+M",
            "dose",
            "What you take and when: add, change or pause (Ctrl+Shift+M)",
        )
        self.trackers_action = self._action("Your &trackers…", self.open_trackers)
        self.preferences_action = self._action("&Preferences…", self.open_preferences, "Ctrl+,")
        self.preferences_action.setShortcuts(preferences_shortcuts())  # Ctrl+, not "Settings"
        self.export_json_action = self._action(
            "Export as &JSON…", lambda: self.export_journal("json"), "Ctrl+E"
        )
        self.export_csv_action = self._action(
            "Export as &CSV folder…", lambda: self.export_journal("csv")
        )
        self.export_encrypted_action = self._action("Export &encrypted…", self.export_encrypted)
        self.import_action = self._action("&Import…", self.import_journal, "Ctrl+I")
        self.report_action = self._action(
            "&Report for my doctor…",
            self.open_report,
            "Ctrl+P",
            tip="A PDF of a period, to print or send (Ctrl+P)",
        )
        self.backups_action = self._action("&Backups…", self.open_backups)
        self.open_folder_action = self._action("Open data &folder", self.open_data_folder)
        self.reference_action = self._action(
            "&Reference ranges",
            lambda: self.open_help("reference"),
            QKeySequence.StandardKey.HelpContents,
            tip="The figures shown beside your numbers, with their sources (F1)",
        )
        self.about_action = self._action(f"&About {APP_NAME}", self.open_about)
        self.guide_action = self._action("&Getting started", lambda: self.open_help("guide"))
        self.keys_action = self._action("&Keyboard shortcuts", self.open_keyboard_sheet, "Ctrl+/")
        self.welcome_action = self._action("&Welcome and setup…", self.open_welcome)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.next_view_action = self._action("Next view", lambda: self._step_view(1), "Ctrl+Tab")
        self.prev_view_action = self._action(
            "Previous view", lambda: self._step_view(-1), "Ctrl+Shift+Tab"
        )
        self.view_actions = {
            spec.key: self._action(spec.label, partial(self.show_view, spec.key), spec.shortcut)
            for spec in self._specs
        }

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.file_menu = file_menu
        file_menu.addActions(
            [
                self.export_json_action,
                self.export_csv_action,
                self.export_encrypted_action,
                self.import_action,
            ]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.report_action)
        file_menu.addSeparator()
        file_menu.addActions([self.backups_action, self.open_folder_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addAction(self.find_action)
        edit.addSeparator()
        edit.addAction(self.preferences_action)
        log_menu = bar.addMenu("&Log")
        log_menu.addActions([self.quick_add[k] for k, _ in QUICK_ADD_KEYS])
        log_menu.addSeparator()
        log_menu.addAction(self.flare_action)
        log_menu.addSeparator()
        log_menu.addActions([self.medications_action, self.trackers_action])
        view = bar.addMenu("&View")
        view.addActions(list(self.view_actions.values()))
        view.addSeparator()
        view.addActions([self.next_view_action, self.prev_view_action])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.guide_action, self.keys_action, self.reference_action])
        help_menu.addSeparator()
        help_menu.addActions([self.welcome_action, self.about_action])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Quick add", self)
        toolbar.setObjectName("quickAdd")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(20, 20))
        for kind in TOOLBAR_KINDS:
            toolbar.addAction(self.quick_add[kind])
        toolbar.addSeparator()
        toolbar.addAction(self.flare_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.find_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _build_status_bar(self) -> None:
        self.location = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
        self.location.setObjectName("dataLocation")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location)
        self._show_location(demo=self.throwaway_demo)

    def _show_location(self, *, demo: bool) -> None:
        """The title and status bar say which journal this is; a demo is never mistaken
        for the person's own (and a throwaway one shows no temporary path)."""
        if not demo:
            self.setWindowTitle(APP_NAME)
            self.location.setText(f"Journal: {self.services.data_dir}")
            return
        self.setWindowTitle(f"{APP_NAME} — demo journal")
        where = (
            "deleted when you close Interplay"
            if self.throwaway_demo
            else f"in {self.services.data_dir}"
        )
        self.location.setText(f"Demo journal: made-up data, {where}")

    def label_journal(self) -> None:
        """Look whether the journal holds demo data (once the window shows: it reads the
        journal) and say so."""
        self._show_location(demo=self.throwaway_demo or self.services.demo.is_demo)

    def fill_demo(self) -> None:
        """Fill a new throwaway journal with demo data, behind a progress dialog."""
        from journal.ui.runner import run_with_progress

        outcome = run_with_progress(
            self,
            "Demo journal",
            "Making two years of made-up days to explore…",
            lambda progress, cancelled: self.services.demo.fill(progress, cancelled),
        )
        if outcome.ok:
            stats = outcome.result
            self.show_status(
                f"Demo journal ready: {stats.total_entries:,} made-up entries over "
                f"{stats.days:,} days."
            )
        else:
            self.show_status(outcome.message)
        self.label_journal()
        self.start_reminders()

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    # --- use cases -----------------------------------------------------------------------

    def _selected_day(self) -> date | None:
        today = self._views.get("today")
        return getattr(today, "current_day", None)

    def log_entry(self, kind: EntryKind) -> None:
        from journal.ui.forms import open_entry_dialog

        saved = open_entry_dialog(self, self.services, kind, day=self._selected_day())
        if saved is not None:
            self.show_status(f"{label_of(kind)} saved.")

    def open_flare(self) -> None:
        from journal.ui.forms import open_flare_dialog

        open_flare_dialog(self, self.services, self.services.journal.ongoing_flare())

    def open_medications(self) -> None:
        from journal.ui.forms import open_medications_dialog

        open_medications_dialog(self, self.services)

    def open_trackers(self) -> None:
        from journal.ui.forms import open_trackers_dialog

        open_trackers_dialog(self, self.services)

    def open_search(self) -> None:
        from journal.ui.search import SearchDialog

        dialog = SearchDialog(self.services, self)
        dialog.entry_chosen.connect(lambda entry: self.open_day(entry.day, entry.id))
        dialog.day_chosen.connect(self.open_day)  # a flare: the day it started
        dialog.open()

    def open_preferences(self) -> None:
        from journal.ui.preferences import PreferencesDialog

        PreferencesDialog(self.services, self).exec()

    def export_encrypted(self) -> None:
        from journal.ui.privacy.sealed import export_encrypted

        status = export_encrypted(self, self.services)
        if status:
            self.show_status(status)

    def export_journal(self, fmt: Literal["json", "csv"]) -> None:
        from PySide6.QtWidgets import QFileDialog

        from journal.ui.privacy.sealed import PLAIN_EXPORT_TITLE

        suggested = str(Path.home() / f"interplay-export-{date.today().isoformat()}")
        if fmt == "json":
            path, _filter = QFileDialog.getSaveFileName(
                self, PLAIN_EXPORT_TITLE.format(what="JSON"), suggested + ".json", "JSON (*.json)"
            )
        else:
            path, _filter = QFileDialog.getSaveFileName(
                self, PLAIN_EXPORT_TITLE.format(what="CSV files"), suggested, "Folder (*)"
            )
        if not path:
            return
        from journal.ui.runner import run_with_progress

        outcome = run_with_progress(
            self,
            f"Export — {APP_NAME}",
            "Exporting your journal…",
            lambda progress, cancel: self.services.exports.export_journal(
                Path(path), fmt, on_progress=progress, should_cancel=cancel
            ),
        )
        if not outcome.ok:
            if "cancelled" not in outcome.message:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self, "Export failed", outcome.message)
            else:
                self.show_status("Export cancelled; nothing was written.")
            return
        summary = outcome.result
        self.show_status(f"Exported {summary.entries:,} entries to {summary.path}.")

    def import_journal(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from journal.ui.data import import_dialog_for

        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Import into the journal",
            str(Path.home()),
            "Interplay, Dexcom Clarity or LibreView exports (*.json *.csv *.interplay);;"
            "All files (*)",
        )
        if not path:
            return
        from journal.ui.privacy.sealed import import_source

        source = import_source(self, Path(path))  # an encrypted export: its passphrase first
        if source is None:
            return
        shown = Path(path) if source[1] is not None else None  # the encrypted file chosen
        dialog = import_dialog_for(self.services, source[0], parent=self, shown=shown)
        dialog.imported.connect(lambda report: self.show_status(report.summary()))
        if source[1] is not None:
            dialog.finished.connect(source[1].close)
        dialog.open()

    def open_report(self) -> None:
        from journal.ui.report.dialog import ReportDialog

        dialog = ReportDialog(self.services, self)
        dialog.saved.connect(lambda path: self.show_status(f"Report saved to {path}."))
        dialog.open()

    def open_backups(self) -> None:
        from journal.ui.data import BackupsDialog

        dialog = BackupsDialog(self.services, self)
        dialog.restored.connect(lambda _info: self.show_status("Journal restored from backup."))
        dialog.open()

    def open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.data_dir)))

    def open_help(self, page: str, section: str = "") -> None:
        from journal.ui.help import HelpDialog

        dialog = HelpDialog(page, self)
        if section:
            dialog.show_section(section)
        dialog.open()

    def open_keyboard_sheet(self) -> None:
        from journal.ui.help import HelpDialog
        from journal.ui.keyboard_sheet import keyboard_sheet_html

        HelpDialog("keys", self, html=keyboard_sheet_html(self)).open()

    def open_welcome(self) -> None:
        from journal.ui.welcome import open_welcome

        open_welcome(self, self.services, self.show_status)

    def offer_welcome(self) -> None:
        """The first-run hook: the welcome, if this journal has never been used (asked off
        the interface thread at start; the welcome's code loads only when it is shown)."""
        due, self._welcome_due_at_start = self._welcome_due_at_start, None
        if due is None:
            due = self.services.profile.welcome_due()
        if due:
            self.open_welcome()

    def open_about(self) -> None:
        from journal.ui.about import AboutDialog

        AboutDialog(self.services.data_dir, self).exec()

    def undo(self) -> None:
        text = self.services.journal.undo()
        self.show_status(f"Undone: {text}." if text else "Nothing to undo.")

    def redo(self) -> None:
        text = self.services.journal.redo()
        self.show_status(f"Redone: {text}." if text else "Nothing to redo.")

    def _on_changed(self, _change: JournalChange) -> None:
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        if self.services.read_only:
            return
        stack = self.services.journal.undo_stack
        self.undo_action.setEnabled(stack.undo_text is not None)
        self.undo_action.setText(f"&Undo {stack.undo_text.lower()}" if stack.undo_text else "&Undo")
        self.redo_action.setEnabled(stack.redo_text is not None)
        self.redo_action.setText(f"&Redo {stack.redo_text.lower()}" if stack.redo_text else "&Redo")

    # --- window state --------------------------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings(str(self.services.data_dir / "window.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        """The size last used if it still fits the screen, else one that does."""
        geometry = self._settings().value("geometry")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        room = _available_geometry(self)
        if room is None:
            if not restored:
                self.resize(*DEFAULT_SIZE)
            return
        place = first_window_rect(room, self.frameGeometry() if restored else None)
        self.move(place.topLeft())
        self.resize(place.size())

    @Slot()
    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    @Slot()
    def quit_for_real(self) -> None:
        """Quit even when reminders keep the app in the tray (the tray menu's Quit)."""
        self._quitting = True
        self.close()
        QApplication.quit()

    def wait_for_warm_up(self) -> None:
        """Let the background loading end before the program does (a thread cut off in an
        import would crash on the way out)."""
        warm_up = getattr(self, "warm_up", None)
        if warm_up is not None:
            warm_up.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.wait_for_warm_up()
        self._settings().setValue("geometry", self.saveGeometry())
        reminders = self.reminders
        if not self._quitting and reminders is not None and reminders.keep_running_in_tray():
            # Reminders keep coming from the tray; the tray menu has Quit.
            event.ignore()
            self.hide()
            self.show_status("Interplay keeps running in the tray for your reminders.")
            return
        if reminders is not None:
            reminders.stop()
        for view in self._views.values():
            shutdown = getattr(view, "shutdown", None)  # a view's background work ends first
            if shutdown is not None:
                shutdown()
        self.signals.detach()
        super().closeEvent(event)
        self.closed.emit()

    def quit_after_first_paint(self, out: Path) -> None:
        _FirstPaintWatcher(self, out)
