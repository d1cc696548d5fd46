"""The Today view: the selected day's timeline, summary, doses due, flare and calendar."""

from journal.ui.today.view import TodayView

__all__ = ["TodayView"]
