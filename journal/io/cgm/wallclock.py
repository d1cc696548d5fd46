"""Wall-clock times of CGM exports: parse them in bulk and place them in a time zone.

CGM exports give local wall-clock time with no zone. Parsing a million of them one
``datetime`` at a time costs seconds, so they are parsed as a byte matrix with numpy, and
rows in any other spelling go through a per-row regular expression. A wall-clock time is then
placed in the caller's ``zoneinfo.ZoneInfo`` through the zone's transitions:

- a time in the repeated autumn hour has two candidate instants (``fold`` 0 = first pass,
  1 = second pass, as in PEP 495); the readers choose between them;
- a time in the skipped spring hour does not exist; its candidates are the same wall time read
  with the offset before the change (fold 0) and after it (fold 1). The readers use fold 0,
  as PEP 495 and ``zoneinfo`` do: the time is read as if the clock had not yet been put
  forward, which is what a device that changes its clock late writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

import numpy as np
from numpy.typing import NDArray

Int64Array = NDArray[np.int64]

NORMAL = 0
REPEATED = 1  # in the autumn hour that happens twice
SKIPPED = 2  # in the spring hour that never happens

# Plausible years: no CGM export predates 1999, and a year far ahead is a typing error.
FIRST_YEAR = 1990
LAST_YEAR = 2100


@dataclass(frozen=True, eq=False)
class StampFields:
    """The numbers in each stamp; ``ok`` is False where a stamp could not be read.

    ``a``, ``b``, ``c`` are the three date fields in the order written (year-month-day for
    Clarity; month/day/year or day/month/year for LibreView, decided later). ``meridiem`` is
    0 for a 24-hour time, 1 for AM, 2 for PM.
    """

    a: Int64Array
    b: Int64Array
    c: Int64Array
    hour: Int64Array
    minute: Int64Array
    second: Int64Array
    meridiem: Int64Array
    ok: NDArray[np.bool_]


# --- parsing -------------------------------------------------------------------------------

_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?\s*")
_DATE_FIRST = re.compile(
    r"\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"(?:\s*([AaPp])\.?[Mm]\.?)?\s*"
)


def parse_iso_stamps(stamps: Sequence[str]) -> StampFields:
    """Read ``YYYY-MM-DDThh:mm:ss`` (or with a space, or hours of one digit) in bulk."""
    # Positions of the canonical 19-character form: digits, and the separators between.
    layout = {"a": (0, 4), "b": (5, 7), "c": (8, 10), "hour": (11, 13), "minute": (14, 16)}
    separators = {4: b"-", 7: b"-", 10: b"T ", 13: b":", 16: b":"}
    fields = _parse_fixed(stamps, 19, layout, {"second": (17, 19)}, separators)
    return _fill_from_regex(fields, stamps, _ISO)


def parse_day_month_stamps(stamps: Sequence[str]) -> StampFields:
    """Read LibreView's ``MM-DD-YYYY hh:mm AM`` / ``DD-MM-YYYY HH:MM`` (order decided later)."""
    layout = {"a": (0, 2), "b": (3, 5), "c": (6, 10), "hour": (11, 13), "minute": (14, 16)}
    separators = {2: b"-/.", 5: b"-/.", 10: b" ", 13: b":"}
    fields = _parse_fixed(stamps, 16, layout, {}, separators)
    return _fill_from_regex(fields, stamps, _DATE_FIRST)


def _parse_fixed(
    stamps: Sequence[str],
    width: int,
    layout: dict[str, tuple[int, int]],
    optional: dict[str, tuple[int, int]],
    separators: dict[int, bytes],
) -> StampFields:
    n = len(stamps)
    try:
        # One byte per character; stamps longer than the layout (an AM/PM suffix) keep it.
        raw = np.array(stamps, dtype=f"S{width + 3}")
    except UnicodeEncodeError:
        raw = np.zeros(n, dtype=f"S{width + 3}")
    matrix = raw.view(np.uint8).reshape(n, width + 3) if n else np.zeros((0, width + 3), np.uint8)
    lengths = np.count_nonzero(matrix, axis=1)
    ok = lengths >= width
    for position, allowed in separators.items():
        column = matrix[:, position]
        ok &= np.isin(column, np.frombuffer(allowed, np.uint8))
    values: dict[str, Int64Array] = {}
    for name, (start, stop) in {**layout, **optional}.items():
        digits = matrix[:, start:stop].astype(np.int64) - ord("0")
        ok &= np.all((digits >= 0) & (digits <= 9), axis=1) if name in layout else True
        weights = 10 ** np.arange(stop - start - 1, -1, -1, dtype=np.int64)
        values[name] = digits @ weights
    meridiem = np.zeros(n, np.int64)
    if optional:
        # Seconds present: exactly the full width, nothing after.
        seconds_ok = (lengths == width) & np.all(
            (matrix[:, 17:19] >= ord("0")) & (matrix[:, 17:19] <= ord("9")), axis=1
        )
        ok &= seconds_ok
    else:
        values["second"] = np.zeros(n, np.int64)
        suffix = matrix[:, width:]
        bare = lengths == width
        upper = suffix & 0xDF  # ASCII upper case
        am_pm = (
            (lengths == width + 3)
            & (suffix[:, 0] == ord(" "))
            & np.isin(upper[:, 1], np.frombuffer(b"AP", np.uint8))
            & (upper[:, 2] == ord("M"))
        )
        ok &= bare | am_pm
        meridiem = np.where(am_pm, np.where(upper[:, 1] == ord("A"), 1, 2), 0)
    return StampFields(
        values["a"],
        values["b"],
        values["c"],
        values["hour"],
        values["minute"],
        values["second"],
        meridiem,
        ok,
    )


def _fill_from_regex(
    fields: StampFields, stamps: Sequence[str], pattern: re.Pattern[str]
) -> StampFields:
    """Rows the fast path could not read, read one by one in the tolerant spelling."""
    for index in np.flatnonzero(~fields.ok):
        match = pattern.fullmatch(stamps[int(index)])
        if match is None:
            continue
        groups = match.groups()
        fields.a[index], fields.b[index], fields.c[index] = (int(g) for g in groups[:3])
        fields.hour[index], fields.minute[index] = int(groups[3]), int(groups[4])
        fields.second[index] = int(groups[5]) if groups[5] else 0
        marker = groups[6].upper() if len(groups) > 6 and groups[6] else ""
        fields.meridiem[index] = {"": 0, "A": 1, "P": 2}[marker]
        fields.ok[index] = True
    return fields


def local_seconds(
    year: Int64Array,
    month: Int64Array,
    day: Int64Array,
    fields: StampFields,
) -> tuple[Int64Array, NDArray[np.bool_]]:
    """Seconds since 1970-01-01 00:00 of each wall-clock time, and whether it is a real one."""
    hour = fields.hour
    twelve_hour = fields.meridiem > 0
    valid = fields.ok & (year >= FIRST_YEAR) & (year <= LAST_YEAR)
    valid &= (month >= 1) & (month <= 12) & (day >= 1) & (day <= _days_in_month(year, month))
    valid &= np.where(twelve_hour, (hour >= 1) & (hour <= 12), hour <= 23)
    valid &= (fields.minute <= 59) & (fields.second <= 59)
    # 12 AM is midnight, 12 PM is noon.
    hour24 = np.where(twelve_hour, hour % 12 + np.where(fields.meridiem == 2, 12, 0), hour)
    days = days_from_civil(year, np.clip(month, 1, 12), day)
    seconds = days * 86_400 + hour24 * 3600 + fields.minute * 60 + fields.second
    return seconds, valid


def days_from_civil(year: Int64Array, month: Int64Array, day: Int64Array) -> Int64Array:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y = year - (month <= 2)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    days: Int64Array = era * 146_097 + day_of_era - 719_468
    return days


def _days_in_month(year: Int64Array, month: Int64Array) -> Int64Array:
    lengths = np.array([31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], np.int64)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    result: Int64Array = lengths[np.clip(month, 0, 12)] + ((month == 2) & leap)
    return result


# --- time zones ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Placed:
    """Each wall-clock time's two candidate instants (equal unless repeated or skipped)."""

    utc_fold0: Int64Array
    utc_fold1: Int64Array
    status: NDArray[np.int8]


@dataclass(frozen=True, eq=False)
class ZoneTable:
    """A zone's offset changes over a span: ``offsets[k]`` holds from ``changes[k - 1]``."""

    changes: Int64Array
    offsets: Int64Array

    def offset_at(self, utc: Int64Array) -> Int64Array:
        """The UTC offset in seconds at each instant."""
        return self.offsets[np.searchsorted(self.changes, utc, side="right")]


# Offset changes are months apart in every zone in use; probing every 6 hours finds them all.
_PROBE_SECONDS = 6 * 3600


def zone_table(zone: tzinfo, first_utc: int, last_utc: int) -> ZoneTable:
    """The offset changes of ``zone`` between two instants (with two days' margin)."""
    start = first_utc - 2 * 86_400
    probes = list(range(start, last_utc + 2 * 86_400 + _PROBE_SECONDS, _PROBE_SECONDS))
    offsets = [_offset(zone, t) for t in probes]
    changes: list[int] = []
    values = [offsets[0]]
    for i in range(1, len(probes)):
        if offsets[i] != offsets[i - 1]:
            changes.append(_first_with_offset(zone, probes[i - 1], probes[i], offsets[i - 1]))
            values.append(offsets[i])
    return ZoneTable(np.array(changes, np.int64), np.array(values, np.int64))


def _offset(zone: tzinfo, utc: int) -> int:
    offset = datetime.fromtimestamp(utc, UTC).astimezone(zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _first_with_offset(zone: tzinfo, low: int, high: int, before: int) -> int:
    """The first second in (low, high] whose offset is no longer ``before``."""
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


def place(local: Int64Array, zone: tzinfo) -> tuple[Placed, ZoneTable]:
    """The candidate UTC instants of wall-clock times ``local`` (seconds) in ``zone``."""
    if len(local) == 0:
        empty = np.empty(0, np.int64)
        return Placed(empty, empty, np.empty(0, np.int8)), ZoneTable(empty, np.zeros(1, np.int64))
    table = zone_table(zone, int(local.min()) - 86_400, int(local.max()) + 86_400)
    offsets = table.offsets
    # Segment k runs in UTC from changes[k - 1] to changes[k] at offsets[k]; in wall-clock
    # time it covers [starts[k], ends[k]). Neighbouring segments overlap after an autumn
    # change (the repeated hour) and leave a hole after a spring change (the skipped hour).
    big = np.iinfo(np.int64).max // 4
    starts = np.concatenate([[-big], table.changes + offsets[1:]])
    ends = np.concatenate([table.changes + offsets[:-1], [big]])
    k = np.searchsorted(starts, local, side="right") - 1
    inside = local < ends[k]
    in_previous = (k > 0) & (local < ends[np.maximum(k - 1, 0)])
    repeated = inside & in_previous
    skipped = ~inside
    first_segment = np.where(repeated, k - 1, k)
    second_segment = np.where(skipped, np.minimum(k + 1, len(offsets) - 1), k)
    status = np.where(repeated, REPEATED, np.where(skipped, SKIPPED, NORMAL)).astype(np.int8)
    return Placed(local - offsets[first_segment], local - offsets[second_segment], status), table


def folds_by_occurrence(
    groups: Sequence[object] | NDArray[np.generic], local: Int64Array, status: NDArray[np.int8]
) -> NDArray[np.int8]:
    """Fold 0 for the first time a repeated wall-clock time appears in a group, 1 after.

    A device writes the repeated autumn hour twice: the first pass in the file is the first
    pass in time. Only repeated rows are looked at (one hour a year), so a loop is cheap.
    """
    folds = np.zeros(len(local), np.int8)
    seen: set[tuple[object, int]] = set()
    for index in np.flatnonzero(status == REPEATED):
        key = (groups[int(index)], int(local[index]))
        if key in seen:
            folds[index] = 1
        seen.add(key)
    return folds


def choose(placed: Placed, folds: NDArray[np.int8]) -> Int64Array:
    return np.where(folds == 1, placed.utc_fold1, placed.utc_fold0)
