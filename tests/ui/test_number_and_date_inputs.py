"""Input that never loses a keystroke silently: a number field names what it refused and saves
exactly what it shows; a date field reads any usual form and says what is wrong with the rest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from journal.domain.entries import Exercise, FlareEpisode, Glucose, Meal, Tracker, TrackerValue
from journal.domain.units import GlucoseUnit, UnitPreferences
from journal.domain.vocabulary import EntryKind
from journal.services import Services
from journal.ui.forms import EntryDialog, FlareDialog
from journal.ui.forms.fields import DateField, Field, FieldRow, MomentField, NumberField
from journal.ui.forms.kinds import TrackerValueField

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def entry_form(qtbot: QtBot, services: Services, kind: EntryKind, **kwargs: object) -> EntryDialog:
    dialog = EntryDialog(services, kind, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def number_field(dialog: EntryDialog, name: str) -> NumberField:
    field = dialog.field(name)
    assert isinstance(field, NumberField)
    return field


def notice_of(field: Field) -> str:
    """The sentence shown under a field (or under its row) about what it refused."""
    return field.notice_label.text() if not field.notice_label.isHidden() else ""


@pytest.fixture
def locale() -> Iterator[None]:
    """Restores the default locale a test changes (forms read it when they are built)."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


# --- numbers ---------------------------------------------------------------------------------


def test_letters_typed_into_carbs_are_named_not_dropped_silently(
    qtbot: QtBot, services: Services
) -> None:
    dialog = entry_form(qtbot, services, EntryKind.MEAL)
    carbs = number_field(dialog, "carbs_g")
    qtbot.keyClicks(carbs.line, "1e5x-3")

    assert carbs.line.text() == "153"
    group = dialog.panel.fields[1]  # the "Amounts" line shows what its members refused
    assert notice_of(group) == (
        "Only digits and one decimal point: ‘e’, ‘x’ and ‘-’ were not added."
    )
    assert dialog.save()
    assert isinstance(dialog.saved_entry, Meal)
    assert dialog.saved_entry.carbs_g == 153  # exactly the number on the screen


def test_15o_in_carbs_says_the_o_was_not_added_and_saves_the_15_it_shows(
    qtbot: QtBot, services: Services
) -> None:
    dialog = entry_form(qtbot, services, EntryKind.MEAL)
    carbs = number_field(dialog, "carbs_g")
    qtbot.keyClicks(carbs.line, "15o")

    assert carbs.line.text() == "15"
    assert notice_of(dialog.panel.fields[1]) == (
        "Only digits and one decimal point: ‘o’ was not added."
    )
    assert carbs.line.accessibleDescription() == notice_of(dialog.panel.fields[1])
    assert dialog.save()
    assert isinstance(dialog.saved_entry, Meal) and dialog.saved_entry.carbs_g == 15


def test_pasting_15o_is_refused_whole_with_a_message_not_cut_to_15(
    qtbot: QtBot, services: Services
) -> None:
    dialog = entry_form(qtbot, services, EntryKind.GLUCOSE)
    glucose = number_field(dialog, "mgdl")
    QGuiApplication.clipboard().setText("15o")
    glucose.line.paste()

    assert glucose.line.text() == ""
    assert notice_of(glucose) == "Only digits and one decimal point: ‘15o’ was not added."
    assert not dialog.save()  # nothing was typed, so nothing is logged
    assert services.journal.count_entries() == 0


def test_a_refusal_message_goes_when_the_field_is_emptied_or_visited_again(
    qtbot: QtBot, services: Services
) -> None:
    dialog = entry_form(qtbot, services, EntryKind.GLUCOSE)
    glucose = number_field(dialog, "mgdl")
    qtbot.keyClicks(glucose.line, "1x")
    assert notice_of(glucose)
    glucose.line.clear()
    assert not notice_of(glucose)
    qtbot.keyClicks(glucose.line, "12 ")
    assert notice_of(glucose) == "Only digits and one decimal point: a space was not added."


def test_a_whole_number_field_names_a_decimal_point_it_refuses(
    qtbot: QtBot, services: Services
) -> None:
    dialog = entry_form(qtbot, services, EntryKind.EXERCISE)
    minutes = number_field(dialog, "minutes")
    minutes.line.clear()
    qtbot.keyClicks(minutes.line, "45.5")

    assert minutes.line.text() == "455"  # what was kept is in plain sight, with why
    row = dialog.panel.fields[1]
    assert notice_of(row) == "Only digits (a whole number): ‘.’ was not added."


def test_the_locale_decimal_comma_is_taken_and_shown(
    qtbot: QtBot, services: Services, locale: None
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    services.set_units(UnitPreferences(glucose=GlucoseUnit.MMOLL))
    dialog = entry_form(qtbot, services, EntryKind.GLUCOSE)
    glucose = number_field(dialog, "mgdl")
    qtbot.keyClicks(glucose.line, "5,4x")

    assert glucose.line.text() == "5,4"
    assert notice_of(glucose) == "Only digits and one decimal comma: ‘x’ was not added."
    assert dialog.save()
    assert isinstance(dialog.saved_entry, Glucose)
    assert dialog.saved_entry.mgdl == pytest.approx(5.4 * 18.016, abs=0.01)

    edit = entry_form(qtbot, services, EntryKind.GLUCOSE, entry=dialog.saved_entry)
    assert number_field(edit, "mgdl").line.text() == "5,4"  # shown the way it is typed


def test_a_second_decimal_mark_is_refused_with_a_message(qtbot: QtBot, services: Services) -> None:
    dialog = entry_form(qtbot, services, EntryKind.SLEEP)
    hours = number_field(dialog, "hours")
    hours.line.clear()
    qtbot.keyClicks(hours.line, "7.5.")
    assert hours.line.text() == "7.5"
    assert notice_of(hours) == "Only digits and one decimal point: ‘.’ was not added."


def test_a_tracker_value_in_the_thousands_keeps_its_value_when_edited(
    qtbot: QtBot, services: Services
) -> None:
    steps = services.journal.save_tracker(Tracker(name="Steps"))
    value = services.journal.add_entry(
        TrackerValue(at=services.journal.now(), tracker_id=steps.id or 0, value=5200)
    )
    dialog = entry_form(qtbot, services, EntryKind.TRACKER, entry=value)
    field = dialog.field("value")
    assert isinstance(field, TrackerValueField)
    assert field.number.text() == "5200"  # not "5,200", which read back as 5.2
    assert dialog.save()
    assert isinstance(dialog.saved_entry, TrackerValue) and dialog.saved_entry.value == 5200


# --- dates -----------------------------------------------------------------------------------


def flare_form(qtbot: QtBot, services: Services) -> FlareDialog:
    dialog = FlareDialog(services)
    qtbot.addWidget(dialog)
    dialog.panel.field("condition").set("lupus")
    return dialog


def type_date(line: QLineEdit, text: str) -> None:
    """Select what the line holds and type ``text`` over it, then leave it with Tab."""
    line.selectAll()
    QTest.keyClicks(line, text)
    line.editingFinished.emit()  # what leaving the line (Tab, a click elsewhere) does


def shown_message(dialog: FlareDialog | EntryDialog, name: str) -> str:
    """The message shown at field ``name``: under it, or under the row it shares."""
    field = dialog.panel.field(name)
    if not field.error_label.isHidden():
        return field.error_label.text()
    row = next(f for f in dialog.panel.fields if isinstance(f, FieldRow) and field in f.members)
    return row.error_label.text() if not row.error_label.isHidden() else ""


def started(dialog: FlareDialog) -> DateField:
    field = dialog.panel.field("start")
    assert isinstance(field, DateField)
    return field


@pytest.mark.parametrize(
    "typed", ["2035-06-15", "15 Jun 2035", "Fri 15 Jun 2035", "June 15, 2035", "15/06/2035"]
)
def test_a_date_typed_in_any_usual_form_is_the_day_meant(
    qtbot: QtBot, services: Services, typed: str
) -> None:
    dialog = flare_form(qtbot, services)
    field = started(dialog)
    type_date(field.date_edit.line, typed)

    assert field.date_edit.line.text() == "Fri 15 Jun 2035"  # the day understood, shown
    assert shown_message(dialog, "start") == ""
    assert dialog.save()
    assert dialog.saved_episode is not None and dialog.saved_episode.start == date(2035, 6, 15)


def test_fri_15_jun_2035_is_not_read_as_a_december_saturday(
    qtbot: QtBot, services: Services
) -> None:
    dialog = flare_form(qtbot, services)
    dialog.show()
    qtbot.waitExposed(dialog)
    line = started(dialog).date_edit.line
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, "Fri 15 Jun 2035")
    QTest.keyClick(line, Qt.Key.Key_Return)  # Enter reads the date, then saves the form

    assert dialog.saved_episode is not None
    assert dialog.saved_episode.start == date(2035, 6, 15)


@pytest.mark.parametrize(
    ("locale_code", "typed"), [("en_US", "6/15/35"), ("en_GB", "15/06/2035"), ("de_DE", "15.06.35")]
)
def test_the_locales_short_date_format_is_read(
    qtbot: QtBot, services: Services, locale: None, locale_code: str, typed: str
) -> None:
    QLocale.setDefault(QLocale(locale_code))
    dialog = flare_form(qtbot, services)
    field = started(dialog)
    type_date(field.date_edit.line, typed)
    assert field.get() == date(2035, 6, 15)


def test_a_date_shown_in_the_locales_words_reads_back(
    qtbot: QtBot, services: Services, locale: None
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    dialog = flare_form(qtbot, services)
    field = started(dialog)
    field.set(date(2035, 6, 15))
    shown = field.date_edit.line.text()
    assert "Juni" in shown or "Jun" in shown
    type_date(field.date_edit.line, shown)
    assert field.get() == date(2035, 6, 15) and shown_message(dialog, "start") == ""


def test_a_weekday_that_does_not_match_says_so_and_nothing_is_saved(
    qtbot: QtBot, services: Services
) -> None:
    dialog = flare_form(qtbot, services)
    field = started(dialog)
    type_date(field.date_edit.line, "Thu 15 Jun 2035")

    # Said at once, before saving, under the row the start day shares with the end.
    assert shown_message(dialog, "start") == "15 June 2035 is a Friday, not a Thursday."
    assert field.date_edit.line.property("invalid") is True
    assert field.date_edit.line.text() == "Thu 15 Jun 2035"  # left as typed, not guessed
    assert not dialog.save()
    assert shown_message(dialog, "start") == "15 June 2035 is a Friday, not a Thursday."
    assert services.journal.flares_between(date(2000, 1, 1), date(2040, 1, 1)) == []


def test_31_feb_is_an_impossible_date_and_keeps_the_form_from_saving(
    qtbot: QtBot, services: Services
) -> None:
    dialog = flare_form(qtbot, services)
    field = started(dialog)
    type_date(field.date_edit.line, "31 Feb")

    assert shown_message(dialog, "start") == (
        "There is no 31 February 2026: February has 28 days that year."
    )
    assert not dialog.save()
    assert dialog.saved_episode is None

    type_date(field.date_edit.line, "28 Feb")  # put right: the message goes
    assert shown_message(dialog, "start") == ""
    assert dialog.save()
    assert dialog.saved_episode is not None
    assert dialog.saved_episode.start == date(2026, 2, 28)


def test_the_date_of_an_entry_is_typed_the_same_way(qtbot: QtBot, services: Services) -> None:
    dialog = entry_form(qtbot, services, EntryKind.EXERCISE)
    moment = dialog.moment
    assert isinstance(moment, MomentField)
    type_date(moment.date_edit.line, "Fri 20 Nov 2026")
    dialog.field("activity").set("walk")
    dialog.field("minutes").set(30)
    assert dialog.save()
    assert isinstance(dialog.saved_entry, Exercise)
    assert dialog.saved_entry.at.date() == date(2026, 11, 20)
    assert dialog.saved_entry.at.time() == time(12, 0)  # the time is left as it was


def test_a_wrong_entry_date_is_explained_beside_it_and_not_saved(
    qtbot: QtBot, services: Services
) -> None:
    dialog = entry_form(qtbot, services, EntryKind.GLUCOSE)
    type_date(dialog.moment.date_edit.line, "Mon 24 Nov 2026")  # a Tuesday
    dialog.field("mgdl").set(104)
    assert not dialog.save()
    assert dialog.moment.error_label.text() == "24 November 2026 is a Tuesday, not a Monday."
    assert services.journal.count_entries() == 0


def test_up_and_down_move_the_day(qtbot: QtBot, services: Services) -> None:
    dialog = flare_form(qtbot, services)
    field = started(dialog)
    QTest.keyClick(field.date_edit.line, Qt.Key.Key_Up)
    assert field.get() == date(2026, 11, 25)
    QTest.keyClick(field.date_edit.line, Qt.Key.Key_Down)
    QTest.keyClick(field.date_edit.line, Qt.Key.Key_Down)
    assert field.get() == date(2026, 11, 23)


def test_an_ended_flare_takes_its_end_day_typed(qtbot: QtBot, services: Services) -> None:
    flare = services.journal.save_flare(FlareEpisode(start=date(2026, 11, 1), condition="RA"))
    dialog = FlareDialog(services, flare)
    qtbot.addWidget(dialog)
    end = dialog.panel.field("end")
    end.set(date(2026, 11, 24))
    line = end.date_edit.line  # type: ignore[attr-defined]
    type_date(line, "2026-11-10")
    assert dialog.save()
    assert dialog.saved_episode is not None and dialog.saved_episode.end == date(2026, 11, 10)
