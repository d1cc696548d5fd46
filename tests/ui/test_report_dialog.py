"""File > Report for my doctor…: the preview shows the pages, Save writes the PDF with the
questions typed, the parts left out stay out, and the next report starts where this one was
made."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.io.demo import generate_demo
from journal.services import Services
from journal.services.report import Section
from journal.ui.main_window import MainWindow
from journal.ui.report.dialog import ReportDialog
from tests.ui.fit import clipped_widgets


@pytest.fixture
def journal(services: Services, clock: FakeClock) -> Services:
    tz = clock.now().tzinfo
    assert tz is not None
    generate_demo(services.db, days=40, seed=5, end=clock.now().date(), tz=tz)
    return services


@pytest.fixture
def dialog(qtbot: QtBot, journal: Services) -> ReportDialog:
    widget = ReportDialog(journal)
    qtbot.addWidget(widget)
    return widget


def test_the_file_menu_opens_the_report_dialog(qtbot: QtBot, journal: Services) -> None:
    window = MainWindow(journal)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.file_menu.actions()]
    assert "&Report for my doctor…" in texts
    window.report_action.trigger()
    dialog = window.findChild(ReportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_the_preview_shows_every_page_of_the_period(
    dialog: ReportDialog, journal: Services
) -> None:
    today = journal.clock.now().date()
    assert (dialog.first_edit.date(), dialog.last_edit.date()) == (
        today - timedelta(days=89),
        today,
    )
    pages = dialog.update_preview()
    assert 2 <= pages <= 4
    assert len(dialog.pages_view.pages) == pages
    assert dialog.pages_view.height() > pages * 500  # whole pages, one under another
    assert f"{pages} pages" in dialog.pages_label.text()


def test_the_pages_are_drawn_as_soon_as_the_dialog_opens(
    qtbot: QtBot, dialog: ReportDialog
) -> None:
    assert not dialog.pages_view.has_pages()
    dialog.show()
    qtbot.waitUntil(dialog.pages_view.has_pages)
    assert "pages" in dialog.pages_label.text()


def test_leaving_parts_out_makes_fewer_pages(dialog: ReportDialog) -> None:
    every = dialog.update_preview()
    for section in (Section.INSIGHTS, Section.LIFESTYLE, Section.GOALS, Section.MEDICATIONS):
        dialog.section_boxes[section].setChecked(False)
    assert dialog.update_preview() < every
    assert dialog._report is not None and dialog._report.insights is None


def test_a_report_that_cannot_be_written_says_so_and_is_not_remembered(
    dialog: ReportDialog, journal: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    target = tmp_path / "no such folder" / "report.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PDF (*.pdf)")
    )
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    before = journal.reports.default_period()
    dialog.save()
    assert len(warnings) == 1 and "could not be saved" in warnings[0]
    assert not target.exists() and not dialog.result()
    assert journal.reports.default_period() == before


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_save_writes_the_pdf_with_the_questions_and_remembers_the_day(
    qtbot: QtBot,
    dialog: ReportDialog,
    journal: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "for the doctor"

    def choose(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog.name_edit.setText("Robin Example")
    dialog.questions_edit.setPlainText("Is my thyroid dose still right?")
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save_button is not None
        dialog.save_button.click()
    written = Path(saved.args[0])
    assert written == target.with_suffix(".pdf") and written.stat().st_size > 10_000
    text = subprocess.run(
        ["pdftotext", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Is my thyroid dose still right?" in text and "Robin Example" in text
    today = journal.clock.now().date()
    assert journal.reports.default_period() == (today - timedelta(days=89), today)
    journal.journal.clock.advance(timedelta(days=10))  # type: ignore[attr-defined]
    assert journal.reports.default_period() == (today, today + timedelta(days=10))
    assert journal.reports.remembered_name() == "Robin Example"


def test_a_backwards_period_is_refused(
    dialog: ReportDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_args: object) -> object:
        warned.append(text)
        return None

    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", warn)
    dialog.first_edit.setDate(date(2026, 11, 20))
    dialog.last_edit.setDate(date(2026, 11, 1))
    assert dialog.update_preview() == 0
    assert warned == ["The first day is after the last day."]


def test_the_dialog_fits_a_small_screen(qtbot: QtBot, dialog: ReportDialog) -> None:
    dialog.resize(QSize(1024, 700))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.update_preview()
    assert dialog.height() <= 700
    assert clipped_widgets(dialog) == []


def test_printing_draws_every_page_on_the_printer(
    journal: Services, tmp_path: Path, qapp: object
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from journal.ui.report.render import print_report

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = print_report(journal.reports.build(), printer)
    assert 2 <= pages <= 4
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
