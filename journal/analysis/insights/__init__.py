"""Insights: what goes with a person's flares, symptoms and glucose, with honest statistics.

A Qt-free engine over a ``DailyTable`` (one row per local day, NaN for "not logged"):
``run_insights`` tests each declared factor-outcome-lag pair with an autocorrelation-aware
circular-shift null, corrects for the number of tests (Benjamini-Hochberg) and words each
result; ``experiment`` plans and analyses a randomised self-experiment.
"""

from journal.analysis.insights.engine import (
    Q_THRESHOLD,
    ChanceAlone,
    Finding,
    InsightsResult,
    run_insights,
)
from journal.analysis.insights.plan import Gates, Lag, NotEnoughData
from journal.analysis.insights.table import (
    ColumnSpec,
    DailyTable,
    Kind,
    Role,
    TableError,
    TimeOfDay,
    lag0_allowed,
)

__all__ = [
    "Q_THRESHOLD",
    "ChanceAlone",
    "ColumnSpec",
    "DailyTable",
    "Finding",
    "Gates",
    "InsightsResult",
    "Kind",
    "Lag",
    "NotEnoughData",
    "Role",
    "TableError",
    "TimeOfDay",
    "lag0_allowed",
    "run_insights",
]
