"""The entries of a journal as plain, immutable values.

Every entry has a moment ``at`` (a time-zone aware datetime in the offset the user was in
when it happened), so its local calendar ``day`` never moves when the user travels later.
Entries carry an optional note and tags. Services hand these to the UI; the store maps them
to rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime, time
from typing import Any, ClassVar, TypeVar

from journal.domain.vocabulary import (
    DoseStatus,
    EntryKind,
    GlucoseContext,
    GlucoseFlag,
    GlucoseSource,
    Intensity,
    MealType,
    MedicationKind,
    TrackerType,
)

E = TypeVar("E", bound="Entry")


def new_uid() -> str:
    """A stable identity that survives export and import."""
    import uuid  # here: ``uuid`` loads ``platform``, which the first paint does not need

    return uuid.uuid4().hex


@dataclass(frozen=True, kw_only=True)
class Entry:
    """What every entry has."""

    kind: ClassVar[EntryKind]

    at: datetime
    note: str = ""
    tags: tuple[str, ...] = ()
    id: int | None = None
    uid: str = field(default_factory=new_uid)

    @property
    def day(self) -> date:
        """The local calendar day of the entry, in the offset it was logged in."""
        return self.at.date()


@dataclass(frozen=True, kw_only=True)
class Meal(Entry):
    kind: ClassVar[EntryKind] = EntryKind.MEAL

    meal_type: MealType = MealType.SNACK
    items: str = ""
    carbs_g: float | None = None
    added_sugar_g: float | None = None
    fibre_g: float | None = None
    protein_g: float | None = None


@dataclass(frozen=True, kw_only=True)
class Exercise(Entry):
    kind: ClassVar[EntryKind] = EntryKind.EXERCISE

    activity: str = "walk"
    minutes: int = 30
    intensity: Intensity = Intensity.MODERATE
    rpe: int | None = None
    steps: int | None = None


@dataclass(frozen=True, kw_only=True)
class StressCheck(Entry):
    kind: ClassVar[EntryKind] = EntryKind.STRESS

    stress: int = 5
    mood: int | None = None
    sources: tuple[str, ...] = ()
    coping: str = ""
    coping_helped: bool | None = None


@dataclass(frozen=True, kw_only=True)
class Sleep(Entry):
    """A night's sleep, dated by the wake-up moment ``at``."""

    kind: ClassVar[EntryKind] = EntryKind.SLEEP

    hours: float = 7.0
    bedtime: datetime | None = None
    quality: int | None = None


@dataclass(frozen=True, kw_only=True)
class SymptomCheck(Entry):
    """Symptom scores 0-10, inside a flare (``flare_id``) or on any day."""

    kind: ClassVar[EntryKind] = EntryKind.SYMPTOMS

    scores: dict[str, int] = field(default_factory=dict)
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    bristol: int | None = None
    flare_id: int | None = None

    def __hash__(self) -> int:
        return hash((self.uid, self.at))

    @property
    def worst(self) -> int | None:
        return max(self.scores.values()) if self.scores else None


@dataclass(frozen=True, kw_only=True)
class Glucose(Entry):
    kind: ClassVar[EntryKind] = EntryKind.GLUCOSE

    mgdl: float = 100.0
    context: GlucoseContext = GlucoseContext.RANDOM
    source: GlucoseSource = GlucoseSource.METER
    flag: GlucoseFlag | None = None
    """Set when the meter showed HI or LO; ``mgdl`` then holds the meter's limit."""


@dataclass(frozen=True, kw_only=True)
class DoseLog(Entry):
    kind: ClassVar[EntryKind] = EntryKind.DOSE

    medication_id: int = 0
    status: DoseStatus = DoseStatus.TAKEN
    scheduled: time | None = None
    dose: str = ""


@dataclass(frozen=True, kw_only=True)
class LabResult(Entry):
    kind: ClassVar[EntryKind] = EntryKind.LAB

    test: str = "hba1c"
    value: float = 0.0


@dataclass(frozen=True, kw_only=True)
class TrackerValue(Entry):
    kind: ClassVar[EntryKind] = EntryKind.TRACKER

    tracker_id: int = 0
    value: float = 0.0


@dataclass(frozen=True, kw_only=True)
class Note(Entry):
    """A free note for the day; the text is the entry's ``note``."""

    kind: ClassVar[EntryKind] = EntryKind.NOTE


@dataclass(frozen=True, kw_only=True)
class BodyMeasure(Entry):
    """Weight, waist, blood pressure and pulse, any of them, measured at one moment."""

    kind: ClassVar[EntryKind] = EntryKind.BODY

    weight_kg: float | None = None
    waist_cm: float | None = None
    systolic_mmhg: int | None = None
    diastolic_mmhg: int | None = None
    pulse_bpm: int | None = None


COMMON_FIELDS = frozenset({"at", "note", "tags", "id", "uid"})


def assemble(cls: type[E], values: dict[str, Any]) -> E:
    """``cls(**values)`` for an entry class, without its generated ``__init__``.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which
    costs three times what the values are worth when an import or a year's read builds tens
    of thousands of entries; this fills the instance's ``__dict__`` at once instead, in the
    fields' order as ``__init__`` would (``vars`` of an entry is compared on import).
    ``values`` must name fields only (the readers' plans are made from the kind registry,
    and a test checks each one); a field it leaves out takes its default.
    """
    entry = _new(cls)
    attributes = entry.__dict__
    template, unset = _template(cls)
    attributes.update(template)
    attributes.update(values)
    for name, factory in unset:
        if attributes[name] is _UNSET:
            if factory is None:
                raise TypeError(f"{cls.__name__} needs a value for {name!r}")
            attributes[name] = factory()
    return entry


_new = object.__new__
_UNSET: Any = object()
_Template = tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any] | None], ...]]
_TEMPLATES: dict[type, _Template] = {}


def _template(cls: type) -> _Template:
    """Every field of ``cls`` in order with its default (``_UNSET`` where there is none, or
    it is made by a factory), and those fields with their factory (None: required)."""
    found = _TEMPLATES.get(cls)
    if found is None:
        every = fields(cls)
        found = _TEMPLATES[cls] = (
            {f.name: _UNSET if f.default is MISSING else f.default for f in every},
            tuple(
                (f.name, None if f.default_factory is MISSING else f.default_factory)
                for f in every
                if f.default is MISSING
            ),
        )
    return found


# --- things that are not dated entries --------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FlareEpisode:
    """An autoimmune flare: open (``end`` is None) while it lasts."""

    start: date
    end: date | None = None
    condition: str = ""
    triggers: tuple[str, ...] = ()
    note: str = ""
    id: int | None = None
    uid: str = field(default_factory=new_uid)

    @property
    def ongoing(self) -> bool:
        return self.end is None

    def covers(self, day: date, *, as_of: date | None = None) -> bool:
        """Whether ``day`` is a day of this flare. Given ``as_of`` (today), an ongoing flare
        reaches only up to it: the days after it have not happened yet."""
        end = self.end if self.end is not None or as_of is None else as_of
        return self.start <= day and (end is None or day <= end)


@dataclass(frozen=True, kw_only=True)
class Medication:
    """Something the user takes, with the times of day it is due."""

    name: str
    dose: str = ""
    kind: MedicationKind = MedicationKind.MEDICATION
    times: tuple[time, ...] = ()
    active: bool = True
    note: str = ""
    periods: tuple[tuple[datetime, datetime | None], ...] = ()
    """When it was taken: (from, until) moments, until None while it still is. Its doses
    are due only inside these; none at all (older journals): due whenever active."""
    id: int | None = None
    uid: str = field(default_factory=new_uid)

    @property
    def label(self) -> str:
        return f"{self.name} {self.dose}".strip()


@dataclass(frozen=True, kw_only=True)
class Tracker:
    """A measure the user defines (water, steps, sunlight, cycle day ...)."""

    name: str
    type: TrackerType = TrackerType.NUMBER
    unit: str = ""
    active: bool = True
    id: int | None = None
    uid: str = field(default_factory=new_uid)


@dataclass(frozen=True, kw_only=True)
class Favourite:
    """A usual meal or activity the user re-logs in one action: a template entry."""

    name: str
    template: Meal | Exercise
    id: int | None = None
