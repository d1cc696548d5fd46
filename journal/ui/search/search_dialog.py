"""A search box with results listed by date; choosing one opens that day with it selected."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal.domain.entries import Entry
from journal.services import Services
from journal.ui.entry_text import describe
from journal.ui.icons import kind_icon

TYPING_PAUSE_MS = 200
RESULT_LIMIT = 200


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
        self.results = QListWidget()
        self.results.setObjectName("results")
        self.results.setAccessibleName("Search results")
        self.results.setIconSize(self.results.iconSize() * 1.4)
        self.results.setAlternatingRowColors(True)
        self.summary = QLabel("Type to search. Enter opens the day of the chosen entry.")
        self.summary.setObjectName("summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.resize(640, 520)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self._choose_current)
        self.results.itemActivated.connect(lambda _item: self._choose_current())
        self._entries: list[Entry] = []

    def run_search(self) -> None:
        text = self.query.text().strip()
        self._entries = self.services.journal.search(text, RESULT_LIMIT) if text else []
        self.results.clear()
        units = self.services.units
        meds = {m.id: m for m in self.services.journal.medications() if m.id is not None}
        trackers = {t.id: t for t in self.services.journal.trackers() if t.id is not None}
        locale = QLocale()
        for entry in self._entries:
            words = describe(entry, units, meds, trackers)
            day = locale.toString(
                QDate(entry.day.year, entry.day.month, entry.day.day),
                QLocale.FormatType.ShortFormat,
            )
            item = QListWidgetItem(kind_icon(entry.kind), f"{day}   {words.title}\n{words.detail}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.results.addItem(item)
        if not text:
            self.summary.setText("Type to search. Enter opens the day of the chosen entry.")
        elif not self._entries:
            self.summary.setText(f"Nothing found for “{text}”.")
        else:
            shown = len(self._entries)
            more = " (the most recent)" if shown == RESULT_LIMIT else ""
            self.summary.setText(f"{shown} entr{'y' if shown == 1 else 'ies'} found{more}.")
            self.results.setCurrentRow(0)

    def _choose_current(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.run_search()
        row = self.results.currentRow()
        if 0 <= row < len(self._entries):
            self.entry_chosen.emit(self._entries[row])
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Up/Down in the search box move through the results, so the keyboard never has to leave.
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.query.hasFocus():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
            self.results.setCurrentRow(row)
            return
        super().keyPressEvent(event)
