"""Reading what people type into number and date fields: exactly, or with a sentence saying
what is wrong (journal.domain.typed_input, plain Python)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.text import format_number
from journal.domain.typed_input import (
    ENGLISH,
    NumberShape,
    date_order,
    inserted_text,
    parse_date,
    refusal_sentence,
)

TODAY = date(2026, 11, 24)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "4", "4.", "4.5", ".5", "4,5", "1234567.125"])
def test_what_a_number_field_takes(text: str) -> None:
    assert NumberShape().broken_rule(text) is None


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("1e5", "Only digits and one decimal point"),
        ("-3", "Only digits and one decimal point"),
        ("1.2.3", "Only digits and one decimal point"),
        ("4.5,", "Only digits and one decimal point"),
        ("٣", "Only digits and one decimal point"),  # an Arabic-Indic three: not a digit here
        ("12345678", "At most 7 digits before the decimal point"),
        ("1.2345", "At most 3 digits after the decimal point"),
    ],
)
def test_what_a_number_field_refuses_and_why(text: str, rule: str) -> None:
    assert NumberShape().broken_rule(text) == rule


def test_a_whole_number_takes_no_decimal_mark() -> None:
    shape = NumberShape(whole=True)
    assert shape.broken_rule("45") is None
    assert shape.broken_rule("4.") == "Only digits (a whole number)"
    assert shape.broken_rule("4,5") == "Only digits (a whole number)"


def test_the_decimal_comma_of_a_locale_is_named_in_the_rule() -> None:
    comma = NumberShape(decimal_mark=",")
    assert comma.read("5,4") == 5.4
    assert comma.read("5.4") == 5.4  # people type a point whatever their locale
    assert comma.rule == "Only digits and one decimal comma"
    assert comma.show("5.4") == "5,4"


def test_a_lone_decimal_mark_is_not_a_number() -> None:
    with pytest.raises(ValueError, match="not a number"):
        NumberShape().read(".")
    assert NumberShape().read("  ") is None


@given(st.floats(min_value=0, max_value=999_999, allow_nan=False), st.integers(0, 3))
def test_a_number_shown_in_a_field_reads_back_as_itself(value: float, decimals: int) -> None:
    for shape in (NumberShape(), NumberShape(decimal_mark=",")):
        shown = shape.show(format_number(value, decimals, grouping=False))
        assert shape.broken_rule(shown) is None
        assert shape.read(shown) == pytest.approx(round(value, decimals))


@given(st.text(max_size=8), st.text(min_size=1, max_size=4), st.data())
def test_the_inserted_text_is_found_wherever_it_went(
    before: str, inserted: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(before)))
    after = before[:at] + inserted + before[at:]
    found = inserted_text(before, after)
    assert len(found) == len(inserted)
    assert sorted(found) == sorted(inserted)


def test_the_refusal_sentence_lists_what_was_not_added() -> None:
    rule = NumberShape().rule
    assert refusal_sentence(rule, ["o"]) == "Only digits and one decimal point: ‘o’ was not added."
    assert refusal_sentence(rule, ["e", "x", "-"]) == (
        "Only digits and one decimal point: ‘e’, ‘x’ and ‘-’ were not added."
    )
    assert refusal_sentence(rule, [" "]).endswith(": a space was not added.")


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2035-06-15",
        "15 Jun 2035",
        "Fri 15 Jun 2035",
        "Friday, 15 June 2035",
        "Fri, Jun 15, 2035",
        "June 15th, 2035",
        "the 15th of June 2035",
        "15/06/2035",
        "15.6.35",
        "2035 Jun 15",
    ],
)
def test_a_date_in_any_usual_form(text: str) -> None:
    assert parse_date(text, today=TODAY) == date(2035, 6, 15)


def test_numbers_follow_the_locales_order() -> None:
    assert parse_date("6/15/35", today=TODAY, order="mdy") == date(2035, 6, 15)
    assert parse_date("06/07/2035", today=TODAY, order="dmy") == date(2035, 7, 6)
    assert parse_date("06/07/2035", today=TODAY, order="mdy") == date(2035, 6, 7)
    assert parse_date("2035-06-15", today=TODAY, order="mdy") == date(2035, 6, 15)  # ISO is ISO


def test_a_day_without_a_year_is_this_years_and_today_is_today() -> None:
    assert parse_date("15 Jun", today=TODAY) == date(2026, 6, 15)
    assert parse_date("today", today=TODAY) == TODAY
    assert parse_date("Yesterday", today=TODAY) == TODAY - timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Thu 15 Jun 2035", "15 June 2035 is a Friday, not a Thursday."),
        ("31 Feb", "There is no 31 February 2026: February has 28 days that year."),
        ("29 Feb 2027", "There is no 29 February 2027: February has 28 days that year."),
        ("31/04/2035", "There is no 31 April 2035: April has 30 days that year."),
        ("15/13/2035", "There is no month 13: write the date day/month/year, like 15/06/2035."),
        ("Frday 15 Jun", "“frday” is not a month or a day of the week."),
        ("Jun 2035", "Which day of June? Write it like 15 Jun 2035."),
        ("15", "“15” is not a date."),
        ("0 Jun 2035", "There is no day 0; days start at 1."),
    ],
)
def test_what_is_wrong_with_a_date_is_said(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text, today=TODAY)
    assert str(caught.value).startswith(message)


def test_29_february_of_a_leap_year_is_a_day() -> None:
    assert parse_date("29 Feb 2028", today=TODAY) == date(2028, 2, 29)


def test_the_locales_names_are_read_too() -> None:
    german = ENGLISH.with_names(
        [("Januar", "Jan."), ("Februar", "Feb.")] + [()] * 3 + [("Juni", "Juni")] + [()] * 6,
        [("Montag", "Mo."), ("Dienstag", "Di."), (), (), ("Freitag", "Fr."), (), ()],
    )
    assert parse_date("Fr. 15 Juni 2035", today=TODAY, names=german) == date(2035, 6, 15)
    with pytest.raises(ValueError, match="is a Friday, not a Monday"):
        parse_date("Mo. 15. Juni 2035", today=TODAY, names=german)


@pytest.mark.parametrize(
    ("short_format", "order"),
    [("M/d/yy", "mdy"), ("dd.MM.yy", "dmy"), ("yyyy-MM-dd", "ymd"), ("d/M/yyyy", "dmy")],
)
def test_the_order_of_a_locales_short_date_format(short_format: str, order: str) -> None:
    assert date_order(short_format) == order


@given(days)
def test_every_day_reads_back_from_the_ways_it_is_written(day: date) -> None:
    month, weekday = MONTHS[day.month - 1], DAYS[day.weekday()]
    written = {
        day.isoformat(): "dmy",
        f"{day.day} {month} {day.year}": "dmy",
        f"{weekday} {day.day} {month} {day.year}": "dmy",
        f"{month} {day.day}, {day.year}": "dmy",
        f"{day.day}/{day.month}/{day.year}": "dmy",
        f"{day.month}/{day.day}/{day.year}": "mdy",
    }
    for text, order in written.items():
        assert parse_date(text, today=TODAY, order=order) == day


@given(days, st.integers(1, 6))
def test_a_wrong_weekday_is_always_caught(day: date, off: int) -> None:
    wrong = DAYS[(day.weekday() + off) % 7]
    with pytest.raises(ValueError, match="not a"):
        parse_date(f"{wrong} {day.day} {MONTHS[day.month - 1]} {day.year}", today=TODAY)
