"""The Goals view: progress cards for each goal, first-run templates, and the reminders list."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal.domain.goals import Goal, GoalTemplate
from journal.domain.vocabulary import EntryKind
from journal.services.changes import JournalChange, Topic
from journal.services.goals import GoalService
from journal.ui.goals.card import GoalCard
from journal.ui.goals.dialog import open_goal_dialog
from journal.ui.goals.templates import TemplatesPanel
from journal.ui.signals import JournalSignals
from journal.ui.widgets.card_style import goal_colours, goals_stylesheet, named

if TYPE_CHECKING:
    from journal.services import Services

log = logging.getLogger(__name__)

COLUMNS = 2
"""At most; one where two cards would not fit side by side."""


def locale_week_start(locale: QLocale | None = None) -> int:
    """The locale's first day of the week, 0 = Monday ... 6 = Sunday."""
    day = (locale or QLocale()).firstDayOfWeek()
    return (day.value - 1) % 7


# Besides entries (any entry makes a day "logged"), goals read these; the reminder panels
# beside them show reminders and the medication list's.
GOAL_TOPICS = (Topic.GOALS, Topic.REMINDERS, Topic.MEDICATIONS, Topic.TRACKERS, Topic.SETTINGS)


class GoalsView(QWidget):
    """Goals with their progress (read from the journal through the services) and reminders."""

    def __init__(
        self,
        services: Services,
        signals: JournalSignals,
        parent: QWidget | None = None,
        *,
        week_start: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.signals = signals
        self.service: GoalService = services.goals
        self.week_start = locale_week_start() if week_start is None else week_start
        self.cards: list[GoalCard] = []
        self._dirty = True
        self._templates: TemplatesPanel | None = None

        self.title = named(QLabel("Goals"), "pageTitle")
        self.subtitle = named(QLabel("Small steps, counted kindly."), "pageSubtitle")
        self.add_button = named(QPushButton("Add goal…"), "primaryButton")
        self.add_button.setAccessibleName("Add a goal")
        self.add_button.setShortcut("Ctrl+Shift+G")
        self.add_button.setToolTip("Add a goal (Ctrl+Shift+G)")
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.clicked.connect(self.add_goal)
        if self.services.read_only:
            from journal.ui.read_only import disable_inline_editing

            disable_inline_editing(self.add_button)
        self.empty = self._empty_card()
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        self.columns = 1

        from journal.ui.reminders.panel import RemindersPanel, StayingAroundPanel

        self.reminders = RemindersPanel(services, signals)
        self.staying = StayingAroundPanel(services)
        self._build()
        self.signals.changed.connect(self._on_changed)
        self.apply_theme()
        self.refresh()

    def _empty_card(self) -> QFrame:
        card = named(QFrame(), "emptyCard")
        text = named(
            QLabel(
                "No goals yet. A goal can be as small as one stress check-in a day — "
                "choose “Add goal…” to set one."
            ),
            "emptyHint",
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.addWidget(text)
        return card

    def _build(self) -> None:
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        page = named(QWidget(), "goalsPage")
        self.page_layout = QVBoxLayout(page)
        self.page_layout.setContentsMargins(28, 22, 28, 28)
        self.page_layout.setSpacing(14)
        self.page_layout.addLayout(head)
        self.templates_slot = QVBoxLayout()
        self.page_layout.addLayout(self.templates_slot)
        self.page_layout.addWidget(self.empty)
        self.page_layout.addLayout(self.grid)
        self.page_layout.addSpacing(14)
        self.page_layout.addWidget(self.reminders)
        self.page_layout.addSpacing(8)
        self.page_layout.addWidget(self.staying)
        self.page_layout.addStretch(1)
        scroll = named(QScrollArea(), "goalsScroll")
        scroll.setWidgetResizable(True)
        # Cards reflow into one column when two do not fit: never a sideways scroll.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.setMinimumWidth(0)
        self.scroll_area = scroll
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # --- the cards' columns -------------------------------------------------------------------

    def _columns_for(self, width: int) -> int:
        """Two columns where two cards fit side by side at their natural width, else one."""
        card = max((c.minimumSizeHint().width() for c in self.cards), default=0)
        margins = self.page_layout.contentsMargins()
        room = width - margins.left() - margins.right()
        return COLUMNS if card and COLUMNS * card + self.grid.spacing() <= room else 1

    def _place_cards(self) -> None:
        self.columns = self._columns_for(self.scroll_area.viewport().width())
        for card in self.cards:
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // self.columns, index % self.columns)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < self.columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._columns_for(self.scroll_area.viewport().width()) != self.columns:
            self._place_cards()

    # --- refresh ---------------------------------------------------------------------------

    def _on_changed(self, change: JournalChange) -> None:
        if not change.touches_any(EntryKind, GOAL_TOPICS):
            return  # a favourite or a flare: no goal reads them
        self._dirty = True
        if self.isVisible():
            # Coalesce a burst of changes (an import, an undo of many) into one refresh.
            QTimer.singleShot(0, self, self._refresh_if_dirty)

    def _refresh_if_dirty(self) -> None:
        if self._dirty:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_if_dirty()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_theme()

    def apply_theme(self) -> None:
        self.colours = goal_colours(self.palette())
        self.setStyleSheet(goals_stylesheet(self.colours))
        for card in self.cards:
            card.set_colours(self.colours)

    def refresh(self) -> None:
        """Read every goal's progress and show it (one read of the journal)."""
        self._dirty = False
        results = self.service.progress(week_start=self.week_start)
        units = self.services.units
        trackers = {t.id: t for t in self.services.journal.trackers()}
        while len(self.cards) > len(results):
            card = self.cards.pop()
            self.grid.removeWidget(card)
            card.deleteLater()
        for index, (goal, progress) in enumerate(results):
            if index >= len(self.cards):
                card = GoalCard()
                card.set_colours(self.colours)
                card.edit_requested.connect(self.edit_goal)
                card.pause_requested.connect(self.pause_goal)
                card.remove_requested.connect(self.remove_goal)
                self.cards.append(card)
            tracker = trackers.get(goal.tracker_id) if goal.tracker_id is not None else None
            self.cards[index].show_progress(
                progress,
                units,
                tracker_name=tracker.name if tracker else "",
                tracker_unit=tracker.unit if tracker else "",
            )
        self._place_cards()
        self.empty.setVisible(not results and self._templates is None)
        self._show_templates_if_first_run()
        self.reminders.refresh()

    def _show_templates_if_first_run(self) -> None:
        if self._templates is not None or not self.service.should_offer_templates():
            return
        panel = TemplatesPanel(self.service.templates(), self.services.units)
        panel.chosen.connect(self._add_templates)
        panel.declined.connect(self._decline_templates)
        self.templates_slot.addWidget(panel)
        self._templates = panel
        self.empty.hide()

    def _close_templates(self) -> None:
        if self._templates is not None:
            self._templates.hide()
            self._templates.deleteLater()
            self._templates = None

    def _add_templates(self, chosen: list[GoalTemplate]) -> None:
        self._close_templates()
        saved = self.service.add_templates(chosen)
        self.signals.status.emit(f"Added {len(saved)} goal{'s' if len(saved) != 1 else ''}.")
        self.refresh()

    def _decline_templates(self) -> None:
        self.service.mark_templates_offered()
        self._close_templates()
        self.refresh()

    @property
    def templates_panel(self) -> TemplatesPanel | None:
        return self._templates

    # --- actions ---------------------------------------------------------------------------

    def add_goal(self) -> Goal | None:
        saved = open_goal_dialog(self, self.services)
        if saved is not None:
            self.signals.status.emit(f"Goal “{saved.name}” added.")
        return saved

    def edit_goal(self, goal: Goal) -> Goal | None:
        saved = open_goal_dialog(self, self.services, goal)
        if saved is not None:
            self.signals.status.emit(f"Goal “{saved.name}” saved.")
        return saved

    def pause_goal(self, goal: Goal, paused: bool) -> None:
        if goal.id is None:
            return
        try:
            self.service.set_paused(goal.id, paused)
        except LookupError as error:
            QMessageBox.information(self, "Goal", str(error))
            return
        word = "paused" if paused else "resumed"
        self.signals.status.emit(f"Goal “{goal.name}” {word}.")

    def remove_goal(self, goal: Goal) -> None:
        if goal.id is None:
            return
        try:
            self.service.delete_goal(goal.id)
        except LookupError as error:
            QMessageBox.information(self, "Goal", str(error))
            return
        self.signals.status.emit(f"Goal “{goal.name}” removed. Undo (Ctrl+Z) brings it back.")
