"""The Insights view: what stands out in the journal, what needs more days, and the
self-experiments under way.

Findings are computed by the services in the one background runner (``BackgroundTask``)
whenever the journal changes while the view is shown (or when it is shown again after a
change), so logging never waits for them; the last result stays on screen, marked as
updating, until the new one arrives. Supported findings come first, one card per factor
and outcome (the strongest lag; the other named beneath), then what more days would let
Insights test, then how many tests were run and what chance alone would give.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from functools import partial
from typing import cast

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal.analysis.insights import Finding
from journal.domain.experiments import SelfExperiment
from journal.domain.vocabulary import EntryKind
from journal.services import Services
from journal.services.changes import JournalChange, Topic
from journal.services.insights import (
    INSIGHT_TOPICS,
    Choice,
    ExperimentProgress,
    InsightsReport,
)
from journal.ui.insights.experiment_card import ExperimentCard
from journal.ui.insights.finding_card import FindingCard, lag_words
from journal.ui.insights.style import insights_colours, insights_stylesheet
from journal.ui.runner import BackgroundTask
from journal.ui.signals import JournalSignals
from journal.ui.widgets.card_style import named

log = logging.getLogger(__name__)

RANGES: tuple[tuple[str, int | None], ...] = (
    ("All your days", None),
    ("The last 2 years", 730),
    ("The last year", 365),
    ("The last 6 months", 182),
)
# Cards shown at first, and how many more each "Show more" adds: a chart per card costs.
FIRST_CARDS = 8
MORE_CARDS = 10
WAITING_SHOWN = 8
# A burst of changes (an import, typing a day's entries) starts one recomputation.
DEBOUNCE_MS = 1500


class InsightsView(QWidget):
    """Findings and experiments, read through ``services.insights``."""

    show_days_requested = Signal(object, object)
    """Emitted with (first, last) days to show in Charts."""
    updated = Signal()
    """Emitted when a new result is on screen (tests wait for it)."""

    def __init__(
        self,
        services: Services,
        signals: JournalSignals,
        parent: QWidget | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("insightsView")
        self.setAccessibleName("Insights")
        self.services = services
        self.signals = signals
        self.insights = services.insights
        self.report: InsightsReport | None = None
        self.progress: list[ExperimentProgress] = []
        self.finding_cards: list[FindingCard] = []
        self.experiment_cards: list[ExperimentCard] = []
        self._task: BackgroundTask | None = None
        self._again = False
        self._stale = True
        self._shown_cards = FIRST_CARDS
        self._show_all_waiting = False
        self._factor_choices: list[Choice] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._refresh_if_visible)
        self._build()
        self.apply_theme()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = named(QLabel("Insights"), "pageTitle")
        self.subtitle = named(
            QLabel("What goes with what in your journal: associations, not causes."),
            "pageSubtitle",
        )
        self.subtitle.setWordWrap(True)
        self.range_box = named(QComboBox(), "insightsRange")
        self.range_box.setAccessibleName("Days to look at")
        for label, days in RANGES:
            self.range_box.addItem(label, days)
        self.range_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.plan_button = named(QPushButton("Plan an experiment…"), "primaryButton")
        self.plan_button.setAccessibleName("Plan a self-experiment")
        self.plan_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.plan_button.clicked.connect(lambda: self.plan_experiment())
        if self.services.read_only:
            from journal.ui.read_only import disable_inline_editing

            disable_inline_editing(self.plan_button)
        self.status = named(QLabel("Looking through your journal…"), "insightsStatus")
        self.status.setWordWrap(True)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.range_box, 0, Qt.AlignmentFlag.AlignBottom)
        head.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.experiments_heading = named(QLabel("Your experiments"), "sectionHeading")
        self.experiments_box = QVBoxLayout()
        self.experiments_box.setSpacing(12)
        self.supported_heading = named(QLabel("What stands out"), "sectionHeading")
        self.supported_hint = named(QLabel(), "sectionHint")
        self.supported_hint.setWordWrap(True)
        self.findings_box = QVBoxLayout()
        self.findings_box.setSpacing(12)
        self.more_button = named(QPushButton(), "quietButton")
        self.more_button.clicked.connect(self._show_more)
        self.waiting_heading = named(QLabel("Not enough data yet"), "sectionHeading")
        self.waiting_card = named(QFrame(), "waitingCard")
        self.waiting_layout = QVBoxLayout(self.waiting_card)
        self.waiting_layout.setContentsMargins(16, 12, 16, 12)
        self.waiting_layout.setSpacing(4)
        self.waiting_more = named(QPushButton(), "quietButton")
        self.waiting_more.clicked.connect(self._show_all_waiting_items)
        self.chance_card = named(QFrame(), "chanceCard")
        self.chance_text = named(QLabel(), "chanceText")
        self.chance_text.setWordWrap(True)
        chance = QVBoxLayout(self.chance_card)
        chance.setContentsMargins(16, 12, 16, 12)
        chance.addWidget(self.chance_text)

        page = named(QWidget(), "insightsPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(28, 22, 28, 28)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(self.experiments_heading)
        layout.addLayout(self.experiments_box)
        layout.addSpacing(6)
        layout.addWidget(self.supported_heading)
        layout.addWidget(self.supported_hint)
        layout.addLayout(self.findings_box)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(6)
        layout.addWidget(self.waiting_heading)
        layout.addWidget(self.waiting_card)
        layout.addSpacing(6)
        layout.addWidget(self.chance_card)
        layout.addStretch(1)
        self.scroll_area = named(QScrollArea(), "insightsScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        for widget in (
            self.experiments_heading,
            self.supported_heading,
            self.supported_hint,
            self.more_button,
            self.waiting_heading,
            self.waiting_card,
            self.chance_card,
        ):
            widget.hide()

    # --- computing in the background -------------------------------------------------------

    def _range(self) -> tuple[date, date]:
        first, last = self.insights.default_range()
        days = self.range_box.currentData()
        if days is not None:
            first = max(first, last - timedelta(days=int(days) - 1))
        return first, last

    @property
    def busy(self) -> bool:
        return self._task is not None

    def refresh(self) -> None:
        """Compute the findings and experiments' progress in the background, then show them."""
        if self._task is not None:
            self._again = True  # the journal changed again while computing: once more after
            return
        self._stale = False
        first, last = self._range()
        insights = self.insights

        def work(_progress: object, _cancelled: object) -> object:
            report = insights.compute(first, last)
            progress = [insights.progress(e) for e in insights.experiments()]
            return report, progress

        task = BackgroundTask(work, self)
        task.succeeded.connect(self._on_result)
        task.failed.connect(self._on_failed)
        task.finished.connect(self._on_finished)
        self._task = task
        if self.report is not None:
            self.status.setText("Updating with your latest entries…")
        task.start()

    def _on_finished(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.deleteLater()
        if self._again:
            self._again = False
            self.refresh()

    def _on_failed(self, message: str) -> None:
        self.status.setText(f"Insights could not be computed: {message}")

    def _on_result(self, result: object) -> None:
        report, progress = cast(tuple[InsightsReport, list[ExperimentProgress]], result)
        if any(p.finished and p.experiment.reminder_id is not None for p in progress):
            self.insights.end_finished()  # their daily reminder is no longer needed
        if not self.insights.is_current(report):
            self._again = True  # a change overtook it; show it meanwhile, then redo
        self.show_report(report, progress)

    def wait_until_idle(self, timeout_ms: int = 10_000) -> None:
        """Let a computation in progress end (before the window closes)."""
        self._again = False
        if self._task is not None:
            self._task.wait(timeout_ms)

    def shutdown(self) -> None:
        self._timer.stop()
        self.wait_until_idle()

    # --- showing --------------------------------------------------------------------------

    def show_report(self, report: InsightsReport, progress: list[ExperimentProgress]) -> None:
        self.report, self.progress = report, progress
        result = report.result
        days = report.table.n_days
        self.status.setText(
            f"{_long(report.first)} to {_long(report.last)}: {days:,} days, "
            f"{result.tests_run:,} comparisons."
        )
        self._show_experiments(progress)
        self._show_findings(report)
        self._show_waiting(report)
        self.chance_text.setText(
            result.chance.sentence
            if result.tests_run
            else "Nothing could be compared yet. Keep logging: after four weeks of days with "
            "and without a factor, Insights starts to compare them."
        )
        self.chance_card.show()
        self.updated.emit()

    def _show_experiments(self, progress: list[ExperimentProgress]) -> None:
        for card in self.experiment_cards:
            self.experiments_box.removeWidget(card)
            card.deleteLater()
        self.experiment_cards = []
        for item in progress:
            card = ExperimentCard(item)
            card.stop_requested.connect(self.stop_experiment)
            card.remove_requested.connect(self.remove_experiment)
            self.experiments_box.addWidget(card)
            self.experiment_cards.append(card)
        self.experiments_heading.setVisible(bool(progress))

    def grouped(self, report: InsightsReport) -> list[tuple[Finding, list[Finding]]]:
        """Supported findings, one per factor and outcome: the best, and the other lags;
        those whose order is clear first, then those where the outcome may come first."""
        groups: dict[tuple[str, str], list[Finding]] = {}
        for finding in report.result.supported:
            groups.setdefault((finding.factor_name, finding.outcome_name), []).append(finding)
        ordered = sorted(groups.values(), key=lambda found: found[0].reverse_stronger)
        return [(found[0], found[1:]) for found in ordered]

    def _show_findings(self, report: InsightsReport) -> None:
        for card in self.finding_cards:
            self.findings_box.removeWidget(card)
            card.deleteLater()
        self.finding_cards = []
        groups = self.grouped(report)
        self.supported_heading.setText(
            f"What stands out ({len(groups)})" if groups else "What stands out"
        )
        self.supported_heading.show()
        self.supported_hint.setText(
            "Each passed a test that allows for day-to-day carry-over and for the number of "
            "comparisons made. Still, an association in your own days is not a cause: something "
            "else may drive both. An experiment can tell you more."
            if groups
            else "Nothing stands out yet: no comparison passed the test that allows for chance. "
            "That is a result too; it often takes a few months of days to see anything."
        )
        self.supported_hint.show()
        factors = {choice.name for choice in self._experiment_factors()}
        from journal.ui.charts.theme import current_theme

        theme = current_theme()
        for best, others in groups[: self._shown_cards]:
            card = FindingCard(
                best,
                partial(report.evidence, best),
                self.colours,
                also=_also_words(others),
                can_experiment=best.factor_name in factors and best.effect_unit != "risk ratio",
            )
            card.show_days_requested.connect(self.show_days_requested)
            card.experiment_requested.connect(self._plan_from_finding)
            card.show_chart(theme)
            self.findings_box.addWidget(card)
            self.finding_cards.append(card)
        hidden = len(groups) - len(self.finding_cards)
        self.more_button.setText(
            f"Show the other {hidden}"
            if hidden <= MORE_CARDS
            else f"Show {MORE_CARDS} more of {hidden}"
        )
        self.more_button.setVisible(hidden > 0)

    def _experiment_factors(self) -> list[Choice]:
        if self._factor_choices is None:
            self._factor_choices = self.insights.experiment_choices()[0]
        return self._factor_choices

    def _show_more(self) -> None:
        self._shown_cards += MORE_CARDS
        if self.report is not None:
            self._show_findings(self.report)

    def _show_waiting(self, report: InsightsReport) -> None:
        while self.waiting_layout.count():
            item = self.waiting_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.waiting_more:
                widget.deleteLater()
        waiting = _waiting_by_pair(report)
        shown = waiting if self._show_all_waiting else waiting[:WAITING_SHOWN]
        for text in shown:
            label = named(QLabel(text), "waitingItem")
            label.setWordWrap(True)
            self.waiting_layout.addWidget(label)
        if len(waiting) > len(shown):
            self.waiting_more.setText(f"Show all {len(waiting)}")
            self.waiting_layout.addWidget(self.waiting_more, 0, Qt.AlignmentFlag.AlignLeft)
            self.waiting_more.show()
        else:
            self.waiting_more.hide()
        self.waiting_heading.setText(f"Not enough data yet ({len(waiting)})")
        self.waiting_heading.setVisible(bool(waiting))
        self.waiting_card.setVisible(bool(waiting))

    def _show_all_waiting_items(self) -> None:
        self._show_all_waiting = True
        if self.report is not None:
            self._show_waiting(self.report)

    # --- experiments --------------------------------------------------------------------------

    def _plan_from_finding(self, finding: Finding) -> None:
        self.plan_experiment(
            factor=finding.factor_name,
            outcome=finding.outcome_name,
            lag_days=1 if finding.lag_days == 1 else 0,
        )

    def plan_experiment(
        self, *, factor: str | None = None, outcome: str | None = None, lag_days: int = 0
    ) -> SelfExperiment | None:
        from journal.ui.insights.experiment_dialog import open_experiment_dialog

        saved = open_experiment_dialog(
            self, self.services, factor=factor, outcome=outcome, lag_days=lag_days
        )
        if saved is not None:
            self.signals.status.emit(
                f"Experiment planned: {len(saved.schedule)} days from {_long(saved.start)}."
            )
        return saved

    def stop_experiment(self, experiment: SelfExperiment) -> None:
        if experiment.id is None:
            return
        answer = QMessageBox.question(
            self,
            "Stop the experiment?",
            "Stop now? Its reminder stops and the result will rest on the days so far. "
            "Undo (Ctrl+Z) takes it back.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.insights.stop_experiment(experiment.id)
        self.signals.status.emit("Experiment stopped. Undo (Ctrl+Z) takes it back.")

    def remove_experiment(self, experiment: SelfExperiment) -> None:
        if experiment.id is None:
            return
        self.insights.delete_experiment(experiment.id)
        self.signals.status.emit("Experiment removed. Undo (Ctrl+Z) brings it back.")

    # --- refreshing and theme ------------------------------------------------------------------

    def _on_changed(self, change: JournalChange) -> None:
        if not change.touches_any(EntryKind, (*INSIGHT_TOPICS, Topic.EXPERIMENTS)):
            return
        if Topic.TRACKERS in change.topics or change.everything:
            self._factor_choices = None
        self._stale = True
        self._timer.start()

    def _refresh_if_visible(self) -> None:
        if self.isVisible() and self._stale:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_theme()

    def apply_theme(self) -> None:
        self.colours = insights_colours(self.palette())
        self.setStyleSheet(insights_stylesheet(self.colours))
        if self.report is not None and self.finding_cards:
            self._show_findings(self.report)  # the charts take the new scheme's colours


def _also_words(others: list[Finding]) -> str:
    """The other lags at which the same pair stands out, in a few words."""
    if not others:
        return ""
    event = others[0].effect_unit == "risk ratio"
    words = {0: "on the same day", 1: "a day later"}
    lags = " and ".join(
        lag_words(f.lag_days, event=True) if event else words.get(f.lag_days, "") for f in others
    )
    return f"It also stands out {lags}."


def _waiting_by_pair(report: InsightsReport) -> list[str]:
    """One line per outcome and missing amount: what more would let Insights compare them.

    Many factors wait for the same thing (five flare onsets); they share one line.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for item in report.result.not_enough_data:
        key = (item.outcome, item.needed.replace(item.factor, "{factor}"))
        factors = groups.setdefault(key, [])
        if item.factor not in factors:
            factors.append(item.factor)
    lines = []
    for (outcome, needed), factors in groups.items():
        if "{factor}" in needed or len(factors) == 1:
            for factor in factors:
                lines.append(f"{factor} and {outcome}: {needed.replace('{factor}', factor)}.")
            continue
        named_ = ", ".join(factors[:3]) + (
            f" and {len(factors) - 3} more" if len(factors) > 3 else ""
        )
        lines.append(f"{outcome} with {named_}: {needed}.")
    return list(dict.fromkeys(lines))


def _long(day: date) -> str:
    return f"{day:%d %B %Y}".lstrip("0")
