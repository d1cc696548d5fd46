"""Telling whether a record in a file is the one in the journal, repeated, or changed.

An entry's uid names it in every journal and every export. The same uid with the same content
is the same record (re-importing an export adds nothing); the same uid with other content is
either a mistake in the file (twice in one file: refused, both lines named) or a record edited
elsewhere since (in the journal already: shown as changed, and the person chooses which to keep).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from journal.domain.entries import Entry, FlareEpisode
from journal.domain.experiments import SelfExperiment
from journal.domain.kinds import KINDS, label_of
from journal.domain.vocabulary import EntryKind
from journal.io.errors import ImportFileError
from journal.io.importer import Item
from journal.io.records import UNRESOLVED_ID

ChangedChoice = Literal["refuse", "keep", "update"]
"""What an import does with a record whose uid is in the journal with other content: refuse
the file (the command line's default), keep the journal's version, or take the file's."""
CHANGED_CHOICES: tuple[ChangedChoice, ...] = ("refuse", "keep", "update")


@dataclass(frozen=True)
class Changed:
    """An entry of the file whose uid is in the journal with other content."""

    item: Item
    entry: Entry
    """The file's version, checked (its references still uids in ``item``)."""
    journal_id: int


@dataclass(frozen=True)
class ChangedRecord:
    """A medication, tracker, flare, goal, reminder or experiment of the file whose uid is in
    the journal with other content (``section`` as in the export: "medications" ...)."""

    section: str
    value: Any
    """A ``Medication``, ``Tracker`` or ``FlareEpisode``; for goals, reminders and
    experiments, the checked ``Item`` (its references still uids)."""
    journal_id: int
    file: str
    line: int | None


_RECORD_WORDS = {
    "medications": "medication",
    "trackers": "tracker",
    "flare_episodes": "flare",
    "goals": "goal",
    "reminders": "reminder",
    "experiments": "self-experiment",
}


def _linked(parsed: Any) -> Any:
    """The goal, reminder or experiment a checked file item holds."""
    for name in ("goal", "reminder", "experiment"):
        if hasattr(parsed, name):
            return getattr(parsed, name)
    raise TypeError(f"not a linked record: {type(parsed).__name__}")


def same_linked(
    journal: Any, item: Item, uids: Mapping[str, Mapping[int, str]], target: str, attr: str
) -> bool:
    """Whether a goal (reminder, experiment) of the file is the journal's: its fields, and the
    uid of the tracker (medication, reminder) it follows rather than a row id."""
    parsed = item.value
    file = _linked(parsed)
    row_id = getattr(journal, attr)
    mine = uids.get(target, {}).get(row_id) if row_id is not None else None
    if mine != parsed.references.get(target):
        return False
    ignore: dict[str, Any] = {"id": None, attr: None}
    if hasattr(journal, "snoozed_until"):  # a reminder's state, not its content
        ignore |= {"snoozed_until": None, "key": ""}
    return bool(replace(journal, **ignore) == replace(file, **ignore))


def same_record(journal: Any, file: Any) -> bool:
    """Whether a medication, tracker or flare of the file is the journal's, field by field."""
    return bool(replace(journal, id=None) == replace(file, id=None))


def changed_record_error(first: ChangedRecord, count: int) -> ImportFileError:
    value = first.value
    if isinstance(value, Item):
        value = _linked(value.value)
    if isinstance(value, FlareEpisode):
        name = value.condition
    elif isinstance(value, SelfExperiment):
        name = value.factor_label
    else:
        name = getattr(value, "name", "") or getattr(value, "message", "") or value.action.value
    others = f" (and {count - 1:,} more)" if count > 1 else ""
    return ImportFileError(
        first.file,
        f"the {_RECORD_WORDS[first.section]} {name!r} (uid {value.uid}) is in your journal "
        f"with different content{others}; import with --update to take the file's version",
        line=first.line,
    )


def comparable(
    entry: Entry, references: Mapping[str, str], instead: Mapping[str, Any] | None = None
) -> tuple[Any, ...]:
    """What makes two versions of an entry the same: every field, the UTC offset (equal
    moments in two offsets are not the same record) and the uids it refers to; hashable.
    ``instead``: values to take in place of some fields (a row id's placeholder)."""
    fields = vars(entry) if not instead else {**vars(entry), **instead}
    content = tuple(
        (name, tuple(sorted(value)) if name == "tags" else _frozen(value))
        for name, value in fields.items()
        if name != "id"
    )
    return (entry.kind, content, entry.at.utcoffset(), tuple(sorted(references.items())))


def _frozen(value: Any) -> Any:
    """``value`` with its dicts and lists as (sorted) tuples, so it can be hashed."""
    kind = type(value)
    if kind not in _CONTAINERS:
        return value
    if kind is dict:
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return tuple(_frozen(v) for v in value)


_CONTAINERS = frozenset({dict, list, tuple})


def journal_comparable(entry: Entry, uids: Mapping[str, Mapping[int, str]]) -> tuple[Any, ...]:
    """``comparable`` of a journal entry, its row ids turned into uids as a file has them."""
    references: dict[str, str] = {}
    placeholders: dict[str, Any] = {}
    for name, target in _reference_fields(entry.kind):
        row_id = getattr(entry, name)
        if row_id is None:
            continue
        references[target] = uids.get(target, {}).get(row_id, f"#{row_id}")
        placeholders[name] = UNRESOLVED_ID
    return comparable(entry, references, placeholders)


@cache
def _reference_fields(kind: EntryKind) -> tuple[tuple[str, str], ...]:
    """(field, what it refers to) of a kind's references (a dose's medication ...)."""
    return tuple(
        (spec.name, spec.reference) for spec in KINDS[kind].fields if spec.reference is not None
    )


def repeated_error(
    item: Item, key: str, first_file: str, first_line: int | None, *, what: str = "uid"
) -> ImportFileError:
    """The same uid (a favourite's name, a setting) twice in a file with different content:
    both places named."""
    where = first_file if first_file != item.file else ""
    place = f"{where} line {first_line}".strip() if first_line is not None else where or "above"
    return ImportFileError(
        item.file,
        f"the {what} {key} is also used at {place} for a record with different content; "
        f"each record may appear once (remove one of the two or give it another {what}).",
        line=item.line,
        field={"uid": "uid", "name": "name", "setting": "key"}.get(what, what),
    )


def kind_clash_error(item: Item, uid: str, journal: Entry, entry: Entry) -> ImportFileError:
    return ImportFileError(
        item.file,
        f"the uid {uid} is a {label_of(journal.kind).lower()} in your journal, "
        f"not a {label_of(entry.kind).lower()}; a record cannot change its kind.",
        line=item.line,
        field="uid",
    )


def changed_error(first: Changed, count: int) -> ImportFileError:
    """The command line's refusal: the first changed record named, and what to do."""
    entry = first.entry
    others = f" (and {count - 1:,} more)" if count > 1 else ""
    when = entry.at.strftime("%Y-%m-%d %H:%M")
    return ImportFileError(
        first.item.file,
        f"the {label_of(entry.kind).lower()} of {when} (uid {entry.uid}) is in your journal "
        f"with different content{others}; import with --update to take the file's version",
        line=first.item.line,
    )
