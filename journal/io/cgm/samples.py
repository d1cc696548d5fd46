"""Synthetic CGM readings and files written as Dexcom Clarity and LibreView would write them.

For tests, the benchmark and demo data: one seeded day curve (meals, a dawn rise, noise) and
writers that put the same readings into a Clarity G6/G7/Stelo file (mg/dL or mmol/L) or a
LibreView US/EU file (mg/dL or mmol/L), so the readers can be checked against known answers.
The layouts follow the readers' module docstrings; the people and serials are made up.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit
from journal.io.cgm.wallclock import zone_table

CLARITY_HEADER = (
    "Index",
    "Timestamp (YYYY-MM-DDThh:mm:ss)",
    "Event Type",
    "Event Subtype",
    "Patient Info",
    "Device Info",
    "Source Device ID",
    "Glucose Value ({unit})",
    "Insulin Value (u)",
    "Carb Value (grams)",
    "Duration (hh:mm:ss)",
    "Glucose Rate of Change ({unit}/min)",
    "Transmitter Time (Long Integer)",
    "Transmitter ID",
)
LIBRE_HEADER = (
    "Device",
    "Serial Number",
    "Device Timestamp",
    "Record Type",
    "Historic Glucose {unit}",
    "Scan Glucose {unit}",
    "Non-numeric Rapid-Acting Insulin",
    "Rapid-Acting Insulin (units)",
    "Non-numeric Food",
    "Carbohydrates (grams)",
    "Carbohydrates (servings)",
    "Non-numeric Long-Acting Insulin",
    "Long-Acting Insulin Value (units)",
    "Notes",
    "Strip Glucose {unit}",
    "Ketone mmol/L",
    "Meal Insulin (units)",
    "Correction Insulin (units)",
    "User Change Insulin (units)",
)


@dataclass(frozen=True, eq=False)
class SampleReadings:
    """Readings as a sensor took them: UTC seconds (whole minutes) and whole mg/dL."""

    utc_seconds: NDArray[np.int64]
    mgdl: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.utc_seconds)


def synthetic_readings(
    days: int,
    *,
    start: datetime,
    interval_minutes: int = 5,
    seed: int = 0,
    zone: tzinfo = UTC,
    limits: tuple[int, int] = (40, 400),
) -> SampleReadings:
    """A seeded glucose trace: a fasting level near 100, three meals a day, noise.

    ``start`` is an aware moment; meals follow the local clock of ``zone``. Values are whole
    mg/dL clipped to ``limits``.
    """
    rng = np.random.default_rng(seed)
    first = int(start.timestamp()) // 60 * 60
    count = days * 24 * 60 // interval_minutes
    utc = first + np.arange(count, dtype=np.int64) * interval_minutes * 60
    offset = zone_table(zone, int(utc[0]), int(utc[-1])).offset_at(utc) if count else utc
    hours = ((utc + offset) % 86_400) / 3600.0
    level = 100.0 + 8.0 * np.exp(-(((hours - 6.0) / 1.5) ** 2))  # the dawn rise
    for meal_hour, rise in ((7.5, 55.0), (12.5, 70.0), (19.0, 80.0)):
        since = (hours - meal_hour) % 24.0
        # A meal peaks about 50 minutes after eating and is back near baseline by 3 hours.
        level += rise * (since / 0.8) * np.exp(1.0 - since / 0.8) * (since < 6.0)
    daily = rng.normal(0.0, 8.0, days + 1)[(utc - first) // 86_400]
    noise = _smooth_noise(rng, count, 6.0)
    values = np.clip(np.rint(level + daily + noise), limits[0], limits[1]).astype(np.int64)
    return SampleReadings(utc, values)


def _smooth_noise(rng: np.random.Generator, count: int, sd: float) -> NDArray[np.float64]:
    """AR(1) noise: neighbouring readings move together, as sensor readings do."""
    shocks = rng.normal(0.0, sd * np.sqrt(1 - 0.9**2), count)
    noise = np.empty(count)
    value = 0.0
    for i in range(count):
        value = 0.9 * value + shocks[i]
        noise[i] = value
    return noise


def _wall(zone: tzinfo, utc: int) -> datetime:
    return datetime.fromtimestamp(utc, UTC).astimezone(zone)


def _mmol(mgdl: float) -> str:
    return f"{mgdl / MGDL_PER_MMOLL:.1f}"


# --- Dexcom Clarity --------------------------------------------------------------------------


@dataclass(frozen=True)
class ClarityEvent:
    """A non-EGV row to write: Calibration, Insulin, Carbs, Exercise or Health."""

    utc_seconds: int
    event_type: str
    subtype: str = ""
    glucose_mgdl: float | None = None
    insulin_units: float | None = None
    carbs_grams: float | None = None
    duration: str = ""


def write_clarity(
    path: Path,
    readings: SampleReadings,
    zone: tzinfo,
    *,
    device: Literal["G6", "G7", "Stelo"] = "G6",
    unit: GlucoseUnit = GlucoseUnit.MGDL,
    events: Sequence[ClarityEvent] = (),
    low_high: tuple[int, int] = (40, 400),
    bom: bool = True,
    crlf: bool = True,
    transmitter_id: str = "8GXYZ1",
    with_transmitter_time: bool = True,
) -> Path:
    """A Clarity export of ``readings``; values at or beyond ``low_high`` are written Low/High."""
    unit_text = unit.value
    header = [h.format(unit=unit_text) for h in CLARITY_HEADER]
    source = {"G6": "iPhone G6", "G7": "iOS G7", "Stelo": "iOS Stelo"}[device]
    app = {"G6": "Dexcom G6 Mobile App", "G7": "Dexcom G7 Mobile App", "Stelo": "Stelo App"}
    table: list[list[str]] = [header]
    preamble = [
        ["FirstName", "", "Sample"],
        ["LastName", "", "Person"],
        ["Device", "", "", app[device], source],
        ["Alert", "High", "", "", source, _glucose_text(250, unit)],
        ["Alert", "Low", "", "", source, _glucose_text(70, unit)],
        ["Alert", "Urgent Low", "", "", source, _glucose_text(55, unit)],
        ["Alert", "Signal Loss", "", "", source, "", "", "", "00:20:00"],
    ]
    for cells in preamble:
        event_type, subtype, *rest = cells
        row = ["", "", event_type, subtype, *rest]
        table.append(row + [""] * (len(header) - len(row)))
    start = int(readings.utc_seconds[0]) - 3600 if len(readings) else 0
    for utc, mgdl in zip(readings.utc_seconds, readings.mgdl, strict=True):
        value = (
            "Low"
            if mgdl <= low_high[0] - 1
            else "High"
            if mgdl >= low_high[1] + 1
            else _glucose_text(float(mgdl), unit)
        )
        stamp = _wall(zone, int(utc)).strftime("%Y-%m-%dT%H:%M:%S")
        clock = str(int(utc) - start) if with_transmitter_time else ""
        table.append(
            ["", stamp, "EGV", "", "", "", source, value, "", "", "", "", clock, transmitter_id]
        )
    for event in events:
        stamp = _wall(zone, event.utc_seconds).strftime("%Y-%m-%dT%H:%M:%S")
        glucose = _glucose_text(event.glucose_mgdl, unit) if event.glucose_mgdl else ""
        table.append(
            [
                "",
                stamp,
                event.event_type,
                event.subtype,
                "",
                "",
                source,
                glucose,
                _number(event.insulin_units),
                _number(event.carbs_grams),
                event.duration,
                "",
                "",
                transmitter_id if event.event_type == "Calibration" else "",
            ]
        )
    for index, row in enumerate(table[1:], start=1):
        row[0] = str(index)
    _write_rows(path, table, bom=bom, crlf=crlf, delimiter=",")
    return path


def _glucose_text(mgdl: float | None, unit: GlucoseUnit) -> str:
    if mgdl is None:
        return ""
    return _mmol(mgdl) if unit is GlucoseUnit.MMOLL else f"{mgdl:.0f}"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _write_rows(
    path: Path, table: Sequence[Sequence[str]], *, bom: bool, crlf: bool, delimiter: str
) -> None:
    encoding = "utf-8-sig" if bom else "utf-8"
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
        writer.writerows(table)


# --- LibreView -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LibreRecord:
    """A non-historic LibreView row: 1 scan, 2 strip, 3 ketone, 4 insulin, 5 food, 6 note."""

    utc_seconds: int
    record_type: int
    glucose_mgdl: float | None = None
    ketone_mmoll: float | None = None
    rapid_insulin_units: float | None = None
    long_insulin_units: float | None = None
    carbs_grams: float | None = None
    notes: str = ""


def write_libreview(
    path: Path,
    readings: SampleReadings,
    zone: tzinfo,
    *,
    style: Literal["US", "EU"] = "US",
    unit: GlucoseUnit = GlucoseUnit.MGDL,
    records: Sequence[LibreRecord] = (),
    device: str = "FreeStyle Libre 2",
    serial: str = "0A1B2C3D-4E5F",
    delimiter: str = ",",
    bom: bool = False,
    crlf: bool = True,
    generated: datetime | None = None,
) -> Path:
    """A LibreView export of ``readings`` as historic rows, then ``records`` grouped by type."""
    pattern = "%m-%d-%Y %I:%M %p" if style == "US" else "%d-%m-%Y %H:%M"
    unit_text = unit.value
    header = [h.format(unit=unit_text) for h in LIBRE_HEADER]
    made = generated or datetime(2026, 1, 1, tzinfo=UTC)
    table: list[list[str]] = [
        ["Glucose Data", "Generated on", made.strftime(pattern), "Generated by", "Sample Person"],
        header,
    ]

    def row(utc: int, record_type: int) -> list[str]:
        cells = [""] * len(header)
        cells[0], cells[1] = device, serial
        cells[2] = _wall(zone, utc).strftime(pattern)
        cells[3] = str(record_type)
        return cells

    def glucose(mgdl: float | None) -> str:
        text = _glucose_text(mgdl, unit)
        return text.replace(".", ",") if delimiter == ";" else text

    for utc, mgdl in zip(readings.utc_seconds, readings.mgdl, strict=True):
        cells = row(int(utc), 0)
        cells[4] = glucose(float(mgdl))
        table.append(cells)
    for record in sorted(records, key=lambda r: (r.record_type, r.utc_seconds)):
        cells = row(record.utc_seconds, record.record_type)
        if record.record_type == 1:
            cells[5] = glucose(record.glucose_mgdl)
        elif record.record_type == 2:
            cells[14] = glucose(record.glucose_mgdl)
        cells[15] = _number(record.ketone_mmoll)
        cells[7] = _number(record.rapid_insulin_units)
        cells[12] = _number(record.long_insulin_units)
        cells[9] = _number(record.carbs_grams)
        cells[13] = record.notes
        table.append(cells)
    _write_rows(path, table, bom=bom, crlf=crlf, delimiter=delimiter)
    return path


def every(readings: SampleReadings, minutes: int) -> SampleReadings:
    """Every reading ``minutes`` apart (e.g. a 15-minute Libre 2 trace from a 5-minute one)."""
    keep = (readings.utc_seconds // 60) % minutes == 0
    return SampleReadings(readings.utc_seconds[keep], readings.mgdl[keep])


def day_start(day: datetime, zone: tzinfo) -> datetime:
    """Local midnight of ``day`` in ``zone`` (for starting a synthetic trace at midnight)."""
    return datetime(day.year, day.month, day.day, tzinfo=zone)
