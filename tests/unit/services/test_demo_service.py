"""The demo service: fills a new journal all or nothing, reports progress, marks it a demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.domain.clock import FakeClock
from journal.services import Services, open_services
from journal.services.errors import JournalError


@pytest.fixture
def empty_services(empty_data_dir: Path, clock: FakeClock) -> Iterator[Services]:
    services = open_services(empty_data_dir, clock)
    yield services
    services.close()


def test_fill_reports_progress_and_marks_the_journal_a_demo(empty_services: Services) -> None:
    seen: list[tuple[int, int]] = []
    assert not empty_services.demo.is_demo
    stats = empty_services.demo.fill(
        lambda done, total: seen.append((done, total)), lambda: False, days=90
    )
    assert stats.days == 90 and stats.total_entries > 0
    total = seen[-1][1]
    assert seen[0] == (0, total) and seen[-1] == (total, total) and total >= 90
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert empty_services.demo.is_demo


def test_cancelling_writes_nothing(empty_services: Services) -> None:
    calls = iter([False, False, True])
    with pytest.raises(JournalError, match="cancelled"):
        empty_services.demo.fill(lambda *_: None, lambda: next(calls), days=120)
    assert not empty_services.demo.is_demo
    today = empty_services.clock.now().date()
    assert empty_services.journal.day_view(today).entries == []


def test_the_demo_logs_nothing_later_today_than_the_clocks_now(
    empty_services: Services,
) -> None:
    empty_services.demo.fill(lambda *_: None, lambda: False, days=30)
    now = empty_services.clock.now()  # noon in the test clock
    today = empty_services.journal.day_view(now.date())
    assert today.entries, "the morning is there"
    assert max(entry.at for entry in today.entries) <= now
    evening = [due for due in today.due_doses if due.scheduled.hour >= 18]
    assert evening and not any(due.taken for due in evening)  # not "taken" before it is due
