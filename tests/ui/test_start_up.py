"""Start-up: a migration says so while it runs; the rest of the app loads after the frame."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from journal.services import Services
from journal.services.collector import pause_for_start_up
from journal.ui.application import run_showing
from journal.ui.main_window import MainWindow
from journal.ui.welcome import WelcomeDialog


def test_work_shown_while_it_runs_returns_its_result_or_raises(qtbot: QtBot) -> None:
    assert run_showing("Updating your journal…", lambda: 41 + 1) == 42

    def fail() -> None:
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        run_showing("Updating your journal…", fail)


def test_start_up_work_waits_for_the_warm_up_and_then_runs(
    qtbot: QtBot, services: Services
) -> None:
    ran: list[str] = []
    window = MainWindow(services, warm_up=True)
    qtbot.addWidget(window)
    window.after_first_paint(lambda: ran.append("backup"))
    window.show()
    qtbot.waitUntil(lambda: getattr(window, "warm_up", None) is not None)
    qtbot.waitUntil(lambda: ran == ["backup"])
    assert window.warm_up.isFinished()
    assert window.reminders is not None  # the reminders started once it had loaded
    window.close()


def test_the_cycle_collector_paused_for_start_up_runs_again_once_start_up_is_done(
    qtbot: QtBot, services: Services
) -> None:
    gc.collect()
    pause_for_start_up()  # what ``main`` does first
    try:
        assert not gc.isenabled()
        window = MainWindow(services, warm_up=True)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.reminders is not None)  # the start-up work ran
        qtbot.waitUntil(gc.isenabled)
        assert gc.get_freeze_count() > 0  # what start-up made is left out of its walks
        window.close()
    finally:
        gc.unfreeze()  # (this process goes on to other tests)
        gc.enable()


def test_the_start_up_reads_run_once_off_the_interface_thread(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reminders' catch-up (a write whose commit waits for the disk) and whether the
    welcome is due (every table read) are asked in the warm-up thread, once each."""
    on_main: dict[str, list[bool]] = {"catch_up": [], "welcome_due": []}
    reminders, profile = type(services.reminders), type(services.profile)
    catch_up, welcome_due = reminders.catch_up, profile.welcome_due

    def spied_catch_up(self: object, now: object = None) -> object:
        on_main["catch_up"].append(threading.current_thread() is threading.main_thread())
        return catch_up(self, now)  # type: ignore[arg-type]

    def spied_welcome_due(self: object) -> bool:
        on_main["welcome_due"].append(threading.current_thread() is threading.main_thread())
        return welcome_due(self)  # type: ignore[arg-type]

    monkeypatch.setattr(reminders, "catch_up", spied_catch_up)
    monkeypatch.setattr(profile, "welcome_due", spied_welcome_due)
    window = MainWindow(services, warm_up=True)
    qtbot.addWidget(window)
    window.after_first_paint(window.offer_welcome)
    window.show()
    qtbot.waitUntil(lambda: window.findChild(WelcomeDialog) is not None)
    assert window.reminders is not None
    assert on_main == {"catch_up": [False], "welcome_due": [False]}
    window.findChild(WelcomeDialog).reject()
    window.close()


_STYLE_OF_THE_APPLICATION = """
from journal.ui.application import create_application
import enum, gc
app = create_application()
made = {e.__name__ for e in gc.get_objects() if isinstance(e, enum.EnumType)}
app.setStyleSheet("")  # the style under the style sheet
print(app.style().name(), "PixelMetric" in made)
"""


def test_the_application_is_drawn_in_fusion_without_making_qstyles_enums() -> None:
    """Fusion whatever the environment asks for, chosen without a Python ``QStyle``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "windows"}
    done = subprocess.run(
        [sys.executable, "-c", _STYLE_OF_THE_APPLICATION],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.stdout.split() == ["fusion", "False"]


def test_the_window_is_not_polished_again_by_the_start_up_work(
    qtbot: QtBot, services: Services
) -> None:
    """Qt polishes a widget again when its meta-object changes, and PySide6 changes it when
    a signal is first connected to one of its methods that is not a declared slot: after
    the first frame, that restyles, lays out and repaints the whole window (~25-50 ms the
    interface cannot answer, while the warm-up thread loads)."""
    window = MainWindow(services, warm_up=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    polished = [
        widget
        for widget in (window, *window.findChildren(QWidget))
        if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished)
    ]
    shown = {id(widget) for widget in polished}
    polished_again: list[str] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Polish and id(watched) in shown:
                polished_again.append(type(watched).__name__)
            return False

    watch = Watch()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    try:
        qtbot.waitUntil(lambda: window.reminders is not None)  # warm-up and start-up work
        qtbot.waitUntil(lambda: not window._after_first_paint)
        for widget in polished:
            widget.ensurePolished()  # as the next layout or paint does
    finally:
        app.removeEventFilter(watch)
    assert polished_again == []
    window.close()
