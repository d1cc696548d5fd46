"""Telling a Clarity export from a LibreView one, and explaining a file that is neither."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.domain.cgm import CgmFormat
from journal.io.cgm.detect import NOT_CGM, detect_file, detect_format, read_cgm
from journal.io.cgm.samples import synthetic_readings, write_clarity, write_libreview
from journal.io.importer import ImportFileError

ZONE = ZoneInfo("Europe/Paris")


@pytest.fixture
def exports(tmp_path: Path) -> dict[CgmFormat, Path]:
    trace = synthetic_readings(1, start=datetime(2024, 6, 1, tzinfo=ZONE), zone=ZONE)
    return {
        CgmFormat.CLARITY: write_clarity(tmp_path / "export.csv", trace, ZONE),
        CgmFormat.LIBREVIEW: write_libreview(tmp_path / "glucose.csv", trace, ZONE, style="EU"),
    }


def test_each_export_is_told_by_its_first_lines(exports: dict[CgmFormat, Path]) -> None:
    for fmt, path in exports.items():
        assert detect_file(path) is fmt


def test_read_cgm_detects_and_reads(exports: dict[CgmFormat, Path]) -> None:
    for fmt, path in exports.items():
        result = read_cgm(path, ZONE)
        assert result.format is fmt
        assert len(result.readings) == 288


def test_a_semicolon_libreview_export_is_told_too() -> None:
    head = (
        "Glucose Data;Generated on;01-06-2024\nDevice;Serial Number;Device Timestamp;Record Type\n"
    )
    assert detect_format(head, "x.csv") is CgmFormat.LIBREVIEW


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"Date,Time,Glucose\n2024-01-01,08:00,100\n", "a Clarity export has a header with"),
        (b'{"format": "interplay"}', "it is JSON"),
        (b"PK\x03\x04\x14\x00\x06\x00", "spreadsheet workbook or a zip archive"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b"", "it is empty"),
        (
            "Ger\u00e4t,Seriennummer,Ger\u00e4tezeitstempel,Aufzeichnungstyp\n".encode(),
            "in another language",
        ),
    ],
)
def test_a_file_that_is_neither_gets_an_error_for_people(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "mystery.csv"
    path.write_bytes(content)

    with pytest.raises(ImportFileError) as raised:
        detect_file(path)

    message = str(raised.value)
    assert message.startswith("mystery.csv")
    assert NOT_CGM in message
    assert words in message
