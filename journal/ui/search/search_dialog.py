"""A search box with results listed by date; choosing one opens that day with it selected.

Results are drawn like the Today timeline (badge, date, title, details), so an entry
looks the same wherever it is found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from journal.domain.entries import Entry
from journal.ui.entry_text import describe
from journal.ui.today.timeline import TimelineDelegate, TimelineModel, TimelineRow

if TYPE_CHECKING:
    from journal.services import Services

TYPING_PAUSE_MS = 200
RESULT_LIMIT = 200


class SearchResultDelegate(TimelineDelegate):
    """The timeline's look with the date in the time column and no rail between rows
    (results come from many days)."""

    def _time_width(self, time_font: QFont) -> int:
        return QFontMetrics(time_font).horizontalAdvance("Wed 30 Sep 2026") + 4

    def _paint_rail(
        self,
        painter: QPainter,
        rect: QRect,
        centre: QPointF,
        index: QModelIndex | QPersistentModelIndex,
        palette: QPalette,
    ) -> None:
        return


class SearchDialog(QDialog):
    entry_chosen = Signal(object)
    """Carries the chosen :class:`Entry`."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Search the journal")
        self.setObjectName("searchDialog")
        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.setPlaceholderText("Search notes, meals, tags, symptoms, medications…")
        self.query.setAccessibleName("Search text")
        self.query.setClearButtonEnabled(True)
        self.model = TimelineModel(self)
        self.results = QListView()
        self.results.setObjectName("results")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchResultDelegate(self.results))
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.summary = QLabel("Type to search. Enter opens the day of the chosen entry.")
        self.summary.setObjectName("summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.resize(720, 560)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self._choose_current)
        self.results.activated.connect(lambda _index: self._choose_current())

    @property
    def found(self) -> list[Entry]:
        return [row.entry for row in self.model.rows]

    def run_search(self) -> None:
        text = self.query.text().strip()
        entries = self.services.journal.search(text, RESULT_LIMIT) if text else []
        units = self.services.units
        meds = {m.id: m for m in self.services.journal.medications() if m.id is not None}
        trackers = {t.id: t for t in self.services.journal.trackers() if t.id is not None}
        self.model.set_rows(
            [
                TimelineRow(e, f"{e.day:%a %d %b %Y}", describe(e, units, meds, trackers))
                for e in entries
            ]
        )
        if not text:
            self.summary.setText("Type to search. Enter opens the day of the chosen entry.")
        elif not entries:
            self.summary.setText(f"Nothing found for “{text}”.")
        else:
            shown = len(entries)
            more = " (the most recent)" if shown == RESULT_LIMIT else ""
            self.summary.setText(f"{shown} entr{'y' if shown == 1 else 'ies'} found{more}.")
            self.results.setCurrentIndex(self.model.index(0))

    def _choose_current(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.run_search()
        index = self.results.currentIndex()
        if index.isValid():
            self.entry_chosen.emit(self.model.entry(index.row()))
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Up/Down in the search box move through the results, so the keyboard never has to leave.
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.query.hasFocus():
            count = self.model.rowCount()
            if count:
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = min(max(self.results.currentIndex().row() + step, 0), count - 1)
                self.results.setCurrentIndex(self.model.index(row))
            return
        super().keyPressEvent(event)
