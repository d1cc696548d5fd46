"""The Glucose view: CGM readings of any range as a clinician's AGP page."""

from journal.ui.glucose.view import GlucoseView

__all__ = ["GlucoseView"]
