"""Every view fits a small laptop (1024x700) and a common one (1366x768): nothing is cut
off, and nothing a view does makes the window grow."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import FlareEpisode
from journal.domain.reminders import Reminder, ReminderAction, Schedule
from journal.domain.vocabulary import EntryKind
from journal.io.demo import generate_demo
from journal.services import Services
from journal.services.reminders import DueReminder, ReminderTarget
from journal.ui.main_window import MainWindow, first_window_rect
from tests.ui.fit import clipped_widgets

SIZES = [QSize(1024, 700), QSize(1366, 768)]


@pytest.fixture
def window(qtbot: QtBot, services: Services, clock: FakeClock) -> Iterator[MainWindow]:
    tz = clock.now().tzinfo
    assert tz is not None
    generate_demo(services.db, days=60, seed=3, end=clock.now().date(), tz=tz)
    main = MainWindow(services)
    qtbot.addWidget(main)
    yield main
    main.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_view_fits_without_growing_the_window(
    qtbot: QtBot, window: MainWindow, size: QSize
) -> None:
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    for key in [spec.key for spec in window._specs]:  # every view in the side bar
        window.show_view(key)
        qtbot.wait(1)  # let the layouts settle (a zero-length event loop turn)
        assert window.size() == size, f"showing {key} resized the window to {window.size()}"
        assert clipped_widgets(window) == [], key


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_chart_range_and_grouping_fits(qtbot: QtBot, window: MainWindow, size: QSize) -> None:
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    charts = window.show_view("charts")
    for key in ("custom", "all", "1y", "2w"):
        button = charts.findChild(QPushButton, f"range-{key}")
        button.click()
        qtbot.wait(1)
        assert window.size() == size, f"range {key} resized the window to {window.size()}"
        assert clipped_widgets(window) == [], key


def test_the_checker_sees_a_button_cut_short(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    button = QPushButton("Save picture…", box)
    button.setFixedWidth(30)
    box.resize(200, 60)
    box.show()
    assert any("needs" in problem for problem in clipped_widgets(box))
    button.setFixedWidth(button.minimumSizeHint().width())
    button.move(180, 0)  # now whole, but hanging out of its window
    assert any("outside" in problem for problem in clipped_widgets(box))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_window_opens_within_the_screen(size: QSize) -> None:
    room = QRect(QPoint(0, 0), size - QSize(0, 32))  # less a panel
    first = first_window_rect(room, None)
    assert room.contains(first) and first.width() >= 1000
    remembered = QRect(40, 20, 900, 600)
    assert first_window_rect(room, remembered) == remembered  # a size that still fits
    too_big = QRect(0, 0, 1600, 1000)  # from a larger screen
    assert room.contains(first_window_rect(room, too_big))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_a_reminder_banner_coming_and_going_keeps_the_window_size(
    qtbot: QtBot, window: MainWindow, size: QSize, clock: FakeClock
) -> None:
    today = clock.now().date()
    if window.services.journal.ongoing_flare() is None:  # a flare banner too, on Today
        window.services.journal.save_flare(FlareEpisode(start=today, condition="RA"))
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    banner = window.start_reminders().banner
    reminder = Reminder(action=ReminderAction.MEAL, schedule=Schedule(times=(time(12, 0),)))
    due = DueReminder(
        reminder,
        clock.now(),
        "Log your lunch, and how you felt an hour after it, while you still remember",
        "A reminder you set up. Snooze it, or dismiss it until next time.",
        ReminderTarget(EntryKind.MEAL),
    )
    for view in ("today", "charts"):
        window.show_view(view)
        banner.add(due)
        qtbot.wait(1)
        assert window.size() == size and clipped_widgets(window) == []
        if view == "today":
            assert window.view("today").flare_banner.isVisible()  # type: ignore[attr-defined]
        qtbot.mouseClick(banner.dismiss_button, Qt.MouseButton.LeftButton)
        qtbot.wait(1)
        assert window.size() == size


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_view_fits_at_the_largest_text_size(
    qtbot: QtBot, services: Services, clock: FakeClock, size: QSize
) -> None:
    from journal.ui.appearance import apply_text_size

    tz = clock.now().tzinfo
    assert tz is not None
    generate_demo(services.db, days=30, seed=3, end=clock.now().date(), tz=tz)
    apply_text_size(130)
    try:
        main = MainWindow(services)
        qtbot.addWidget(main)
        main.resize(size)
        main.show()
        qtbot.waitExposed(main)
        for key in [spec.key for spec in main._specs]:
            main.show_view(key)
            qtbot.wait(1)
            assert main.size() == size, f"{key} at the largest text grew the window"
            assert clipped_widgets(main) == [], key
        main.close()
    finally:
        apply_text_size(100)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_an_empty_day_in_a_flare_with_doses_due_fits(
    qtbot: QtBot, services: Services, clock: FakeClock, size: QSize
) -> None:
    from journal.domain.entries import Medication

    services.journal.save_flare(FlareEpisode(start=clock.now().date(), condition="RA"))
    for name in ("Metformin", "Vitamin D", "Methotrexate"):
        services.journal.save_medication(
            Medication(name=name, dose="1 tablet", times=(time(20), time(21)))
        )
    main = MainWindow(services)
    qtbot.addWidget(main)
    main.resize(size)
    main.show()
    qtbot.waitExposed(main)
    qtbot.wait(1)
    assert main.size() == size
    assert clipped_widgets(main) == []
