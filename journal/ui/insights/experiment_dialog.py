"""Plan a self-experiment: what to change, what to watch, when, and for how long.

The factor, outcome and lag are fixed here, before the first day; the schedule is drawn at
random by the service when the person presses Plan, so nobody (the person included) picks
which days are "with" and which "without".
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from journal.domain.experiments import SelfExperiment
from journal.services import Services
from journal.services.errors import JournalError
from journal.ui.widgets.card_style import named

INTRO = (
    "Change one thing on days drawn at random and compare your outcome on those days with "
    "the others. Everything is fixed now, before the first day, so the result cannot be "
    "steered by what you see along the way. Days “with” are as usual; on days “without” you "
    "leave the factor out."
)


class ExperimentDialog(QDialog):
    """A small form; Plan checks it through the service and says what to change in place."""

    def __init__(
        self,
        services: Services,
        *,
        factor: str | None = None,
        outcome: str | None = None,
        lag_days: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.saved: SelfExperiment | None = None
        self.setWindowTitle("Plan a self-experiment")
        self.setObjectName("experimentDialog")
        self.setMinimumWidth(520)
        factors, outcomes = services.insights.experiment_choices()

        self.factor = named(QComboBox(), "experimentFactor")
        self.factor.setAccessibleName("What you will change")
        for choice in factors:
            self.factor.addItem(choice.label, choice.name)
        self.outcome = named(QComboBox(), "experimentOutcome")
        self.outcome.setAccessibleName("What you will watch")
        for choice in outcomes:
            self.outcome.addItem(choice.label, choice.name)
        self._choose(self.factor, factor)
        self._choose(self.outcome, outcome)
        self.lag = named(QComboBox(), "experimentLag")
        self.lag.setAccessibleName("When the outcome is read")
        self.lag.addItem("the same day", 0)
        self.lag.addItem("the next day", 1)
        self.lag.setCurrentIndex(1 if lag_days == 1 else 0)
        self.weeks = named(QSpinBox(), "experimentWeeks")
        self.weeks.setAccessibleName("How many weeks")
        self.weeks.setRange(4, 8)
        self.weeks.setValue(6)
        self.weeks.setSuffix(" weeks")
        self.by_week = QRadioButton("whole weeks")
        self.by_day = QRadioButton("single days")
        self.by_week.setChecked(True)
        units = QButtonGroup(self)
        units.addButton(self.by_week)
        units.addButton(self.by_day)
        self.start = named(QDateEdit(), "experimentStart")
        self.start.setAccessibleName("First day")
        self.start.setCalendarPopup(True)
        today = services.insights.today()
        self.start.setMinimumDate(QDate(today.year, today.month, today.day))
        self.start.setDate(QDate(today.year, today.month, today.day))
        self.remind = QCheckBox("Remind me each day at")
        self.remind.setChecked(True)
        self.remind_at = named(QTimeEdit(QTime(8, 0)), "experimentReminder")
        self.remind_at.setAccessibleName("Reminder time")
        self.remind.toggled.connect(self.remind_at.setEnabled)
        self.hint = named(QLabel(), "sectionHint")
        self.hint.setWordWrap(True)
        self.error = named(QLabel(), "formError")
        self.error.setWordWrap(True)
        self.error.hide()
        for signal in (self.weeks.valueChanged, self.by_week.toggled, self.lag.currentIndexChanged):
            signal.connect(self._update_hint)
        self._build()
        self._update_hint()

    @staticmethod
    def _choose(box: QComboBox, name: str | None) -> None:
        if name is None:
            return
        index = box.findData(name)
        if index >= 0:
            box.setCurrentIndex(index)

    def _build(self) -> None:
        intro = named(QLabel(INTRO), "sectionHint")
        intro.setWordWrap(True)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.weeks)
        unit_row.addSpacing(12)
        unit_row.addWidget(QLabel("in"))
        unit_row.addWidget(self.by_week)
        unit_row.addWidget(self.by_day)
        unit_row.addStretch(1)
        remind_row = QHBoxLayout()
        remind_row.addWidget(self.remind)
        remind_row.addWidget(self.remind_at)
        remind_row.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Change", self.factor)
        form.addRow("Watch", self.outcome)
        form.addRow("Read it on", self.lag)
        form.addRow("For", unit_row)
        form.addRow("Starting", self.start)
        form.addRow("", remind_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        plan = buttons.button(QDialogButtonBox.StandardButton.Ok)
        plan.setText("Plan experiment")
        plan.setObjectName("planButton")
        buttons.accepted.connect(self.plan)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _update_hint(self) -> None:
        weeks = self.weeks.value()
        if self.by_week.isChecked():
            half = weeks // 2
            text = (
                f"About {half} of the {weeks} weeks will be “without”, drawn at random. Whole "
                "weeks suit a factor whose effect may last a day or two; with few weeks the "
                "result can only be clear-cut for a large difference"
            )
            text += " (4 weeks can never show one: choose 6 or more)." if weeks < 6 else "."
        else:
            text = (
                f"Half of the {7 * weeks} days will be “without”, drawn at random. Single days "
                "give a sharper answer, if the factor's effect is over by the next day."
            )
        self.hint.setText(text)

    def plan(self) -> None:
        start = self.start.date().toPython()
        assert isinstance(start, date)
        moment = self.remind_at.time()
        try:
            self.saved = self.services.insights.plan_experiment(
                str(self.factor.currentData()),
                str(self.outcome.currentData()),
                int(self.lag.currentData()),
                start=start,
                weeks=self.weeks.value(),
                unit="week" if self.by_week.isChecked() else "day",
                remind_at=time(moment.hour(), moment.minute()) if self.remind.isChecked() else None,
            )
        except JournalError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()


def open_experiment_dialog(
    parent: QWidget | None,
    services: Services,
    *,
    factor: str | None = None,
    outcome: str | None = None,
    lag_days: int = 0,
) -> SelfExperiment | None:
    """Modal: plan an experiment; returns the one planned, or None."""
    dialog = ExperimentDialog(
        services, factor=factor, outcome=outcome, lag_days=lag_days, parent=parent
    )
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.saved
