"""The list of charts to show, with a tick for each and an order the user can change by
dragging or with the Move up / Move down buttons (Alt+Up / Alt+Down from the list)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.services.charts import ChartSpec
from journal.ui.charts.naming import named

_KEY = Qt.ItemDataRole.UserRole


class ChartChooser(QWidget):
    """Tick the charts to show; their order here is their order on screen."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartChooser")
        title = QLabel("<b>Charts shown</b>")
        hint = QLabel("Tick to show. Drag, or use the buttons, to change the order.")
        hint.setWordWrap(True)
        hint.setObjectName("chooserHint")
        self.list = named(QListWidget(), "chartList")
        self.list.setAccessibleName("Charts shown")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSpacing(1)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.model().rowsMoved.connect(lambda *_args: self.changed.emit())
        self.up = named(QPushButton("Move up"), "moveChartUp")
        self.down = named(QPushButton("Move down"), "moveChartDown")
        self.up.setToolTip("Move the selected chart up (Alt+Up)")
        self.down.setToolTip("Move the selected chart down (Alt+Down)")
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down.clicked.connect(lambda: self.move_selected(1))
        QShortcut(QKeySequence("Alt+Up"), self.list, lambda: self.move_selected(-1))
        QShortcut(QKeySequence("Alt+Down"), self.list, lambda: self.move_selected(1))

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._fit_width()

    def _fit_width(self) -> None:
        """Wide enough for both buttons (and the longest titles) at any text size."""
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        buttons = self.up.sizeHint().width() + self.down.sizeHint().width() + 6
        need = buttons + margins.left() + margins.right()
        self.setMinimumWidth(max(230, need))
        self.setMaximumWidth(max(300, need + 40))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()

    def set_charts(self, arranged: Sequence[tuple[ChartSpec, bool]]) -> None:
        """Fill the list without announcing a change."""
        with QSignalBlocker(self.list):
            current = self.list.currentItem()
            current_key = current.data(_KEY) if current is not None else None
            self.list.clear()
            for spec, shown in arranged:
                item = QListWidgetItem(spec.title)
                item.setData(_KEY, spec.key)
                item.setToolTip(spec.description or spec.title)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
                self.list.addItem(item)
                if spec.key == current_key:
                    self.list.setCurrentItem(item)

    def order(self) -> list[str]:
        return [self.list.item(i).data(_KEY) for i in range(self.list.count())]

    def hidden(self) -> set[str]:
        return {
            self.list.item(i).data(_KEY)
            for i in range(self.list.count())
            if self.list.item(i).checkState() != Qt.CheckState.Checked
        }

    def shown(self) -> list[str]:
        hidden = self.hidden()
        return [k for k in self.order() if k not in hidden]

    def set_shown(self, key: str, shown: bool) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(_KEY) == key:
                item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)

    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        with QSignalBlocker(self.list):
            item = self.list.takeItem(row)
            self.list.insertItem(target, item)
            self.list.setCurrentRow(target)
        self.changed.emit()
