"""The cycle collector is off during bulk work and back on after it, whatever happens."""

from __future__ import annotations

import gc

import pytest

from journal.services.collector import collector_paused


def test_the_collector_is_paused_and_comes_back_even_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: still off, and the outer one turns it on
            assert not gc.isenabled()
        assert not gc.isenabled()
        raise RuntimeError("a failed import")
    assert gc.isenabled()
