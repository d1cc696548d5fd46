"""First run: a few goals to start with, each with its public source, clearly general guidance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.domain.goals import TEMPLATE_SOURCES, GoalTemplate
from journal.domain.units import UnitPreferences
from journal.ui.goals.wording import describe
from journal.ui.widgets.card_style import named

# The first three follow the reference facts in DESIGN.md; they start ticked.
CHECKED_BY_DEFAULT = 3


class TemplatesPanel(QFrame):
    """Tick the goals you want; ``chosen`` carries the ticked templates, ``declined`` "not now"."""

    chosen = Signal(list)
    declined = Signal()

    def __init__(
        self, templates: list[GoalTemplate], units: UnitPreferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templatesCard")
        self.templates = templates
        title = named(QLabel("Start with a goal or two"), "templatesTitle")
        intro = named(
            QLabel("Pick what fits you today; you can change, pause or remove any goal later."),
            "sectionHint",
        )
        intro.setWordWrap(True)
        guidance = named(QLabel(), "guidanceNote")
        guidance.setText(
            f"<b>{TEMPLATE_SOURCES}.</b> These are general targets for adults, not advice "
            "for you: your care team may suggest different ones."
        )
        guidance.setWordWrap(True)
        guidance.setTextFormat(Qt.TextFormat.RichText)
        guidance.setAccessibleName(TEMPLATE_SOURCES)
        self.boxes: list[QCheckBox] = []
        rows = QVBoxLayout()
        rows.setSpacing(6)
        for index, template in enumerate(templates):
            box = QCheckBox(describe(template.goal, units))
            box.setChecked(index < CHECKED_BY_DEFAULT)
            box.setAccessibleName(f"{describe(template.goal, units)}. Source: {template.source}")
            source = named(QLabel(template.source), "templateSource")
            source.setWordWrap(True)
            source.setContentsMargins(26, 0, 0, 4)
            rows.addWidget(box)
            rows.addWidget(source)
            self.boxes.append(box)
        self.add_button = named(QPushButton("Add selected goals"), "primaryButton")
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.clicked.connect(self._add)
        self.later_button = named(QPushButton("Not now"), "quietButton")
        self.later_button.clicked.connect(self.declined.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(guidance)
        layout.addLayout(rows)
        layout.addLayout(buttons)
        for box in self.boxes:
            box.toggled.connect(self._update_button)

    def selected(self) -> list[GoalTemplate]:
        return [t for t, box in zip(self.templates, self.boxes, strict=True) if box.isChecked()]

    def _update_button(self) -> None:
        self.add_button.setEnabled(bool(self.selected()))

    def _add(self) -> None:
        self.chosen.emit(self.selected())
