"""The fields of the export formats: names (with canonical units), and how each value is written.

One table drives both JSON and CSV, so the two formats can never drift apart. Every field knows
how to turn a domain value into JSON and into a CSV cell, and back, raising ``FieldValueError``
with a sentence for people when the input is not what it should be.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from journal.domain.cgm import ReadingFlag, ReadingKind
from journal.domain.experiments import ExperimentStatus, schedule_from_text, schedule_text
from journal.domain.goals import Comparison, GoalMeasure, GoalPeriod
from journal.domain.kinds import KINDS, FieldSpec, ValueType
from journal.domain.reminders import ReminderAction, ScheduleKind
from journal.domain.text import is_digits
from journal.domain.vocabulary import EntryKind, MedicationKind, TrackerType

# Integers beyond this cannot be stored exactly (SQLite, JSON readers in other tools).
MAX_EXACT_INT = 2**53
# No measure Interplay keeps comes near this; beyond it a number is a broken file.
MAX_USABLE_NUMBER = 1e15
# A list cell is written as "a; b" when that reads back identically, else as a JSON array.
LIST_SEPARATOR = ";"


class FieldValueError(ValueError):
    """A value that cannot be read; the message is a sentence for people."""


# --- reading and writing single values ------------------------------------------------------


def _show(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


def read_float(value: object) -> float:
    if type(value) is float and -MAX_USABLE_NUMBER <= value <= MAX_USABLE_NUMBER:
        return value  # the usual JSON number (NaN fails the comparison and is refused below)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise FieldValueError(f"{_show(value)} is not a number.")
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise FieldValueError(f"{_show(value)} is not a number.") from None
    if isinstance(value, int) and abs(value) > MAX_USABLE_NUMBER:
        raise FieldValueError(f"{_show(value)} is not a usable number (too large).")
    number = float(value)
    if not math.isfinite(number) or abs(number) > MAX_USABLE_NUMBER:
        raise FieldValueError(f"{_show(value)} is not a usable number (too large).")
    return number


def read_int(value: object) -> int:
    if isinstance(value, str):
        text = value.strip()
        unsigned = text[1:] if text.startswith(("+", "-")) else text
        if is_digits(unsigned) and len(text) <= 18:
            return int(text)
        value = read_float(text)  # "5.0" is fine; "5.5" is not
    elif isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > MAX_EXACT_INT:
            raise FieldValueError(f"{_show(value)} is too large.")
        return value
    number = read_float(value)
    if not number.is_integer():
        raise FieldValueError(f"{_show(value)} is not a whole number.")
    return int(number)


def read_text(value: object) -> str:
    if not isinstance(value, str):
        raise FieldValueError(f"{_show(value)} is not text.")
    if not value.isascii():  # ASCII holds no half characters
        check_storable(value)
    return value


def check_storable(text: str) -> None:
    """Refuse text the journal cannot store: a lone surrogate ("\\ud800", from a JSON escape)
    is not a character, and UTF-8 cannot encode it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(text[exc.start])
        raise FieldValueError(
            f"the text holds \\u{code:04x} at character {exc.start + 1}, which is half of a "
            "character (a lone surrogate) and cannot be stored."
        ) from None


def check_storable_value(value: object) -> None:
    """``check_storable`` for every text in a JSON value (names and values, at any depth)."""
    if isinstance(value, str):
        check_storable(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_storable_value(key)
            check_storable_value(item)
    elif isinstance(value, list):
        for item in value:
            check_storable_value(item)


def read_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "yes", "1"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "no", "0"}:
        return False
    raise FieldValueError(f"{_show(value)} is not yes/no (write true or false).")


def read_moment(value: object) -> datetime:
    # (An import reads one or two a record: the usual ASCII text skips the general checks.)
    text = (value if type(value) is str and value.isascii() else read_text(value)).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise FieldValueError(
            f"{_show(value)} is not a date and time like 2026-11-24T12:00:00+01:00."
        ) from None
    offset = moment.utcoffset()
    if offset is None:
        raise FieldValueError(f"{_show(value)} has no UTC offset (add one, like +01:00).")
    if offset.seconds % 60 or offset.microseconds:
        raise FieldValueError(f"{_show(value)} has a UTC offset that is not whole minutes.")
    if 1 < moment.year < 9999:  # (an offset moves a moment by less than a day)
        return moment
    try:
        moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+14:00 is before the first day a date can hold
        raise FieldValueError(
            f"{_show(value)} is outside the dates Interplay can keep (years 1 to 9999, in UTC)."
        ) from None
    return moment


def write_moment(moment: datetime) -> str:
    return moment.isoformat()


def read_day(value: object) -> date:
    text = read_text(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FieldValueError(f"{_show(value)} is not a date like 2026-11-24.") from None


def read_clock_time(value: object) -> time:
    text = read_text(value).strip()
    try:
        parsed = time.fromisoformat(text)
    except ValueError:
        raise FieldValueError(f"{_show(value)} is not a time of day like 08:30.") from None
    if parsed.second or parsed.microsecond or parsed.tzinfo is not None:
        raise FieldValueError(f"{_show(value)} must be hours and minutes only, like 08:30.")
    return parsed


def read_enum(enum: type[StrEnum], value: object) -> StrEnum:
    text = read_text(value).strip()
    try:
        return enum(text)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise FieldValueError(f"{_show(value)} is not one of: {allowed}.") from None


def read_str_list(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(map(read_text, value)) if value else ()
    raise FieldValueError(f"{_show(value)} is not a list.")


def cell_from_list(items: tuple[str, ...]) -> str:
    """``"a; b"`` when it reads back the same, else a JSON array (names with ``;`` in them)."""
    plain = all(
        item and item == item.strip() and LIST_SEPARATOR not in item and not item.startswith("[")
        for item in items
    )
    if plain:
        return f"{LIST_SEPARATOR} ".join(items)
    return json.dumps(list(items), ensure_ascii=False)


def list_from_cell(cell: str) -> tuple[str, ...]:
    text = cell.strip()
    if not text:
        return ()
    if text.startswith("["):
        return read_str_list(_json_cell(text))
    return tuple(part.strip() for part in text.split(LIST_SEPARATOR) if part.strip())


def _json_cell(text: str) -> Any:
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise FieldValueError(f"{_show(text)} is not valid JSON.") from None
    check_storable_value(value)
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def read_scores(value: object) -> dict[str, int]:
    if not isinstance(value, dict):
        raise FieldValueError(f"{_show(value)} is not a set of symptom scores.")
    scores: dict[str, int] = {}
    for name, score in value.items():
        check_storable(name)
        if not name.strip():
            raise FieldValueError("A symptom needs a name.")
        scores[name] = read_int(score)
    return scores


def cell_from_scores(scores: Mapping[str, int]) -> str:
    """``"pain=5; fatigue=3"`` when the names allow it, else a JSON object."""
    plain = all(
        name == name.strip() and not {";", "="} & set(name) and not name.startswith("{")
        for name in scores
    )
    if plain:
        return "; ".join(f"{name}={score}" for name, score in scores.items())
    return json.dumps(dict(scores), ensure_ascii=False)


def scores_from_cell(cell: str) -> dict[str, int]:
    text = cell.strip()
    if not text:
        return {}
    if text.startswith("{"):
        return read_scores(_json_cell(text))
    scores: dict[str, int] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        name, sep, score = part.partition("=")
        if not sep or not name.strip():
            raise FieldValueError(f"{_show(part.strip())} is not like pain=5.")
        scores[name.strip()] = read_int(score)
    return scores


WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Minutes between interval reminders: a day at most (the window lies within one day).
MAX_EVERY_MINUTES = 24 * 60


def read_weekday(value: object) -> int:
    """A day of the week: ``mon`` .. ``sun`` (or the full name), or 0 (Monday) .. 6."""
    text = read_text(value).strip().lower() if not isinstance(value, int) else str(value)
    if is_digits(text) and int(text) < len(WEEKDAY_NAMES):
        return int(text)
    if len(text) >= 3 and text[:3] in WEEKDAY_NAMES:
        full = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        index = WEEKDAY_NAMES.index(text[:3])
        if text in (WEEKDAY_NAMES[index], full[index]):
            return index
    raise FieldValueError(f"{_show(value)} is not a day of the week (mon, tue ... sun).")


def read_weekdays(value: object) -> frozenset[int]:
    if isinstance(value, list):
        return frozenset(read_weekday(v) for v in value)
    raise FieldValueError(f"{_show(value)} is not a list of days of the week.")


def write_weekdays(days: frozenset[int]) -> list[str]:
    return [WEEKDAY_NAMES[d] for d in sorted(days) if 0 <= d < len(WEEKDAY_NAMES)]


def read_minutes(value: object) -> timedelta:
    minutes = read_int(value)
    if not 1 <= minutes <= MAX_EVERY_MINUTES:  # 0 would be stored as "no interval"
        raise FieldValueError(
            f"{_show(value)} is not a number of minutes from 15 to {MAX_EVERY_MINUTES}."
        )
    return timedelta(minutes=minutes)


def write_minutes(every: timedelta) -> int:
    return int(every.total_seconds() // 60)


def read_regions(value: object) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise FieldValueError(f"{_show(value)} is not a set of body regions per symptom.")
    return {read_text(name): read_str_list(regions) for name, regions in value.items()}


# --- the field table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Codec:
    """How one kind of value travels: to JSON and back, to a CSV cell and back."""

    to_json: Callable[[Any], Any]
    from_json: Callable[[Any], Any]
    to_cell: Callable[[Any], str]
    from_cell: Callable[[str], Any]
    optional_of: Codec | None = None
    """The codec this one wraps to allow None (see ``_optional``), so a reader of many
    records can test for null itself rather than call a wrapper per value."""


def _optional(codec: Codec) -> Codec:
    """The same codec, with None as JSON null and as an empty cell."""
    return Codec(
        to_json=lambda v: None if v is None else codec.to_json(v),
        from_json=lambda v: None if v is None else codec.from_json(v),
        to_cell=lambda v: "" if v is None else codec.to_cell(v),
        from_cell=lambda c: None if not c.strip() else codec.from_cell(c),
        optional_of=codec,
    )


def _enum_codec(enum: type[StrEnum]) -> Codec:
    members: dict[str, StrEnum] = {m.value: m for m in enum}

    def read(value: object) -> StrEnum:
        # A value written as the export writes it is looked up; the rest read with care.
        found = members.get(value) if type(value) is str else None
        return found if found is not None else read_enum(enum, value)

    return Codec(
        to_json=lambda v: v.value, from_json=read, to_cell=lambda v: v.value, from_cell=read
    )


TEXT = Codec(lambda v: v, read_text, lambda v: v, lambda c: c)
FLOAT = Codec(float, read_float, lambda v: repr(float(v)), read_float)
INT = Codec(lambda v: v, read_int, str, read_int)
BOOL = Codec(lambda v: v, read_bool, lambda v: "true" if v else "false", read_bool)
MOMENT = Codec(write_moment, read_moment, write_moment, read_moment)
DAY = Codec(lambda v: v.isoformat(), read_day, lambda v: v.isoformat(), read_day)
CLOCK_TIME = Codec(
    lambda v: v.strftime("%H:%M"), read_clock_time, lambda v: v.strftime("%H:%M"), read_clock_time
)
STR_LIST = Codec(list, read_str_list, cell_from_list, list_from_cell)
TIME_LIST = Codec(
    lambda v: [t.strftime("%H:%M") for t in v],
    lambda v: tuple(read_clock_time(t) for t in read_str_list(v)),
    lambda v: cell_from_list(tuple(t.strftime("%H:%M") for t in v)),
    lambda c: tuple(read_clock_time(t) for t in list_from_cell(c)),
)
SCORES = Codec(dict, read_scores, cell_from_scores, scores_from_cell)


def read_periods(value: object) -> tuple[tuple[datetime, datetime | None], ...]:
    """[[from, until or null], ...] of moments with their UTC offsets, from before until."""
    if not isinstance(value, list):
        raise FieldValueError(f"{_show(value)} is not a list of [from, until] periods.")
    periods: list[tuple[datetime, datetime | None]] = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2:
            raise FieldValueError(f"{_show(item)} is not a [from, until] period.")
        start = read_moment(item[0])
        until = None if item[1] is None else read_moment(item[1])
        if until is not None and until <= start:
            raise FieldValueError(f"{_show(item)} ends before it starts.")
        periods.append((start, until))
    return tuple(periods)


def _periods_json(periods: tuple[tuple[datetime, datetime | None], ...]) -> list[Any]:
    return [[write_moment(a), write_moment(b) if b else None] for a, b in periods]


PERIODS = Codec(
    _periods_json,
    read_periods,
    lambda v: json.dumps(_periods_json(v)) if v else "",
    lambda c: read_periods(_json_cell(c)) if c.strip() else (),
)
REGIONS = Codec(
    lambda v: {k: list(r) for k, r in v.items()},
    read_regions,
    lambda v: json.dumps({k: list(r) for k, r in v.items()}, ensure_ascii=False) if v else "",
    lambda c: read_regions(_json_cell(c)) if c.strip() else {},
)
WEEKDAYS = Codec(
    write_weekdays,
    read_weekdays,
    lambda v: cell_from_list(tuple(write_weekdays(v))),
    lambda c: frozenset(read_weekday(d) for d in list_from_cell(c)),
)
MINUTES = Codec(write_minutes, read_minutes, lambda v: str(write_minutes(v)), read_minutes)


def _storable_json(value: Any) -> Any:
    check_storable_value(value)
    return value


JSON_VALUE = Codec(
    lambda v: v,
    _storable_json,
    lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True),
    _json_cell,
)


@dataclass(frozen=True)
class Field:
    """One exported field: its name in files (units in the name), the domain attribute, the codec.

    ``reference`` names what a ``*_uid`` field points at (medication, tracker, flare).
    """

    name: str
    attr: str
    codec: Codec
    required: bool = False
    doc: str = ""
    reference: str | None = None


def _f(
    name: str, codec: Codec, doc: str, *, attr: str | None = None, required: bool = False
) -> Field:
    return Field(name, name if attr is None else attr, codec, required, doc)


def _opt(name: str, codec: Codec, doc: str, *, attr: str | None = None) -> Field:
    return Field(name, attr or name, _optional(codec), False, doc)


def _ref(name: str, attr: str, target: str, doc: str, *, required: bool) -> Field:
    codec = TEXT if required else _optional(TEXT)
    return Field(name, attr, codec, required, doc, reference=target)


# Fields every entry has, in file order.
ENTRY_COMMON: tuple[Field, ...] = (
    _f("uid", TEXT, "stable identity (32 hex); empty: made from the content"),
    _f("at", MOMENT, "local date and time with UTC offset, ISO 8601", required=True),
    _f("note", TEXT, "free text"),
    _f("tags", STR_LIST, "tags, separated by ';'"),
)

_CODECS: dict[ValueType, Codec] = {
    ValueType.TEXT: TEXT,
    ValueType.FLOAT: FLOAT,
    ValueType.INT: INT,
    ValueType.BOOL: BOOL,
    ValueType.MOMENT: MOMENT,
    ValueType.CLOCK_TIME: CLOCK_TIME,
    ValueType.STR_LIST: STR_LIST,
    ValueType.SCORES: SCORES,
    ValueType.REGIONS: REGIONS,
    ValueType.REFERENCE: TEXT,
}
# Values that may be absent (None: JSON null, an empty cell); the rest have a default.
# Columns files carry beyond the registry's fields: a lab result names its unit for people.
_EXTRA_COLUMNS: dict[EntryKind, tuple[Field, ...]] = {
    EntryKind.LAB: (_f("unit", TEXT, "the test's canonical unit (checked on import)", attr=""),),
}


def _codec(spec: FieldSpec, may_be_absent: bool) -> Codec:
    if spec.value_type is ValueType.ENUM:
        assert spec.enum is not None
        codec = _enum_codec(spec.enum)
    else:
        codec = _CODECS[spec.value_type]
    # None travels as JSON null and as an empty cell; a reference always may be absent.
    absent = may_be_absent or (spec.value_type is ValueType.REFERENCE and not spec.required)
    return _optional(codec) if absent else codec


def _export_field(spec: FieldSpec, may_be_absent: bool) -> Field:
    codec = _codec(spec, may_be_absent)
    return Field(spec.export_name, spec.name, codec, spec.required, spec.doc, spec.reference)


# The files' fields of each entry kind, from the kind registry.
ENTRY_FIELDS: dict[EntryKind, tuple[Field, ...]] = {
    kind: tuple(_export_field(f, spec.may_be_absent(f.name)) for f in spec.fields)
    + _EXTRA_COLUMNS.get(kind, ())
    for kind, spec in KINDS.items()
}

FLARE_FIELDS: tuple[Field, ...] = (
    _f("uid", TEXT, "stable identity"),
    _f("start", DAY, "first day, ISO date", required=True),
    _opt("end", DAY, "last day, ISO date; empty while ongoing"),
    _f("condition", TEXT, "the condition that flared", required=True),
    _f("triggers", STR_LIST, "suspected triggers, separated by ';'"),
    _f("note", TEXT, "free text"),
)

MEDICATION_FIELDS: tuple[Field, ...] = (
    _f("uid", TEXT, "stable identity"),
    _f("name", TEXT, "name", required=True),
    _f("dose", TEXT, "dose, as written on the label"),
    _f("kind", _enum_codec(MedicationKind), "medication or supplement"),
    _f("times", TIME_LIST, "times of day it is due, HH:MM separated by ';'"),
    _f("active", BOOL, "true while taken"),
    _f("note", TEXT, "free text"),
    _f("periods", PERIODS, "when it was taken: [[from, until], ...] ISO 8601 (JSON)"),
)

TRACKER_FIELDS: tuple[Field, ...] = (
    _f("uid", TEXT, "stable identity"),
    _f("name", TEXT, "name", required=True),
    _f("type", _enum_codec(TrackerType), "number, scale, yes/no"),
    _f("unit", TEXT, "unit of the values"),
    _f("active", BOOL, "true while tracked"),
)

FAVOURITE_FIELDS: tuple[Field, ...] = (
    _f("kind", _enum_codec(EntryKind), "meal or exercise", required=True),
    _f("name", TEXT, "name (unique per kind)", required=True),
    _f("template", JSON_VALUE, "the entry's fields (JSON object, as in the entry files)"),
)

SETTING_FIELDS: tuple[Field, ...] = (
    _f("key", TEXT, "setting name", required=True),
    _f("value", JSON_VALUE, "its value (JSON)", required=True),
)


GOAL_FIELDS: tuple[Field, ...] = (
    _f("uid", TEXT, "stable identity"),
    _f("name", TEXT, "name", required=True),
    _f("measure", _enum_codec(GoalMeasure), ", ".join(m.value for m in GoalMeasure), required=True),
    _f("comparison", _enum_codec(Comparison), "at_least, at_most, below", required=True),
    _f(
        "target", FLOAT, "target, in the measure's canonical unit (mg/dL, g, min, h)", required=True
    ),
    _f("period", _enum_codec(GoalPeriod), "day or week"),
    _opt("days_per_period", INT, "weekly goals: days a week that must meet the target, 1-7"),
    _ref("tracker_uid", "tracker_id", "tracker", "tracker goals: uid in trackers", required=False),
    _f("paused", BOOL, "true while paused"),
    _f("note", TEXT, "free text"),
)

# Medication reminders come from the medication list's times and are not exported; these are
# the reminders people set up themselves. The schedule columns are the ``Schedule`` attributes.
REMINDER_FIELDS: tuple[Field, ...] = (
    _f("uid", TEXT, "stable identity"),
    _f(
        "action",
        _enum_codec(ReminderAction),
        "meal, glucose, medication, stress, custom",
        required=True,
    ),
    _f("message", TEXT, "the text shown (needed for custom reminders)"),
    _ref(
        "medication_uid",
        "medication_id",
        "medication",
        "medication reminders: uid in medications",
        required=False,
    ),
    _f("enabled", BOOL, "true while it reminds"),
)
SCHEDULE_FIELDS: tuple[Field, ...] = (
    _f("schedule", _enum_codec(ScheduleKind), "daily, weekdays, interval", attr="kind"),
    _f("times", TIME_LIST, "daily and weekdays: times of day, HH:MM separated by ';'"),
    _f("weekdays", WEEKDAYS, "days it fires: mon; tue; ... sun (daily: every day)"),
    _opt("every_min", MINUTES, "interval: minutes between reminders, 15 or more", attr="every"),
    _f("window_start", CLOCK_TIME, "interval: first time of day, HH:MM"),
    _f("window_end", CLOCK_TIME, "interval: last time of day, HH:MM"),
)


def read_day_plan(value: object) -> tuple[bool, ...]:
    """An experiment's schedule: one character a day, "1" with the factor, "0" without."""
    text = read_text(value).strip()
    if not text:
        raise FieldValueError("The schedule is empty; it needs a 1 or 0 for each day.")
    try:
        return schedule_from_text(text)
    except ValueError:
        raise FieldValueError(
            f"{_show(value)} is not a schedule: write one 1 (with the factor) or 0 (without) "
            "for each day."
        ) from None


DAY_PLAN = Codec(schedule_text, read_day_plan, schedule_text, read_day_plan)

# Self-experiments (journal/domain/experiments.py); the reminder travels by uid and is left
# empty when the experiment has none (or its reminder was removed).
EXPERIMENT_FIELDS: tuple[Field, ...] = (
    _f("uid", TEXT, "stable identity"),
    _f("factor", TEXT, "the yes/no column of Insights tested", required=True),
    _f("factor_label", TEXT, "the factor in the words the person chose", required=True),
    _f("outcome", TEXT, "the column of Insights looked at", required=True),
    _f("outcome_label", TEXT, "the outcome in the words the person chose", required=True),
    _f("lag_days", INT, "0: the outcome on the same day, 1: on the next day", required=True),
    _f("unit", TEXT, "week or day: what was drawn with or without the factor", required=True),
    _f("seed", INT, "the number the schedule was drawn with", required=True),
    _f("start", DAY, "first day, ISO date", required=True),
    _f(
        "schedule",
        DAY_PLAN,
        "one character a day from start: 1 with the factor, 0 without",
        required=True,
    ),
    _ref(
        "reminder_uid",
        "reminder_id",
        "reminder",
        "its daily reminder: uid in reminders",
        required=False,
    ),
    _f("status", _enum_codec(ExperimentStatus), "running or stopped"),
    _opt("stopped", DAY, "the day it was stopped early, ISO date"),
    _f("note", TEXT, "free text"),
)


def read_reading_kind(value: object) -> ReadingKind:
    text = read_text(value).strip().lower()
    try:
        return ReadingKind.from_word(text)
    except KeyError:
        allowed = ", ".join(k.word for k in ReadingKind)
        raise FieldValueError(f"{_show(value)} is not one of: {allowed}.") from None


def read_reading_flag(value: object) -> ReadingFlag:
    text = read_text(value).strip().lower()
    try:
        return ReadingFlag.from_word(text)
    except KeyError:
        raise FieldValueError(f"{_show(value)} is not empty, low or high.") from None


READING_KIND = Codec(lambda v: v.word, read_reading_kind, lambda v: v.word, read_reading_kind)
READING_FLAG = Codec(lambda v: v.word, read_reading_flag, lambda v: v.word, read_reading_flag)

# CGM readings: a stream, not entries (journal/store/cgm_models.py); one file, cgm.csv, and
# the JSON section "cgm_readings", with these fields. The device travels by name and serial.
CGM_FIELDS: tuple[Field, ...] = (
    _f("at", MOMENT, "local date and time of the reading with UTC offset, ISO 8601", required=True),
    _f(
        "glucose_mg_dl",
        FLOAT,
        "mg/dL (the device's limit when flag is low or high)",
        attr="mgdl",
        required=True,
    ),
    _f("kind", READING_KIND, "historic (the sensor's own record), scan or strip"),
    _f("flag", READING_FLAG, "empty, or low / high where the device showed Low or High"),
    _f("device", TEXT, "the device's name", required=True),
    _f("serial", TEXT, "its serial number or transmitter id"),
)


_ENTRY_SPECS = {kind: ENTRY_COMMON + own for kind, own in ENTRY_FIELDS.items()}


def entry_fields(kind: EntryKind) -> tuple[Field, ...]:
    """Every field of a kind's records, the common ones first (one tuple per kind)."""
    return _ENTRY_SPECS[kind]


def export_name(kind: EntryKind, attr: str) -> str:
    """The name files use for a domain attribute (``mgdl`` is ``glucose_mg_dl``)."""
    return next((f.name for f in entry_fields(kind) if f.attr == attr), attr)


# Entries are one file per kind; "tracker" values get a plural name beside trackers.csv.
ENTRY_FILES: dict[EntryKind, str] = {
    kind: ("tracker_values.csv" if kind is EntryKind.TRACKER else f"{kind.value}.csv")
    for kind in EntryKind
}
FLARES_FILE = "flare_episodes.csv"
MEDICATIONS_FILE = "medications.csv"
TRACKERS_FILE = "trackers.csv"
FAVOURITES_FILE = "favourites.csv"
SETTINGS_FILE = "settings.csv"
GOALS_FILE = "goals.csv"
REMINDERS_FILE = "reminders.csv"
EXPERIMENTS_FILE = "experiments.csv"
CGM_FILE = "cgm.csv"
CSV_MANIFEST = "interplay_export.json"


def csv_table_markdown() -> str:
    """The CSV files and their columns, as a Markdown table for the README."""
    rows = ["| File | Columns |", "|---|---|"]
    common = ", ".join(f"`{f.name}`" for f in ENTRY_COMMON)
    for kind in EntryKind:
        own = ", ".join(f"`{f.name}`" for f in ENTRY_FIELDS[kind])
        rows.append(f"| `{ENTRY_FILES[kind]}` | {common}{', ' + own if own else ''} |")
    for name, spec in (
        (FLARES_FILE, FLARE_FIELDS),
        (MEDICATIONS_FILE, MEDICATION_FIELDS),
        (TRACKERS_FILE, TRACKER_FIELDS),
        (FAVOURITES_FILE, FAVOURITE_FIELDS),
        (GOALS_FILE, GOAL_FIELDS),
        (REMINDERS_FILE, REMINDER_FIELDS + SCHEDULE_FIELDS),
        (EXPERIMENTS_FILE, EXPERIMENT_FIELDS),
        (SETTINGS_FILE, SETTING_FIELDS),
        (CGM_FILE, CGM_FIELDS),
    ):
        rows.append(f"| `{name}` | {', '.join(f'`{f.name}`' for f in spec)} |")
    return "\n".join(rows)
