"""Asking before a delete: a small form-styled dialog that names what will go and says that
Undo brings it back. Cancel is the default, so Enter never deletes by surprise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.ui.forms.fields import muted_label
from journal.ui.forms.theme import ERROR_DARK, ERROR_LIGHT, form_stylesheet, style_form, title_label
from journal.ui.icons import icon, icon_pixmap
from journal.ui.palette import is_dark

UNDO_HINT = "Edit ▸ Undo (Ctrl+Z) brings it back."


class DeleteConfirmation(QDialog):
    """ "Delete this meal?" with what it is, when it was, and what deleting means."""

    def __init__(
        self,
        parent: QWidget | None,
        question: str,
        what: str,
        when: str = "",
        consequence: str = UNDO_HINT,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deleteConfirmation")
        self.setModal(True)
        style_form(self)
        error = ERROR_DARK if is_dark() else ERROR_LIGHT
        self.setStyleSheet(
            form_stylesheet()
            + f"QPushButton#deleteButton {{ color: {error}; border: 1px solid {error};"
            " font-weight: 600; }\n"
            f"QPushButton#deleteButton:focus {{ border: 2px solid {error}; }}\n"
        )
        self.setWindowTitle(f"{question.rstrip('?')} — {APP_NAME}")

        badge = QLabel()
        badge.setPixmap(icon_pixmap("delete", 28))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.question = title_label(question, self.font())
        self.what = QLabel(what)
        self.what.setObjectName("deleteWhat")
        self.what.setWordWrap(True)
        self.what.setTextFormat(Qt.TextFormat.PlainText)
        font = self.what.font()
        font.setWeight(font.Weight.DemiBold)
        self.what.setFont(font)
        self.when = muted_label(when)
        self.when.setWordWrap(True)
        self.when.setVisible(bool(when))
        self.consequence = muted_label(consequence)
        self.consequence.setWordWrap(True)

        words = QVBoxLayout()
        words.setSpacing(6)
        words.addWidget(self.question)
        words.addSpacing(4)
        words.addWidget(self.what)
        words.addWidget(self.when)
        words.addSpacing(4)
        words.addWidget(self.consequence)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(words, 1)

        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.delete_button = QPushButton(icon("delete", _error_colour()), "&Delete")
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.delete_button)

        divider = QFrame()
        divider.setObjectName("formDivider")
        divider.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(divider)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.setMaximumWidth(560)
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)


def _error_colour() -> QColor:
    return QColor(ERROR_DARK if is_dark() else ERROR_LIGHT)


def confirm_deletion(
    parent: QWidget | None,
    question: str,
    what: str,
    when: str = "",
    consequence: str = UNDO_HINT,
) -> bool:
    """Ask before deleting; True only if the person chose Delete."""
    dialog = DeleteConfirmation(parent, question, what, when, consequence)
    return dialog.exec() == QDialog.DialogCode.Accepted
