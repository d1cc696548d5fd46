"""The names of the journal's tables that the plain reads and the models share.

One definition: the SQLAlchemy models take their ``__tablename__`` from here, and the first
paint's plain SQL (``journal.store.plain_read``) reads the same names without the ORM.
"""

from __future__ import annotations

from journal.domain.vocabulary import EntryKind

ENTRY = "entry"
TAG = "tag"
ENTRY_TAG = "entry_tag"
FLARE = "flare_episode"
MEDICATION = "medication"
TRACKER = "tracker"
SETTING = "setting"

DETAIL_TABLE: dict[EntryKind, str | None] = {
    EntryKind.MEAL: "meal",
    EntryKind.EXERCISE: "exercise",
    EntryKind.STRESS: "stress",
    EntryKind.SLEEP: "sleep",
    EntryKind.SYMPTOMS: "symptoms",
    EntryKind.GLUCOSE: "glucose",
    EntryKind.DOSE: "dose",
    EntryKind.LAB: "lab",
    EntryKind.TRACKER: "tracker_value",
    EntryKind.BODY: "body",
    EntryKind.NOTE: None,  # a note's text is entry.note
}
"""Each kind's detail table (joined to ``entry`` on id), None where it has none."""


def detail_table(kind: EntryKind) -> str:
    """The detail table of a kind that has one."""
    name = DETAIL_TABLE[kind]
    assert name is not None, f"{kind.value} entries have no detail table"
    return name
