"""Searching the journal: entries and flare episodes, narrowed by kind and by date.

The counts per kind come with every search, whatever kinds are shown, so a person can see
at once where the matches are ("12 meals, 2 flares") and narrow to one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from journal.domain.entries import Entry, FlareEpisode
from journal.domain.vocabulary import EntryKind
from journal.store import search_queries as sql
from journal.store.database import Database

RESULT_LIMIT = 200


@dataclass(frozen=True)
class SearchQuery:
    """What to look for, and where.

    ``text`` is matched anywhere in what was typed, ignoring case; ``kinds`` (None: every
    kind) and ``flares`` say which results to show; ``first`` and ``last`` bound the days
    (either may be open). Empty text finds everything the other filters allow, but only
    when they narrow the kind (listing every entry is the timeline's job).
    """

    text: str = ""
    kinds: frozenset[EntryKind] | None = None
    flares: bool = True
    first: date | None = None
    last: date | None = None
    limit: int = RESULT_LIMIT

    @property
    def narrowed_by_kind(self) -> bool:
        return self.kinds is not None

    @property
    def asks_anything(self) -> bool:
        return bool(self.text.strip()) or self.narrowed_by_kind


@dataclass(frozen=True)
class SearchHit:
    """One result: an entry, or a flare episode (dated by the day it started)."""

    day: date
    entry: Entry | None = None
    flare: FlareEpisode | None = None


@dataclass(frozen=True)
class SearchResults:
    query: SearchQuery
    hits: list[SearchHit] = field(default_factory=list)
    """Newest first, at most ``query.limit``."""
    counts: dict[EntryKind, int] = field(default_factory=dict)
    """Matching entries of each kind, in the date range, whatever kinds are shown."""
    flare_count: int = 0
    """Matching flares in the date range, shown or not."""

    @property
    def total(self) -> int:
        """How many results the chosen kinds hold (more than ``hits`` when cut at the limit)."""
        kinds = self.query.kinds
        entries = sum(n for k, n in self.counts.items() if kinds is None or k in kinds)
        return entries + (self.flare_count if self.query.flares else 0)

    @property
    def all_kinds_total(self) -> int:
        return sum(self.counts.values()) + self.flare_count

    @property
    def cut_short(self) -> bool:
        return self.total > len(self.hits)

    @property
    def entries(self) -> list[Entry]:
        return [h.entry for h in self.hits if h.entry is not None]

    @property
    def flares(self) -> list[FlareEpisode]:
        return [h.flare for h in self.hits if h.flare is not None]


def search_journal(db: Database, query: SearchQuery, today: date) -> SearchResults:
    """Run ``query`` in one read: counts per kind, then the newest matching entries and flares."""
    if not query.asks_anything:
        return SearchResults(query)
    text = query.text.strip()
    span = sql.Span(query.first, query.last)
    with db.plain_reading() as connection:
        counts = sql.count_matching_entries(connection, text, span)
        flare_count = sql.count_matching_flares(connection, text, span, today)
        kinds = query.kinds
        # No second pass over the journal when the counts already say nothing matches.
        wanted = any(counts.get(k) for k in (counts if kinds is None else kinds))
        entries = sql.matching_entries(connection, text, span, kinds, query.limit) if wanted else []
        flares = (
            sql.matching_flares(connection, text, span, today, query.limit)
            if query.flares and flare_count
            else []
        )
    hits = [SearchHit(e.day, entry=e) for e in entries]
    hits += [SearchHit(f.start, flare=f) for f in flares]
    # Newest first; a flare comes before the entries of the day it started.
    hits.sort(key=lambda h: (h.day, h.flare is not None), reverse=True)
    return SearchResults(query, hits[: query.limit], counts, flare_count)
