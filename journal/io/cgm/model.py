"""What a CGM file reader returns: the readings as numpy columns, the extras, and what was skipped.

The readings are a stream, not journal entries: one row per reading in parallel arrays, sorted
by UTC time, ready for a bulk insert and for the metrics. Times follow the journal's rule:
the UTC instant plus the UTC offset the user lived at that moment, and the local day those two
give (an epoch day, as in ``journal.analysis.series``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from journal.domain.cgm import CgmFormat, ReadingKind
from journal.domain.units import GlucoseUnit

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class CgmDevice:
    """A device readings came from: its name as the file gives it and its serial number."""

    name: str
    serial: str
    low_mgdl: float
    high_mgdl: float


@dataclass(frozen=True, eq=False)
class Readings:
    """Readings as parallel columns, sorted by ``utc_seconds`` (ties keep file order).

    ``mgdl`` holds the device's limit where ``flag`` says Low or High. ``device`` indexes
    ``CgmFile.devices``; ``line`` is the line of the file each reading came from.
    """

    utc_seconds: NDArray[np.int64]
    utc_offset_minutes: NDArray[np.int16]
    local_day: NDArray[np.int32]
    mgdl: NDArray[np.float64]
    kind: NDArray[np.int8]
    flag: NDArray[np.int8]
    device: NDArray[np.int16]
    line: NDArray[np.int32]

    def __len__(self) -> int:
        return len(self.utc_seconds)

    def of_kind(self, kind: ReadingKind) -> Readings:
        return self.where(self.kind == kind)

    def where(self, mask: NDArray[np.bool_]) -> Readings:
        return Readings(
            self.utc_seconds[mask],
            self.utc_offset_minutes[mask],
            self.local_day[mask],
            self.mgdl[mask],
            self.kind[mask],
            self.flag[mask],
            self.device[mask],
            self.line[mask],
        )

    @staticmethod
    def empty() -> Readings:
        return Readings(
            np.empty(0, np.int64),
            np.empty(0, np.int16),
            np.empty(0, np.int32),
            np.empty(0, np.float64),
            np.empty(0, np.int8),
            np.empty(0, np.int8),
            np.empty(0, np.int16),
            np.empty(0, np.int32),
        )


class ExtraKind(StrEnum):
    """Things a CGM export holds besides readings; the journal may turn them into entries."""

    CALIBRATION = "calibration"  # a meter value typed into a Dexcom, mg/dL
    INSULIN = "insulin"  # units; text says which (Fast-Acting, Long-Acting, Rapid ...)
    CARBS = "carbs"  # grams
    FOOD = "food"  # LibreView food record: grams if given, text if given
    NOTE = "note"  # free text
    KETONE = "ketone"  # mmol/L
    EXERCISE = "exercise"  # minutes; text is the intensity
    HEALTH = "health"  # text: illness, stress ... (Dexcom "Health" events)


@dataclass(frozen=True)
class CgmExtra:
    """One extra record: when, what, the number in ``unit`` (if any) and the text (if any)."""

    kind: ExtraKind
    utc_seconds: int
    utc_offset_minutes: int
    local_day: int
    value: float | None
    unit: str
    text: str
    line: int


@dataclass(frozen=True, eq=False)
class CgmFile:
    """Everything read from one Clarity or LibreView export.

    ``unit`` is the unit the file was written in (the readings are always mg/dL).
    ``interval_minutes`` is the spacing of historic readings (5 for Dexcom G6/G7 and Libre 3,
    15 for Libre 1/2 and Stelo), measured from the file; None with fewer than two readings.
    ``skipped`` counts rows not kept, by reason in plain words; ``notes`` says in plain words
    what was decided on the way (e.g. how a repeated autumn hour was told apart).
    """

    file: str
    format: CgmFormat
    unit: GlucoseUnit
    device_name: str
    serial: str
    interval_minutes: int | None
    readings: Readings
    devices: tuple[CgmDevice, ...]
    extras: tuple[CgmExtra, ...]
    skipped: Mapping[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def historic(self) -> Readings:
        return self.readings.of_kind(ReadingKind.HISTORIC)
