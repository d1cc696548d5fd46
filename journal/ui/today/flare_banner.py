"""The band above a day in a flare ("Flare day 3 — lupus"), with Edit and Delete for it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from journal.domain.entries import FlareEpisode
from journal.ui.icons import icon, icon_pixmap


def flare_text(flare: FlareEpisode, day: date) -> str:
    """ "Flare day 3 — rheumatoid arthritis" (counting the first day as day 1)."""
    number = (day - flare.start).days + 1
    text = f"Flare day {number}"
    if flare.condition:
        text += f" — {flare.condition}"
    if flare.end is not None and flare.end == day:
        text += " (last day)"
    return text


def flare_name(flare: FlareEpisode) -> str:
    """How a menu names one of several flares: its condition and first day."""
    condition = flare.condition or "Flare"
    return f"{condition}, since {flare.start.day} {flare.start:%b %Y}"


class FlareBanner(QFrame):
    """Names the flare(s) of the shown day; its buttons edit or delete one of them."""

    edit_requested = Signal(object)
    delete_requested = Signal(object)
    """Both carry the :class:`FlareEpisode` chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flareBanner")
        self._flares: list[FlareEpisode] = []
        self.icon_label = QLabel()
        self.label = QLabel()
        self.label.setObjectName("flareText")
        self.label.setWordWrap(True)
        self.edit_button = self._button("flareEdit", "Edit flare…", "edit")
        self.delete_button = self._button("flareDelete", "Delete…", "delete")
        self.edit_button.clicked.connect(lambda: self._choose(self.edit_requested, "Edit"))
        self.delete_button.clicked.connect(lambda: self._choose(self.delete_requested, "Delete"))
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 6, 4)  # no taller than the banner without buttons
        row.setSpacing(10)
        row.addWidget(self.icon_label)
        row.addWidget(self.label, 1)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        self.hide()

    @staticmethod
    def _button(name: str, text: str, icon_name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setProperty("iconName", icon_name)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    @property
    def flares(self) -> list[FlareEpisode]:
        return list(self._flares)

    def show_flares(self, flares: list[FlareEpisode], day: date) -> None:
        self._flares = list(flares)
        text = "\n".join(flare_text(f, day) for f in flares)
        self.label.setText(text)
        self.setAccessibleName(text)
        one = len(flares) == 1
        self.edit_button.setToolTip("Change, end or delete this flare" if one else "Choose a flare")
        self.edit_button.setAccessibleName(f"Edit the flare: {text}" if one else "Edit a flare")
        self.delete_button.setToolTip("Delete this flare (you are asked first)")
        self.delete_button.setAccessibleName(
            f"Delete the flare: {text}" if one else "Delete a flare"
        )
        self.setVisible(bool(flares))

    def refresh_icons(self, flare_colour: QColor) -> None:
        self.icon_label.setPixmap(icon_pixmap("flare", 20, flare_colour))
        for button in (self.edit_button, self.delete_button):
            button.setIcon(icon(str(button.property("iconName"))))

    def _choose(self, signal: SignalInstance, verb: str) -> None:
        """One flare: act on it; several on one day: ask which, in a menu under the button."""
        if len(self._flares) == 1:
            signal.emit(self._flares[0])
            return
        if not self._flares:
            return
        button = self.edit_button if verb == "Edit" else self.delete_button
        menu = QMenu(self)
        for flare in self._flares:
            menu.addAction(f"{verb} {flare_name(flare)}", lambda f=flare: signal.emit(f))
        menu.exec(button.mapToGlobal(QPoint(0, button.height())))
