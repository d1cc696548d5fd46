"""The welcome: on a journal's first run, and again from Help > Welcome and setup.

A first run is told by the profile service (``welcome_due``: never seen, journal empty),
so the window only asks; tests and ``screenshot`` build windows without it popping up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from journal.ui.welcome.dialog import WelcomeDialog, launch_demo

if TYPE_CHECKING:
    from journal.services import Services


def open_welcome(
    parent: QWidget | None, services: Services, on_status: Callable[[str], None] | None = None
) -> WelcomeDialog:
    """Show the welcome (window-modal, without blocking) and return it."""
    dialog = WelcomeDialog(services, parent)
    if on_status is not None:
        dialog.status.connect(on_status)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def offer_welcome(
    parent: QWidget | None, services: Services, on_status: Callable[[str], None] | None = None
) -> WelcomeDialog | None:
    """Show the welcome if this is the journal's first run; None when it is not."""
    if not services.profile.welcome_due():
        return None
    return open_welcome(parent, services, on_status)


__all__ = ["WelcomeDialog", "launch_demo", "offer_welcome", "open_welcome"]
