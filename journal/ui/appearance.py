"""Applying the person's appearance choice: light, dark or the system's scheme, and a text size
as a percentage of the system font, to the whole running app at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from journal.domain.appearance import NORMAL_TEXT, Appearance, Theme
from journal.ui.application import apply_style, set_color_scheme

_SCHEMES = {
    Theme.SYSTEM: Qt.ColorScheme.Unknown,
    Theme.LIGHT: Qt.ColorScheme.Light,
    Theme.DARK: Qt.ColorScheme.Dark,
}


def apply_appearance(appearance: Appearance) -> None:
    """Use ``appearance`` now: every open window restyles, charts included."""
    apply_theme(appearance.theme)
    apply_text_size(appearance.text_percent)


def apply_saved_appearance(appearance: Appearance) -> None:
    """At start-up: change only what differs from the system's own look, so a person who
    chose nothing gets exactly the platform's palette and font."""
    if appearance.theme is not Theme.SYSTEM:
        apply_theme(appearance.theme)
    if appearance.text_percent != NORMAL_TEXT:
        apply_text_size(appearance.text_percent)


def apply_theme(theme: Theme) -> None:
    set_color_scheme(_SCHEMES[theme])


def system_font() -> QFont:
    """The font the system gives every app (what "Normal" text size means)."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)


def text_font(percent: int) -> QFont:
    font = system_font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(round(font.pointSizeF() * percent / 100, 1))
    elif font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * percent / 100)))
    return font


def apply_text_size(percent: int) -> None:
    """Set the application font to ``percent`` of the system font."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    font = text_font(percent)
    if app.font() == font:
        return
    app.setFont(font)
    # With a style sheet set, widgets take a new application font only when re-polished.
    apply_style(app)


class _FontWatcher(QObject):
    """Calls back once, after the event loop settles, when the application font changes."""

    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback = callback
        self._font = QApplication.font()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._fire)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._timer.start()
        return False

    def _fire(self) -> None:
        font = QApplication.font()
        if font == self._font:
            return
        self._font = font
        self._callback()


def on_text_size_changed(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` when the application font changes (e.g. to rebuild views whose
    headings were sized from the font when they were built)."""
    _FontWatcher(widget, callback)
