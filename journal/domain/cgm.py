"""CGM facts: reading kinds, Low/High flags, device limits and the consensus targets.

Plain Python, shared by the file readers (io), the metrics (analysis), the store and the UI, so
each of those names a kind, a flag or a target the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class ReadingKind(IntEnum):
    """How a CGM reading was taken; stored as a small integer in the reading stream.

    Only historic readings (the sensor's own record every 5 or 15 minutes) are evenly spaced,
    so only they feed the consensus metrics and the AGP; a scan (a Libre user swiping the
    sensor) and a strip (a finger-prick meter) are kept as what they are.
    """

    HISTORIC = 0
    SCAN = 1
    STRIP = 2

    @property
    def word(self) -> str:
        """The name export files use: historic, scan, strip."""
        return self.name.lower()

    @classmethod
    def from_word(cls, word: str) -> ReadingKind:
        return cls[word.strip().upper()]


class ReadingFlag(IntEnum):
    """Whether the device showed a number, or only "Low"/"High" (stored at its limit)."""

    NONE = 0
    LOW = 1
    HIGH = 2

    @property
    def word(self) -> str:
        """The name export files use: "" (a number), low, high."""
        return "" if self is ReadingFlag.NONE else self.name.lower()

    @classmethod
    def from_word(cls, word: str) -> ReadingFlag:
        text = word.strip().upper()
        return cls.NONE if not text else cls[text]


class CgmFormat(StrEnum):
    CLARITY = "clarity"
    LIBREVIEW = "libreview"

    @property
    def label(self) -> str:
        return "Dexcom Clarity" if self is CgmFormat.CLARITY else "LibreView"


@dataclass(frozen=True)
class DeviceLimits:
    """The lowest and highest number a device reports; beyond them it says Low or High."""

    family: str
    low_mgdl: float
    high_mgdl: float


# Dexcom G4 to G7 report 40-400 mg/dL and show LOW/HIGH outside (Dexcom user guides, e.g. the
# G4 PLATINUM guide: "The system only reports glucose information between 40-400 mg/dL").
# Stelo is built on the G7 sensor; its own Low/High limits are not documented where we could
# check, so it gets the G7 limits (a flagged reading says "at or beyond this", never an exact
# value). FreeStyle Libre 1/2/3 report 40-500 mg/dL and show LO/HI outside (Abbott manuals).
DEXCOM_LIMITS = DeviceLimits("Dexcom", 40.0, 400.0)
STELO_LIMITS = DeviceLimits("Dexcom Stelo", 40.0, 400.0)
LIBRE_LIMITS = DeviceLimits("FreeStyle Libre", 40.0, 500.0)


def dexcom_limits(device_name: str) -> DeviceLimits:
    """The limits of a Dexcom device from its name in a Clarity export ("G6", "Stelo" ...)."""
    return STELO_LIMITS if "stelo" in device_name.lower() else DEXCOM_LIMITS


def device_limits(device_name: str) -> DeviceLimits:
    """The limits of any device by its name: FreeStyle/Libre ones, else Dexcom's (40-400)."""
    lowered = device_name.lower()
    if "libre" in lowered or "freestyle" in lowered:
        return LIBRE_LIMITS
    return dexcom_limits(device_name)


# --- the target range and the reading stream ----------------------------------------------

# A stretch without historic readings this long is shown as a gap (a sensor change, a
# warm-up, a lost signal): shorter ones are ordinary missed readings.
GAP_MINUTES = 60

# A daily trace is not drawn across a silence this long: iglu does not interpolate across
# more than 45 minutes either (CGMS2DayByDay's inter_gap), and the AGP follows it.
TRACE_BREAK_MINUTES = 45

# Historic readings of two devices within this many seconds of each other and with the same
# value are one sensor reading uploaded twice (a Libre reader and the LibreLink phone app, a
# Dexcom receiver and the phone): the copy is not stored again.
COPY_WINDOW_SECONDS = 120

# UTC offsets in use run from -12:00 to +14:00, so a local day d (days since 1970-01-01)
# lies within these UTC seconds: reads by day bound the stream's time key with them.
EARLIEST_OFFSET_SECONDS = -12 * 3600
LATEST_OFFSET_SECONDS = 14 * 3600


def utc_bounds_of_days(first_day: int, last_day: int) -> tuple[int, int]:
    """[start, end) UTC seconds that hold every instant of local days first..last."""
    return (
        first_day * 86_400 - LATEST_OFFSET_SECONDS,
        (last_day + 1) * 86_400 - EARLIEST_OFFSET_SECONDS,
    )


# --- the consensus targets ---------------------------------------------------------------

# Battelino T, Danne T, Bergenstal RM et al. Clinical Targets for Continuous Glucose
# Monitoring Data Interpretation: Recommendations From the International Consensus on Time in
# Range. Diabetes Care 2019;42(8):1593-1603. The targets below are the ones for most adults
# with type 1 or type 2 diabetes; the consensus sets other targets for older or high-risk
# people and for pregnancy, so they are shown as the consensus's, never as the user's own.
CONSENSUS_SOURCE = "Battelino et al., Diabetes Care 2019 (International Consensus on Time in Range)"
GMI_SOURCE = "Bergenstal et al., Diabetes Care 2018 (Glucose Management Indicator)"

# GMI (%) = 3.31 + 0.02392 x mean glucose in mg/dL (Bergenstal et al. 2018).
GMI_INTERCEPT = 3.31
GMI_SLOPE_PER_MGDL = 0.02392

# At least 14 days of data with at least 70 % of the possible readings (Battelino et al.).
SUFFICIENT_DAYS = 14
SUFFICIENT_ACTIVE_PERCENT = 70.0


class TargetDirection(StrEnum):
    ABOVE = "above"
    BELOW = "below"
    AT_MOST = "at most"


@dataclass(frozen=True)
class ConsensusTarget:
    """A consensus goal for one share of time, e.g. "time in range above 70 %"."""

    name: str
    direction: TargetDirection
    percent: float
    source: str = CONSENSUS_SOURCE

    def met(self, value: float) -> bool:
        if self.direction is TargetDirection.ABOVE:
            return value > self.percent
        if self.direction is TargetDirection.BELOW:
            return value < self.percent
        return value <= self.percent

    @property
    def text(self) -> str:
        """The target as people read it: "> 70 %", "< 4 %", "<= 36 %"."""
        sign = {"above": ">", "below": "<", "at most": "<="}[self.direction.value]
        return f"{sign} {self.percent:g} %"


TIR_TARGET = ConsensusTarget("Time in range 70-180 mg/dL", TargetDirection.ABOVE, 70.0)
TBR_70_TARGET = ConsensusTarget("Time below 70 mg/dL", TargetDirection.BELOW, 4.0)
TBR_54_TARGET = ConsensusTarget("Time below 54 mg/dL", TargetDirection.BELOW, 1.0)
TAR_180_TARGET = ConsensusTarget("Time above 180 mg/dL", TargetDirection.BELOW, 25.0)
TAR_250_TARGET = ConsensusTarget("Time above 250 mg/dL", TargetDirection.BELOW, 5.0)
CV_TARGET = ConsensusTarget("Coefficient of variation", TargetDirection.AT_MOST, 36.0)
