"""Privacy: a session of the app opens no network connection, ever.

Python-level sockets are caught as they are created (any family but AF_UNIX fails the test),
and DNS lookups are refused; sockets made by Qt's C++ code are caught by looking at the
process's open Internet sockets in /proc (Linux) at the end of the session.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import Glucose, Meal
from journal.services import Services
from journal.ui.data import BackupsDialog, DataLocationPanel, ImportPreviewDialog
from journal.ui.signals import JournalSignals
from tests.e2e.network_guard import NetworkUsed, guarded, inet_socket_inodes
from tests.e2e.screenshots import Screenshots


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail on any non-local socket; yields the list of attempts (kept empty)."""
    attempts: list[str] = []
    for name, value in guarded(attempts).items():
        monkeypatch.setattr(socket, name, value)
    before = inet_socket_inodes()
    yield attempts
    assert attempts == []
    assert inet_socket_inodes() - before == set(), "an Internet socket was opened by Qt code"


def test_the_guard_catches_a_connection(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))
    with pytest.raises(NetworkUsed):
        socket.socket()
    local_a, local_b = socket.socketpair()  # local sockets are fine
    local_a.close()
    local_b.close()
    no_network.clear()  # the guard worked; the session tests below must see none


def test_a_gui_session_with_every_data_action_opens_no_socket(
    no_network: list[str],
    services: Services,
    clock: FakeClock,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    services.journal.add_entry(Meal(at=clock.now(), items="oats", carbs_g=40))
    services.journal.add_entry(Glucose(at=clock.now(), mgdl=99))
    data = services
    signals = JournalSignals(services)
    window = QMainWindow()
    qtbot.addWidget(window)
    central = QWidget()
    layout = QVBoxLayout(central)
    panel = DataLocationPanel(data)
    layout.addWidget(panel)
    window.setCentralWidget(central)
    window.show()
    qtbot.waitExposed(window)

    data.maintenance.backup_at_start()
    data.exports.export_journal(tmp_path / "journal.json", "json")
    data.exports.export_journal(tmp_path / "csv", "csv")
    data.maintenance.check()
    dialog = ImportPreviewDialog(data, tmp_path / "journal.json", parent=window)
    qtbot.waitUntil(lambda: dialog.state != "checking")
    dialog.wait_for_task()
    dialog.close()
    backups = BackupsDialog(data, parent=window)
    backups.back_up_now()
    backups.close()
    panel.open_button.click()
    assert opened and opened[0].startswith("file://")
    signals.detach()


def test_the_main_window_with_every_view_opens_no_socket(
    no_network: list[str], services: Services, clock: FakeClock, qtbot: QtBot
) -> None:
    from journal.io.demo import generate_demo
    from journal.ui.main_window import MainWindow

    tz = clock.now().tzinfo
    assert tz is not None
    generate_demo(services.db, days=30, seed=4, end=clock.now().date(), tz=tz)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for key in ("today", "charts", "goals"):
        window.show_view(key)
    window.view("charts").set_range("all")  # type: ignore[attr-defined]
    services.journal.add_entry(Meal(at=clock.now(), items="apple", carbs_g=15))
    window.undo()
    window.start_reminders()
    window.close()


@pytest.mark.slow
def test_every_command_opens_no_socket(no_network: list[str], tmp_path: Path) -> None:
    from journal.app import main

    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "demo", "--days", "20"]) == 0
    assert main(["--data-dir", data, "check"]) == 0
    assert main(["--data-dir", data, "export", "--out", str(tmp_path / "e.json")]) == 0
    assert (
        main(["--data-dir", data, "export", "--format", "csv", "--out", str(tmp_path / "c")]) == 0
    )
    other = str(tmp_path / "other")
    assert main(["--data-dir", other, "import", str(tmp_path / "e.json")]) == 0
    assert main(["--data-dir", other, "backup", "--out", str(tmp_path / "b.sqlite3")]) == 0
    assert main(["--data-dir", other, "restore", str(tmp_path / "b.sqlite3")]) == 0
    # screenshot: the test below (the real program, run once with test_cli's screenshot test)


@pytest.mark.slow
@pytest.mark.xdist_group("screenshot")
def test_the_screenshot_command_opens_no_socket(screenshots: Screenshots) -> None:
    """``interplay screenshot`` (every view and dialog, light and dark) with the same guard in
    its own process (tests/e2e/network_guard.py, GUARDED_MAIN)."""
    assert screenshots.result.returncode == 0, screenshots.result.stderr
    assert screenshots.network == {"attempts": [], "opened": []}
