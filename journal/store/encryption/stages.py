"""The stages a conversion (encrypt, decrypt, change the passphrase) reports, in order.

A module of its own so that the Privacy page can show progress without importing the
conversion (and SQLCipher) before it runs.
"""

from __future__ import annotations

STAGES: tuple[str, ...] = (
    "key file written",
    "new journal written",
    "new journal checked",
    "backup kept",
    "swapped",
    "backups rewritten",
)
