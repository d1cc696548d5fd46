"""A month calendar whose days show dots for what was logged and a tint for flare days (up to
today for an ongoing flare); right-clicking a day asks for what can be done with it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QTableView, QToolButton, QWidget

from journal.domain.vocabulary import EntryKind
from journal.services.day import DayMarks
from journal.ui.icons import icon, kind_accent
from journal.ui.kinds import DOT_ORDER
from journal.ui.palette import FLARE_RGBA, is_dark

MAX_DOTS = 4


MarksSource = Callable[[date, date], dict[date, DayMarks]]


def dot_kinds(marks: DayMarks) -> list[EntryKind]:
    """The kinds a day shows as dots, most telling first, at most MAX_DOTS."""
    return [k for k in DOT_ORDER if k in marks.kinds][:MAX_DOTS]


def page_range(year: int, month: int) -> tuple[date, date]:
    """Every day a month page can show, including the spill-over weeks around it."""
    first = date(year, month, 1)
    return first - timedelta(days=14), first + timedelta(days=45)


def to_date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class DayCalendar(QCalendarWidget):
    """The month of the shown day; marks are read per visible month and cached until a change."""

    day_menu_requested = Signal(object, QPoint)
    """A right-click (or the menu key) on a day: the day and where to show a menu."""

    def __init__(
        self,
        marks_source: MarksSource,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.surface: QColor | None = None
        """The colour behind the calendar (the day-name row is painted with it)."""
        self.setObjectName("dayCalendar")
        self.setAccessibleName("Calendar")
        self._marks_source = marks_source
        self._pages: dict[tuple[int, int], dict[date, DayMarks]] = {}
        self.fetches = 0
        """How many times marks were read from the journal (the cache at work, for tests)."""
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setMinimumSize(280, 240)
        self.currentPageChanged.connect(self._on_page_changed)
        self._cells: dict[date, QRect] = {}
        """Where each shown day was last painted (QCalendarWidget has no "date at")."""
        self.table = self.findChild(QTableView, "qt_calendar_calendarview")
        if self.table is not None:
            self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.refresh_style()

    def sizeHint(self) -> QSize:
        # Room for a dot row under each day number.
        return super().sizeHint().expandedTo(QSize(300, 290))

    # --- marks --------------------------------------------------------------------------

    def marks_for(self, day: date) -> DayMarks | None:
        """The marks of ``day`` (reading its month if not cached yet)."""
        return self._page(day.year, day.month).get(day)

    def _page(self, year: int, month: int) -> dict[date, DayMarks]:
        key = (year, month)
        if key not in self._pages:
            first, last = page_range(year, month)
            self._pages[key] = self._marks_source(first, last)
            self.fetches += 1
        return self._pages[key]

    def invalidate(self, days: frozenset[date]) -> None:
        """Forget cached marks that ``days`` may have changed (all of them if ``days`` is empty)."""
        if not days:
            self._pages.clear()
        else:
            for key in list(self._pages):
                first, last = page_range(*key)
                if any(first <= d <= last for d in days):
                    del self._pages[key]
        self.updateCells()

    def _on_page_changed(self, year: int, month: int) -> None:
        self._cells.clear()
        self._page(year, month)

    def date_at(self, pos: QPoint) -> date | None:
        """The day painted at ``pos`` in the day table's viewport, if any."""
        return next((d for d, rect in self._cells.items() if rect.contains(pos)), None)

    def cell_rect(self, day: date) -> QRect | None:
        """Where ``day`` was last painted (in the day table's viewport), if it is shown."""
        return self._cells.get(day)

    def _on_context_menu(self, pos: QPoint) -> None:
        # The menu key gives the centre of the current day; a click, the day under it.
        day = self.date_at(pos)
        if day is not None and self.table is not None:
            self.day_menu_requested.emit(day, self.table.viewport().mapToGlobal(pos))

    # --- looks --------------------------------------------------------------------------

    def refresh_style(self) -> None:
        """Calm, scheme-aware text formats and navigation icons (call on palette change)."""
        # Day names all alike (no red weekends): the cells below are painted by paintCell.
        header = QTextCharFormat()
        header.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        header.setFontWeight(QFont.Weight.DemiBold)
        if self.surface is not None:
            header.setBackground(self.surface)
        self.setHeaderTextFormat(header)
        for day in Qt.DayOfWeek:
            self.setWeekdayTextFormat(day, header)
        for name, icon_name, text in (
            ("qt_calendar_prevmonth", "prev", "Previous month"),
            ("qt_calendar_nextmonth", "next", "Next month"),
        ):
            button = self.findChild(QToolButton, name)
            if button is not None:
                button.setIcon(icon(icon_name))
                button.setAccessibleName(text)
                button.setToolTip(text)
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        # The shown page's read covers the spill-over days of the months around it too.
        day = to_date(qdate)
        self._cells[day] = QRect(rect)
        marks = self._page(self.yearShown(), self.monthShown()).get(day)
        in_month = qdate.month() == self.monthShown()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cell = QRectF(rect).adjusted(2, 2, -2, -2)
        if marks is not None and marks.in_flare:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_flare_tint(in_month))
            painter.drawRoundedRect(cell, 6, 6)
        self._paint_number(painter, cell, qdate, in_month)
        if marks is not None and marks.kinds:
            surface = self.surface or self.palette().color(QPalette.ColorRole.Base)
            _paint_dots(painter, cell, dot_kinds(marks), in_month, surface)
        painter.restore()

    def _paint_number(self, painter: QPainter, cell: QRectF, qdate: QDate, in_month: bool) -> None:
        palette = self.palette()
        selected = qdate == self.selectedDate()
        is_today = to_date(qdate) == self._today()
        text_colour = palette.color(QPalette.ColorRole.Text)
        if not in_month:
            text_colour = palette.color(QPalette.ColorRole.PlaceholderText)
        size = min(cell.width(), cell.height() * 0.62, 30.0)
        badge = QRectF(0, 0, size, size)
        badge.moveCenter(QPointF(cell.center().x(), cell.top() + cell.height() * 0.40))
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawEllipse(badge)
            text_colour = palette.color(QPalette.ColorRole.HighlightedText)
        elif is_today:
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(badge.adjusted(1, 1, -1, -1))
        font = QFont(self.font())
        if selected or is_today:
            font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(text_colour)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(qdate.day()))


def _flare_tint(in_month: bool) -> QColor:
    red, green, blue, alpha = FLARE_RGBA
    # A dark background needs a stronger tint to be seen at all.
    alpha = round(alpha * 1.6) if is_dark() else alpha + 10
    return QColor(red, green, blue, alpha if in_month else alpha // 2)


def _paint_dots(
    painter: QPainter, cell: QRectF, kinds: list[EntryKind], in_month: bool, surface: QColor
) -> None:
    radius = 2.6
    gap = 3.0
    width = len(kinds) * 2 * radius + (len(kinds) - 1) * gap
    x = cell.center().x() - width / 2 + radius
    y = cell.bottom() - max(5.0, cell.height() * 0.14)
    painter.setPen(Qt.PenStyle.NoPen)
    for kind in kinds:
        colour = kind_accent(kind, surface)
        if not in_month:
            colour.setAlpha(110)
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(x, y), radius, radius)
        x += 2 * radius + gap
