"""The input widgets of the entry forms: a 0-10 scale, a one-stop choice row, tag chips and
note boxes (numbers and dates are in ``text_inputs``). Each is one keyboard stop where that
keeps logging fast."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from journal.domain.text import is_digits
from journal.ui.forms.flow import FlowLayout

CELL = 34
GAP = 4


def _is_enter(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ScaleInput(QWidget):
    """A row of numbered cells (0-10 by default); digits, arrows or a click pick a value.

    It starts "not rated" (None) when optional; Backspace or a click on the chosen cell returns
    it there. Typing "1" then "0" gives 10. Enter and Tab pass on to the form.
    """

    valueChanged = Signal(object)

    def __init__(
        self, low: int = 0, high: int = 10, *, optional: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.low, self.high, self.optional = low, high, optional
        self._value: int | None = None if optional else low
        self._typed_one = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    # --- value -------------------------------------------------------------------------

    def value(self) -> int | None:
        return self._value

    def setValue(self, value: int | None) -> None:
        if value is not None:
            value = max(self.low, min(self.high, int(value)))
        elif not self.optional:
            value = self.low
        if value == self._value:
            return
        self._value = value
        self.setAccessibleDescription("not rated" if value is None else f"{value} of {self.high}")
        self.update()
        self.valueChanged.emit(value)

    # --- geometry and painting ---------------------------------------------------------

    def _count(self) -> int:
        return self.high - self.low + 1

    def sizeHint(self) -> QSize:
        return QSize(self._count() * CELL + (self._count() - 1) * GAP + 4, CELL + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _cell_rect(self, index: int) -> QRectF:
        return QRectF(2 + index * (CELL + GAP), 2, CELL, CELL)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        # Cell borders need 3:1 contrast on either scheme (WCAG non-text contrast).
        window, text = pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.Text)
        border = QColor(
            (window.red() + text.red()) // 2,
            (window.green() + text.green()) // 2,
            (window.blue() + text.blue()) // 2,
        )
        for index in range(self._count()):
            number = self.low + index
            rect = self._cell_rect(index)
            chosen = number == self._value
            if chosen:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            else:
                painter.setPen(QPen(border, 1))
                painter.setBrush(pal.color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 7, 7)
            role = QPalette.ColorRole.HighlightedText if chosen else QPalette.ColorRole.Text
            painter.setPen(pal.color(role))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(number))
        if self.hasFocus():
            pen = QPen(pal.color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 9, 9)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._typed_one = False
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- input -------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        for index in range(self._count()):
            if self._cell_rect(index).contains(event.position()):
                number = self.low + index
                self.setValue(None if number == self._value and self.optional else number)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if is_digits(text) and len(text) == 1:
            self._type_digit(int(text))
            return
        self._typed_one = False
        step = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: 1,
            Qt.Key.Key_Plus: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Down: -1,
            Qt.Key.Key_Minus: -1,
        }.get(Qt.Key(event.key()))
        if step is not None:
            start = self._value if self._value is not None else self.low - (step > 0)
            self.setValue(max(self.low, min(self.high, start + step)))
        elif event.key() == Qt.Key.Key_Home:
            self.setValue(self.low)
        elif event.key() == Qt.Key.Key_End:
            self.setValue(self.high)
        elif event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and self.optional:
            self.setValue(None)
        else:
            event.ignore()  # Enter, Escape ... belong to the form

    def _type_digit(self, digit: int) -> None:
        # "1" then "0" makes 10, so the whole 0-10 scale is reachable by typing.
        if self._typed_one and digit == 0 and self.high >= 10:
            self.setValue(10)
            self._typed_one = False
            return
        self._typed_one = digit == 1
        if self.low <= digit <= self.high:
            self.setValue(digit)


def _button(text: str, role: str) -> QPushButton:
    button = QPushButton(text.replace("&", "&&"))  # "&" would make a mnemonic, not show
    button.setProperty("plainText", text)
    button.setCheckable(True)
    button.setAutoDefault(False)
    button.setProperty(role, True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class ChoiceRow(QWidget):
    """Segmented buttons for one of a few options, as a single keyboard stop.

    Arrow keys move the choice, a first letter picks (and cycles) matching options; when optional,
    clicking the chosen option again (or Backspace) clears it.
    """

    valueChanged = Signal(object)

    def __init__(
        self,
        options: Sequence[tuple[Any, str]],
        *,
        optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self._values: list[Any] = []
        self._buttons: list[QPushButton] = []
        self._value: Any = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)
        layout.setSpacing(4)
        self._layout = layout
        self.set_options(options)

    def set_options(self, options: Sequence[tuple[Any, str]]) -> None:
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._values, self._buttons = [], []
        for value, label in options:
            button = _button(label, "segment")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, v=value: self._clicked(v))
            self._layout.addWidget(button)
            self._values.append(value)
            self._buttons.append(button)
        self._layout.addStretch(1)
        previous, self._value = self._value, None
        self.setValue(previous if previous in self._values else None)

    def value(self) -> Any:
        return self._value

    def setValue(self, value: Any) -> None:
        if value not in self._values:
            value = None if self.optional or not self._values else self._values[0]
        for button, option in zip(self._buttons, self._values, strict=True):
            button.setChecked(option == value)
        if value != self._value:
            self._value = value
            label = self._label_of(value)
            self.setAccessibleDescription(label or "not given")
            self.valueChanged.emit(value)

    def _label_of(self, value: Any) -> str:
        for button, option in zip(self._buttons, self._values, strict=True):
            if option == value:
                return str(button.property("plainText"))
        return ""

    def _clicked(self, value: Any) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.setValue(None if self.optional and value == self._value else value)
        self._sync_buttons()  # a click flips a checkable button even when the value stays

    def _sync_buttons(self) -> None:
        for button, option in zip(self._buttons, self._values, strict=True):
            button.setChecked(option == self._value)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.hasFocus():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
        end = self._buttons[-1].geometry().right() + 3 if self._buttons else self.width()
        painter.drawRoundedRect(QRectF(1, 1, end - 1, self.height() - 2), 8, 8)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._values:
            event.ignore()
            return
        index = self._values.index(self._value) if self._value in self._values else -1
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.setValue(self._values[min(index + 1, len(self._values) - 1)])
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.setValue(self._values[max(index - 1, 0)])
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and self.optional:
            self.setValue(None)
        elif event.text().strip() and not _is_enter(event):
            self._pick_by_letter(event.text().lower(), index)
        else:
            event.ignore()

    def _pick_by_letter(self, letter: str, index: int) -> None:
        labels = [str(b.property("plainText")).lower() for b in self._buttons]
        order = list(range(index + 1, len(labels))) + list(range(index + 1))
        for i in order:
            if labels[i].startswith(letter):
                self.setValue(self._values[i])
                return


class ChipSet(QWidget):
    """Chips that wrap onto lines. Checkable chips are tags (many may be on); "pick" chips
    are suggestions that report the clicked text."""

    changed = Signal()
    picked = Signal(str)

    def __init__(
        self,
        suggestions: Sequence[str] = (),
        *,
        checkable: bool = True,
        focusable: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.checkable = checkable
        # Tag chips are keyboard stops; suggestion chips are a mouse shortcut for what the
        # completer of the line above already offers to the keyboard.
        self.focusable = checkable if focusable is None else focusable
        self._chips: dict[str, QPushButton] = {}
        self._flow = FlowLayout(self)
        for text in suggestions:
            self.add_chip(text)

    def add_chip(self, text: str, *, checked: bool = False) -> QPushButton:
        key = text.strip()
        existing = self._find(key)
        if existing is not None:
            existing.setChecked(checked or existing.isChecked())
            return existing
        chip = _button(key, "chip")
        chip.setCheckable(self.checkable)
        chip.setChecked(checked)
        chip.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if self.focusable else Qt.FocusPolicy.NoFocus
        )
        chip.setAccessibleName(key)
        if self.checkable:
            chip.toggled.connect(lambda _on: self.changed.emit())
        else:
            chip.clicked.connect(lambda _c=False, t=key: self.picked.emit(t))
        self._flow.addWidget(chip)
        self._chips[key] = chip
        return chip

    def _find(self, text: str) -> QPushButton | None:
        lowered = text.lower()
        return next((c for k, c in self._chips.items() if k.lower() == lowered), None)

    def chips(self) -> list[QPushButton]:
        return list(self._chips.values())

    def clear(self) -> None:
        for chip in self._chips.values():
            self._flow.removeWidget(chip)
            chip.deleteLater()
        self._chips.clear()

    def checked(self) -> tuple[str, ...]:
        return tuple(text for text, chip in self._chips.items() if chip.isChecked())

    def set_checked(self, texts: Sequence[str]) -> None:
        wanted = {t.strip().lower() for t in texts}
        for text, chip in self._chips.items():
            chip.setChecked(text.lower() in wanted)
        for text in texts:
            if self._find(text) is None:
                self.add_chip(text, checked=True)


class NoteEdit(QPlainTextEdit):
    """A text box where Tab moves on. With ``enter_saves`` Enter saves the form (Shift+Enter
    starts a new line); otherwise Enter is a new line and Ctrl+Enter saves."""

    def __init__(self, *, enter_saves: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enter_saves = enter_saves
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if _is_enter(event) and self.enter_saves and modifiers == Qt.KeyboardModifier.NoModifier:
            event.ignore()  # the dialog's default button takes it
            return
        if _is_enter(event) and modifiers & Qt.KeyboardModifier.ControlModifier:
            event.ignore()
            return
        if _is_enter(event) and modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)


def action_button(text: str, slot: Callable[[], object]) -> QPushButton:
    """A secondary button that never steals Enter from the Save button."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setDefault(False)
    button.clicked.connect(lambda _c=False: slot())
    return button
