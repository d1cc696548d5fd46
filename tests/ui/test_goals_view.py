"""The Goals view shows the fixture's exact progress, offers templates once, and edits goals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from journal.analysis.goal_progress import PeriodStatus
from journal.domain.entries import Exercise, Meal
from journal.domain.goals import TEMPLATE_SOURCES, Comparison, Goal, GoalMeasure, GoalPeriod
from journal.services import Services
from journal.ui.goals import GoalsView
from journal.ui.goals.dialog import GoalDialog
from journal.ui.signals import JournalSignals

MOVE = Goal(
    name="Move",
    measure=GoalMeasure.ACTIVE_MINUTES,
    comparison=Comparison.AT_LEAST,
    target=150,
    period=GoalPeriod.WEEK,
)
SUGAR = Goal(
    name="Sugar",
    measure=GoalMeasure.ADDED_SUGAR,
    comparison=Comparison.AT_MOST,
    target=25,
    period=GoalPeriod.DAY,
)


@pytest.fixture
def signals(services: Services) -> Iterator[JournalSignals]:
    signals = JournalSignals(services)
    yield signals
    signals.detach()


def make_view(
    qtbot: QtBot, services: Services, signals: JournalSignals, week_start: int = 0
) -> GoalsView:
    view = GoalsView(services, signals, week_start=week_start)
    qtbot.addWidget(view)
    view.resize(1100, 900)
    return view


def log_fixture(services: Services) -> None:
    now = services.journal.now()  # Tuesday 24 November 2026, 12:00
    services.journal.add_entry(Exercise(at=now - timedelta(days=1), minutes=40))  # Monday
    services.journal.add_entry(Exercise(at=now, minutes=30))
    services.journal.add_entry(Exercise(at=now - timedelta(days=2), minutes=200))  # Sunday
    services.journal.add_entry(Meal(at=now, items="yoghurt", added_sugar_g=9))


def test_cards_show_the_fixture_numbers_for_a_monday_week(
    qtbot: QtBot, services: Services, signals: JournalSignals
) -> None:
    log_fixture(services)
    services.goals.save_goal(MOVE)
    services.goals.save_goal(SUGAR)
    view = make_view(qtbot, services, signals, week_start=0)
    move, sugar = view.cards
    assert move.title.text() == "Move"
    assert move.description.text() == "At least 150 active minutes a week"
    assert (move.value.text(), move.of_target.text()) == ("70", "of 150 min")
    assert move.detail.text() == "80 min to go · 6 days left this week"
    assert move.ring.text == "47%"
    assert move.history_statuses()[-1] is PeriodStatus.MET  # last week: 200 min
    assert (sugar.value.text(), sugar.of_target.text()) == ("9", "g so far · limit 25 g")
    assert sugar.detail.text() == "16 g left today"
    assert "70 of 150 min" in move.accessibleName()


def test_a_sunday_week_counts_sunday_in_this_week(
    qtbot: QtBot, services: Services, signals: JournalSignals
) -> None:
    log_fixture(services)
    services.goals.save_goal(MOVE)
    view = make_view(qtbot, services, signals, week_start=6)
    [move] = view.cards
    assert move.value.text() == "270"
    assert move.detail.text() == "Goal reached this week — well done!"
    assert move.ring.text == "✓"


def test_the_view_refreshes_when_the_journal_changes(
    qtbot: QtBot, services: Services, signals: JournalSignals
) -> None:
    services.goals.save_goal(MOVE)
    view = make_view(qtbot, services, signals)
    view.show()
    assert view.cards[0].value.text() == "—"
    assert view.cards[0].detail.text() == "Nothing logged yet this week."
    services.journal.add_entry(Exercise(at=services.journal.now(), minutes=25))
    qtbot.waitUntil(lambda: view.cards[0].value.text() == "25")


def test_first_run_offers_templates_marked_as_general_guidance(
    qtbot: QtBot, services: Services, signals: JournalSignals
) -> None:
    view = make_view(qtbot, services, signals)
    panel = view.templates_panel
    assert panel is not None
    text = " ".join(label.text() for label in panel.findChildren(type(view.title)))
    assert TEMPLATE_SOURCES in text
    assert [box.isChecked() for box in panel.boxes] == [True, True, True, False, False, False]
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert view.templates_panel is None
    assert [c.title.text() for c in view.cards] == [
        "Move 150 minutes a week",
        "Added sugar at most 25 g a day",
        "Fasting glucose below 100 mg/dL on 5 days",
    ]
    # Never offered again, even in a new view.
    assert make_view(qtbot, services, signals).templates_panel is None


def test_not_now_hides_the_templates_for_good(
    qtbot: QtBot, services: Services, signals: JournalSignals
) -> None:
    view = make_view(qtbot, services, signals)
    assert view.templates_panel is not None
    qtbot.mouseClick(view.templates_panel.later_button, Qt.MouseButton.LeftButton)
    assert view.templates_panel is None and view.cards == []
    assert not view.empty.isHidden()
    assert make_view(qtbot, services, signals).templates_panel is None


def test_pause_resume_and_remove_with_undo(
    qtbot: QtBot, services: Services, signals: JournalSignals
) -> None:
    services.goals.save_goal(MOVE)
    view = make_view(qtbot, services, signals)
    view.show()
    card = view.cards[0]
    card.pause_action.trigger()
    qtbot.waitUntil(lambda: view.cards[0].ring.text == "‖")
    assert view.cards[0].detail.text() == "Paused — resume whenever you like."
    assert view.cards[0].pause_action.text() == "Resume"
    view.cards[0].remove_action.trigger()
    qtbot.waitUntil(lambda: view.cards == [])
    services.journal.undo()
    qtbot.waitUntil(lambda: len(view.cards) == 1)
    assert view.cards[0].title.text() == "Move"


def test_the_goal_dialog_saves_a_goal_in_mmol(qtbot: QtBot, services: Services) -> None:
    from dataclasses import replace

    from journal.domain.units import GlucoseUnit

    services.set_units(replace(services.units, glucose=GlucoseUnit.MMOLL))
    dialog = GoalDialog(services)
    qtbot.addWidget(dialog)
    dialog.measure.setCurrentIndex(dialog.measure.findText("Fasting glucose"))
    assert dialog.unit.text() == "mmol/L"
    assert dialog.target.value() == pytest.approx(5.6)
    assert dialog.summary.text() == "Fasting glucose below 5.6 mmol/L on 5 days a week"
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    [saved] = services.goals.goals()
    assert saved.measure is GoalMeasure.FASTING_GLUCOSE and saved.days_per_period == 5
    # ADA's line is 100 mg/dL, printed as 5.6 mmol/L: not 5.6 x 18.016 = 100.89.
    assert saved.target == 100


def test_opening_a_goal_in_mmol_and_saving_it_unchanged_keeps_its_target(
    qtbot: QtBot, services: Services
) -> None:
    from dataclasses import replace

    from journal.domain.units import GlucoseUnit

    goal = services.goals.save_goal(
        Goal(
            name="Fasting glucose below 100",
            measure=GoalMeasure.FASTING_GLUCOSE,
            comparison=Comparison.BELOW,
            target=100,
            period=GoalPeriod.WEEK,
            days_per_period=5,
        )
    )
    services.set_units(replace(services.units, glucose=GlucoseUnit.MMOLL))
    for _ in range(3):  # open, save, again: nothing drifts
        dialog = GoalDialog(services, goal)
        qtbot.addWidget(dialog)
        assert dialog.target.value() == pytest.approx(5.6)
        dialog.save()
        [goal] = services.goals.goals()
        assert goal.target == 100
    # A new target typed as 7.0 mmol/L is ADA's 126 mg/dL line.
    dialog = GoalDialog(services, goal)
    qtbot.addWidget(dialog)
    dialog.target.setValue(7.0)
    dialog.save()
    assert services.goals.goals()[0].target == 126


def test_the_goal_dialog_says_what_to_fix(qtbot: QtBot, services: Services) -> None:
    dialog = GoalDialog(services)
    qtbot.addWidget(dialog)
    dialog.name.setText("")
    dialog.name.textEdited.emit("")
    dialog.save()
    assert dialog.saved is None
    assert not dialog.error.isHidden() and dialog.error.text() == "Give the goal a name."
    assert services.goals.goals() == []


def test_a_weight_goal_speaks_pounds_and_keeps_kilograms(qtbot: QtBot, services: Services) -> None:
    from dataclasses import replace

    from journal.domain.units import LB_PER_KG, WeightUnit

    services.set_units(replace(services.units, weight=WeightUnit.LB))
    dialog = GoalDialog(services)
    qtbot.addWidget(dialog)
    dialog.measure.setCurrentIndex(dialog.measure.findText("Weight"))
    assert dialog.unit.text() == "lb"
    dialog.target.setValue(180.0)
    dialog.name.setText("Weight at most 180 lb")
    dialog.save()
    [goal] = services.goals.goals()
    assert goal.measure is GoalMeasure.WEIGHT
    assert goal.target == pytest.approx(180 / LB_PER_KG)
