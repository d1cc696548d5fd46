"""The About dialog: what Interplay is, its version, its promises, and where this journal's
data lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from journal import APP_NAME, __version__
from journal.ui.widgets.dialog_frame import FramedDialog, muted, text_button

WHAT_IT_IS = (
    "A private journal for living with insulin resistance and autoimmune conditions: log "
    "meals, movement, stress, sleep, glucose, medications and flares, and see how they move "
    "together."
)
PROMISES = (
    (
        "Private",
        "Everything stays on this computer. Interplay has no account and never connects to "
        "the internet.",
    ),
    (
        "Your data, not a diagnosis",
        "Interplay shows your own data and associations in it. It does not diagnose, and an "
        "association is not a cause: talk with your care team before changing treatment.",
    ),
)


class AboutDialog(FramedDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            APP_NAME,
            f"Version {__version__}",
            parent,
            icon_name="interplay",
            window_title=f"About {APP_NAME}",
        )
        self.setObjectName("aboutDialog")
        self.data_dir = data_dir
        self.version = self.subtitle
        self.version.setObjectName("version")
        intro = QLabel(WHAT_IT_IS)
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        for title, text in PROMISES:
            box = QVBoxLayout()
            box.setSpacing(4)
            box.addWidget(self.section_title(title))
            box.addWidget(muted(text))
            self.body.addLayout(box)
        where = QVBoxLayout()
        where.setSpacing(6)
        where.addWidget(self.section_title("Your journal is stored in"))
        self.location = QLabel(str(data_dir))
        self.location.setObjectName("dataPath")
        self.location.setAccessibleName("Data folder")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setWordWrap(True)
        where.addWidget(self.location)
        self.body.addLayout(where)
        self.add_buttons("Close", cancel=None)
        self.open_button = text_button("&Open data folder", "openDataFolder")
        self.open_button.clicked.connect(self.open_data_folder)
        self.left_buttons.addWidget(self.open_button)
        assert self.save_button is not None
        self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(520)
        self.setMaximumWidth(640)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
