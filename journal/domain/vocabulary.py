"""The fixed vocabularies of the journal: meal types, intensities, glucose contexts, symptoms ..."""

from __future__ import annotations

from enum import StrEnum


class EntryKind(StrEnum):
    """What an entry records; the value is stored in the database and in exports.

    Everything else about a kind (its words, fields and rules) is in the kind registry,
    ``journal.domain.kinds``.
    """

    MEAL = "meal"
    EXERCISE = "exercise"
    STRESS = "stress"
    SLEEP = "sleep"
    SYMPTOMS = "symptoms"
    GLUCOSE = "glucose"
    DOSE = "dose"
    LAB = "lab"
    TRACKER = "tracker"
    NOTE = "note"
    BODY = "body"


class MealType(StrEnum):
    BREAKFAST = "breakfast"
    LUNCH = "lunch"
    DINNER = "dinner"
    SNACK = "snack"
    DRINK = "drink"


class Intensity(StrEnum):
    LIGHT = "light"
    MODERATE = "moderate"
    VIGOROUS = "vigorous"


class GlucoseContext(StrEnum):
    FASTING = "fasting"
    BEFORE_MEAL = "before meal"
    AFTER_MEAL = "after meal"
    BEDTIME = "bedtime"
    RANDOM = "random"


class GlucoseFlag(StrEnum):
    """A meter's "HI" or "LO": the reading was beyond what the meter can measure, and is
    stored at the meter's limit."""

    HIGH = "high"
    LOW = "low"


class GlucoseSource(StrEnum):
    METER = "meter"
    CGM = "cgm"
    LAB = "lab"


class DoseStatus(StrEnum):
    TAKEN = "taken"
    LATE = "late"
    SKIPPED = "skipped"


class MedicationKind(StrEnum):
    MEDICATION = "medication"
    SUPPLEMENT = "supplement"


class TrackerType(StrEnum):
    NUMBER = "number"
    SCALE = "scale"
    YES_NO = "yes/no"


# Meal qualities offered as one-click tags (DESIGN.md); users may add their own.
MEAL_QUALITY_TAGS: tuple[str, ...] = (
    "vegetables",
    "whole grains",
    "lean protein",
    "healthy fats",
    "fermented",
    "prebiotic fibre",
    "antioxidant-rich",
    "processed",
    "high sugar",
    "fried",
    "gluten",
    "dairy",
    "alcohol",
)

SYMPTOMS: tuple[str, ...] = (
    "pain",
    "fatigue",
    "stiffness",
    "swelling",
    "rash",
    "brain fog",
    "digestive",
    "bloating",
)

# Symptoms for which the body regions matter.
REGIONAL_SYMPTOMS: frozenset[str] = frozenset({"pain", "stiffness", "swelling", "rash"})

BODY_REGIONS: tuple[str, ...] = (
    "head",
    "neck",
    "shoulders",
    "back",
    "chest",
    "abdomen",
    "hands",
    "wrists",
    "elbows",
    "hips",
    "knees",
    "ankles",
    "feet",
    "skin",
)

STRESS_SOURCES: tuple[str, ...] = ("work", "family", "money", "health", "sleep", "social")

COPING_PRACTICES: tuple[str, ...] = (
    "breathing",
    "mindfulness",
    "walk",
    "stretching",
    "talking to someone",
    "rest",
    "journaling",
)

CONDITIONS: tuple[str, ...] = (
    "rheumatoid arthritis",
    "lupus",
    "Hashimoto's",
    "psoriasis",
    "psoriatic arthritis",
    "IBD",
    "celiac disease",
    "multiple sclerosis",
)

FLARE_TRIGGERS: tuple[str, ...] = (
    "poor sleep",
    "stress",
    "infection",
    "missed medication",
    "food",
    "weather",
    "overexertion",
    "menstrual cycle",
)
