"""Readers build entries with ``assemble`` (no generated ``__init__``, for speed); such an
entry must be the very one ``__init__`` makes: equal, hashed alike, its fields in the same
order (an import compares ``vars`` of entries) and its defaults filled."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

import pytest
from hypothesis import given
from journal_strategies import entries

from journal.domain.entries import Entry, Meal, assemble


@given(entries(n_meds=2, n_trackers=2, n_flares=1))
def test_an_assembled_entry_is_the_one_init_makes(drawn: tuple[Entry, dict[str, int]]) -> None:
    entry, _refs = drawn
    values = {f.name: getattr(entry, f.name) for f in fields(entry)}
    built = assemble(type(entry), values)
    assert built == entry
    assert hash(built) == hash(entry)
    assert list(vars(built).items()) == list(vars(entry).items())


def test_what_values_leave_out_takes_its_default_and_at_is_required() -> None:
    at = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
    assert assemble(Meal, {"at": at, "uid": "a" * 32}) == Meal(at=at, uid="a" * 32)
    assert assemble(Meal, {"at": at}).uid != assemble(Meal, {"at": at}).uid  # a new one each
    with pytest.raises(TypeError, match="'at'"):
        assemble(Meal, {"note": "no time"})
