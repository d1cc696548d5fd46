"""The kind registry: one definition of every entry kind and its fields.

Each kind names its entry type, its labels, and its fields: what each holds (value type,
canonical unit, plausible bounds), how files name it, which input suits it, and the phrase
the timeline shows for it. Validation, the export codecs, the store's column mapping, the
default form fields, the timeline text and the demo's wording all read this table, so a
field or a kind is added here once. Cross-field rules (added sugar within carbohydrates,
bedtime before waking) sit beside their kind.

What only the interface needs (colour, icon, shortcut, calendar dot) lives in one table in
``journal.ui.kinds``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from journal.domain.entries import (
    COMMON_FIELDS,
    BodyMeasure,
    DoseLog,
    Entry,
    Exercise,
    Glucose,
    LabResult,
    Meal,
    Note,
    Sleep,
    StressCheck,
    SymptomCheck,
    TrackerValue,
)
from journal.domain.errors import FieldError
from journal.domain.labs import LAB_TESTS
from journal.domain.units import GlucoseUnit, Quantity, format_glucose
from journal.domain.vocabulary import (
    DoseStatus,
    EntryKind,
    GlucoseContext,
    GlucoseFlag,
    GlucoseSource,
    Intensity,
    MealType,
)

GLUCOSE_MIN_MGDL = 20.0
GLUCOSE_MAX_MGDL = 1200.0
# What most home meters can read; beyond, they show HI or LO (e.g. 20-600 mg/dL).
METER_LOW_MGDL = 20.0
METER_HIGH_MGDL = 600.0
MAX_GRAMS = 500.0
MAX_MINUTES = 1440
MAX_STEPS = 200_000
MAX_SLEEP_HOURS = 24.0


class ValueType(StrEnum):
    """What a field holds; the store and the file codecs translate each type one way."""

    TEXT = "text"
    FLOAT = "float"
    INT = "int"
    BOOL = "bool"
    ENUM = "enum"
    MOMENT = "moment"
    """An aware datetime; stored as naive UTC (``<name>_utc``) with its own UTC offset
    (``<name>_offset_min``): a bedtime before a clock change has another offset than the
    wake-up after it."""
    CLOCK_TIME = "clock time"
    STR_LIST = "list of text"
    SCORES = "symptom scores"
    REGIONS = "body regions per symptom"
    REFERENCE = "reference"
    """The id of a medication, tracker or flare; files name it by uid."""


class Widget(StrEnum):
    """The input that suits a field in a form (the interface maps each to a widget)."""

    TEXT = "text"
    NUMBER = "number"
    WHOLE = "whole number"
    SCALE = "0-10 scale"
    CHOICE = "choice"
    YES_NO = "yes or no"
    TAGS = "tags"
    CUSTOM = "custom"
    """The kind's form builds this field itself."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entry kind (an attribute of its entry dataclass).

    ``bounds`` are plausible values (catch typos, not unusual but real values), inclusive;
    ``message`` overrides the sentence shown when a value is outside them. ``fragment`` is
    how the timeline shows a value ("{} g carbs"), formatted by the caller in the user's
    units. ``export`` is the name in files when it differs (units belong in the name).
    """

    name: str
    label: str
    value_type: ValueType
    unit: str = ""
    export: str | None = None
    enum: type[StrEnum] | None = None
    reference: str | None = None
    required: bool = False
    """Files must give it (an empty cell is not allowed)."""
    bounds: tuple[float, float] | None = None
    message: str | None = None
    widget: Widget = Widget.CUSTOM
    decimals: int = 1
    fragment: str | None = None
    doc: str = ""
    quantity: Quantity | None = None
    """Shown in the unit the user chose for this quantity (glucose, weight, length)."""
    words: tuple[tuple[str, str], ...] = ()
    """How a choice reads in a sentence, by stored value ("random" reads "other"); forms show
    it capitalised. A value not listed reads as it is stored."""

    @property
    def export_name(self) -> str:
        return self.export or self.name

    def word_for(self, value: StrEnum) -> str:
        """How one choice of this field reads in a sentence (lower case)."""
        return dict(self.words).get(value.value, value.value)

    @property
    def columns(self) -> tuple[str, ...]:
        """The detail table's columns for this field."""
        if self.value_type is ValueType.MOMENT:
            return (f"{self.name}_utc", f"{self.name}_offset_min")
        return (self.name,)

    def errors(self, value: Any) -> Iterator[FieldError]:
        """The bound this value breaks, if any (None is "not given" and breaks nothing)."""
        if self.bounds is None or value is None or isinstance(value, bool):
            return
        low, high = self.bounds
        if not low <= value <= high:  # also refuses NaN
            yield FieldError(self.name, self.message or self._default_message())

    def _default_message(self) -> str:
        assert self.bounds is not None
        low, high = self.bounds
        if self.widget is Widget.SCALE:
            return f"{self.label} is on a scale from {low:g} to {high:g}."
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.label} must be between {low:g} and {high:,.0f}{unit}."


Rules = Callable[[Any], Iterator[FieldError]]


def _no_rules(_entry: Any) -> Iterator[FieldError]:
    return iter(())


@dataclass(frozen=True)
class KindSpec:
    """One entry kind: its type, its words, its fields and the rules that tie them."""

    kind: EntryKind
    entry_class: type[Entry]
    label: str
    plural: str
    """As counted in a sentence: "3 meals", "2 nights of sleep"."""
    fields: tuple[FieldSpec, ...]
    rules: Rules = _no_rules

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    def may_be_absent(self, name: str) -> bool:
        """Whether the field may hold no value (its entry attribute defaults to None)."""
        default = next(f.default for f in fields(self.entry_class) if f.name == name)
        return default is None


# --- cross-field rules ----------------------------------------------------------------------


def _meal_rules(e: Meal) -> Iterator[FieldError]:
    if e.added_sugar_g is not None and e.carbs_g is not None and e.added_sugar_g > e.carbs_g:
        yield FieldError("added_sugar_g", "Added sugar cannot exceed total carbohydrates.")
    if not e.items.strip() and e.carbs_g is None and not e.note.strip():
        yield FieldError("items", "Say what was eaten, or give the carbohydrates.")


def _exercise_rules(e: Exercise) -> Iterator[FieldError]:
    if not e.activity.strip():
        yield FieldError("activity", "Name the activity (for example: walk).")


def _sleep_rules(e: Sleep) -> Iterator[FieldError]:
    if e.hours is not None and e.hours == 0:
        yield FieldError("hours", f"Sleep must be more than 0 and at most {MAX_SLEEP_HOURS:.0f} h.")
    if e.bedtime is not None and e.bedtime >= e.at:
        yield FieldError("bedtime", "Bedtime must be before the wake-up time.")


def _symptom_rules(e: SymptomCheck) -> Iterator[FieldError]:
    for name, score in e.scores.items():
        if not 0 <= score <= 10:
            yield FieldError("scores", f"{name.capitalize()} is on a scale from 0 to 10.")
    if not e.scores and e.bristol is None and not e.note.strip():
        yield FieldError("scores", "Rate at least one symptom, or add a note.")


def _dose_rules(e: DoseLog) -> Iterator[FieldError]:
    if e.medication_id <= 0:
        yield FieldError("medication_id", "Choose a medication from your list.")


def _lab_rules(e: LabResult) -> Iterator[FieldError]:
    test = LAB_TESTS.get(e.test)
    if test is None:
        yield FieldError("test", f"Unknown lab test {e.test!r}.")
        return
    if not test.low <= e.value <= test.high:
        yield FieldError(
            "value", f"{test.name} must be between {test.low:g} and {test.high:g} {test.unit}."
        )


def _tracker_rules(e: TrackerValue) -> Iterator[FieldError]:
    if e.tracker_id <= 0:
        yield FieldError("tracker_id", "Choose a tracker.")


def _body_rules(e: BodyMeasure) -> Iterator[FieldError]:
    values = (e.weight_kg, e.waist_cm, e.systolic_mmhg, e.diastolic_mmhg, e.pulse_bpm)
    if all(v is None for v in values):
        yield FieldError("weight_kg", "Enter at least one measure.")
    if (e.systolic_mmhg is None) != (e.diastolic_mmhg is None):
        missing = "diastolic_mmhg" if e.diastolic_mmhg is None else "systolic_mmhg"
        yield FieldError(missing, "Blood pressure needs both numbers (for example 120/80).")
    elif (
        e.systolic_mmhg is not None
        and e.diastolic_mmhg is not None
        and e.diastolic_mmhg >= e.systolic_mmhg
    ):
        yield FieldError(
            "diastolic_mmhg", "The lower number (diastolic) must be below the upper one."
        )


# --- the fields ----------------------------------------------------------------------------


def _grams(name: str, label: str, fragment: str, doc: str) -> FieldSpec:
    return FieldSpec(
        name,
        label,
        ValueType.FLOAT,
        unit="g",
        bounds=(0, MAX_GRAMS),
        widget=Widget.NUMBER,
        fragment=fragment,
        doc=doc,
    )


def _scale(name: str, label: str, doc: str, *, required: bool = False) -> FieldSpec:
    return FieldSpec(
        name,
        label,
        ValueType.INT,
        unit="0-10",
        bounds=(0, 10),
        widget=Widget.SCALE,
        required=required,
        decimals=0,
        doc=doc,
    )


_GLUCOSE_RANGE = (
    f"Glucose must be between {format_glucose(GLUCOSE_MIN_MGDL, GlucoseUnit.MGDL)} and "
    f"{format_glucose(GLUCOSE_MAX_MGDL, GlucoseUnit.MGDL)} "
    f"({format_glucose(GLUCOSE_MIN_MGDL, GlucoseUnit.MMOLL)}"
    f"-{format_glucose(GLUCOSE_MAX_MGDL, GlucoseUnit.MMOLL)})."
)

_SPECS: tuple[KindSpec, ...] = (
    KindSpec(
        EntryKind.MEAL,
        Meal,
        "Meal",
        "meals",
        (
            FieldSpec(
                "meal_type",
                "Meal",
                ValueType.ENUM,
                enum=MealType,
                widget=Widget.CHOICE,
                doc="breakfast, lunch, dinner, snack, drink",
            ),
            FieldSpec(
                "items", "What you ate", ValueType.TEXT, widget=Widget.TEXT, doc="what was eaten"
            ),
            _grams("carbs_g", "Carbohydrates", "{} g carbs", "carbohydrates, grams"),
            _grams("added_sugar_g", "Added sugar", "{} g added sugar", "added sugar, grams"),
            _grams("fibre_g", "Fibre", "{} g fibre", "fibre, grams"),
            _grams("protein_g", "Protein", "{} g protein", "protein, grams"),
        ),
        _meal_rules,
    ),
    KindSpec(
        EntryKind.EXERCISE,
        Exercise,
        "Exercise",
        "exercise sessions",
        (
            FieldSpec(
                "activity", "Activity", ValueType.TEXT, required=True, doc="walk, swim, yoga ..."
            ),
            FieldSpec(
                "minutes",
                "Duration",
                ValueType.INT,
                unit="min",
                required=True,
                bounds=(1, MAX_MINUTES),
                message=f"Duration must be between 1 and {MAX_MINUTES} minutes.",
                widget=Widget.WHOLE,
                decimals=0,
                doc="duration, minutes",
            ),
            FieldSpec(
                "intensity",
                "Intensity",
                ValueType.ENUM,
                enum=Intensity,
                widget=Widget.CHOICE,
                doc="light, moderate, vigorous",
            ),
            FieldSpec(
                "rpe",
                "Effort (RPE)",
                ValueType.INT,
                bounds=(0, 10),
                message="Perceived effort is on a scale from 0 to 10.",
                widget=Widget.SCALE,
                decimals=0,
                doc="perceived effort 0-10",
            ),
            FieldSpec(
                "steps",
                "Steps",
                ValueType.INT,
                bounds=(0, MAX_STEPS),
                message=f"Steps must be between 0 and {MAX_STEPS:,}.",
                widget=Widget.WHOLE,
                decimals=0,
                fragment="{} steps",
                doc="steps",
            ),
        ),
        _exercise_rules,
    ),
    KindSpec(
        EntryKind.STRESS,
        StressCheck,
        "Stress & mood",
        "stress check-ins",
        (
            _scale("stress", "Stress", "stress 0-10", required=True),
            _scale("mood", "Mood", "mood 0-10"),
            FieldSpec(
                "sources",
                "What's behind it",
                ValueType.STR_LIST,
                widget=Widget.TAGS,
                doc="sources of stress, separated by ';'",
            ),
            FieldSpec(
                "coping", "What you did about it", ValueType.TEXT, doc="coping practice used"
            ),
            FieldSpec(
                "coping_helped",
                "Did it help?",
                ValueType.BOOL,
                widget=Widget.YES_NO,
                doc="true or false",
            ),
        ),
    ),
    KindSpec(
        EntryKind.SLEEP,
        Sleep,
        "Sleep",
        "nights of sleep",
        (
            FieldSpec(
                "hours",
                "Hours slept",
                ValueType.FLOAT,
                unit="h",
                required=True,
                bounds=(0, MAX_SLEEP_HOURS),
                message=f"Sleep must be more than 0 and at most {MAX_SLEEP_HOURS:.0f} h.",
                widget=Widget.NUMBER,
                decimals=2,
                doc="hours slept",
            ),
            FieldSpec(
                "bedtime", "Bedtime", ValueType.MOMENT, doc="bedtime with UTC offset, ISO 8601"
            ),
            FieldSpec(
                "quality",
                "Quality",
                ValueType.INT,
                unit="0-10",
                bounds=(0, 10),
                message="Sleep quality is on a scale from 0 to 10.",
                widget=Widget.SCALE,
                decimals=0,
                doc="sleep quality 0-10",
            ),
        ),
        _sleep_rules,
    ),
    KindSpec(
        EntryKind.SYMPTOMS,
        SymptomCheck,
        "Symptoms",
        "symptom check-ins",
        (
            FieldSpec(
                "scores", "Symptoms", ValueType.SCORES, doc="symptom=score 0-10, separated by ';'"
            ),
            FieldSpec(
                "regions",
                "Where",
                ValueType.REGIONS,
                doc="body regions per symptom (JSON object)",
            ),
            FieldSpec(
                "bristol",
                "Stool (Bristol)",
                ValueType.INT,
                bounds=(1, 7),
                message="The Bristol stool scale runs from 1 to 7.",
                decimals=0,
                doc="Bristol stool scale 1-7",
            ),
            FieldSpec(
                "flare_id",
                "Flare",
                ValueType.REFERENCE,
                export="flare_uid",
                reference="flare",
                doc="uid of the flare it belongs to",
            ),
        ),
        _symptom_rules,
    ),
    KindSpec(
        EntryKind.GLUCOSE,
        Glucose,
        "Blood glucose",
        "glucose readings",
        (
            FieldSpec(
                "mgdl",
                "Glucose",
                ValueType.FLOAT,
                unit="mg/dL",
                export="glucose_mg_dl",
                required=True,
                bounds=(GLUCOSE_MIN_MGDL, GLUCOSE_MAX_MGDL),
                message=_GLUCOSE_RANGE,
                doc="blood glucose, mg/dL",
                quantity=Quantity.GLUCOSE,
            ),
            FieldSpec(
                "context",
                "When it was taken",
                ValueType.ENUM,
                enum=GlucoseContext,
                widget=Widget.CHOICE,
                doc="fasting, before meal, after meal ...",
                # The stored "random" (kept for files and old journals) is the "Other" the form
                # offers; the timeline and the form read these same words.
                words=(
                    (GlucoseContext.BEFORE_MEAL.value, "before a meal"),
                    (GlucoseContext.AFTER_MEAL.value, "1-2 h after a meal"),
                    (GlucoseContext.RANDOM.value, "other"),
                ),
            ),
            FieldSpec(
                "source",
                "Measured with",
                ValueType.ENUM,
                enum=GlucoseSource,
                widget=Widget.CHOICE,
                doc="meter, cgm, lab",
            ),
            FieldSpec(
                "flag",
                "The meter showed",
                ValueType.ENUM,
                enum=GlucoseFlag,
                doc="high or low when the meter showed HI or LO (the value is its limit)",
            ),
        ),
    ),
    KindSpec(
        EntryKind.DOSE,
        DoseLog,
        "Medication dose",
        "doses",
        (
            FieldSpec(
                "medication_id",
                "Medication",
                ValueType.REFERENCE,
                export="medication_uid",
                reference="medication",
                required=True,
                doc="uid in medications",
            ),
            FieldSpec(
                "status",
                "Status",
                ValueType.ENUM,
                enum=DoseStatus,
                widget=Widget.CHOICE,
                doc="taken, late, skipped",
            ),
            FieldSpec(
                "scheduled",
                "Scheduled for",
                ValueType.CLOCK_TIME,
                doc="scheduled time of day, HH:MM",
            ),
            FieldSpec("dose", "Dose", ValueType.TEXT, doc="dose taken, as written on the label"),
        ),
        _dose_rules,
    ),
    KindSpec(
        EntryKind.LAB,
        LabResult,
        "Lab result",
        "lab results",
        (
            FieldSpec(
                "test",
                "Test",
                ValueType.TEXT,
                required=True,
                doc="hba1c, fasting_glucose, fasting_insulin, crp ...",
            ),
            FieldSpec(
                "value",
                "Result",
                ValueType.FLOAT,
                required=True,
                decimals=2,
                doc="result, in the unit of the unit column",
            ),
        ),
        _lab_rules,
    ),
    KindSpec(
        EntryKind.TRACKER,
        TrackerValue,
        "Tracker",
        "tracker values",
        (
            FieldSpec(
                "tracker_id",
                "Tracker",
                ValueType.REFERENCE,
                export="tracker_uid",
                reference="tracker",
                required=True,
                doc="uid in trackers",
            ),
            FieldSpec(
                "value",
                "Value",
                ValueType.FLOAT,
                required=True,
                doc="value (yes/no trackers: 1 or 0)",
            ),
        ),
        _tracker_rules,
    ),
    KindSpec(EntryKind.NOTE, Note, "Note", "notes", ()),
    KindSpec(
        EntryKind.BODY,
        BodyMeasure,
        "Body measures",
        "body measurements",
        (
            FieldSpec(
                "weight_kg",
                "Weight",
                ValueType.FLOAT,
                unit="kg",
                bounds=(20, 400),
                widget=Widget.NUMBER,
                fragment="{}",
                doc="body weight, kilograms",
                quantity=Quantity.WEIGHT,
            ),
            FieldSpec(
                "waist_cm",
                "Waist",
                ValueType.FLOAT,
                unit="cm",
                bounds=(30, 250),
                widget=Widget.NUMBER,
                fragment="waist {}",
                doc="waist circumference, centimetres",
                quantity=Quantity.LENGTH,
            ),
            FieldSpec(
                "systolic_mmhg",
                "Systolic (upper)",
                ValueType.INT,
                unit="mmHg",
                bounds=(60, 260),
                widget=Widget.WHOLE,
                decimals=0,
                doc="systolic blood pressure, mmHg",
            ),
            FieldSpec(
                "diastolic_mmhg",
                "Diastolic (lower)",
                ValueType.INT,
                unit="mmHg",
                bounds=(30, 160),
                widget=Widget.WHOLE,
                decimals=0,
                doc="diastolic blood pressure, mmHg",
            ),
            FieldSpec(
                "pulse_bpm",
                "Pulse",
                ValueType.INT,
                unit="bpm",
                bounds=(25, 250),
                widget=Widget.WHOLE,
                decimals=0,
                fragment="pulse {} bpm",
                doc="resting pulse, beats per minute",
            ),
        ),
        _body_rules,
    ),
)

KINDS: dict[EntryKind, KindSpec] = {spec.kind: spec for spec in _SPECS}


def kind_spec(kind: EntryKind) -> KindSpec:
    return KINDS[kind]


def label_of(kind: EntryKind) -> str:
    """How people name a kind ("Blood glucose")."""
    return KINDS[kind].label


def choice_word(kind: EntryKind, name: str, value: StrEnum) -> str:
    """How the choice ``value`` of field ``name`` reads in a sentence ("1-2 h after a meal")."""
    return KINDS[kind].field(name).word_for(value)


def choice_options(kind: EntryKind, name: str) -> list[tuple[StrEnum, str]]:
    """A choice field's values with their words as a form shows them ("Before a meal")."""
    spec = KINDS[kind].field(name)
    assert spec.enum is not None, f"{name} is not a choice"
    return [(member, _capitalised(spec.word_for(member))) for member in spec.enum]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def entry_type(kind: EntryKind) -> type[Entry]:
    return KINDS[kind].entry_class


def detail_names(kind: EntryKind) -> list[str]:
    """The entry dataclass's own fields (beyond time, note, tags and identity), in order."""
    return [f.name for f in fields(KINDS[kind].entry_class) if f.name not in COMMON_FIELDS]


# Per kind, the fields with bounds and the position of every field (errors come in form
# order); worked out once, as imports check every entry of a file.
_BOUNDED = {kind: tuple(f for f in spec.fields if f.bounds) for kind, spec in KINDS.items()}
_ORDER = {kind: {f.name: i for i, f in enumerate(spec.fields)} for kind, spec in KINDS.items()}


# Per kind, (field, low, high) of the bounded fields and the kind's rules, for the check
# every entry of an import passes (most keep every bound: only those are looked at closer).
_BOUNDS = {
    kind: tuple((f.name, *f.bounds) for f in bounded if f.bounds)
    for kind, bounded in _BOUNDED.items()
}
_RULES = {kind: spec.rules for kind, spec in KINDS.items()}


def _within_bounds(entry: Entry) -> bool:
    for name, low, high in _BOUNDS[entry.kind]:
        value = getattr(entry, name)
        if value is not None and not isinstance(value, bool) and not low <= value <= high:
            return False
    return True


def kind_errors(entry: Entry) -> list[FieldError]:
    """Every bound and rule of its kind that ``entry`` breaks, in the order of its fields."""
    kind = entry.kind
    if _within_bounds(entry):
        errors = list(_RULES[kind](entry))
    else:
        errors = [error for f in _BOUNDED[kind] for error in f.errors(getattr(entry, f.name))]
        errors.extend(_RULES[kind](entry))
    if len(errors) < 2:
        return errors
    order = _ORDER[kind]
    return sorted(errors, key=lambda e: order.get(e.field, len(order)))
