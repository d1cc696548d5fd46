"""Python's cycle collector paused for bulk work that makes tens of thousands of objects,
and for start-up."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while an import or the demo builds its records: they hold no
    cycles, and the collector walking them again and again took a fifth of importing ten
    years. Reference counting still frees everything; the collector runs again after."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_paused_for_start_up = False


def pause_for_start_up() -> None:
    """The collector off while the program starts: loading the modules makes tens of
    thousands of long-lived objects (functions, classes, the registries' tables) and no
    garbage, and the collector walked them again and again (measured with callgrind: 6% of
    a short import's instructions, 3.5% of the window's start). A command keeps it off to
    its end (the peak memory of insights, report, export and summary on ten years moved by
    less than 1%), and ``main`` turns it on again when the command returns (for a caller
    that goes on: the tests run commands in their own process); the window turns it on
    once its start-up work is done."""
    global _paused_for_start_up
    if gc.isenabled():
        gc.disable()
        _paused_for_start_up = True


def start_up_done() -> None:
    """The collector on again after :func:`pause_for_start_up`, with everything start-up
    made moved out of its walks (``gc.freeze``: the window's modules and views live as
    long as the program). Nothing happens if start-up did not pause it (tests make many
    windows), or if it is on again already."""
    if _end_start_up_pause():
        gc.freeze()
        gc.enable()


def command_done(*, collect: bool) -> None:
    """The collector on again after a command (or a start that ended early). ``collect``:
    what the command left in cycles collected now, as it would have been while it ran,
    for a caller that goes on (the tests run commands in their own process), which must
    not meet its connections' and files' finalizers later, in another command; a program
    that exits next does without (70-90 ms after importing ten years)."""
    if _end_start_up_pause():
        gc.enable()
        if collect:
            gc.collect()


def _end_start_up_pause() -> bool:
    """Whether start-up's pause was still on (it is over now either way)."""
    global _paused_for_start_up
    paused, _paused_for_start_up = _paused_for_start_up, False
    return paused
