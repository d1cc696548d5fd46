"""The app's own dialogs look finished and fit a small laptop: a heading, plain text buttons
(no stock floppy-disk or red-X icons), and nothing cut off at 1024x700 or 1366x768, in the
normal and the largest text size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from journal.domain.appearance import Appearance
from journal.domain.clock import FakeClock
from journal.io.demo import generate_demo
from journal.services import Services
from journal.ui.about import AboutDialog
from journal.ui.appearance import apply_appearance, apply_text_size
from journal.ui.data import BackupsDialog, ImportPreviewDialog
from journal.ui.goals.dialog import GoalDialog
from journal.ui.preferences import PreferencesDialog
from journal.ui.reminders.dialog import ReminderDialog
from journal.ui.widgets.dialog_frame import FramedDialog
from tests.ui.fit import clipped_widgets

SIZES = [QSize(1024, 700), QSize(1366, 768)]
# A window manager's title bar and a panel take about this much of the screen's height.
FRAME = 40
Factory = Callable[[Services, Path], FramedDialog]


def _import(services: Services, tmp: Path) -> FramedDialog:
    export = tmp / "export.json"
    services.exports.export_journal(export)
    return ImportPreviewDialog(services, export)


DIALOGS: dict[str, Factory] = {
    "preferences": lambda s, _t: PreferencesDialog(s),
    "goal": lambda s, _t: GoalDialog(s),
    "reminder": lambda s, _t: ReminderDialog(s),
    "about": lambda s, _t: AboutDialog(s.data_dir),
    "backups": lambda s, _t: BackupsDialog(s),
    "import": _import,
}


@pytest.fixture
def filled(services: Services, clock: FakeClock) -> Iterator[Services]:
    """A journal with something of each kind (every row of the import table) and a backup."""
    tz = clock.now().tzinfo
    assert tz is not None
    generate_demo(services.db, days=14, seed=3, end=clock.now().date(), tz=tz)
    services.maintenance.backup()
    yield services
    apply_appearance(Appearance())


def _open(qtbot: QtBot, make: Factory, services: Services, tmp: Path) -> FramedDialog:
    dialog = make(services, tmp)
    qtbot.addWidget(dialog)
    dialog.show()
    if isinstance(dialog, ImportPreviewDialog):
        qtbot.waitUntil(lambda: dialog.state == "preview")
        dialog.wait_for_task()
    qtbot.wait(1)
    return dialog


@pytest.mark.parametrize("name", DIALOGS)
def test_each_dialog_has_a_heading_and_plain_buttons(
    qtbot: QtBot, filled: Services, tmp_path: Path, name: str
) -> None:
    dialog = _open(qtbot, DIALOGS[name], filled, tmp_path)
    assert dialog.title.isVisible() and dialog.title.text()
    assert dialog.title.font().pointSizeF() > dialog.font().pointSizeF() * 1.4
    assert dialog.findChildren(QDialogButtonBox) == []
    with_icons = [b.text() for b in dialog.findChildren(QPushButton) if not b.icon().isNull()]
    assert with_icons == []


def test_about_shows_the_app_icon(qtbot: QtBot, services: Services) -> None:
    about = AboutDialog(services.data_dir)
    qtbot.addWidget(about)
    icon = about.findChild(QLabel, "headingIcon")
    assert icon is not None and not icon.pixmap().isNull() and icon.pixmap().width() >= 40


@pytest.mark.slow
@pytest.mark.parametrize("percent", [100, 130], ids=["normal text", "largest text"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("name", DIALOGS)
def test_each_dialog_fits_a_small_screen(
    qtbot: QtBot, filled: Services, tmp_path: Path, name: str, size: QSize, percent: int
) -> None:
    apply_text_size(percent)
    dialog = _open(qtbot, DIALOGS[name], filled, tmp_path)
    room = QSize(size.width(), size.height() - FRAME)
    dialog.setMaximumSize(room)  # as fit_to_screen() does on a screen this size
    dialog.resize(dialog.sizeHint().boundedTo(room))
    qtbot.wait(1)
    needs = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert needs.width() <= room.width() and needs.height() <= room.height(), needs
    assert dialog.width() <= room.width() and dialog.height() <= room.height(), dialog.size()
    assert clipped_widgets(dialog) == []
    pages = dialog.stack if isinstance(dialog, PreferencesDialog) else None
    for index in range(pages.count() if pages is not None else 0):
        assert pages is not None
        pages.setCurrentIndex(index)
        qtbot.wait(1)
        page = pages.currentWidget()
        assert isinstance(page, QWidget)
        assert clipped_widgets(dialog) == [], page
