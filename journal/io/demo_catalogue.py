"""What the demo person eats, does, takes and writes: the fixed content of the demo journal.

Nutrient values are rough per-portion estimates of the kind a user would type (carbohydrate,
added sugar, fibre and protein in grams), close to common food-label values; they make the
demo believable, they are not a nutrition reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from journal.domain.vocabulary import Intensity, MealType, MedicationKind, TrackerType


@dataclass(frozen=True)
class Food:
    """A usual meal: what it is, its nutrients per portion, and its qualities (tags)."""

    items: str
    carbs_g: float
    added_sugar_g: float
    fibre_g: float
    protein_g: float
    tags: tuple[str, ...] = ()

    @property
    def comfort(self) -> bool:
        """Food people reach for when tired or stressed (processed, sugary or fried)."""
        return bool({"processed", "high sugar", "fried"} & set(self.tags))


@dataclass(frozen=True)
class Activity:
    """A kind of exercise and the range of minutes a session of it usually lasts."""

    name: str
    intensity: Intensity
    minutes: tuple[int, int]
    steps_per_minute: int | None = None
    gentle: bool = False
    """Still possible on a flare day."""


def _foods(*rows: tuple[str, float, float, float, float, str]) -> tuple[Food, ...]:
    return tuple(
        Food(items, carbs, sugar, fibre, protein, tuple(t for t in tags.split(", ") if t))
        for items, carbs, sugar, fibre, protein, tags in rows
    )


# fmt: off
# Each row: what was eaten; carbohydrate, added sugar, fibre, protein (g); qualities.
BREAKFASTS: tuple[Food, ...] = _foods(
    ("porridge oats with blueberries and walnuts", 45, 0, 7, 10,
     "whole grains, antioxidant-rich, healthy fats, prebiotic fibre"),
    ("Greek yoghurt with berries and seeds", 22, 0, 5, 18,
     "dairy, fermented, antioxidant-rich, healthy fats"),
    ("two eggs on wholegrain toast with spinach", 28, 1, 5, 20,
     "whole grains, vegetables, lean protein, gluten"),
    ("wholegrain toast with peanut butter and banana", 52, 3, 7, 14,
     "whole grains, healthy fats, gluten"),
    ("vegetable omelette", 8, 0, 3, 19,
     "vegetables, lean protein"),
    ("chia pudding with kiwi", 30, 4, 12, 8,
     "prebiotic fibre, antioxidant-rich, healthy fats"),
    ("kefir smoothie with spinach and berries", 35, 0, 6, 12,
     "fermented, vegetables, antioxidant-rich, dairy"),
    ("bowl of frosted cereal with milk", 55, 18, 2, 8,
     "processed, high sugar, dairy, gluten"),
    ("croissant and orange juice", 58, 12, 2, 6,
     "processed, high sugar, gluten"),
    ("pancakes with maple syrup", 75, 28, 2, 9,
     "processed, high sugar, gluten, dairy"),
)

LUNCHES: tuple[Food, ...] = _foods(
    ("lentil soup with rye bread", 55, 0, 14, 18,
     "prebiotic fibre, whole grains, vegetables, gluten"),
    ("quinoa salad with chickpeas and feta", 50, 0, 10, 18,
     "whole grains, vegetables, dairy, prebiotic fibre"),
    ("chicken salad with olive oil dressing", 12, 1, 5, 32,
     "vegetables, lean protein, healthy fats"),
    ("tuna and salad wholegrain wrap", 42, 1, 6, 26,
     "whole grains, lean protein, vegetables, gluten"),
    ("vegetable curry with brown rice", 65, 2, 9, 14,
     "whole grains, vegetables, prebiotic fibre, antioxidant-rich"),
    ("sardines on sourdough with tomatoes", 38, 0, 4, 24,
     "fermented, healthy fats, lean protein, gluten"),
    ("bean and vegetable chilli", 48, 2, 15, 20,
     "prebiotic fibre, vegetables, antioxidant-rich"),
    ("hummus, falafel and salad plate", 45, 0, 11, 15,
     "vegetables, healthy fats, prebiotic fibre, fried"),
    ("sushi box", 70, 8, 2, 18,
     "lean protein"),
    ("ham and cheese baguette", 62, 3, 2, 24,
     "processed, gluten, dairy"),
    ("burger and fries", 85, 8, 4, 30,
     "processed, fried, gluten"),
    ("instant noodles", 55, 3, 2, 8,
     "processed, gluten"),
)

DINNERS: tuple[Food, ...] = _foods(
    ("salmon, roasted vegetables and new potatoes", 40, 0, 7, 34,
     "healthy fats, lean protein, vegetables"),
    ("wholewheat pasta with tomato sauce and tuna", 80, 4, 10, 30,
     "whole grains, lean protein, vegetables, gluten"),
    ("stir-fried tofu with vegetables and rice", 60, 3, 6, 22,
     "vegetables, lean protein"),
    ("chicken, broccoli and sweet potato", 45, 0, 8, 38,
     "lean protein, vegetables, antioxidant-rich"),
    ("beef and bean stew with barley", 55, 1, 12, 34,
     "whole grains, prebiotic fibre, vegetables"),
    ("omelette with green salad", 6, 0, 3, 22,
     "vegetables, lean protein"),
    ("lentil dhal with spinach and basmati rice", 70, 0, 14, 20,
     "prebiotic fibre, vegetables, antioxidant-rich"),
    ("roast chicken with sauerkraut and rye bread", 35, 0, 7, 36,
     "fermented, lean protein, gluten, whole grains"),
    ("white pasta carbonara", 95, 1, 3, 28,
     "gluten, dairy"),
    ("takeaway pizza", 110, 6, 5, 35,
     "processed, gluten, dairy"),
    ("fish and chips", 90, 1, 6, 30,
     "fried, gluten"),
    ("ready-meal lasagne", 60, 6, 4, 22,
     "processed, gluten, dairy"),
)

SNACKS: tuple[Food, ...] = _foods(
    ("apple with almond butter", 25, 0, 5, 4,
     "healthy fats, antioxidant-rich"),
    ("handful of mixed nuts", 6, 0, 3, 6,
     "healthy fats"),
    ("natural yoghurt", 7, 0, 0, 6,
     "dairy, fermented"),
    ("carrot sticks and hummus", 15, 0, 5, 5,
     "vegetables, prebiotic fibre"),
    ("banana", 27, 0, 3, 1,
     ""),
    ("cheese and oatcakes", 18, 0, 2, 10,
     "dairy, whole grains"),
    ("two squares of dark chocolate", 10, 6, 3, 2,
     "antioxidant-rich"),
    ("chocolate biscuits", 30, 15, 1, 2,
     "processed, high sugar, gluten"),
    ("slice of cake", 45, 28, 1, 4,
     "processed, high sugar, gluten, dairy"),
    ("packet of crisps", 15, 0, 1, 2,
     "processed, fried"),
)

DRINKS: tuple[Food, ...] = _foods(
    ("latte", 12, 0, 0, 8,
     "dairy"),
    ("kombucha", 8, 6, 0, 0,
     "fermented"),
    ("can of cola", 35, 35, 0, 0,
     "processed, high sugar"),
)
# fmt: on

# A glass of wine with a Friday or Saturday evening.
WINE = Food("glass of red wine", 4, 0, 0, 0, ("alcohol",))

MENU: dict[MealType, tuple[Food, ...]] = {
    MealType.BREAKFAST: BREAKFASTS,
    MealType.LUNCH: LUNCHES,
    MealType.DINNER: DINNERS,
    MealType.SNACK: SNACKS,
    MealType.DRINK: DRINKS,
}

ACTIVITIES: tuple[Activity, ...] = (
    Activity("walk", Intensity.LIGHT, (20, 60), steps_per_minute=105, gentle=True),
    Activity("brisk walk", Intensity.MODERATE, (25, 50), steps_per_minute=125),
    Activity("cycling", Intensity.MODERATE, (30, 75)),
    Activity("swimming", Intensity.MODERATE, (25, 50)),
    Activity("yoga", Intensity.LIGHT, (20, 60), gentle=True),
    Activity("strength training", Intensity.MODERATE, (20, 45)),
    Activity("tai chi", Intensity.LIGHT, (20, 40), gentle=True),
    Activity("gardening", Intensity.LIGHT, (30, 90)),
    Activity("spin class", Intensity.VIGOROUS, (30, 45)),
)
# How often each activity is chosen on an ordinary day (same order as ACTIVITIES).
ACTIVITY_WEIGHTS: tuple[float, ...] = (5, 3, 2, 1.5, 2, 1.2, 0.8, 0.8, 0.6)


@dataclass(frozen=True)
class MedicationPlan:
    name: str
    dose: str
    kind: MedicationKind
    times: tuple[time, ...]


# A daily plan suits a demo of one-click dose ticking; weekly methotrexate would leave most
# days without a due dose.
MEDICATIONS: tuple[MedicationPlan, ...] = (
    MedicationPlan("Metformin", "500 mg", MedicationKind.MEDICATION, (time(8), time(20))),
    MedicationPlan("Hydroxychloroquine", "200 mg", MedicationKind.MEDICATION, (time(8),)),
    MedicationPlan("Vitamin D", "1000 IU", MedicationKind.SUPPLEMENT, (time(8),)),
)


@dataclass(frozen=True)
class TrackerPlan:
    name: str
    type: TrackerType
    unit: str


WATER = TrackerPlan("Water", TrackerType.NUMBER, "glasses")
SUNLIGHT = TrackerPlan("Sunlight", TrackerType.YES_NO, "")

# Where a flare settles; RA typically affects the small joints of hands and feet symmetrically.
FLARE_REGIONS: tuple[tuple[str, ...], ...] = (
    ("hands", "wrists"),
    ("hands", "wrists", "knees"),
    ("knees", "ankles"),
    ("hands", "feet"),
    ("shoulders", "hands"),
    ("wrists", "elbows"),
)

OTHER_FLARE_TRIGGERS: tuple[str, ...] = ("weather", "infection", "overexertion", "food")

NOTES_ORDINARY: tuple[str, ...] = (
    "Felt well today.",
    "Good energy most of the day.",
    "Busy day at work, ate lunch at my desk.",
    "Dinner with friends, lovely evening.",
    "Weather turned cold; joints noticed it.",
    "Tried a new recipe. Will make it again.",
    "Long day; too tired to cook properly.",
    "Rheumatology appointment coming up - bring the summary.",
    "Quiet day at home.",
    "Remembered to drink more water today.",
)
NOTES_FLARE: tuple[str, ...] = (
    "Hands stiff this morning, took a while to get going.",
    "Swollen joints today; rested most of the afternoon.",
    "Called the clinic about the flare.",
    "Heavy fatigue. Kept things simple.",
    "Hard to open jars today.",
)
NOTES_STRESS: tuple[str, ...] = (
    "Deadline at work, tense all day.",
    "Family things weighing on me.",
    "Could not switch off this evening.",
)
NOTES_SHORT_SLEEP: tuple[str, ...] = (
    "Woke at 3 and could not get back to sleep.",
    "Slept badly, foggy all morning.",
)
NOTES_EXERCISE: tuple[str, ...] = (
    "Nice walk by the river.",
    "Swimming felt easy on the joints.",
    "Pleased I got out for some exercise.",
)
