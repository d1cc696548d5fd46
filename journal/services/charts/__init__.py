"""The charts: their catalogue, their series as numpy arrays, and the saved layout."""

from journal.services.charts.catalogue import ChartSpec, Guide, SeriesSpec
from journal.services.charts.layout import RANGES, ChartLayout, grouping_for
from journal.services.charts.service import ChartService, FlareSpan

__all__ = [
    "RANGES",
    "ChartLayout",
    "ChartService",
    "ChartSpec",
    "FlareSpan",
    "Guide",
    "SeriesSpec",
    "grouping_for",
]
