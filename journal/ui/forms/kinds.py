"""What each entry kind's form holds: its fields, its defaults (now, last used values), its
title, and the few rules that tie its fields together. The dialog is the same for every kind."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QStackedWidget, QWidget

from journal.domain.defaults import glucose_context_at, meal_type_at, nearest_time
from journal.domain.entries import (
    Exercise,
    FlareEpisode,
    Glucose,
    LabResult,
    Medication,
    Sleep,
    Tracker,
    TrackerValue,
)
from journal.domain.kinds import (
    METER_HIGH_MGDL,
    METER_LOW_MGDL,
    Widget,
    choice_options,
    kind_spec,
    label_of,
)
from journal.domain.labs import LAB_TESTS, LabTest, LabUnit, shown_unit
from journal.domain.units import (
    Conversion,
    GlucoseUnit,
    UnitPreferences,
    conversion,
    glucose_from_mgdl,
    glucose_to_mgdl,
)
from journal.domain.vocabulary import (
    COPING_PRACTICES,
    MEAL_QUALITY_TAGS,
    STRESS_SOURCES,
    DoseStatus,
    EntryKind,
    GlucoseFlag,
    GlucoseSource,
    Intensity,
    MealType,
    TrackerType,
)
from journal.ui.forms.fields import (
    ChoiceField,
    ComboField,
    Field,
    FieldGroup,
    FieldRow,
    InputError,
    ListManager,
    MomentField,
    NoteField,
    NumberField,
    ScaleField,
    SuggestTextField,
    TagsField,
    TextField,
    TimeTextField,
    Values,
    format_clock,
    format_number,
    make_scale_field,
    muted_label,
)
from journal.ui.forms.inputs import ChoiceRow, ScaleInput, action_button
from journal.ui.forms.panel import ROW_SPACING, FormPanel
from journal.ui.forms.symptoms import SymptomScoresField, describe_bristol
from journal.ui.forms.text_inputs import NumberEdit

ACTIVITIES: tuple[str, ...] = (
    "walk",
    "run",
    "cycling",
    "swimming",
    "yoga",
    "strength training",
    "stretching",
    "dancing",
    "gardening",
    "housework",
)

if TYPE_CHECKING:
    from journal.services import Services


Convert = Callable[[float], float]


@dataclass
class FormContext:
    """What a form needs to know to fill its defaults."""

    services: Services
    units: UnitPreferences
    now: datetime
    editing: bool
    parent: QWidget | None = None


def _options(enum_labels: Mapping[Any, str]) -> list[tuple[Any, str]]:
    return list(enum_labels.items())


def registry_field(kind: EntryKind, name: str, units: UnitPreferences) -> Field:
    """The input the kind registry describes for a field: its label, unit (in the user's
    unit where they chose one) and widget. Forms with nothing special are built from these."""
    spec = kind_spec(kind).field(name)
    optional = not spec.required
    if spec.widget in (Widget.NUMBER, Widget.WHOLE):
        shown = conversion(spec.quantity, units) if spec.quantity else Conversion(spec.unit)
        decimals = shown.decimals if spec.quantity else spec.decimals
        return NumberField(
            name,
            spec.label,
            unit=shown.unit,
            optional=optional,
            whole=spec.widget is Widget.WHOLE,
            decimals=decimals,
            to_storage=shown.stored,
            from_storage=shown.shown,
        )
    if spec.widget is Widget.SCALE:
        return ScaleField(name, spec.label, optional=optional)
    if spec.widget is Widget.CHOICE and spec.enum is not None:
        return ChoiceField(name, spec.label, choice_options(kind, name), optional=optional)
    if spec.widget is Widget.YES_NO:
        return ChoiceField(name, spec.label, [(True, "Yes"), (False, "No")], optional=True)
    if spec.widget is Widget.TAGS:
        return TagsField(name, spec.label)
    return TextField(name, spec.label, optional=optional)


class KindForm:
    """The part of a form that differs by entry kind."""

    kind: ClassVar[EntryKind]
    focus: ClassVar[str] = ""
    """The field that has the keyboard when the form opens."""
    suggested_tags: ClassVar[tuple[str, ...]] = ()
    tags_label: ClassVar[str] = "Tags"
    moment_label: ClassVar[str] = "When"
    row_spacing: ClassVar[int] = ROW_SPACING
    """Between the rows of the form: a list of ratings reads as one list when closer."""

    def __init__(self, ctx: FormContext) -> None:
        self.ctx = ctx
        self.journal = ctx.services.journal

    # --- defaults ----------------------------------------------------------------------

    def default_moment(self, day: date | None) -> datetime:
        now = self.ctx.now
        if day is None or day == now.date():
            return now
        return self.journal.clock.localize(datetime.combine(day, time(12)))

    def new_values(self, at: datetime) -> dict[str, Any]:
        """Values a new entry starts with beyond the dataclass defaults (last used ...)."""
        return {}

    # --- the form ----------------------------------------------------------------------

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        """By default, every field the kind registry gives an input, in its order."""
        units = self.ctx.units
        return [
            registry_field(self.kind, spec.name, units)
            for spec in kind_spec(self.kind).fields
            if spec.widget is not Widget.CUSTOM
        ]

    def common_fields(self) -> list[Field]:
        return [self.tags_field(), NoteField()]

    def columns(self, initial: Mapping[str, Any]) -> tuple[list[Field], list[Field]]:
        """The fields of the form's column and of the column beside it (none: one column)."""
        return self.fields(initial) + self.common_fields(), []

    def tags_field(self) -> TagsField:
        return TagsField(
            "tags",
            self.tags_label,
            suggestions=self.suggested_tags,
            completions=self.journal.all_tags(),
        )

    def title(self, values: Mapping[str, Any]) -> str:
        label = label_of(self.kind)
        return f"Edit {label.lower()}" if self.ctx.editing else label

    def subtitle(self, values: Mapping[str, Any]) -> str:
        return ""

    def wire(self, panel: FormPanel, moment: MomentField) -> None:
        """Connect fields that follow each other (after the initial values are loaded)."""

    def finish(self, values: Values) -> None:
        """Complete or check what the fields alone cannot; raise InputError for a field."""


class MealForm(KindForm):
    kind = EntryKind.MEAL
    focus = "items"
    suggested_tags = MEAL_QUALITY_TAGS
    tags_label = "Qualities"

    def new_values(self, at: datetime) -> dict[str, Any]:
        return {"meal_type": meal_type_at(at.time())}

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        # No completion for what was eaten: "oats" must not silently become a favourite's
        # "oats, berries"; favourites re-log a usual meal instead.
        # The four amounts share a line: the form then fits a 700-pixel-high screen.
        return [
            TextField("items", "What you ate", placeholder="e.g. oats with berries"),
            FieldGroup(
                "Amounts",
                [
                    _grams("carbs_g", "Carbohydrates"),
                    _grams("added_sugar_g", "Added sugar"),
                    _grams("fibre_g", "Fibre"),
                    _grams("protein_g", "Protein"),
                ],
            ),
            ChoiceField("meal_type", "Meal", _options({t: t.value.capitalize() for t in MealType})),
        ]

    def wire(self, panel: FormPanel, moment: MomentField) -> None:
        if self.ctx.editing:
            return
        meal = panel.field("meal_type")
        assert isinstance(meal, ChoiceField)
        chosen_by_hand: list[bool] = []
        meal.choice.valueChanged.connect(lambda _v: chosen_by_hand.append(True))

        def follow_time() -> None:
            # The meal type follows the time until the user picks one.
            if not chosen_by_hand:
                meal.choice.blockSignals(True)
                meal.set(meal_type_at(moment.get().time()))
                meal.choice.blockSignals(False)

        moment.connect_edited(follow_time)


def _grams(name: str, label: str) -> NumberField:
    field = NumberField(name, label, unit="g", optional=True, decimals=1)
    field.line.setMaximumWidth(110)
    return field


class ExerciseForm(KindForm):
    kind = EntryKind.EXERCISE
    focus = "activity"

    def new_values(self, at: datetime) -> dict[str, Any]:
        last = self.journal.latest(EntryKind.EXERCISE)
        if not isinstance(last, Exercise):
            return {}
        return {"activity": last.activity, "minutes": last.minutes, "intensity": last.intensity}

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        intensities = {i: i.value.capitalize() for i in Intensity}
        return [
            SuggestTextField("activity", "Activity", ACTIVITIES, placeholder="e.g. walk"),
            FieldRow(
                [
                    NumberField(
                        "minutes",
                        "Duration",
                        unit="minutes",
                        whole=True,
                        missing="Enter the minutes.",
                    ),
                    NumberField("steps", "Steps", optional=True, whole=True),
                ]
            ),
            ChoiceField("intensity", "Intensity", _options(intensities)),
            make_scale_field("rpe", "Effort (RPE)", "resting", "maximal effort"),
        ]


class StressForm(KindForm):
    kind = EntryKind.STRESS
    focus = "stress"

    def new_values(self, at: datetime) -> dict[str, Any]:
        return {"stress": None}  # a rating is only logged when the user gives one

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        return [
            make_scale_field(
                "stress",
                "Stress",
                "calm",
                "the most stressed you can imagine",
                optional=False,
                missing="Rate your stress from 0 to 10.",
            ),
            make_scale_field("mood", "Mood", "very low", "very good"),
            TagsField(
                "sources",
                "What's behind it",
                suggestions=STRESS_SOURCES,
                placeholder="Add your own and press Enter",
            ),
            FieldRow(
                [
                    SuggestTextField(
                        "coping",
                        "What you did about it",
                        COPING_PRACTICES,
                        placeholder="optional, e.g. breathing",
                        optional=True,
                    ),
                    ChoiceField(
                        "coping_helped",
                        "Did it help?",
                        [(True, "Yes"), (False, "Not really")],
                        optional=True,
                    ),
                ],
                wide_first=True,
            ),
        ]


class SleepForm(KindForm):
    kind = EntryKind.SLEEP
    focus = "hours"
    moment_label = "Woke up"

    def _last(self) -> Sleep | None:
        last = self.journal.latest(EntryKind.SLEEP)
        return last if isinstance(last, Sleep) else None

    def default_moment(self, day: date | None) -> datetime:
        now = self.ctx.now
        last = self._last()
        wake = last.at.time().replace(second=0, microsecond=0) if last else time(7)
        moment = self.journal.clock.localize(datetime.combine(day or now.date(), wake))
        return min(moment, now)

    def new_values(self, at: datetime) -> dict[str, Any]:
        last = self._last()
        return {"hours": last.hours if last else None}

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        return [
            NumberField(
                "hours",
                "Hours slept",
                unit="hours",
                optional=True,
                decimals=2,
                hint="Or give your bedtime below and the hours are worked out.",
            ),
            TimeTextField("bedtime", "Bedtime", self.ctx.units, optional=True),
            make_scale_field("quality", "Quality", "very poor", "excellent"),
        ]

    def wire(self, panel: FormPanel, moment: MomentField) -> None:
        hours, bedtime = panel.field("hours"), panel.field("bedtime")
        assert isinstance(hours, NumberField) and isinstance(bedtime, TimeTextField)

        def fill_hours() -> None:
            try:
                values: Values = {"at": moment.get(), "bedtime": bedtime.get(), "hours": None}
                self.finish(values)
            except InputError:
                return
            hours.set(values["hours"])
            hours.clear_error()

        bedtime.line.editingFinished.connect(fill_hours)

    def finish(self, values: Values) -> None:
        at: datetime = values["at"]
        bedtime = values.get("bedtime")
        if isinstance(bedtime, time):
            # The bedtime takes the offset of its own moment: the evening before a clock
            # change is an hour off the morning after it.
            localize = self.journal.clock.localize
            day = at.date()
            moment = localize(datetime.combine(day, bedtime))
            if moment >= at:
                moment = localize(datetime.combine(day - timedelta(days=1), bedtime))
            values["bedtime"] = moment
        if values.get("hours") is None:
            if values.get("bedtime") is None:
                raise InputError("hours", "Enter the hours slept, or your bedtime.")
            slept = (at - values["bedtime"]).total_seconds() / 3600
            values["hours"] = round(slept, 2)


class SymptomForm(KindForm):
    kind = EntryKind.SYMPTOMS
    focus = "scores"
    row_spacing = 6

    def new_values(self, at: datetime) -> dict[str, Any]:
        flares = self.journal.flares_between(at.date(), at.date())
        ongoing = sorted(flares, key=lambda f: (not f.ongoing, f.start))
        return {"flare_id": ongoing[0].id if ongoing else None}

    def _flare(self, values: Mapping[str, Any]) -> FlareEpisode | None:
        flare_id = values.get("flare_id")
        return self.journal.flare(flare_id) if flare_id else None

    def title(self, values: Mapping[str, Any]) -> str:
        if self._flare(values) is None:
            return super().title(values)
        return "Edit flare check-in" if self.ctx.editing else "Flare check-in"

    def subtitle(self, values: Mapping[str, Any]) -> str:
        flare = self._flare(values)
        if flare is None:
            return ""
        day = values["at"].date() if "at" in values else self.ctx.now.date()
        number = (day - flare.start).days + 1
        return f"{flare.condition.capitalize()} flare since {flare.start:%d %b}, day {number}"

    def columns(self, initial: Mapping[str, Any]) -> tuple[list[Field], list[Field]]:
        # The ratings take the height of the form; where it hurts, tags and the note sit
        # beside them, so the check-in fits a small laptop's screen without scrolling.
        ratings = self.fields(initial)
        scores = ratings[0]
        assert isinstance(scores, SymptomScoresField)
        return ratings, [scores.regions_field(), *self.common_fields()]

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        # The person's conditions choose the symptoms; those already rated always show.
        offered = self.ctx.services.profile.offered_symptoms(also=initial.get("scores") or ())
        return [
            SymptomScoresField(
                "Rate what you notice: 0 = none, 10 = the worst. The rest stay not rated.",
                offered,
            ),
            ScaleField(
                "bristol",
                "Stool (Bristol)",
                low=1,
                high=7,
                describe=describe_bristol,
                hint="Bristol stool scale, 1 = hard lumps, 7 = watery",
            ),
        ]


class GlucoseForm(KindForm):
    kind = EntryKind.GLUCOSE
    focus = "mgdl"

    def new_values(self, at: datetime) -> dict[str, Any]:
        last = self.journal.latest(EntryKind.GLUCOSE)
        source = last.source if isinstance(last, Glucose) else GlucoseSource.METER
        return {"mgdl": None, "context": glucose_context_at(at.time()), "source": source}

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        unit = self.ctx.units.glucose
        sources = {GlucoseSource.METER: "Meter", GlucoseSource.CGM: "CGM", GlucoseSource.LAB: "Lab"}
        shown = [(None, "A number"), (GlucoseFlag.HIGH, "HI"), (GlucoseFlag.LOW, "LO")]
        return [
            NumberField(
                "mgdl",
                "Glucose",
                unit=unit.value,
                optional=True,
                decimals=1 if unit is GlucoseUnit.MMOLL else 0,
                hint="If the meter showed HI or LO, choose it below; the number is its limit.",
                to_storage=lambda v: glucose_to_mgdl(v, unit),
                from_storage=lambda v: glucose_from_mgdl(v, unit),
            ),
            ChoiceField("flag", "The meter showed", shown),
            ChoiceField("context", "When it was taken", choice_options(self.kind, "context")),
            ChoiceField("source", "Measured with", _options(sources)),
        ]

    def finish(self, values: Values) -> None:
        """HI or LO without a number is stored at the usual meter limits (600 and 20 mg/dL,
        the range of most home meters); a number typed with it is that meter's limit."""
        flag = values.get("flag")
        if values.get("mgdl") is not None:
            return
        if flag is None:
            raise InputError("mgdl", "Enter your reading (or choose HI or LO).")
        values["mgdl"] = METER_HIGH_MGDL if flag is GlucoseFlag.HIGH else METER_LOW_MGDL


class DoseForm(KindForm):
    kind = EntryKind.DOSE
    focus = "medication_id"

    def _medications(self) -> list[Medication]:
        return self.journal.medications(active_only=True)

    def new_values(self, at: datetime) -> dict[str, Any]:
        meds = self._medications()
        if not meds:
            return {"medication_id": None}
        med = meds[0]
        scheduled = nearest_time(med.times, at.time())
        return {"medication_id": med.id, "dose": med.dose, "scheduled": scheduled}

    def _options(self, keep: int | None) -> list[tuple[Any, str]]:
        meds = self.journal.medications()
        return [(m.id, m.label) for m in meds if m.active or m.id == keep]

    def _why_nothing_to_choose(self) -> tuple[str, str]:
        if self.journal.medications():
            return "Every medication on your list is paused.", "Manage list…"
        return "Your medication list is empty: add what you take to log it.", "Add a medication…"

    def _scheduled_options(self, med_id: int | None) -> list[tuple[Any, str]]:
        med = next((m for m in self.journal.medications() if m.id == med_id), None)
        times = med.times if med else ()
        return [(None, "Not scheduled"), *((t, format_clock(t, self.ctx.units)) for t in times)]

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        from journal.ui.forms.lists import open_medications_dialog

        keep = initial.get("medication_id")

        def manage() -> Sequence[tuple[Any, str]]:
            open_medications_dialog(self.ctx.parent, self.ctx.services)
            return self._options(keep)

        statuses = {
            DoseStatus.TAKEN: "Taken",
            DoseStatus.LATE: "Taken late",
            DoseStatus.SKIPPED: "Skipped",
        }
        scheduled = initial.get("scheduled")
        schedule_options = self._scheduled_options(keep)
        if scheduled is not None and scheduled not in [v for v, _ in schedule_options]:
            schedule_options.append((scheduled, format_clock(scheduled, self.ctx.units)))
        return [
            ComboField(
                "medication_id",
                "Medication",
                self._options(keep),
                missing="Choose a medication from your list.",
                manage=ListManager("Manage list…", manage, self._why_nothing_to_choose),
            ),
            ChoiceField("status", "Status", _options(statuses)),
            ComboField("scheduled", "Scheduled for", schedule_options, optional=True),
            TextField("dose", "Dose", placeholder="as on your list", optional=True),
        ]

    def wire(self, panel: FormPanel, moment: MomentField) -> None:
        med_field, scheduled, dose = (
            panel.field("medication_id"),
            panel.field("scheduled"),
            panel.field("dose"),
        )
        assert isinstance(med_field, ComboField) and isinstance(scheduled, ComboField)

        def follow_medication() -> None:
            med_id = med_field.current()
            med = next((m for m in self.journal.medications() if m.id == med_id), None)
            scheduled.set_options(self._scheduled_options(med_id))
            if med is not None:
                scheduled.set(nearest_time(med.times, moment.get().time()))
                dose.set(med.dose)

        med_field.combo.activated.connect(lambda _i: follow_medication())
        if not self.ctx.editing:
            med_field.combo.currentIndexChanged.connect(lambda _i: follow_medication())


class LabValueField(Field):
    """A lab result and the unit it is given in (the lab sheet's); stored canonical.

    A value no lab would report in the chosen unit but plausible in another is not
    stored: the field says so and offers the other unit in one click.
    """

    def __init__(self, units: UnitPreferences) -> None:
        self.units = units
        self.test: LabTest = LAB_TESTS["hba1c"]
        self._loaded: tuple[str, str, float] | None = None
        super().__init__("value", "Result")

    def build(self) -> QWidget:
        self.number = NumberEdit()
        self.number.noticeChanged.connect(self.show_notice)
        self.unit = QComboBox()
        self.unit.setAccessibleName("Unit on the lab sheet")
        self.suggestion = action_button("", self._take_suggestion)
        self.suggestion.hide()
        self._suggested: LabUnit | None = None
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for widget in (self.number, self.unit, self.suggestion):
            row.addWidget(widget)
        row.addStretch(1)
        return box

    def focus_widget(self) -> QWidget:
        return self.number

    def focus_chain(self) -> list[QWidget]:
        return [self.number, self.unit, self.suggestion]

    def set_test(self, test: LabTest) -> None:
        """Offer the test's units, the one last used for it (or the person's kind) first."""
        stored = self._stored_or_none()
        self.test = test
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit in test.units:
            self.unit.addItem(unit.name, unit.name)
        chosen = shown_unit(test, self.units)
        self.unit.setCurrentIndex(max(0, self.unit.findData(chosen.name)))
        self.unit.blockSignals(False)
        self._hide_suggestion()
        if stored is not None:
            self.set(stored)

    def chosen_unit(self) -> LabUnit:
        return self.test.unit_named(str(self.unit.currentData())) or self.test.units[0]

    def _stored_or_none(self) -> float | None:
        try:
            return self.get()
        except InputError:
            return None

    def get(self) -> float:
        unit = self.chosen_unit()
        loaded = self._loaded
        if loaded is not None and (self.number.text(), unit.name) == loaded[:2]:
            return loaded[2]  # shown in another unit and not touched: keep it exactly
        try:
            shown = self.number.number()
        except ValueError:
            example = self.number.shape.example
            raise InputError("value", f"Enter a number, for example {example}.") from None
        if shown is None:
            raise InputError("value", "Enter the result.")
        canonical = unit.to_canonical(shown)
        if not self.test.plausible(canonical):
            others = self.test.likely_units(shown, unit)
            if others:
                self._suggest(shown, unit, others[0])
                raise InputError(
                    "value",
                    f"{format_number(shown, 2)} {unit.name} is not a likely {self.test.name}; "
                    f"in {others[0].name} it would be. Check the unit on the lab sheet.",
                )
        self._hide_suggestion()
        return canonical

    def _suggest(self, shown: float, unit: LabUnit, other: LabUnit) -> None:
        self._suggested = other
        self.suggestion.setText(f"It is {format_number(shown, 2)} {other.name}")
        self.suggestion.setAccessibleName(f"Use {other.name} for this result")
        self.suggestion.show()

    def _hide_suggestion(self) -> None:
        self._suggested = None
        self.suggestion.hide()

    def _take_suggestion(self) -> None:
        if self._suggested is not None:
            self.unit.setCurrentIndex(self.unit.findData(self._suggested.name))
        self._hide_suggestion()
        self.clear_error()
        self.number.setFocus(Qt.FocusReason.OtherFocusReason)

    def set(self, value: Any) -> None:
        self._loaded = None
        if value is None:
            self.number.clear()
            return
        unit = self.chosen_unit()
        self.number.set_number(unit.from_canonical(float(value)), 3)
        self._loaded = (self.number.text(), unit.name, float(value))

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.number.textEdited.connect(lambda _t: slot())
        self.unit.currentIndexChanged.connect(lambda _i: slot())


class LabForm(KindForm):
    kind = EntryKind.LAB
    focus = "test"

    def new_values(self, at: datetime) -> dict[str, Any]:
        last = self.journal.latest(EntryKind.LAB)
        return {"test": last.test if isinstance(last, LabResult) else "hba1c", "value": None}

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        self.value_field = LabValueField(self.ctx.units)
        self.value_field.set_test(LAB_TESTS.get(initial.get("test") or "", LAB_TESTS["hba1c"]))
        return [
            ComboField("test", "Test", [(c, t.name) for c, t in LAB_TESTS.items()]),
            self.value_field,
        ]

    def wire(self, panel: FormPanel, moment: MomentField) -> None:
        test = panel.field("test")
        assert isinstance(test, ComboField)

        def follow_test() -> None:
            code = test.current()
            if code in LAB_TESTS:
                self.value_field.set_test(LAB_TESTS[code])

        test.combo.currentIndexChanged.connect(lambda _i: follow_test())

    def finish(self, values: Values) -> None:
        """Remember the unit this test was given in, to offer it first next time."""
        code, unit = self.value_field.test.code, self.value_field.chosen_unit().name
        units = self.ctx.services.units
        if units.lab_unit_name(code) != unit:
            labs = dict(units.labs) | {code: unit}
            self.ctx.services.set_units(replace(units, labs=tuple(sorted(labs.items()))))


class TrackerValueField(Field):
    """A tracker's value, typed the way its tracker asks: a number, 0-10, or yes/no."""

    def __init__(self) -> None:
        self.tracker: Tracker | None = None
        super().__init__("value", "Value")

    def build(self) -> QWidget:
        self.number = NumberEdit()
        self.number.noticeChanged.connect(self.show_notice)
        self.unit_label = muted_label()
        self.scale = ScaleInput(0, 10, optional=True)
        self.yes_no = ChoiceRow([(1.0, "Yes"), (0.0, "No")], optional=True)
        number_row = QWidget()
        row = QHBoxLayout(number_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.number)
        row.addWidget(self.unit_label)
        row.addStretch(1)
        self.stack = QStackedWidget()
        for page in (number_row, self.scale, self.yes_no):
            self.stack.addWidget(page)
        return self.stack

    def set_tracker(self, tracker: Tracker | None) -> None:
        self.tracker = tracker
        kind = tracker.type if tracker else TrackerType.NUMBER
        page = {TrackerType.NUMBER: 0, TrackerType.SCALE: 1, TrackerType.YES_NO: 2}[kind]
        self.stack.setCurrentIndex(page)
        self.unit_label.setText(tracker.unit if tracker else "")
        for widget in (self.number, self.scale, self.yes_no):
            widget.setAccessibleName(tracker.name if tracker else "Value")

    def focus_widget(self) -> QWidget:
        return [self.number, self.scale, self.yes_no][self.stack.currentIndex()]

    def focus_chain(self) -> list[QWidget]:
        return [self.number, self.scale, self.yes_no]

    def get(self) -> float:
        kind = self.tracker.type if self.tracker else TrackerType.NUMBER
        value: float | None
        if kind is TrackerType.SCALE:
            scale = self.scale.value()
            value = None if scale is None else float(scale)
        elif kind is TrackerType.YES_NO:
            value = self.yes_no.value()
        else:
            try:
                value = self.number.number()
            except ValueError:
                example = self.number.shape.example
                raise InputError("value", f"Enter a number, for example {example}.") from None
        if value is None:
            message = "Choose yes or no." if kind is TrackerType.YES_NO else "Enter a value."
            raise InputError("value", message)
        return value

    def set(self, value: Any) -> None:
        if value is None:
            self.number.clear()
            self.scale.setValue(None)
            self.yes_no.setValue(None)
            return
        # Without grouping: "5,200" would read back as 5.2.
        self.number.set_number(float(value), 3)
        self.scale.setValue(int(value))
        self.yes_no.setValue(1.0 if value else 0.0)

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.number.textEdited.connect(lambda _t: slot())
        self.scale.valueChanged.connect(lambda _v: slot())
        self.yes_no.valueChanged.connect(lambda _v: slot())


class TrackerForm(KindForm):
    kind = EntryKind.TRACKER
    focus = "value"

    def new_values(self, at: datetime) -> dict[str, Any]:
        active = self.journal.trackers(active_only=True)
        last = self.journal.latest(EntryKind.TRACKER)
        last_id = last.tracker_id if isinstance(last, TrackerValue) else None
        chosen = next((t for t in active if t.id == last_id), active[0] if active else None)
        return {"tracker_id": chosen.id if chosen else None, "value": None}

    def _options(self, keep: int | None) -> list[tuple[Any, str]]:
        return [(t.id, t.name) for t in self.journal.trackers() if t.active or t.id == keep]

    def _why_nothing_to_choose(self) -> tuple[str, str]:
        if self.journal.trackers():
            return "Every tracker on your list is paused.", "Manage trackers…"
        return "No trackers yet: add one (water, steps …) to log it.", "Add a tracker…"

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        from journal.ui.forms.lists import open_trackers_dialog

        keep = initial.get("tracker_id")

        def manage() -> Sequence[tuple[Any, str]]:
            open_trackers_dialog(self.ctx.parent, self.ctx.services)
            return self._options(keep)

        value = TrackerValueField()
        value.set_tracker(self.journal.tracker(keep) if keep else None)
        return [
            ComboField(
                "tracker_id",
                "Tracker",
                self._options(keep),
                missing="Choose a tracker.",
                manage=ListManager("Manage trackers…", manage, self._why_nothing_to_choose),
            ),
            value,
        ]

    def wire(self, panel: FormPanel, moment: MomentField) -> None:
        chooser, value = panel.field("tracker_id"), panel.field("value")
        assert isinstance(chooser, ComboField) and isinstance(value, TrackerValueField)

        def follow_tracker() -> None:
            tracker_id = chooser.current()
            value.set_tracker(self.journal.tracker(tracker_id) if tracker_id else None)
            value.clear_error()

        chooser.combo.currentIndexChanged.connect(lambda _i: follow_tracker())


class BodyForm(KindForm):
    """Weight, waist, blood pressure and pulse: any of them, last values suggested."""

    kind = EntryKind.BODY
    focus = "weight_kg"

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        units = self.ctx.units

        def field(name: str) -> Field:
            return registry_field(self.kind, name, units)

        pressure = FieldGroup(
            "Blood pressure", [field("systolic_mmhg"), field("diastolic_mmhg"), field("pulse_bpm")]
        )
        return [field("weight_kg"), field("waist_cm"), pressure]


class NoteForm(KindForm):
    kind = EntryKind.NOTE
    focus = "note"

    def fields(self, initial: Mapping[str, Any]) -> list[Field]:
        return [
            NoteField(
                big=True,
                placeholder="Anything about today you want to remember…",
                missing="Write something, or press Esc to close.",
            )
        ]

    def common_fields(self) -> list[Field]:
        return [self.tags_field()]


FORMS: dict[EntryKind, type[KindForm]] = {
    form.kind: form
    for form in (
        MealForm,
        ExerciseForm,
        StressForm,
        SleepForm,
        SymptomForm,
        GlucoseForm,
        DoseForm,
        LabForm,
        TrackerForm,
        NoteForm,
        BodyForm,
    )
}

__all__ = ["FORMS", "FormContext", "KindForm", "registry_field"]
