"""Tell a Dexcom Clarity export from a LibreView export by its first lines, and read either.

For ``import --format auto``: the first few KB are enough, since both formats name their
columns in a header near the top. A file that is neither gets an error a person can act on.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from journal.domain.cgm import CgmFormat
from journal.io.errors import ImportFileError

if TYPE_CHECKING:
    from journal.io.cgm.model import CgmFile

HEAD_BYTES = 16 * 1024
_HEAD_LINES = 20

NOT_CGM = "this does not look like a Dexcom Clarity or LibreView export"
_WHAT_WE_READ = (
    "a Clarity export has a header with 'Timestamp (YYYY-MM-DDThh:mm:ss)', 'Event Type' and "
    "'Glucose Value (mg/dL)' columns, a LibreView export one with 'Device Timestamp', "
    "'Record Type' and 'Historic Glucose' columns. Export the CSV again from the website and "
    "choose that file unchanged"
)
# Column names of exports in German (the other language we have seen them in).
_OTHER_LANGUAGE = ("ereignistyp", "zeitstempel", "gerätezeitstempel", "aufzeichnungstyp")


def detect_format(head: str, file: str) -> CgmFormat:
    """The format of an export from its first lines; ``ImportFileError`` if it is neither."""
    lines = [line.lower() for line in head.lstrip("\ufeff").splitlines()[:_HEAD_LINES]]
    for line in lines:
        if "event type" in line and ("glucose value" in line or "timestamp (" in line):
            return CgmFormat.CLARITY
        if "device timestamp" in line and "record type" in line:
            return CgmFormat.LIBREVIEW
    joined = " ".join(lines)
    if any(word in joined for word in _OTHER_LANGUAGE):
        raise ImportFileError(
            file,
            f"{NOT_CGM} in English: its columns are named in another language. Set the "
            "website's language to English, export again and choose that file.",
        )
    if head.lstrip().startswith(("{", "[")):
        raise ImportFileError(file, f"{NOT_CGM}: it is JSON. {_WHAT_WE_READ}.")
    if not head.strip():
        raise ImportFileError(file, f"{NOT_CGM}: it is empty.")
    raise ImportFileError(file, f"{NOT_CGM}: {_WHAT_WE_READ}.", line=1)


def detect_file(path: Path, *, name: str | None = None) -> CgmFormat:
    """The format of the export at ``path``, from its first ``HEAD_BYTES``."""
    file = name or path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise ImportFileError(file, f"it cannot be opened ({exc.strerror}).") from None
    if head.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            file,
            f"{NOT_CGM}: it is a spreadsheet workbook or a zip archive, not CSV text. "
            f"{_WHAT_WE_READ}.",
        )
    if b"\x00" in head:
        raise ImportFileError(file, f"{NOT_CGM}: it is not a text file. {_WHAT_WE_READ}.")
    return detect_format(head.decode("utf-8", errors="replace"), file)


def read_cgm(
    path: Path, zone: tzinfo, *, fmt: CgmFormat | None = None, name: str | None = None
) -> CgmFile:
    """Read a Clarity or LibreView export, detecting which unless ``fmt`` is given."""
    # The readers (and numpy) load here: telling an export apart needs neither, and every
    # import of Interplay's own exports asks first whether the file is a CGM one.
    from journal.io.cgm.dexcom import read_clarity
    from journal.io.cgm.libreview import read_libreview

    fmt = fmt or detect_file(path, name=name)
    reader = read_clarity if fmt is CgmFormat.CLARITY else read_libreview
    return reader(path, zone, name=name)
