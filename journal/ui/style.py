"""The application stylesheet: ordered ``resources/styles/NN_name.qss`` files with
``{{variable}}`` placeholders filled from the current palette, so light and dark both work."""

from __future__ import annotations

import re

from PySide6.QtGui import QGuiApplication, QPalette

from journal.resources import resource_path
from journal.ui.palette import mix

_VARIABLE = re.compile(r"\{\{(\w+)\}\}")


def theme_variables() -> dict[str, str]:
    palette = QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    accent = palette.color(QPalette.ColorRole.Highlight)
    return {
        "window": window.name(),
        "text": text.name(),
        "border": mix(window, text, 0.15).name(),
        "hover": mix(window, text, 0.07).name(),
        "sidebar": mix(window, text, 0.035).name(),
        "accent": accent.name(),
        "accent_soft": mix(window, accent, 0.25).name(),
        "muted": mix(text, window, 0.4).name(),
        "card": mix(window, palette.color(QPalette.ColorRole.Base), 0.6).name(),
        "base": palette.color(QPalette.ColorRole.Base).name(),
        "check_icon": resource_path("icons", "check.svg").as_posix(),
    }


def stylesheet() -> str:
    variables = theme_variables()
    parts = sorted(resource_path("styles").glob("*.qss"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in parts)
    return _VARIABLE.sub(lambda m: variables.get(m.group(1), m.group(0)), text)
