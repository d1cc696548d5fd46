"""Favourite meals and activities are stored as JSON templates of their detail fields."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from journal.domain.entries import ENTRY_TYPES, Exercise, Meal
from journal.domain.vocabulary import EntryKind, Intensity, MealType
from journal.store.mapping import detail_fields

# A template is not dated; it takes the moment it is logged at.
TEMPLATE_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)


def template_to_json(template: Meal | Exercise) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(template, name) for name in detail_fields(template.kind)}
    data["tags"] = list(template.tags)
    data["note"] = template.note
    return data


def template_from_json(kind: str, data: dict[str, Any]) -> Meal | Exercise:
    entry_kind = EntryKind(kind)
    cls = ENTRY_TYPES[entry_kind]
    known = set(detail_fields(entry_kind))
    values = {k: v for k, v in data.items() if k in known}
    if entry_kind is EntryKind.MEAL:
        values["meal_type"] = MealType(values.get("meal_type", MealType.SNACK))
    else:
        values["intensity"] = Intensity(values.get("intensity", Intensity.MODERATE))
    template = cls(
        at=TEMPLATE_MOMENT, tags=tuple(data.get("tags", ())), note=data.get("note", ""), **values
    )
    assert isinstance(template, Meal | Exercise)
    return template
