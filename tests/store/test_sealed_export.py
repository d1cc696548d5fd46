"""Encrypted exports: nothing readable in the file, the wrong passphrase opens nothing, and
the export inside imports back whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import Note
from journal.services import Services, open_services
from journal.store.cipher.kdf import FAST_TEST_PARAMS
from journal.store.cipher.keyring import WrongPassphraseError
from journal.store.sealed import looks_sealed, seal, unseal

SECRET = "the rash came back on my elbows"


def test_a_sealed_export_hides_everything_and_imports_back(
    services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    services.journal.add_entry(Note(at=clock.now(), note=SECRET))
    plain = tmp_path / "export.json"
    services.exports.export_journal(plain)
    sealed = tmp_path / "export.interplay"
    seal(plain, sealed, "export passphrase", params=FAST_TEST_PARAMS)
    data = sealed.read_bytes()
    assert SECRET.encode() not in data and b"SQLite format 3" not in data
    assert looks_sealed(sealed) and not looks_sealed(plain)
    with pytest.raises(WrongPassphraseError):
        unseal(sealed, "not it", params=FAST_TEST_PARAMS)
    name, inside = unseal(sealed, "export passphrase", params=FAST_TEST_PARAMS)
    assert name == "export.json" and inside == plain.read_bytes()

    other = tmp_path / "other"
    back = tmp_path / "back.json"
    back.write_bytes(inside)
    fresh = open_services(other, clock)
    try:
        fresh.imports.import_journal(back)
        day = clock.now().date()
        assert [e.note for e in fresh.journal.entries_between(day, day)] == [SECRET]
    finally:
        fresh.close()
    assert json.loads(inside)["format"]
