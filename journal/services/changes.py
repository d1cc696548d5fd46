"""What a change to the journal touched: its days, entry kinds and topics.

Views listen for the kinds and topics they show. Light on purpose (no store import): the
window's first paint subscribes before the rest of the services have loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from journal.domain.vocabulary import EntryKind


class Topic(StrEnum):
    """What besides entries a change may touch; views listen for the topics they show."""

    ENTRIES = "entries"
    FLARES = "flares"
    MEDICATIONS = "medications"
    TRACKERS = "trackers"
    FAVOURITES = "favourites"
    GOALS = "goals"
    REMINDERS = "reminders"
    SETTINGS = "settings"
    CGM = "cgm"
    """CGM readings (imported or removed); they are not entries."""


@dataclass(frozen=True)
class JournalChange:
    """What changed: the days, the entry kinds and the topics touched.

    No ``topics`` means anything may have changed (an import, a restore); no ``days`` means
    any day may have.
    """

    days: frozenset[date] = frozenset()
    description: str = ""
    kinds: frozenset[EntryKind] = frozenset()
    topics: frozenset[Topic] = frozenset()

    @property
    def everything(self) -> bool:
        return not self.topics

    def touches(self, day: date) -> bool:
        return not self.days or day in self.days

    def touches_any(self, kinds: Iterable[EntryKind] = (), topics: Iterable[Topic] = ()) -> bool:
        """Whether a view showing these entry kinds and topics must refresh."""
        if self.everything:
            return True
        return not self.kinds.isdisjoint(kinds) or not self.topics.isdisjoint(topics)
