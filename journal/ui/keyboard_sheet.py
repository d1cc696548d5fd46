"""Help > Keyboard shortcuts: a sheet read from the window's own actions, so it cannot drift
from the keys that really work (the quick-add keys come from ``ui.kinds``, via their
actions in the Log menu)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from journal import APP_NAME

# The keys inside a form, which are behaviour rather than actions (see ui/forms/dialog.py,
# ui/forms/inputs.py).
FORM_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "Save the form (a note: Ctrl+Enter)"),
    ("Esc", "Close the form without saving"),
    ("Tab, Shift+Tab", "Next or previous field"),
    ("0 to 9", "Rate on a 0-10 scale (type 1 then 0 for 10)"),
    ("Left, Right", "Change a choice such as the meal type"),
    ("Alt+1 to Alt+9", "Fill in a favourite meal or activity"),
)


# Keys of every keyboard end here (letters, digits, Esc, Tab, arrows, F1-F35, Menu); above
# are media and vendor keys ("Exit", "Settings") that some platforms map standard actions to.
_LAST_KEYBOARD_KEY = Qt.Key.Key_Menu.value


def _on_a_keyboard(sequence: QKeySequence) -> bool:
    keys = (sequence[i].key().value for i in range(sequence.count()))  # type: ignore[index]
    return all(key <= _LAST_KEYBOARD_KEY for key in keys)


def action_keys(action: QAction) -> str:
    """The action's shortcuts as this platform writes them ("Ctrl+1", "Ctrl+Shift+F"),
    leaving out keys few keyboards have."""
    keys = [
        s.toString(QKeySequence.SequenceFormat.NativeText)
        for s in action.shortcuts()
        if not s.isEmpty() and _on_a_keyboard(s)
    ]
    return ", ".join(k for k in keys if k)


def action_words(action: QAction) -> str:
    """The action's menu text without its mnemonic and dots: "Start or end a flare"."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def _menu_rows(menu: QMenu) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            rows += _menu_rows(submenu)
            continue
        keys = action_keys(action)
        if keys:
            rows.append((keys, action_words(action)))
    return rows


def keyboard_rows(window: QMainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, what they do)]) for every menu of ``window`` with a shortcut in it,
    then the window's other shortcuts (those in no menu)."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    in_menus: set[int] = set()
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if not isinstance(menu, QMenu):
            continue
        in_menus.update(id(a) for a in _all_actions(menu))
        rows = _menu_rows(menu)
        if rows:
            sections.append((action_words(entry), rows))
    others = [
        (action_keys(a), action_words(a))
        for a in window.actions()
        if id(a) not in in_menus and action_keys(a) and a.text()
    ]
    if others:
        sections.append(("Anywhere", others))
    return sections


def _all_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        found.append(action)
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _all_actions(submenu)
    return found


def today_rows() -> list[tuple[str, str]]:
    """The Today view's own keys (its shortcuts, not window actions)."""
    from journal.ui.today.view import DAY_SHORTCUTS

    words = {"previous": "Previous day", "next": "Next day", "today": "Back to today"}
    return [
        (QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText), words.get(k, k))
        for k, keys in DAY_SHORTCUTS.items()
    ]


def keyboard_sheet_html(window: QMainWindow) -> str:
    """The sheet as HTML for the help dialog: the window's keys, Today's, then a form's."""
    sections = [
        *keyboard_rows(window),
        ("In Today", today_rows()),
        ("In a form", list(FORM_KEYS)),
    ]
    parts = [
        "<h1>Keyboard shortcuts</h1>",
        f"<p>Every action of {APP_NAME} can be reached from the keyboard. Alt with the "
        "underlined letter opens a menu; these keys work directly.</p>",
    ]
    for title, rows in sections:
        parts.append(f"<h2>{escape(title)}</h2><table>")
        parts += [
            f"<tr><td width='170'><b>{escape(keys)}</b></td><td>{escape(words)}</td></tr>"
            for keys, words in rows
        ]
        parts.append("</table>")
    return "\n".join(parts)
