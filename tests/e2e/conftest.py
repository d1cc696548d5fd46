"""Fixtures of the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every Argon2id derivation in this test at the cheapest cost (``FAST_TEST_PARAMS``),
    whatever parameters the journal's key file or the sealed-export format name: the same
    passphrase still gives the same key, and another one a different key."""
    import argon2.low_level

    from journal.store.cipher.kdf import FAST_TEST_PARAMS

    real = argon2.low_level.hash_secret_raw

    def cheap(**kwargs: Any) -> bytes:
        kwargs.update(
            time_cost=FAST_TEST_PARAMS.time_cost,
            memory_cost=FAST_TEST_PARAMS.memory_kib,
            parallelism=FAST_TEST_PARAMS.parallelism,
        )
        return real(**kwargs)

    monkeypatch.setattr(argon2.low_level, "hash_secret_raw", cheap)
    yield
