"""How the app looks to the person: light, dark or the system's scheme, and the text size."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


THEME_LABELS: dict[Theme, str] = {
    Theme.SYSTEM: "Like the system",
    Theme.LIGHT: "Light",
    Theme.DARK: "Dark",
}

# Text sizes as a percentage of the system's own font, so "Normal" is whatever the person
# set for every app, and the larger steps help on a flare day or a small, far screen.
TEXT_SIZES: tuple[tuple[int, str], ...] = (
    (90, "Smaller"),
    (100, "Normal"),
    (115, "Larger"),
    (130, "Largest"),
)
NORMAL_TEXT = 100


@dataclass(frozen=True)
class Appearance:
    theme: Theme = Theme.SYSTEM
    text_percent: int = NORMAL_TEXT
    """The text size as a percentage of the system font (one of ``TEXT_SIZES``)."""


def text_size_label(percent: int) -> str:
    """ "Larger (115 %)", or the bare percentage for a size this version does not name."""
    name = dict(TEXT_SIZES).get(percent)
    return f"{name} ({percent} %)" if name else f"{percent} %"


def known_text_percent(value: object) -> int:
    """A stored text size, or Normal for anything this version does not offer."""
    sizes = {percent for percent, _label in TEXT_SIZES}
    return value if isinstance(value, int) and value in sizes else NORMAL_TEXT
