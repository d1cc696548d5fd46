"""What an empty day shows: a calm word and the quick-add shortcuts, never a reproach."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from journal.domain.kinds import label_of
from journal.domain.vocabulary import EntryKind
from journal.ui.icons import icon_pixmap, kind_accent, kind_pixmap
from journal.ui.kinds import QUICK_ADD_KEYS

ART_SIZE = 56


class EmptyDay(QWidget):
    """Shown instead of the timeline when a day has no entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyDay")
        # Focusable, so the day's shortcuts keep working when there is no list to focus.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Nothing logged yet for this day")
        self._art = QLabel()
        self._art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel("Nothing logged yet for this day")
        self.title.setObjectName("emptyTitle")
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel("When you are ready, add something with a shortcut:")
        self.hint.setObjectName("emptyHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)

        self._icons: list[tuple[QLabel, EntryKind]] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(8)
        half = (len(QUICK_ADD_KEYS) + 1) // 2
        for i, (kind, keys) in enumerate(QUICK_ADD_KEYS):
            grid.addWidget(self._shortcut(kind, keys), i % half, i // half)
        self.shortcuts = QWidget()
        self.shortcuts.setObjectName("emptyShortcuts")
        shortcuts = QHBoxLayout(self.shortcuts)
        shortcuts.setContentsMargins(0, 0, 0, 0)
        shortcuts.addStretch(1)
        shortcuts.addLayout(grid)
        shortcuts.addStretch(1)
        # On a short screen the list gives way to one line naming where the keys are.
        self.shortcuts.setMinimumHeight(1)
        self.short_hint = QLabel(
            "Log with Ctrl+1 to Ctrl+0, or the toolbar; Help > Keyboard shortcuts lists them."
        )
        self.short_hint.setObjectName("emptyHint")
        self.short_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.short_hint.setWordWrap(True)
        self.short_hint.hide()

        # The picture gives way first on a short screen: it never sets the height.
        self._art.setMinimumHeight(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(8)
        layout.addStretch(2)
        layout.addWidget(self._art)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(8)
        layout.addWidget(self.shortcuts)
        layout.addWidget(self.short_hint)
        layout.addStretch(3)
        self.refresh_icons()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # What the title and hint need, with neither the picture nor the key list.
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        base = (
            margins.top()
            + margins.bottom()
            + self.title.sizeHint().height()
            + self.hint.heightForWidth(max(self.width() - 48, 100))
            + 40
        )
        room = self.height() - base
        keys = self.shortcuts.sizeHint().height()
        self.shortcuts.setVisible(room >= keys)
        self.short_hint.setVisible(room < keys)
        self.hint.setText(
            "When you are ready, add something with a shortcut:"
            if room >= keys
            else "When you are ready, add something."
        )
        self._art.setVisible(room >= keys + ART_SIZE + 8)

    def _shortcut(self, kind: EntryKind, keys: str) -> QWidget:
        row = QWidget()
        row.setAccessibleName(f"{keys}: {label_of(kind)}")
        badge = QLabel()
        self._icons.append((badge, kind))
        key = QLabel(keys)
        key.setObjectName("keyCap")
        key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = QLabel(label_of(kind))
        label.setObjectName("emptyShortcutLabel")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(badge)
        layout.addWidget(key)
        layout.addWidget(label, 1)
        return row

    def refresh_icons(self) -> None:
        text = self.palette().color(QPalette.ColorRole.WindowText)
        window = self.palette().color(QPalette.ColorRole.Window)
        muted = QColor(
            (text.red() + 2 * window.red()) // 3,
            (text.green() + 2 * window.green()) // 3,
            (text.blue() + 2 * window.blue()) // 3,
        )
        self._art.setPixmap(icon_pixmap("calendar", ART_SIZE, muted))
        for badge, kind in self._icons:
            badge.setPixmap(kind_pixmap(kind, 18, kind_accent(kind)))
