"""One supported finding: its sentence with the numbers, a small chart of the evidence, a way
to the days in Charts and to an experiment that would test it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal.analysis.insights import Finding
from journal.analysis.insights.evidence import Evidence
from journal.ui.widgets.card_style import named

CAUSE_WORDS = "an association, not a cause."
CHANCE_WORDS = "this could be chance."


def lag_words(lag_days: int, *, event: bool) -> str:
    if event and lag_days == 3:
        return "in the 1-3 days before"
    return "the same day" if lag_days == 0 else "the day before"


def finding_title(finding: Finding) -> str:
    event = finding.effect_unit == "risk ratio"
    factor = finding.factor[:1].upper() + finding.factor[1:]
    return f"{factor} and {finding.outcome}, {lag_words(finding.lag_days, event=event)}"


WITHIN_WORDS = " were compared only with days "


def split_sentence(sentence: str) -> tuple[str, str, str]:
    """The main sentence (numbers and "association, not a cause"), how the days were
    compared (within the flare state), and the cautions (order unclear, factors that came
    together)."""
    main, rest = sentence, ""
    for end in (CAUSE_WORDS, CHANCE_WORDS):
        index = sentence.find(end)
        if index >= 0:
            cut = index + len(end)
            main, rest = sentence[:cut], sentence[cut:].strip()
            break
    within = ""
    if rest.startswith("Days ") and WITHIN_WORDS in rest:
        closing = "other days with other days."
        found = rest.find(closing)
        if found >= 0:
            cut = found + len(closing)
            within, rest = rest[:cut], rest[cut:].strip()
    return main, within, rest


class FindingCard(QFrame):
    """Shows one finding; asks for its days in Charts or an experiment through signals."""

    show_days_requested = Signal(object, object)
    experiment_requested = Signal(object)

    def __init__(
        self,
        finding: Finding,
        evidence: Callable[[], Evidence],
        colours: dict[str, QColor],
        *,
        also: str = "",
        can_experiment: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("findingCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.finding = finding
        self._evidence = evidence
        self._loaded: Evidence | None = None
        self.chart: QWidget | None = None
        main, within, caveats = split_sentence(finding.sentence)
        self.title = named(QLabel(finding_title(finding)), "findingTitle")
        self.title.setWordWrap(True)
        self.sentence = named(QLabel(main), "findingSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caveats = named(QLabel(caveats), "findingNote")
        self.caveats.setWordWrap(True)
        self.caveats.setVisible(bool(caveats))
        self.also = named(QLabel(" ".join(part for part in (within, also) if part)), "findingAlso")
        self.also.setWordWrap(True)
        self.also.setVisible(bool(within or also))
        self.days_button = named(QPushButton("Show these days in Charts"), "quietButton")
        self.days_button.setAccessibleName(f"Show the days behind “{self.title.text()}” in Charts")
        self.days_button.clicked.connect(self._show_days)
        self.experiment_button = named(QPushButton("Test it with an experiment…"), "quietButton")
        self.experiment_button.setAccessibleName(
            f"Plan a self-experiment on {finding.factor} and {finding.outcome}"
        )
        self.experiment_button.setVisible(can_experiment)
        self.experiment_button.clicked.connect(lambda: self.experiment_requested.emit(finding))
        for button in (self.days_button, self.experiment_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._layout()
        self.setAccessibleName(finding.sentence)
        self.colours = colours

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.days_button)
        buttons.addWidget(self.experiment_button)
        buttons.addStretch(1)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(self.title)
        text.addWidget(self.sentence)
        text.addWidget(self.also)
        text.addWidget(self.caveats)
        text.addLayout(buttons)
        text.addStretch(1)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(16, 14, 14, 14)
        self.row.setSpacing(16)
        self.row.addLayout(text, 1)

    def evidence(self) -> Evidence:
        if self._loaded is None:
            self._loaded = self._evidence()
        return self._loaded

    def show_chart(self, theme: object) -> None:
        """Add the evidence chart (loads pyqtgraph the first time)."""
        if self.chart is not None:
            return
        from journal.ui.insights.evidence_chart import EvidenceChart

        chart = EvidenceChart(
            self.evidence(),
            theme,  # type: ignore[arg-type]
            (self.colours["with"], self.colours["without"]),
        )
        self.chart = chart
        self.row.addWidget(chart, 0, Qt.AlignmentFlag.AlignTop)

    def _show_days(self) -> None:
        first, last = self.evidence().busiest_stretch()
        self.show_days_requested.emit(first, last)

    def days_to_show(self) -> tuple[date, date]:
        return self.evidence().busiest_stretch()
