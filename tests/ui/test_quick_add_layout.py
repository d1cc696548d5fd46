"""The quick-add forms on a small laptop: every form fits 1024x700 and 1366x768 without an
inner scrollbar, Tab goes in the order things are seen, and a dose form with no medications
says so and offers to add one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from journal.domain.entries import Glucose, Medication, Tracker
from journal.domain.vocabulary import EntryKind, GlucoseContext
from journal.services import Services
from journal.ui.entry_text import describe
from journal.ui.forms import EntryDialog, FlareDialog, FormDialog
from journal.ui.forms import dialog as dialog_module
from journal.ui.forms.fields import ChoiceField, ComboField
from journal.ui.forms.symptoms import SymptomScoresField

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SCREENS = {"1024x700": QRect(0, 0, 1024, 700), "1366x768": QRect(0, 0, 1366, 768)}
FORMS = [kind.value for kind in EntryKind] + ["flare"]


def with_lists(services: Services) -> None:
    """A journal as most people's: a medication and a tracker to choose from."""
    services.journal.save_medication(
        Medication(name="Metformin", dose="500 mg", times=(time(8), time(20)))
    )
    services.journal.save_tracker(Tracker(name="Water", unit="glasses"))


def open_form(qtbot: QtBot, services: Services, name: str) -> FormDialog:
    if name == "flare":
        dialog: FormDialog = FlareDialog(services)
    else:
        dialog = EntryDialog(services, EntryKind(name))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


# --- fitting the screen ----------------------------------------------------------------------


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def small_screen(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> QRect:
    """The forms size themselves for this screen (the test display is larger)."""
    screen: QRect = SCREENS[request.param]

    def available(_dialog: FormDialog) -> QRect:  # a plain function: mocks can crash Qt
        return screen

    monkeypatch.setattr(FormDialog, "available_screen", available)
    return screen


@pytest.mark.parametrize("name", FORMS)
def test_every_quick_add_form_fits_a_small_laptop_without_an_inner_scrollbar(
    qtbot: QtBot, services: Services, small_screen: QRect, name: str
) -> None:
    with_lists(services)
    dialog = open_form(qtbot, services, name)

    assert not dialog.scroll_area.verticalScrollBar().isVisible(), f"{name} scrolls"
    assert not dialog.scroll_area.horizontalScrollBar().isVisible()
    # Room is left for a window manager's title bar.
    assert dialog.height() + dialog_module.FRAME_ALLOWANCE <= small_screen.height()
    assert dialog.width() <= small_screen.width()
    panel = dialog.panel
    assert panel.height() >= panel.heightForWidth(panel.width()), "the form is squeezed"


def test_a_refused_character_does_not_make_the_meal_form_scroll(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FormDialog, "available_screen", lambda _dialog: SCREENS["1024x700"])
    dialog = open_form(qtbot, services, EntryKind.MEAL.value)
    assert isinstance(dialog, EntryDialog)
    carbs = dialog.field("carbs_g")
    qtbot.keyClicks(carbs.line, "15o")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.panel.fields[1].notice_label.isVisible())
    assert not dialog.scroll_area.verticalScrollBar().isVisible()


def test_a_form_too_tall_for_a_tiny_screen_scrolls_rather_than_leaving_it(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = QRect(0, 0, 1024, 480)
    monkeypatch.setattr(FormDialog, "available_screen", lambda _dialog: tiny)
    dialog = open_form(qtbot, services, EntryKind.SYMPTOMS.value)
    assert dialog.scroll_area.verticalScrollBar().isVisible()
    assert dialog.height() <= tiny.height()


# --- Tab in reading order --------------------------------------------------------------------


def _tab_cycle(dialog: QDialog) -> list[QWidget]:
    """Every widget Tab visits, from the one with the keyboard until it comes round again."""
    start = QApplication.focusWidget()
    assert start is not None
    seen = [start]
    for _ in range(300):
        widget = QApplication.focusWidget()
        assert widget is not None
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        assert after is not None and dialog.isAncestorOf(after), "Tab left the dialog"
        if after is start:
            return seen
        if after is seen[-1]:
            continue  # Tab moves from the hours to the minutes of a time
        assert after not in seen, "Tab goes round a loop that leaves part of the form out"
        seen.append(after)
    raise AssertionError("Tab never came back to where it started")


def _rect(widget: QWidget, dialog: QDialog) -> QRect:
    return QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())


def _in_lines(widgets: list[QWidget], dialog: QDialog) -> list[QWidget]:
    """Top to bottom, and left to right along each line (overlapping heights share a line)."""
    remaining = sorted(widgets, key=lambda w: _rect(w, dialog).top())
    ordered: list[QWidget] = []
    while remaining:
        first = _rect(remaining[0], dialog)
        line = [
            w
            for w in remaining
            if _rect(w, dialog).top() < first.bottom() - 6
            and first.top() < _rect(w, dialog).bottom() - 6
        ]
        ordered += sorted(line, key=lambda w: _rect(w, dialog).left())
        remaining = [w for w in remaining if w not in line]
    return ordered


def reading_order(dialog: FormDialog, widgets: list[QWidget]) -> list[QWidget]:
    """How a person reads the dialog: the heading, the form (its main column, then the
    column beside it), then the buttons; each part top to bottom, each line left to right."""
    panel_top = _rect(dialog.scroll_area, dialog).top()
    panel_bottom = _rect(dialog.scroll_area, dialog).bottom()
    above = [w for w in widgets if _rect(w, dialog).bottom() < panel_top]
    below = [w for w in widgets if _rect(w, dialog).top() > panel_bottom]
    inside = [w for w in widgets if w not in above and w not in below]
    columns: list[list[QWidget]] = [[] for _ in dialog.panel.columns()]
    for widget in inside:
        centre = _rect(widget, dialog).center()
        number = next(
            i
            for i, column in enumerate(dialog.panel.columns())
            if _rect(column, dialog).adjusted(-2, -2, 2, 2).contains(centre)
        )
        columns[number].append(widget)
    ordered = _in_lines(above, dialog)
    for column in columns:
        ordered += _in_lines(column, dialog)
    return ordered + _in_lines(below, dialog)


def _rotated(cycle: list[QWidget], first: QWidget) -> list[QWidget]:
    at = cycle.index(first)
    return cycle[at:] + cycle[:at]


def _describe(widgets: list[QWidget]) -> list[str]:
    return [w.accessibleName() or w.objectName() or type(w).__name__ for w in widgets]


def _rate_pain(dialog: FormDialog) -> None:
    scores = dialog.panel.field("scores")
    assert isinstance(scores, SymptomScoresField)
    scores.row("pain").scale.setValue(6)  # its "where is the pain?" chips appear beside


def _nothing(_dialog: FormDialog) -> None:
    pass


CASES: list[tuple[str, Callable[[Services], None], Callable[[FormDialog], None]]] = [
    *((name, with_lists, _nothing) for name in FORMS),
    ("dose", lambda _s: None, _nothing),  # no medications yet
    ("symptoms", with_lists, _rate_pain),
]


@pytest.mark.parametrize(
    ("name", "prepare", "then"),
    CASES,
    ids=[*FORMS, "dose-with-no-medications", "symptoms-with-pain-rated"],
)
def test_tab_goes_through_every_quick_add_form_in_the_order_it_is_read(
    qtbot: QtBot,
    services: Services,
    name: str,
    prepare: Callable[[Services], None],
    then: Callable[[FormDialog], None],
) -> None:
    prepare(services)
    dialog = open_form(qtbot, services, name)
    then(dialog)
    qtbot.wait(1)  # let shown chips take their places

    cycle = _tab_cycle(dialog)
    assert len(cycle) == len(set(cycle)), "Tab visits something twice"
    expected = reading_order(dialog, cycle)
    actual = _rotated(cycle, expected[0])
    assert _describe(actual) == _describe(expected)
    assert actual == expected


# --- a dose with no medications ---------------------------------------------------------------


def test_a_dose_form_with_no_medications_says_so_and_offers_to_add_one(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def add_metformin(_parent: QWidget | None, journal_services: Services) -> None:
        journal_services.journal.save_medication(Medication(name="Metformin", dose="500 mg"))

    monkeypatch.setattr("journal.ui.forms.lists.open_medications_dialog", add_metformin)
    dialog = open_form(qtbot, services, EntryKind.DOSE.value)
    chooser = dialog.panel.field("medication_id")
    assert isinstance(chooser, ComboField)

    assert chooser.empty_label.isVisible()
    assert "medication list is empty" in chooser.empty_label.text()
    assert not chooser.combo.isVisible()  # no empty box to puzzle over
    assert chooser.manage_button.text() == "Add a medication…"
    assert QApplication.focusWidget() is chooser.manage_button  # the one thing to do first

    QTest.keyClick(chooser.manage_button, Qt.Key.Key_Space)

    assert chooser.combo.isVisible() and chooser.combo.currentText().startswith("Metformin")
    assert not chooser.empty_label.isVisible()
    assert chooser.manage_button.text() == "Manage list…"
    assert QApplication.focusWidget() is chooser.combo
    assert dialog.panel.field("dose").get() == "500 mg"  # filled in from the list


def test_a_dose_form_whose_medications_are_all_paused_says_that_instead(
    qtbot: QtBot, services: Services
) -> None:
    services.journal.save_medication(Medication(name="Prednisone", active=False))
    dialog = open_form(qtbot, services, EntryKind.DOSE.value)
    chooser = dialog.panel.field("medication_id")
    assert isinstance(chooser, ComboField)
    assert chooser.empty_label.text() == "Every medication on your list is paused."
    assert chooser.manage_button.text() == "Manage list…"


# --- the glucose context's words ---------------------------------------------------------------


def test_the_glucose_context_chosen_as_other_reads_other_in_the_timeline(
    qtbot: QtBot, services: Services
) -> None:
    dialog = open_form(qtbot, services, EntryKind.GLUCOSE.value)
    context = dialog.panel.field("context")
    assert isinstance(context, ChoiceField)
    labels = [b.property("plainText") for b in context.choice._buttons]
    assert labels == ["Fasting", "Before a meal", "1-2 h after a meal", "Bedtime", "Other"]
    context.set(GlucoseContext.RANDOM)
    dialog.panel.field("mgdl").set(112)
    assert isinstance(dialog, EntryDialog) and dialog.save()

    saved = dialog.saved_entry
    assert isinstance(saved, Glucose) and saved.context is GlucoseContext.RANDOM
    assert describe(saved, services.units).detail == "other"
