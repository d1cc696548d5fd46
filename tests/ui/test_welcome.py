"""The first-run welcome, what it sets (flare default, symptom list), the Help menu's guide and
keyboard sheet, and the medication list's places in the menus and on Today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.conditions import Condition
from journal.domain.entries import Meal, SymptomCheck
from journal.domain.kinds import label_of
from journal.domain.reminders import ReminderAction
from journal.domain.units import GlucoseUnit, UnitPreferences
from journal.domain.vocabulary import EntryKind
from journal.services import Services
from journal.services.profile import Profile, make_profile
from journal.ui.forms import EntryDialog, FlareDialog
from journal.ui.forms.symptoms import SymptomScoresField
from journal.ui.help import HelpDialog
from journal.ui.keyboard_sheet import keyboard_sheet_html
from journal.ui.kinds import QUICK_ADD_KEYS
from journal.ui.main_window import MainWindow
from journal.ui.welcome import WelcomeDialog, offer_welcome, open_welcome
from journal.ui.welcome import dialog as welcome_module
from tests.ui.fit import clipped_widgets

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[MainWindow]:
    main = MainWindow(services)
    qtbot.addWidget(main)
    main.resize(1024, 700)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def welcome(qtbot: QtBot, services: Services) -> WelcomeDialog:
    dialog = open_welcome(None, services)
    qtbot.addWidget(dialog)
    return dialog


def nothing_set_up(services: Services) -> bool:
    return (
        services.profile.profile() == Profile()
        and services.units == UnitPreferences()
        and services.journal.medications() == []
        and services.journal.trackers() == []
        and services.reminders.reminders() == []
        and services.journal.undo_stack.undo_text is None
    )


# --- when it appears -------------------------------------------------------------------------


def test_the_welcome_greets_a_new_journal(qtbot: QtBot, window: MainWindow) -> None:
    window.offer_welcome()
    dialog = window.findChild(WelcomeDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.current is dialog.intro
    dialog.reject()


def test_a_used_journal_is_not_greeted(qtbot: QtBot, services: Services, clock: FakeClock) -> None:
    services.journal.add_entry(Meal(at=clock.now(), items="soup"))
    assert offer_welcome(None, services) is None


def test_the_welcome_comes_once_then_only_from_help(
    qtbot: QtBot, services: Services, window: MainWindow
) -> None:
    dialog = offer_welcome(window, services)
    assert dialog is not None
    dialog.reject()
    assert offer_welcome(window, services) is None
    window.welcome_action.trigger()
    again = window.findChildren(WelcomeDialog)
    assert any(d.isVisible() for d in again)
    for each in again:
        each.reject()


# --- skipping -------------------------------------------------------------------------------


def test_esc_skips_and_leaves_the_journal_unchanged(qtbot: QtBot, services: Services) -> None:
    dialog = welcome(qtbot, services)
    dialog.go_next()
    dialog.conditions.boxes[Condition.LUPUS].setChecked(True)
    dialog.go_next()
    dialog.units.glucose.setValue(GlucoseUnit.MMOLL)
    dialog.go_next()
    dialog.medications.name_line.setText("hydroxychloroquine")
    assert dialog.medications.add()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert nothing_set_up(services)
    assert services.profile.welcome_seen()


def test_skip_is_on_every_step(qtbot: QtBot, services: Services) -> None:
    dialog = welcome(qtbot, services)
    for _step in dialog.steps:
        assert dialog.skip_button.isVisible()
        dialog.go_next()
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and nothing_set_up(services)


def test_back_returns_to_the_step_before(qtbot: QtBot, services: Services) -> None:
    dialog = welcome(qtbot, services)
    assert not dialog.back_button.isVisible()
    qtbot.mouseClick(dialog.intro.setup_button, Qt.MouseButton.LeftButton)
    assert dialog.current is dialog.conditions
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.current is dialog.intro


# --- finishing ------------------------------------------------------------------------------


def test_finish_applies_conditions_units_medications_and_reminders(
    qtbot: QtBot, services: Services
) -> None:
    messages: list[str] = []
    dialog = welcome(qtbot, services)
    dialog.status.connect(messages.append)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Next
    assert dialog.current is dialog.conditions
    qtbot.mouseClick(
        dialog.conditions.boxes[Condition.RHEUMATOID_ARTHRITIS], Qt.MouseButton.LeftButton
    )
    dialog.conditions.boxes[Condition.TYPE_2_DIABETES].setChecked(True)
    assert "Morning stiffness" in dialog.conditions.tracker_boxes
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    dialog.units.glucose.setValue(GlucoseUnit.MMOLL)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    meds = dialog.medications
    qtbot.keyClicks(meds.name_line, "metformin")
    qtbot.keyClicks(meds.dose_line, "500 mg")
    qtbot.keyClicks(meds.times_line, "8, 8 pm")
    qtbot.keyClick(meds.times_line, Qt.Key.Key_Return)  # adds it, stays on the step
    assert dialog.current is meds and [m.name for m in meds.pending] == ["metformin"]
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    reminders = dialog.reminders
    assert reminders.glucose.box.isChecked(), "type 2 diabetes suggests a morning check"
    assert reminders.medications.box.isChecked()
    reminders.evening.box.setChecked(True)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.current is dialog.ready
    assert "metformin 500 mg" in dialog.ready.summary_text()
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    profile = services.profile.profile()
    assert profile.conditions == (Condition.RHEUMATOID_ARTHRITIS, Condition.TYPE_2_DIABETES)
    assert services.units.glucose is GlucoseUnit.MMOLL
    [med] = services.journal.medications()
    assert (med.name, med.dose, med.times) == ("metformin", "500 mg", (time(8), time(20)))
    assert [t.name for t in services.journal.trackers()] == ["Morning stiffness"]
    stored = services.reminders.reminders(include_medications=False)
    assert {(r.action, r.schedule.times) for r in stored} == {
        (ReminderAction.GLUCOSE, (time(7, 30),)),
        (ReminderAction.STRESS, (time(21),)),
    }
    assert [r.enabled for r in services.reminders.medication_reminders()] == [True]
    assert messages and messages[-1].startswith("Journal set up: 2 conditions, 1 medication")
    assert services.journal.undo() == "Set up the journal"
    assert nothing_set_up(services)


def test_a_medication_typed_but_not_added_is_added_on_next(
    qtbot: QtBot, services: Services
) -> None:
    dialog = welcome(qtbot, services)
    dialog.show_step(dialog.steps.index(dialog.medications))
    dialog.medications.name_line.setText("levothyroxine")
    dialog.medications.times_line.setText("7")
    dialog.go_next()
    assert dialog.current is dialog.reminders
    assert [m.times for m in dialog.medications.pending] == [(time(7),)]


def test_a_time_that_is_not_one_keeps_the_step_and_says_why(
    qtbot: QtBot, services: Services
) -> None:
    dialog = welcome(qtbot, services)
    dialog.show_step(dialog.steps.index(dialog.medications))
    dialog.medications.name_line.setText("metformin")
    dialog.medications.times_line.setText("breakfast")
    dialog.go_next()
    assert dialog.current is dialog.medications
    assert "is not a time" in dialog.medications.error.text()
    assert dialog.medications.pending == []


def test_other_conditions_in_own_words(qtbot: QtBot, services: Services) -> None:
    dialog = welcome(qtbot, services)
    dialog.go_next()
    qtbot.keyClicks(dialog.conditions.other_line, "Sjogren's")  # QTest types ASCII only
    assert dialog.conditions.other_box.isChecked()
    assert "Sjogren's" in dialog.conditions.flare_label.text()
    dialog.show_step(len(dialog.steps) - 1)
    assert dialog.finish()
    assert services.profile.profile().others == ("Sjogren's",)


def test_seen_again_it_shows_what_was_chosen(qtbot: QtBot, services: Services) -> None:
    services.profile.set_profile(make_profile([Condition.CELIAC]))
    dialog = welcome(qtbot, services)
    assert dialog.conditions.boxes[Condition.CELIAC].isChecked()
    assert not dialog.conditions.boxes[Condition.LUPUS].isChecked()


def test_explore_with_demo_data_leaves_this_journal_alone(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bool] = []

    def fake_launch() -> bool:
        started.append(True)
        return True

    monkeypatch.setattr(welcome_module, "launch_demo", fake_launch)
    dialog = welcome(qtbot, services)
    qtbot.mouseClick(dialog.intro.demo_button, Qt.MouseButton.LeftButton)
    assert started == [True]
    assert not dialog.isVisible()
    assert nothing_set_up(services)
    assert services.journal.count_entries() == 0


def test_the_welcome_fits_a_small_laptop_screen(qtbot: QtBot, services: Services) -> None:
    dialog = welcome(qtbot, services)
    dialog.go_next()
    for box in dialog.conditions.boxes.values():  # the longest symptom list and most trackers
        box.setChecked(True)
    QApplication.processEvents()
    assert dialog.width() <= 1024 - 40 and dialog.height() <= 700 - 40
    for index, step in enumerate(dialog.steps):
        dialog.show_step(index)
        QApplication.processEvents()
        assert step.minimumSizeHint().height() <= dialog.pages.height(), step.objectName()
        assert clipped_widgets(dialog) == [], step.objectName()


# --- what the profile sets in the forms --------------------------------------------------------


def test_the_flare_form_starts_with_the_persons_condition(qtbot: QtBot, services: Services) -> None:
    services.profile.set_profile(make_profile([Condition.TYPE_2_DIABETES, Condition.LUPUS]))
    dialog = FlareDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.panel.field("condition").get() == "lupus"


def test_the_check_in_offers_the_conditions_symptoms(
    qtbot: QtBot, services: Services, clock: FakeClock
) -> None:
    services.profile.set_profile(make_profile([Condition.MULTIPLE_SCLEROSIS]))
    dialog = EntryDialog(services, EntryKind.SYMPTOMS)
    qtbot.addWidget(dialog)
    field = dialog.field("scores")
    assert isinstance(field, SymptomScoresField)
    offered = [row.symptom for row in field.symptom_rows]
    assert "numbness or tingling" in offered and "bloating" not in offered
    assert offered[0] == "pain"


def test_editing_keeps_a_symptom_the_conditions_do_not_list(
    qtbot: QtBot, services: Services, clock: FakeClock
) -> None:
    check = services.journal.add_entry(SymptomCheck(at=clock.now(), scores={"hiccups": 3}))
    services.profile.set_profile(make_profile([Condition.PCOS]))
    dialog = EntryDialog(services, EntryKind.SYMPTOMS, entry=check)
    qtbot.addWidget(dialog)
    field = dialog.field("scores")
    assert isinstance(field, SymptomScoresField)
    assert field.row("hiccups").scale.value() == 3
    assert dialog.save()
    saved = services.journal.entry(check.id or 0)
    assert isinstance(saved, SymptomCheck) and saved.scores == {"hiccups": 3}


# --- help and menus ------------------------------------------------------------------------------


def test_the_keyboard_sheet_lists_every_quick_add_shortcut(window: MainWindow) -> None:
    html = keyboard_sheet_html(window)
    for kind, keys in QUICK_ADD_KEYS:
        native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        assert f"<b>{native}</b></td><td>{label_of(kind)}<" in html.replace("&amp;", "&")
    for keys in ("Ctrl+Shift+F", "Ctrl+Shift+M", "Alt+Left", "Alt+1"):
        native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        assert native in html


def test_help_has_the_guide_the_keys_and_the_welcome(qtbot: QtBot, window: MainWindow) -> None:
    menus = {
        m.title(): [a.text() for a in m.actions() if not a.isSeparator()]
        for m in window.menuBar().findChildren(QMenu)
    }
    assert menus["&Help"][:3] == ["&Getting started", "&Keyboard shortcuts", "&Reference ranges"]
    assert "&Welcome and setup…" in menus["&Help"]
    window.keys_action.trigger()
    sheets = [d for d in window.findChildren(HelpDialog) if d.isVisible()]
    assert sheets and "Keyboard shortcuts" in sheets[-1].browser.toPlainText()
    window.guide_action.trigger()
    guide = [d for d in window.findChildren(HelpDialog) if d.isVisible()][-1]
    assert "Getting started" in guide.browser.toPlainText()
    for dialog in window.findChildren(HelpDialog):
        dialog.close()


def test_medications_have_a_place_in_the_log_menu(window: MainWindow) -> None:
    log_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Log")
    assert window.medications_action in log_menu.actions()
    assert window.medications_action.shortcut().toString() == "Ctrl+Shift+M"


def test_the_doses_card_on_today_opens_the_medication_list(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    import journal.ui.forms as forms

    monkeypatch.setattr(forms, "open_medications_dialog", lambda parent, s: opened.append(s))
    today = window.view("today")
    card = today.summary.cards["doses"]  # type: ignore[attr-defined]
    assert card.hint.text() == "add yours"
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert opened == [window.services]
