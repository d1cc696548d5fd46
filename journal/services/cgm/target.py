"""The glucose target range as the CGM figures use it: the person's own, from Preferences."""

from __future__ import annotations

from sqlalchemy.orm import Session

from journal.services.preferences import target_range_in


def glucose_target_range(session: Session) -> tuple[float, float]:
    """(low, high) mg/dL: the range chosen in Preferences (the setting
    ``glucose.target_range``), else the consensus 70-180 mg/dL (Battelino et al. 2019).
    One function, so the Glucose view, Today's card and ``glucose-stats`` never disagree."""
    target = target_range_in(session)
    return target.low, target.high
