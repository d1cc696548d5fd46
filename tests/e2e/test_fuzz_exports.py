"""A small, deterministic sample of the import fuzzer (``fuzz_exports.py`` runs thousands)."""

from __future__ import annotations

from tests.e2e.fuzz_exports import fuzz


def test_mutated_exports_are_imported_whole_or_refused_whole() -> None:
    outcome = fuzz(cases=40, seed=3, cli_every=0, log=lambda _line: None)
    assert outcome.failures == []
    assert sum(outcome.counts.values()) == 40
    assert any("refused" in key for key in outcome.counts)
