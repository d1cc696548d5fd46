"""Keyboard shortcuts shared by the window that binds them and the views that mention them."""

from __future__ import annotations

from journal.domain.vocabulary import EntryKind

# Quick-add of each kind: Ctrl+1 ... Ctrl+0, in the order people log most.
QUICK_ADD_KEYS: tuple[tuple[EntryKind, str], ...] = (
    (EntryKind.MEAL, "Ctrl+1"),
    (EntryKind.EXERCISE, "Ctrl+2"),
    (EntryKind.STRESS, "Ctrl+3"),
    (EntryKind.SLEEP, "Ctrl+4"),
    (EntryKind.SYMPTOMS, "Ctrl+5"),
    (EntryKind.GLUCOSE, "Ctrl+6"),
    (EntryKind.DOSE, "Ctrl+7"),
    (EntryKind.LAB, "Ctrl+8"),
    (EntryKind.TRACKER, "Ctrl+9"),
    (EntryKind.NOTE, "Ctrl+0"),
)
