"""The Goals view: goals with their progress, history and streaks, first-run templates."""

from journal.ui.goals.view import GoalsView, locale_week_start

__all__ = ["GoalsView", "locale_week_start"]
