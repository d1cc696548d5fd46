"""One goal's card: ring, the number, what is left, past periods, streak, and its actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.analysis.goal_progress import GoalProgress, PeriodResult, PeriodStatus
from journal.domain.goals import Comparison, Goal, GoalPeriod
from journal.domain.units import UnitPreferences
from journal.ui.goals.progress_widgets import HistoryDots, ProgressRing
from journal.ui.goals.wording import card_words, period_tooltip, shown
from journal.ui.widgets.card_style import named


def _period_label(goal: Goal, result: PeriodResult) -> str:
    if goal.period is GoalPeriod.WEEK:
        return f"Week of {result.first:%d %b}"
    return f"{result.first:%a %d %b}"


def ring_text(progress: GoalProgress) -> str:
    if progress.goal.paused:
        return "‖"
    if progress.met:
        return "✓"
    if progress.goal.counts_days:
        return f"{int(progress.current.value or 0)}/{progress.goal.days_per_period}"
    if progress.current.value is None:
        return "—"
    return f"{round(progress.fraction * 100)}%"


class GoalCard(QFrame):
    """Shows a :class:`GoalProgress`; asks for edit/pause/remove through its signals."""

    edit_requested = Signal(object)
    pause_requested = Signal(object, bool)
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goalCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.goal: Goal | None = None
        self.colours: dict[str, QColor] = {}

        self.ring = ProgressRing(78)
        self.title = named(QLabel(), "goalTitle")
        self.title.setWordWrap(True)
        self.description = named(QLabel(), "goalDescription")
        self.description.setWordWrap(True)
        self.value = named(QLabel(), "goalValue")
        self.of_target = named(QLabel(), "goalOfTarget")
        self.detail = named(QLabel(), "goalDetail")
        self.detail.setWordWrap(True)
        self.dots = HistoryDots()
        self.history = named(QLabel(), "goalHistoryText")
        self.streak = named(QLabel(), "streakChip")
        self.menu_button = named(QToolButton(), "goalMenuButton")
        self.menu_button.setText("⋯")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._build_menu()
        self._layout()

    def _build_menu(self) -> None:
        menu = QMenu(self.menu_button)
        self.edit_action = QAction("Edit goal…", menu)
        self.pause_action = QAction("Pause", menu)
        self.remove_action = QAction("Remove goal", menu)
        self.edit_action.triggered.connect(lambda: self.edit_requested.emit(self.goal))
        self.pause_action.triggered.connect(
            lambda: self.pause_requested.emit(self.goal, not (self.goal and self.goal.paused))
        )
        self.remove_action.triggered.connect(lambda: self.remove_requested.emit(self.goal))
        menu.addActions([self.edit_action, self.pause_action])
        menu.addSeparator()
        menu.addAction(self.remove_action)
        self.menu_button.setMenu(menu)

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title, 1)
        head.addWidget(self.menu_button, 0, Qt.AlignmentFlag.AlignTop)
        number = QHBoxLayout()
        number.setSpacing(6)
        number.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBaseline)
        number.addWidget(self.of_target, 0, Qt.AlignmentFlag.AlignBaseline)
        number.addStretch(1)
        past = QHBoxLayout()
        past.setSpacing(10)
        past.addWidget(self.dots, 0, Qt.AlignmentFlag.AlignVCenter)
        past.addStretch(1)
        past.addWidget(self.streak, 0, Qt.AlignmentFlag.AlignVCenter)
        self.history.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(3)
        text.addLayout(head)
        text.addWidget(self.description)
        text.addSpacing(4)
        text.addLayout(number)
        text.addWidget(self.detail)
        text.addSpacing(6)
        text.addLayout(past)
        text.addWidget(self.history)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 14, 14, 14)
        outer.setSpacing(16)
        outer.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(text, 1)

    def set_colours(self, colours: dict[str, QColor]) -> None:
        self.colours = colours
        self.ring.set_theme(colours["track"], colours["text"])
        self.dots.set_theme(colours["progress"], colours["muted"])

    def _ring_colour(self, progress: GoalProgress) -> QColor:
        c = self.colours or {
            "progress": QColor("#009E73"),
            "limit": QColor("#0072B2"),
            "over": QColor("#E69F00"),
            "muted": QColor("#999"),
        }
        goal, value = progress.goal, progress.current.value
        if goal.paused:
            return c["muted"]
        if goal.comparison is Comparison.AT_LEAST or goal.counts_days:
            return c["progress"]
        if value is not None and not goal.comparison.meets(value, goal.target):
            return c["over"]
        return c["limit"]

    def show_progress(
        self,
        progress: GoalProgress,
        units: UnitPreferences,
        *,
        tracker_name: str = "",
        tracker_unit: str = "",
    ) -> None:
        goal = progress.goal
        self.goal = goal
        words = card_words(progress, units, tracker_name=tracker_name, tracker_unit=tracker_unit)
        self.title.setText(words.title)
        self.description.setText(words.description)
        self.value.setText(words.value)
        self.of_target.setText(words.of_target)
        self.detail.setText(words.detail)
        self.history.setText(words.history)
        self.streak.setText(words.streak)
        self.streak.setVisible(bool(words.streak))
        self.ring.set_progress(progress.fraction, ring_text(progress), self._ring_colour(progress))
        tips = [
            period_tooltip(goal, _period_label(goal, p), p.status, _value_text(goal, p, units))
            for p in progress.history
        ]
        self.dots.set_history([p.status for p in progress.history], tips)
        self.pause_action.setText("Resume" if goal.paused else "Pause")
        self.setProperty("paused", goal.paused)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setAccessibleName(words.spoken)
        self.menu_button.setAccessibleName(f"Actions for {goal.name}")
        self.menu_button.setToolTip(f"Edit, pause or remove “{goal.name}”")

    def history_statuses(self) -> list[PeriodStatus]:
        return list(self.dots.statuses)


def _value_text(goal: Goal, result: PeriodResult, units: UnitPreferences) -> str:
    if result.value is None:
        return ""
    if goal.counts_days:
        return f"{int(result.value)} of {goal.days_per_period} days"
    return shown(goal, result.value, units)


def today_label(day: date) -> str:
    return f"{day:%A %d %B}"
