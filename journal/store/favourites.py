"""Favourite meals and activities are stored as JSON templates of their detail fields."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from journal.domain.entries import Exercise, Meal
from journal.domain.kinds import KINDS, ValueType, entry_type
from journal.domain.vocabulary import EntryKind

# A template is not dated; it takes the moment it is logged at.
TEMPLATE_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)


def template_to_json(template: Meal | Exercise) -> dict[str, Any]:
    data: dict[str, Any] = {f.name: getattr(template, f.name) for f in KINDS[template.kind].fields}
    data["tags"] = list(template.tags)
    data["note"] = template.note
    return data


def template_from_json(kind: str, data: dict[str, Any]) -> Meal | Exercise:
    entry_kind = EntryKind(kind)
    values: dict[str, Any] = {}
    for spec in KINDS[entry_kind].fields:
        if spec.name not in data:
            continue
        value = data[spec.name]
        if spec.value_type is ValueType.ENUM and spec.enum is not None and value is not None:
            value = spec.enum(value)
        values[spec.name] = value
    template = entry_type(entry_kind)(
        at=TEMPLATE_MOMENT, tags=tuple(data.get("tags", ())), note=data.get("note", ""), **values
    )
    assert isinstance(template, Meal | Exercise)
    return template
