"""Which charts the user shows, in which order, over which range: kept in the settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from journal.analysis.series import Aggregation
from journal.services.charts.catalogue import ChartSpec

LAYOUT_KEY = "charts.layout"
RANGES: dict[str, str] = {"2w": "2 weeks", "3m": "3 months", "1y": "1 year", "all": "All"}


@dataclass(frozen=True)
class ChartLayout:
    """Which charts the user shows, in which order, over which range and aggregation."""

    order: tuple[str, ...] = ()
    hidden: frozenset[str] = frozenset()
    range: str = "3m"
    aggregation: Aggregation | None = None
    """None: grouping follows the range (see ``grouping_for``)."""
    custom: tuple[date, date] | None = None

    def arrange(self, catalogue: Sequence[ChartSpec]) -> list[tuple[ChartSpec, bool]]:
        """The catalogue in the user's order with whether each is shown; charts new since
        the layout was saved follow, shown if they are shown by default."""
        by_key = {c.key: c for c in catalogue}
        known = [by_key[k] for k in self.order if k in by_key]
        new = [c for c in catalogue if c.key not in self.order]
        return [(c, c.key not in self.hidden) for c in known] + [
            (c, c.shown_by_default) for c in new
        ]


# Grouping that follows the range: days up to about three months, weeks up to about two
# years, months beyond (3,650 daily bars are noise, 120 monthly ones read well).
DAYS_UP_TO = 100
WEEKS_UP_TO = 731


def grouping_for(first: date, last: date) -> Aggregation:
    days = (last - first).days + 1
    if days <= DAYS_UP_TO:
        return Aggregation.DAILY
    return Aggregation.WEEKLY if days <= WEEKS_UP_TO else Aggregation.MONTHLY


# --- layout as JSON -------------------------------------------------------------------------


def layout_to_json(layout: ChartLayout) -> dict[str, Any]:
    return {
        "order": list(layout.order),
        "hidden": sorted(layout.hidden),
        "range": layout.range,
        "aggregation": layout.aggregation.value if layout.aggregation else "auto",
        "custom": [d.isoformat() for d in layout.custom] if layout.custom else None,
    }


def layout_from_json(raw: Any) -> ChartLayout:
    """A saved layout, or the default one if nothing (or something unreadable) was saved."""
    if not isinstance(raw, dict):
        return ChartLayout()
    try:
        custom = raw.get("custom")
        range_name = str(raw.get("range", "3m"))
        grouping = raw.get("aggregation", "auto")
        return ChartLayout(
            order=tuple(str(k) for k in raw.get("order", ())),
            hidden=frozenset(str(k) for k in raw.get("hidden", ())),
            range=range_name if range_name in RANGES or range_name == "custom" else "3m",
            aggregation=None if grouping == "auto" else Aggregation(grouping),
            custom=(date.fromisoformat(custom[0]), date.fromisoformat(custom[1]))
            if custom
            else None,
        )
    except (TypeError, ValueError, IndexError):
        # Written by a newer version, or damaged: start from the defaults, calmly.
        return ChartLayout()
