"""Entries as short, readable text: a title and a detail line (used by Today and search).

Plain functions without Qt, so they are unit-tested directly and reused by any view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journal.domain.entries import (
    BodyMeasure,
    DoseLog,
    Entry,
    Exercise,
    Glucose,
    LabResult,
    Meal,
    Medication,
    Note,
    Sleep,
    StressCheck,
    SymptomCheck,
    Tracker,
    TrackerValue,
)
from journal.domain.kinds import choice_word, kind_spec, label_of
from journal.domain.labs import LAB_TESTS, shown_unit
from journal.domain.text import format_clock, format_number
from journal.domain.units import UnitPreferences, conversion, format_glucose
from journal.domain.vocabulary import DoseStatus, EntryKind, GlucoseFlag, GlucoseSource, TrackerType

SEPARATOR = " · "


@dataclass(frozen=True)
class EntryText:
    """How an entry reads at a glance: ``title`` (what), ``detail`` (the key values), and
    the user's own ``note`` (may be empty)."""

    title: str
    detail: str = ""
    note: str = ""

    @property
    def one_line(self) -> str:
        """Title and detail on one line, for lists and screen readers."""
        return SEPARATOR.join(part for part in (self.title, self.detail) if part)


def _join(*parts: str) -> str:
    return SEPARATOR.join(p for p in parts if p)


def fragment(entry: Entry, name: str, units: UnitPreferences) -> str:
    """The kind registry's phrase for one field ("40 g carbs", "waist 88 cm"), in the user's
    units; empty when the field has no value."""
    spec = kind_spec(entry.kind).field(name)
    value = getattr(entry, name)
    if value is None or spec.fragment is None:
        return ""
    if spec.quantity is not None:
        shown = conversion(spec.quantity, units)
        number = f"{format_number(shown.shown(value), shown.decimals)} {shown.unit}"
    else:
        number = format_number(value)
    return spec.fragment.format(number)


def _fragments(entry: Entry, units: UnitPreferences, *names: str) -> list[str]:
    return [fragment(entry, name, units) for name in names]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- one function per kind ---------------------------------------------------------------


def _meal(entry: Meal, units: UnitPreferences) -> tuple[str, str]:
    title = _capitalised(entry.meal_type.value)
    if entry.items.strip():
        title = f"{title} — {entry.items.strip()}"
    grams = _fragments(entry, units, "carbs_g", "added_sugar_g", "fibre_g", "protein_g")
    return title, _join(*grams, ", ".join(entry.tags))


def _exercise(entry: Exercise, units: UnitPreferences) -> tuple[str, str]:
    title = f"{_capitalised(entry.activity.strip() or 'Exercise')} {entry.minutes} min"
    effort = entry.intensity.value
    if entry.rpe is not None:
        effort = f"{effort} (effort {entry.rpe}/10)"
    return title, _join(effort, fragment(entry, "steps", units), ", ".join(entry.tags))


def _stress(entry: StressCheck) -> tuple[str, str]:
    title = f"Stress {entry.stress}/10"
    if entry.mood is not None:
        title = f"{title}{SEPARATOR}mood {entry.mood}/10"
    coping = entry.coping.strip()
    if coping and entry.coping_helped is not None:
        coping = f"{coping} ({'helped' if entry.coping_helped else 'did not help'})"
    return title, _join(coping, ", ".join(entry.sources), ", ".join(entry.tags))


def _sleep(entry: Sleep, units: UnitPreferences) -> tuple[str, str]:
    title = f"Slept {format_number(entry.hours)} h"
    span = ""
    if entry.bedtime is not None:
        span = f"{format_clock(entry.bedtime, units)}–{format_clock(entry.at, units)}"
    quality = f"quality {entry.quality}/10" if entry.quality is not None else ""
    return title, _join(span, quality, ", ".join(entry.tags))


def _symptoms(entry: SymptomCheck) -> tuple[str, str]:
    scores = ", ".join(f"{name} {score}" for name, score in entry.scores.items())
    title = f"Symptoms: {scores}" if scores else "Symptoms"
    regions: list[str] = []
    for places in entry.regions.values():
        regions.extend(p for p in places if p not in regions)
    bristol = f"Bristol type {entry.bristol}" if entry.bristol is not None else ""
    return title, _join(", ".join(regions), bristol, ", ".join(entry.tags))


def _glucose(entry: Glucose, units: UnitPreferences) -> tuple[str, str]:
    title = f"Glucose {format_glucose(entry.mgdl, units.glucose)}"
    if entry.flag is GlucoseFlag.HIGH:
        title = f"Glucose HI (above {format_glucose(entry.mgdl, units.glucose)})"
    elif entry.flag is GlucoseFlag.LOW:
        title = f"Glucose LO (below {format_glucose(entry.mgdl, units.glucose)})"
    source = "" if entry.source is GlucoseSource.METER else f"from {entry.source.value.upper()}"
    if entry.source is GlucoseSource.LAB:
        source = "from lab"
    context = choice_word(EntryKind.GLUCOSE, "context", entry.context)
    return title, _join(context, source, ", ".join(entry.tags))


_DOSE_WORDS = {
    DoseStatus.TAKEN: "taken",
    DoseStatus.LATE: "taken late",
    DoseStatus.SKIPPED: "skipped",
}


def _dose(
    entry: DoseLog, units: UnitPreferences, medications: Mapping[int, Medication]
) -> tuple[str, str]:
    med = medications.get(entry.medication_id)
    name = med.name if med is not None else "Medication"
    dose = entry.dose or (med.dose if med is not None else "")
    title = f"{name} {dose}".strip() + f" {_DOSE_WORDS[entry.status]}"
    due = f"due {format_clock(entry.scheduled, units)}" if entry.scheduled is not None else ""
    return title, _join(due, ", ".join(entry.tags))


def _lab(entry: LabResult, units: UnitPreferences) -> tuple[str, str]:
    test = LAB_TESTS.get(entry.test)
    if test is None:
        name = entry.test.replace("_", " ").capitalize()
        return f"{name} {format_number(entry.value, 2)}", _join("lab result", ", ".join(entry.tags))
    shown = shown_unit(test, units)
    spacer = "" if shown.name == "%" else " "
    value = format_number(shown.from_canonical(entry.value), 2 if shown.decimals else 0)
    title = f"{test.name} {value}{spacer}{shown.name}"
    return title, _join("lab result", ", ".join(entry.tags))


def _tracker(entry: TrackerValue, trackers: Mapping[int, Tracker]) -> tuple[str, str]:
    tracker = trackers.get(entry.tracker_id)
    if tracker is None:
        return f"Tracker {format_number(entry.value, 2)}", ", ".join(entry.tags)
    if tracker.type is TrackerType.YES_NO:
        value = "yes" if entry.value else "no"
        title = f"{tracker.name}: {value}"
    elif tracker.type is TrackerType.SCALE:
        title = f"{tracker.name} {format_number(entry.value)}/10"
    else:
        title = f"{tracker.name} {format_number(entry.value, 2)} {tracker.unit}".rstrip()
    return title, ", ".join(entry.tags)


def _body(entry: BodyMeasure, units: UnitPreferences) -> tuple[str, str]:
    weight = fragment(entry, "weight_kg", units)
    pressure = ""
    if entry.systolic_mmhg is not None and entry.diastolic_mmhg is not None:
        pressure = f"blood pressure {entry.systolic_mmhg}/{entry.diastolic_mmhg} mmHg"
    rest = [fragment(entry, "waist_cm", units), pressure, fragment(entry, "pulse_bpm", units)]
    shown = [part for part in rest if part]
    if weight:
        title = f"Weight {weight}"
    elif shown:
        title = _capitalised(shown.pop(0))
    else:
        title = "Body measures"
    return title, _join(*shown, ", ".join(entry.tags))


def _note(entry: Note) -> tuple[str, str]:
    lines = [line.strip() for line in entry.note.strip().splitlines() if line.strip()]
    if not lines:
        return "Note", ", ".join(entry.tags)
    return lines[0], _join(" ".join(lines[1:]), ", ".join(entry.tags))


def describe(
    entry: Entry,
    units: UnitPreferences,
    medications: Mapping[int, Medication] | None = None,
    trackers: Mapping[int, Tracker] | None = None,
) -> EntryText:
    """The title and detail lines of ``entry`` in the user's units and time format."""
    match entry:
        case Meal():
            title, detail = _meal(entry, units)
        case Exercise():
            title, detail = _exercise(entry, units)
        case StressCheck():
            title, detail = _stress(entry)
        case Sleep():
            title, detail = _sleep(entry, units)
        case SymptomCheck():
            title, detail = _symptoms(entry)
        case Glucose():
            title, detail = _glucose(entry, units)
        case DoseLog():
            title, detail = _dose(entry, units, medications or {})
        case LabResult():
            title, detail = _lab(entry, units)
        case TrackerValue():
            title, detail = _tracker(entry, trackers or {})
        case Note():
            title, detail = _note(entry)
        case BodyMeasure():
            title, detail = _body(entry, units)
        case _:
            return EntryText(label_of(entry.kind), "", entry.note.strip())
    # A note's text is its title already; other kinds carry the note as a third line.
    note = "" if isinstance(entry, Note) else " ".join(entry.note.split())
    return EntryText(title, detail, note)


__all__ = ["EntryText", "describe", "format_clock", "format_number", "fragment"]
