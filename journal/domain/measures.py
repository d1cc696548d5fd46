"""The measure registry: one definition of every daily measure.

A daily measure is one number per local day (the carbohydrates eaten, the active minutes,
the mean stress, the fasting glucose ...). Each is defined here once: which entries it
reads, how a day reduces them, its unit, whether a day without such entries counts as zero
or as "not recorded", and how weeks and months aggregate it. Today's summary, goal
progress and the charts all read measures by name (and, later, insights and the report),
so the three can never disagree about what "carbs on Tuesday" means.

The reads are plain descriptions: ``journal.store.measure_queries`` turns them into SQL
and ``journal.analysis.daily`` into arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from journal.domain.text import is_digits
from journal.domain.units import Quantity
from journal.domain.vocabulary import DoseStatus, EntryKind, GlucoseContext, Intensity


class DayReduce(StrEnum):
    """How a day's values become the day's number."""

    SUM = "sum"
    MEAN = "mean"
    MAX = "max"
    MIN = "min"
    COUNT = "count"


class PeriodReduce(StrEnum):
    """How the days of a week or month become one number for a chart or a report."""

    SUM = "sum"
    MEAN = "mean"
    """The mean per day that has a value (a logged day), never per calendar day."""
    MAX = "max"


class Absent(StrEnum):
    """What a day holds when it has none of the entries a measure reads."""

    GAP = "not recorded"
    ZERO_IF_LOGGED = "zero on a logged day"
    """A day with anything logged counts 0 (no exercise logged on a logged day is 0 minutes);
    a day with nothing logged at all is still "not recorded"."""
    ZERO_IF_KIND = "zero on a day with the kind"
    """0 on a day with entries of the kind (meals, none tagged gluten), else not recorded."""


@dataclass(frozen=True)
class Cut:
    """A day's number turned into yes (1) or no (0): below a limit, or at least a limit."""

    below: float | None = None
    at_least: float | None = None


Condition = tuple[str, tuple[str | int, ...]]


@dataclass(frozen=True)
class ColumnRead:
    """A detail column of one kind (None: count the entries), reduced over each day.

    ``where`` keeps entries whose column holds one of the values; with ``every_day_of_kind``
    a day whose entries all fail it still has a value (0 for a count), like a day of
    skipped doses: none taken, rather than not recorded. ``of`` chooses the entries that
    count at all, always (one medication's doses: a day without them is not recorded, even
    with ``every_day_of_kind``). ``weights`` multiplies each value by a weight looked up
    from another column (``(column, ((value, weight), ...))``, other values weigh 0).
    ``cut`` turns the day's number into 1 or 0 (a night under 6 h).
    """

    kind: EntryKind
    column: str | None
    reduce: DayReduce
    where: tuple[Condition, ...] = ()
    weights: tuple[str, tuple[tuple[str, float], ...]] | None = None
    every_day_of_kind: bool = False
    of: tuple[Condition, ...] = ()
    cut: Cut | None = None


@dataclass(frozen=True)
class TagRead:
    """How many of a kind's entries of the day carry ``tag``."""

    kind: EntryKind
    tag: str


@dataclass(frozen=True)
class ScoreRead:
    """The highest symptom score of the day: of one symptom, or of any (``symptom`` None);
    ``flare_days_only`` keeps check-ins of a flare or on a day a flare covers."""

    symptom: str | None = None
    flare_days_only: bool = False


@dataclass(frozen=True)
class TrackerRead:
    """A custom tracker's values of the day, reduced."""

    tracker_id: int
    reduce: DayReduce


@dataclass(frozen=True)
class FlareRead:
    """Flare episodes by day: 1 on each day an episode covers (an open one up to the range's
    end); with ``onset``, 1 on each episode's first day and 0 on its other days."""

    onset: bool = False


@dataclass(frozen=True)
class ReadingRead:
    """The day's historic CGM readings (the reading stream, not entries), reduced; with
    ``in_range`` the day's value is the percent of them within [low, high] mg/dL."""

    reduce: DayReduce
    in_range: tuple[float, float] | None = None


Read = ColumnRead | TagRead | ScoreRead | TrackerRead | FlareRead | ReadingRead


@dataclass(frozen=True)
class Measure:
    """One daily measure. ``unit`` is the canonical (stored) unit; ``quantity`` says when the
    user sees it in a unit of their choice (glucose in mmol/L)."""

    name: str
    label: str
    unit: str
    read: Read
    period: PeriodReduce
    absent: Absent = Absent.GAP
    decimals: int = 0
    quantity: Quantity | None = None
    plausible_max: float = 100_000.0
    """The largest daily value (or weekly total) a target may sensibly have."""
    description: str = field(default="", compare=False)

    @property
    def kind(self) -> EntryKind | None:
        """The entry kind the measure reads; None for CGM readings, which are not entries."""
        read = self.read
        if isinstance(read, ScoreRead | FlareRead):
            # Flare episodes are not entries; their daily check-ins are symptoms.
            return EntryKind.SYMPTOMS
        if isinstance(read, TrackerRead):
            return EntryKind.TRACKER
        if isinstance(read, ReadingRead):
            return None
        return read.kind

    @property
    def additive(self) -> bool:
        """Whether the days of a week add up (minutes do; an average glucose does not)."""
        read = self.read
        if isinstance(read, TagRead):
            return True
        if isinstance(read, ColumnRead) and read.cut is not None:
            return True  # days that were short nights add up
        if isinstance(read, ColumnRead | TrackerRead):
            return read.reduce in (DayReduce.SUM, DayReduce.COUNT)
        if isinstance(read, ReadingRead):
            return read.in_range is None and read.reduce is DayReduce.COUNT
        return isinstance(read, FlareRead)


_TAKEN = (DoseStatus.TAKEN.value, DoseStatus.LATE.value)
# A night under 6 h: well short of the 7 h or more adults need (AASM and Sleep Research
# Society consensus, Watson et al., Sleep 2015), and the cut the demo plants its flares on.
SHORT_NIGHT_HOURS = 6.0
# A day with a stress check-in of 7 or more on the 0-10 scale: the top third of the scale.
HIGH_STRESS = 7.0


def _column(
    kind: EntryKind,
    column: str | None,
    reduce: DayReduce,
    *where: tuple[str, tuple[str, ...]],
) -> ColumnRead:
    return ColumnRead(kind, column, reduce, tuple(where))


_FIXED: tuple[Measure, ...] = (
    Measure(
        "carbs_g",
        "Carbohydrates",
        "g",
        _column(EntryKind.MEAL, "carbs_g", DayReduce.SUM),
        PeriodReduce.MEAN,
        plausible_max=3_500,
    ),
    Measure(
        "added_sugar_g",
        "Added sugar",
        "g",
        _column(EntryKind.MEAL, "added_sugar_g", DayReduce.SUM),
        PeriodReduce.MEAN,
        plausible_max=3_500,
    ),
    Measure(
        "fibre_g",
        "Fibre",
        "g",
        _column(EntryKind.MEAL, "fibre_g", DayReduce.SUM),
        PeriodReduce.MEAN,
        plausible_max=1_000,
    ),
    Measure(
        "meals",
        "Meals",
        "meals",
        _column(EntryKind.MEAL, None, DayReduce.COUNT),
        PeriodReduce.MEAN,
        plausible_max=50,
    ),
    Measure(
        "active_minutes",
        "Active minutes",
        "min",
        _column(EntryKind.EXERCISE, "minutes", DayReduce.SUM),
        PeriodReduce.MEAN,
        absent=Absent.ZERO_IF_LOGGED,
        plausible_max=10_080,
    ),
    Measure(
        "vigorous_minutes",
        "Vigorous minutes",
        "min",
        ColumnRead(
            EntryKind.EXERCISE,
            "minutes",
            DayReduce.SUM,
            (("intensity", (Intensity.VIGOROUS.value,)),),
        ),
        PeriodReduce.MEAN,
        absent=Absent.ZERO_IF_LOGGED,
        plausible_max=10_080,
    ),
    Measure(
        "who_minutes",
        "WHO activity minutes",
        "min",
        # WHO 2020 guidelines on physical activity (Bull et al., Br J Sports Med 2020):
        # 150-300 min of moderate or 75-150 min of vigorous activity a week, so a vigorous
        # minute counts as two moderate ones; light activity does not count.
        ColumnRead(
            EntryKind.EXERCISE,
            "minutes",
            DayReduce.SUM,
            weights=("intensity", (("moderate", 1.0), ("vigorous", 2.0))),
        ),
        PeriodReduce.MEAN,
        absent=Absent.ZERO_IF_LOGGED,
        plausible_max=20_160,
        description="Moderate minutes plus twice the vigorous minutes; light activity "
        "does not count (WHO 2020).",
    ),
    Measure(
        "stress_mean",
        "Stress (mean)",
        "0-10",
        _column(EntryKind.STRESS, "stress", DayReduce.MEAN),
        PeriodReduce.MEAN,
        decimals=1,
        plausible_max=10,
    ),
    Measure(
        "stress_max",
        "Stress (highest)",
        "0-10",
        _column(EntryKind.STRESS, "stress", DayReduce.MAX),
        PeriodReduce.MAX,
        plausible_max=10,
    ),
    Measure(
        "stress_high",
        "Stress 7 or more",
        "days",
        ColumnRead(EntryKind.STRESS, "stress", DayReduce.MAX, cut=Cut(at_least=HIGH_STRESS)),
        PeriodReduce.SUM,
        plausible_max=7,
    ),
    Measure(
        "mood",
        "Mood",
        "0-10",
        _column(EntryKind.STRESS, "mood", DayReduce.MEAN),
        PeriodReduce.MEAN,
        decimals=1,
        plausible_max=10,
    ),
    Measure(
        "stress_checkins",
        "Stress check-ins",
        "check-ins",
        _column(EntryKind.STRESS, None, DayReduce.COUNT),
        PeriodReduce.SUM,
        absent=Absent.ZERO_IF_LOGGED,
        plausible_max=500,
    ),
    Measure(
        "sleep_hours",
        "Sleep",
        "h",
        # Naps add to the night: the day's sleep is every sleep entry dated that day.
        _column(EntryKind.SLEEP, "hours", DayReduce.SUM),
        PeriodReduce.MEAN,
        decimals=1,
        plausible_max=24,
    ),
    Measure(
        "short_night",
        "Short night (under 6 h)",
        "nights",
        ColumnRead(EntryKind.SLEEP, "hours", DayReduce.SUM, cut=Cut(below=SHORT_NIGHT_HOURS)),
        PeriodReduce.SUM,
        plausible_max=7,
    ),
    Measure(
        "glucose_mean",
        "Glucose (daily mean)",
        "mg/dL",
        _column(EntryKind.GLUCOSE, "mgdl", DayReduce.MEAN),
        PeriodReduce.MEAN,
        quantity=Quantity.GLUCOSE,
        plausible_max=600,
    ),
    Measure(
        "glucose_min",
        "Glucose (lowest)",
        "mg/dL",
        _column(EntryKind.GLUCOSE, "mgdl", DayReduce.MIN),
        PeriodReduce.MEAN,
        quantity=Quantity.GLUCOSE,
        plausible_max=600,
    ),
    Measure(
        "glucose_max",
        "Glucose (highest)",
        "mg/dL",
        _column(EntryKind.GLUCOSE, "mgdl", DayReduce.MAX),
        PeriodReduce.MAX,
        quantity=Quantity.GLUCOSE,
        plausible_max=600,
    ),
    Measure(
        "glucose_fasting",
        "Fasting glucose",
        "mg/dL",
        _column(
            EntryKind.GLUCOSE,
            "mgdl",
            DayReduce.MEAN,
            ("context", (GlucoseContext.FASTING.value,)),
        ),
        PeriodReduce.MEAN,
        quantity=Quantity.GLUCOSE,
        plausible_max=600,
    ),
    Measure(
        "glucose_after_meal",
        "After-meal glucose",
        "mg/dL",
        _column(
            EntryKind.GLUCOSE,
            "mgdl",
            DayReduce.MEAN,
            ("context", (GlucoseContext.AFTER_MEAL.value,)),
        ),
        PeriodReduce.MEAN,
        quantity=Quantity.GLUCOSE,
        plausible_max=600,
    ),
    Measure(
        "glucose_checks",
        "Glucose checks",
        "checks",
        _column(EntryKind.GLUCOSE, None, DayReduce.COUNT),
        PeriodReduce.SUM,
        absent=Absent.ZERO_IF_LOGGED,
        plausible_max=500,
    ),
    # CGM readings (historic ones: the sensor's own record every 5 or 15 minutes). The range
    # is the consensus's 70-180 mg/dL (Battelino et al., Diabetes Care 2019).
    Measure(
        "cgm_mean",
        "CGM glucose (daily mean)",
        "mg/dL",
        ReadingRead(DayReduce.MEAN),
        PeriodReduce.MEAN,
        quantity=Quantity.GLUCOSE,
        plausible_max=600,
    ),
    Measure(
        "cgm_min",
        "CGM glucose (lowest)",
        "mg/dL",
        ReadingRead(DayReduce.MIN),
        PeriodReduce.MEAN,
        quantity=Quantity.GLUCOSE,
        plausible_max=600,
    ),
    Measure(
        "cgm_max",
        "CGM glucose (highest)",
        "mg/dL",
        ReadingRead(DayReduce.MAX),
        PeriodReduce.MAX,
        quantity=Quantity.GLUCOSE,
        plausible_max=600,
    ),
    Measure(
        "cgm_tir_pct",
        "Time in range 70-180 mg/dL (CGM)",
        "%",
        ReadingRead(DayReduce.MEAN, in_range=(70.0, 180.0)),
        PeriodReduce.MEAN,
        decimals=0,
        plausible_max=100,
        description="Share of the day's CGM readings from 70 to 180 mg/dL (Battelino 2019).",
    ),
    Measure(
        "cgm_readings",
        "CGM readings",
        "readings",
        ReadingRead(DayReduce.COUNT),
        PeriodReduce.SUM,
        plausible_max=1_500,
    ),
    Measure(
        "symptoms_worst",
        "Worst symptom",
        "0-10",
        ScoreRead(),
        PeriodReduce.MAX,
        plausible_max=10,
    ),
    Measure(
        "flare_severity",
        "Flare severity",
        "0-10",
        ScoreRead(flare_days_only=True),
        PeriodReduce.MAX,
        plausible_max=10,
    ),
    Measure(
        "in_flare",
        "In a flare",
        "days",
        FlareRead(),
        PeriodReduce.SUM,
        absent=Absent.ZERO_IF_LOGGED,
        plausible_max=7,
    ),
    Measure(
        "flare_onset",
        "Flare onset",
        "flares",
        FlareRead(onset=True),
        PeriodReduce.SUM,
        absent=Absent.ZERO_IF_LOGGED,
        plausible_max=7,
    ),
    Measure(
        "doses_taken",
        "Doses taken",
        "doses",
        ColumnRead(
            EntryKind.DOSE,
            None,
            DayReduce.COUNT,
            (("status", _TAKEN),),
            every_day_of_kind=True,
        ),
        PeriodReduce.SUM,
        absent=Absent.ZERO_IF_KIND,
        plausible_max=500,
    ),
    Measure(
        "weight_kg",
        "Weight",
        "kg",
        _column(EntryKind.BODY, "weight_kg", DayReduce.MEAN),
        PeriodReduce.MEAN,
        decimals=1,
        quantity=Quantity.WEIGHT,
        plausible_max=400,
    ),
    Measure(
        "waist_cm",
        "Waist",
        "cm",
        _column(EntryKind.BODY, "waist_cm", DayReduce.MEAN),
        PeriodReduce.MEAN,
        decimals=1,
        quantity=Quantity.LENGTH,
        plausible_max=250,
    ),
    Measure(
        "systolic_mmhg",
        "Blood pressure (systolic)",
        "mmHg",
        _column(EntryKind.BODY, "systolic_mmhg", DayReduce.MEAN),
        PeriodReduce.MEAN,
        plausible_max=260,
    ),
    Measure(
        "diastolic_mmhg",
        "Blood pressure (diastolic)",
        "mmHg",
        _column(EntryKind.BODY, "diastolic_mmhg", DayReduce.MEAN),
        PeriodReduce.MEAN,
        plausible_max=160,
    ),
    Measure(
        "pulse_bpm",
        "Pulse",
        "bpm",
        _column(EntryKind.BODY, "pulse_bpm", DayReduce.MEAN),
        PeriodReduce.MEAN,
        plausible_max=250,
    ),
)

MEASURES: dict[str, Measure] = {m.name: m for m in _FIXED}

# Families of measures with a parameter after the colon: "meal_tag:gluten", "symptom:pain",
# "tracker:3" (a tracker's id, with its type's day reduction), "doses_missed:2" (a
# medication's id).
FAMILIES = ("meal_tag", "symptom", "tracker", "doses_missed")


def meal_tag_measure(tag: str) -> Measure:
    return Measure(
        f"meal_tag:{tag}",
        f"Meals tagged {tag}",
        "meals",
        TagRead(EntryKind.MEAL, tag),
        PeriodReduce.SUM,
        absent=Absent.ZERO_IF_KIND,
        plausible_max=50,
    )


def symptom_measure(symptom: str) -> Measure:
    return Measure(
        f"symptom:{symptom}",
        symptom.capitalize(),
        "0-10",
        ScoreRead(symptom),
        PeriodReduce.MAX,
        plausible_max=10,
    )


def tracker_measure(tracker_id: int, name: str, unit: str, reduce: DayReduce) -> Measure:
    """A custom tracker: numbers add up over a day (glasses of water), a 0-10 scale is
    averaged, yes/no is "yes" if any answer that day was yes (the maximum)."""
    return Measure(
        f"tracker:{tracker_id}",
        name,
        unit,
        TrackerRead(tracker_id, reduce),
        PeriodReduce.MEAN,
        decimals=1,
    )


def doses_missed_measure(medication_id: int, name: str = "") -> Measure:
    """Doses of one medication logged as skipped on a day; a day without any of its doses
    logged is "not recorded" (nothing says whether they were taken)."""
    return Measure(
        f"doses_missed:{medication_id}",
        f"Doses missed: {name}" if name else "Doses missed",
        "doses",
        ColumnRead(
            EntryKind.DOSE,
            None,
            DayReduce.COUNT,
            (("status", (DoseStatus.SKIPPED.value,)),),
            every_day_of_kind=True,
            of=(("medication_id", (medication_id,)),),
        ),
        PeriodReduce.SUM,
        plausible_max=500,
    )


# Trackers with one of these names hold the day of the menstrual cycle (1 = first day of
# the period); Insights reads their first days as a factor.
CYCLE_DAY_TRACKER_NAMES = ("cycle day", "cycle", "day of cycle", "menstrual cycle day")


def is_cycle_day_tracker(name: str) -> bool:
    return name.strip().lower() in CYCLE_DAY_TRACKER_NAMES


def measure(name: str) -> Measure:
    """The measure called ``name``; KeyError for one this version does not define.

    Tracker measures need the tracker (its name and type): see :func:`tracker_measure`.
    """
    if name in MEASURES:
        return MEASURES[name]
    family, _, parameter = name.partition(":")
    if family == "meal_tag" and parameter:
        return meal_tag_measure(parameter)
    if family == "symptom" and parameter:
        return symptom_measure(parameter)
    if family == "doses_missed" and is_digits(parameter):
        return doses_missed_measure(int(parameter))
    raise KeyError(f"No daily measure is called {name!r}.")
