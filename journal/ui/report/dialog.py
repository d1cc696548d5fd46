"""File > Report for my doctor…: choose the period, the parts and the paper, type the
questions to ask, see the pages, then save them as a PDF or print them.

The report is built by the services (``Services.reports``) and drawn by
``journal.ui.report.render``, the same layout for the preview, the PDF and the printer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal.services.report import ReportData, ReportRequest, Section
from journal.ui.forms.fields import date_edit
from journal.ui.report.canvas import A4, LETTER, Paper
from journal.ui.report.render import page_images, print_report, write_pdf
from journal.ui.runner import run_with_progress
from journal.ui.widgets.dialog_frame import FramedDialog, add_row, muted, text_button

if TYPE_CHECKING:
    from journal.services import Services

PREVIEW_DPI = 60


class ReportDialog(FramedDialog):
    """Make the report for the doctor."""

    saved = Signal(object)  # the Path written

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(
            "Report for my doctor",
            "Two to four pages of what you recorded, to print or send before a visit.",
            parent,
        )
        self.setObjectName("reportDialog")
        self.services = services
        self._report: ReportData | None = None
        self._previewed = False
        first, last = services.reports.default_period()
        columns = QHBoxLayout()
        columns.setSpacing(24)
        left = QVBoxLayout()
        left.setSpacing(16)
        columns.addLayout(left, 0)
        self.body.addLayout(columns, 1)

        form = self.add_section("Period and paper", into=left)
        self.first_edit = date_edit(first)
        self.first_edit.setDate(first)
        self.first_edit.setAccessibleName("First day of the report")
        add_row(form, "&From", self.first_edit)
        self.last_edit = date_edit(last)
        self.last_edit.setDate(last)
        self.last_edit.setAccessibleName("Last day of the report")
        add_row(form, "&To", self.last_edit)
        self.name_edit = QLineEdit(services.reports.remembered_name())
        self.name_edit.setPlaceholderText("optional")
        self.name_edit.setAccessibleName("Your name on the report")
        add_row(form, "&Name", self.name_edit)
        self.paper_box = QComboBox()
        self.paper_box.addItem("A4", A4)
        self.paper_box.addItem("Letter", LETTER)
        self.paper_box.setAccessibleName("Paper size")
        add_row(form, "&Paper", self.paper_box)
        left.addWidget(
            muted("From the day of your last report to today, or the last 90 days.", name="reason")
        )

        left.addWidget(self.section_title("Include"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.section_boxes: dict[Section, QCheckBox] = {}
        for index, section in enumerate(Section):
            box = QCheckBox(section.label)
            box.setChecked(True)
            box.setAccessibleName(f"Include {section.label}")
            self.section_boxes[section] = box
            grid.addWidget(box, index // 2, index % 2)
        left.addLayout(grid)

        left.addWidget(self.section_title("Questions for my doctor"))
        self.questions_edit = QPlainTextEdit()
        self.questions_edit.setPlaceholderText(
            "What you want to ask or say at the visit; printed as you type it."
        )
        self.questions_edit.setAccessibleName("Questions for my doctor")
        self.questions_edit.setMinimumHeight(90)
        left.addWidget(self.questions_edit, 1)

        right = QVBoxLayout()
        right.setSpacing(8)
        header = QHBoxLayout()
        header.addWidget(self.section_title("Preview"))
        header.addStretch(1)
        self.preview_button = text_button("Update &preview", "previewButton")
        self.preview_button.clicked.connect(self.update_preview)
        header.addWidget(self.preview_button)
        right.addLayout(header)
        self.pages_label = muted("Drawing the pages…", name="reason")
        right.addWidget(self.pages_label)
        self.preview_area = QScrollArea()
        self.preview_area.setObjectName("reportPreview")
        self.preview_area.setAccessibleName("Preview of the report's pages")
        self.preview_area.setWidgetResizable(False)
        self.preview_area.setMinimumWidth(round(A4.points[0] * PREVIEW_DPI / 72) + 40)
        self.preview_area.setMinimumHeight(320)
        self.pages_view = PageStrip()
        self.preview_area.setWidget(self.pages_view)
        self.preview_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.preview_area, 1)
        columns.addLayout(right, 1)

        self.add_buttons("&Save as PDF…", "Close")
        self.print_button = text_button("P&rint…", "printButton")
        self.print_button.clicked.connect(self.print_pages)
        self.extra_buttons.addWidget(self.print_button)
        self.fit_to_screen()

    # --- what is asked ------------------------------------------------------------------------

    def request(self) -> ReportRequest:
        return ReportRequest(
            first=self.first_edit.date(),
            last=self.last_edit.date(),
            sections=frozenset(s for s, box in self.section_boxes.items() if box.isChecked()),
            name=self.name_edit.text(),
            questions=self.questions_edit.toPlainText(),
        )

    def paper(self) -> Paper:
        chosen = self.paper_box.currentData()
        return chosen if isinstance(chosen, Paper) else A4

    def build(self) -> ReportData | None:
        """The report as asked (None, with a message, when the period is backwards)."""
        request = self.request()
        if request.first and request.last and request.first > request.last:
            QMessageBox.warning(self, "Report", "The first day is after the last day.")
            return None
        reports = self.services.reports
        # Off the interface thread (Insights runs its tests): the window keeps painting.
        outcome = run_with_progress(
            self,
            "Report for my doctor",
            "Gathering the numbers of the period…",
            lambda _progress, _cancel: reports.build(request),
        )
        if not outcome.ok:
            if outcome.message:
                QMessageBox.warning(self, "Report", outcome.message)
            return None
        self._report = outcome.result
        return self._report

    # --- preview, save, print -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """The pages of the default period are drawn as soon as the dialog is up; after a
        change the person asks again ("Update preview"), so typing never waits."""
        super().showEvent(event)
        if not self._previewed:
            self._previewed = True
            QTimer.singleShot(0, self, self._first_preview)

    def _first_preview(self) -> None:
        if self.isVisible() and not self.pages_view.has_pages():
            self.update_preview()

    def update_preview(self) -> int:
        """Draw the pages into the preview; returns how many there are."""
        report = self.build()
        if report is None:
            return 0
        ratio = self.devicePixelRatioF()
        images = page_images(report, self.paper(), PREVIEW_DPI * ratio)
        pixmaps = []
        for image in images:
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            pixmaps.append(pixmap)
        self.pages_view.show_pages(pixmaps)
        self.pages_label.setText(
            f"{len(images)} page{'s' if len(images) != 1 else ''}, "
            f"{report.header.first:%d %b %Y} to {report.header.last:%d %b %Y}."
        )
        return len(images)

    def save(self) -> None:
        suggested = Path.home() / f"health-report-{date.today().isoformat()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the report as PDF", str(suggested), "PDF (*.pdf)"
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        report = self.build()
        if report is None:
            return
        try:
            write_pdf(report, target, self.paper())
        except OSError as exc:
            QMessageBox.warning(self, "Report", f"The report could not be saved: {exc}")
            return
        self.services.reports.remember(report)
        self.saved.emit(target)
        self.accept()

    def print_pages(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        report = self.build()
        if report is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        print_report(report, printer, self.paper())
        self.services.reports.remember(report)


class PageStrip(QWidget):
    """The preview's pages one under another, each framed, drawn as they will print."""

    GAP = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPages")
        self.pages: list[QPixmap] = []
        self.setFixedSize(10, 10)

    def show_pages(self, pages: list[QPixmap]) -> None:
        self.pages = pages
        sizes = [p.deviceIndependentSize().toSize() for p in pages]
        width = max((s.width() for s in sizes), default=10) + 2 * self.GAP
        height = sum(s.height() + self.GAP for s in sizes) + self.GAP
        self.setFixedSize(width, max(height, 10))
        self.setAccessibleName(f"{len(pages)} pages of the report")
        self.update()

    def has_pages(self) -> bool:
        return bool(self.pages)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        y = self.GAP
        for page in self.pages:
            size = page.deviceIndependentSize().toSize()
            painter.drawPixmap(self.GAP, y, page)
            painter.setPen(QColor("#888888"))
            painter.drawRect(self.GAP - 1, y - 1, size.width() + 1, size.height() + 1)
            y += size.height() + self.GAP
        painter.end()
