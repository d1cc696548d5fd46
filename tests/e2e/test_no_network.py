"""Privacy: a session of the app opens no network connection, ever.

Python-level sockets are caught as they are created (any family but AF_UNIX fails the test),
and DNS lookups are refused; sockets made by Qt's C++ code are caught by looking at the
process's open Internet sockets in /proc (Linux) at the end of the session.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import Glucose, Meal
from journal.services import Services
from journal.ui.data import BackupsDialog, DataLocationPanel, ImportPreviewDialog
from journal.ui.signals import JournalSignals

_PROC_NET = ("tcp", "tcp6", "udp", "udp6", "raw", "raw6")


class NetworkUsed(AssertionError):
    pass


def _inet_socket_inodes() -> set[str]:
    """Inodes of this process's open Internet sockets (empty where /proc is missing)."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return set()
    mine: set[str] = set()
    for fd in fd_dir.iterdir():
        try:
            target = fd.readlink()
        except OSError:
            continue
        if str(target).startswith("socket:["):
            mine.add(str(target)[8:-1])
    inet: set[str] = set()
    for table in _PROC_NET:
        path = Path("/proc/self/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                inet.add(line.split()[9])
    return mine & inet


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail on any non-local socket; yields the list of attempts (kept empty)."""
    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family: Any = -1, *args: Any, **kwargs: Any) -> None:
            adopted = kwargs.get("fileno") is not None or (len(args) > 2 and args[2] is not None)
            effective = socket.AF_INET if family == -1 and not adopted else family
            if effective not in (socket.AF_UNIX, -1):
                attempts.append(f"socket(family={family!r})")
                raise NetworkUsed(f"a network socket was created (family {family!r})")
            super().__init__(family, *args, **kwargs)

    def refuse(name: str) -> Any:
        def _refuse(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args!r}")
            raise NetworkUsed(f"{name} was called with {args!r}")

        return _refuse

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    before = _inet_socket_inodes()
    yield attempts
    assert attempts == []
    assert _inet_socket_inodes() - before == set(), "an Internet socket was opened by Qt code"


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
    assert main(["--data-dir", data, "screenshot", "--out", str(tmp_path / "shots")]) == 0
