"""The help pages: getting started, the keyboard sheet, reference ranges with their sources."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from journal import APP_NAME
from journal.resources import resource_path
from journal.ui.help_topics import PAGES

_STYLE = """
body { font-size: 11pt; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 18px; }
td, th { padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
p.source { color: palette(placeholder-text); }
"""


class HelpDialog(QDialog):
    """A help page, readable with the keyboard (arrows, Page Down) and a screen reader."""

    def __init__(
        self, page: str = "reference", parent: QWidget | None = None, *, html: str = ""
    ) -> None:
        """Show ``page`` from resources/help, or ``html`` made by the app (the key sheet)."""
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(f"{PAGES.get(page, 'Help')} — {APP_NAME}")
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDefaultStyleSheet(_STYLE)
        if html:
            self.browser.setHtml(html)
        else:
            path = resource_path("help", f"{page}.html")
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        self.browser.setAccessibleName(PAGES.get(page, "Help"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def show_section(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)
