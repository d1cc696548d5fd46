"""The frame the app's own dialogs share with the entry forms: a heading (with the app's icon
where it helps), titled sections of labelled rows, and plain text buttons, never the
platform's stock floppy-disk or red-X icons. Restyles itself when the palette or the text
size changes, so light, dark and larger text all apply while it is open."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.ui.forms.theme import ERROR_DARK, ERROR_LIGHT, form_stylesheet
from journal.ui.icons import icon_pixmap
from journal.ui.palette import is_dark
from journal.ui.style import theme_variables

_EXTRA_SHEET = """
QLabel#sectionTitle { font-weight: 600; }
QLabel#reason, QLabel#dataNote { color: {muted}; }
QLabel#dataPath {
    font-family: monospace; padding: 6px 8px; border-radius: 6px; background: {base};
    border: 1px solid {border};
}
QLabel#dataError, QLabel#formError { color: {error}; font-weight: 600; }
QSpinBox, QDoubleSpinBox { min-height: 28px; padding: 2px 8px; }
QProgressBar { min-height: 22px; border-radius: 6px; text-align: center; }
QLabel#summaryCard {
    background: {card}; border: 1px solid {border}; border-radius: 8px; padding: 10px 12px;
}
QFrame#sectionCard { background: {card}; border: 1px solid {border}; border-radius: 10px; }
QListWidget#sectionNav {
    background: transparent; border: none; outline: none; padding: 0;
}
QListWidget#sectionNav::item {
    padding: 8px 12px; margin: 1px 0; border-radius: 6px; color: {text};
}
QListWidget#sectionNav::item:hover { background: {hover}; }
QListWidget#sectionNav::item:selected { background: {accent_soft}; color: {text}; }
QPushButton:disabled { color: {muted}; background: {window}; border-color: {border}; }
QPushButton#saveButton:disabled { background: {window}; color: {muted}; border-color: {border}; }
QPushButton#dangerButton {
    background: #B3261E; color: white; border: 1px solid #B3261E; font-weight: 600;
}
QPushButton#dangerButton:focus { border: 2px solid {text}; }
QTableWidget, QTreeWidget {
    background: {base}; border: 1px solid {border}; border-radius: 8px;
    alternate-background-color: {card};
}
QHeaderView::section {
    padding: 6px 8px; font-weight: 600; border: none; border-bottom: 1px solid {border};
    background: {card};
}
QTabWidget::pane { border: 1px solid {border}; border-radius: 8px; top: -1px; }
QTabBar::tab {
    padding: 7px 16px; border: 1px solid {border}; border-bottom: none;
    border-top-left-radius: 6px; border-top-right-radius: 6px; background: {window};
    margin-right: 2px;
}
QTabBar::tab:selected { background: {card}; font-weight: 600; }
"""

_RESTYLE_ON = (
    QEvent.Type.ApplicationFontChange,
    QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.PaletteChange,
)
TITLE_SCALE = 1.6
SECTION_SCALE = 1.12


def scaled_font(base: QFont, scale: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    return font


def muted(text: str = "", *, wrap: bool = True, name: str = "muted") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def field_label(text: str, buddy: QWidget | None = None) -> QLabel:
    """A row's label; an ``&`` in ``text`` makes Alt+letter jump to ``buddy``."""
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def add_row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
    """A labelled row; the label sits level with the middle of a one-line field."""
    label = field_label(text, field)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumHeight(min(field.sizeHint().height(), 48))
    form.addRow(label, field)
    return label


def divider() -> QFrame:
    line = QFrame()
    line.setObjectName("formDivider")
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    return line


def text_button(text: str, name: str = "", *, accessible: str = "") -> QPushButton:
    """A plain text button that never takes Enter from the dialog's main button."""
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    button.setAccessibleName(accessible or text.replace("&", ""))
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def form_rows() -> QFormLayout:
    """Labelled rows laid out like the entry forms': labels on the left, fields beside."""
    form = QFormLayout()
    form.setContentsMargins(0, 0, 0, 0)
    form.setHorizontalSpacing(18)
    form.setVerticalSpacing(12)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


class FramedDialog(QDialog):
    """A dialog with a heading, a body of sections, and a footer of text buttons.

    Subclasses fill ``self.body`` (``add_section`` gives a titled group of labelled rows) and
    call ``add_buttons``. Esc cancels; Enter presses the main button.
    """

    def __init__(
        self,
        title: str,
        subtitle: str = "",
        parent: QWidget | None = None,
        *,
        icon_name: str | None = None,
        window_title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setProperty("form", True)
        self.setWindowTitle(f"{window_title or title} — {APP_NAME}")
        self._restyling = False
        self._scaled: list[tuple[QLabel, float, bool]] = []
        self._icon_name = icon_name
        self._heading_icon: QLabel | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 22, 28, 20)
        outer.setSpacing(14)
        outer.addLayout(self._header(title, subtitle))
        outer.addWidget(divider())
        self.body = QVBoxLayout()
        self.body.setSpacing(20)
        outer.addLayout(self.body, 1)
        self.footer_divider = divider()
        outer.addWidget(self.footer_divider)
        self.footer = QHBoxLayout()
        self.footer.setSpacing(10)
        outer.addLayout(self.footer)
        self._restyle_frame()

    # --- building ------------------------------------------------------------------------

    def _header(self, title: str, subtitle: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(14)
        if self._icon_name:
            self._heading_icon = QLabel()
            self._heading_icon.setObjectName("headingIcon")
            self._heading_icon.setAccessibleName(f"{APP_NAME} icon")
            row.addWidget(self._heading_icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.title = QLabel(title)
        self.title.setObjectName("formTitle")
        self.title.setAccessibleName(title)
        self._scaled.append((self.title, TITLE_SCALE, True))
        words.addWidget(self.title)
        self.subtitle = muted(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        words.addWidget(self.subtitle)
        row.addLayout(words, 1)
        self.header_extra = QHBoxLayout()
        row.addLayout(self.header_extra)
        return row

    def section_title(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        label.setAccessibleName(text)
        self._scaled.append((label, SECTION_SCALE, True))
        self._apply_scale(label, SECTION_SCALE, True)
        return label

    def add_section(
        self, title: str, description: str = "", into: QVBoxLayout | None = None
    ) -> QFormLayout:
        """A titled group of labelled rows, added to ``into`` (by default the body)."""
        box = QVBoxLayout()
        box.setSpacing(8)
        if title:
            box.addWidget(self.section_title(title))
        if description:
            box.addWidget(muted(description))
        form = form_rows()
        box.addLayout(form)
        (into if into is not None else self.body).addLayout(box)
        return form

    def add_buttons(
        self,
        primary: str | None,
        cancel: str | None = "Cancel",
        hint: str = "",
    ) -> None:
        """The footer: buttons for the whole window and a hint on the left, then extra
        buttons, Cancel and the main button on the right."""
        self.left_buttons = QHBoxLayout()
        self.left_buttons.setSpacing(10)
        self.footer.addLayout(self.left_buttons)
        self.hint = muted(hint, wrap=True)
        self.hint.setVisible(bool(hint))
        self.footer.addWidget(self.hint, 4)
        self.footer.addStretch(1)
        self.extra_buttons = QHBoxLayout()
        self.extra_buttons.setSpacing(10)
        self.footer.addLayout(self.extra_buttons)
        self.cancel_button = text_button(cancel or "Cancel", "cancelButton")
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setVisible(cancel is not None)  # Esc still cancels
        self.footer.addWidget(self.cancel_button)
        self.save_button: QPushButton | None = None
        if primary is not None:
            self.save_button = QPushButton(primary)
            self.save_button.setObjectName("saveButton")
            self.save_button.setAccessibleName(primary.replace("&", ""))
            self.save_button.setDefault(True)
            self.save_button.setAutoDefault(True)
            self.save_button.clicked.connect(self.save)
            self.footer.addWidget(self.save_button)
        else:
            self.cancel_button.setDefault(True)

    def save(self) -> None:
        """The main button; subclasses check and store, then accept."""
        self.accept()

    # --- look ------------------------------------------------------------------------------

    def extra_stylesheet(self) -> str:
        """More style rules a dialog needs (after the shared ones; ``{muted}``, ``{error}``
        and the other theme variables are filled in)."""
        return ""

    def restyle(self) -> None:
        """Colours from the current palette and type from the current application font."""
        if self._restyling:
            return
        self._restyle_frame()
        self._restyling = True
        try:
            self.after_restyle()
        finally:
            self._restyling = False
        if self.isVisible():  # larger text may need a larger window (within the screen)
            QTimer.singleShot(0, self, self.fit_to_screen)

    def _restyle_frame(self) -> None:
        self._restyling = True
        try:
            base = QFont(QApplication.font())
            if base.pointSizeF() > 0:
                base.setPointSizeF(base.pointSizeF() + 1)  # the forms' larger type
            self.setFont(base)
            variables = theme_variables()
            variables["error"] = ERROR_DARK if is_dark() else ERROR_LIGHT
            extra = _EXTRA_SHEET + self.extra_stylesheet()
            for key, value in variables.items():
                extra = extra.replace("{" + key + "}", value)
            self.setStyleSheet(form_stylesheet() + extra)
            for label, scale, bold in self._scaled:
                self._apply_scale(label, scale, bold)
            if self._heading_icon is not None and self._icon_name:
                side = max(40, round(self.fontMetrics().height() * 2.6))
                self._heading_icon.setPixmap(icon_pixmap(self._icon_name, side))
                self._heading_icon.setFixedSize(side, side)
        finally:
            self._restyling = False

    def after_restyle(self) -> None:
        """Hook: refresh what a dialog draws from the palette or the font itself."""

    def _apply_scale(self, label: QLabel, scale: float, bold: bool) -> None:
        label.setFont(scaled_font(self.font(), scale, bold=bold))

    def event(self, event: QEvent) -> bool:
        # The application-wide changes never reach changeEvent(); the palette one also
        # arrives as PaletteChange (setting a style sheet sends that too: restyle() is guarded).
        handled = super().event(event)
        if event.type() in _RESTYLE_ON:
            self.restyle()
        return handled

    # --- fitting the screen --------------------------------------------------------------

    def fit_to_screen(self) -> None:
        """Never taller or wider than the screen it opens on (1024x700 included)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        self.setMaximumSize(room.width(), room.height())
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the size it needs now, not before its last change
        hint = self.sizeHint()
        width, height = min(hint.width(), room.width()), min(hint.height(), room.height())
        self.resize(max(width, self.width()) if self.isVisible() else width, height)
        if not self.isVisible():
            return  # Qt centres it over its parent when it is shown
        # Grown while open (a table filled in): keep its centre, but all of it on screen.
        frame = self.frameGeometry()
        centre = frame.center()
        x = min(max(centre.x() - frame.width() // 2, room.left()), room.right() - frame.width())
        y = min(max(centre.y() - frame.height() // 2, room.top()), room.bottom() - frame.height())
        self.move(max(x, room.left()), max(y, room.top()))


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget and sub-layout in ``layout``."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
