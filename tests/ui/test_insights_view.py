"""The Insights view: supported findings first with their numbers and chart, then what needs
more days, then the tests run; computed in the background; experiments planned and shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journal.domain.entries import Meal, StressCheck, SymptomCheck
from journal.services import Services
from journal.store.bulk_write import BulkWriter
from journal.ui.insights import InsightsView
from journal.ui.insights.experiment_dialog import ExperimentDialog
from journal.ui.main_window import MainWindow
from journal.ui.signals import JournalSignals

TZ = timezone(timedelta(hours=1))
LAST = date(2026, 11, 23)
DAYS = 150


def fill_journal(services: Services, seed: int = 3) -> None:
    """150 days: gluten on a third of them raises that day's pain by 3 points; dairy was
    tagged on only 4 days; a stress check-in each evening."""
    rng = np.random.default_rng(seed)
    first = LAST - timedelta(days=DAYS - 1)
    with services.db.transaction() as session:
        writer = BulkWriter(session)
        for i in range(DAYS):
            day = first + timedelta(days=i)
            gluten = bool(rng.random() < 0.35)
            tags = ("gluten",) if gluten else ()
            if i < 4:
                tags += ("dairy",)
            at = datetime.combine(day, time(12), tzinfo=TZ)
            writer.add_entry(Meal(at=at, items="lunch", carbs_g=60.0, tags=tags))
            pain = int(np.clip(round(3 + 3 * gluten + rng.normal(0, 1.2)), 0, 10))
            evening = datetime.combine(day, time(20), tzinfo=TZ)
            writer.add_entry(SymptomCheck(at=evening, scores={"pain": pain}))
            stress = int(np.clip(round(4 + rng.normal(0, 1.5)), 0, 10))
            writer.add_entry(StressCheck(at=evening, stress=stress))
        writer.flush()
    services.journal.announce([], "Filled", topics=())


@pytest.fixture
def signals(services: Services) -> Iterator[JournalSignals]:
    signals = JournalSignals(services)
    yield signals
    signals.detach()


@pytest.fixture
def view(qtbot: QtBot, services: Services, signals: JournalSignals) -> Iterator[InsightsView]:
    fill_journal(services)
    shown = InsightsView(services, signals, debounce_ms=0)
    qtbot.addWidget(shown)
    shown.resize(1100, 800)
    with qtbot.waitSignal(shown.updated):
        shown.show()
    yield shown
    shown.shutdown()


@pytest.mark.slow
def test_supported_findings_come_first_with_numbers_and_a_chart(view: InsightsView) -> None:
    assert view.finding_cards, "the planted gluten-pain relation is shown"
    top = view.finding_cards[0]
    # Pain is the only symptom, so the worst symptom is pain too: either may come first.
    assert top.finding.factor == "meal tagged gluten"
    assert top.finding.outcome in ("pain", "worst symptom")
    assert top.finding.supported and top.finding.direction == "higher"
    assert 2.0 < top.finding.effect < 4.0
    assert "an association, not a cause." in top.sentence.text()
    assert top.chart is not None
    with_days, without_days = top.evidence().values_with(), top.evidence().values_without()
    assert with_days.mean() > without_days.mean() + 2
    assert not top.experiment_button.isHidden()


@pytest.mark.slow
def test_then_what_needs_more_days_and_the_tests_run(view: InsightsView) -> None:
    assert view.waiting_card.isVisibleTo(view)
    view._show_all_waiting_items()
    waiting = [
        item.widget().text()  # type: ignore[union-attr]
        for i in range(view.waiting_layout.count())
        if (item := view.waiting_layout.itemAt(i)) is not None and item.widget() is not None
    ]
    assert any(text.startswith("meal tagged dairy and pain: log 6 more days") for text in waiting)
    report = view.report
    assert report is not None
    chance = view.chance_text.text()
    assert f"of these {report.result.tests_run} tests" in chance
    assert "by chance" in chance


@pytest.mark.slow
def test_show_these_days_asks_for_a_stretch_of_the_evidence_in_charts(
    qtbot: QtBot, view: InsightsView
) -> None:
    card = view.finding_cards[0]
    with qtbot.waitSignal(view.show_days_requested) as asked:
        qtbot.mouseClick(card.days_button, Qt.MouseButton.LeftButton)
    first, last = asked.args
    assert (last - first).days == 8 * 7 - 1
    assert LAST - timedelta(days=DAYS) < first and last <= LAST


@pytest.mark.slow
def test_a_change_to_the_journal_is_picked_up_in_the_background(
    qtbot: QtBot, services: Services, view: InsightsView
) -> None:
    before = view.report
    with qtbot.waitSignal(view.updated):
        services.journal.add_entry(StressCheck(at=datetime(2026, 11, 24, 9, tzinfo=TZ), stress=3))
    assert view.report is not before
    assert view.report is not None and view.report.last == date(2026, 11, 24)


@pytest.mark.slow
def test_an_experiment_planned_from_a_finding_shows_its_progress_card(
    qtbot: QtBot, services: Services, view: InsightsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    finding = view.finding_cards[0].finding
    dialog = ExperimentDialog(
        services, factor=finding.factor_name, outcome=finding.outcome_name, lag_days=0
    )
    qtbot.addWidget(dialog)
    assert dialog.factor.currentText() == "meal tagged gluten"
    assert dialog.outcome.currentText() == finding.outcome
    dialog.weeks.setValue(6)
    with qtbot.waitSignal(view.updated):
        dialog.plan()
    assert dialog.saved is not None and len(dialog.saved.schedule) == 42
    card = view.experiment_cards[0]
    assert card.title.text() == (
        f"Experiment: meal tagged gluten and {finding.outcome}, the same day"
    )
    assert card.today.text().startswith("Today: ")
    assert not card.stop_button.isHidden()

    # Stopping asks first; then the card says so and its reminder is gone.
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_args, **_kw: QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(view.updated):
        view.stop_experiment(card.progress.experiment)
    assert view.experiment_cards[0].today.text().startswith("Stopped")
    reminder_ids = {r.id for r in services.reminders.reminders()}
    assert dialog.saved.reminder_id not in reminder_ids


def test_an_experiment_dialog_says_what_to_change(qtbot: QtBot, services: Services) -> None:
    dialog = ExperimentDialog(services, factor="meal_tag:gluten", outcome="symptom:pain")
    qtbot.addWidget(dialog)
    dialog.weeks.setValue(4)
    assert "4 weeks can never show one" in dialog.hint.text()
    dialog.by_day.setChecked(True)
    assert "Half of the 28 days" in dialog.hint.text()


@pytest.mark.slow
def test_the_main_window_opens_insights_with_alt_5_and_its_days_in_charts(
    qtbot: QtBot, services: Services
) -> None:
    fill_journal(services)
    main = MainWindow(services)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert main.current_view_key == "insights"
    view = main.view("insights")
    assert isinstance(view, InsightsView)
    qtbot.waitUntil(lambda: bool(view.finding_cards) and not view.busy)
    first, last = view.finding_cards[0].days_to_show()
    qtbot.mouseClick(view.finding_cards[0].days_button, Qt.MouseButton.LeftButton)
    assert main.current_view_key == "charts"
    charts = main.view("charts")
    assert (charts.first, charts.last) == (first, last)  # type: ignore[attr-defined]
    main.close()
