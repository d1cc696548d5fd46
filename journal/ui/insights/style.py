"""The Insights view's look: the Goals view's cards and buttons, plus its own labels."""

from __future__ import annotations

from string import Template

from PySide6.QtGui import QColor, QPalette

from journal.ui.palette import OKABE_ITO, is_dark, mix
from journal.ui.widgets.card_style import goal_colours, goals_stylesheet


def insights_colours(palette: QPalette) -> dict[str, QColor]:
    colours = goal_colours(palette)
    card = colours["card"]
    dark = is_dark()
    # Okabe & Ito: the factor's days in orange, the others in blue; a planned "without"
    # day in sky, a "with" day in the accent.
    return colours | {
        "with": QColor(OKABE_ITO["orange"]),
        "without": QColor(OKABE_ITO["sky"] if dark else OKABE_ITO["blue"]),
        "chip": mix(card, colours["text"], 0.08),
        "caution": mix(card, QColor(OKABE_ITO["orange"]), 0.1 if dark else 0.08),
        "caution_edge": mix(card, QColor(OKABE_ITO["orange"]), 0.35),
    }


def insights_stylesheet(colours: dict[str, QColor]) -> str:
    names = {name: colour.name() for name, colour in colours.items()}
    return goals_stylesheet(colours) + _QSS.substitute(names)


_QSS = Template(
    """
#insightsScroll, #insightsPage { background: transparent; border: none; }
#findingCard, #experimentCard, #chanceCard, #waitingCard {
    background: $card; border: 1px solid $border; border-radius: 12px;
}
#findingCard QLabel, #experimentCard QLabel, #chanceCard QLabel, #waitingCard QLabel {
    background: transparent; border: none;
}
#findingTitle, #experimentTitle { font-weight: 600; font-size: 11.5pt; }
#findingSentence, #experimentSentence { font-size: 10.5pt; }
#findingNote, #findingAlso, #waitingItem, #chanceText, #insightsStatus, #experimentDetail {
    color: $muted;
}
#findingCard QLabel#findingNote {
    background: $caution; border: 1px solid $caution_edge; border-radius: 8px;
    padding: 6px 10px; color: $text;
}
#experimentToday { font-size: 13pt; font-weight: 600; }
QLabel#dayChip {
    background: $chip; border-radius: 8px; padding: 3px 8px;
}
QLabel#dayChip[planned="with"] { border: 1px solid $with; }
QLabel#dayChip[planned="without"] { border: 1px solid $without; }
QLabel#dayChip[today="true"] { font-weight: 600; }
#insightsRange { min-height: 22px; padding: 4px 8px; }
"""
)
