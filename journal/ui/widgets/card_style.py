"""The goals and reminders views' look: colours mixed from the palette, and their style sheet."""

from __future__ import annotations

from string import Template
from typing import TypeVar

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from journal.ui.palette import OKABE_ITO, is_dark, mix, surface_colours


def goal_colours(palette: QPalette) -> dict[str, QColor]:
    """Named colours readable in the light and the dark scheme."""
    colours = surface_colours(palette)
    card, text = colours["card"], colours["text"]
    dark = is_dark()
    sky = QColor(OKABE_ITO["sky"])
    return colours | {
        "track": mix(card, text, 0.12),
        # Okabe & Ito: progress green, limits blue, over a limit orange (calm, not alarm red).
        "progress": QColor(OKABE_ITO["green"]),
        "limit": QColor(OKABE_ITO["sky"] if dark else OKABE_ITO["blue"]),
        "over": QColor(OKABE_ITO["orange"]),
        "guidance": mix(card, sky, 0.18 if dark else 0.1),
        "guidance_edge": mix(card, sky, 0.5),
    }


def goals_stylesheet(colours: dict[str, QColor]) -> str:
    return _QSS.substitute({name: colour.name() for name, colour in colours.items()})


_QSS = Template(
    """
#goalsScroll, #goalsPage { background: transparent; border: none; }
#pageTitle { font-size: 20pt; font-weight: 600; }
#pageSubtitle, #goalDescription, #goalOfTarget, #goalHistoryText, #sectionHint,
#templateSource, #reminderSchedule, #reminderOrigin, #emptyHint, #guidanceFootnote {
    color: $muted;
}
#sectionHeading { font-size: 13pt; font-weight: 600; }
#goalCard, #reminderRow, #templatesCard, #emptyCard, #stayingAround {
    background: $card;
    border: 1px solid $border;
    border-radius: 12px;
}
#goalCard[paused="true"] { background: $window; }
#goalCard QLabel, #reminderRow QLabel, #templatesCard QLabel, #emptyCard QLabel,
#stayingAround QLabel { background: transparent; border: none; }
#goalTitle, #reminderTitle, #templatesTitle { font-weight: 600; font-size: 11.5pt; }
#goalValue { font-size: 22pt; font-weight: 600; }
#goalDetail { font-weight: 600; }
#goalCard QLabel#streakChip {
    background: $accent_soft; border: 1px solid $accent_edge; border-radius: 10px;
    padding: 2px 10px; font-weight: 600;
}
#templatesCard QLabel#guidanceNote {
    background: $guidance; border: 1px solid $guidance_edge; border-radius: 8px;
    padding: 8px 12px;
}
#primaryButton {
    background: $accent_soft; border: 1px solid $accent_edge; border-radius: 8px;
    padding: 7px 18px; font-weight: 600; min-height: 22px;
}
#primaryButton:hover { background: $accent_hover; }
#quietButton, #goalMenuButton, #reminderEdit, #reminderRemove {
    background: $card; border: 1px solid $border; border-radius: 8px;
    padding: 6px 14px; min-height: 22px;
}
#goalMenuButton { padding: 4px 10px; }
#goalMenuButton::menu-indicator { image: none; }
#quietButton:hover, #goalMenuButton:hover, #reminderEdit:hover, #reminderRemove:hover {
    background: $hover;
}
#primaryButton:focus, #quietButton:focus, #goalMenuButton:focus, #reminderEdit:focus,
#reminderRemove:focus { border: 2px solid $accent; }
#reminderBanner { background: $toast; border-radius: 10px; }
#reminderBanner QLabel { color: $toast_text; background: transparent; }
#bannerTitle { font-weight: 600; font-size: 11pt; }
#reminderBanner QPushButton {
    color: $toast_text; background: transparent;
    border: 1px solid $toast_accent; border-radius: 7px; padding: 5px 12px;
}
#reminderBanner QPushButton#bannerOpen {
    color: $toast_accent; font-weight: 600;
}
#reminderBanner QPushButton:focus { border: 2px solid $toast_text; }
"""
)


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set (the style sheet and tests find it by name)."""
    widget.setObjectName(name)
    return widget
