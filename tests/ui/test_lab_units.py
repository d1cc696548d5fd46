"""Lab results in the unit on the lab sheet, stored canonical; meters' HI and LO."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from journal.domain.entries import Glucose, LabResult
from journal.domain.units import GlucoseUnit, UnitPreferences
from journal.domain.vocabulary import EntryKind, GlucoseFlag
from journal.services import Services
from journal.services.errors import ImportRefusedError
from journal.ui.entry_text import describe
from journal.ui.forms.dialog import EntryDialog
from journal.ui.forms.kinds import LabValueField


def lab_dialog(qtbot: QtBot, services: Services, test: str) -> EntryDialog:
    dialog = EntryDialog(services, EntryKind.LAB)
    qtbot.addWidget(dialog)
    field = dialog.field("test")
    field.combo.setCurrentIndex(field.values.index(test))  # type: ignore[attr-defined]
    return dialog


def type_result(dialog: EntryDialog, text: str, unit: str) -> LabValueField:
    field = dialog.field("value")
    assert isinstance(field, LabValueField)
    field.unit.setCurrentIndex(field.unit.findData(unit))
    field.number.setText(text)
    return field


@pytest.mark.parametrize(
    ("test", "typed", "unit", "stored"),
    [
        ("vitamin_d", "75", "nmol/L", 75 / 2.496),  # was stored as 75 ng/mL, 2.5x too high
        ("crp", "0.3", "mg/dL", 3.0),  # was stored as 0.3 mg/L, 10x too low
        ("hba1c", "48", "mmol/mol", 48 / 10.929 + 2.15),
        ("total_cholesterol", "5.2", "mmol/L", 5.2 * 38.67),
        ("triglycerides", "1.7", "mmol/L", 1.7 * 88.57),
        ("fasting_glucose", "5.4", "mmol/L", 5.4 * 18.016),
    ],
)
def test_a_result_typed_in_the_sheets_unit_is_stored_in_the_canonical_one(
    qtbot: QtBot, services: Services, test: str, typed: str, unit: str, stored: float
) -> None:
    dialog = lab_dialog(qtbot, services, test)
    type_result(dialog, typed, unit)
    assert dialog.save()
    saved = dialog.saved_entry
    assert isinstance(saved, LabResult) and saved.value == pytest.approx(stored)
    # The unit is remembered for the test, and the timeline shows the value in it.
    assert services.units.lab_unit_name(test) == unit
    title = describe(saved, services.units).title
    assert typed in title and unit in title


def test_an_unlikely_value_offers_the_unit_it_fits(qtbot: QtBot, services: Services) -> None:
    dialog = lab_dialog(qtbot, services, "hba1c")
    field = type_result(dialog, "48", "%")
    assert not dialog.save()
    assert "mmol/mol" in field.error_label.text()
    assert not field.suggestion.isHidden()
    field.suggestion.click()
    assert field.chosen_unit().name == "mmol/mol"
    assert dialog.save()
    assert services.journal.count_entries() == 1


def test_opening_a_result_in_another_unit_and_saving_it_keeps_it_exact(
    qtbot: QtBot, services: Services
) -> None:
    saved = services.journal.add_entry(
        LabResult(at=services.journal.now(), test="hba1c", value=6.5)
    )
    services.set_units(UnitPreferences(labs=(("hba1c", "mmol/mol"),)))
    dialog = EntryDialog(services, EntryKind.LAB, entry=saved)
    qtbot.addWidget(dialog)
    assert dialog.field("value").number.text() == "47.541"  # type: ignore[attr-defined]
    assert dialog.save()
    again = services.journal.entry(saved.id or 0)
    assert isinstance(again, LabResult) and again.value == 6.5


def test_people_who_read_mmol_see_si_units_first(qtbot: QtBot, services: Services) -> None:
    services.set_units(UnitPreferences(glucose=GlucoseUnit.MMOLL))
    dialog = lab_dialog(qtbot, services, "vitamin_d")
    assert dialog.field("value").chosen_unit().name == "nmol/L"  # type: ignore[attr-defined]


def _lab_csv(tmp_path: Path, unit: str) -> Path:
    folder = tmp_path / f"export-{unit.replace('/', '_') or 'none'}"
    folder.mkdir()
    (folder / "lab.csv").write_text(
        f"at,test,value,unit\n2026-11-24T08:00:00+01:00,vitamin_d,75,{unit}\n", encoding="utf-8"
    )
    return folder


def test_an_import_converts_from_the_unit_it_names(services: Services, tmp_path: Path) -> None:
    services.imports.import_journal(_lab_csv(tmp_path, "nmol/L"))
    [lab] = services.journal.entries_between(
        services.journal.now().date(), services.journal.now().date()
    )
    assert isinstance(lab, LabResult) and lab.value == pytest.approx(75 / 2.496)


def test_an_import_without_the_unit_of_a_test_with_several_is_refused(
    services: Services, tmp_path: Path
) -> None:
    with pytest.raises(ImportRefusedError) as refused:
        services.imports.import_journal(_lab_csv(tmp_path, ""))
    assert refused.value.field == "unit" and "ng/mL, nmol/L" in refused.value.problem
    assert services.journal.count_entries() == 0


def test_a_meters_hi_is_kept_as_such(qtbot: QtBot, services: Services) -> None:
    dialog = EntryDialog(services, EntryKind.GLUCOSE)
    qtbot.addWidget(dialog)
    dialog.field("mgdl").line.setText("")  # type: ignore[attr-defined]
    dialog.field("flag").set(GlucoseFlag.HIGH)
    assert dialog.save()
    saved = dialog.saved_entry
    assert isinstance(saved, Glucose) and saved.flag is GlucoseFlag.HIGH and saved.mgdl == 600
    assert describe(saved, services.units).title == "Glucose HI (above 600 mg/dL)"
    stored = services.journal.entry(saved.id or 0)
    assert isinstance(stored, Glucose) and stored.flag is GlucoseFlag.HIGH


def test_a_reading_above_600_can_be_recorded(services: Services) -> None:
    saved = services.journal.add_entry(Glucose(at=services.journal.now(), mgdl=742))
    assert saved.mgdl == 742
