"""Domain values to export records and back: entries, flares, medications, goals, reminders ...

A record is a mapping of field name to value, JSON-typed (for .json) or text (for .csv cells).
References between records use uids (``medication_uid``), never database ids, so an export can
be imported into any journal. Reading a record never touches the database: references come
back as uids for the services to resolve.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple

from journal.domain.entries import (
    Entry,
    Exercise,
    Favourite,
    FlareEpisode,
    LabResult,
    Meal,
    Medication,
    Tracker,
    assemble,
)
from journal.domain.experiments import SelfExperiment
from journal.domain.goals import Goal
from journal.domain.kinds import entry_type
from journal.domain.labs import LAB_TESTS
from journal.domain.reminders import Reminder, Schedule
from journal.domain.vocabulary import EntryKind
from journal.io.fields import (
    ENTRY_COMMON,
    EXPERIMENT_FIELDS,
    FAVOURITE_FIELDS,
    FLARE_FIELDS,
    GOAL_FIELDS,
    MEDICATION_FIELDS,
    REMINDER_FIELDS,
    SCHEDULE_FIELDS,
    SETTING_FIELDS,
    TRACKER_FIELDS,
    Field,
    FieldValueError,
    entry_fields,
)

Style = Literal["json", "cell"]
UID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
# Placeholder id for a reference until the services resolve its uid to a row id.
UNRESOLVED_ID = 1
# A favourite's template is not dated; it reads with this moment (as the store keeps it).
TEMPLATE_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)


class RecordError(ValueError):
    """A record cannot be read: which field (if one), and what is wrong."""

    def __init__(self, field_name: str | None, problem: str) -> None:
        super().__init__(problem)
        self.field = field_name
        self.problem = problem


@dataclass(frozen=True)
class References:
    """uids of the records an entry may point at, by their database id."""

    medications: Mapping[int, str] = field(default_factory=dict)
    trackers: Mapping[int, str] = field(default_factory=dict)
    flares: Mapping[int, str] = field(default_factory=dict)
    reminders: Mapping[int, str] = field(default_factory=dict)

    def uid_of(self, target: str, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        table = {
            "medication": self.medications,
            "tracker": self.trackers,
            "flare": self.flares,
            "reminder": self.reminders,
        }
        return table[target].get(row_id)


class ParsedEntry(NamedTuple):
    """An entry read from a file; ``references`` maps a target ("medication") to a uid.
    (A named tuple for the same reason as ``Item``: one per record.)"""

    entry: Entry
    references: dict[str, str]


@dataclass(frozen=True)
class ParsedGoal:
    """A goal read from a file; its tracker (if any) as a uid in ``references``."""

    goal: Goal
    references: dict[str, str]


@dataclass(frozen=True)
class ParsedReminder:
    """A reminder read from a file; its medication (if any) as a uid in ``references``."""

    reminder: Reminder
    references: dict[str, str]


@dataclass(frozen=True)
class ParsedExperiment:
    """A self-experiment read from a file; its reminder (if any) as a uid in ``references``."""

    experiment: SelfExperiment
    references: dict[str, str]


# --- writing -------------------------------------------------------------------------------


def _out(f: Field, value: Any, style: Style) -> Any:
    return f.codec.to_json(value) if style == "json" else f.codec.to_cell(value)


def entry_record(entry: Entry, refs: References, style: Style = "json") -> dict[str, Any]:
    """An entry as a record: the common fields, then its kind's fields, in table order."""
    record: dict[str, Any] = {}
    for f in entry_fields(entry.kind):
        if f.reference is not None:
            uid = refs.uid_of(f.reference, getattr(entry, f.attr))
            record[f.name] = _out(f, uid, style)
        elif not f.attr:  # the lab unit: named for people, derived from the test
            test = LAB_TESTS.get(entry.test) if isinstance(entry, LabResult) else None
            record[f.name] = test.unit if test else ""
        else:
            record[f.name] = _out(f, getattr(entry, f.attr), style)
    return record


def _plain_record(obj: object, spec: tuple[Field, ...], style: Style) -> dict[str, Any]:
    return {f.name: _out(f, getattr(obj, f.attr), style) for f in spec}


def flare_record(episode: FlareEpisode, style: Style = "json") -> dict[str, Any]:
    return _plain_record(episode, FLARE_FIELDS, style)


def medication_record(med: Medication, style: Style = "json") -> dict[str, Any]:
    return _plain_record(med, MEDICATION_FIELDS, style)


def tracker_record(tracker: Tracker, style: Style = "json") -> dict[str, Any]:
    return _plain_record(tracker, TRACKER_FIELDS, style)


def _linked_record(
    obj: object, spec: tuple[Field, ...], refs: References, style: Style
) -> dict[str, Any]:
    """Fields of ``obj``, with its references written as uids."""
    record: dict[str, Any] = {}
    for f in spec:
        value = getattr(obj, f.attr)
        if f.reference is not None:
            value = refs.uid_of(f.reference, value)
        record[f.name] = _out(f, value, style)
    return record


def goal_record(goal: Goal, refs: References, style: Style = "json") -> dict[str, Any]:
    return _linked_record(goal, GOAL_FIELDS, refs, style)


def reminder_record(reminder: Reminder, refs: References, style: Style = "json") -> dict[str, Any]:
    """A stored reminder: what it is for, then its schedule's columns."""
    record = _linked_record(reminder, REMINDER_FIELDS, refs, style)
    return record | _plain_record(reminder.schedule, SCHEDULE_FIELDS, style)


def experiment_record(
    experiment: SelfExperiment, refs: References, style: Style = "json"
) -> dict[str, Any]:
    """A self-experiment; its reminder by uid (empty when it has none, or it is gone)."""
    return _linked_record(experiment, EXPERIMENT_FIELDS, refs, style)


def favourite_record(favourite: Favourite, style: Style = "json") -> dict[str, Any]:
    """A favourite: its kind, name and template (the entry's fields without uid and time)."""
    template = entry_record(favourite.template, References(), "json")
    for name in ("uid", "at"):
        template.pop(name)
    record = {"kind": favourite.template.kind.value, "name": favourite.name, "template": template}
    if style == "cell":
        spec = {f.name: f for f in FAVOURITE_FIELDS}
        return {k: spec[k].codec.to_cell(v) if k == "template" else v for k, v in record.items()}
    return record


def setting_record(key: str, value: Any, style: Style = "json") -> dict[str, Any]:
    return {
        "key": key,
        "value": value if style == "json" else SETTING_FIELDS[1].codec.to_cell(value),
    }


# --- reading -------------------------------------------------------------------------------


def _read_value(f: Field, raw: Any, style: Style) -> Any:
    try:
        return f.codec.from_json(raw) if style == "json" else f.codec.from_cell(raw)
    except FieldValueError as exc:
        raise RecordError(f.name, str(exc)) from None


Reader = tuple[str, str, Callable[[Any], Any], bool]
"""A field's name in files, its attribute, its codec's reader for one style, and whether a
null is None without asking the reader (JSON's null for an optional field)."""


@dataclass(frozen=True)
class _SpecPlan:
    """What reading a record of one spec needs, worked out once per spec."""

    spec: tuple[Field, ...]
    known: frozenset[str]
    required: tuple[str, ...]
    plain: tuple[Field, ...]
    """The fields read into attributes (not the uid, references or derived columns)."""
    references: tuple[Field, ...]
    readers: dict[Style, tuple[Reader, ...]]
    """``plain`` as readers per style: no attribute lookups per value."""


_PLANS: dict[int, _SpecPlan] = {}


def _plan(spec: tuple[Field, ...]) -> _SpecPlan:
    """The reading plan of a spec, kept by identity (the plan holds the spec, so its id is
    never reused): hashing a spec, every attribute of every ``Field``, for each record cost
    more than reading the record."""
    found = _PLANS.get(id(spec))
    if found is None or found.spec is not spec:
        plain = tuple(f for f in spec if f.name != "uid" and f.attr and f.reference is None)
        found = _SpecPlan(
            spec,
            frozenset(f.name for f in spec),
            tuple(f.name for f in spec if f.required),
            plain,
            tuple(f for f in spec if f.reference is not None),
            {
                "json": tuple(_json_reader(f) for f in plain),
                "cell": tuple((f.name, f.attr, f.codec.from_cell, False) for f in plain),
            },
        )
        _PLANS[id(spec)] = found
    return found


def _json_reader(f: Field) -> Reader:
    """An optional field's null is read here; the wrapped codec reads the rest."""
    inner = f.codec.optional_of
    if inner is None:
        return f.name, f.attr, f.codec.from_json, False
    return f.name, f.attr, inner.from_json, True


def _check_names(
    record: Mapping[str, Any], spec: tuple[Field, ...], extra: set[str], style: Style
) -> None:
    _check_planned_names(record, _plan(spec), extra, style)


def _check_planned_names(
    record: Mapping[str, Any], plan: _SpecPlan, extra: set[str] | None, style: Style
) -> None:
    if not plan.known.issuperset(record):  # the usual record names only fields it may
        unknown = [name for name in record if name not in plan.known and name not in (extra or ())]
        if unknown:
            raise RecordError(unknown[0], f"'{unknown[0]}' is not a field Interplay knows.")
    for name in plan.required:
        # An empty cell is a missing value; in JSON only an absent key is (null, "" are values).
        if name not in record or (style == "cell" and record[name] == ""):
            raise RecordError(name, f"'{name}' is missing; it is needed.")


def read_uid(raw: Any, record: Mapping[str, Any], kind: str) -> str:
    """The record's uid, or one made from its content so a re-import finds it again."""
    if type(raw) is str and len(raw) == 32 and raw.isascii() and raw.isalnum():
        return raw  # the usual uid, as Interplay makes them (32 hex digits)
    if raw in (None, ""):
        content = {k: v for k, v in record.items() if k != "uid"}
        digest = hashlib.sha256(
            json.dumps([kind, content], sort_keys=True, ensure_ascii=False, default=str).encode()
        )
        return digest.hexdigest()[:32]
    if not isinstance(raw, str) or not UID_PATTERN.match(raw.strip()):
        raise RecordError("uid", f"{str(raw)[:40]!r} is not a uid (up to 32 letters or digits).")
    return raw.strip()


def _read_fields(
    record: Mapping[str, Any], spec: tuple[Field, ...], style: Style
) -> dict[str, Any]:
    return _read_planned(record, _plan(spec).readers[style])


_ABSENT: Any = object()


def _read_planned(record: Mapping[str, Any], readers: tuple[Reader, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, attr, read, nullable in readers:
        raw = record.get(name, _ABSENT)
        if raw is _ABSENT:
            continue
        if raw is None and nullable:
            values[attr] = None
            continue
        try:
            values[attr] = read(raw)
        except FieldValueError as exc:
            raise RecordError(name, str(exc)) from None
    return values


@dataclass(frozen=True)
class _EntryPlan:
    """What reading a record of one entry kind needs beyond its fields' plan, looked up once
    per kind rather than once per record (an import reads every entry of a file)."""

    fields: _SpecPlan
    entry_class: type[Entry]
    kind_value: str
    is_lab: bool


_ENTRY_PLANS: dict[EntryKind, _EntryPlan] = {}


def _entry_plan(kind: EntryKind) -> _EntryPlan:
    found = _ENTRY_PLANS.get(kind)
    if found is None:
        found = _ENTRY_PLANS[kind] = _EntryPlan(
            _plan(entry_fields(kind)), entry_type(kind), kind.value, kind is EntryKind.LAB
        )
    return found


def read_entry(
    kind: EntryKind, record: Mapping[str, Any], style: Style, *, extra: set[str] | None = None
) -> ParsedEntry:
    """An entry from a record; raises ``RecordError`` naming the field at fault."""
    entry_plan = _entry_plan(kind)
    plan = entry_plan.fields
    _check_planned_names(record, plan, extra, style)
    values = _read_planned(record, plan.readers[style])
    references: dict[str, str] = {}
    for f in plan.references:
        if f.name not in record:
            continue
        uid = _read_value(f, record[f.name], style)
        if uid:
            references[f.reference or ""] = read_uid(uid, record, entry_plan.kind_value)
            values[f.attr] = UNRESOLVED_ID
    if entry_plan.is_lab:
        values["value"] = _lab_value_in_canonical(
            values.get("test", ""), values.get("value"), record.get("unit")
        )
    values["uid"] = read_uid(record.get("uid"), record, entry_plan.kind_value)
    return ParsedEntry(assemble(entry_plan.entry_class, values), references)


def _lab_value_in_canonical(test_code: str, value: Any, unit: Any) -> Any:
    """A lab value given in the record's unit, in the test's canonical unit.

    A test labs report in one unit only may leave the unit out; for the others the unit is
    needed, as a number without it is ambiguous (vitamin D 75 is 75 ng/mL or 30 ng/mL).
    """
    test = LAB_TESTS.get(test_code)
    if test is None:
        known = ", ".join(LAB_TESTS)
        raise RecordError("test", f"{test_code!r} is not a lab test Interplay knows ({known}).")
    names = ", ".join(u.name for u in test.units)
    if unit in (None, ""):
        if len(test.units) > 1:
            raise RecordError("unit", f"give the unit of this {test.name} ({names}).")
        return value
    found = test.unit_named(str(unit))
    if found is None:
        raise RecordError("unit", f"{test.name} is given in {names}, not {str(unit)[:20]!r}.")
    if not isinstance(value, int | float):
        return value
    return found.to_canonical(float(value))


def read_flare(record: Mapping[str, Any], style: Style) -> FlareEpisode:
    _check_names(record, FLARE_FIELDS, set(), style)
    values = _read_fields(record, FLARE_FIELDS, style)
    return FlareEpisode(uid=read_uid(record.get("uid"), record, "flare"), **values)


def read_medication(record: Mapping[str, Any], style: Style) -> Medication:
    _check_names(record, MEDICATION_FIELDS, set(), style)
    values = _read_fields(record, MEDICATION_FIELDS, style)
    return Medication(uid=read_uid(record.get("uid"), record, "medication"), **values)


def read_tracker(record: Mapping[str, Any], style: Style) -> Tracker:
    _check_names(record, TRACKER_FIELDS, set(), style)
    values = _read_fields(record, TRACKER_FIELDS, style)
    return Tracker(uid=read_uid(record.get("uid"), record, "tracker"), **values)


def read_favourite(record: Mapping[str, Any], style: Style) -> Favourite:
    _check_names(record, FAVOURITE_FIELDS, set(), style)
    values = _read_fields(record, FAVOURITE_FIELDS, style)
    kind = values["kind"]
    if kind not in (EntryKind.MEAL, EntryKind.EXERCISE):
        raise RecordError("kind", "Favourites are meals or activities (meal or exercise).")
    template = values.get("template") or {}
    if not isinstance(template, dict):
        raise RecordError("template", "The template must be a JSON object of entry fields.")
    entry_values = {"at": TEMPLATE_MOMENT.isoformat(), **template}
    try:
        parsed = read_entry(kind, entry_values, "json")
    except RecordError as exc:
        raise RecordError("template", f"{exc.field}: {exc.problem}") from None
    entry = parsed.entry
    assert isinstance(entry, Meal | Exercise)
    return Favourite(name=read_name(values["name"]), template=entry)


def _read_references(
    record: Mapping[str, Any], spec: tuple[Field, ...], style: Style
) -> tuple[dict[str, Any], dict[str, str]]:
    """Placeholder ids for the references a record makes, and the uids they name."""
    values: dict[str, Any] = {}
    references: dict[str, str] = {}
    for f in _plan(spec).references:
        if f.name not in record:
            continue
        uid = _read_value(f, record[f.name], style)
        if uid:
            references[f.reference or ""] = _read_reference_uid(f.name, uid)
            values[f.attr] = UNRESOLVED_ID
    return values, references


def _read_reference_uid(name: str, raw: str) -> str:
    if not UID_PATTERN.match(raw.strip()):
        raise RecordError(name, f"{raw[:40]!r} is not a uid (up to 32 letters or digits).")
    return raw.strip()


def read_goal(record: Mapping[str, Any], style: Style) -> ParsedGoal:
    """A goal; its rules (``validate_goal``) are checked by the services, with its tracker."""
    _check_names(record, GOAL_FIELDS, set(), style)
    values = _read_fields(record, GOAL_FIELDS, style)
    links, references = _read_references(record, GOAL_FIELDS, style)
    goal = Goal(uid=read_uid(record.get("uid"), record, "goal"), **values, **links)
    return ParsedGoal(goal, references)


def read_reminder(record: Mapping[str, Any], style: Style) -> ParsedReminder:
    """A reminder and its schedule; the schedule's rules are checked by the services."""
    spec = REMINDER_FIELDS + SCHEDULE_FIELDS
    _check_names(record, spec, set(), style)
    values = _read_fields(record, REMINDER_FIELDS, style)
    links, references = _read_references(record, REMINDER_FIELDS, style)
    schedule = Schedule(**_read_fields(record, SCHEDULE_FIELDS, style))
    uid = read_uid(record.get("uid"), record, "reminder")
    return ParsedReminder(Reminder(uid=uid, schedule=schedule, **values, **links), references)


def read_experiment(record: Mapping[str, Any], style: Style) -> ParsedExperiment:
    """A self-experiment; its rules (lag, unit, seed) are checked by the services."""
    _check_names(record, EXPERIMENT_FIELDS, set(), style)
    values = _read_fields(record, EXPERIMENT_FIELDS, style)
    links, references = _read_references(record, EXPERIMENT_FIELDS, style)
    uid = read_uid(record.get("uid"), record, "experiment")
    try:
        experiment = SelfExperiment(uid=uid, **values, **links)
    except (TypeError, ValueError) as exc:  # defensive: a value the dataclass refuses
        raise RecordError(None, f"this self-experiment cannot be read ({exc}).") from None
    return ParsedExperiment(experiment, references)


def read_name(name: str) -> str:
    if not name.strip():
        raise RecordError("name", "The name is empty.")
    return name.strip()


def read_setting(record: Mapping[str, Any], style: Style) -> tuple[str, Any]:
    _check_names(record, SETTING_FIELDS, set(), style)
    values = _read_fields(record, SETTING_FIELDS, style)
    key = values["key"].strip()
    if not key or len(key) > 64:
        raise RecordError("key", "A setting name must have 1 to 64 characters.")
    return key, values["value"]


COMMON_NAMES = frozenset(f.name for f in ENTRY_COMMON)
