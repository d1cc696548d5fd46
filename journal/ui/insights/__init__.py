"""The Insights view: what goes with the person's flares, symptoms and glucose, honestly,
and the self-experiments that test a hunch."""

from journal.ui.insights.view import InsightsView

__all__ = ["InsightsView"]
