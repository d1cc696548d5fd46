"""The Dexcom Clarity reader: layouts people's exports really have, and files that are wrong."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from journal.domain.cgm import ReadingFlag, ReadingKind
from journal.domain.units import GlucoseUnit
from journal.io.cgm.dexcom import read_clarity
from journal.io.cgm.model import ExtraKind
from journal.io.cgm.samples import (
    CLARITY_HEADER,
    ClarityEvent,
    SampleReadings,
    synthetic_readings,
    write_clarity,
)
from journal.io.importer import ImportFileError

NEW_YORK = ZoneInfo("America/New_York")
HEADER = ",".join(CLARITY_HEADER).format(unit="mg/dL")


def egv(index: int, stamp: str, value: str, clock: str = "", transmitter: str = "8AB") -> str:
    return f"{index},{stamp},EGV,,,,iPhone G6,{value},,,,,{clock},{transmitter}"


def clarity(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "clarity.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def utc(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


@pytest.fixture
def fortnight() -> SampleReadings:
    return synthetic_readings(14, start=datetime(2024, 3, 1, tzinfo=NEW_YORK), zone=NEW_YORK)


@pytest.mark.parametrize(
    ("bom", "crlf"), [(True, True), (True, False), (False, True), (False, False)]
)
def test_a_g6_export_gives_back_every_reading_with_or_without_bom_and_crlf(
    tmp_path: Path, fortnight: SampleReadings, bom: bool, crlf: bool
) -> None:
    path = write_clarity(tmp_path / "g6.csv", fortnight, NEW_YORK, bom=bom, crlf=crlf)

    result = read_clarity(path, NEW_YORK)

    assert result.device_name == "Dexcom G6"
    assert result.unit is GlucoseUnit.MGDL
    assert result.interval_minutes == 5
    assert np.array_equal(result.readings.utc_seconds, fortnight.utc_seconds)
    assert np.array_equal(result.readings.mgdl, fortnight.mgdl)
    assert set(result.readings.kind) == {ReadingKind.HISTORIC}
    # The name, device and alert rows are counted, never kept.
    assert result.skipped == {"name, device and alert-setting rows (not kept)": 7}


def test_the_stream_says_the_offset_and_local_day_each_reading_was_lived_at(
    tmp_path: Path, fortnight: SampleReadings
) -> None:
    # 1-14 March 2024 in New York: the clocks went forward on the 10th.
    result = read_clarity(write_clarity(tmp_path / "g6.csv", fortnight, NEW_YORK), NEW_YORK)

    offsets = set(result.readings.utc_offset_minutes.tolist())
    assert offsets == {-300, -240}
    first_day = datetime(2024, 3, 1).toordinal() - datetime(1970, 1, 1).toordinal()
    assert result.readings.local_day[0] == first_day
    # 14 x 24 hours from midnight end an hour into the 15th: the 10th had 23 hours.
    assert result.readings.local_day[-1] == first_day + 14
    last_local = int(result.readings.utc_seconds[-1]) + 60 * int(
        result.readings.utc_offset_minutes[-1]
    )
    assert datetime.fromtimestamp(last_local, UTC).strftime("%d %H:%M") == "15 00:55"


def test_low_and_high_are_stored_at_the_sensor_limits_and_flagged(tmp_path: Path) -> None:
    path = clarity(
        tmp_path,
        egv(1, "2024-05-01T08:00:00", "Low"),
        egv(2, "2024-05-01T08:05:00", "120"),
        egv(3, "2024-05-01T08:10:00", "High"),
    )

    readings = read_clarity(path, NEW_YORK).readings

    assert readings.mgdl.tolist() == [40.0, 120.0, 400.0]
    assert readings.flag.tolist() == [ReadingFlag.LOW, ReadingFlag.NONE, ReadingFlag.HIGH]


def test_a_g7_mmol_export_is_read_in_whole_mg_dl_with_low_and_high(tmp_path: Path) -> None:
    header = ",".join(CLARITY_HEADER).format(unit="mmol/L")
    path = clarity(
        tmp_path,
        "1,,Device,,,Dexcom G7 Mobile App,iOS G7,,,,,,,",
        "2,2024-05-01T08:00:00,EGV,,,,iOS G7,5.6,,,,,,X1",
        "3,2024-05-01T08:05:00,EGV,,,,iOS G7,10.0,,,,,,X1",
        "4,2024-05-01T08:10:00,EGV,,,,iOS G7,Low,,,,,,X1",
        "5,2024-05-01T08:15:00,EGV,,,,iOS G7,High,,,,,,X1",
        header=header,
    )

    result = read_clarity(path, NEW_YORK)

    assert result.unit is GlucoseUnit.MMOLL
    assert result.device_name == "Dexcom G7"
    # 5.6 mmol/L = 100.9 mg/dL; 10.0 mmol/L is the top of the range, 180 mg/dL, not 180.2.
    assert result.readings.mgdl.tolist() == [101.0, 180.0, 40.0, 400.0]
    assert result.readings.flag.tolist()[2:] == [ReadingFlag.LOW, ReadingFlag.HIGH]


def test_a_stelo_export_reads_its_fifteen_minute_interval(tmp_path: Path) -> None:
    trace = synthetic_readings(
        2, start=datetime(2024, 5, 1, tzinfo=NEW_YORK), zone=NEW_YORK, interval_minutes=15
    )

    result = read_clarity(
        write_clarity(tmp_path / "s.csv", trace, NEW_YORK, device="Stelo"), NEW_YORK
    )

    assert result.device_name == "Dexcom Stelo"
    assert result.interval_minutes == 15


def test_both_passes_of_the_repeated_autumn_hour_are_kept_by_transmitter_time(
    tmp_path: Path,
) -> None:
    # 3 November 2024, New York: 01:00-01:59 happens twice. Rows sorted by wall time, so
    # the two passes interleave; only the transmitter clock says which is which.
    rows = [egv(1, "2024-11-03T00:55:00", "100", "0")]
    for minute, first, second in ((0, 101, 131), (30, 107, 137), (55, 112, 142)):
        stamp = f"2024-11-03T01:{minute:02d}:00"
        rows.append(egv(len(rows) + 1, stamp, str(first), str((minute + 5) * 60)))
        rows.append(egv(len(rows) + 1, stamp, str(second), str((minute + 65) * 60)))
    rows.append(egv(len(rows) + 1, "2024-11-03T02:00:00", "150", str(125 * 60)))

    readings = read_clarity(clarity(tmp_path, *rows), NEW_YORK).readings

    assert len(readings) == 8
    assert readings.mgdl.tolist() == [100, 101, 107, 112, 131, 137, 142, 150]
    assert np.all(np.diff(readings.utc_seconds) > 0)
    assert readings.utc_seconds[1] == utc("2024-11-03T05:00:00")  # 01:00 EDT
    assert readings.utc_seconds[4] == utc("2024-11-03T06:00:00")  # 01:00 EST
    assert readings.utc_offset_minutes.tolist() == [-240] * 4 + [-300] * 4


def test_without_transmitter_time_the_first_appearance_is_the_first_pass(
    tmp_path: Path,
) -> None:
    path = clarity(
        tmp_path,
        egv(1, "2024-11-03T01:30:00", "110", transmitter=""),
        egv(2, "2024-11-03T01:30:00", "140", transmitter=""),
    )

    result = read_clarity(path, NEW_YORK)

    assert result.readings.mgdl.tolist() == [110, 140]
    assert np.diff(result.readings.utc_seconds).tolist() == [3600]
    assert "order in the file" in result.notes[0]


def test_a_time_the_spring_clock_skipped_is_kept_with_the_offset_before_the_change(
    tmp_path: Path,
) -> None:
    # 10 March 2024, New York: 02:00-02:59 never happened.
    path = clarity(
        tmp_path,
        egv(1, "2024-03-10T01:55:00", "100"),
        egv(2, "2024-03-10T02:30:00", "105"),
        egv(3, "2024-03-10T03:05:00", "110"),
    )

    result = read_clarity(path, NEW_YORK)

    assert len(result.readings) == 3
    assert result.readings.mgdl.tolist() == [100, 110, 105]  # sorted by instant
    assert result.readings.utc_seconds[2] == utc("2024-03-10T07:30:00")  # 02:30 EST
    assert "skipped in spring" in " ".join(result.notes)


def test_calibration_insulin_carbs_exercise_and_health_rows_come_back_as_extras(
    tmp_path: Path, fortnight: SampleReadings
) -> None:
    start = int(fortnight.utc_seconds[0])
    events = [
        ClarityEvent(start + 3600, "Calibration", glucose_mgdl=118),
        ClarityEvent(start + 7200, "Insulin", "Fast-Acting", insulin_units=4.5),
        ClarityEvent(start + 7300, "Carbs", carbs_grams=45),
        ClarityEvent(start + 9000, "Exercise", "Heavy", duration="00:45:00"),
        ClarityEvent(start + 9999, "Health", "Illness"),
        ClarityEvent(start + 10_000, "Notes"),
    ]
    path = write_clarity(tmp_path / "g6.csv", fortnight, NEW_YORK, events=events)

    result = read_clarity(path, NEW_YORK)

    found = [(e.kind, e.value, e.unit, e.text) for e in result.extras]
    assert found == [
        (ExtraKind.CALIBRATION, 118.0, "mg/dL", ""),
        (ExtraKind.INSULIN, 4.5, "u", "Fast-Acting"),
        (ExtraKind.CARBS, 45.0, "g", ""),
        (ExtraKind.EXERCISE, 45.0, "min", "Heavy"),
        (ExtraKind.HEALTH, None, "", "Illness"),
    ]
    assert result.extras[0].utc_seconds == start + 3600
    assert result.skipped["'Notes' rows (not read)"] == 1
    assert len(result.readings) == len(fortnight)


def test_hours_of_one_digit_and_a_space_before_the_time_are_read(tmp_path: Path) -> None:
    path = clarity(
        tmp_path, egv(1, "2025-05-01 0:01:47", "165"), egv(2, "2025-05-01T10:06:47", "170")
    )

    readings = read_clarity(path, ZoneInfo("UTC")).readings

    assert readings.utc_seconds.tolist() == [utc("2025-05-01T00:01:47"), utc("2025-05-01T10:06:47")]


def test_an_egv_row_without_a_value_is_counted_not_kept(tmp_path: Path) -> None:
    path = clarity(tmp_path, egv(1, "2025-05-01T08:00:00", ""), egv(2, "2025-05-01T08:05:00", "99"))

    result = read_clarity(path, NEW_YORK)

    assert result.readings.mgdl.tolist() == [99.0]
    assert result.skipped == {"EGV rows without a glucose value": 1}


@pytest.mark.parametrize(
    ("row", "line", "column", "words"),
    [
        (egv(2, "2024-13-01T08:00:00", "100"), 3, "Timestamp (YYYY-MM-DDThh:mm:ss)", "2024-13-01"),
        (egv(2, "yesterday", "100"), 3, "Timestamp (YYYY-MM-DDThh:mm:ss)", "yesterday"),
        (egv(2, "2024-05-01T08:05:00", "12O"), 3, "Glucose Value (mg/dL)", "'12O' is not"),
        (egv(2, "2024-05-01T08:05:00", "5000"), 3, "Glucose Value (mg/dL)", "not a plausible"),
        (
            "2,2024-05-01T09:00:00,Insulin,Fast-Acting,,,iPhone G6,,four,,,,,",
            3,
            "Insulin Value (u)",
            "'four'",
        ),
        (
            "2,2024-05-01T09:00:00,Exercise,Light,,,iPhone G6,,,,45 min,,,",
            3,
            "Duration (hh:mm:ss)",
            "hh:mm:ss",
        ),
        (
            "2,2024-05-01T09:00:00,Exercise,Light,,,iPhone G6,,,,00:²5:00,,,",
            3,
            "Duration (hh:mm:ss)",
            "hh:mm:ss",
        ),
    ],
)
def test_a_bad_row_names_its_line_and_column(
    tmp_path: Path, row: str, line: int, column: str, words: str
) -> None:
    path = clarity(tmp_path, egv(1, "2024-05-01T08:00:00", "100"), row)

    with pytest.raises(ImportFileError) as raised:
        read_clarity(path, NEW_YORK)

    message = str(raised.value)
    assert f"clarity.csv line {line}, column {column}:" in message
    assert words in message
    assert message.endswith("Nothing was imported.")


def test_mg_dl_numbers_in_a_mmol_file_are_refused_as_implausible(tmp_path: Path) -> None:
    header = ",".join(CLARITY_HEADER).format(unit="mmol/L")
    path = clarity(tmp_path, "1,2024-05-01T08:00:00,EGV,,,,iOS G7,120,,,,,,X1", header=header)

    with pytest.raises(
        ImportFileError, match=r"line 2, column Glucose Value \(mmol/L\): 120 mmol/L"
    ):
        read_clarity(path, NEW_YORK)


def test_a_header_without_glucose_values_is_refused_on_line_1(tmp_path: Path) -> None:
    path = clarity(
        tmp_path,
        "1,2024-05-01T08:00:00,EGV",
        header="Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type",
    )

    with pytest.raises(ImportFileError, match="line 1: the header has no 'Glucose Value"):
        read_clarity(path, NEW_YORK)


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "clarity.csv"
    lines = [HEADER, *(egv(i, "2024-05-01T08:00:00", "100") for i in range(1, 2000))]
    data = (
        "\n".join(lines) + "\n"
    ).encode() + b"2000,2024-05-01T08:05:00,EGV,,,,Caf\xe9,100,,,,,,\n"
    path.write_bytes(data)

    with pytest.raises(ImportFileError, match="line 2001: this is not UTF-8 text"):
        read_clarity(path, NEW_YORK)


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "clarity.csv"
    path.write_text("")

    with pytest.raises(ImportFileError, match="the file is empty"):
        read_clarity(path, NEW_YORK)
