"""The QApplication: names, style, the system light/dark scheme, and fatal-error dialogs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from journal import APP_NAME, __version__

T = TypeVar("T")

# Messages Qt prints that say nothing to a user: the offscreen platform (screenshots)
# cannot pass size hints to a window manager.
_QUIET_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)
_previous_handler: Callable[[QtMsgType, QMessageLogContext, str], None] | None = None


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message.startswith(_QUIET_QT_MESSAGES):
        return
    if _previous_handler is not None:
        _previous_handler(kind, context, message)
    else:
        print(message, file=sys.stderr)


def create_application(argv: Sequence[str] = ()) -> QApplication:
    """Create (or return) the application, styled to follow the system colour scheme."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("interplay")
    global _previous_handler
    previous = qInstallMessageHandler(_qt_message)
    _previous_handler = previous if callable(previous) else None
    # Fusion draws consistently everywhere and follows the platform's light/dark scheme
    # (Qt >= 6.5 reads it from the system), so both schemes keep readable contrast. Asked
    # for as a command-line option Qt reads, not with ``setStyle``: that returns the style,
    # and its Python wrapper has PySide6 make every enum of ``QStyle`` (566 values) before
    # the first paint.
    app = QApplication([*(list(argv) or [APP_NAME]), "-style", "Fusion"])
    apply_style(app)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(lambda _scheme: apply_style(app))
    return app


def apply_style(app: QApplication) -> None:
    """Re-apply the stylesheet after a scheme change (it uses palette-derived colours)."""
    from journal.ui.style import stylesheet

    app.setStyleSheet(stylesheet())


def dark_palette() -> QPalette:
    """Fusion's colours for a dark scheme, for platforms that cannot switch scheme themselves."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#1f2124",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#24262a",
        QPalette.ColorRole.ToolTipBase: "#2b2d31",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8a8d91",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#2b2d31",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#3a3d42",
        QPalette.ColorRole.Midlight: "#33363a",
        QPalette.ColorRole.Mid: "#2a2c30",
        QPalette.ColorRole.Dark: "#111214",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#3d7fd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6fa8ff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6d7075"))
    return palette


def set_color_scheme(scheme: Qt.ColorScheme) -> None:
    """Force light or dark (screenshots, tests); Unknown returns to the system's choice.

    Some platforms (the offscreen one among them) ignore the requested scheme; then the
    palette is set by hand so the result is the same.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(scheme)
    style = app.style()
    if scheme == Qt.ColorScheme.Dark and hints.colorScheme() != Qt.ColorScheme.Dark:
        app.setPalette(dark_palette())
    else:
        app.setPalette(style.standardPalette())
    apply_style(app)


def ask_to_restore(problem: str, backup: Path, taken_at: datetime) -> bool:
    """Offer to restore the newest backup of a damaged journal; True if the user agrees."""
    from PySide6.QtWidgets import QMessageBox  # here: its enums are made at first use

    when = taken_at.strftime("%d %B %Y, %H:%M")
    box = QMessageBox(QMessageBox.Icon.Warning, f"{APP_NAME} — the journal is damaged", problem)
    box.setInformativeText(
        f"The newest backup is from {when}. Restore it? The damaged file is kept beside "
        "it, untouched, in case you need it later."
    )
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setDetailedText(str(backup))
    box.exec()
    return box.clickedButton() is restore


def show_fatal_error(title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # here: its enums are made at first use

    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.setWindowTitle(f"{APP_NAME} — {title}")
    box.exec()


def run_showing(text: str, work: Callable[[], T]) -> T:
    """Run ``work`` off the interface thread behind a small window saying ``text`` (e.g.
    while a journal is migrated before the main window exists); its errors are raised."""
    import threading

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(text, "", 0, 0)
    dialog.setWindowTitle(APP_NAME)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.show()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the caller below
            failure.append(error)

    thread = threading.Thread(target=run, name="run-showing")
    thread.start()
    while thread.is_alive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 30)
        thread.join(0.02)
    dialog.close()
    if failure:
        raise failure[0]
    return outcome[0]
