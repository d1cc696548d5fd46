"""The cycle collector is off during bulk work and back on after it, whatever happens; paused
while the program starts, never left off by a window, untouched where start-up did not
pause it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.services import collector
from journal.services.collector import collector_paused, pause_for_start_up, start_up_done


@pytest.fixture(autouse=True)
def _collector_back_on() -> Iterator[None]:
    yield
    collector._paused_for_start_up = False
    gc.unfreeze()
    gc.enable()


def test_start_up_pauses_it_and_bulk_work_inside_start_up_leaves_it_paused() -> None:
    pause_for_start_up()
    assert not gc.isenabled()
    with collector_paused():  # an import run by a command
        assert not gc.isenabled()
    assert not gc.isenabled()  # the command keeps it off to its end
    start_up_done()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_start_up_done_changes_nothing_where_start_up_did_not_pause_it() -> None:
    assert gc.isenabled()
    start_up_done()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    gc.disable()  # someone else's pause is not start-up's to end
    start_up_done()
    assert not gc.isenabled()


def test_the_collector_is_paused_and_comes_back_even_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: still off, and the outer one turns it on
            assert not gc.isenabled()
        assert not gc.isenabled()
        raise RuntimeError("a failed import")
    assert gc.isenabled()


def test_a_command_run_by_main_leaves_the_collector_on_for_its_caller(tmp_path: Path) -> None:
    from journal.app import main, setup_logging

    try:
        assert main(["--data-dir", str(tmp_path), "check"]) == 0
        assert gc.isenabled()
        with pytest.raises(SystemExit):
            main(["--version"])
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0  # nothing of the caller's is frozen
    finally:
        setup_logging(None)  # the command's log file, in its data folder
