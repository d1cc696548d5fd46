"""The import preview's sentence: what is new, per kind, counted as people say it."""

from __future__ import annotations

from pathlib import Path

from journal.services.imports import ImportPreview, counted


def _preview(to_add: dict[str, int], present: dict[str, int] | None = None) -> ImportPreview:
    return ImportPreview(Path("export.json"), "json", to_add, present or {})


def test_new_records_are_listed_largest_first_with_what_is_already_there() -> None:
    preview = _preview({"medications": 2, "meal": 312, "glucose": 40}, {"meal": 15})
    assert preview.summary() == (
        "New: 312 meals, 40 glucose readings and 2 medications. "
        "15 records already in your journal stay as they are."
    )


def test_one_of_a_kind_is_said_in_the_singular() -> None:
    assert _preview({"sleep": 1}).summary() == "New: 1 night of sleep."
    assert counted(1, "stress check-ins") == "1 stress check-in"
    assert counted(1, "flares") == "1 flare"
    assert counted(1_200, "glucose readings") == "1,200 glucose readings"


def test_nothing_new_says_so() -> None:
    assert _preview({}, {"meal": 1}).summary() == (
        "Nothing new: 1 record already in your journal stays as it is."
    )
    assert _preview({}).summary() == "Nothing new: the file holds no records."


def test_every_section_of_an_export_has_words_to_count_it() -> None:
    from journal.services.imports import SECTION_LABELS, SECTION_PLURALS

    assert set(SECTION_PLURALS) == set(SECTION_LABELS)
    assert _preview({"cgm_readings": 2_016}).summary() == "New: 2,016 CGM readings."
