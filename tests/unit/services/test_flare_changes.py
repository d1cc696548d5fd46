"""Deleting a flare episode (with undo that brings its check-ins back), and the calendar's
flare days, which stop at today while a flare is ongoing."""

from __future__ import annotations

from datetime import date, timedelta

from journal.domain.clock import FakeClock
from journal.domain.entries import FlareEpisode, SymptomCheck
from journal.domain.vocabulary import EntryKind
from journal.services import Services
from journal.services.journal import JournalChange, Topic

TODAY = date(2026, 11, 24)


def test_a_deleted_flare_comes_back_with_its_check_ins_on_undo(
    services: Services, clock: FakeClock
) -> None:
    journal = services.journal
    flare = journal.save_flare(FlareEpisode(start=TODAY - timedelta(days=3), condition="lupus"))
    assert flare.id is not None
    check_in = journal.add_entry(
        SymptomCheck(at=clock.now(), scores={"rash": 4}, flare_id=flare.id)
    )
    assert [c.id for c in journal.flare_check_ins(flare.id)] == [check_in.id]
    heard: list[JournalChange] = []
    journal.subscribe(heard.append)

    deleted = journal.delete_flare(flare.id)

    assert deleted == flare
    assert journal.flare(flare.id) is None
    assert journal.ongoing_flare() is None
    kept = journal.entry(check_in.id or 0)
    assert isinstance(kept, SymptomCheck) and kept.flare_id is None  # the check-in stays
    change = heard[-1]
    assert change.description == "Delete flare"
    assert Topic.FLARES in change.topics and EntryKind.SYMPTOMS in change.kinds
    assert change.touches(TODAY - timedelta(days=3)) and change.touches(TODAY)
    assert journal.undo_stack.undo_text == "Delete flare"

    assert journal.undo() == "Delete flare"
    assert journal.flare(flare.id) == flare
    restored = journal.entry(check_in.id or 0)
    assert isinstance(restored, SymptomCheck) and restored.flare_id == flare.id
    assert heard[-1].description == "Undo: Delete flare"

    assert journal.redo() == "Delete flare"
    assert journal.flare(flare.id) is None


def test_deleting_a_flare_that_is_gone_says_so(services: Services) -> None:
    journal = services.journal
    flare = journal.save_flare(FlareEpisode(start=TODAY, condition="RA"))
    journal.delete_flare(flare.id or 0)
    try:
        journal.delete_flare(flare.id or 0)
    except LookupError as error:
        assert "no longer exists" in str(error)
    else:
        raise AssertionError("a second delete should fail")


def test_an_ongoing_flare_marks_the_calendar_only_up_to_today(services: Services) -> None:
    journal = services.journal
    journal.save_flare(FlareEpisode(start=TODAY - timedelta(days=2), condition="RA"))
    marks = journal.calendar_marks(TODAY - timedelta(days=5), TODAY + timedelta(days=30))
    flare_days = sorted(d for d, m in marks.items() if m.in_flare)
    assert flare_days == [TODAY - timedelta(days=2), TODAY - timedelta(days=1), TODAY]


def test_an_ended_flare_marks_its_own_days(services: Services) -> None:
    journal = services.journal
    journal.save_flare(
        FlareEpisode(
            start=TODAY - timedelta(days=10), end=TODAY - timedelta(days=8), condition="RA"
        )
    )
    marks = journal.calendar_marks(TODAY - timedelta(days=12), TODAY)
    assert sorted(d for d, m in marks.items() if m.in_flare) == [
        TODAY - timedelta(days=10),
        TODAY - timedelta(days=9),
        TODAY - timedelta(days=8),
    ]


def test_the_flare_days_move_on_with_the_clock(services: Services, clock: FakeClock) -> None:
    journal = services.journal
    journal.save_flare(FlareEpisode(start=TODAY, condition="RA"))
    clock.advance(timedelta(days=1))
    marks = journal.calendar_marks(TODAY, TODAY + timedelta(days=5))
    assert sorted(d for d, m in marks.items() if m.in_flare) == [TODAY, TODAY + timedelta(days=1)]
