"""A journal on a read-only disk or folder: a banner says so, and the editing actions are off.

Everything that only reads (the views, search, charts, export, the summary) keeps working;
anything that would change the journal is disabled here, and a change that still reaches the
store is refused there with the same sentence (``journal.store.faults``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from journal.domain.vocabulary import EntryKind
    from journal.services import Services


class MainWindow(Protocol):
    """What this module needs of the main window (which imports this module)."""

    services: Services
    quick_add: dict[EntryKind, QAction]
    undo_action: QAction
    redo_action: QAction
    flare_action: QAction
    medications_action: QAction
    trackers_action: QAction
    import_action: QAction
    welcome_action: QAction
    preferences_action: QAction


READ_ONLY_TEXT = (
    "<b>This journal is read-only.</b> Its folder ({folder}) cannot be written, for example on "
    "a locked USB stick or a read-only disk. You can look at everything and export it; to add "
    "or change entries, copy the folder to a writable place and open it there "
    "(--data-dir), or make this one writable. Reminders are paused."
)
DISK_FULL_TEXT = (
    "<b>The disk is full</b> (the disk holding {folder}), so this journal is open for reading "
    "only. "
    "You can look at everything and export it to another disk; to add or change entries, free "
    "some space (empty the trash, remove large files you do not need) and open Interplay "
    "again. Reminders are paused."
)


def editing_actions(window: MainWindow) -> list[QAction]:
    """The window's actions that change the journal."""
    return [
        *window.quick_add.values(),
        window.undo_action,
        window.redo_action,
        window.flare_action,
        window.medications_action,
        window.trackers_action,
        window.import_action,
        window.welcome_action,
        window.preferences_action,
    ]


def show_read_only(window: MainWindow, content: QBoxLayout) -> QLabel | None:
    """If the window's journal is read-only: the banner at the top of ``content``, and the
    editing actions disabled. Returns the banner (None for a writable journal)."""
    services = window.services
    if not services.read_only:
        return None
    from html import escape  # here: only a read-only journal's banner needs it

    full = services.db.read_only_reason == "disk-full"
    folder = escape(str(services.data_dir))
    text = (DISK_FULL_TEXT if full else READ_ONLY_TEXT).format(folder=folder)
    banner = QLabel(text)
    banner.setTextFormat(Qt.TextFormat.RichText)
    banner.setObjectName("readOnlyBanner")
    # The tooltip colours: a calm note that stands out in the light and the dark scheme.
    palette = banner.palette()
    background = palette.color(QPalette.ColorRole.ToolTipBase).name()
    foreground = palette.color(QPalette.ColorRole.ToolTipText).name()
    border = palette.color(QPalette.ColorRole.Mid).name()
    banner.setStyleSheet(
        f"QLabel#readOnlyBanner {{ background: {background}; color: {foreground}; "
        f"border-bottom: 1px solid {border}; }}"
    )
    banner.setAccessibleName("This journal is read-only")
    banner.setWordWrap(True)
    banner.setMargin(10)
    content.insertWidget(0, banner)
    for action in editing_actions(window):
        action.setEnabled(False)
        action.setToolTip("The journal is read-only")
    return banner


READ_ONLY_TIP = "This journal is read-only: nothing can be changed here."


def disable_inline_editing(*controls: QWidget) -> None:
    """Controls inside a view that change the journal (Taken, Edit, Delete), off and saying
    why, as the window's editing actions are."""
    for control in controls:
        control.setEnabled(False)
        control.setToolTip(READ_ONLY_TIP)
