"""What the interface alone knows of each entry kind: colour, icon, shortcut, calendar dot.

Everything else about a kind (its fields, words and rules) is in the kind registry,
``journal.domain.kinds``; a test fails when a kind is missing from either table.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.domain.vocabulary import EntryKind


@dataclass(frozen=True)
class KindLook:
    colour: str
    """A key of ``journal.ui.palette.OKABE_ITO``."""
    icon: str
    """An SVG in resources/icons."""
    shortcut: str
    """The quick-add keys."""
    dot_rank: int
    """Which kinds win a calendar dot when a day has more than fit: lowest first."""
    on_toolbar: bool = False


# In the order of the Log menu (the order people log most).
KIND_LOOKS: dict[EntryKind, KindLook] = {
    EntryKind.MEAL: KindLook("orange", "meal", "Ctrl+1", 1, on_toolbar=True),
    EntryKind.EXERCISE: KindLook("green", "exercise", "Ctrl+2", 2, on_toolbar=True),
    EntryKind.STRESS: KindLook("purple", "stress", "Ctrl+3", 5, on_toolbar=True),
    EntryKind.SLEEP: KindLook("blue", "sleep", "Ctrl+4", 4, on_toolbar=True),
    EntryKind.SYMPTOMS: KindLook("vermillion", "symptoms", "Ctrl+5", 0, on_toolbar=True),
    EntryKind.GLUCOSE: KindLook("sky", "glucose", "Ctrl+6", 3, on_toolbar=True),
    EntryKind.DOSE: KindLook("green", "dose", "Ctrl+7", 6),
    EntryKind.LAB: KindLook("grey", "lab", "Ctrl+8", 7),
    EntryKind.TRACKER: KindLook("yellow", "tracker", "Ctrl+9", 9),
    EntryKind.NOTE: KindLook("grey", "note", "Ctrl+0", 10),
    EntryKind.BODY: KindLook("purple", "body", "Ctrl+Shift+B", 8),
}

QUICK_ADD_KEYS: tuple[tuple[EntryKind, str], ...] = tuple(
    (kind, look.shortcut) for kind, look in KIND_LOOKS.items()
)
DOT_ORDER: tuple[EntryKind, ...] = tuple(
    sorted(KIND_LOOKS, key=lambda kind: KIND_LOOKS[kind].dot_rank)
)
TOOLBAR_KINDS: tuple[EntryKind, ...] = tuple(k for k, v in KIND_LOOKS.items() if v.on_toolbar)
