"""The entry dialog: one form for every kind, to log a new entry or edit one in place.

Enter saves, Esc cancels; a message the journal gives back appears beside its field and the
dialog stays open with nothing saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, QRect, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.domain.entries import Entry, Exercise, Favourite, Meal
from journal.domain.errors import FieldError, ValidationError
from journal.domain.kinds import entry_type, label_of
from journal.domain.text import format_clock
from journal.domain.validation import entry_errors
from journal.domain.vocabulary import EntryKind
from journal.services.errors import JournalError
from journal.ui.entry_text import describe
from journal.ui.forms import confirm
from journal.ui.forms.fields import (
    Field,
    InputError,
    MomentField,
    Values,
    entry_values,
    muted_label,
)
from journal.ui.forms.inputs import ChipSet, action_button
from journal.ui.forms.kinds import FORMS, FormContext, KindForm
from journal.ui.forms.panel import LABEL_HEIGHT, ROW_SPACING, FormPanel, chain_tab_order
from journal.ui.forms.theme import style_form, title_label
from journal.ui.icons import icon

if TYPE_CHECKING:
    from journal.services import Services

KEY_HINT = "Enter saves · Esc cancels"
FAVOURITE_KINDS = (EntryKind.MEAL, EntryKind.EXERCISE)
DELETED = 2
"""What ``exec()`` returns when the entry was deleted from its dialog."""
PANEL_WIDTH = 720
"""A form's usual width: chips wrap onto fewer lines than at the inputs' own width."""
ROOMY_WIDTH = 860
"""As wide as a form grows just to leave room for a message."""
MESSAGE_ROOM = 24
"""Kept free under a form where there is room, so one message does not make it scroll."""
SCREEN_MARGIN = 24
"""Kept free on each side of the screen."""
FRAME_ALLOWANCE = 40
"""A window manager's title bar and borders, which Qt cannot measure before showing."""


class _FormScroll(QScrollArea):
    """Scrolls a form only when the screen is too small for it; asks for the size the
    dialog worked out (QScrollArea's own guess is capped at 24 lines of text)."""

    def __init__(self) -> None:
        super().__init__()
        self.wanted = QSize(PANEL_WIDTH, 320)

    def sizeHint(self) -> QSize:
        return self.wanted

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)  # the dialog sets the minimum it worked out


class FormDialog(QDialog):
    """A titled form with Save (the default button: Enter) and Cancel (Esc)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setModal(True)
        style_form(self)

    def build(
        self,
        title: str,
        subtitle: str,
        fields: Sequence[Field],
        header: Field | None = None,
        save_text: str = "Save",
        hint: str = KEY_HINT,
        side: Sequence[Field] = (),
        row_spacing: int = ROW_SPACING,
    ) -> None:
        self.setWindowTitle(f"{title} — {APP_NAME}")
        self.header_field = header
        self.panel = FormPanel(
            fields, detached=[header] if header else [], side=side, row_spacing=row_spacing
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(12)
        layout.addLayout(self._header(title, subtitle, header))
        self.above_form = QVBoxLayout()
        self.above_form.setSpacing(8)
        layout.addLayout(self.above_form)
        layout.addWidget(self._divider())
        layout.addWidget(self._scroll(self.panel), 1)
        self.general_error = QLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout.addWidget(self.general_error)
        layout.addWidget(self._divider())
        layout.addLayout(self._buttons(save_text, hint))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

    def _header(self, title: str, subtitle: str, header: Field | None) -> QHBoxLayout:
        row = QHBoxLayout()
        words = QVBoxLayout()
        words.setSpacing(2)
        self.title = title_label(title, self.font())
        words.addWidget(self.title)
        self.subtitle = muted_label(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        words.addWidget(self.subtitle)
        row.addLayout(words)
        row.addStretch(1)
        if header is not None:
            label = muted_label(header.label)
            label.setFixedHeight(LABEL_HEIGHT)
            label.setBuddy(header.focus_widget())
            row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(header.container, 0, Qt.AlignmentFlag.AlignTop)
        return row

    @staticmethod
    def _divider() -> QFrame:
        line = QFrame()
        line.setObjectName("formDivider")
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        return line

    def _scroll(self, panel: QWidget) -> QScrollArea:
        # A form too tall for a very small screen scrolls instead of growing past it.
        area = _FormScroll()
        area.setWidget(panel)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a stop of its own for Tab
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area = area
        return area

    def available_screen(self) -> QRect:
        """The part of the screen the dialog may use (the parent's screen when it has one)."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent else None) or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen else QRect(0, 0, 1024, 700)

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Show the whole form at once when ``available`` (by default the screen) has room,
        at a width where chips wrap little; scroll only what cannot fit."""
        available = available or self.available_screen()
        self.ensurePolished()  # sizes with the form's stylesheet, not the bare style
        self.panel.align_labels()
        layout = self.layout()
        assert isinstance(layout, QLayout)
        margins = layout.contentsMargins()
        sides = margins.left() + margins.right()
        widest = available.width() - 2 * SCREEN_MARGIN - sides
        room = available.height() - FRAME_ALLOWANCE - self._chrome_height()
        width = min(max(self.panel.sizeHint().width(), PANEL_WIDTH), widest)
        height = self._panel_height(width)
        # Wider rather than taller: chips and hints wrap onto fewer lines. A little wider
        # to leave room for a message; as wide as the screen allows to avoid scrolling.
        for limit, needed in ((min(ROOMY_WIDTH, widest), MESSAGE_ROOM), (widest, 0)):
            while height + needed > room and width < limit:
                width = min(width + 40, limit)
                height = self._panel_height(width)
        if height > room:  # scroll, with room for the scroll bar beside the form
            bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            self.scroll_area.wanted = QSize(width + bar, max(room, 240))
        else:
            self.scroll_area.wanted = QSize(width, min(height + MESSAGE_ROOM, room))
        self.scroll_area.setMinimumSize(self.scroll_area.wanted)
        layout.invalidate()
        self.adjustSize()

    def _panel_height(self, width: int) -> int:
        if self.panel.hasHeightForWidth():
            height = self.panel.heightForWidth(width)
            if height > 0:
                return height
        return self.panel.sizeHint().height()

    def _chrome_height(self) -> int:
        """The dialog's height without the form: heading, dividers, buttons, margins."""
        self.scroll_area.wanted = QSize(PANEL_WIDTH, 0)
        self.scroll_area.setMinimumSize(0, 0)
        layout = self.layout()
        assert isinstance(layout, QLayout)
        layout.invalidate()
        return layout.sizeHint().height()

    def _buttons(self, save_text: str, hint: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        # Delete sits at the far left, away from Save.
        self.leading_buttons = QHBoxLayout()
        row.addLayout(self.leading_buttons)
        self.status = muted_label(hint)
        row.addWidget(self.status)
        row.addStretch(1)
        self.extra_buttons = QHBoxLayout()
        row.addLayout(self.extra_buttons)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(save_text)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        return row

    def finish_layout(self, first: QWidget, header: Field | None = None) -> None:
        """Tab goes in the order things are seen: the time in the heading, what sits above
        the form (favourites), the form, then the buttons. The keyboard starts on ``first``,
        the field most entries begin with, so Shift+Tab reaches the time."""
        self.header_field = header or self.header_field
        self.apply_tab_order()
        self.fit_to_screen()
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(first, QLineEdit):
            first.selectAll()

    def apply_tab_order(self) -> None:
        """Chain Tab through everything in reading order (again, after controls change)."""
        chain = self.panel.focus_chain()
        top: list[QWidget] = []
        if self.header_field is not None:
            top = self.header_field.focus_chain()
            chain = [w for w in chain if w not in top]
        extra = _widgets_in(self.leading_buttons) + _widgets_in(self.extra_buttons)
        chain_tab_order(
            [*top, *self.above_form_chain(), *chain, *extra, self.cancel_button, self.save_button]
        )

    def above_form_chain(self) -> list[QWidget]:
        """The controls between the heading and the form, in reading order."""
        return []

    # --- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Read the form and hand it to ``commit``; False (with messages shown) if not saved."""
        self.panel.clear_errors()
        self.general_error.hide()
        values = self.panel.collect()
        if values is None:
            return False
        return self.commit(values)

    def commit(self, values: Values) -> bool:
        raise NotImplementedError

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        unmatched = self.panel.show_errors(errors)
        if unmatched:
            self.show_general(" ".join(e.message for e in unmatched))

    def show_general(self, message: str) -> None:
        self.general_error.setText(message)
        self.general_error.show()


def _widgets_in(layout: QHBoxLayout) -> list[QWidget]:
    items = (layout.itemAt(i) for i in range(layout.count()))
    return [w for item in items if item and isinstance(w := item.widget(), QWidget)]


def ask_favourite_name(parent: QWidget, suggestion: str) -> str | None:
    """Ask what to call a new favourite; None if the user cancels."""
    name, ok = QInputDialog.getText(parent, "Save as favourite", "Name:", text=suggestion)
    return name if ok else None


class EntryDialog(FormDialog):
    """Log a new entry of ``kind`` or edit ``entry``; ``saved_entry`` holds the result."""

    def __init__(
        self,
        services: Services,
        kind: EntryKind,
        entry: Entry | None = None,
        day: date | None = None,
        prefill: Entry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if entry is not None and entry.kind is not kind:
            raise ValueError(f"A {entry.kind.value} entry cannot be edited as {kind.value}")
        self.services, self.kind = services, kind
        self.editing = entry is not None
        self.saved_entry: Entry | None = None
        self.setObjectName(f"{kind.value}Form")
        now = services.journal.now()
        self.context = FormContext(services, services.units, now, self.editing, parent=self)
        self.form: KindForm = FORMS[kind](self.context)
        self.base, initial = self._starting_point(entry, day, prefill)
        zone = self.base.at.tzinfo or now.tzinfo
        assert zone is not None, "the journal's clock gives aware times"
        self.moment = MomentField(
            self.context.units,
            zone,
            label=self.form.moment_label,
            localize=None if self.editing else services.journal.clock.localize,
            today=now.date(),
        )
        fields, side = self.form.columns(initial)
        hint = "Ctrl+Enter saves · Esc cancels" if kind is EntryKind.NOTE else KEY_HINT
        title, subtitle = self.form.title(initial), self.form.subtitle(initial)
        self.build(
            title,
            subtitle,
            fields,
            self.moment,
            hint=hint,
            side=side,
            row_spacing=self.form.row_spacing,
        )
        self.panel.load(initial)
        # Values no field shows (a check-in's flare, the identity) carry over as they are.
        written = {name for field in self.panel.fields for name in field.error_names()}
        self.carried = {k: v for k, v in initial.items() if k not in written}
        self.form.wire(self.panel, self.moment)
        if kind in FAVOURITE_KINDS:
            self._add_favourites_bar()
        self.deleted_entry: Entry | None = None
        if self.editing:
            self.delete_button = action_button("&Delete…", self.delete_entry)
            self.delete_button.setObjectName("deleteEntryButton")
            self.delete_button.setIcon(icon("delete"))
            self.delete_button.setToolTip("Delete this entry (you are asked first)")
            self.leading_buttons.addWidget(self.delete_button)
        self.finish_layout(self.panel.field(self.form.focus).focus_widget(), self.moment)

    def above_form_chain(self) -> list[QWidget]:
        if self.kind not in FAVOURITE_KINDS:
            return []
        return [*self.favourite_chips.chips(), self.save_favourite_button]

    def _starting_point(
        self, entry: Entry | None, day: date | None, prefill: Entry | None
    ) -> tuple[Entry, dict[str, Any]]:
        if entry is not None:
            return entry, entry_values(entry)
        if prefill is not None:
            base = replace(prefill, id=None)
            return base, entry_values(base)
        at = self.form.default_moment(day)
        base = entry_type(self.kind)(at=at)
        return base, {**entry_values(base), **self.form.new_values(at)}

    def field(self, name: str) -> Field:
        """The field bound to ``name`` (tests and the favourites bar use it)."""
        return self.panel.field(name)

    # --- favourites ----------------------------------------------------------------------

    def _add_favourites_bar(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(10)
        label = muted_label("Favourites")
        self.no_favourites = muted_label("None yet: fill in the form, then Save as favourite.")
        for words in (label, self.no_favourites):  # on the line of the button beside them
            words.setFixedHeight(LABEL_HEIGHT)
        row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
        self.favourite_chips = ChipSet(checkable=False, focusable=True)
        self.favourite_chips.picked.connect(self._fill_from_favourite)
        row.addWidget(self.favourite_chips, 1)
        row.addWidget(self.no_favourites, 1, Qt.AlignmentFlag.AlignTop)
        self.save_favourite_button = action_button("Save as favourite", self.save_as_favourite)
        self.save_favourite_button.setAccessibleName("Save this as a favourite")
        row.addWidget(self.save_favourite_button, 0, Qt.AlignmentFlag.AlignTop)
        self.above_form.addLayout(row)
        self._favourites: dict[str, Favourite] = {}
        self._refresh_favourites()
        for number in range(1, 10):
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda n=number: self._fill_by_number(n))

    def _refresh_favourites(self) -> None:
        self.favourite_chips.clear()
        favourites = self.services.journal.favourites(self.kind)
        self._favourites = {f.name: f for f in favourites}
        for number, favourite in enumerate(favourites, start=1):
            chip = self.favourite_chips.add_chip(favourite.name)
            shortcut = f" (Alt+{number})" if number < 10 else ""
            chip.setToolTip(
                f"Fill the form with {favourite.name}{shortcut}. "
                "Right-click or press Delete to remove it."
            )
            remove = QAction(f"Remove “{favourite.name}” from favourites", chip)
            remove.setShortcut(QKeySequence.StandardKey.Delete)
            remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            remove.triggered.connect(lambda _c=False, n=favourite.name: self.remove_favourite(n))
            chip.addAction(remove)
            chip.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.no_favourites.setVisible(not favourites)
        self.favourite_chips.setVisible(bool(favourites))
        self.apply_tab_order()

    def _fill_by_number(self, number: int) -> None:
        names = list(self._favourites)
        if number <= len(names):
            self._fill_from_favourite(names[number - 1])

    def _fill_from_favourite(self, name: str) -> None:
        favourite = self._favourites.get(name)
        if favourite is None:
            return
        values = entry_values(favourite.template)
        for common in ("at", "id", "uid"):
            values.pop(common, None)
        self.panel.clear_errors()
        self.panel.load(values)
        self.status.setText(f"Filled in from “{name}”. Press Enter to log it.")
        self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_favourite(self, name: str) -> None:
        """Forget a favourite (Ctrl+Z in the main window brings it back)."""
        favourite = self._favourites.get(name)
        if favourite is None:
            return
        self.services.journal.delete_favourite(favourite)
        self._refresh_favourites()
        self.status.setText(f"Removed “{name}” from favourites. Edit > Undo brings it back.")

    def save_as_favourite(self) -> Favourite | None:
        self.panel.clear_errors()
        values = self.panel.collect()
        if values is None:
            return None
        template = replace(self.base, **{**self.carried, **values})
        assert isinstance(template, Meal | Exercise)
        errors = entry_errors(template, self.services.journal.now())
        if errors:
            self.show_errors(errors)
            return None
        suggestion = template.items if isinstance(template, Meal) else template.activity
        name = ask_favourite_name(self, suggestion.strip()[:40])
        if not name or not name.strip():
            return None
        try:
            favourite = self.services.journal.save_favourite(name, template)
        except ValidationError as error:
            self.show_general(" ".join(e.message for e in error.errors))
            return None
        self._refresh_favourites()
        self.status.setText(f"Saved “{favourite.name}” as a favourite.")
        return favourite

    # --- deleting ------------------------------------------------------------------------

    def delete_entry(self) -> bool:
        """Ask, then delete the entry being edited and close; Undo brings it back."""
        entry = self.base
        if entry.id is None:
            return False
        question, what, when = deletion_words(self.services, entry)
        if not confirm.confirm_deletion(self, question, what, when):
            return False
        try:
            self.services.journal.delete_entry(entry.id)
        except LookupError as error:
            self.show_general(f"{error} Nothing was deleted.")
            return False
        self.deleted_entry = entry
        self.done(DELETED)
        return True

    # --- saving --------------------------------------------------------------------------

    def commit(self, values: Values) -> bool:
        try:
            self.form.finish(values)
        except InputError as error:
            self.show_errors([FieldError(error.field, error.message)])
            return False
        entry = replace(self.base, **{**self.carried, **values})
        journal = self.services.journal
        try:
            saved = journal.update_entry(entry) if self.editing else journal.add_entry(entry)
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except (LookupError, ValueError, JournalError) as error:  # JournalError: a full disk ...
            self.show_general(str(error))
            return False
        self.saved_entry = saved
        self.accept()
        return True


def deletion_words(services: Services, entry: Entry) -> tuple[str, str, str]:
    """The question, the entry in words and its moment, for asking before a delete."""
    journal = services.journal
    meds = {m.id: m for m in journal.medications() if m.id is not None}
    trackers = {t.id: t for t in journal.trackers() if t.id is not None}
    units = services.units
    text = describe(entry, units, meds, trackers)
    day = QDate(entry.day.year, entry.day.month, entry.day.day)
    long_day = QLocale().toString(day, QLocale.FormatType.LongFormat)
    when = f"Logged at {format_clock(entry.at, units)} on {long_day}"
    details = "\n".join(p for p in (text.detail, when) if p)
    return f"Delete this {label_of(entry.kind).lower()}?", text.title, details
