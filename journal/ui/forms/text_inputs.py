"""The lines people type numbers and dates into: a number line that says what it refused
instead of dropping it, and a date line that reads any usual way of writing a date.

The rules themselves (what a number may hold, how a date is read) are plain Python in
``journal.domain.typed_input``; these widgets apply them as the user types and report.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta
from functools import lru_cache

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from journal.domain.text import format_number
from journal.domain.typed_input import (
    ENGLISH,
    DateNames,
    NumberShape,
    date_order,
    inserted_text,
    parse_date,
    refusal_sentence,
)
from journal.ui.icons import icon

# --- numbers -------------------------------------------------------------------------------


class _ShapeValidator(QValidator):
    """Refuses what the number's shape does not allow (Qt then keeps the text as it was)."""

    def __init__(self, edit: NumberEdit) -> None:
        super().__init__(edit)
        self.edit = edit

    def validate(self, text: str, pos: int) -> object:
        if self.edit.shape.broken_rule(text) is None:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Invalid, text, pos


class NumberEdit(QLineEdit):
    """A line for a number; empty means "not given".

    It takes digits and one decimal mark, the locale's ("4.5", or "4,5" where a comma is the
    decimal mark). A key, paste or drop it refuses is never dropped silently: ``noticeChanged``
    carries the sentence naming what was not added ("" once there is nothing to say), and
    the field shows it beside the input. Refusals add up while the user types, so "1e5x-3"
    leaves "153" and says that ‘e’, ‘x’ and ‘-’ were not added. Whether the value is
    plausible is the domain's call, shown beside it on saving.
    """

    noticeChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, whole: bool = False) -> None:
        super().__init__(parent)
        self.shape = NumberShape(decimal_mark=QLocale().decimalPoint(), whole=whole)
        self.setValidator(_ShapeValidator(self))
        self.setMaximumWidth(130)
        self._accepted = ""
        self._refused: list[str] = []
        self._notice = ""
        self.textChanged.connect(self._text_changed)
        self.inputRejected.connect(self._rejected)

    # --- the value -----------------------------------------------------------------------

    def number(self) -> float | None:
        """The typed number, None when empty; ValueError when it is only a decimal mark."""
        return self.shape.read(self.text())

    def set_number(self, value: float | None, decimals: int) -> None:
        """Show ``value`` (rounded to ``decimals``) with the locale's decimal mark."""
        shown = "" if value is None else format_number(value, decimals, grouping=False)
        self.setText(self.shape.show(shown))
        self.forget_refusals()

    def notice(self) -> str:
        """The sentence about what was refused, "" when nothing was."""
        return self._notice

    def forget_refusals(self) -> None:
        self._refused = []
        self._set_notice("")

    # --- what was typed ------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        self._accepted = text
        if not text:
            self.forget_refusals()

    def _rejected(self) -> None:
        # Qt calls this with the refused text still in place, before it puts the old one back.
        attempted = self.text()
        rule = self.shape.broken_rule(attempted)
        inserted = inserted_text(self._accepted, attempted)
        if rule is None or not inserted:
            return
        self._refused.append(inserted)
        self._set_notice(refusal_sentence(rule, self._refused))

    def _set_notice(self, text: str) -> None:
        if text == self._notice:
            return
        self._notice = text
        self.setAccessibleDescription(text)
        self.noticeChanged.emit(text)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Each visit starts afresh: what was refused last time has been seen by now.
        self.forget_refusals()
        super().focusInEvent(event)


# --- dates ---------------------------------------------------------------------------------

DATE_FORMAT = "ddd d MMM yyyy"
"""How a date line shows the day it understood: "Fri 15 Jun 2035" (in the locale's words)."""


@lru_cache(maxsize=8)
def _names_for(locale_name: str) -> DateNames:
    locale = QLocale(locale_name)
    long, short = QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat
    months = [
        (
            locale.monthName(m, long),
            locale.monthName(m, short),
            locale.standaloneMonthName(m, long),
            locale.standaloneMonthName(m, short),
        )
        for m in range(1, 13)
    ]
    weekdays = [(locale.dayName(d, long), locale.dayName(d, short)) for d in range(1, 8)]
    return ENGLISH.with_names(months, weekdays)


def locale_date_names() -> DateNames:
    """English names and the locale's, so what a date line shows reads back."""
    return _names_for(QLocale().name())


def locale_date_order() -> str:
    """ "dmy", "mdy" or "ymd", from the locale's short date format."""
    return date_order(QLocale().dateFormat(QLocale.FormatType.ShortFormat))


def show_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), DATE_FORMAT)


class _DateLine(QLineEdit):
    """Up and Down move the day; Alt+Down opens the calendar."""

    def __init__(self, owner: DateInput) -> None:
        super().__init__()
        self.owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_Down and alt:
            self.owner.open_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.owner.step(1 if key == Qt.Key.Key_Up else -1)
        else:
            super().keyPressEvent(event)


class DateInput(QWidget):
    """A day, typed in any usual form ("2035-06-15", "15 Jun 2035", "Fri 15 Jun 2035", the
    locale's "15/06/2035", "today") or picked from a calendar.

    What is typed is read when the user leaves the line or presses Enter, and then shown in
    one form ("Fri 15 Jun 2035"), so they see which day was understood. A text that is no
    date, a weekday that does not match, or a day the month does not have ("31 Feb") is
    reported through ``problem`` and left as typed: never replaced by a guess.
    """

    dateChanged = Signal(object)
    """The day (a ``datetime.date``) whenever it changes."""
    problem = Signal(str)
    """Why the text is not a date; "" once it reads as one again."""

    def __init__(self, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self._date = today or dt.date.today()
        self._problem = ""
        self.line = _DateLine(self)
        self.line.setMinimumWidth(170)
        self.line.setPlaceholderText("e.g. 15 Jun 2035")
        self.line.editingFinished.connect(self.commit)
        self.button = QToolButton()
        self.button.setIcon(icon("calendar"))
        self.button.setAutoRaise(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down opens it from the line
        self.button.setToolTip("Choose the day on a calendar (Alt+Down)")
        self.button.setAccessibleName("Choose the day on a calendar")
        self.button.clicked.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._calendar: QCalendarWidget | None = None
        self.line.setText(show_date(self._date))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    # --- the value -----------------------------------------------------------------------

    def date(self) -> dt.date:
        """The day the line holds; ValueError with the sentence to show when it holds none."""
        text = self.line.text().strip()
        if text == show_date(self._date):
            return self._date
        return parse_date(
            text, today=self._today(), order=locale_date_order(), names=locale_date_names()
        )

    def setDate(self, day: dt.date) -> None:
        self.line.setText(show_date(day))
        self._set_problem("")
        if day != self._date:
            self._date = day
            self.dateChanged.emit(day)

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    def commit(self) -> bool:
        """Read the text: show the day understood, or say why it is not a date."""
        try:
            day = self.date()
        except ValueError as error:
            self._set_problem(str(error))
            return False
        self.setDate(day)
        return True

    def step(self, days: int) -> None:
        if self.commit():
            self.setDate(self._date + timedelta(days=days))

    def _set_problem(self, message: str) -> None:
        if message != self._problem:
            self._problem = message
            self.problem.emit(message)

    # --- the calendar ----------------------------------------------------------------------

    def open_calendar(self) -> None:
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlag(Qt.WindowType.Popup)
            calendar.setGridVisible(False)
            calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            calendar.setMinimumSize(320, 240)  # big enough to hit a day on a bad day
            calendar.clicked.connect(self._picked)
            calendar.activated.connect(self._picked)
            self._calendar = calendar
        self.commit()
        calendar = self._calendar
        calendar.setSelectedDate(QDate(self._date.year, self._date.month, self._date.day))
        calendar.adjustSize()
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self.setDate(dt.date(day.year(), day.month(), day.day()))
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)


__all__ = ["DATE_FORMAT", "DateInput", "NumberEdit", "show_date"]
