"""The day's doses still due, each ticked off with one click ("Taken"), or late / skipped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.domain.text import format_clock
from journal.domain.units import UnitPreferences
from journal.domain.vocabulary import DoseStatus, EntryKind
from journal.services.day import DueDose
from journal.ui.icons import kind_accent, kind_pixmap


def dose_label(due: DueDose, units: UnitPreferences) -> str:
    return f"{format_clock(due.scheduled, units)}  {due.medication.label}"


class DoseRow(QWidget):
    """One due dose: its time and name, a big "Taken" button and a menu for late / skipped."""

    chosen = Signal(object, object)
    """(DueDose, DoseStatus)"""

    def __init__(self, due: DueDose, units: UnitPreferences, parent: QWidget | None = None):
        super().__init__(parent)
        self.due = due
        spoken = f"{due.medication.label} due {format_clock(due.scheduled, units)}"
        self.setAccessibleName(spoken)
        badge = QLabel()
        badge.setPixmap(kind_pixmap(EntryKind.DOSE, 18, kind_accent(EntryKind.DOSE)))
        time_label = QLabel(format_clock(due.scheduled, units))
        time_label.setObjectName("doseTime")
        name = QLabel(due.medication.label)
        name.setObjectName("doseName")
        self.taken_button = QPushButton("Taken")
        self.taken_button.setObjectName("doseTaken")
        self.taken_button.setAccessibleName(f"Mark {spoken} as taken")
        self.taken_button.setToolTip(f"Log {due.medication.label} as taken")
        self.taken_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.taken_button.clicked.connect(lambda: self.chosen.emit(self.due, DoseStatus.TAKEN))
        self.more_button = QToolButton()
        self.more_button.setObjectName("doseMore")
        self.more_button.setText("⋯")
        self.more_button.setAccessibleName(f"Other choices for {spoken}")
        self.more_button.setToolTip("Taken late or skipped")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.more_button)
        self.menu.addAction("Taken late", lambda: self.chosen.emit(self.due, DoseStatus.LATE))
        self.menu.addAction("Skipped", lambda: self.chosen.emit(self.due, DoseStatus.SKIPPED))
        self.more_button.setMenu(self.menu)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 0, 2)
        layout.setSpacing(10)
        layout.addWidget(badge)
        layout.addWidget(time_label)
        layout.addWidget(name, 1)
        layout.addWidget(self.taken_button)
        layout.addWidget(self.more_button)


SHOWN_ROWS = 3
"""Doses shown at once; more scroll in the panel."""


class DosesDuePanel(QFrame):
    """Lists the doses of the day not logged yet; hidden when there are none."""

    chosen = Signal(object, object)
    """(DueDose, DoseStatus) when the user ticks a dose off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dosesDue")
        self.heading = QLabel("Doses due")
        self.heading.setObjectName("sectionHeading")
        rows_box = QWidget()
        rows_box.setObjectName("doseRows")
        self._rows_layout = QVBoxLayout(rows_box)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(2)
        # A busy day's doses scroll inside the panel (a few rows show) rather than
        # squeezing the timeline below or growing the window.
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("doseScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(rows_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll_area)
        self.rows: list[DoseRow] = []

    def show_doses(self, due: list[DueDose], units: UnitPreferences) -> None:
        for row in self.rows:
            row.hide()  # at once: deleteLater waits for the event loop
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for item in due:
            row = DoseRow(item, units, self)
            row.chosen.connect(self.chosen)
            self._rows_layout.addWidget(row)
            self.rows.append(row)
        self.heading.setText("Dose due" if len(due) == 1 else f"Doses due ({len(due)})")
        self.setVisible(bool(due))
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Room for every row up to ``SHOWN_ROWS``; the rest scroll."""
        if not self.rows:
            return
        row = self.rows[0].sizeHint().height() + self._rows_layout.spacing()
        shown = min(len(self.rows), SHOWN_ROWS)
        self.scroll_area.setFixedHeight(shown * row - self._rows_layout.spacing())
