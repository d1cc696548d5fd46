"""The help pages' names, and the pointer to them from each number's tooltip.

Apart from ``journal.ui.help`` so that Today's tooltips do not load the help dialog (its
widgets and pages) before the window's first frame.
"""

from __future__ import annotations

PAGES = {
    "guide": "Getting started",
    "keys": "Keyboard shortcuts",
    "reference": "Reference ranges",
}
# Pointed to from each number's tooltip.
REFERENCE_HINT = "Reference ranges and their sources: Help > Reference ranges (F1)."
