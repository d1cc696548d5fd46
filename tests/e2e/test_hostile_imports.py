"""Crafted imports: every refusal names file, line, field and problem, found by the check pass.

Numbers beyond any float, lone surrogates, dates that overflow with their offset, a uid used
twice with different content, a uid already in the journal with other content, and thousands
of tags on one entry: each is refused (or offered as a choice) before anything is written.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import Meal
from journal.domain.vocabulary import MealType
from journal.services import Services, open_services
from journal.services.errors import ImportRefusedError
from tests.e2e.cli_runner import run_in_process
from tests.e2e.test_cli import run

MEAL_UID = "a" * 32


@pytest.fixture
def services(data_dir: Path, clock: FakeClock) -> Iterator[Services]:
    opened = open_services(data_dir, clock)
    yield opened
    opened.close()


def _meal(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "uid": MEAL_UID,
        "kind": "meal",
        "at": "2026-11-23T08:00:00+01:00",
        "note": "",
        "tags": ["vegetables"],
        "meal_type": "breakfast",
        "items": "porridge",
        "carbs_g": 40.0,
    }
    return record | changes


def _export(path: Path, entries: list[dict[str, Any]], raw: str | None = None) -> Path:
    document = {"format": "interplay-journal", "format_version": 3, "entries": entries}
    text = json.dumps(document, indent=2) if raw is None else raw
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(services: Services, path: Path, *, previewed: bool = False) -> ImportRefusedError:
    """The import's refusal (the preview's too, unless the preview shows the file)."""
    before = services.journal.count_entries()
    if not previewed:
        with pytest.raises(ImportRefusedError):
            services.imports.preview_import(path)
    with pytest.raises(ImportRefusedError) as caught:
        services.imports.import_journal(path)
    after = services.journal.count_entries()
    assert before == after
    return caught.value


def _entries(services: Services) -> list[Any]:
    with services.db.reading() as session:
        from journal.store import bulk_read

        return list(bulk_read.iter_entries(session))


@pytest.mark.parametrize(
    ("field", "raw_value", "problem"),
    [
        ("carbs_g", "9" * 400, "not a usable number"),
        ("carbs_g", "-" + "9" * 400, "not a usable number"),
        ("carbs_g", "1e999", "not a usable number"),
        ("note", '"\\ud800"', "lone surrogate"),
        ("items", '"bread \\udfff"', "lone surrogate"),
        ("tags", '["\\ud83d"]', "lone surrogate"),
        ("at", '"0001-01-01T00:00:00+14:00"', "outside the dates"),
        ("at", '"9999-12-31T23:59:00-14:00"', "outside the dates"),
    ],
)
def test_a_crafted_value_is_refused_by_the_check_pass_naming_line_and_field(
    services: Services, tmp_path: Path, field: str, raw_value: str, problem: str
) -> None:
    marker = "__VALUE__"
    text = json.dumps(
        {"format": "interplay-journal", "format_version": 3, "entries": [_meal(**{field: marker})]},
        indent=2,
    ).replace(f'"{marker}"', raw_value)
    path = _export(tmp_path / "crafted.json", [], raw=text)
    error = _refusal(services, path)
    assert error.file == "crafted.json"
    assert error.line == 5
    assert error.field == field
    assert problem in error.problem
    assert _entries(services) == []


def test_a_cgm_reading_of_hundreds_of_digits_names_its_line(
    services: Services, tmp_path: Path
) -> None:
    reading = '{"at": "2026-11-23T08:00:00+01:00", "glucose_mg_dl": %s, "device": "Libre"}'
    text = (
        '{"format": "interplay-journal", "format_version": 3,\n "cgm_readings": [\n'
        + reading % ("9" * 400)
        + "\n]}"
    )
    error = _refusal(services, _export(tmp_path / "cgm.json", [], raw=text))
    assert (error.line, error.field) == (3, "glucose_mg_dl")


def test_the_same_uid_twice_with_different_content_is_refused_naming_both_lines(
    services: Services, tmp_path: Path
) -> None:
    path = _export(tmp_path / "twice.json", [_meal(), _meal(carbs_g=99.0)])
    error = _refusal(services, path)
    assert error.line == 17 and error.field == "uid"
    assert "also used at line 5" in error.problem


def test_the_same_record_twice_is_added_once_and_the_summary_says_so(
    services: Services, tmp_path: Path
) -> None:
    path = _export(tmp_path / "twice.json", [_meal(), _meal()])
    preview = services.imports.preview_import(path)
    assert preview.to_add == {"meal": 1} and preview.already_present == {}
    assert preview.repeated == 1
    report = services.imports.import_journal(path)
    assert report.added == {"meal": 1}
    assert report.already_present == {}
    assert "already in your journal" not in report.summary()
    assert "1 repeated in the file counted once" in report.summary()


def test_a_medication_twice_with_different_content_is_refused(
    services: Services, tmp_path: Path
) -> None:
    medication = {"uid": "m1", "name": "Metformin", "dose": "500 mg"}
    document = {
        "format": "interplay-journal",
        "format_version": 3,
        "medications": [medication, medication | {"dose": "1000 mg"}],
    }
    path = tmp_path / "meds.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    error = _refusal(services, path)
    assert error.field == "uid" and "also used at line" in error.problem


def _journal_meal(services: Services, clock: FakeClock) -> None:
    services.journal.add_entry(
        Meal(
            uid=MEAL_UID,
            at=clock.now().replace(day=23, hour=8),
            meal_type=MealType.BREAKFAST,
            items="porridge",
            carbs_g=40.0,
            tags=("vegetables",),
        )
    )


def test_a_record_changed_since_is_shown_as_changed_and_the_person_chooses(
    services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    _journal_meal(services, clock)
    same = _export(tmp_path / "same.json", [_meal()])
    assert services.imports.preview_import(same).changed == {}
    assert services.imports.import_journal(same).total_added == 0

    edited = _export(tmp_path / "edited.json", [_meal(carbs_g=55.0)])
    preview = services.imports.preview_import(edited)
    assert preview.changed == {"meal": 1}
    assert preview.already_present == {}
    assert "differs from the file" in preview.summary()

    error = _refusal(services, edited, previewed=True)  # the default (the command line's) refuses
    assert "--update" in error.problem and MEAL_UID in error.problem

    kept = services.imports.import_journal(edited, changed="keep")
    assert kept.kept == 1 and kept.total_updated == 0
    assert [e.carbs_g for e in _entries(services)] == [40.0]

    taken = services.imports.import_journal(edited, changed="update")
    assert taken.updated == {"meal": 1}
    assert "Updated 1 record with the file's version" in taken.summary()
    assert [e.carbs_g for e in _entries(services)] == [55.0]
    assert services.imports.preview_import(edited).changed == {}


def test_a_uid_of_another_kind_in_the_journal_is_refused(
    services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    _journal_meal(services, clock)
    glucose = {
        "uid": MEAL_UID,
        "kind": "glucose",
        "at": "2026-11-23T08:00:00+01:00",
        "glucose_mg_dl": 100.0,
        "context": "fasting",
    }
    error = _refusal(services, _export(tmp_path / "kind.json", [glucose]))
    assert error.field == "uid" and "cannot change its kind" in error.problem


def test_re_importing_a_full_export_finds_nothing_changed(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    from journal.io.demo import generate_demo

    services = open_services(data_dir, clock)
    try:
        generate_demo(
            services.db,
            days=30,
            seed=3,
            end=clock.now().date(),
            tz=clock.now().tzinfo,
            now=clock.now(),
        )
        for fmt, out in (("json", tmp_path / "all.json"), ("csv", tmp_path / "all-csv")):
            services.exports.export_journal(out, fmt)
            preview = services.imports.preview_import(out)
            assert preview.changed == {}, fmt
            assert preview.total_to_add == 0, (fmt, preview.to_add)
    finally:
        services.close()


def test_twenty_thousand_tags_are_refused_at_once(services: Services, tmp_path: Path) -> None:
    path = _export(tmp_path / "tags.json", [_meal(tags=[f"tag {i}" for i in range(20_000)])])
    started = time.perf_counter()
    error = _refusal(services, path)
    assert time.perf_counter() - started < 10
    assert error.field == "tags" and "up to 100 tags" in error.problem


def test_the_command_line_refuses_a_changed_record_unless_update(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    first = _export(tmp_path / "first.json", [_meal()])
    assert run_in_process("import", str(first), data_dir=data).returncode == 0
    edited = _export(tmp_path / "edited.json", [_meal(note="edited")])
    refused = run("import", str(edited), data_dir=data)  # the real program; the others in here
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "edited.json line 5" in refused.stderr and "--update" in refused.stderr
    updated = run_in_process("import", "--update", str(edited), data_dir=data)
    assert updated.returncode == 0, updated.stderr
    assert "Updated 1 record with the file's version from edited.json" in updated.stdout
    crafted = tmp_path / "crafted.json"
    crafted.write_text(
        json.dumps(
            {
                "format": "interplay-journal",
                "format_version": 3,
                "entries": [_meal(uid="b" * 32, note="__X__")],
            },
            indent=2,
        ).replace('"__X__"', '"\\ud800"'),
        encoding="utf-8",
    )
    result = run("import", str(crafted), data_dir=data)  # a lone surrogate: real stderr
    assert result.returncode == 1
    assert "unexpected error" not in result.stderr
    assert "crafted.json line 5, field note" in result.stderr


def test_a_medication_changed_since_is_refused_unless_update(
    services: Services, tmp_path: Path
) -> None:
    from journal.domain.entries import Medication

    services.journal.save_medication(Medication(uid="m1", name="Metformin", dose="500 mg"))
    document = {
        "format": "interplay-journal",
        "format_version": 3,
        "medications": [{"uid": "m1", "name": "Metformin", "dose": "1000 mg"}],
    }
    path = tmp_path / "meds.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    preview = services.imports.preview_import(path)
    assert preview.changed == {"medications": 1} and preview.already_present == {}
    error = _refusal(services, path, previewed=True)
    assert "'Metformin' (uid m1)" in error.problem and "--update" in error.problem
    report = services.imports.import_journal(path, changed="update")
    assert report.updated == {"medications": 1}
    with services.db.reading() as session:
        from journal.store import repository

        assert [m.dose for m in repository.medications(session)] == ["1000 mg"]


def test_a_goal_changed_since_is_shown_and_taken_with_update(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    from journal.io.demo import generate_demo

    services = open_services(data_dir, clock)
    try:
        generate_demo(
            services.db,
            days=5,
            seed=4,
            end=clock.now().date(),
            tz=clock.now().tzinfo,
            now=clock.now(),
        )
        out = tmp_path / "export.json"
        services.exports.export_journal(out)
        assert services.imports.preview_import(out).changed == {}
        document = json.loads(out.read_text(encoding="utf-8"))
        document["goals"][0]["target"] = document["goals"][0]["target"] + 1
        document["reminders"][0]["enabled"] = not document["reminders"][0]["enabled"]
        out.write_text(json.dumps(document, indent=2), encoding="utf-8")
        preview = services.imports.preview_import(out)
        assert preview.changed == {"goals": 1, "reminders": 1}
        error = _refusal(services, out, previewed=True)
        assert "--update" in error.problem
        report = services.imports.import_journal(out, changed="update")
        assert report.updated == {"goals": 1, "reminders": 1}
        assert services.imports.preview_import(out).changed == {}
    finally:
        services.close()
