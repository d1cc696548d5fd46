"""Numbers and times as people read and type them: one formatter and one parser each."""

from __future__ import annotations

import re
from datetime import datetime, time

from journal.domain.units import TimeFormat, UnitPreferences

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h]?(\d{2}))?\s*(?:([ap])\.?\s*m?\.?)?\s*$", re.IGNORECASE)


def is_digits(text: str) -> bool:
    """Whether ``text`` is one or more of the digits 0-9. Not ``str.isdigit`` alone: that also
    takes "²" and other characters that ``int`` refuses."""
    return text.isascii() and text.isdigit()


def format_number(value: float, decimals: int = 1, *, grouping: bool = True) -> str:
    """A number without a needless ".0": 45, 6.5, 5,200 (``grouping=False``: 5200, as a
    number field shows it for editing)."""
    rounded = round(value, decimals)
    if rounded == int(rounded):
        return f"{int(rounded):,}" if grouping else str(int(rounded))
    text = f"{rounded:,.{decimals}f}" if grouping else f"{rounded:.{decimals}f}"
    return text.rstrip("0").rstrip(".")


def format_clock(moment: datetime | time, units: UnitPreferences) -> str:
    """A time of day in the user's format: "08:05" or "8:05 AM"."""
    if units.time_format is TimeFormat.H12:
        return moment.strftime("%I:%M %p").removeprefix("0")
    return moment.strftime("%H:%M")


def parse_time_of_day(text: str) -> time:
    """Read "7", "07:30", "7.30", "7h30", "1930", "7:30 pm", "7pm" or "7 a.m.".

    Raises ValueError with a sentence for people when the text is none of these.
    """
    match = _TIME.match(text)
    if match is None:
        raise ValueError(f"“{text.strip()}” is not a time; write it like 08:00 or 7:30 pm.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = (match.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"“{text.strip()}”: with am/pm the hour runs from 1 to 12.")
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"“{text.strip()}” is not a time of day.")
    return time(hour, minute)


def parse_times_of_day(text: str) -> tuple[time, ...]:
    """ "8:00, 12:30; 7pm" -> the times, sorted and without repeats (commas or semicolons
    between them). Raises ValueError naming the part that is not a time."""
    parts = [part for part in re.split(r"[,;]+", text) if part.strip()]
    return tuple(sorted({parse_time_of_day(part) for part in parts}))
