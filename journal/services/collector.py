"""Python's cycle collector paused for bulk work that makes tens of thousands of objects."""

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
