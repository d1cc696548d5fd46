"""Bad input is refused with a message naming the file, line, field and problem; nothing changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.io.json_format import FORMAT_VERSION
from journal.services import Services
from journal.services.errors import ImportCancelledError, ImportRefusedError
from journal.store import goal_repository

HEADER = "uid,at,note,tags,meal_type,items,carbs_g,added_sugar_g,fibre_g,protein_g\r\n"
GOOD_MEAL = ",2026-11-24T08:00:00+01:00,,,breakfast,porridge,45,,,\r\n"


@pytest.fixture
def data(services: Services) -> Services:
    return services


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _refused(data: Services, path: Path, fmt: str = "auto") -> ImportRefusedError:
    before = data.journal.count_entries()
    with pytest.raises(ImportRefusedError) as caught:
        data.imports.import_journal(path, fmt)  # type: ignore[arg-type]
    assert data.journal.count_entries() == before
    assert "Nothing was imported." in str(caught.value)
    return caught.value


def test_a_bad_number_names_the_file_line_and_column(data: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "meal.csv", HEADER + GOOD_MEAL + GOOD_MEAL.replace("45", "abc"))
    error = _refused(data, path)
    assert str(error) == (
        "meal.csv line 3, column carbs_g: 'abc' is not a number. Nothing was imported."
    )
    assert (error.file, error.line, error.field) == ("meal.csv", 3, "carbs_g")


def test_a_bad_row_late_in_the_file_leaves_the_journal_unchanged(
    data: Services, tmp_path: Path
) -> None:
    rows = [GOOD_MEAL.replace("08:00", f"08:{m:02d}") for m in range(50)]
    path = _write(tmp_path / "meal.csv", HEADER + "".join(rows) + GOOD_MEAL.replace("45", "-3"))
    error = _refused(data, path)
    assert error.line == 52
    assert "Carbohydrates must be between 0 and 500 g" in str(error)


def test_an_implausible_value_uses_the_same_rules_as_typing(data: Services, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "glucose.csv",
        "at,glucose_mg_dl\n2026-11-24T08:00:00+01:00,5000\n",
    )
    error = _refused(data, path)
    assert error.field == "glucose_mg_dl"
    assert "Glucose must be between" in error.problem


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (HEADER.replace("carbs_g,", "carbs,"), "the column 'carbs' is not one Interplay knows"),
        ("items,carbs_g\nporridge,40\n", "the column 'at' is missing"),
        (HEADER + GOOD_MEAL.replace("2026-11-24T08", "2026-02-30T08"), "is not a date and time"),
        (HEADER + GOOD_MEAL.replace("+01:00", ""), "has no UTC offset"),
        (HEADER + GOOD_MEAL.replace("45", "1e400"), "not a usable number"),
        (HEADER + GOOD_MEAL.replace("45", "9" * 5000), "not a usable number"),
        (HEADER + GOOD_MEAL.replace("breakfast", "brunch"), "is not one of: breakfast"),
        (HEADER + GOOD_MEAL.replace(",45,", ",45,1,2,"), "expected 10 values but found 12"),
        (HEADER + GOOD_MEAL.replace("porridge", '"porridge'), "cannot be read"),
        ((HEADER + GOOD_MEAL.replace("porridge", "caf\u00e9")).encode("latin-1"), "not UTF-8"),
        (HEADER + GOOD_MEAL.replace("2026-11-24", "2027-11-24"), "more than a day in the future"),
    ],
)
def test_bad_csv_is_refused_with_a_reason(
    data: Services, tmp_path: Path, content: str | bytes, expected: str
) -> None:
    error = _refused(data, _write(tmp_path / "meal.csv", content))
    assert expected in str(error)


@pytest.mark.parametrize(
    "content",
    [
        "\ufeff" + HEADER + GOOD_MEAL,  # a byte-order mark, as Excel writes
        (HEADER + GOOD_MEAL).replace("\r\n", "\n"),  # Unix line ends
        (HEADER + GOOD_MEAL).replace(",", ";"),  # the semicolons of some locales
        (HEADER + GOOD_MEAL).replace(",", "\t"),  # tabs
        HEADER + GOOD_MEAL + "\r\n,,,,,,,,,\r\n",  # blank lines a spreadsheet leaves
    ],
)
def test_spreadsheet_variants_are_read(data: Services, tmp_path: Path, content: str) -> None:
    report = data.imports.import_journal(_write(tmp_path / "meal.csv", content))
    assert report.added == {"meal": 1}


def test_reimporting_a_file_without_uids_adds_nothing(data: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "meal.csv", HEADER + GOOD_MEAL)
    assert data.imports.import_journal(path).total_added == 1
    again = data.imports.import_journal(path)
    assert again.total_added == 0
    assert again.already_present == {"meal": 1}
    assert data.journal.count_entries() == 1


def test_an_unknown_file_name_is_refused(data: Services, tmp_path: Path) -> None:
    error = _refused(data, _write(tmp_path / "readings.csv", HEADER + GOOD_MEAL))
    assert "cannot tell what this file holds" in str(error)


def test_a_dose_of_an_unknown_medication_is_refused(data: Services, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "dose.csv",
        "at,medication_uid,status\n2026-11-24T08:00:00+01:00,abc123,taken\n",
    )
    error = _refused(data, path)
    assert "medication (abc123) that is neither in the file nor in your journal" in str(error)


def _document(**overrides: object) -> dict[str, object]:
    document: dict[str, object] = {
        "format": "interplay-journal",
        "format_version": 1,
        "entries": [
            {"kind": "glucose", "at": "2026-11-24T08:00:00+01:00", "glucose_mg_dl": 98},
        ],
    }
    document.update(overrides)
    return document


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda: _document(format_version=FORMAT_VERSION + 1),
            "made by a newer version of Interplay",
        ),
        (lambda: _document(format_version="one"), "is not a version number"),
        (lambda: _document(format="something-else"), "not an Interplay export"),
        (lambda: {"entries": []}, "it has no format_version"),
        (lambda: [1, 2, 3], "expected a JSON object"),
        (lambda: _document(entries={"a": 1}), "'entries' must be a list"),
        (lambda: _document(entries=[1]), "each item of 'entries' must be an object"),
        (lambda: _document(entries=[{"kind": "dream", "at": "x"}]), "is not a kind of entry"),
        (lambda: _document(recipes=[]), "'recipes' is not a section Interplay knows"),
        (
            lambda: _document(
                entries=[{"kind": "note", "at": "2026-11-24T08:00:00+01:00", "mood": 3}]
            ),
            "'mood' is not a field",
        ),
        (
            lambda: _document(
                entries=[
                    {"kind": "glucose", "at": "2026-11-24T08:00:00+01:00", "glucose_mg_dl": "98"}
                ]
            ),
            None,
        ),
    ],
)
def test_json_of_the_wrong_version_or_shape_is_refused(
    data: Services, tmp_path: Path, make: Callable[[], object], expected: str | None
) -> None:
    path = _write(tmp_path / "journal.json", json.dumps(make()))
    if expected is None:  # numbers written as text are read as numbers
        assert data.imports.import_journal(path).added == {"glucose": 1}
        return
    assert expected in str(_refused(data, path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"format_version": 1, "entries": [', "not valid JSON"),
        ('{"format_version": 1, "entries": [{"kind": "note", "at": NaN}]}', "not valid JSON"),
        ('{"format_version": 1} trailing', "more text after the end"),
        ("[" * 100_000, "expected a JSON object"),
        ('{"format_version": 1, "entries": ' + "[" * 100_000, "nested too deeply"),
    ],
)
def test_broken_json_text_is_refused(
    data: Services, tmp_path: Path, text: str, expected: str
) -> None:
    assert expected in str(_refused(data, _write(tmp_path / "journal.json", text)))


def test_json_errors_name_the_line(data: Services, tmp_path: Path) -> None:
    lines = [
        '{"format": "interplay-journal", "format_version": 1, "entries": [',
        '  {"kind": "glucose", "at": "2026-11-24T08:00:00+01:00", "glucose_mg_dl": 98},',
        '  {"kind": "meal", "at": "2026-11-24T09:00:00+01:00", "items": "x", "carbs_g": "lots"}',
        "]}",
    ]
    error = _refused(data, _write(tmp_path / "journal.json", "\n".join(lines)))
    assert str(error) == (
        "journal.json line 3, field carbs_g: 'lots' is not a number. Nothing was imported."
    )


def test_a_cancelled_import_adds_nothing(data: Services, tmp_path: Path) -> None:
    rows = [GOOD_MEAL.replace("08:00", f"08:{m:02d}") for m in range(60)]
    path = _write(tmp_path / "meal.csv", HEADER + "".join(rows))
    ticks: list[int] = []
    with pytest.raises(ImportCancelledError):
        data.imports.import_journal(
            path,
            should_cancel=lambda: len(ticks) > 70,
            on_progress=lambda done, total: ticks.append(done),
        )
    assert data.journal.count_entries() == 0


def test_progress_runs_from_zero_to_the_end(data: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "meal.csv", HEADER + GOOD_MEAL)
    seen: list[tuple[int, int]] = []
    data.imports.import_journal(path, on_progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_missing_path_is_refused(data: Services, tmp_path: Path) -> None:
    assert "there is no file or folder" in str(_refused(data, tmp_path / "nowhere.json"))


def test_a_newer_format_names_both_versions(data: Services, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "journal.json", json.dumps(_document(format_version=FORMAT_VERSION + 1))
    )
    assert str(_refused(data, path)) == (
        f"journal.json line 1: this export was made by a newer version of Interplay (format "
        f"{FORMAT_VERSION + 1}; this version reads up to {FORMAT_VERSION}). Update Interplay "
        "to import it. Nothing was imported."
    )


# A version 1 document, as Interplay wrote them before goals and reminders existed.
VERSION_1 = """{
  "format": "interplay-journal",
  "format_version": 1,
  "app_version": "0.1.0",
  "exported_at": "2026-11-20T09:00:00+01:00",
  "range": {"from": null, "to": null},
  "units": {"glucose_mg_dl": "mg/dL"},
  "settings": {"theme": "dark"},
  "medications": [
    {"uid": "m1", "name": "Metformin", "dose": "500 mg", "kind": "medication",
     "times": ["08:00"], "active": true, "note": ""}
  ],
  "trackers": [],
  "flare_episodes": [],
  "favourites": [{"kind": "meal", "name": "Porridge", "template": {"items": "porridge"}}],
  "entries": [
    {"uid": "e1", "kind": "glucose", "at": "2026-11-20T08:00:00+01:00", "glucose_mg_dl": 98},
    {"uid": "e2", "kind": "dose", "at": "2026-11-20T08:05:00+01:00", "medication_uid": "m1"}
  ]
}
"""


def test_a_version_1_document_still_imports(data: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "old.json", VERSION_1)
    report = data.imports.import_journal(path)
    assert report.added == {
        "medications": 1,
        "favourites": 1,
        "settings": 1,
        "glucose": 1,
        "dose": 1,
    }
    assert [m.name for m in data.journal.medications()] == ["Metformin"]
    assert data.imports.import_journal(path).total_added == 0


def _stored_goals_and_reminders(data: Services) -> tuple[int, int]:
    with data.db.reading() as session:
        return len(goal_repository.goals(session)), len(goal_repository.reminders(session))


GOALS_HEADER = "uid,name,measure,comparison,target,period,days_per_period,tracker_uid,paused,note\n"
GOOD_GOAL = "g1,Move more,active_minutes,at_least,150,week,,,false,\n"
REMINDERS_HEADER = (
    "uid,action,message,medication_uid,enabled,schedule,times,weekdays,every_min,"
    "window_start,window_end\n"
)
GOOD_REMINDER = "r1,glucose,,,true,daily,07:00,,,08:00,20:00\n"


@pytest.mark.parametrize(
    ("row", "field", "expected"),
    [
        (GOOD_GOAL.replace("active_minutes", "steps"), "measure", "'steps' is not one of"),
        (GOOD_GOAL.replace("150", "-5"), "target", "The target has to be zero or more."),
        (GOOD_GOAL.replace("150", "20000"), "target", "looks too large for active minutes"),
        (GOOD_GOAL.replace("Move more", "   "), "name", "Give the goal a name."),
        (GOOD_GOAL.replace("week,,", "day,3,"), "days_per_period", "only applies to weekly"),
        (GOOD_GOAL.replace("week,,", "week,9,"), "days_per_period", "between 1 and 7 days"),
        (GOOD_GOAL.replace("active_minutes", "fasting_glucose"), "period", "does not add up"),
        (GOOD_GOAL.replace("active_minutes", "tracker"), "tracker_uid", "Choose the tracker"),
        (GOOD_GOAL.replace("week,,", "week,,t9"), "tracker_uid", "a tracker (t9) that is neither"),
        (GOOD_GOAL.replace("false", "maybe"), "paused", "is not yes/no"),
        (GOOD_GOAL.replace("g1", "not a uid!"), "uid", "is not a uid"),
    ],
)
def test_bad_goals_are_refused_with_the_column(
    data: Services, tmp_path: Path, row: str, field: str, expected: str
) -> None:
    second = row.replace("g1,", "g2,", 1)  # its own uid: a repeated uid is the same goal
    error = _refused(data, _write(tmp_path / "goals.csv", GOALS_HEADER + GOOD_GOAL + second))
    assert (error.file, error.line, error.field) == ("goals.csv", 3, field)
    assert expected in error.problem
    assert _stored_goals_and_reminders(data) == (0, 0)


@pytest.mark.parametrize(
    ("row", "field", "expected"),
    [
        (GOOD_REMINDER.replace("07:00", ""), "times", "Add at least one time of day."),
        (GOOD_REMINDER.replace("07:00", "25:00"), "times", "is not a time of day"),
        (GOOD_REMINDER.replace("glucose", "walk"), "action", "'walk' is not one of"),
        (GOOD_REMINDER.replace("daily,07:00,", "weekdays,07:00,"), "weekdays", "at least one"),
        (GOOD_REMINDER.replace("07:00,", "07:00,funday"), "weekdays", "not a day of the week"),
        (GOOD_REMINDER.replace("daily", "hourly"), "schedule", "'hourly' is not one of"),
        (GOOD_REMINDER.replace("daily,07:00,,", "interval,,mon,5"), "every_min", "15 minutes"),
        (GOOD_REMINDER.replace("daily,07:00,,", "interval,,mon,99999"), "every_min", "minutes"),
        (
            GOOD_REMINDER.replace("daily,07:00,,,08:00", "interval,,mon,60,21:00"),
            "window_end",
            "The window has to end after it starts.",
        ),
        (GOOD_REMINDER.replace("glucose", "custom"), "message", "Write the message"),
        (GOOD_REMINDER.replace(",,,true", f",{'x' * 201},,true"), "message", "under 200"),
        (GOOD_REMINDER.replace("glucose", "medication"), "medication_uid", "Name the medication"),
        (GOOD_REMINDER.replace(",,,true", ",,m9,true"), "medication_uid", "a medication (m9)"),
    ],
)
def test_bad_reminders_are_refused_with_the_column(
    data: Services, tmp_path: Path, row: str, field: str, expected: str
) -> None:
    second = row.replace("r1,", "r2,", 1)
    path = _write(tmp_path / "reminders.csv", REMINDERS_HEADER + GOOD_REMINDER + second)
    error = _refused(data, path)
    assert (error.file, error.line, error.field) == ("reminders.csv", 3, field)
    assert expected in error.problem
    assert _stored_goals_and_reminders(data) == (0, 0)


def test_a_reminder_error_message_says_where_and_what(data: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "reminders.csv", REMINDERS_HEADER + GOOD_REMINDER.replace("07:00", ""))
    assert str(_refused(data, path)) == (
        "reminders.csv line 2, column times: Add at least one time of day. Nothing was imported."
    )


def test_a_bad_reminder_keeps_the_rest_of_the_folder_out(data: Services, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    _write(folder / "medications.csv", "uid,name,times\nm1,Metformin,08:00\n")
    _write(folder / "goals.csv", GOALS_HEADER + GOOD_GOAL)
    _write(folder / "meal.csv", HEADER + GOOD_MEAL)
    _write(folder / "reminders.csv", REMINDERS_HEADER + GOOD_REMINDER.replace("daily", "weekly"))
    error = _refused(data, folder)
    assert (error.file, error.field) == ("reminders.csv", "schedule")
    assert data.journal.medications() == []
    assert _stored_goals_and_reminders(data) == (0, 0)


def test_goals_and_reminders_import_and_reimport_adds_nothing(
    data: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    _write(folder / "medications.csv", "uid,name,times\nm1,Metformin,08:00\n")
    _write(folder / "goals.csv", GOALS_HEADER + GOOD_GOAL)
    medication_reminder = GOOD_REMINDER.replace("r1,glucose,,,", "r2,medication,,m1,")
    _write(folder / "reminders.csv", REMINDERS_HEADER + GOOD_REMINDER + medication_reminder)
    report = data.imports.import_journal(folder)
    assert report.added == {"medications": 1, "goals": 1, "reminders": 2}
    with data.db.reading() as session:
        reminders = goal_repository.reminders(session)
    assert reminders[1].medication_id == data.journal.medications()[0].id
    again = data.imports.import_journal(folder)
    assert again.total_added == 0
    assert again.already_present == {"medications": 1, "goals": 1, "reminders": 2}


def test_a_bad_goal_in_json_names_its_line_and_field(data: Services, tmp_path: Path) -> None:
    lines = [
        '{"format": "interplay-journal", "format_version": 2, "goals": [',
        '  {"name": "Sleep", "measure": "sleep_hours", "comparison": "at_least", "target": 7},',
        '  {"name": "Sleep more", "measure": "sleep_hours", "comparison": "at_least", '
        '"target": 30}',
        '], "reminders": [{"action": "stress", "schedule": "weekdays", "times": ["17:30"], '
        '"weekdays": []}]}',
    ]
    error = _refused(data, _write(tmp_path / "journal.json", "\n".join(lines)))
    assert str(error) == (
        "journal.json line 3, field target: That target looks too large for sleep. "
        "Nothing was imported."
    )
    assert _stored_goals_and_reminders(data) == (0, 0)
