"""The About dialog: what Interplay is, its version, and where this journal's data lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from journal import APP_NAME, __version__


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("aboutDialog")
        self.data_dir = data_dir
        title = QLabel(f"<h2>{APP_NAME}</h2>")
        version = QLabel(f"Version {__version__}")
        version.setObjectName("version")
        body = QLabel(
            "A private journal for living with insulin resistance and autoimmune conditions: "
            "log meals, movement, stress, sleep, glucose, medications and flares, and see how "
            "they move together.<br><br>"
            "Everything stays on this computer. Interplay has no account and never connects "
            "to the internet.<br><br>"
            "Interplay shows your own data and associations in it. It does not diagnose, and "
            "an association is not a cause: talk with your care team before changing treatment."
        )
        body.setWordWrap(True)
        location = QLabel(f"Your journal is stored in:<br><b>{data_dir}</b>")
        location.setObjectName("location")
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        location.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        open_folder = QPushButton("Open data folder")
        open_folder.clicked.connect(self.open_data_folder)
        buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.setContentsMargins(24, 20, 24, 16)
        for widget in (title, version, body, location):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
