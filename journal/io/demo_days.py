"""Turning the demo person's hidden days into the entries they would log.

Besides the person's state (``demo_person``), two relations are planted here:

- the 1-2 h after-meal glucose rises with the meal's carbohydrates
  (`POST_MEAL_PER_CARB_G` mg/dL per gram, less a little for fibre, plus noise);
- HbA1c follows the mean glucose of the 90 days before the test, through the ADAG relation
  eAG (mg/dL) = 28.7 x HbA1c - 46.7 (Nathan et al., Diabetes Care 2008).
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from journal.domain.entries import (
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
from journal.domain.vocabulary import (
    COPING_PRACTICES,
    DoseStatus,
    GlucoseContext,
    Intensity,
    MealType,
)
from journal.io.demo_catalogue import (
    MEDICATIONS,
    MENU,
    NOTES_EXERCISE,
    NOTES_FLARE,
    NOTES_ORDINARY,
    NOTES_SHORT_SLEEP,
    NOTES_STRESS,
    WINE,
    Food,
)
from journal.io.demo_person import HIGH_STRESS, FlarePlan, PersonDay

POST_MEAL_PER_CARB_G = 0.6
POST_MEAL_PER_FIBRE_G = 0.7
POST_MEAL_NOISE_MGDL = 11.0
HBA1C_WINDOW_DAYS = 90
LAB_INTERVAL_DAYS = (82, 98)

Minutes = int
"""Minutes after local midnight."""


@dataclass(frozen=True)
class DemoIds:
    """Ids of the rows that entries refer to, handed out by the writer."""

    medications: dict[str, int]
    """Medication id by name."""
    water: int
    sunlight: int
    flare: Callable[[FlarePlan], int]


@dataclass(frozen=True)
class _MainMeal:
    meal: Meal
    post_meal_mgdl: float


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _scale(value: float) -> int:
    return int(_clamp(round(value), 0, 10))


class DayWriter:
    """Writes each day's entries; remembers what HbA1c and yearly labs need from past days."""

    def __init__(
        self,
        rng: random.Random,
        tz: tzinfo,
        ids: DemoIds,
        new_uid: Callable[[], str],
        first: date,
        body_rng: random.Random | None = None,
    ) -> None:
        self.rng = rng
        # Body measures draw from their own generator, so adding them left every other
        # relation of the demo (and the tests that find them) exactly as it was.
        self.body_rng = body_rng or random.Random(0)
        self.weight_kg = 86.0
        self.tz = tz
        self.ids = ids
        self.uid = new_uid
        self.next_lab = first + timedelta(days=rng.randint(10, 45))
        self.yearly_panel_years: set[int] = set()
        # Burn-in days have no meals; they count as typical days.
        self.mean_glucose: deque[float] = deque(maxlen=HBA1C_WINDOW_DAYS)
        self.carbs: deque[float] = deque([170.0] * HBA1C_WINDOW_DAYS, maxlen=HBA1C_WINDOW_DAYS)
        self.added_sugar: deque[float] = deque([15.0] * HBA1C_WINDOW_DAYS, maxlen=HBA1C_WINDOW_DAYS)
        self.summer: deque[float] = deque(maxlen=60)
        self.active: deque[float] = deque(maxlen=HBA1C_WINDOW_DAYS)

    # --- helpers -------------------------------------------------------------------------

    def _at(self, day: date, minutes: Minutes) -> datetime:
        minutes = int(_clamp(minutes, 0, 24 * 60 - 1))
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.tz)

    def _chance(self, p: float) -> bool:
        return self.rng.random() < p

    # --- a day ---------------------------------------------------------------------------

    def day(self, p: PersonDay) -> Iterator[Entry]:
        """The entries of one day (none for burn-in days, which only feed the history)."""
        self.summer.append(p.summer)
        self.active.append(p.weekly_active_minutes)
        if not p.shown:
            self.mean_glucose.append(p.fasting_mgdl + 14)
            return
        lab_day = p.day >= self.next_lab
        wake = self.rng.randint(450, 525) if p.weekend else self.rng.randint(390, 435)
        yield self._sleep(p, wake)
        if lab_day or self._chance(0.82):
            yield Glucose(
                uid=self.uid(),
                at=self._at(p.day, wake + self.rng.randint(5, 25)),
                mgdl=float(p.fasting_mgdl),
                context=GlucoseContext.FASTING,
            )
        yield from self._doses(p)
        yield from self._meals(p, wake, lab_day)
        yield from self._exercise(p)
        yield from self._stress(p)
        yield from self._symptoms(p)
        yield from self._trackers(p)
        yield from self._note(p)
        yield from self._body(p, wake)
        if lab_day:
            yield from self._labs(p)
            self.next_lab = p.day + timedelta(days=self.rng.randint(*LAB_INTERVAL_DAYS))
        if p.flare is not None and p.flare.days >= 5 and p.day - p.flare.start == timedelta(2):
            yield from self._flare_visit(p)

    def _body(self, p: PersonDay, wake: Minutes) -> Iterator[BodyMeasure]:
        """Weight on most Monday mornings, waist on the first of the month, blood pressure
        and pulse every other Saturday; weight drifts down a little with activity."""
        rng = self.body_rng
        self.weight_kg += 0.004 * (140 - p.weekly_active_minutes) / 100 + rng.gauss(0, 0.03)
        self.weight_kg = _clamp(self.weight_kg, 70, 100)
        weighed = p.day.weekday() == 0 and rng.random() < 0.85
        waist = p.day.day == 1 and rng.random() < 0.8
        pressure = p.day.weekday() == 5 and p.day.isocalendar()[1] % 2 == 0
        if not (weighed or waist or pressure):
            return
        systolic = 124 + 0.8 * p.stress + 3 * p.flare_level / 10 + rng.gauss(0, 6)
        diastolic = min(systolic - 30, 80 + 0.4 * p.stress + rng.gauss(0, 4))
        yield BodyMeasure(
            uid=self.uid(),
            at=self._at(p.day, wake + rng.randint(10, 40)),
            weight_kg=round(self.weight_kg + rng.gauss(0, 0.35), 1) if weighed else None,
            waist_cm=round(0.9 * self.weight_kg + 17 + rng.gauss(0, 0.8), 1) if waist else None,
            systolic_mmhg=round(systolic) if pressure else None,
            diastolic_mmhg=round(diastolic) if pressure else None,
            pulse_bpm=round(68 + 0.6 * p.flare_level + rng.gauss(0, 5)) if pressure else None,
        )

    def _sleep(self, p: PersonDay, wake: Minutes) -> Sleep:
        at = self._at(p.day, wake)
        # Count back in UTC so a night across a clock change still lasts ``hours``.
        bedtime = (at.astimezone(UTC) - timedelta(hours=p.sleep_hours)).astimezone(self.tz)
        quality = 4.5 + 0.9 * (p.sleep_hours - 6.5) - 0.25 * max(0, p.stress_yesterday - 4)
        quality -= 0.2 * p.flare_level
        return Sleep(
            uid=self.uid(),
            at=at,
            hours=p.sleep_hours,
            bedtime=bedtime,
            quality=_scale(quality + self.rng.gauss(0, 1.1)),
        )

    def _doses(self, p: PersonDay) -> Iterator[DoseLog]:
        for plan in MEDICATIONS:
            for scheduled in plan.times:
                roll = self.rng.random()
                if roll < 0.03:
                    continue  # taken or not, it was never logged
                base = scheduled.hour * 60 + scheduled.minute
                if roll < 0.07:
                    status, minutes = DoseStatus.SKIPPED, base + self.rng.randint(0, 30)
                elif roll < 0.14:
                    status, minutes = DoseStatus.LATE, base + self.rng.randint(60, 180)
                else:
                    status, minutes = DoseStatus.TAKEN, base + self.rng.randint(-10, 25)
                yield DoseLog(
                    uid=self.uid(),
                    at=self._at(p.day, minutes),
                    medication_id=self.ids.medications[plan.name],
                    status=status,
                    scheduled=scheduled,
                    dose=plan.dose,
                )

    # --- meals and glucose -----------------------------------------------------------------

    def _comfort_weight(self, p: PersonDay) -> float:
        """How much more likely sugary, processed or fried food is today (tired, tense)."""
        weight = 0.35 * (1 + 0.35 * max(0, p.stress - 4))
        weight *= 1.6 if p.short_sleep else 1.0
        weight *= 1.6 if p.flare_level > 0 else 1.0
        return weight * (1.4 if p.weekend else 1.0)

    def _food(self, meal_type: MealType, comfort: float) -> Food:
        menu = MENU[meal_type]
        return self.rng.choices(menu, [comfort if f.comfort else 1.0 for f in menu])[0]

    def _meal(self, day: date, minutes: Minutes, meal_type: MealType, food: Food) -> Meal:
        portion = self.rng.uniform(0.85, 1.2)
        return Meal(
            uid=self.uid(),
            at=self._at(day, minutes),
            meal_type=meal_type,
            items=food.items,
            carbs_g=float(round(food.carbs_g * portion)),
            added_sugar_g=float(round(food.added_sugar_g * portion)),
            fibre_g=float(round(food.fibre_g * portion)),
            protein_g=float(round(food.protein_g * portion)),
            tags=tuple(sorted(food.tags)),
        )

    def _post_meal(self, p: PersonDay, meal: Meal) -> float:
        rise = POST_MEAL_PER_CARB_G * (meal.carbs_g or 0) - POST_MEAL_PER_FIBRE_G * (
            meal.fibre_g or 0
        )
        value = p.fasting_mgdl + max(0.0, rise) + self.rng.gauss(0, POST_MEAL_NOISE_MGDL)
        return float(round(_clamp(value, 70, 400)))

    def _meals(self, p: PersonDay, wake: Minutes, lab_day: bool) -> Iterator[Entry]:
        comfort = self._comfort_weight(p)
        breakfast_at = max(540, wake + 30) if lab_day else wake + self.rng.randint(25, 55)
        mains: list[_MainMeal] = []
        for meal_type, minutes in (
            (MealType.BREAKFAST, breakfast_at),
            (MealType.LUNCH, self.rng.randint(735, 795)),
            (MealType.DINNER, self.rng.randint(1110, 1170)),
        ):
            meal = self._meal(p.day, minutes, meal_type, self._food(meal_type, comfort))
            mains.append(_MainMeal(meal, self._post_meal(p, meal)))
        readings = self._post_meal_readings(p, mains)
        # A snack never comes between a meal and its after-meal reading: each reading claims
        # its quarter of the day (1 morning, 2 afternoon, 3 evening) and pushes that
        # quarter's snack after it.
        not_before = {g.at.hour // 6: g.at for g in readings}
        snacks = list(self._snacks(p, comfort, lab_day, not_before))
        self._remember_meals(p, [m.meal for m in mains] + snacks, mains)
        yield from (m.meal for m in mains)
        yield from readings
        yield from snacks

    def _post_meal_readings(self, p: PersonDay, mains: list[_MainMeal]) -> list[Glucose]:
        if not self._chance(0.4):
            return []
        chosen = self.rng.sample(mains, 2 if self._chance(0.3) else 1)
        return [
            Glucose(
                uid=self.uid(),
                at=m.meal.at + timedelta(minutes=self.rng.randint(60, 120)),
                mgdl=m.post_meal_mgdl,
                context=GlucoseContext.AFTER_MEAL,
            )
            for m in chosen
        ]

    def _snacks(
        self, p: PersonDay, comfort: float, lab_day: bool, not_before: dict[int, datetime]
    ) -> Iterator[Meal]:
        extra = 0.04 * max(0, p.stress - 4)
        slots = (
            (630, 0.3 if not (p.weekend or lab_day) else 0.0, 1),  # mid-morning
            (930, 0.35 + extra, 2),  # afternoon
            (1265, 0.2 + extra, 3),  # evening
        )
        for minutes, chance, quarter in slots:
            if not self._chance(chance):
                continue
            at = minutes + self.rng.randint(0, 40)
            after = not_before.get(quarter)
            if after is not None:
                at = max(at, after.hour * 60 + after.minute + 10)
            meal_type = MealType.DRINK if self._chance(0.15) else MealType.SNACK
            yield self._meal(p.day, at, meal_type, self._food(meal_type, comfort))
        if p.day.weekday() in (4, 5) and self._chance(0.4):
            after = not_before.get(3)
            at = max(1290, after.hour * 60 + after.minute + 10) if after else 1290
            yield self._meal(p.day, at + self.rng.randint(0, 30), MealType.DRINK, WINE)

    def _remember_meals(self, p: PersonDay, meals: list[Meal], mains: list[_MainMeal]) -> None:
        self.carbs.append(sum(m.carbs_g or 0 for m in meals))
        self.added_sugar.append(sum(m.added_sugar_g or 0 for m in meals))
        post_meal = sum(m.post_meal_mgdl for m in mains) / len(mains)
        # Roughly half the day is spent near the fasting level, half after meals.
        self.mean_glucose.append(0.5 * p.fasting_mgdl + 0.5 * post_meal)

    # --- exercise, stress, symptoms --------------------------------------------------------

    def _exercise(self, p: PersonDay) -> Iterator[Exercise]:
        if p.workout is None:
            return
        activity, minutes = p.workout.activity, p.workout.minutes
        start = self.rng.randint(600, 690) if p.weekend else self.rng.randint(1050, 1090)
        steps = None
        if activity.steps_per_minute is not None:
            steps = int(minutes * activity.steps_per_minute * self.rng.uniform(0.9, 1.1))
        rpe = None
        if self._chance(0.5):
            low = {Intensity.LIGHT: 2, Intensity.MODERATE: 4, Intensity.VIGOROUS: 7}
            rpe = low[activity.intensity] + self.rng.randint(0, 2)
        yield Exercise(
            uid=self.uid(),
            at=self._at(p.day, start),
            activity=activity.name,
            minutes=minutes,
            intensity=activity.intensity,
            rpe=rpe,
            steps=steps,
        )

    def _stress(self, p: PersonDay) -> Iterator[StressCheck]:
        if not self._chance(0.87):
            return
        mood = 7.6 - 0.45 * p.stress - 0.25 * p.flare_level + 0.3 * (p.sleep_hours - 7)
        sources: tuple[str, ...] = ()
        if p.stress >= 4:
            sources = tuple(sorted(set(self._stress_sources(p))))
        coping, helped = "", None
        if p.stress >= 3 and self._chance(0.7):
            coping = self.rng.choice(COPING_PRACTICES)
            helped = self.rng.choices((True, False, None), (0.65, 0.25, 0.1))[0]
        yield StressCheck(
            uid=self.uid(),
            at=self._at(p.day, self.rng.randint(1215, 1255)),
            stress=p.stress,
            mood=_scale(mood + self.rng.gauss(0, 0.9)),
            sources=sources,
            coping=coping,
            coping_helped=helped,
        )

    def _stress_sources(self, p: PersonDay) -> list[str]:
        # The names come from STRESS_SOURCES in the vocabulary.
        weights = {
            "work": 0.5 if p.weekend else 3.0,
            "family": 1.5,
            "money": 1.0,
            "health": 3.0 if p.flare_level > 0 else 0.7,
            "sleep": 2.0 if p.short_sleep else 0.3,
            "social": 0.6,
        }
        count = 2 if p.stress >= HIGH_STRESS or self._chance(0.3) else 1
        return self.rng.choices(list(weights), list(weights.values()), k=count)

    def _symptoms(self, p: PersonDay) -> Iterator[SymptomCheck]:
        if p.flare is not None:
            yield self._flare_check(p, p.flare)
            return
        if self._chance(0.07):
            aches = 1.2 + 0.5 * p.inflammation
            scores = {
                "pain": _scale(aches + self.rng.gauss(0, 0.8)),
                "fatigue": _scale(2.0 + 0.4 * (7 - p.sleep_hours) + self.rng.gauss(0, 0.8)),
                "stiffness": _scale(aches + self.rng.gauss(0, 0.8)),
            }
            yield SymptomCheck(
                uid=self.uid(),
                at=self._at(p.day, self.rng.randint(540, 600)),
                scores=scores,
                regions={"pain": ("hands",), "stiffness": ("hands",)},
            )
        if self._chance(0.05):
            yield SymptomCheck(
                uid=self.uid(),
                at=self._at(p.day, self.rng.randint(990, 1030)),
                scores={
                    "bloating": self.rng.randint(2, 6),
                    "digestive": self.rng.randint(1, 5),
                },
                bristol=self.rng.choice((2, 3, 4, 4, 5, 6)),
            )

    def _flare_check(self, p: PersonDay, flare: FlarePlan) -> SymptomCheck:
        level = p.flare_level
        gauss = self.rng.gauss
        scores = {
            "pain": _scale(level + 0.5 + gauss(0, 0.8)),
            "fatigue": _scale(0.9 * level + 0.3 * (7 - p.sleep_hours) + gauss(0, 0.8)),
            "stiffness": _scale(level + 0.3 + gauss(0, 0.8)),
            "swelling": _scale(0.8 * level + gauss(0, 0.9)),
        }
        if self._chance(0.4):
            scores["brain fog"] = _scale(0.6 * level + gauss(0, 1.0))
        return SymptomCheck(
            uid=self.uid(),
            at=self._at(p.day, self.rng.randint(510, 570)),
            scores=scores,
            regions={
                "pain": flare.regions,
                "stiffness": flare.regions,
                "swelling": flare.regions[:2],
            },
            flare_id=self.ids.flare(flare),
        )

    # --- trackers and notes ----------------------------------------------------------------

    def _trackers(self, p: PersonDay) -> Iterator[TrackerValue]:
        if self._chance(0.88):
            outside = 0.25 + 0.55 * p.summer - (0.2 if p.flare_level > 0 else 0.0)
            yield TrackerValue(
                uid=self.uid(),
                at=self._at(p.day, self.rng.randint(1020, 1110)),
                tracker_id=self.ids.sunlight,
                value=1.0 if self._chance(outside) else 0.0,
            )
        if self._chance(0.92):
            yield TrackerValue(
                uid=self.uid(),
                at=self._at(p.day, self.rng.randint(1240, 1258)),
                tracker_id=self.ids.water,
                value=float(self.rng.randint(4, 10)),
            )

    def _note(self, p: PersonDay) -> Iterator[Note]:
        first_flare_day = p.flare is not None and p.day == p.flare.start
        if not self._chance(0.5 if first_flare_day else 0.14):
            return
        if p.flare_level > 0:
            pool = NOTES_FLARE
        elif p.stress >= HIGH_STRESS:
            pool = NOTES_STRESS
        elif p.short_sleep:
            pool = NOTES_SHORT_SLEEP
        elif p.workout is not None and self._chance(0.3):
            pool = NOTES_EXERCISE
        else:
            pool = NOTES_ORDINARY
        yield Note(
            uid=self.uid(),
            at=self._at(p.day, self.rng.randint(1230, 1259)),
            note=self.rng.choice(pool),
        )

    # --- lab results -----------------------------------------------------------------------

    def _lab(self, day: date, minutes: Minutes, test: str, value: float) -> LabResult:
        return LabResult(uid=self.uid(), at=self._at(day, minutes), test=test, value=value)

    def _crp(self, p: PersonDay) -> float:
        return round(math.exp(self.rng.gauss(math.log(2.5), 0.35)) + 3.2 * p.inflammation, 1)

    def _labs(self, p: PersonDay) -> Iterator[LabResult]:
        minutes = self.rng.randint(500, 525)
        mean_glucose = sum(self.mean_glucose) / len(self.mean_glucose)
        hba1c = (mean_glucose + 46.7) / 28.7 + self.rng.gauss(0, 0.07)
        glucose = p.fasting_mgdl + self.rng.gauss(0, 3)
        insulin = 6 + 0.45 * (glucose - 85) + self.rng.gauss(0, 1.5)
        yield self._lab(p.day, minutes, "hba1c", round(hba1c, 1))
        yield self._lab(p.day, minutes, "fasting_glucose", float(round(glucose)))
        yield self._lab(p.day, minutes, "fasting_insulin", round(_clamp(insulin, 2, 60), 1))
        yield self._lab(p.day, minutes, "crp", self._crp(p))
        if p.day.year in self.yearly_panel_years:
            return
        self.yearly_panel_years.add(p.day.year)
        yield from self._yearly_panel(p, minutes)

    def _yearly_panel(self, p: PersonDay, minutes: Minutes) -> Iterator[LabResult]:
        weekly = sum(self.active) / len(self.active)
        carbs = sum(self.carbs) / len(self.carbs)
        sugar = sum(self.added_sugar) / len(self.added_sugar)
        summer = sum(self.summer) / len(self.summer)
        tsh = math.exp(self.rng.gauss(math.log(2.1), 0.25))
        vitamin_d = 26 + 14 * summer + self.rng.gauss(0, 3)
        hdl = 38 + 0.03 * weekly + self.rng.gauss(0, 3)
        triglycerides = 130 + 0.5 * (carbs - 150) + 1.2 * sugar - 0.08 * weekly
        triglycerides += self.rng.gauss(0, 12)
        yield self._lab(p.day, minutes, "tsh", round(tsh, 2))
        yield self._lab(p.day, minutes, "vitamin_d", float(round(vitamin_d)))
        yield self._lab(p.day, minutes, "hdl", float(round(hdl)))
        yield self._lab(
            p.day, minutes, "triglycerides", float(round(_clamp(triglycerides, 40, 600)))
        )

    def _flare_visit(self, p: PersonDay) -> Iterator[LabResult]:
        """Blood taken at the clinic during a long flare: inflammation markers."""
        if not self._chance(0.7):
            return
        minutes = self.rng.randint(630, 690)
        yield self._lab(p.day, minutes, "crp", self._crp(p))
        esr = 12 + 3 * p.inflammation + self.rng.gauss(0, 3)
        yield self._lab(p.day, minutes, "esr", float(round(_clamp(esr, 2, 120))))
