"""Keys for the app's standard actions where the platform's own standard falls short."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

# Shown in menus when the platform's standard key for Preferences is missing or is only the
# keyboard's "Settings" key (X11 without a desktop), which a menu spells as a word.
PREFERENCES_FALLBACK = "Ctrl+,"


def preferences_shortcuts() -> list[QKeySequence]:
    """The keys that open Preferences, the one a menu shows first: the platform's standard
    when it is a typed key (Cmd+, on a Mac), else Ctrl+,."""
    standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    typed = [k for k in standard if not k.isEmpty() and k != QKeySequence(Qt.Key.Key_Settings)]
    found: list[QKeySequence] = []
    for key in [*typed, QKeySequence(PREFERENCES_FALLBACK), *standard]:
        if not key.isEmpty() and key not in found:
            found.append(key)
    return found
