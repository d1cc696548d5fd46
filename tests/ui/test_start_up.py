"""Start-up: a migration says so while it runs; the rest of the app loads after the frame."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from journal.services import Services
from journal.ui.application import run_showing
from journal.ui.main_window import MainWindow


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
    qtbot.waitUntil(lambda: getattr(window, "warm_up", None) is not None, timeout=5000)
    qtbot.waitUntil(lambda: ran == ["backup"], timeout=20000)
    assert window.warm_up.isFinished()
    assert window.reminders is not None  # the reminders started once it had loaded
    window.close()
