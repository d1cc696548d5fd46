"""A transient message inside a view ("Meal deleted. Undo") that hides itself after a while."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from journal.ui.icons import icon

# Long enough to read and reach the button, short enough not to linger.
HIDE_AFTER_MS = 8000


class MessageBar(QFrame):
    """Shows one short message with an optional Undo button; ``undo_requested`` on click."""

    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.message = QLabel()
        self.message.setObjectName("messageText")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("messageUndo")
        self.undo_button.setAccessibleName("Undo")
        self.undo_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.undo_button.clicked.connect(self._on_undo)
        self.close_button = QToolButton()
        self.close_button.setObjectName("messageClose")
        self.close_button.setText("Dismiss")
        self.close_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName("Dismiss message")
        self.close_button.setToolTip("Dismiss")
        self.close_button.clicked.connect(self.dismiss)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 6, 6)
        layout.setSpacing(10)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)

        self._accent = QColor()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(HIDE_AFTER_MS)
        self.timer.timeout.connect(self.dismiss)
        self.hide()

    def show_message(self, text: str, *, undoable: bool = True) -> None:
        self.message.setText(text)
        self.undo_button.setVisible(undoable)
        self.setAccessibleName(text)
        self.show()
        self.timer.start()

    def set_colours(self, text: QColor, accent: QColor) -> None:
        """The bar is drawn in reverse (light on dark, or dark on light) by its parent's style."""
        self.undo_button.setIcon(icon("undo", accent))
        self.close_button.setIcon(icon("close", text))

    def dismiss(self) -> None:
        self.timer.stop()
        self.hide()

    def _on_undo(self) -> None:
        self.dismiss()
        self.undo_requested.emit()
