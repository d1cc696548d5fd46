"""The QApplication: names, style, the system light/dark scheme, and fatal-error dialogs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from journal import APP_NAME, __version__


def create_application(argv: Sequence[str] = ()) -> QApplication:
    """Create (or return) the application, styled to follow the system colour scheme."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("interplay")
    app = QApplication(list(argv) or [APP_NAME])
    # Fusion draws consistently everywhere and follows the platform's light/dark scheme
    # (Qt >= 6.5 reads it from the system), so both schemes keep readable contrast.
    app.setStyle("Fusion")
    apply_style(app)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(lambda _scheme: apply_style(app))
    return app


def apply_style(app: QApplication) -> None:
    """Re-apply the stylesheet after a scheme change (it uses palette-derived colours)."""
    from journal.ui.style import stylesheet

    app.setStyleSheet(stylesheet())


def set_color_scheme(scheme: Qt.ColorScheme) -> None:
    """Force light or dark (used by screenshots); Unknown returns to the system's choice."""
    QGuiApplication.styleHints().setColorScheme(scheme)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_style(app)


def show_fatal_error(title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.setWindowTitle(f"{APP_NAME} — {title}")
    box.exec()
