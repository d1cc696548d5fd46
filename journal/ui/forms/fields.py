"""Form fields: each binds one attribute of an entry (or flare, medication, tracker) to an input
widget, converts between what is typed and what is stored, and shows its own error message."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, tzinfo
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from journal.domain.text import (
    format_clock,
    format_number,
    parse_time_of_day,
    parse_times_of_day,
)
from journal.domain.units import TimeFormat, UnitPreferences
from journal.ui.forms.inputs import (
    ChipSet,
    ChoiceRow,
    NoteEdit,
    ScaleInput,
    action_button,
)
from journal.ui.forms.text_inputs import DateInput, NumberEdit

Values = dict[str, Any]


def entry_values(record: Any) -> dict[str, Any]:
    """A record's (entry, flare, medication ...) attributes by name, as a form loads them."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


class InputError(ValueError):
    """What the user typed cannot be read (as opposed to a domain rule it breaks)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _row(*widgets: QWidget, stretch: bool = True) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return box


def muted_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    return label


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def qt_time_format(units: UnitPreferences) -> str:
    return "HH:mm" if units.time_format is TimeFormat.H24 else "h:mm AP"


def inline_completer(words: Sequence[str], parent: QWidget) -> QCompleter:
    """Completes the word being typed in place (the rest selected: Tab keeps it, typing
    replaces it). A popup would take the first Enter just to close itself."""
    completer = QCompleter(sorted(set(words), key=str.lower), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
    return completer


class Field:
    """One labelled input bound to the attribute ``name``.

    Subclasses build the editor and convert values; the base lays out the editor with a
    notice line (what an input refused), a hint and an error line beneath it, so a message
    always appears right at its field.
    """

    def __init__(self, name: str, label: str, *, optional: bool = False, hint: str = "") -> None:
        self._has_error = False
        self._error_sink: Callable[[str], None] | None = None
        self.name = name
        self.label = label
        self.optional = optional
        self.editor = self.build()
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.notice_label = QLabel()
        self.notice_label.setObjectName("fieldNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        self._notice_sink: Callable[[str], None] = self._show_own_notice
        self.container = QWidget()
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.editor)
        layout.addWidget(self.notice_label)
        if hint:
            hint_label = muted_label(hint)
            hint_label.setWordWrap(True)
            layout.addWidget(hint_label)
        layout.addWidget(self.error_label)
        self.focus_widget().setAccessibleName(label)

    # --- what subclasses provide -------------------------------------------------------

    def build(self) -> QWidget:
        raise NotImplementedError

    def get(self) -> Any:
        raise NotImplementedError

    def set(self, value: Any) -> None:
        raise NotImplementedError

    def connect_edited(self, slot: Callable[[], None]) -> None:
        """Call ``slot`` whenever the user changes the value (clears a stale error)."""

    # --- shared behaviour --------------------------------------------------------------

    def focus_widget(self) -> QWidget:
        return self.editor

    def focus_chain(self) -> list[QWidget]:
        return [self.focus_widget()]

    def align_captions(self) -> None:
        """Line up labels inside the field (a row of fields); called once styles apply."""

    def error_names(self) -> tuple[str, ...]:
        return (self.name,)

    def rows(self) -> list[tuple[str | None, QWidget]]:
        return [(self.label, self.container)]

    def label_height(self) -> int:
        """The height of the input's first line, on which the label is centred."""
        return self.focus_widget().sizeHint().height()

    def load(self, values: Mapping[str, Any]) -> None:
        if self.name in values:
            self.set(values[self.name])

    def store(self, values: Values) -> None:
        values[self.name] = self.get()

    def show_error_for(self, name: str, message: str) -> None:
        """Show the message the journal gave for attribute ``name`` (one of error_names)."""
        self.show_error(message)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self._has_error = True
        if self._error_sink is None:
            self.error_label.show()
        else:
            self._error_sink(message)
        target = self.focus_widget()
        target.setProperty("invalid", True)
        target.setAccessibleDescription(message)
        repolish(target)

    def clear_error(self) -> None:
        if not self._has_error:
            return
        self._has_error = False
        self.error_label.hide()
        if self._error_sink is not None:
            self._error_sink("")
        target = self.focus_widget()
        target.setProperty("invalid", False)
        target.setAccessibleDescription("")
        repolish(target)

    def route_errors(self, sink: Callable[[str], None]) -> None:
        """Show this field's messages elsewhere (a row of fields shows them under the row);
        its input is still the one marked."""
        self._error_sink = sink

    def show_notice(self, message: str) -> None:
        """Say what an input refused ("" hides it). Not an error: it does not stop saving,
        and what is shown is what is saved."""
        self._notice_sink(message)

    def route_notices(self, sink: Callable[[str], None]) -> None:
        """Show this field's notices elsewhere (a row of fields shows them under the row)."""
        self._notice_sink = sink

    def _show_own_notice(self, message: str) -> None:
        self.notice_label.setText(message)
        self.notice_label.setVisible(bool(message))


class TextField(Field):
    def __init__(
        self,
        name: str,
        label: str,
        *,
        placeholder: str = "",
        completions: Sequence[str] = (),
        optional: bool = False,
        hint: str = "",
        missing: str = "",
    ) -> None:
        self._placeholder, self._completions, self._missing = placeholder, completions, missing
        super().__init__(name, label, optional=optional, hint=hint)

    def build(self) -> QWidget:
        self.line = QLineEdit()
        self.line.setPlaceholderText(self._placeholder)
        self.line.setMinimumWidth(320)
        if self._completions:
            self.line.setCompleter(inline_completer(self._completions, self.line))
        return self.line

    def get(self) -> str:
        text = self.line.text().strip()
        if not text and self._missing:
            raise InputError(self.name, self._missing)
        return text

    def set(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.line.textEdited.connect(lambda _t: slot())


class SuggestTextField(TextField):
    """A line of text with suggestion chips beneath: a click fills the line."""

    def __init__(self, name: str, label: str, suggestions: Sequence[str], **kwargs: Any) -> None:
        self._suggestions = suggestions
        super().__init__(name, label, completions=suggestions, **kwargs)

    def build(self) -> QWidget:
        line = super().build()
        self.chips = ChipSet(self._suggestions, checkable=False)
        self.chips.picked.connect(self._pick)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(line)
        layout.addWidget(self.chips)
        return box

    def _pick(self, text: str) -> None:
        self.line.setText(text)
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)
        self.line.textEdited.emit(text)

    def focus_widget(self) -> QWidget:
        return self.line


class NumberField(Field):
    """A number, with its unit shown after it. ``to_storage``/``from_storage`` convert from and to
    the stored unit (e.g. mmol/L typed, mg/dL stored)."""

    def __init__(
        self,
        name: str,
        label: str,
        *,
        unit: str = "",
        optional: bool = False,
        whole: bool = False,
        decimals: int = 1,
        hint: str = "",
        missing: str = "Enter a number.",
        to_storage: Callable[[float], float] | None = None,
        from_storage: Callable[[float], float] | None = None,
    ) -> None:
        self._unit, self.whole, self.decimals, self._missing = unit, whole, decimals, missing
        self.to_storage = to_storage or (lambda v: v)
        self.from_storage = from_storage or (lambda v: v)
        self._loaded: tuple[str, float | int] | None = None
        """The text shown for a loaded value, and that value as stored."""
        super().__init__(name, label, optional=optional, hint=hint)

    def build(self) -> QWidget:
        self.line = NumberEdit(whole=self.whole)
        self.line.setPlaceholderText("optional" if self.optional else "")
        self.line.noticeChanged.connect(self.show_notice)
        self.unit_label = muted_label(self._unit)
        return _row(self.line, self.unit_label)

    def focus_widget(self) -> QWidget:
        return self.line

    def set_unit(self, unit: str) -> None:
        self.unit_label.setText(unit)
        self._loaded = None  # the value now means another unit

    def get(self) -> float | int | None:
        if self._loaded is not None and self.line.text() == self._loaded[0]:
            # Shown in another unit and not touched: keep the stored value exactly, rather
            # than the rounded text converted back (5.6 mmol/L is not 100 mg/dL).
            return self._loaded[1]
        try:
            number = self.line.number()
        except ValueError:
            example = self.line.shape.example
            raise InputError(self.name, f"Enter a number, for example {example}.") from None
        if number is None:
            if self.optional:
                return None
            raise InputError(self.name, self._missing)
        if self.whole:
            if number != int(number):
                raise InputError(self.name, "Enter a whole number.")
            return round(self.to_storage(number))
        return self.to_storage(number)

    def set(self, value: Any) -> None:
        self._loaded = None
        if value is None:
            self.line.clear()
            return
        shown = self.from_storage(float(value))
        self.line.set_number(shown, 0 if self.whole else self.decimals)
        self._loaded = (self.line.text(), value)

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.line.textEdited.connect(lambda _t: slot())


class ScaleField(Field):
    """A 0-10 (or 1-7 ...) rating; "not rated" unless touched when optional."""

    def __init__(
        self,
        name: str,
        label: str,
        *,
        low: int = 0,
        high: int = 10,
        optional: bool = True,
        hint: str = "",
        describe: Callable[[int], str] | None = None,
        missing: str = "",
    ) -> None:
        self._low, self._high = low, high
        self._describe = describe
        self._missing = missing or f"Choose a number from {low} to {high}."
        super().__init__(name, label, optional=optional, hint=hint)

    def build(self) -> QWidget:
        # Even a required rating starts unrated, so nothing is logged that was not chosen.
        self.scale = ScaleInput(self._low, self._high, optional=True)
        self.state = muted_label()
        self.scale.valueChanged.connect(self._show_state)
        self._show_state(None)
        return _row(self.scale, self.state)

    def _show_state(self, value: int | None) -> None:
        if value is None:
            self.state.setText("not rated")
        else:
            self.state.setText(self._describe(value) if self._describe else "")

    def focus_widget(self) -> QWidget:
        return self.scale

    def get(self) -> int | None:
        value = self.scale.value()
        if value is None and not self.optional:
            raise InputError(self.name, self._missing)
        return value

    def set(self, value: Any) -> None:
        self.scale.setValue(None if value is None else int(value))

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.scale.valueChanged.connect(lambda _v: slot())


class ChoiceField(Field):
    """One of a few options as segmented buttons."""

    def __init__(
        self,
        name: str,
        label: str,
        options: Sequence[tuple[Any, str]],
        *,
        optional: bool = False,
        hint: str = "",
    ) -> None:
        self._options = options
        super().__init__(name, label, optional=optional, hint=hint)

    def build(self) -> QWidget:
        self.choice = ChoiceRow(self._options, optional=self.optional)
        return self.choice

    def get(self) -> Any:
        return self.choice.value()

    def set(self, value: Any) -> None:
        self.choice.setValue(value)

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.choice.valueChanged.connect(lambda _v: slot())


@dataclass(frozen=True)
class ListManager:
    """The button beside a chooser that edits its list ("Manage list…") and returns the new
    options. ``when_empty`` gives, when there is nothing to choose, the sentence that says
    why and what the button then reads ("Add a medication…")."""

    text: str
    action: Callable[[], Sequence[tuple[Any, str]]]
    when_empty: Callable[[], tuple[str, str]] | None = None


class ComboField(Field):
    """A choice from a longer or changing list (medications, trackers, lab tests).

    ``manage`` adds a button (e.g. "Manage list…") beside the list that edits it. When the
    list is empty the field says so plainly in place of an empty box, and the button to add
    the first item takes the keyboard.
    """

    def __init__(
        self,
        name: str,
        label: str,
        options: Sequence[tuple[Any, str]],
        *,
        missing: str = "Choose one.",
        manage: ListManager | None = None,
        optional: bool = False,
        hint: str = "",
    ) -> None:
        self._initial, self._missing, self._manage = options, missing, manage
        super().__init__(name, label, optional=optional, hint=hint)

    def build(self) -> QWidget:
        self.combo = QComboBox()
        self.combo.setMinimumWidth(280)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyList")
        self.empty_label.hide()
        if self._manage is None:
            self.set_options(self._initial)
            return _row(self.combo)
        self.manage_button = action_button(self._manage.text, self._run_manager)
        self.set_options(self._initial)
        return _row(self.combo, self.empty_label, self.manage_button)

    def _run_manager(self) -> None:
        assert self._manage is not None
        was_empty = self.is_empty()
        self.set_options(self._manage.action())
        if was_empty and not self.is_empty():
            self.combo.setFocus(Qt.FocusReason.OtherFocusReason)  # the list is there now

    def is_empty(self) -> bool:
        return not getattr(self, "values", [])

    def set_options(self, options: Sequence[tuple[Any, str]]) -> None:
        # Values stay in Python: Qt would turn a datetime.time item data into a QTime.
        current = self.current()
        self.values = [value for value, _label in options]
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems([label for _value, label in options])
        self.combo.blockSignals(False)
        index = self.values.index(current) if current in self.values else 0
        self.combo.setCurrentIndex(index if options else -1)
        self._show_emptiness()
        self.combo.currentIndexChanged.emit(self.combo.currentIndex())

    def _show_emptiness(self) -> None:
        manage = self._manage
        if manage is None or manage.when_empty is None:
            return
        empty = self.is_empty()
        sentence, button = manage.when_empty() if empty else ("", manage.text)
        self.combo.setVisible(not empty)
        self.empty_label.setText(sentence)
        self.empty_label.setVisible(empty)
        self.manage_button.setText(button)

    def current(self) -> Any:
        index = self.combo.currentIndex()
        values: list[Any] = getattr(self, "values", [])
        return values[index] if 0 <= index < len(values) else None

    def focus_widget(self) -> QWidget:
        if self._manage is not None and self._manage.when_empty and self.is_empty():
            return self.manage_button  # the one thing to do with an empty list
        return self.combo

    def focus_chain(self) -> list[QWidget]:
        # In the order they are seen: the list, then the button beside it.
        return [self.combo, self.manage_button] if self._manage else [self.combo]

    def get(self) -> Any:
        value = self.current()
        if value is None and not self.optional:
            raise InputError(self.name, self._missing)
        return value

    def set(self, value: Any) -> None:
        if value in self.values:
            self.combo.setCurrentIndex(self.values.index(value))

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.combo.activated.connect(lambda _i: slot())


class _TagLine(QLineEdit):
    """The "add a tag" line: Enter adds the typed tag instead of saving the form."""

    def __init__(self, add: Callable[[str], object]) -> None:
        super().__init__()
        self._add = add

    def keyPressEvent(self, event: Any) -> None:
        is_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if is_enter and self.text().strip():
            self._add(self.text())
            self.clear()
            return
        super().keyPressEvent(event)


class TagsField(Field):
    """Suggested tags as chips to switch on, plus the user's own tags typed below."""

    def __init__(
        self,
        name: str,
        label: str,
        *,
        suggestions: Sequence[str] = (),
        completions: Sequence[str] = (),
        placeholder: str = "Add your own tag and press Enter",
        hint: str = "",
    ) -> None:
        self._suggestions, self._completions, self._placeholder = (
            suggestions,
            completions,
            placeholder,
        )
        super().__init__(name, label, optional=True, hint=hint)

    def build(self) -> QWidget:
        self.chips = ChipSet(self._suggestions)
        self.line = _TagLine(lambda text: self.chips.add_chip(text, checked=True))
        self.line.setPlaceholderText(self._placeholder)
        self.line.setAccessibleName(f"{self.label}: add your own")
        self.line.setMaximumWidth(360)
        if self._completions:
            self.line.setCompleter(inline_completer(self._completions, self.line))
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.chips)
        layout.addWidget(self.line)
        return box

    def focus_widget(self) -> QWidget:
        return self.line

    def label_height(self) -> int:
        chips = self.chips.chips()
        return chips[0].sizeHint().height() if chips else self.line.sizeHint().height()

    def focus_chain(self) -> list[QWidget]:
        return [*self.chips.chips(), self.line]

    def get(self) -> tuple[str, ...]:
        pending = self.line.text().strip()  # typed but not yet added: keep it, don't lose it
        tags = list(self.chips.checked())
        if pending and pending.lower() not in {t.lower() for t in tags}:
            tags.append(pending)
        return tuple(tags)

    def set(self, value: Any) -> None:
        self.chips.set_checked(tuple(value or ()))
        self.line.clear()

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.chips.changed.connect(slot)


class NoteField(Field):
    def __init__(
        self,
        name: str = "note",
        label: str = "Note",
        *,
        big: bool = False,
        placeholder: str = "optional",
        missing: str = "",
    ) -> None:
        self._big, self._placeholder, self._missing = big, placeholder, missing
        super().__init__(name, label, optional=not missing)

    def label_height(self) -> int:
        return self.text.fontMetrics().height() + 16

    def build(self) -> QWidget:
        self.text = NoteEdit(enter_saves=not self._big)
        self.text.setPlaceholderText(self._placeholder)
        if self._big:
            self.text.setMinimumSize(520, 260)
        else:
            self.text.setFixedHeight(60)  # two and a half lines: a quick remark
        return self.text

    def get(self) -> str:
        text = self.text.toPlainText().strip()
        if not text and self._missing:
            raise InputError(self.name, self._missing)
        return text

    def set(self, value: Any) -> None:
        self.text.setPlainText(value or "")

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.text.textChanged.connect(slot)


class CheckField(Field):
    """A yes/no box; ``invert`` stores the opposite (a "Paused" box for ``active``)."""

    def __init__(self, name: str, label: str, text: str, *, invert: bool = False) -> None:
        self._text, self._invert = text, invert
        super().__init__(name, label, optional=True)

    def build(self) -> QWidget:
        self.box = QCheckBox(self._text)
        return self.box

    def get(self) -> bool:
        return self.box.isChecked() != self._invert

    def set(self, value: Any) -> None:
        self.box.setChecked(bool(value) != self._invert)

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.box.toggled.connect(lambda _on: slot())


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def date_edit(today: date | None = None) -> DateInput:
    """A line for a day that reads "15 Jun 2035", "2035-06-15", "Fri 15 Jun 2035" ..."""
    return DateInput(today)


class DateField(Field):
    """A day; a text that is no date (or names the wrong weekday) is said to be wrong at
    once, and the form does not save until it is put right."""

    def __init__(self, name: str, label: str, *, today: date | None = None, **kwargs: Any) -> None:
        self.today = today
        super().__init__(name, label, **kwargs)

    def build(self) -> QWidget:
        self.date_edit = date_edit(self.today)
        self.date_edit.problem.connect(self._problem)
        return _row(self.date_edit)

    def _problem(self, message: str) -> None:
        if message:
            self.show_error(message)
        else:
            self.clear_error()

    def focus_widget(self) -> QWidget:
        return self.date_edit.line

    def get(self) -> date:
        try:
            return self.date_edit.date()
        except ValueError as error:
            raise InputError(self.name, str(error)) from None

    def set(self, value: Any) -> None:
        self.date_edit.setDate(value)

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.date_edit.dateChanged.connect(lambda _d: slot())


class TimeTextField(Field):
    """A time of day typed as text ("23:30", "11:30 pm"); empty is "not given" when optional."""

    def __init__(self, name: str, label: str, units: UnitPreferences, **kwargs: Any) -> None:
        self.units = units
        super().__init__(name, label, **kwargs)

    def build(self) -> QWidget:
        self.line = QLineEdit()
        example = "23:00" if self.units.time_format is TimeFormat.H24 else "11:00 pm"
        self.line.setPlaceholderText(f"optional, e.g. {example}" if self.optional else example)
        self.line.setMaximumWidth(200)
        return _row(self.line)

    def focus_widget(self) -> QWidget:
        return self.line

    def get(self) -> time | None:
        text = self.line.text().strip()
        if not text:
            if self.optional:
                return None
            raise InputError(self.name, "Enter a time.")
        try:
            return parse_time_of_day(text)
        except ValueError:
            raise InputError(self.name, "Enter a time such as 23:00 or 11 pm.") from None

    def set(self, value: Any) -> None:
        if isinstance(value, datetime):
            value = value.time()
        self.line.setText("" if value is None else format_clock(value, self.units))

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.line.textEdited.connect(lambda _t: slot())


class TimeListField(TimeTextField):
    """Times of day, comma separated ("08:00, 20:00"), for a medication's schedule."""

    def build(self) -> QWidget:
        row = super().build()
        self.line.setMaximumWidth(320)
        example = "08:00, 20:00" if self.units.time_format is TimeFormat.H24 else "8 am, 8 pm"
        self.line.setPlaceholderText(f"e.g. {example}")
        return row

    def get(self) -> tuple[time, ...]:  # type: ignore[override]
        try:
            return parse_times_of_day(self.line.text())
        except ValueError as exc:
            raise InputError(
                self.name, f"{exc} Separate times with commas, such as 08:00, 20:00."
            ) from None

    def set(self, value: Any) -> None:
        self.line.setText(", ".join(format_clock(t, self.units) for t in value or ()))


class MomentField(Field):
    """The date and time of an entry, in the time zone it was (or is being) logged in."""

    def __init__(
        self,
        units: UnitPreferences,
        zone: tzinfo,
        label: str = "When",
        localize: Callable[[datetime], datetime] | None = None,
        today: date | None = None,
    ) -> None:
        """``localize`` (for new entries) gives a typed date and time the user's offset on
        that date; without it (editing) the entry keeps the offset it was logged in.
        ``today`` is the day "today" and a date typed without its year refer to."""
        self.units, self.zone, self.localize, self.today = units, zone, localize, today
        super().__init__("at", label)

    def build(self) -> QWidget:
        self.date_edit = date_edit(self.today)
        self.date_edit.setAccessibleName(f"{self.label}: date")
        self.date_edit.problem.connect(
            lambda message: self.show_error(message) if message else self.clear_error()
        )
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat(qt_time_format(self.units))
        # Arrow keys and typing change it; spin buttons would only be small targets.
        self.time_edit.setButtonSymbols(QTimeEdit.ButtonSymbols.NoButtons)
        self.time_edit.setAccessibleName(f"{self.label}: time")
        self.time_edit.setMinimumWidth(110)
        row = _row(self.date_edit, self.time_edit, stretch=False)
        row.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return row

    def focus_widget(self) -> QWidget:
        return self.date_edit.line

    def focus_chain(self) -> list[QWidget]:
        return [self.date_edit.line, self.time_edit]

    def get(self) -> datetime:
        clock = self.time_edit.time()
        moment = time(clock.hour(), clock.minute())
        try:
            day = self.date_edit.date()
        except ValueError as error:
            raise InputError(self.name, str(error)) from None
        wall = datetime.combine(day, moment)
        if self.localize is not None:
            return self.localize(wall)
        return wall.replace(tzinfo=self.zone)

    def set(self, value: Any) -> None:
        assert isinstance(value, datetime)
        if value.tzinfo is not None:
            self.zone = value.tzinfo
        self.date_edit.setDate(value.date())
        self.time_edit.setTime(QTime(value.hour, value.minute))

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.date_edit.dateChanged.connect(lambda _d: slot())
        self.time_edit.timeChanged.connect(lambda _t: slot())


class FieldGroup(Field):
    """Several short fields on one line under one label ("Also: sugar, fibre, protein"), each
    with its own caption and its own message."""

    def __init__(self, label: str, members: Sequence[Field]) -> None:
        self.members = list(members)
        super().__init__("+".join(m.name for m in self.members), label, optional=True)
        for member in self.members:  # the line's label names the line, not its first input
            member.focus_widget().setAccessibleName(member.label)
        # What a member refused is said once, under the whole line, where there is room.
        self._notices: dict[str, str] = {}
        for member in self.members:
            member.route_notices(partial(self._member_notice, member.name))

    def _member_notice(self, name: str, message: str) -> None:
        self._notices[name] = message
        self.show_notice(" ".join(text for text in self._notices.values() if text))

    def build(self) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        for member in self.members:
            column = QVBoxLayout()
            column.setSpacing(2)
            caption = muted_label(member.label)
            caption.setBuddy(member.focus_widget())
            self._caption = caption
            column.addWidget(caption)
            column.addWidget(member.container)
            layout.addLayout(column)
        layout.addStretch(1)
        return box

    def focus_widget(self) -> QWidget:
        return self.members[0].focus_widget()

    def focus_chain(self) -> list[QWidget]:
        return [w for m in self.members for w in m.focus_chain()]

    def error_names(self) -> tuple[str, ...]:
        return tuple(n for m in self.members for n in m.error_names())

    def label_height(self) -> int:
        caption = self._caption.sizeHint().height() + 2
        return 2 * caption + self.members[0].label_height()

    def member_for(self, name: str) -> Field:
        return next(m for m in self.members if name in m.error_names())

    def show_error_for(self, name: str, message: str) -> None:
        self.member_for(name).show_error_for(name, message)

    def clear_error(self) -> None:
        for member in self.members:
            member.clear_error()

    def load(self, values: Mapping[str, Any]) -> None:
        for member in self.members:
            member.load(values)

    def store(self, values: Values) -> None:
        errors: list[InputError] = []
        for member in self.members:
            try:
                member.store(values)
            except InputError as error:
                errors.append(error)
        if errors:
            raise errors[0]

    def member(self, name: str) -> Field:
        return next(m for m in self.members if m.name == name)

    def get(self) -> Any:
        return None

    def set(self, value: Any) -> None:
        pass

    def connect_edited(self, slot: Callable[[], None]) -> None:
        for member in self.members:
            member.connect_edited(member.clear_error)


class FieldRow(FieldGroup):
    """Short fields side by side on one line: the first under the row's label, each other
    one after its own caption ("Duration [30] minutes   Steps [4000]")."""

    def __init__(
        self,
        members: Sequence[Field],
        *,
        label: str = "",
        wide_first: bool = False,
        captions: bool = True,
    ) -> None:
        """``captions=False`` when the others say what they are themselves ("Still going")."""
        self._wide_first, self._show_captions = wide_first, captions
        self._captions: list[tuple[QLabel, Field]] = []
        super().__init__(label or members[0].label, members)
        # Side by side each member is narrow: its message goes under the whole row.
        self._errors: dict[str, str] = {}
        for member in self.members:
            member.route_errors(partial(self._member_error, member.name))

    def _member_error(self, name: str, message: str) -> None:
        self._errors[name] = message
        shown = " ".join(text for text in self._errors.values() if text)
        self.error_label.setText(shown)
        self.error_label.setVisible(bool(shown))

    def build(self) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        top = Qt.AlignmentFlag.AlignTop
        for number, member in enumerate(self.members):
            if number:
                layout.addSpacing(14)
            if number and self._show_captions:
                caption = QLabel(member.label)
                caption.setObjectName("fieldLabel")
                caption.setBuddy(member.focus_widget())
                layout.addWidget(caption, 0, top)
                self._captions.append((caption, member))
            stretch = 1 if number == 0 and self._wide_first else 0
            layout.addWidget(member.container, stretch, top)
        if not self._wide_first:
            layout.addStretch(1)
        return box

    def label_height(self) -> int:
        return self.members[0].label_height()

    def align_captions(self) -> None:
        for caption, member in self._captions:
            caption.setFixedHeight(max(member.label_height(), caption.sizeHint().height()))
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def make_scale_field(
    name: str,
    label: str,
    low_word: str,
    high_word: str,
    *,
    optional: bool = True,
    missing: str = "",
) -> ScaleField:
    """A 0-10 rating whose ends are named ("0 calm · 10 overwhelmed")."""
    return ScaleField(
        name,
        label,
        optional=optional,
        hint=f"0 = {low_word}, 10 = {high_word}",
        missing=missing,
    )


__all__ = [
    "ChoiceField",
    "ComboField",
    "DateField",
    "Field",
    "InputError",
    "ListManager",
    "MomentField",
    "NoteField",
    "NumberField",
    "ScaleField",
    "SuggestTextField",
    "TagsField",
    "TextField",
    "TimeListField",
    "TimeTextField",
    "Values",
    "entry_values",
    "format_clock",
    "format_number",
    "make_scale_field",
    "parse_time_of_day",
]
