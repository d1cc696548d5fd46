"""Search the journal: a word, narrowed by kind (flares included) and by date, with counts.

Results are drawn like the Today timeline (badge, date, title, details), so an entry looks
the same wherever it is found; choosing one opens its day with it selected (a flare opens
the day it started). The kind list on the left counts the matches of every kind, so a
person sees at once where a word turns up and narrows to one kind with a click or a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.domain.entries import Entry, FlareEpisode
from journal.domain.kinds import kind_spec
from journal.domain.vocabulary import EntryKind
from journal.services.search import RESULT_LIMIT, SearchQuery, SearchResults
from journal.ui.entry_text import EntryText, describe
from journal.ui.forms.fields import date_edit, muted_label
from journal.ui.forms.flare import flare_span_text
from journal.ui.forms.text_inputs import DateInput, show_date
from journal.ui.forms.theme import form_stylesheet, style_form, title_label
from journal.ui.icons import icon, icon_pixmap, kind_icon
from journal.ui.kinds import KIND_LOOKS
from journal.ui.palette import FLARE_RGBA, is_dark, mix
from journal.ui.style import theme_variables
from journal.ui.today.timeline import (
    ENTRY_ROLE,
    KIND_ROLE,
    TEXT_ROLE,
    TIME_ROLE,
    HoverTracker,
    TimelineDelegate,
)

ModelIndex = QModelIndex | QPersistentModelIndex

if TYPE_CHECKING:
    from journal.services import Services

TYPING_PAUSE_MS = 200
FLARE_ROLE = Qt.ItemDataRole.UserRole + 10
FILTER_ROLE = Qt.ItemDataRole.UserRole + 11
COUNT_ROLE = Qt.ItemDataRole.UserRole + 12

ALL, FLARES = "all", "flares"
"""The kind list's first and second rows; the others are entry kinds."""

PERIODS: tuple[tuple[str, int | None], ...] = (
    ("Any time", None),
    ("Past 30 days", 30),
    ("Past 3 months", 91),
    ("Past 12 months", 365),
    ("Choose dates…", -1),
)
CHOOSE_DATES = -1


def kind_title(kind: EntryKind) -> str:
    """ "Meals", "Nights of sleep": how the kind list names a kind."""
    plural = kind_spec(kind).plural
    return plural[:1].upper() + plural[1:]


def count_words(count: int, kind: EntryKind | str) -> str:
    """ "1 meal", "12 meals", "2 flares", "57 results"."""
    if kind == FLARES:
        return f"{count:,} flare{'' if count == 1 else 's'}"
    if kind == ALL:
        return f"{count:,} result{'' if count == 1 else 's'}"
    assert isinstance(kind, EntryKind)
    spec = kind_spec(kind)
    return f"{count:,} {spec.label.lower() if count == 1 else spec.plural}"


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    """One result as the list shows it: an entry or a flare, its date, its words."""

    day_text: str
    text: EntryText
    entry: Entry | None = None
    flare: FlareEpisode | None = None


def flare_words(flare: FlareEpisode, today: date) -> EntryText:
    title = f"Flare — {flare.condition}" if flare.condition else "Flare"
    triggers = ", ".join(flare.triggers)
    detail = flare_span_text(flare, today)
    if triggers:
        detail += f" · suspected triggers: {triggers}"
    return EntryText(title, detail, flare.note)


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []

    def set_rows(self, rows: list[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    @property
    def rows(self) -> list[ResultRow]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.day_text}  {row.text.one_line}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [row.day_text, row.text.title, row.text.detail, row.text.note]
            return ", ".join(p for p in parts if p)
        if role == ENTRY_ROLE:
            return row.entry
        if role == FLARE_ROLE:
            return row.flare
        if role == TIME_ROLE:
            return row.day_text
        if role == TEXT_ROLE:
            return row.text
        if role == KIND_ROLE:
            return row.entry.kind if row.entry is not None else None
        return None


class SearchResultDelegate(TimelineDelegate):
    """The timeline's look with the date in the time column, no rail between rows (results
    come from many days), and a flare badge for flares."""

    def _time_width(self, time_font: QFont) -> int:
        return QFontMetrics(time_font).horizontalAdvance("Wed 30 Sep 2026") + 4

    def _paint_rail(
        self,
        painter: QPainter,
        rect: QRect,
        centre: QPointF,
        index: ModelIndex,
        palette: QPalette,
    ) -> None:
        return

    def _paint_badge(
        self, painter: QPainter, centre: QPointF, kind: EntryKind | None, palette: QPalette
    ) -> None:
        if kind is not None:
            super()._paint_badge(painter, centre, kind, palette)
            return
        base = self.surface
        accent = QColor(*FLARE_RGBA[:3])
        badge = QRectF(0, 0, 34, 34)
        badge.moveCenter(centre)
        painter.setPen(QPen(mix(base, accent, 0.55), 1.2))
        painter.setBrush(mix(base, accent, 0.32 if is_dark() else 0.2))
        painter.drawEllipse(badge)
        glyph = icon_pixmap("flare", 18, palette.color(QPalette.ColorRole.Text))
        painter.drawPixmap(QPointF(centre.x() - 9, centre.y() - 9), glyph)


# --- the kind list ------------------------------------------------------------------------


class KindFilterDelegate(QStyledItemDelegate):
    """A kind with its count of matches right-aligned; kinds without any are greyed."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 40, max(size.height(), 30))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        count: int | None = index.data(COUNT_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text_colour = opt.palette.color(QPalette.ColorRole.Text)
        muted = mix(text_colour, opt.palette.color(QPalette.ColorRole.Base), 0.45)
        if count == 0:
            opt.palette.setColor(QPalette.ColorRole.Text, muted)
        count_text = f"{count:,}" if count is not None else ""
        metrics = QFontMetrics(opt.font)
        room = metrics.horizontalAdvance(count_text) + 16 if count_text else 0
        opt.rect = opt.rect.adjusted(0, 0, -room, 0)
        painter.save()
        if opt.state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme_variables()["accent_soft"]))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawRoundedRect(QRectF(option.rect).adjusted(1, 1, -1, -1), 6, 6)
            opt.state &= ~QStyle.StateFlag.State_Selected
        painter.restore()
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not count_text:
            return
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(muted if count == 0 else text_colour)
        count_rect = QRect(option.rect).adjusted(0, 0, -10, 0)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(count_rect, int(align), count_text)
        painter.restore()


def _kind_filter_list() -> QListWidget:
    kinds = QListWidget()
    kinds.setObjectName("kindFilter")
    kinds.setAccessibleName("Show results of")
    kinds.setItemDelegate(KindFilterDelegate(kinds))
    kinds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    kinds.setIconSize(QSize(18, 18))
    rows: list[tuple[str, EntryKind | str]] = [("All results", ALL), ("Flares", FLARES)]
    rows += [(kind_title(k), k) for k in KIND_LOOKS]
    for text, value in rows:
        item = QListWidgetItem(text)
        # Qt keeps a StrEnum as a plain string: store the value, read it with _filter_of.
        item.setData(FILTER_ROLE, str(value))
        item.setIcon(_filter_icon(value))
        kinds.addItem(item)
    kinds.setCurrentRow(0)
    return kinds


# --- the dialog ---------------------------------------------------------------------------

_EXTRA_SHEET = """
QListWidget#kindFilter, QListView#results {
    background: {card}; border: 1px solid {border}; border-radius: 8px; padding: 4px;
}
QListWidget#kindFilter:focus, QListView#results:focus { border: 2px solid {accent}; }
QLabel#sectionHeading { color: {muted}; font-weight: 600; }
QListView#results QScrollBar:vertical, QListWidget#kindFilter QScrollBar:vertical {
    background: transparent; width: 10px; margin: 4px 2px 4px 0;
}
QListView#results QScrollBar::handle:vertical,
QListWidget#kindFilter QScrollBar::handle:vertical {
    background: {border}; border-radius: 4px; min-height: 32px;
}
QListView#results QScrollBar::handle:vertical:hover { background: {muted}; }
QListView#results QScrollBar::add-line, QListView#results QScrollBar::sub-line,
QListWidget#kindFilter QScrollBar::add-line, QListWidget#kindFilter QScrollBar::sub-line {
    height: 0;
}
QListView#results QScrollBar::add-page, QListView#results QScrollBar::sub-page,
QListWidget#kindFilter QScrollBar::add-page, QListWidget#kindFilter QScrollBar::sub-page {
    background: transparent;
}
QLabel#resultSummary { font-weight: 600; }
"""


class SearchDialog(QDialog):
    entry_chosen = Signal(object)
    """Carries the chosen :class:`Entry`."""
    day_chosen = Signal(object)
    """Carries the day to show for a chosen flare (the day it started)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.results: SearchResults = SearchResults(SearchQuery())
        self.setWindowTitle(f"Search — {APP_NAME}")
        self.setObjectName("searchDialog")
        style_form(self)
        self._build()
        # After the build: set before, the scroll bars' rules did not take (Qt 6.11).
        self._apply_style()
        self._fit_to_screen()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self._choose_current)
        self.result_list.activated.connect(lambda _index: self._choose_current())
        self.kinds.currentRowChanged.connect(lambda _row: self.run_search())
        self.period.currentIndexChanged.connect(self._on_period)
        for edit in (self.first_day, self.last_day):
            edit.dateChanged.connect(lambda _d: self.run_search())
            edit.problem.connect(self._on_date_problem)
        self.query.setFocus()
        self.run_search()

    # --- building -------------------------------------------------------------------------

    def _apply_style(self) -> None:
        sheet = _EXTRA_SHEET
        for key, value in theme_variables().items():
            sheet = sheet.replace("{" + key + "}", value)
        self.setStyleSheet(form_stylesheet() + sheet)

    def _build(self) -> None:
        title = title_label("Search the journal", self.font())
        subtitle = muted_label(
            "Notes, meals, symptoms, medications, trackers and tags, and flares by condition, "
            "trigger or note."
        )
        subtitle.setWordWrap(True)

        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.setPlaceholderText("A word to look for, e.g. lupus, walk, metformin")
        self.query.setAccessibleName("Search text")
        self.query.setClearButtonEnabled(True)
        self.query.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)

        self.period = QComboBox()
        self.period.setObjectName("period")
        self.period.setAccessibleName("When")
        for text, days in PERIODS:
            self.period.addItem(text, days)
        widest = max(self.fontMetrics().horizontalAdvance(text) for text, _days in PERIODS)
        self.period.setMinimumWidth(widest + 56)  # the style's padding and the arrow
        when = QLabel("&When")
        when.setBuddy(self.period)
        today = self._today()
        self._understood: dict[str, date] = {}
        self.first_day = self._day_edit("From", today - timedelta(days=29))
        self.last_day = self._day_edit("To", today)
        self.dash = QLabel("to")
        self.dash.setObjectName("muted")
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.query, 1)
        filters.addSpacing(6)
        filters.addWidget(when)
        filters.addWidget(self.period)
        filters.addWidget(self.first_day)
        filters.addWidget(self.dash)
        filters.addWidget(self.last_day)
        self._show_day_edits(False)

        self.kinds = _kind_filter_list()
        self.kinds.setFixedWidth(self._kind_list_width())
        kinds_heading = QLabel("&Show")
        kinds_heading.setObjectName("sectionHeading")
        kinds_heading.setBuddy(self.kinds)
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(kinds_heading)
        left.addWidget(self.kinds, 1)

        self.model = SearchResultsModel(self)
        self.result_list = QListView()
        self.result_list.setObjectName("results")
        self.result_list.setAccessibleName("Search results")
        self.result_list.setModel(self.model)
        self.delegate = SearchResultDelegate(self.result_list)
        self.delegate.surface = QColor(theme_variables()["card"])
        self.result_list.setItemDelegate(self.delegate)
        self.result_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.result_list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        HoverTracker(self.result_list, self.delegate)  # the hovered result is tinted
        self.summary = QLabel()
        self.summary.setObjectName("resultSummary")
        self.summary.setWordWrap(True)
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(self.summary)
        right.addWidget(self.result_list, 1)

        body = QHBoxLayout()
        body.setSpacing(14)
        body.addLayout(left)
        body.addLayout(right, 1)

        self.hint = muted_label("Enter opens the day · ↑ ↓ move through the results · Esc closes")
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("cancelButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.open_button = QPushButton("&Open day")
        self.open_button.setObjectName("saveButton")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._choose_current)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(filters)
        layout.addLayout(body, 1)
        layout.addWidget(_divider())
        layout.addLayout(buttons)
        for first, second in (
            (self.query, self.period),
            (self.period, self.first_day),
            (self.first_day, self.last_day),
            (self.last_day, self.kinds),
            (self.kinds, self.result_list),
            (self.result_list, self.close_button),
            (self.close_button, self.open_button),
        ):
            QWidget.setTabOrder(first, second)

    def _day_edit(self, name: str, day: date) -> DateInput:
        edit = date_edit(self._today())
        edit.setObjectName(f"{name.lower()}Day")
        edit.setAccessibleName(f"{name} day")
        edit.setDate(day)
        edit.line.setMinimumWidth(140)
        self._understood[edit.objectName()] = day
        return edit

    def _kind_list_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(kind_title(k)) for k in KIND_LOOKS)
        return widest + metrics.horizontalAdvance("00,000") + 74

    def _fit_to_screen(self) -> None:
        """A roomy first size that still fits a 1024 x 700 screen."""
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)
        width = min(960, room.width() - 40)
        height = min(640, room.height() - 60)
        self.setMinimumSize(min(680, width), min(440, height))
        self.resize(width, height)

    def _show_day_edits(self, shown: bool) -> None:
        for widget in (self.first_day, self.dash, self.last_day):
            widget.setVisible(shown)

    # --- searching ------------------------------------------------------------------------

    def _today(self) -> date:
        return self.services.journal.now().date()

    def _day_of(self, edit: DateInput) -> date:
        """The day an input holds, or the last one it understood while its text is no date."""
        try:
            day = edit.date()
        except ValueError:
            return self._understood[edit.objectName()]
        self._understood[edit.objectName()] = day
        return day

    def _on_date_problem(self, message: str) -> None:
        if message:
            self.summary.setText(f"{message} The results are for the days shown before.")
        else:
            self.run_search()

    def _on_period(self, _index: int) -> None:
        self._show_day_edits(self.period.currentData() == CHOOSE_DATES)
        self.run_search()

    def date_range(self) -> tuple[date | None, date | None]:
        """The days chosen under "When" (None: open at that end)."""
        days = self.period.currentData()
        if days is None:
            return None, None
        if days == CHOOSE_DATES:
            # A day being typed that is no date yet keeps the last one understood.
            first, last = self._day_of(self.first_day), self._day_of(self.last_day)
            return (first, last) if first <= last else (last, first)
        today = self._today()
        return today - timedelta(days=days - 1), today

    def chosen_filter(self) -> EntryKind | str:
        item = self.kinds.currentItem()
        return _filter_of(item.data(FILTER_ROLE)) if item is not None else ALL

    def search_query(self) -> SearchQuery:
        first, last = self.date_range()
        chosen = self.chosen_filter()
        text = self.query.text().strip()
        if chosen == ALL:
            return SearchQuery(text, None, True, first, last, RESULT_LIMIT)
        if chosen == FLARES:
            return SearchQuery(text, frozenset(), True, first, last, RESULT_LIMIT)
        assert isinstance(chosen, EntryKind)
        return SearchQuery(text, frozenset({chosen}), False, first, last, RESULT_LIMIT)

    def choose_kind(self, chosen: EntryKind | str) -> None:
        """Show only results of one kind (``ALL``, ``FLARES`` or an entry kind)."""
        for row in range(self.kinds.count()):
            if _filter_of(self.kinds.item(row).data(FILTER_ROLE)) == chosen:
                self.kinds.setCurrentRow(row)
                return

    @property
    def found(self) -> list[Entry]:
        return [row.entry for row in self.model.rows if row.entry is not None]

    @property
    def found_flares(self) -> list[FlareEpisode]:
        return [row.flare for row in self.model.rows if row.flare is not None]

    def run_search(self) -> None:
        self._timer.stop()
        query = self.search_query()
        self.results = results = self.services.journal.find(query)
        self._show_counts(results)
        self.model.set_rows(self._rows(results))
        self.summary.setText(self._summary(results))
        if self.model.rowCount():
            self.result_list.setCurrentIndex(self.model.index(0))
        self.open_button.setEnabled(self.model.rowCount() > 0)

    def _rows(self, results: SearchResults) -> list[ResultRow]:
        if not results.hits:
            return []
        journal = self.services.journal
        units = self.services.units
        meds = {m.id: m for m in journal.medications() if m.id is not None}
        trackers = {t.id: t for t in journal.trackers() if t.id is not None}
        today = self._today()
        rows = []
        for hit in results.hits:
            day_text = show_date(hit.day)
            if hit.entry is not None:
                text = describe(hit.entry, units, meds, trackers)
                rows.append(ResultRow(day_text, text, entry=hit.entry))
            elif hit.flare is not None:
                rows.append(ResultRow(day_text, flare_words(hit.flare, today), flare=hit.flare))
        return rows

    def _show_counts(self, results: SearchResults) -> None:
        asked = results.query.asks_anything
        for row in range(self.kinds.count()):
            item = self.kinds.item(row)
            value = _filter_of(item.data(FILTER_ROLE))
            if not asked:
                count = None
            elif value == ALL:
                count = results.all_kinds_total
            elif value == FLARES:
                count = results.flare_count
            else:
                assert isinstance(value, EntryKind)
                count = results.counts.get(value, 0)
            item.setData(COUNT_ROLE, count)
            label = item.text() if count is None else f"{item.text()}, {count_words(count, value)}"
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)

    def _summary(self, results: SearchResults) -> str:
        query = results.query
        if not query.asks_anything:
            return (
                "Type a word to search everything you have logged, or choose a kind on the "
                "left to list all of it."
            )
        chosen = self.chosen_filter()
        text = f" for “{query.text}”" if query.text else ""
        when = self._period_words()
        if not results.hits:
            elsewhere = results.all_kinds_total
            if elsewhere and chosen != ALL:
                found = count_words(elsewhere, ALL)
                return f"None of this kind{text}{when}; {found} in other kinds."
            return f"Nothing found{text}{when}. Try another word or a longer time."
        found = count_words(results.total, chosen)
        more = f", the latest {len(results.hits):,} shown" if results.cut_short else ""
        return f"{found}{text}{when}{more}."

    def _period_words(self) -> str:
        days = self.period.currentData()
        if days is None:
            return ""
        if days == CHOOSE_DATES:
            first, last = self.date_range()
            assert first is not None and last is not None
            return f" from {_day_words(first)} to {_day_words(last)}"
        return f" in the {self.period.currentText().lower()}"

    # --- choosing -------------------------------------------------------------------------

    def _choose_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        index = self.result_list.currentIndex()
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        if row.entry is not None:
            self.entry_chosen.emit(row.entry)
        elif row.flare is not None:
            self.day_chosen.emit(row.flare.start)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Up/Down in the search box move through the results, so the keyboard never has to leave.
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.query.hasFocus():
            count = self.model.rowCount()
            if count:
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = min(max(self.result_list.currentIndex().row() + step, 0), count - 1)
                self.result_list.setCurrentIndex(self.model.index(row))
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.result_list.hasFocus():
            self._choose_current()
            return
        super().keyPressEvent(event)


def _day_words(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _filter_of(stored: str) -> EntryKind | str:
    return stored if stored in (ALL, FLARES) else EntryKind(stored)


def _filter_icon(value: EntryKind | str) -> Any:
    if value == ALL:
        return icon("search")
    if value == FLARES:
        return icon("flare")
    assert isinstance(value, EntryKind)
    return kind_icon(value)


def _divider() -> QFrame:
    line = QFrame()
    line.setObjectName("formDivider")
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    return line
