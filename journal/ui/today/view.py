"""The Today view: one day's timeline, summary, doses due and flare, with a calendar beside it."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QSize, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.domain.entries import DoseLog, Entry, FlareEpisode
from journal.domain.errors import ValidationError
from journal.domain.kinds import label_of
from journal.domain.text import format_clock
from journal.domain.units import UnitPreferences
from journal.domain.vocabulary import DoseStatus, EntryKind
from journal.services.changes import JournalChange, Topic
from journal.services.day import DayView, DueDose
from journal.ui.entry_text import describe
from journal.ui.icons import icon, kind_accent
from journal.ui.kinds import DOT_ORDER
from journal.ui.signals import JournalSignals
from journal.ui.today.calendar import DayCalendar, to_date
from journal.ui.today.cgm_card import CgmDayCard
from journal.ui.today.doses import DosesDuePanel
from journal.ui.today.empty import EmptyDay
from journal.ui.today.flare_banner import FlareBanner, flare_name
from journal.ui.today.message_bar import MessageBar
from journal.ui.today.style import today_colours, today_stylesheet
from journal.ui.today.summary import SummaryStrip, summary_cards
from journal.ui.today.timeline import TimelineModel, TimelineRow, TimelineView

if TYPE_CHECKING:
    from journal.services import Services

# Small enough for a 1024x700 screen with a reminder banner above (700 less menus, toolbar
# and status bar leaves ~600), large enough to hold a flare banner without growing.
MINIMUM_SIZE = QSize(760, 500)

DAY_SHORTCUTS = {"previous": "Alt+Left", "next": "Alt+Right", "today": "Alt+Home"}

_DOSE_WORDS = {
    DoseStatus.TAKEN: "taken",
    DoseStatus.LATE: "taken late",
    DoseStatus.SKIPPED: "skipped",
}


def relative_day(day: date, today: date) -> str:
    """ "Today", "Yesterday", "3 days ago", "In 2 days" ... beside the date in words."""
    delta = (day - today).days
    if delta == 0:
        return "Today"
    if delta == -1:
        return "Yesterday"
    if delta == 1:
        return "Tomorrow"
    if delta < 0:
        return f"{-delta} days ago"
    return f"In {delta} days"


# What Today shows besides entries: flare shading, doses due, tracker names, units, and the
# day's CGM trace.
TODAY_TOPICS = (Topic.FLARES, Topic.MEDICATIONS, Topic.TRACKERS, Topic.SETTINGS, Topic.CGM)


class TodayView(QWidget):
    """Shows one day (today at first); everything on it is reachable by keyboard."""

    def __init__(
        self, services: Services, signals: JournalSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.signals = signals
        self.setObjectName("todayView")
        self.setAccessibleName("Today")
        self._units: UnitPreferences = services.units
        self._day: date = self._today()
        self._view: DayView | None = None
        self._last_deleted: Entry | None = None
        self._syncing = False
        self._styling = False
        self._build()
        self._apply_style()
        signals.changed.connect(self._on_changed)
        self.show_day(self._day)

    # --- public API ------------------------------------------------------------------------

    @property
    def current_day(self) -> date:
        return self._day

    @property
    def day_view(self) -> DayView | None:
        """What the view shows now (as read from the services)."""
        return self._view

    def show_day(self, day: date) -> None:
        """Show ``day``: one read of the journal, then a repaint (synchronous)."""
        self._day = day
        self._load(keep_entry=None)
        self._sync_calendar()

    def select_entry(self, entry_id: int) -> bool:
        """Select an entry (showing its day first if needed); False if it no longer exists."""
        row = self.model.row_of(entry_id)
        if row is None:
            entry = self.services.journal.entry(entry_id)
            if entry is None:
                return False
            self.show_day(entry.day)
            row = self.model.row_of(entry_id)
            if row is None:
                return False
        index = self.model.index(row)
        self.timeline.setCurrentIndex(index)
        self.timeline.scrollTo(index)
        return True

    def selected_entry(self) -> Entry | None:
        return self.timeline.current_entry()

    def previous_day(self) -> None:
        self.show_day(self._day - timedelta(days=1))

    def next_day(self) -> None:
        self.show_day(self._day + timedelta(days=1))

    def go_to_today(self) -> None:
        self.show_day(self._today())

    def undo(self) -> None:
        """Undo the last change of the journal (the message bar's Undo and Ctrl+Z)."""
        restored = self._last_deleted
        self._last_deleted = None
        self.message_bar.dismiss()
        text = self.services.journal.undo()
        self.signals.status.emit(f"Undone: {text}." if text else "Nothing to undo.")
        if text and restored is not None and restored.id is not None and text.startswith("Delete"):
            self.select_entry(restored.id)

    def edit_entry(self, entry: Entry) -> None:
        """Open the entry in its form; saving there refreshes this view through ``changed``."""
        try:
            from journal.ui.forms import (  # type: ignore[attr-defined, unused-ignore]
                open_entry_dialog,
            )
        except ImportError:
            self.signals.status.emit("Editing is not available in this version.")
            return
        row = self.model.row_of(entry.id) if entry.id is not None else None
        result = open_entry_dialog(self, self.services, entry.kind, entry=entry)
        gone = entry.id is not None and self.services.journal.entry(entry.id) is None
        if result is None and gone:
            self._deleted(entry, row)  # deleted from its dialog
            return
        if result and entry.id is not None:
            moved_to = getattr(result, "day", self._day)
            if moved_to != self._day:  # its date was changed: follow it
                self.show_day(moved_to)
            self.select_entry(entry.id)
            self.message_bar.show_message(f"{label_of(entry.kind)} changed.")
            self.signals.status.emit(f"{label_of(entry.kind)} changed.")

    def delete_entry(self, entry: Entry) -> None:
        """Delete at once (no question asked) and offer Undo in the message bar."""
        if entry.id is None:
            return
        row = self.model.row_of(entry.id)
        try:
            deleted = self.services.journal.delete_entry(entry.id)
        except LookupError as error:
            self.signals.status.emit(str(error))
            self._load(keep_entry=None)
            return
        self._deleted(deleted, row)

    def _deleted(self, entry: Entry, row: int | None) -> None:
        """Say an entry was deleted, offer Undo, and select what took its place."""
        self._last_deleted = entry
        text = f"{label_of(entry.kind)} deleted."
        self.message_bar.show_message(text)
        self.signals.status.emit(f"{text} Press Ctrl+Z to undo.")
        self._select_row(row)

    def edit_flare(self, episode: FlareEpisode) -> None:
        """Open the flare in its form (to change, end or delete it)."""
        from journal.ui.forms import open_flare_dialog

        saved = open_flare_dialog(self, self.services, episode)
        if episode.id is not None and self.services.journal.flare(episode.id) is None:
            self._say_flare_deleted()
        elif saved is not None:
            self.message_bar.show_message("Flare changed.")
            self.signals.status.emit("Flare changed.")

    def delete_flare(self, episode: FlareEpisode) -> bool:
        """Ask, then delete a flare episode (its check-ins stay) and offer Undo."""
        from journal.ui.forms.flare import ask_to_delete_flare

        if episode.id is None or not ask_to_delete_flare(self, self.services, episode):
            return False
        try:
            self.services.journal.delete_flare(episode.id)
        except LookupError as error:
            self.signals.status.emit(f"{error} Nothing was deleted.")
            self._load(keep_entry=self._selected_id())
            return False
        self._say_flare_deleted()
        return True

    def _say_flare_deleted(self) -> None:
        self._last_deleted = None
        self.message_bar.show_message("Flare deleted.")
        self.signals.status.emit("Flare deleted. Press Ctrl+Z to undo.")

    def flares_on(self, day: date) -> list[FlareEpisode]:
        """The flares the calendar shades on ``day``."""
        today = self._today()
        return [
            f for f in self.services.journal.flares_between(day, day) if f.covers(day, as_of=today)
        ]

    def day_menu(self, day: date) -> QMenu | None:
        """What the calendar offers for a right-clicked day: its flares' Edit and Delete."""
        flares = self.flares_on(day)
        if not flares:
            return None
        menu = QMenu(self)
        if day != self._day:
            menu.addAction(icon("calendar"), "Show this day", lambda: self.show_day(day))
            menu.addSeparator()
        for flare in flares:
            # Several flares on one day are told apart by their condition and first day.
            name = f" ({flare_name(flare)})" if len(flares) > 1 else ""
            edit, delete = f"Edit flare{name}…", f"Delete flare{name}…"
            actions = (
                menu.addAction(icon("edit"), edit, lambda f=flare: self.edit_flare(f)),
                menu.addAction(icon("delete"), delete, lambda f=flare: self.delete_flare(f)),
            )
            for action in actions:
                action.setEnabled(not self.services.read_only)
        return menu

    def _on_day_menu(self, day: date, where: QPoint) -> None:
        menu = self.day_menu(day)
        if menu is not None:
            menu.exec(where)

    def log_due_dose(self, due: DueDose, status: DoseStatus = DoseStatus.TAKEN) -> DoseLog | None:
        """Tick off a dose due on the shown day (now for today, at its time for a past day)."""
        journal = self.services.journal
        try:
            if self._day == self._today():
                logged = journal.log_dose(due, status)
            else:
                logged = journal.add_entry(self._past_dose(due, status))
        except ValidationError as error:
            self.signals.status.emit(f"The dose was not logged: {error}")
            return None
        except Exception as error:  # a read-only journal, a full disk: said, not raised
            from journal.services.errors import JournalError  # not needed for first paint

            if not isinstance(error, JournalError):
                raise
            self.signals.status.emit(f"The dose was not logged: {error}")
            return None
        self.signals.status.emit(f"{due.medication.label} {_DOSE_WORDS[status]}.")
        return logged

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        header = self._build_header()
        self.flare_banner = FlareBanner()
        self.flare_label = self.flare_banner.label
        self.flare_banner.edit_requested.connect(self.edit_flare)
        self.flare_banner.delete_requested.connect(self.delete_flare)

        self.summary = SummaryStrip()
        self.summary.card_clicked.connect(self._on_card_clicked)
        self.doses = DosesDuePanel()
        self.doses.chosen.connect(self.log_due_dose)

        self.model = TimelineModel(self)
        self.timeline = TimelineView()
        self.timeline.setModel(self.model)
        self.timeline.edit_requested.connect(self.edit_entry)
        self.timeline.delete_requested.connect(self.delete_entry)
        self._empty: EmptyDay | None = None
        self.pages = QStackedWidget()
        self.pages.setObjectName("timelineCard")
        self.pages.addWidget(self.timeline)
        self.timeline_heading = QLabel("Timeline")
        self.timeline_heading.setObjectName("sectionHeading")

        self.message_bar = MessageBar()
        self.message_bar.undo_requested.connect(self.undo)

        self.cgm_card = CgmDayCard()
        if self.services.read_only:
            from journal.ui.read_only import disable_inline_editing

            disable_inline_editing(
                self.doses,
                self.timeline.row_actions,
                self.flare_banner.edit_button,
                self.flare_banner.delete_button,
            )
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self.cgm_card)
        left.addWidget(self.doses)
        left.addWidget(self.timeline_heading)
        left.addWidget(self.pages, 1)
        left.addWidget(self.message_bar)

        self.calendar = DayCalendar(self.services.journal.calendar_marks, self._today)
        self.calendar.selectionChanged.connect(self._on_calendar_selection)
        self.calendar.day_menu_requested.connect(self._on_day_menu)
        self.calendar_card = calendar_card = QFrame()
        calendar_card.setObjectName("calendarCard")
        card = QVBoxLayout(calendar_card)
        card.setContentsMargins(8, 8, 8, 12)
        card.setSpacing(8)
        card.addWidget(self.calendar)
        self.legend = self._build_legend()
        # Never what sets the window's height: ``_fit_legend`` hides it where it won't fit.
        self.legend.setMinimumHeight(1)
        card.addWidget(self.legend)
        right = QVBoxLayout()
        right.addWidget(calendar_card)
        right.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(18)
        body.addLayout(left, 1)
        body.addLayout(right, 0)

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.setSpacing(14)
        root.addLayout(header)
        root.addWidget(self.flare_banner)
        root.addWidget(self.summary)
        root.addLayout(body, 1)

        self.setFocusProxy(self.timeline)
        self._bind_shortcuts()
        # A fixed minimum, so showing a flare banner or one more card never resizes the window.
        self.setMinimumSize(MINIMUM_SIZE)

    def _build_header(self) -> QHBoxLayout:
        self.date_label = QLabel()
        self.date_label.setObjectName("dayTitle")
        self.date_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.date_label.setFont(title_font)
        self.relative_label = QLabel()
        self.relative_label.setObjectName("daySubtitle")
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.date_label)
        titles.addWidget(self.relative_label)

        self.previous_button = self._nav_button("prev", "Previous day", "previous")
        self.today_button = self._nav_button("today", "Today", "today")
        self.today_button.setText("Today")
        self.today_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.next_button = self._nav_button("next", "Next day", "next")
        self.previous_button.clicked.connect(self.previous_day)
        self.today_button.clicked.connect(self.go_to_today)
        self.next_button.clicked.connect(self.next_day)

        header = QHBoxLayout()
        header.setSpacing(6)
        header.addLayout(titles, 1)
        for button in (self.previous_button, self.today_button, self.next_button):
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        return header

    def _nav_button(self, icon_name: str, text: str, shortcut_key: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(f"{shortcut_key}DayButton")
        button.setProperty("iconName", icon_name)
        keys = DAY_SHORTCUTS[shortcut_key]
        button.setAccessibleName(text)
        button.setToolTip(f"{text} ({keys})")
        button.setAutoRaise(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setMinimumSize(38, 38)
        return button

    def _bind_shortcuts(self) -> None:
        self.shortcuts: dict[str, QShortcut] = {}
        for name, slot in (
            ("previous", self.previous_day),
            ("next", self.next_day),
            ("today", self.go_to_today),
        ):
            shortcut = QShortcut(QKeySequence(DAY_SHORTCUTS[name]), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts[name] = shortcut

    def _build_legend(self) -> QWidget:
        legend = QWidget()
        legend.setObjectName("calendarLegend")
        legend.setAccessibleName("Calendar legend")
        grid = QGridLayout(legend)
        grid.setContentsMargins(10, 0, 10, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        self._legend_swatches: list[tuple[QLabel, EntryKind | None]] = []
        items: list[tuple[str, EntryKind | None]] = [(label_of(k), k) for k in DOT_ORDER]
        items.append(("Flare day", None))
        half = (len(items) + 1) // 2
        for i, (text, kind) in enumerate(items):
            swatch = QLabel()
            swatch.setFixedSize(10 if kind is not None else 14, 10)
            self._legend_swatches.append((swatch, kind))
            label = QLabel(text)
            label.setObjectName("legendText")
            row = QHBoxLayout()
            row.setSpacing(6)
            row.addWidget(swatch)
            row.addWidget(label, 1)
            grid.addLayout(row, i % half, i // half)
        return legend

    # --- loading and showing ----------------------------------------------------------------

    def _today(self) -> date:
        return self.services.journal.now().date()

    def _load(self, keep_entry: int | None) -> None:
        view = self.services.journal.day_view(self._day)
        self._view = view
        self._show_header(view)
        self._show_flares(view)
        self.summary.show_cards(summary_cards(view, self._units))
        self.cgm_card.show_day(view.cgm, self._units)
        pending = [d for d in view.due_doses if not d.done]
        # Doses of a future day cannot be taken yet.
        self.doses.show_doses(pending if self._day <= self._today() else [], self._units)
        self._show_entries(view, keep_entry)
        self._set_tab_order()
        self._fit_legend()

    @property
    def empty(self) -> EmptyDay:
        """What an empty day shows instead of the timeline, built the first time a day is
        empty: most starts open on a day with entries, and its icons cost ~10 ms of the
        first paint."""
        if self._empty is None:
            self._empty = EmptyDay()
            self.pages.addWidget(self._empty)
            self._set_tab_order()
        return self._empty

    def _set_tab_order(self) -> None:
        """Tab goes top to bottom: day buttons, doses due, the timeline, then the calendar."""
        chain: list[QWidget] = [self.previous_button, self.today_button, self.next_button]
        chain += [self.flare_banner.edit_button, self.flare_banner.delete_button]
        for row in self.doses.rows:
            chain += [row.taken_button, row.more_button]
        chain += [self.timeline, *([self._empty] if self._empty else [])]
        chain += [self.message_bar.undo_button, self.calendar]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _show_header(self, view: DayView) -> None:
        qdate = QDate(view.day.year, view.day.month, view.day.day)
        self.date_label.setText(QLocale().toString(qdate, QLocale.FormatType.LongFormat))
        relative = relative_day(view.day, self._today())
        self.relative_label.setText(relative)
        self.today_button.setEnabled(relative != "Today")

    def _show_flares(self, view: DayView) -> None:
        # Days ahead of an ongoing flare are not flare days (yet), as on the calendar.
        today = self._today()
        self.flare_banner.show_flares(
            [f for f in view.flares if f.covers(view.day, as_of=today)], view.day
        )

    def _show_entries(self, view: DayView, keep_entry: int | None) -> None:
        units = self._units
        rows = [
            TimelineRow(
                entry,
                format_clock(entry.at, units),
                describe(entry, units, view.medications, view.trackers),
            )
            for entry in view.entries
        ]
        timeline_had_focus = self.timeline.hasFocus()
        self.model.set_rows(rows)
        has_rows = bool(rows)
        self.pages.setCurrentWidget(self.timeline if has_rows else self.empty)
        self.timeline_heading.setVisible(has_rows)
        self.setFocusProxy(self.timeline if has_rows else self.empty)
        if has_rows:
            self.timeline.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            row = self.model.row_of(keep_entry) if keep_entry is not None else None
            self._select_row(row if row is not None else -1)
            if timeline_had_focus:
                self.timeline.setFocus()
        elif timeline_had_focus:
            self.empty.setFocus()

    def _select_row(self, row: int | None) -> None:
        """Select ``row`` (clamped to the list); -1 or None clears the selection."""
        count = self.model.rowCount()
        if row is None or row < 0 or count == 0:
            self.timeline.clearSelection()
            self.timeline.setCurrentIndex(self.model.index(-1))
            return
        index = self.model.index(min(row, count - 1))
        self.timeline.setCurrentIndex(index)

    def _sync_calendar(self) -> None:
        qdate = QDate(self._day.year, self._day.month, self._day.day)
        if self.calendar.selectedDate() != qdate:
            self._syncing = True
            try:
                self.calendar.setSelectedDate(qdate)
            finally:
                self._syncing = False

    def _on_calendar_selection(self) -> None:
        if self._syncing:
            return
        day = to_date(self.calendar.selectedDate())
        if day != self._day:
            self._day = day
            self._load(keep_entry=None)

    def _past_dose(self, due: DueDose, status: DoseStatus) -> DoseLog:
        assert due.medication.id is not None
        tz = self.services.journal.now().tzinfo
        return DoseLog(
            at=datetime.combine(self._day, due.scheduled, tzinfo=tz),
            medication_id=due.medication.id,
            status=status,
            scheduled=due.scheduled,
            dose=due.medication.dose,
        )

    # --- reacting ----------------------------------------------------------------------------

    def _on_changed(self, change: JournalChange) -> None:
        if not change.touches_any(EntryKind, TODAY_TOPICS):
            return  # a goal, a reminder or a favourite: nothing Today shows
        # Any change after a delete makes the bar's Undo mean something else: hide it.
        self.message_bar.dismiss()
        self._last_deleted = None
        if change.everything or Topic.SETTINGS in change.topics:
            self._units = self.services.units
        if change.touches_any(EntryKind, (Topic.FLARES,)):
            self.calendar.invalidate(change.days)
        if change.touches(self._day):
            self._load(keep_entry=self._selected_id())

    def _on_card_clicked(self, key: str) -> None:
        if key == "doses":  # the medication list, where Today's doses come from
            from journal.ui.forms import open_medications_dialog

            open_medications_dialog(self, self.services)

    def _selected_id(self) -> int | None:
        entry = self.timeline.current_entry()
        return entry.id if entry is not None else None

    def _fit_legend(self) -> None:
        """Show the calendar's legend only where it fits below the month (small windows)."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return  # laid out when shown (``showEvent``): a pass now would be thrown away
        layout.activate()
        bottom = self.height() - layout.contentsMargins().bottom()
        room = bottom - self.calendar_card.geometry().top()
        margins = self.calendar_card.layout().contentsMargins()  # type: ignore[union-attr]
        needed = (
            self.calendar.sizeHint().height()
            + self.legend.sizeHint().height()
            + margins.top()
            + margins.bottom()
            + 8
        )
        self.legend.setVisible(room >= needed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_legend()  # a view sized while hidden (built into the window) fits now

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Ctrl+Z reaches here only when no window-wide Undo action took it first.
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and not self._styling:
            self._apply_style()
        super().changeEvent(event)

    # --- looks -----------------------------------------------------------------------------

    def _apply_style(self) -> None:
        """Colours from the active palette, so light and dark both read well."""
        self._styling = True  # setting a style sheet sends palette events of its own
        try:
            self._restyle()
        finally:
            self._styling = False

    def _restyle(self) -> None:
        colours = today_colours(self.palette())
        card = colours["card"]
        self.setStyleSheet(today_stylesheet(colours))
        self.timeline.delegate.surface = card
        self.calendar.surface = card
        for button in (self.previous_button, self.today_button, self.next_button):
            button.setIcon(icon(str(button.property("iconName"))))
        self.flare_banner.refresh_icons(colours["flare"])
        self.timeline.row_actions.refresh_icons()
        for swatch, kind in self._legend_swatches:
            if kind is None:
                swatch.setStyleSheet(
                    f"background: {colours['flare_fill'].name()}; border-radius: 3px;"
                    f"border: 1px solid {colours['flare_edge'].name()};"
                )
            else:
                colour = kind_accent(kind, card).name()
                swatch.setStyleSheet(f"background: {colour}; border-radius: 5px;")
        self.message_bar.set_colours(colours["toast_text"], colours["toast_accent"])
        self.summary.refresh_icons()
        if self._empty is not None:
            self._empty.refresh_icons()
        self.calendar.refresh_style()
