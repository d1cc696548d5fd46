"""The kind registry is the one definition of every entry kind: each layer that needs a kind
finds it there, and a kind missing anywhere fails here."""

from __future__ import annotations

from dataclasses import fields

import pytest

from journal.domain.entries import COMMON_FIELDS
from journal.domain.kinds import KINDS, ValueType, detail_names
from journal.domain.vocabulary import EntryKind
from journal.io.fields import ENTRY_FIELDS, ENTRY_FILES
from journal.store.mapping import row_type
from journal.ui.kinds import KIND_LOOKS, QUICK_ADD_KEYS


@pytest.mark.parametrize("kind", list(EntryKind))
def test_every_kind_is_in_the_registry_the_interface_the_models_and_the_files(
    kind: EntryKind,
) -> None:
    assert kind in KINDS
    assert kind in KIND_LOOKS
    assert row_type(kind).__mapper__.polymorphic_identity == kind.value
    assert kind in ENTRY_FIELDS
    assert kind in ENTRY_FILES


@pytest.mark.parametrize("kind", list(EntryKind))
def test_the_registry_describes_every_field_of_the_entry(kind: EntryKind) -> None:
    spec = KINDS[kind]
    assert spec.entry_class.kind is kind
    assert [f.name for f in spec.fields] == detail_names(kind)
    own = [f.name for f in fields(spec.entry_class) if f.name not in COMMON_FIELDS]
    assert own == detail_names(kind)


@pytest.mark.parametrize("kind", list(EntryKind))
def test_each_detail_table_has_the_registry_columns(kind: EntryKind) -> None:
    rows = row_type(kind)
    if not KINDS[kind].fields:  # a note is only its entry row
        assert rows.__table__.name == "entry"
        return
    columns = {c.name for c in rows.__table__.columns} - {"id"}
    assert columns == {c for f in KINDS[kind].fields for c in f.columns}


@pytest.mark.parametrize("kind", list(EntryKind))
def test_the_files_name_every_field(kind: EntryKind) -> None:
    exported = {f.attr for f in ENTRY_FIELDS[kind] if f.attr}
    assert exported == {f.name for f in KINDS[kind].fields}


def test_shortcuts_and_words_are_unique() -> None:
    keys = [keys for _kind, keys in QUICK_ADD_KEYS]
    assert len(keys) == len(set(keys))
    labels = [spec.label for spec in KINDS.values()]
    assert len(labels) == len(set(labels))
    assert all(spec.plural and spec.plural == spec.plural.lower() for spec in KINDS.values())


def test_enum_and_reference_fields_say_what_they_hold() -> None:
    for spec in KINDS.values():
        for field in spec.fields:
            assert (field.enum is not None) == (field.value_type is ValueType.ENUM)
            assert (field.reference is not None) == (field.value_type is ValueType.REFERENCE)
