"""A passphrase field: dots by default, a Show characters box, and a Caps Lock warning."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from journal.ui.widgets.dialog_frame import muted

CAPS_WARNING = "Caps Lock seems to be on."


def caps_lock_likely(event: QKeyEvent) -> bool | None:
    """Whether Caps Lock is on, judged from one typed letter (None: cannot tell).

    Qt cannot ask the keyboard; a capital typed without Shift, or a small letter typed
    with Shift, is the tell that browsers and login screens use too.
    """
    text = event.text()
    if len(text) != 1 or not text.isalpha() or text.lower() == text.upper():
        return None
    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    return text.isupper() != shift


class PassphraseField(QWidget):
    """The line edit, Show characters, and the Caps Lock warning under it."""

    submitted = Signal()

    def __init__(self, accessible: str, *, show_toggle: bool = True) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible)
        self.edit.setObjectName("passphrase")
        self.edit.returnPressed.connect(self.submitted)
        self.edit.installEventFilter(self)
        layout.addWidget(self.edit)
        self.show_characters = QCheckBox("S&how characters")
        self.show_characters.setAccessibleName(f"Show the characters of {accessible.lower()}")
        self.show_characters.toggled.connect(self._show)
        self.show_characters.setVisible(show_toggle)
        layout.addWidget(self.show_characters)
        self.caps = muted(CAPS_WARNING, name="dataError")
        self.caps.setAccessibleName(CAPS_WARNING)
        policy = self.caps.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the warning coming and going moves nothing
        self.caps.setSizePolicy(policy)
        self.caps.setVisible(False)
        layout.addWidget(self.caps)

    @property
    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()

    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            caps = caps_lock_likely(event)
            if caps is not None:
                self.caps.setVisible(caps)
        return super().eventFilter(watched, event)


def type_through(*fields: PassphraseField | None) -> None:
    """Tab goes from each passphrase to the next, then to their Show characters boxes: a
    person typing a passphrase, Tab, and the same again must not type it into a box."""
    present = [f for f in fields if f is not None]
    chain = [f.edit for f in present] + [
        f.show_characters for f in present if f.show_characters.isVisibleTo(f)
    ]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
