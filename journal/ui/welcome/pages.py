"""The steps of the welcome: a greeting, conditions, units, medications, reminders, and a last
look at what Finish will do. Each step only collects; the dialog applies it all at the end."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.domain.conditions import CONDITION_SPECS, Condition, flare_conditions, symptoms_for
from journal.domain.entries import Medication, Tracker
from journal.domain.reminders import ReminderAction
from journal.domain.text import format_clock, parse_times_of_day
from journal.domain.units import GlucoseUnit, TimeFormat, UnitPreferences, WeightUnit
from journal.services.profile import Profile, SetupPlan, make_profile
from journal.ui.forms.fields import qt_time_format
from journal.ui.forms.inputs import ChoiceRow, action_button
from journal.ui.forms.theme import title_label
from journal.ui.icons import icon_pixmap

MORNING_GLUCOSE = time(7, 30)
NAME_COLUMN = 110  # the names' column of the summary cards, so both line up
EVENING_CHECK_IN = time(21, 0)


def _wrapped(text: str = "", name: str = "muted") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _card(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("welcomeCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(6)
    return frame, layout


def _listing(words: Sequence[str]) -> str:
    return ", ".join(words) if words else "—"


class WelcomeStep(QWidget):
    """One step: a heading, a line saying what it is for, then its own content."""

    name = ""
    """The step's word in the step indicator."""

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        # Made inside the dialog, so its style sheet applies from the first polish.
        super().__init__(parent)
        self.setObjectName(f"welcome{self.name.capitalize() or 'Intro'}Step")
        self.heading = title_label(title, self.font())
        self.subtitle = _wrapped(subtitle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addSpacing(10)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        layout.addLayout(self.body)
        layout.addStretch(1)

    def first_focus(self) -> QWidget:
        return self

    def leave(self) -> bool:
        """Before moving on: False (with a message shown) when something typed is not right."""
        return True


# --- the greeting ---------------------------------------------------------------------------


class IntroStep(WelcomeStep):
    """What Interplay is, and the two ways to begin: set up, or look around a demo."""

    setup_chosen = Signal()
    demo_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Welcome to {APP_NAME}",
            "A private journal for living with insulin resistance and autoimmune conditions: "
            "meals, activity, sleep, stress, glucose, medications and flares, side by side. "
            "Everything stays on this computer, with no account and no cloud.",
            parent,
        )
        self.art = QLabel()
        self.art.setPixmap(icon_pixmap("interplay", 72))
        self.art.setAccessibleName(APP_NAME)
        self.layout().insertWidget(0, self.art)  # type: ignore[union-attr]
        self.setup_button = QPushButton("Set up my journal")
        self.setup_button.setObjectName("saveButton")
        self.setup_button.setAutoDefault(False)
        self.setup_button.clicked.connect(self.setup_chosen)
        setup_text = _wrapped(
            "Four short questions: your conditions, units, medications and reminders. "
            "Skip any of them; Help > Welcome and setup brings this back later."
        )
        self.demo_button = action_button("Explore with demo data", self.demo_chosen.emit)
        self.demo_button.setObjectName("demoButton")
        demo_text = _wrapped(
            "Opens a separate journal, in a new window, filled with two years of made-up "
            "days. Your own journal stays as it is; the demo is deleted when you close it."
        )
        for button, text in ((self.setup_button, setup_text), (self.demo_button, demo_text)):
            card, layout = _card(self)
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
            layout.addWidget(text)
            self.body.addWidget(card)
        self.body.addWidget(
            _wrapped(
                f"{APP_NAME} shows your own data, trends and associations with their "
                "uncertainty. It does not diagnose and does not give medical advice."
            )
        )

    def first_focus(self) -> QWidget:
        return self.setup_button


# --- conditions ---------------------------------------------------------------------------


class ConditionsStep(WelcomeStep):
    """Checkboxes for the conditions, and what they set up, shown as they are chosen."""

    name = "conditions"
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(
            "Which conditions do you live with?",
            "Choose any that apply: they decide the symptoms the check-in offers, what a new "
            "flare is of, and the trackers suggested. Nothing leaves this computer.",
            parent,
        )
        self.services = services
        self.boxes: dict[Condition, QCheckBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        columns = 2
        for index, spec in enumerate(CONDITION_SPECS):
            box = QCheckBox(spec.label)
            box.setObjectName("conditionTile")
            box.toggled.connect(self._on_change)
            self.boxes[spec.condition] = box
            grid.addWidget(box, index // columns, index % columns)
        self.other_box = QCheckBox("Other:")
        self.other_box.setObjectName("conditionTile")
        self.other_box.setAccessibleName("Other condition")
        self.other_line = QLineEdit()
        self.other_line.setPlaceholderText("your own words, e.g. Sjögren's, gout")
        self.other_line.setAccessibleName("Other conditions, separated by commas")
        self.other_line.textEdited.connect(self._on_other_typed)
        self.other_box.toggled.connect(self._on_change)
        other = QHBoxLayout()
        other.setSpacing(8)
        other.addWidget(self.other_box)
        other.addWidget(self.other_line, 1)
        row = len(CONDITION_SPECS) // columns
        grid.addLayout(other, row, 0, 1, columns)
        self.body.addLayout(grid)

        card, layout = _card(self)
        facts = QGridLayout()
        facts.setHorizontalSpacing(18)
        facts.setVerticalSpacing(6)
        facts.setColumnStretch(1, 1)
        self.symptoms_label = _wrapped(name="welcomeFact")
        # Room for two lines: the list grows as conditions are chosen, the dialog must not.
        self.symptoms_label.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 2)
        self.symptoms_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.flare_label = _wrapped(name="welcomeFact")
        self.trackers_box = QGridLayout()
        self.trackers_box.setHorizontalSpacing(16)
        self.trackers_box.setVerticalSpacing(4)
        self.no_trackers = _wrapped("none for these; add your own any time in Log > Your trackers")
        trackers = QVBoxLayout()
        trackers.setContentsMargins(0, 0, 0, 0)
        trackers.setSpacing(0)
        trackers.addLayout(self.trackers_box)
        trackers.addWidget(self.no_trackers)
        trackers.addStretch(1)
        trackers_room = QWidget()
        trackers_room.setLayout(trackers)
        trackers_room.setMinimumHeight(2 * (self.fontMetrics().height() + 10))
        for row, (name, value) in enumerate(
            (
                ("Check-in offers", self.symptoms_label),
                ("New flares", self.flare_label),
                ("Trackers to add", trackers_room),
            )
        ):
            label = QLabel(name)
            label.setObjectName("summaryName")
            facts.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(value, row, 1)
        layout.addLayout(facts)
        self.tracker_boxes: dict[str, tuple[QCheckBox, Tracker]] = {}
        self._declined: set[str] = set()
        self.body.addWidget(card)
        self._on_change()

    def load(self, profile: Profile) -> None:
        for condition, box in self.boxes.items():
            box.setChecked(condition in profile.conditions)
        self.other_line.setText(", ".join(profile.others))
        self.other_box.setChecked(bool(profile.others))
        self._on_change()

    def chosen(self) -> list[Condition]:
        return [c for c, box in self.boxes.items() if box.isChecked()]

    def profile(self) -> Profile:
        other = self.other_line.text() if self.other_box.isChecked() else ""
        return make_profile(self.chosen(), other)

    def trackers(self) -> tuple[Tracker, ...]:
        return tuple(t for box, t in self.tracker_boxes.values() if box.isChecked())

    def first_focus(self) -> QWidget:
        return next(iter(self.boxes.values()))

    def _on_other_typed(self, text: str) -> None:
        self.other_box.setChecked(bool(text.strip()))
        self._on_change()  # the flare default follows the words as they are typed

    def _on_change(self) -> None:
        profile = self.profile()
        symptoms = symptoms_for(profile.conditions)
        self.symptoms_label.setText(_listing(symptoms))
        flares = flare_conditions(profile.conditions, profile.others)
        self.flare_label.setText(f"start as {flares[0]}" if flares else "you name each one")
        self._show_trackers()
        self.changed.emit()

    def _show_trackers(self) -> None:
        for name, (box, _tracker) in self.tracker_boxes.items():
            if not box.isChecked():
                self._declined.add(name)
            box.hide()  # at once: deleteLater waits for the event loop
            self.trackers_box.removeWidget(box)
            box.deleteLater()
        self.tracker_boxes = {}
        suggestions = self.services.profile.suggested_trackers(self.chosen())
        for index, suggestion in enumerate(suggestions):
            box = QCheckBox(suggestion.name)
            box.setObjectName("trackerSuggestion")
            box.setChecked(suggestion.name not in self._declined)
            unit = f"In {suggestion.unit}. " if suggestion.unit else ""
            box.setToolTip(f"{unit}{suggestion.why} Untick it to leave it out.")
            box.setAccessibleDescription(f"{unit}{suggestion.why}")
            tracker = Tracker(name=suggestion.name, type=suggestion.type, unit=suggestion.unit)
            self.tracker_boxes[suggestion.name] = (box, tracker)
            self.trackers_box.addWidget(box, index // 3, index % 3)
        # Made after the dialog's buttons: put them back after the "Other" field for Tab.
        previous: QWidget = self.other_line
        for box, _tracker in self.tracker_boxes.values():
            QWidget.setTabOrder(previous, box)
            previous = box
        self.no_trackers.setVisible(not suggestions)


# --- units ----------------------------------------------------------------------------------


class UnitsStep(WelcomeStep):
    name = "units"

    def __init__(self, units: UnitPreferences, parent: QWidget | None = None) -> None:
        super().__init__(
            "Units",
            "How your meter and your scales show numbers. The journal converts everything, "
            "so you can change these any time in Preferences.",
            parent,
        )
        self.base = units
        self.glucose = ChoiceRow([(GlucoseUnit.MGDL, "mg/dL"), (GlucoseUnit.MMOLL, "mmol/L")])
        self.glucose.setAccessibleName("Blood glucose unit")
        self.glucose.setValue(units.glucose)
        self.weight = ChoiceRow([(WeightUnit.KG, "kg"), (WeightUnit.LB, "lb")])
        self.weight.setAccessibleName("Weight unit")
        self.weight.setValue(units.weight)
        clock = [(TimeFormat.H24, "13:30"), (TimeFormat.H12, "1:30 pm")]
        self.time_format = ChoiceRow(clock)
        self.time_format.setAccessibleName("Time of day")
        self.time_format.setValue(units.time_format)
        rows = (
            (
                "Blood glucose",
                self.glucose,
                # 1 mmol/L = 18.016 mg/dL (molar mass of glucose); see domain.units.
                "100 mg/dL is 5.6 mmol/L. The US mostly uses mg/dL; the UK, Canada and "
                "Australia use mmol/L. Your meter's display says which.",
            ),
            ("Weight", self.weight, "1 kg is 2.2 lb."),
            ("Times of day", self.time_format, ""),
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        for index, (label_text, choice, hint) in enumerate(rows):
            label = QLabel(label_text)
            label.setObjectName("fieldLabel")
            label.setBuddy(choice)
            grid.addWidget(label, index * 2, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(choice, index * 2, 1)
            if hint:
                grid.addWidget(_wrapped(hint), index * 2 + 1, 1)
            grid.setRowMinimumHeight(index * 2 + 1, 14)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)

    def units(self) -> UnitPreferences:
        return replace(
            self.base,
            glucose=self.glucose.value(),
            weight=self.weight.value(),
            time_format=self.time_format.value(),
        )

    def first_focus(self) -> QWidget:
        return self.glucose


# --- medications ---------------------------------------------------------------------------


class _EnterAdds(QObject):
    """Enter in the medication fields adds the medication instead of going to the next step."""

    def __init__(self, add: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._add = add

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if pressed and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            self._add()
            return True
        return False


class MedicationsStep(WelcomeStep):
    """Add a few medications (name, dose, times); the full list is in Log > Medications."""

    name = "medications"
    changed = Signal()

    def __init__(
        self, services: Services, units: UnitPreferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Medications and supplements",
            "Add what you take and when, to tick doses off on Today in one click and to be "
            "reminded. Add more, or pause one, any time in Log > Medications and supplements.",
            parent,
        )
        self.services = services
        self.units = units
        self.pending: list[Medication] = []
        self.name_line = QLineEdit()
        self.name_line.setPlaceholderText("e.g. metformin")
        self.name_line.setAccessibleName("Medication name")
        self.dose_line = QLineEdit()
        self.dose_line.setPlaceholderText("optional, e.g. 500 mg")
        self.dose_line.setAccessibleName("Dose")
        self.times_line = QLineEdit()
        self.times_line.setAccessibleName("Times of day, separated by commas")
        self.add_button = action_button("&Add", self.add)
        self.add_button.setAccessibleName("Add this medication")
        enter = _EnterAdds(self.add, self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for column, (text, line, stretch) in enumerate(
            (
                ("Na&me", self.name_line, 3),
                ("&Dose", self.dose_line, 2),
                ("&Times of day", self.times_line, 2),
            )
        ):
            label = QLabel(text)
            label.setObjectName("fieldLabel")
            label.setBuddy(line)
            line.installEventFilter(enter)
            grid.addWidget(label, 0, column)
            grid.addWidget(line, 1, column)
            grid.setColumnStretch(column, stretch)
        grid.addWidget(self.add_button, 1, 3)
        self.body.addLayout(grid)
        self.error = _wrapped(name="generalError")
        self.error.hide()
        self.body.addWidget(self.error)

        self.list = QListWidget()
        self.list.setObjectName("formList")
        self.list.setAccessibleName("Medications to add")
        self.list.setMinimumHeight(120)
        self.list.setMaximumHeight(150)
        self.list.currentRowChanged.connect(self._on_selection)
        self.remove_button = action_button("&Remove", self.remove_selected)
        self.remove_button.setEnabled(False)
        self.empty_hint = _wrapped("Nothing added yet; this step can be skipped.")
        below = QHBoxLayout()
        below.addWidget(self.empty_hint, 1)
        below.addStretch(0)
        below.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addWidget(self.list)
        self.body.addLayout(below)
        kept = services.journal.medications(active_only=True)
        self.kept_label = _wrapped(
            "Already in your list: " + "; ".join(self._describe(m) for m in kept)
        )
        self.kept_label.setVisible(bool(kept))
        self.body.addWidget(self.kept_label)
        self.set_units(units)
        self._refresh()

    def set_units(self, units: UnitPreferences) -> None:
        """Times read and shown in the time format chosen on the units step."""
        self.units = units
        example = "08:00, 20:00" if units.time_format is TimeFormat.H24 else "8 am, 8 pm"
        self.times_line.setPlaceholderText(f"e.g. {example}")
        self._refresh()

    def _describe(self, med: Medication) -> str:
        times = ", ".join(format_clock(t, self.units) for t in med.times)
        return med.label + (f" · {times}" if times else "")

    def add(self) -> bool:
        """Add what the fields hold to the list; False (with a message) if it cannot be."""
        name = " ".join(self.name_line.text().split())
        if not name:
            return self._refuse("Write the medication's name first.", self.name_line)
        try:
            times = parse_times_of_day(self.times_line.text())
        except ValueError as error:
            return self._refuse(
                f"{error} Separate times with commas, such as 08:00, 20:00.", self.times_line
            )
        self.pending.append(Medication(name=name, dose=self.dose_line.text().strip(), times=times))
        for line in (self.name_line, self.dose_line, self.times_line):
            line.clear()
        self.error.hide()
        self._refresh()
        self.name_line.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()
        return True

    def _refuse(self, message: str, where: QLineEdit) -> bool:
        self.error.setText(message)
        self.error.show()
        where.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.pending):
            del self.pending[row]
            self._refresh()
            self.changed.emit()

    def _on_selection(self, row: int) -> None:
        self.remove_button.setEnabled(row >= 0)

    def _refresh(self) -> None:
        self.list.clear()
        for med in self.pending:
            self.list.addItem(QListWidgetItem(self._describe(med)))
        self.empty_hint.setVisible(not self.pending)
        self.remove_button.setEnabled(False)

    def leave(self) -> bool:
        # A medication typed but not added yet is what the person meant to add.
        if self.name_line.text().strip() or self.times_line.text().strip():
            return self.add()
        return True

    def first_focus(self) -> QWidget:
        return self.name_line


# --- reminders ------------------------------------------------------------------------------


class _ReminderChoice(QFrame):
    """A reminder to switch on, its time (when it has one) and a line about it."""

    def __init__(self, text: str, at: time | None, units: UnitPreferences, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeCard")
        self.box = QCheckBox(text)
        self.box.setObjectName("reminderChoice")
        self.time_edit: QTimeEdit | None = None
        self.touched = False
        self.box.clicked.connect(self._touch)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.box)
        if at is not None:
            self.time_edit = QTimeEdit(QTime(at.hour, at.minute))
            self.time_edit.setDisplayFormat(qt_time_format(units))
            self.time_edit.setButtonSymbols(QTimeEdit.ButtonSymbols.NoButtons)
            self.time_edit.setAccessibleName(f"{text}: time")
            self.time_edit.setFixedWidth(110)
            top.addWidget(self.time_edit)
            self.box.toggled.connect(self.time_edit.setEnabled)
        top.addStretch(1)
        self.note = _wrapped()
        self.note.setContentsMargins(28, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.note)

    def _touch(self) -> None:
        self.touched = True

    def suggest(self, on: bool) -> None:
        """Tick or untick as the other steps suggest, unless the person already chose."""
        if not self.touched:
            self.box.setChecked(on)
        if self.time_edit is not None:
            self.time_edit.setEnabled(self.box.isChecked())

    def chosen_time(self) -> time | None:
        if not self.box.isChecked() or self.time_edit is None:
            return None
        at = self.time_edit.time()
        return time(at.hour(), at.minute())

    def set_units(self, units: UnitPreferences) -> None:
        if self.time_edit is not None:
            self.time_edit.setDisplayFormat(qt_time_format(units))


class RemindersStep(WelcomeStep):
    name = "reminders"

    def __init__(
        self, services: Services, units: UnitPreferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "A few reminders",
            "Gentle nudges, shown while Interplay is open or waiting in the tray. Change or "
            "turn them off later in Goals > Reminders.",
            parent,
        )
        profile = services.profile
        glucose_at = profile.existing_reminder_time(ReminderAction.GLUCOSE)
        evening_at = profile.existing_reminder_time(ReminderAction.STRESS)
        self.glucose = _ReminderChoice(
            "Check my glucose in the morning at", glucose_at or MORNING_GLUCOSE, units, self
        )
        self.glucose.note.setText("A fasting reading, before breakfast; opens the glucose form.")
        self.medications = _ReminderChoice("Remind me at my medication times", None, units, self)
        self.evening = _ReminderChoice(
            "Evening check-in at", evening_at or EVENING_CHECK_IN, units, self
        )
        self.evening.note.setText("Stress and mood, and a moment to note how the day went.")
        self._already = {"glucose": glucose_at is not None, "evening": evening_at is not None}
        self._medications_on = profile.reminders_on_for_medications()
        for choice in (self.glucose, self.medications, self.evening):
            self.body.addWidget(choice)
        self.glucose.suggest(self._already["glucose"])
        self.evening.suggest(self._already["evening"])

    def refresh(self, glucose_suggested: bool, medications: Sequence[Medication]) -> None:
        """Follow the earlier steps: glucose checks for diabetes and prediabetes, medication
        reminders when a medication has times."""
        self.glucose.suggest(glucose_suggested or self._already["glucose"])
        timed = [m for m in medications if m.times]
        self.medications.box.setEnabled(bool(timed))
        self.medications.suggest(bool(timed) and self._medications_on)
        if timed:
            names = ", ".join(m.name for m in timed[:3]) + (" …" if len(timed) > 3 else "")
            self.medications.note.setText(f"At the times you gave: {names}.")
        else:
            self.medications.note.setText(
                "Give a medication its times of day on the previous step to use this."
            )

    def set_units(self, units: UnitPreferences) -> None:
        self.glucose.set_units(units)
        self.evening.set_units(units)

    def first_focus(self) -> QWidget:
        return self.glucose.box


# --- the last look ----------------------------------------------------------------------------


class ReadyStep(WelcomeStep):
    name = "ready"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Ready",
            "Finish saves all of this in one step; Edit > Undo takes it back if you change "
            "your mind. Nothing is logged for you.",
            parent,
        )
        card, layout = _card(self)
        layout.addWidget(_wrapped("What Finish saves", name="welcomeHeading"))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnMinimumWidth(0, NAME_COLUMN)
        layout.addLayout(self.grid)
        self.values: dict[str, QLabel] = {}
        for row, name in enumerate(SUMMARY_ROWS):
            label = QLabel(name)
            label.setObjectName("summaryName")
            value = _wrapped(name="welcomeFact")
            value.setAccessibleName(name)
            self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(value, row, 1)
            self.values[name] = value
        self.body.addWidget(card)
        self.error = _wrapped(name="generalError")
        self.error.hide()
        self.body.addWidget(self.error)
        later, later_layout = _card(self)
        later_layout.addWidget(_wrapped("Where to find it all later", name="welcomeHeading"))
        places = QGridLayout()
        places.setHorizontalSpacing(18)
        places.setVerticalSpacing(6)
        places.setColumnStretch(1, 1)
        places.setColumnMinimumWidth(0, NAME_COLUMN)
        for row, (where, what) in enumerate(PLACES):
            label = QLabel(where)
            label.setObjectName("summaryName")
            places.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            places.addWidget(_wrapped(what, name="welcomeFact"), row, 1)
        later_layout.addLayout(places)
        self.body.addWidget(later)

    def show_plan(self, plan: SetupPlan, units_before: UnitPreferences) -> None:
        for name, text in plan_summary(plan, units_before).items():
            self.values[name].setText(text)
        self.error.hide()

    def summary_text(self) -> str:
        """What the step says, as plain lines (tests, screen readers)."""
        return "\n".join(f"{name}: {label.text()}" for name, label in self.values.items())


SUMMARY_ROWS = ("Conditions", "Units", "Medications", "Trackers", "Reminders")
PLACES = (
    ("Today", "the doses due, ticked off in one click, and the day's timeline"),
    ("Log menu", "every kind of entry, flares, your medications and your trackers"),
    ("Goals", "your goals and reminders"),
    ("Help", "getting started, the keyboard shortcuts, and this setup again"),
)

if TYPE_CHECKING:
    from journal.services import Services


def plan_summary(plan: SetupPlan, units_before: UnitPreferences) -> dict[str, str]:
    """What Finish will do, a line for each of ``SUMMARY_ROWS``."""
    units = plan.units
    same = (units.glucose, units.weight) == (units_before.glucose, units_before.weight)
    reminders = []
    if plan.glucose_check is not None:
        reminders.append(f"glucose check at {format_clock(plan.glucose_check, units)}")
    if plan.medication_reminders and any(m.times for m in plan.medications):
        reminders.append("at medication times")
    if plan.evening_check_in is not None:
        reminders.append(f"evening check-in at {format_clock(plan.evening_check_in, units)}")
    return {
        "Conditions": _listing(plan.profile.names) if plan.profile.names else "none chosen",
        "Units": f"glucose in {units.glucose.value}, weight in {units.weight.value}"
        + (" (as before)" if same else ""),
        "Medications": "add " + _listing([m.label for m in plan.medications])
        if plan.medications
        else "none to add",
        "Trackers": "add " + _listing([t.name for t in plan.trackers])
        if plan.trackers
        else "none to add",
        "Reminders": _listing(reminders) if reminders else "none new",
    }
