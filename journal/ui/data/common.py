"""Pieces the data windows share: calm text styles, headings, buttons, dates and sizes."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

log = logging.getLogger(__name__)

DATA_SHEET = """
QLabel#dataNote { color: palette(placeholder-text); }
QLabel#dataError { font-weight: 600; }
QLabel#dataPath { font-family: monospace; padding: 6px 8px; border-radius: 6px;
                  background: palette(base); }
QPushButton { background: palette(button); color: palette(button-text);
              border: 1px solid palette(mid); border-radius: 6px; padding: 7px 16px; }
QPushButton:hover { border-color: palette(highlight); }
QPushButton:focus { border: 2px solid palette(highlight); }
QPushButton:disabled { color: palette(placeholder-text); background: palette(window); }
QPushButton#primaryButton { font-weight: 600; padding: 8px 22px; background: palette(highlight);
                            color: palette(highlighted-text); border-color: palette(highlight); }
QPushButton#primaryButton:disabled { background: palette(window); color: palette(placeholder-text);
                                     border-color: palette(mid); }
QPushButton#dangerButton { font-weight: 600; padding: 8px 18px; background: #B3261E;
                           color: white; border-color: #B3261E; }
QPushButton#dangerButton:focus { border: 2px solid palette(text); }
QPushButton#dangerButton:disabled { background: palette(window); color: palette(placeholder-text);
                                    border-color: palette(mid); }
QTableWidget { border: 1px solid palette(mid); border-radius: 8px; }
QHeaderView::section { padding: 6px 8px; font-weight: 600; border: none;
                       border-bottom: 1px solid palette(mid); background: palette(window); }
QProgressBar { min-height: 22px; border-radius: 6px; text-align: center; }
"""


def note_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("dataNote")
    label.setWordWrap(True)
    return label


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("dataError")
    label.setWordWrap(True)
    label.setAccessibleName("Problem")
    label.hide()
    return label


def heading(text: str, base: QFont, scale: float = 1.3) -> QLabel:
    label = QLabel(text)
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def button(text: str, name: str, accessible: str, parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setMinimumHeight(36)
    return widget


def divider() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    return line


def local_datetime(moment: datetime) -> str:
    """A date and time with names from the person's locale (e.g. "Tue 24 Nov 2026, 12:00")."""
    qt_moment = QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )
    return QLocale().toString(qt_moment, "ddd d MMM yyyy, HH:mm")


def data_size(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
