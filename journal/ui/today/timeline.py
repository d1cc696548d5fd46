"""The day's timeline: a list model of entries, a delegate painting icon, time, title and
detail, and Edit and Delete buttons over the row under the mouse (or the selected one)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QCursor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from journal.domain.entries import Entry
from journal.domain.kinds import label_of
from journal.domain.vocabulary import EntryKind
from journal.ui.entry_text import EntryText
from journal.ui.icons import icon, kind_pixmap
from journal.ui.palette import is_dark, kind_colour, mix

ModelIndex = QModelIndex | QPersistentModelIndex

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
TIME_ROLE = Qt.ItemDataRole.UserRole + 2
TEXT_ROLE = Qt.ItemDataRole.UserRole + 3
KIND_ROLE = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class TimelineRow:
    """One entry as the timeline shows it."""

    entry: Entry
    time: str
    text: EntryText


class TimelineModel(QAbstractListModel):
    """The entries of one day, oldest first (newest last)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineRow] = []

    def set_rows(self, rows: list[TimelineRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.time}  {row.text.one_line}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            kind = label_of(row.entry.kind)
            parts = [row.time, kind, row.text.title, row.text.detail, row.text.note]
            return ", ".join(p for p in parts if p)
        if role == ENTRY_ROLE:
            return row.entry
        if role == TIME_ROLE:
            return row.time
        if role == TEXT_ROLE:
            return row.text
        if role == KIND_ROLE:
            return row.entry.kind
        return None

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.entry.id == entry_id), None)

    def entry(self, row: int) -> Entry:
        return self._rows[row].entry

    @property
    def rows(self) -> list[TimelineRow]:
        return list(self._rows)


# --- painting ------------------------------------------------------------------------------

PAD_X = 12
PAD_Y = 10
BADGE = 34
GAP = 14
LINE_GAP = 2


@dataclass(frozen=True, slots=True)
class RowState:
    selected: bool
    hovered: bool
    focused: bool


class TimelineDelegate(QStyledItemDelegate):
    """Paints an entry as a badge with its kind icon on a rail, the time, a title and details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.surface = QGuiApplication.palette().color(QPalette.ColorRole.Base)
        """The colour behind the list; tints are mixed from it (a style sheet may make the
        view's own palette transparent)."""
        self.hover_row: int | None = None
        """The row under the mouse, kept by the view (Qt forgets it when the mouse moves onto
        the row's buttons): ``TimelineView``, or ``HoverTracker`` for any other list."""
        self.actions_row: int | None = None
        self.actions_width = 0
        """The row that has Edit and Delete buttons over its right end, and their width: its
        text is cut short of them."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setWeight(QFont.Weight.DemiBold)
        time = QFont(base)
        time.setFeature(QFont.Tag("tnum"), 1)  # tabular digits keep the times aligned
        detail = QFont(base)
        detail.setPointSizeF(base.pointSizeF() * 0.93)
        note = QFont(detail)
        note.setItalic(True)
        return title, time, detail, note

    def _time_width(self, time_font: QFont) -> int:
        return QFontMetrics(time_font).horizontalAdvance("12:59 PM") + 4

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        height = _lines_height(index.data(TEXT_ROLE), self._fonts(option))
        return QSize(200, max(height, BADGE) + 2 * PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        text: EntryText = index.data(TEXT_ROLE)
        kind: EntryKind = index.data(KIND_ROLE)
        time_text: str = index.data(TIME_ROLE)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        fonts = self._fonts(option)
        title_font, time_font, detail_font, note_font = fonts

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_background(painter, rect, palette, self._row_state(index))
        badge_centre = QPointF(rect.left() + PAD_X + BADGE / 2, rect.top() + PAD_Y + BADGE / 2)
        self._paint_rail(painter, rect, badge_centre, index, palette)
        self._paint_badge(painter, badge_centre, kind, palette)

        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = mix(text_colour, self.surface, 0.4)
        x = rect.left() + PAD_X + BADGE + GAP
        time_width = self._time_width(time_font)
        title_metrics = QFontMetrics(title_font)
        # The time sits on the title's baseline so the two read as one line.
        top = rect.top() + PAD_Y + max(0, (BADGE - _lines_height(text, fonts)) // 2)
        baseline = top + title_metrics.ascent()
        painter.setFont(time_font)
        painter.setPen(muted)
        painter.drawText(QPointF(x, baseline), time_text)

        x += time_width + GAP // 2
        width = rect.right() - PAD_X - x
        if index.row() == self.actions_row:
            width -= self.actions_width
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(
            QPointF(x, baseline),
            title_metrics.elidedText(text.title, Qt.TextElideMode.ElideRight, width),
        )
        y = top + title_metrics.height()
        for line, font in ((text.detail, detail_font), (text.note, note_font)):
            if not line:
                continue
            metrics = QFontMetrics(font)
            y += LINE_GAP
            painter.setFont(font)
            painter.setPen(muted)
            painter.drawText(
                QPointF(x, y + metrics.ascent()),
                metrics.elidedText(line, Qt.TextElideMode.ElideRight, width),
            )
            y += metrics.height()
        painter.restore()

    def _row_state(self, index: ModelIndex) -> RowState:
        """Whether the row is selected, under the mouse, and the view's current row with
        the focus, asked of the view as Qt works out ``option.state``: reading that (a
        ``QStyle.StateFlag``) has PySide6 make every enum of ``QStyle``, 566 values, before
        the first paint."""
        view = self.parent()
        if not isinstance(view, QAbstractItemView):
            return RowState(selected=False, hovered=index.row() == self.hover_row, focused=False)
        selection = view.selectionModel()
        focus = view.hasFocus() or view.viewport().hasFocus()
        return RowState(
            selected=selection is not None and selection.isSelected(index),
            hovered=index.row() == self.hover_row,
            focused=focus and view.currentIndex() == index,
        )

    def _paint_background(
        self, painter: QPainter, rect: QRect, palette: QPalette, state: RowState
    ) -> None:
        area = QRectF(rect).adjusted(2, 1, -2, -1)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        base = self.surface
        fill: QColor | None = None
        if state.selected:
            fill = mix(base, highlight, 0.30 if is_dark() else 0.16)
        elif state.hovered:
            fill = mix(base, palette.color(QPalette.ColorRole.Text), 0.05)
        if fill is None:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(area, 8, 8)
        if state.selected and state.focused:
            painter.setPen(QPen(mix(base, highlight, 0.7), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(area.adjusted(0.75, 0.75, -0.75, -0.75), 8, 8)

    def _paint_rail(
        self,
        painter: QPainter,
        rect: QRect,
        centre: QPointF,
        index: ModelIndex,
        palette: QPalette,
    ) -> None:
        """A thin line joining the badges, so the day reads as one timeline."""
        rows = index.model().rowCount()
        colour = mix(self.surface, palette.color(QPalette.ColorRole.Text), 0.15)
        painter.setPen(QPen(colour, 2))
        if index.row() > 0:
            painter.drawLine(QPointF(centre.x(), rect.top()), QPointF(centre.x(), centre.y()))
        if index.row() < rows - 1:
            painter.drawLine(
                QPointF(centre.x(), centre.y()), QPointF(centre.x(), rect.bottom() + 1)
            )

    def _paint_badge(
        self, painter: QPainter, centre: QPointF, kind: EntryKind, palette: QPalette
    ) -> None:
        base = self.surface
        accent = kind_colour(kind)
        badge = QRectF(0, 0, BADGE, BADGE)
        badge.moveCenter(centre)
        painter.setPen(QPen(mix(base, accent, 0.55), 1.2))
        painter.setBrush(mix(base, accent, 0.32 if is_dark() else 0.2))
        painter.drawEllipse(badge)
        size = 18
        glyph = kind_pixmap(kind, size, palette.color(QPalette.ColorRole.Text))
        painter.drawPixmap(QPointF(centre.x() - size / 2, centre.y() - size / 2), glyph)


def _lines_height(text: EntryText, fonts: tuple[QFont, QFont, QFont, QFont]) -> int:
    title, _time, detail, note = fonts
    height = QFontMetrics(title).height()
    if text.detail:
        height += LINE_GAP + QFontMetrics(detail).height()
    if text.note:
        height += LINE_GAP + QFontMetrics(note).height()
    return height


class RowActions(QFrame):
    """The Edit and Delete buttons shown over a timeline row."""

    edit_clicked = Signal()
    delete_clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("rowActions")
        self.edit_button = self._button("rowEdit", "Edit", "edit", "Edit this entry (Enter)")
        self.delete_button = self._button(
            "rowDelete", "Delete", "delete", "Delete this entry (Delete); Ctrl+Z brings it back"
        )
        self.edit_button.clicked.connect(self.edit_clicked)
        self.delete_button.clicked.connect(self.delete_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.delete_button)
        self.hide()

    @staticmethod
    def _button(name: str, text: str, icon_name: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setProperty("iconName", icon_name)
        button.setIcon(icon(icon_name))
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        # The list keeps the keyboard (Enter edits, Delete deletes); these are for the mouse.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return button

    def set_compact(self, compact: bool) -> None:
        """Icons only where the row is narrow, so the entry's own words keep their room."""
        style = (
            Qt.ToolButtonStyle.ToolButtonIconOnly
            if compact
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        for button in (self.edit_button, self.delete_button):
            button.setToolButtonStyle(style)
        self.adjustSize()

    def refresh_icons(self) -> None:
        for button in (self.edit_button, self.delete_button):
            button.setIcon(icon(str(button.property("iconName"))))


# Below this row width the row buttons show icons only.
COMPACT_BELOW = 560


class HoverTracker(QObject):
    """Keeps a ``TimelineDelegate``'s ``hover_row`` for a list other than ``TimelineView``
    (which keeps it itself, with its row buttons): the row under the mouse, or None."""

    def __init__(self, view: QAbstractItemView, delegate: TimelineDelegate) -> None:
        super().__init__(view)
        self._view = view
        self._delegate = delegate
        view.setMouseTracking(True)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseMove:
            index = self._view.indexAt(event.position().toPoint())
            self._set(index.row() if index.isValid() else None)
        elif event.type() == QEvent.Type.Leave:
            self._set(None)
        return False

    def _set(self, row: int | None) -> None:
        if row != self._delegate.hover_row:
            self._delegate.hover_row = row
            self._view.viewport().update()


class TimelineView(QListView):
    """The list of the day's entries: Enter or double-click edits, Delete deletes, and the row
    under the mouse (else the selected one) shows Edit and Delete buttons."""

    edit_requested = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here, not the one Qt made: the first Python look at a widget Qt
        # made has PySide6 find its type among every widget class, creating their enums
        # (~20 ms of the first paint).
        self.setViewport(QWidget())
        self.setObjectName("timeline")
        self.setAccessibleName("Entries of the day")
        self.delegate = TimelineDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setSpacing(0)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.doubleClicked.connect(self._on_double_click)
        self.row_actions = RowActions(self.viewport())
        self.row_actions.edit_clicked.connect(lambda: self._act_on_actions_row(self.edit_requested))
        self.row_actions.delete_clicked.connect(
            lambda: self._act_on_actions_row(self.delete_requested)
        )
        self._actions_row: int | None = None

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._on_reset)

    def current_entry(self) -> Entry | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isSelected(index):
            return None
        entry: Entry = index.data(ENTRY_ROLE)
        return entry

    # --- the row buttons -------------------------------------------------------------------

    @property
    def actions_row(self) -> int | None:
        """The row whose Edit and Delete buttons show (None: no buttons)."""
        return self._actions_row

    def _act_on_actions_row(self, signal: SignalInstance) -> None:
        row = self._actions_row
        if row is None or self.model() is None or row >= self.model().rowCount():
            return
        index = self.model().index(row, 0)
        self.setCurrentIndex(index)
        signal.emit(index.data(ENTRY_ROLE))

    def _selected_row(self) -> int | None:
        entry = self.current_entry()
        return self.currentIndex().row() if entry is not None else None

    def _place_actions(self) -> None:
        """Put the buttons over the hovered row, else the selected one, else hide them."""
        row = self.delegate.hover_row
        if row is None:
            row = self._selected_row()
        model = self.model()
        if row is None or model is None or row >= model.rowCount():
            self._set_actions_row(None)
            return
        rect = self.visualRect(model.index(row, 0))
        actions = self.row_actions
        actions.set_compact(rect.width() < COMPACT_BELOW)
        size = actions.sizeHint()
        actions.resize(size)
        actions.move(rect.right() - PAD_X - size.width(), rect.center().y() - size.height() // 2)
        self.delegate.actions_width = size.width() + GAP
        self._set_actions_row(row)
        actions.show()
        actions.raise_()

    def _set_actions_row(self, row: int | None) -> None:
        if row is None:
            self.row_actions.hide()
        if row != self._actions_row:
            self._actions_row = row
            self.delegate.actions_row = row
            self.viewport().update()

    def _set_hover_row(self, row: int | None) -> None:
        if row != self.delegate.hover_row:
            self.delegate.hover_row = row
            self.viewport().update()
        self._place_actions()

    def _on_reset(self) -> None:
        hovered = None
        if self.viewport().underMouse():
            index = self.indexAt(self.viewport().mapFromGlobal(QCursor.pos()))
            hovered = index.row() if index.isValid() else None
        self.delegate.hover_row = hovered
        self._place_actions()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        index = self.indexAt(event.position().toPoint())
        self._set_hover_row(index.row() if index.isValid() else None)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._set_hover_row(None)
        return super().viewportEvent(event)

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        super().selectionChanged(selected, deselected)
        self._place_actions()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_actions()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        index = self.indexAt(self.viewport().mapFromGlobal(QCursor.pos()))
        if self.delegate.hover_row is not None:
            self.delegate.hover_row = index.row() if index.isValid() else None
        self._place_actions()

    # --- keys, clicks and the context menu ---------------------------------------------------

    def _on_double_click(self, index: QModelIndex) -> None:
        self.edit_requested.emit(index.data(ENTRY_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        entry = self.current_entry()
        if entry is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit(entry)
            return
        if entry is not None and (
            event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace
        ):
            self.delete_requested.emit(entry)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        entry: Entry = index.data(ENTRY_ROLE)
        menu = QMenu(self)
        edit = menu.addAction(icon("edit"), "&Edit…", lambda: self.edit_requested.emit(entry))
        edit.setShortcut(QKeySequence(Qt.Key.Key_Return))
        delete = menu.addAction(
            icon("delete"), "&Delete", lambda: self.delete_requested.emit(entry)
        )
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        menu.exec(event.globalPos())
