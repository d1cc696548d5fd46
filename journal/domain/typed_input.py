"""What people type into number and date fields: read exactly, or say plainly what is wrong.

A number field takes digits and one decimal mark (the locale's); anything else is refused
with a sentence naming what was not added, so a field never holds, or saves, another number
than the one typed. A date is read in any of the forms people write ("2035-06-15",
"15 Jun 2035", "Fri 15 Jun 2035", "15/06/35", "today"); a weekday that does not match, or a
day the month does not have, is an error that says so rather than a guess.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# --- numbers -------------------------------------------------------------------------------

_DIGITS = frozenset("0123456789")  # not str.isdigit: "²" and other scripts' digits are not ours


@dataclass(frozen=True)
class NumberShape:
    """What a number field takes: digits, and one decimal mark unless ``whole``.

    The mark is the locale's ``decimal_mark``; the other of "." and "," is taken as a
    decimal mark too, as many people type it whatever their locale ("5,4" mmol/L). No
    grouping is accepted, so "1,500" cannot mean fifteen hundred to the user and 1.5 to the
    field in a decimal field; and in a whole-number field any mark is refused.
    """

    decimal_mark: str = "."
    whole: bool = False
    max_digits: int = 7
    """Before the decimal mark: more than any plausible journal value, fewer than a typo."""
    max_decimals: int = 3

    @property
    def marks(self) -> frozenset[str]:
        return frozenset({self.decimal_mark, "," if self.decimal_mark == "." else "."})

    @property
    def rule(self) -> str:
        """The rule, as the start of the sentence that refuses a character."""
        if self.whole:
            return "Only digits (a whole number)"
        return f"Only digits and one decimal {self._mark_word}"

    def _split(self, text: str) -> tuple[str, str, str]:
        at = next((i for i, c in enumerate(text) if c in self.marks), len(text))
        return text[:at], text[at : at + 1], text[at + 1 :]

    def broken_rule(self, text: str) -> str | None:
        """None when ``text`` is, or may become, a number here ("", "4" and "4." may);
        otherwise the rule it breaks."""
        whole_part, mark, decimals = self._split(text)
        if any(c not in _DIGITS for c in whole_part + decimals) or (mark and self.whole):
            return self.rule  # a second mark lands among the decimals and is refused there
        if len(whole_part) > self.max_digits:
            return f"At most {self.max_digits} digits before the decimal {self._mark_word}"
        if len(decimals) > self.max_decimals:
            return f"At most {self.max_decimals} digits after the decimal {self._mark_word}"
        return None

    @property
    def _mark_word(self) -> str:
        return "comma" if self.decimal_mark == "," else "point"

    def read(self, text: str) -> float | None:
        """The number ``text`` holds; None when empty. ValueError when it is not one (a lone
        decimal mark, a letter) with the sentence to show."""
        text = text.strip()
        if not text:
            return None
        whole_part, mark, decimals = self._split(text)
        if self.broken_rule(text) is not None or not (whole_part or decimals):
            raise ValueError(f"“{text}” is not a number; write it like {self.example}.")
        return float(f"{whole_part or 0}.{decimals or 0}" if mark else whole_part)

    @property
    def example(self) -> str:
        return "12" if self.whole else f"12 or 4{self.decimal_mark}5"

    def show(self, text: str) -> str:
        """A number formatted with "." (``format_number``) as this field shows it."""
        return text.replace(".", self.decimal_mark)


def inserted_text(before: str, after: str) -> str:
    """What an edit put into ``before`` to make ``after`` (typed or pasted, over a selection)."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    limit = min(len(before), len(after)) - start
    while end < limit and before[-1 - end] == after[-1 - end]:
        end += 1
    return after[start : len(after) - end]


def quoted(text: str) -> str:
    """‘o’ for one refused insertion; a lone space is named, since ‘ ’ reads as nothing."""
    if text == " ":
        return "a space"
    if text.isspace():
        return "spaces"
    return f"‘{text}’"


def refusal_sentence(rule: str, refused: Sequence[str]) -> str:
    """ "Only digits and one decimal point: ‘e’, ‘x’ and ‘-’ were not added"."""
    names = [quoted(text) for text in refused]
    if len(names) == 1:
        return f"{rule}: {names[0]} was not added."
    return f"{rule}: {', '.join(names[:-1])} and {names[-1]} were not added."


# --- dates ---------------------------------------------------------------------------------

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MORE_MONTHS = {"sept": 9}
_MORE_WEEKDAYS = {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_FILLERS = frozenset({"st", "nd", "rd", "th", "of", "the"})
_TOKEN = re.compile(r"\d+|[^\W\d_]+\.?")


@dataclass(frozen=True)
class DateNames:
    """The month and weekday names a date may be written with, lower case, without a dot.

    English always; the interface adds its locale's names (``with_names``), so a date it
    shows ("Fr. 15 Juni 2035") reads back.
    """

    months: dict[str, int]
    """Name -> month number (1-12)."""
    weekdays: dict[str, int]
    """Name -> weekday (Monday 0)."""

    @classmethod
    def english(cls) -> DateNames:
        months = {name: i for i, name in enumerate(_MONTHS, start=1)}
        months.update({name[:3]: i for i, name in enumerate(_MONTHS, start=1)})
        weekdays = {name: i for i, name in enumerate(_WEEKDAYS)}
        weekdays.update({name[:3]: i for i, name in enumerate(_WEEKDAYS)})
        return cls(months | _MORE_MONTHS, weekdays | _MORE_WEEKDAYS)

    def with_names(
        self, months: Sequence[Sequence[str]], weekdays: Sequence[Sequence[str]]
    ) -> DateNames:
        """Add names: ``months[0]`` are January's, ``weekdays[0]`` Monday's."""
        more_months = dict(self.months)
        for number, names in enumerate(months, start=1):
            more_months.update({_plain(n): number for n in names if _plain(n)})
        more_days = dict(self.weekdays)
        for number, names in enumerate(weekdays):
            more_days.update({_plain(n): number for n in names if _plain(n)})
        return DateNames(more_months, more_days)


ENGLISH = DateNames.english()


def _plain(word: str) -> str:
    return word.strip().rstrip(".").lower()


def date_order(short_format: str) -> str:
    """ "dmy", "mdy" or "ymd": the order of day, month and year in a locale's short date
    format ("M/d/yy" -> "mdy", "dd.MM.yy" -> "dmy", "yyyy-MM-dd" -> "ymd")."""
    positions = {part: short_format.find(part) for part in "dMy"}
    if any(position < 0 for position in positions.values()):
        return "dmy"
    ordered = sorted(positions, key=positions.__getitem__)
    return "".join(ordered).lower()


def describe_date(day: date) -> str:
    """ "15 June 2035", as messages name a day."""
    return f"{day.day} {_MONTHS[day.month - 1].capitalize()} {day.year}"


def parse_date(text: str, *, today: date, order: str = "dmy", names: DateNames = ENGLISH) -> date:
    """The day ``text`` names: "2035-06-15", "15 Jun 2035", "Fri 15 Jun 2035", "June 15,
    2035", "15/06/2035" or "15.6.35" (in ``order``, the locale's), "15 Jun" (this year),
    "today" or "yesterday".

    Raises ValueError with a sentence for people: a weekday that does not match the date,
    a day its month does not have ("31 Feb"), or text that is not a date.
    """
    words = text.strip().lower()
    if words == "today":
        return today
    if words == "yesterday":
        return today - timedelta(days=1)
    numbers: list[str] = []
    months: list[int] = []
    weekdays: list[int] = []
    for token in _TOKEN.findall(words):
        if token.isdigit():
            numbers.append(token)
            continue
        word = token.rstrip(".")
        if word in _FILLERS:  # "the 15th of June"
            continue
        if word in names.months:
            months.append(names.months[word])
        elif word in names.weekdays:
            weekdays.append(names.weekdays[word])
        else:
            raise ValueError(f"“{token}” is not a month or a day of the week. {_HOW}")
    if len(months) > 1 or len(weekdays) > 1:
        raise ValueError(f"“{text.strip()}” names more than one {_which(months)}. {_HOW}")
    year, month, day = _numbers(text, numbers, months[0] if months else None, order)
    found = _day(year if year is not None else today.year, month, day)
    if weekdays and weekdays[0] != found.weekday():
        raise ValueError(
            f"{describe_date(found)} is a {_WEEKDAYS[found.weekday()].capitalize()}, "
            f"not a {_WEEKDAYS[weekdays[0]].capitalize()}."
        )
    return found


_HOW = "Write a date like 15 Jun 2035 or 2035-06-15."


def _which(months: list[int]) -> str:
    return "month" if len(months) > 1 else "day of the week"


def _numbers(
    text: str, numbers: list[str], month: int | None, order: str
) -> tuple[int | None, int, int]:
    """(year or None, month, day) from the numbers typed, in the locale's ``order``."""
    not_a_date = ValueError(f"“{text.strip()}” is not a date. {_HOW}")
    if month is not None:
        if not 1 <= len(numbers) <= 2:
            raise not_a_date
        if len(numbers) == 2 and (len(numbers[0]) == 4 or int(numbers[0]) > 31):
            numbers = [numbers[1], numbers[0]]  # "2035 Jun 15"
        if len(numbers) == 1 and (len(numbers[0]) == 4 or int(numbers[0]) > 31):
            name = _MONTHS[month - 1].capitalize()
            raise ValueError(f"Which day of {name}? Write it like 15 {name[:3]} {numbers[0]}.")
        year = _year(numbers[1]) if len(numbers) == 2 else None
        return year, month, int(numbers[0])
    if len(numbers) == 3:
        order = "ymd" if len(numbers[0]) == 4 else order
        parts = dict(zip(order, numbers, strict=True))
        return _year(parts["y"]), _month(parts["m"], order), int(parts["d"])
    if len(numbers) == 2:
        parts = dict(zip(order.replace("y", ""), numbers, strict=True))
        return None, _month(parts["m"], order), int(parts["d"])
    raise not_a_date


def _year(digits: str) -> int:
    year = int(digits)
    if len(digits) <= 2:
        return 2000 + year  # "35" is 2035: a journal's dates are this century's
    if not 1900 <= year <= 2200:
        raise ValueError(f"{year} is not a year this journal can hold.")
    return year


_ORDER_WORDS = {
    "dmy": "day/month/year, like 15/06/2035",
    "mdy": "month/day/year, like 06/15/2035",
    "ymd": "year-month-day, like 2035-06-15",
}


def _month(digits: str, order: str) -> int:
    month = int(digits)
    if not 1 <= month <= 12:
        how = _ORDER_WORDS.get(order, _ORDER_WORDS["dmy"])
        raise ValueError(f"There is no month {month}: write the date {how}.")
    return month


def _day(year: int, month: int, day: int) -> date:
    length = calendar.monthrange(year, month)[1]
    name = _MONTHS[month - 1].capitalize()
    if day < 1:
        raise ValueError(f"There is no day {day}; days start at 1.")
    if day > length:
        raise ValueError(f"There is no {day} {name} {year}: {name} has {length} days that year.")
    return date(year, month, day)


__all__ = [
    "ENGLISH",
    "DateNames",
    "NumberShape",
    "date_order",
    "describe_date",
    "inserted_text",
    "parse_date",
    "quoted",
    "refusal_sentence",
]
