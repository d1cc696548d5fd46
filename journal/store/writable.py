"""Whether a journal can be written: a read-only disk or folder opens the journal read-only.

One function, so the tests can stand in for a read-only mount where they cannot make one
(as root, ``chmod`` does not stop writes; a read-only mount does, and ``os.access`` sees it).
"""

from __future__ import annotations

import os
from pathlib import Path


def can_write(journal_path: Path) -> bool:
    """Whether the journal at ``journal_path`` (and its WAL beside it) can be written: its
    folder (or the nearest existing parent, for a new journal) and the file if it exists."""
    folder = journal_path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        return False
    return not journal_path.exists() or os.access(journal_path, os.W_OK)
