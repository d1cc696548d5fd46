"""The JSON export: one versioned document of the whole journal, written as a stream.

Layout (``format_version`` 4)::

    {
      "format": "interplay-journal", "format_version": 4, "app_version": "0.1.0",
      "exported_at": "2026-11-24T12:00:00+01:00", "range": {"from": null, "to": null},
      "units": {...},
      "settings": {"units": {...}},
      "medications": [...], "trackers": [...], "flare_episodes": [...], "favourites": [...],
      "goals": [...], "reminders": [...], "experiments": [...],
      "entries": [{"uid": ..., "kind": "meal", "at": ..., ...}, one per line],
      "cgm_readings": [{"at": ..., "glucose_mg_dl": 104.0, "kind": "historic", ...}, ...]
    }

Versions: 1 had no goals or reminders; 2 added the ``goals`` and ``reminders`` sections (same
fields as goals.csv and reminders.csv); 3 added ``cgm_readings`` (the CGM reading stream,
the fields of cgm.csv); 4 added ``experiments`` (self-experiments, the fields of
experiments.csv, the reminder by uid). Every section is optional when reading, so version 1
to 3 documents still import; a reader refuses versions newer than it knows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

FORMAT_NAME = "interplay-journal"
FORMAT_VERSION = 4
HEADER_KEYS = frozenset(
    {"format", "format_version", "app_version", "exported_at", "range", "units"}
)
STREAMED_SECTIONS = frozenset(
    {
        "medications",
        "trackers",
        "flare_episodes",
        "favourites",
        "goals",
        "reminders",
        "experiments",
        "entries",
        "cgm_readings",
    }
)
# What the numbers and times in an export mean; written into every document for people.
UNITS: dict[str, str] = {
    "times": "ISO 8601 local date and time with its UTC offset",
    "days": "ISO 8601 date",
    "glucose_mg_dl": "mg/dL",
    "grams": "g (carbs_g, added_sugar_g, fibre_g, protein_g)",
    "minutes": "min",
    "hours": "h",
    "lab values": "the unit named in each lab entry",
    "cgm_readings": "glucose_mg_dl in mg/dL; at: the reading's local time with its UTC offset",
}


def check_format(
    header: Mapping[str, Any], expected: tuple[str, ...] = (FORMAT_NAME,)
) -> str | None:
    """Why a document's header cannot be read by this version, or None if it can."""
    name = header.get("format")
    if name is not None and name not in expected:
        return f"this is not an Interplay export (format {str(name)[:40]!r})."
    if "format_version" not in header:
        return None  # checked once the whole header has been read
    version = header["format_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return f"format_version {str(version)[:20]!r} is not a version number."
    if version > FORMAT_VERSION:
        return (
            f"this export was made by a newer version of Interplay (format {version}; this "
            f"version reads up to {FORMAT_VERSION}). Update Interplay to import it."
        )
    return None


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


class JsonDocumentWriter:
    """Writes the document section by section, one record per line (readable, diffable)."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._first_member = True

    def _member(self, key: str) -> None:
        self._out.write("{\n" if self._first_member else ",\n")
        self._first_member = False
        self._out.write(f"  {_dumps(key)}: ")

    def value(self, key: str, value: Any) -> None:
        self._member(key)
        self._out.write(_dumps(value))

    def array(self, key: str, records: Iterable[Mapping[str, Any]]) -> int:
        self._member(key)
        count = 0
        for record in records:
            self._out.write("[\n    " if count == 0 else ",\n    ")
            self._out.write(_dumps(record))
            count += 1
        self._out.write("\n  ]" if count else "[]")
        return count

    def close(self) -> None:
        self._out.write("{}\n" if self._first_member else "\n}\n")
