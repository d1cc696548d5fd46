"""A self-experiment's card: where it stands today, the week ahead, how the days went, and at
the end its result with the interval."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal.domain.experiments import SelfExperiment, day_plan_words
from journal.services.insights import ExperimentProgress
from journal.ui.widgets.card_style import named


def today_words(progress: ExperimentProgress) -> str:
    experiment = progress.experiment
    if progress.stopped:
        return f"Stopped on {_day(experiment.stopped)}" if experiment.stopped else "Stopped"
    if progress.finished:
        return "Finished"
    if not progress.started:
        return f"Starts on {experiment.start:%A} {_day(experiment.start)}"
    if progress.today_with is None:
        return "Waiting for the last day's outcome"
    return "Today: " + day_plan_words(experiment.factor_label, progress.today_with)


def title_words(experiment: SelfExperiment) -> str:
    when = "the same day" if experiment.lag_days == 0 else "the next day"
    return f"Experiment: {experiment.factor_label} and {experiment.outcome_label}, {when}"


class ExperimentCard(QFrame):
    """Shows an :class:`ExperimentProgress`; asks to stop or remove through its signals."""

    stop_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, progress: ExperimentProgress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.progress = progress
        experiment = progress.experiment
        self.title = named(QLabel(title_words(experiment)), "experimentTitle")
        self.title.setWordWrap(True)
        self.today = named(QLabel(today_words(progress)), "experimentToday")
        self.today.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, progress.total_days)
        done = min(max(progress.day_number - 1, 0), progress.total_days)
        self.bar.setValue(progress.total_days if progress.finished else done)
        self.bar.setFormat(f"day {min(max(progress.day_number, 0), progress.total_days)} of %m")
        self.bar.setAccessibleName("Days done")
        self.bar.setMaximumHeight(18)
        self.week = QHBoxLayout()
        self.week.setSpacing(6)
        self.detail = named(QLabel(self._detail_text()), "experimentDetail")
        self.detail.setWordWrap(True)
        self.result = named(QLabel(), "experimentSentence")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if progress.result is not None:
            self.result.setText(progress.result.sentence)
        self.result.setVisible(progress.result is not None)
        self.stop_button = named(QPushButton("Stop early"), "quietButton")
        self.stop_button.setVisible(not (progress.finished or progress.stopped))
        self.stop_button.clicked.connect(lambda: self.stop_requested.emit(experiment))
        self.remove_button = named(QPushButton("Remove"), "quietButton")
        self.remove_button.setAccessibleName(f"Remove the experiment on {experiment.factor_label}")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(experiment))
        self._days_ahead()
        self._layout()
        self.setAccessibleName(f"{self.title.text()}. {self.today.text()}.")

    def _detail_text(self) -> str:
        progress = self.progress
        experiment = progress.experiment
        unit = "weeks" if experiment.unit == "week" else "days"
        parts = [f"{experiment.weeks} weeks from {_day(experiment.start)}, {unit} drawn at random."]
        if progress.day_number > 1:  # from the second day, the days behind can be counted
            parts.append(progress.adherence.sentence)
        if progress.stopped and progress.result is not None:
            parts.append("Stopped early: the result below rests on fewer days than planned.")
        return " ".join(parts)

    def _days_ahead(self) -> None:
        if self.progress.finished or self.progress.stopped:
            return
        for day, with_factor in self.progress.upcoming:
            chip = named(QLabel(_chip_text(day, with_factor)), "dayChip")
            chip.setProperty("planned", "with" if with_factor else "without")
            chip.setProperty("today", day == self.progress.today)
            plan = day_plan_words(self.progress.experiment.factor_label, with_factor)
            chip.setToolTip(f"{day:%A} {_day(day)}: {plan}")
            self.week.addWidget(chip)
        self.week.addStretch(1)

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 14, 14)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.today)
        layout.addWidget(self.bar)
        layout.addLayout(self.week)
        layout.addWidget(self.detail)
        layout.addWidget(self.result)
        layout.addLayout(buttons)


def _chip_text(day: date, with_factor: bool) -> str:
    return f"{day:%a}: {'as usual' if with_factor else 'without'}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B}"
