"""The Today view's look: colours mixed from the active palette, and its style sheet."""

from __future__ import annotations

from string import Template

from PySide6.QtGui import QColor, QPalette

from journal.ui.palette import FLARE_RGBA, is_dark, mix, surface_colours


def today_colours(palette: QPalette) -> dict[str, QColor]:
    """Named colours for the view, readable in the light and the dark scheme."""
    colours = surface_colours(palette)
    window = colours["window"]
    flare = QColor(*FLARE_RGBA[:3])
    dark = is_dark()
    return colours | {
        "keycap": mix(window, palette.color(QPalette.ColorRole.Base), 0.5),
        "flare": flare,
        "flare_fill": mix(window, flare, 0.22 if dark else 0.12),
        "flare_edge": mix(window, flare, 0.5),
        "flare_hover": mix(window, flare, 0.32 if dark else 0.2),
    }


def today_stylesheet(colours: dict[str, QColor]) -> str:
    return _QSS.substitute({name: colour.name() for name, colour in colours.items()})


_QSS = Template(
    """
#daySubtitle, #summaryLabel, #summaryUnit, #summaryHint, #legendText,
#emptyHint, #emptyShortcutLabel, #doseTime, #cgmRange, #cgmDetail { color: $muted; }
#cgmTitle { color: $muted; font-weight: 600; }
#sectionHeading { color: $muted; font-weight: 600; }
#summaryCard, #dosesDue, #calendarCard, #timelineCard, #cgmCard {
    background: $card;
    border: 1px solid $border;
    border-radius: 10px;
}
#summaryCard QLabel, #dosesDue QLabel, #calendarCard QLabel, #cgmCard QLabel {
    background: transparent; border: none;
}
#summaryValue[empty="true"] { color: $muted; }
#timeline, #emptyDay { background: transparent; border: none; }
#timeline { padding: 6px; }
#flareBanner {
    background: $flare_fill;
    border: 1px solid $flare_edge;
    border-radius: 8px;
}
#flareText { font-weight: 600; background: transparent; }
#flareBanner QToolButton {
    background: transparent; color: $text;
    border: 1px solid $flare_edge; border-radius: 6px; padding: 2px 10px;
}
#flareBanner QToolButton:hover { background: $flare_hover; }
#flareBanner QToolButton:focus { border: 2px solid $accent; }
#rowActions { background: transparent; }
#rowActions QToolButton {
    background: $card; color: $text;
    border: 1px solid $border; border-radius: 6px; padding: 3px 8px;
}
#rowActions QToolButton:hover { background: $hover; border-color: $muted; }
#keyCap {
    border: 1px solid $border;
    border-bottom-width: 2px;
    border-radius: 5px;
    padding: 1px 6px;
    background: $keycap;
}
#messageBar { background: $toast; border-radius: 8px; }
#messageText { color: $toast_text; font-weight: 600; }
#messageUndo {
    color: $toast_accent; background: transparent;
    border: 1px solid $toast_accent; border-radius: 6px;
    padding: 4px 12px; font-weight: 600;
}
#messageClose { color: $toast_text; border: none; padding: 4px 8px; }
#doseTaken {
    background: $accent_soft; color: $text;
    border: 1px solid $accent_edge; border-radius: 8px;
    padding: 5px 18px; min-height: 22px; font-weight: 600;
}
#doseTaken:hover { background: $accent_hover; }
#doseTaken:disabled { background: transparent; color: $muted; border: 1px solid $border; }
#doseTaken:focus, #doseMore:focus, #previousDayButton:focus, #nextDayButton:focus,
#todayDayButton:focus, #messageUndo:focus { border: 2px solid $accent; }
#timeline QScrollBar:vertical {
    background: transparent; width: 10px; margin: 4px 2px 4px 0;
}
#timeline QScrollBar::handle:vertical {
    background: $border; border-radius: 4px; min-height: 32px;
}
#timeline QScrollBar::handle:vertical:hover { background: $muted; }
#timeline QScrollBar::add-line, #timeline QScrollBar::sub-line { height: 0; }
#timeline QScrollBar::add-page, #timeline QScrollBar::sub-page {
    background: transparent;
}
#doseMore, #previousDayButton, #nextDayButton, #todayDayButton {
    border: 1px solid $border; border-radius: 8px; padding: 6px;
    background: $card;
}
#todayDayButton { padding: 6px 12px; font-weight: 600; }
#doseMore:hover, #previousDayButton:hover, #nextDayButton:hover,
#todayDayButton:hover { background: $hover; }
#doseMore::menu-indicator { image: none; }
#qt_calendar_navigationbar { background: $card; }
#dayCalendar QToolButton {
    color: $text; background: transparent; border: none;
    font-weight: 600; padding: 4px 8px; border-radius: 6px;
}
#dayCalendar QToolButton:hover { background: $hover; }
#dayCalendar QToolButton::menu-indicator { image: none; }
#dayCalendar QAbstractItemView {
    background: $card; border: none; outline: 0;
    selection-background-color: transparent;
}
"""
)
