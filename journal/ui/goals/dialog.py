"""Add or edit a goal: what to measure, the target, over which period."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from journal.domain.entries import Tracker
from journal.domain.goals import (
    MEASURES,
    Comparison,
    Goal,
    GoalError,
    GoalMeasure,
    GoalPeriod,
)
from journal.domain.units import Quantity, conversion, glucose_threshold_to_mgdl
from journal.services.goals import GoalService
from journal.ui.goals.wording import describe
from journal.ui.widgets.card_style import named
from journal.ui.widgets.dialog_frame import FramedDialog, add_row

if TYPE_CHECKING:
    from journal.services import Services

# Starting points when a measure is chosen: the public figure the goal templates cite
# (journal.domain.goals), or, where there is none to cite (carbohydrates, glucose checks,
# which depend on the person and their care team), the person's own recent daily average.
_DEFAULTS: dict[GoalMeasure, tuple[Comparison, float | None, GoalPeriod, int | None]] = {
    GoalMeasure.ACTIVE_MINUTES: (Comparison.AT_LEAST, 150, GoalPeriod.WEEK, None),
    GoalMeasure.WHO_MINUTES: (Comparison.AT_LEAST, 150, GoalPeriod.WEEK, None),
    GoalMeasure.ADDED_SUGAR: (Comparison.AT_MOST, 25, GoalPeriod.DAY, None),
    GoalMeasure.CARBS: (Comparison.AT_MOST, None, GoalPeriod.DAY, None),
    GoalMeasure.FASTING_GLUCOSE: (Comparison.BELOW, 100, GoalPeriod.WEEK, 5),
    GoalMeasure.GLUCOSE_CHECKS: (Comparison.AT_LEAST, None, GoalPeriod.DAY, None),
    GoalMeasure.SLEEP_HOURS: (Comparison.AT_LEAST, 7, GoalPeriod.DAY, None),
    GoalMeasure.STRESS_CHECKINS: (Comparison.AT_LEAST, 1, GoalPeriod.DAY, None),
    GoalMeasure.DOSES_ON_SCHEDULE: (Comparison.AT_LEAST, 100, GoalPeriod.DAY, None),
    GoalMeasure.WEIGHT: (Comparison.AT_MOST, None, GoalPeriod.DAY, None),
    GoalMeasure.TRACKER: (Comparison.AT_LEAST, 1, GoalPeriod.DAY, None),
}
_PERIOD_CHOICES = (
    ("each day", "day"),
    ("in total each week", "week"),
    ("on a number of days each week", "days"),
)


class GoalDialog(FramedDialog):
    """A small form; Save validates through the service and shows what to fix in place."""

    def __init__(
        self, services: Services, goal: Goal | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Edit goal" if goal else "New goal",
            "What to count, the target, and over which days. A missed day is only a missed "
            "day: progress counts what you did.",
            parent,
        )
        self.services = services
        self.service: GoalService = services.goals
        self.units = services.units
        self.original = goal
        self.saved: Goal | None = None
        self.trackers: list[Tracker] = [
            t for t in services.journal.trackers() if t.active or (goal and t.id == goal.tracker_id)
        ]
        self.setObjectName("goalDialog")
        self.setMinimumWidth(560)
        self._auto_name = goal is None

        self.name = named(QLineEdit(), "goalName")
        self.name.setAccessibleName("Goal name")
        self.name.setPlaceholderText("e.g. Move 150 minutes a week")
        self.name.textEdited.connect(self._name_edited)
        self.measure = named(QComboBox(), "goalMeasure")
        self.measure.setAccessibleName("What to measure")
        self.measure.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for measure, info in MEASURES.items():
            if measure is not GoalMeasure.TRACKER:
                self.measure.addItem(info.label, f"{measure.value}:")
        for tracker in self.trackers:
            self.measure.addItem(
                f"Tracker: {tracker.name}", f"{GoalMeasure.TRACKER.value}:{tracker.id}"
            )
        self.comparison = named(QComboBox(), "goalComparison")
        self.comparison.setAccessibleName("At least or at most")
        for comparison in Comparison:
            # Item data as plain strings: Qt turns a StrEnum into a str anyway.
            self.comparison.addItem(comparison.words, comparison.value)
        self.target = named(QDoubleSpinBox(), "goalTarget")
        self.target.setAccessibleName("Target")
        self.target.setRange(0, 100_000)
        self.target.setMinimumWidth(110)
        self.unit = named(QLabel(), "goalUnit")
        self.period = named(QComboBox(), "goalPeriod")
        self.period.setAccessibleName("Period")
        for text, key in _PERIOD_CHOICES:
            self.period.addItem(text, key)
        self.days = named(QSpinBox(), "goalDays")
        self.days.setAccessibleName("Days a week")
        self.days.setRange(1, 7)
        self.days.setSuffix(" days a week")
        self.summary = named(QLabel(), "summaryCard")
        self.summary.setAccessibleName("The goal in words")
        self.summary.setWordWrap(True)
        self.error = named(QLabel(), "formError")
        self.error.setAccessibleName("What to fix")
        self.error.setWordWrap(True)
        self.error.hide()
        self._layout()
        self.measure.currentIndexChanged.connect(self._measure_changed)
        for signal in (
            self.comparison.currentIndexChanged,
            self.period.currentIndexChanged,
            self.days.valueChanged,
            self.target.valueChanged,
        ):
            signal.connect(self._refresh)
        if goal is not None:
            self._load(goal)
        else:
            self._measure_changed()
        self._refresh()
        self.measure.setFocus(Qt.FocusReason.OtherFocusReason)

    def _layout(self) -> None:
        target_row = QHBoxLayout()
        target_row.setSpacing(8)
        target_row.addWidget(self.comparison)
        target_row.addWidget(self.target)
        target_row.addWidget(self.unit, 1)
        period_row = QHBoxLayout()
        period_row.setSpacing(8)
        period_row.addWidget(self.period, 1)
        period_row.addWidget(self.days)
        form = self.add_section("")
        add_row(form, "&Measure", self.measure)
        add_row(form, "&Target", _row(target_row)).setBuddy(self.comparison)
        add_row(form, "&Period", _row(period_row)).setBuddy(self.period)
        add_row(form, "&Name", self.name)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.error)
        self.add_buttons("Save", hint="Enter saves · Esc cancels")
        self.buttons = self.save_button

    # --- reading and writing the form ------------------------------------------------------

    def _current_measure(self) -> tuple[GoalMeasure, int | None]:
        data = self.measure.currentData()
        if not isinstance(data, str):
            return GoalMeasure.ACTIVE_MINUTES, None
        measure, _, tracker = data.partition(":")
        return GoalMeasure(measure), int(tracker) if tracker else None

    def _quantity(self) -> Quantity | None:
        return MEASURES[self._current_measure()[0]].quantity

    def _set_target(self, stored: float) -> None:
        self._loaded_target: tuple[float, float] | None = None
        quantity = self._quantity()
        if quantity is not None:
            unit = conversion(quantity, self.units)
            self.target.setDecimals(max(unit.decimals, 1 if unit.factor != 1 else 0))
            self.target.setValue(round(unit.shown(stored), self.target.decimals()))
            self._loaded_target = (self.target.value(), stored)
        else:
            measure = self._current_measure()[0]
            self.target.setDecimals(
                1 if MEASURES[measure].decimals or measure is GoalMeasure.TRACKER else 0
            )
            self.target.setValue(stored)

    def _stored_target(self) -> float:
        value = self.target.value()
        loaded: tuple[float, float] | None = getattr(self, "_loaded_target", None)
        if loaded is not None and value == loaded[0]:
            return loaded[1]  # shown in another unit and not changed: keep it exactly
        quantity = self._quantity()
        if quantity is Quantity.GLUCOSE:
            return glucose_threshold_to_mgdl(value, self.units.glucose)
        if quantity is not None:
            return conversion(quantity, self.units).stored(value)
        return value

    def _unit_text(self) -> str:
        measure, tracker_id = self._current_measure()
        quantity = self._quantity()
        if quantity is not None:
            return conversion(quantity, self.units).unit
        if measure is GoalMeasure.TRACKER:
            tracker = next((t for t in self.trackers if t.id == tracker_id), None)
            return tracker.unit if tracker else ""
        return MEASURES[measure].unit

    def _select(self, combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _load(self, goal: Goal) -> None:
        tracker = goal.tracker_id if goal.measure is GoalMeasure.TRACKER else None
        self._select(self.measure, f"{goal.measure.value}:{tracker or ''}")
        self._select(self.comparison, goal.comparison.value)
        key = "days" if goal.counts_days else goal.period.value
        self._select(self.period, key)
        self.days.setValue(goal.days_per_period or 5)
        self._set_target(goal.target)
        self.name.setText(goal.name)

    def _measure_changed(self) -> None:
        measure, _ = self._current_measure()
        comparison, target, period, days = _DEFAULTS[measure]
        self._select(self.comparison, comparison.value)
        self._select(self.period, "days" if days else period.value)
        self.days.setValue(days or 5)
        if target is None:
            target = self.service.recent_daily_average(measure) or 1
        self._set_target(target)
        self._refresh()

    def _name_edited(self, _text: str) -> None:
        self._auto_name = False

    def goal_from_form(self) -> Goal:
        measure, tracker_id = self._current_measure()
        key = self.period.currentData()
        period = GoalPeriod.DAY if key == "day" else GoalPeriod.WEEK
        base = self.original or Goal(
            name="", measure=measure, comparison=Comparison.AT_LEAST, target=0
        )
        return replace(
            base,
            name=self.name.text().strip(),
            measure=measure,
            comparison=Comparison(self.comparison.currentData()),
            target=self._stored_target(),
            period=period,
            days_per_period=self.days.value() if key == "days" else None,
            tracker_id=tracker_id,
        )

    def _refresh(self) -> None:
        self.unit.setText(self._unit_text())
        self.days.setVisible(self.period.currentData() == "days")
        goal = self.goal_from_form()
        tracker = next((t for t in self.trackers if t.id == goal.tracker_id), None)
        sentence = describe(
            goal, self.units, tracker.name if tracker else "", tracker.unit if tracker else ""
        )
        self.summary.setText(sentence)
        if self._auto_name:
            self.name.setText(sentence)

    def save(self) -> None:
        goal = self.goal_from_form()
        try:
            self.saved = self.service.save_goal(goal)
        except GoalError as error:
            self.show_error(error)
            return
        self.accept()

    def show_error(self, error: GoalError) -> None:
        self.error.setText(str(error))
        self.error.show()
        target = {
            "name": self.name,
            "target": self.target,
            "days": self.days,
            "period": self.period,
            "tracker": self.measure,
        }
        widget = target.get(error.field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _row(layout: QHBoxLayout) -> QWidget:
    box = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    box.setLayout(layout)
    return box


def open_goal_dialog(
    parent: QWidget | None, services: Services, goal: Goal | None = None
) -> Goal | None:
    """Modal: add a goal (``goal`` None) or edit one; returns what was saved, or None."""
    dialog = GoalDialog(services, goal, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.saved
