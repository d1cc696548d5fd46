"""The look of the entry forms: calm surfaces, large inputs, chips and segmented choices, an
error colour readable on light and dark backgrounds; built from the current palette."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from journal.ui.palette import is_dark
from journal.ui.style import theme_variables

# Error text colours with at least 4.5:1 contrast on the Fusion window colour of each scheme.
ERROR_LIGHT = "#B3261E"
ERROR_DARK = "#FFB4AB"

_SHEET = """
QDialog[form="true"] { background: {window}; }
QLabel#formTitle { font-weight: 600; }
QLabel#muted { color: {muted}; }
QLabel#fieldLabel { color: {text}; }
QLabel#fieldError { color: {error}; font-weight: 600; }
QLabel#fieldNotice { color: {error}; }
QLabel#generalError { color: {error}; font-weight: 600; }
QComboBox, QDateEdit { min-height: 28px; padding: 2px 8px; }
QLineEdit, QTimeEdit, QPlainTextEdit {
    background: {base};
    border: 1px solid {border_strong};
    border-radius: 6px;
    padding: 5px 8px;
    min-height: 24px;
    selection-background-color: {accent};
}
QPlainTextEdit { padding: 4px 6px; }
QLineEdit:focus, QTimeEdit:focus, QPlainTextEdit:focus {
    border: 2px solid {accent};
}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {
    border: 2px solid {error};
}
QPushButton {
    background: {base};
    border: 1px solid {border_strong};
    border-radius: 6px;
    padding: 7px 16px;
    min-height: 22px;
}
QPushButton:hover { background: {hover}; }
QPushButton:focus { border: 2px solid {accent}; }
QPushButton#saveButton {
    background: {accent};
    color: {accent_text};
    border: 1px solid {accent};
    font-weight: 600;
    padding: 7px 24px;
}
QPushButton#saveButton:focus { border: 2px solid {text}; }
QPushButton[chip="true"] {
    background: {card};
    border: 1px solid {border_strong};
    border-radius: 15px;
    padding: 4px 12px;
    min-height: 22px;
}
QPushButton[chip="true"]:hover { background: {hover}; }
QPushButton[chip="true"]:checked {
    background: {accent_soft};
    border: 1px solid {accent};
}
QPushButton[chip="true"]:focus { border: 2px solid {accent}; }
QPushButton[segment="true"] {
    background: {base};
    border: 1px solid {border_strong};
    border-radius: 6px;
    padding: 6px 14px;
    min-height: 22px;
}
QPushButton[segment="true"]:hover { background: {hover}; }
QPushButton[segment="true"]:checked {
    background: {accent};
    color: {accent_text};
    border: 1px solid {accent};
}
QFrame#formDivider { color: {border}; }
QListWidget#formList { border: 1px solid {border}; border-radius: 8px; padding: 4px; }
QListWidget#formList::item { padding: 8px 10px; border-radius: 6px; }
QListWidget#formList::item:selected { background: {accent_soft}; color: {text}; }
"""


def form_stylesheet() -> str:
    palette = QGuiApplication.palette()
    variables = theme_variables()
    variables.update(
        base=palette.color(QPalette.ColorRole.Base).name(),
        accent_text=palette.color(QPalette.ColorRole.HighlightedText).name(),
        border_strong=_border_strong(palette),
        error=ERROR_DARK if is_dark() else ERROR_LIGHT,
    )
    sheet = _SHEET
    for key, value in variables.items():
        sheet = sheet.replace("{" + key + "}", value)
    return sheet


def _border_strong(palette: QPalette) -> str:
    # Input borders need 3:1 contrast (WCAG non-text contrast): a mid-grey between base and text.
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    mix = 0.45
    ends = (window.red(), window.green(), window.blue()), (text.red(), text.green(), text.blue())
    channels = zip(*ends, strict=True)
    return "#" + "".join(f"{round(w + (t - w) * mix):02x}" for w, t in channels)


def style_form(widget: QWidget, extra: str = "") -> None:
    """Give a dialog the form look (and larger type than the app's default), with ``extra``
    rules of its own (set here, once: a second style sheet after the font change can leave
    widgets of stacked pages unstyled)."""
    widget.setProperty("form", True)
    widget.setStyleSheet(form_stylesheet() + extra)
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() + 1)
    widget.setFont(font)


def title_label(text: str, base: QFont) -> QLabel:
    """A form's title, 1.6 times the form's type size (so it follows the system font)."""
    label = QLabel(text)
    label.setObjectName("formTitle")
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 1.6)
    label.setFont(font)
    label.setAccessibleName(text)
    return label
