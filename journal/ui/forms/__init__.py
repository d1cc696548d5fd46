"""The entry forms: log every kind of entry from the keyboard in seconds, and edit it in the
same form; start and end flares; keep the medication and tracker lists."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from journal.domain.entries import Entry, FlareEpisode
from journal.domain.vocabulary import EntryKind
from journal.ui.forms.dialog import EntryDialog, FormDialog
from journal.ui.forms.flare import FlareDialog
from journal.ui.forms.lists import (
    MedicationsDialog,
    TrackersDialog,
    open_medications_dialog,
    open_trackers_dialog,
)

if TYPE_CHECKING:
    from journal.services import Services


def open_entry_dialog(
    parent: QWidget | None,
    services: Services,
    kind: EntryKind,
    *,
    entry: Entry | None = None,
    day: date | None = None,
    prefill: Entry | None = None,
) -> Entry | None:
    """Modal form. New entry of `kind` (at the current time if `day` is None or today, else at
    12:00 of `day`), or edit `entry` (same form, prefilled). `prefill` pre-fills a new entry
    (used by reminders later; its fields, ``at`` included, are used as given). Returns the
    saved entry, or None if cancelled."""
    dialog = EntryDialog(services, kind, entry=entry, day=day, prefill=prefill, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.saved_entry


def open_flare_dialog(
    parent: QWidget | None, services: Services, episode: FlareEpisode | None = None
) -> FlareEpisode | None:
    """Start a flare (condition, start day, suspected triggers, note) or edit/end one."""
    dialog = FlareDialog(services, episode, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.saved_episode


__all__ = [
    "EntryDialog",
    "FlareDialog",
    "FormDialog",
    "MedicationsDialog",
    "TrackersDialog",
    "open_entry_dialog",
    "open_flare_dialog",
    "open_medications_dialog",
    "open_trackers_dialog",
]
