"""Encrypted exports for the window and the command line: export, then seal; unseal, then
import. The plain export exists only for the moment in between, in a private folder in
memory where the system has one (/dev/shm), removed at once."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from journal.io.export import ExportSummary
from journal.store.cipher.keyring import WrongPassphraseError
from journal.store.sealed import SEALED_SUFFIX, looks_sealed, seal, unseal

if TYPE_CHECKING:
    from journal.services.exports import ExportService

__all__ = ["SEALED_SUFFIX", "WrongPassphraseError", "export_sealed", "looks_sealed", "unsealed"]


@contextmanager
def _private_folder() -> Iterator[Path]:
    memory = Path("/dev/shm")
    where = str(memory) if memory.is_dir() and os.access(memory, os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix="interplay-", dir=where))  # mode 0700
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def export_sealed(
    exports: ExportService,
    out: Path,
    passphrase: str,
    first: date | None = None,
    last: date | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ExportSummary:
    """A JSON export of the journal, encrypted under ``passphrase`` into ``out``."""
    with _private_folder() as folder:
        plain = folder / "interplay-export.json"
        summary = exports.export_journal(plain, "json", first, last, on_progress, should_cancel)
        seal(plain, out, passphrase)
    return replace(summary, path=out)


@contextmanager
def unsealed(path: Path, passphrase: str) -> Iterator[Path]:
    """The plain export inside the sealed file ``path``, for as long as it is imported."""
    name, data = unseal(path, passphrase)  # raises WrongPassphraseError
    with _private_folder() as folder:
        plain = folder / f"{path.stem}{Path(name).suffix or '.json'}"  # the name people chose
        plain.write_bytes(data)
        yield plain
