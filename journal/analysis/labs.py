"""Values derived from lab results, such as HOMA-IR."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from journal.domain.entries import LabResult
from journal.domain.labs import homa_ir


def homa_ir_by_day(labs: Iterable[LabResult]) -> dict[date, float]:
    """HOMA-IR for each day that has both a fasting glucose and a fasting insulin result.

    When a day has several results of one test, the latest of the day is used.
    """
    glucose: dict[date, LabResult] = {}
    insulin: dict[date, LabResult] = {}
    for lab in sorted(labs, key=lambda r: r.at):
        if lab.test == "fasting_glucose":
            glucose[lab.day] = lab
        elif lab.test == "fasting_insulin":
            insulin[lab.day] = lab
    return {
        day: round(homa_ir(insulin[day].value, glucose[day].value), 2)
        for day in sorted(glucose.keys() & insulin.keys())
    }
