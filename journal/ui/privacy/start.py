"""Before the main window: an encrypted journal's passphrase, from the dialog (or, for
scripts and the benchmark, from ``INTERPLAY_PASSPHRASE``)."""

from __future__ import annotations

import os
from pathlib import Path

from journal.services.privacy import (
    LOST_KEY_FILE,
    WrongPassphraseError,
    journal_is_locked,
    key_file_lost,
    tidy_after_crash,
    unlock,
)

ENV_PASSPHRASE = "INTERPLAY_PASSPHRASE"


def unlock_before_window(data_dir: Path) -> bool:
    """True once the journal can be opened (it is plain, or unlocked); False: the person quit.

    Called under the journal's lock, so the copies a killed conversion left can go.
    """
    tidy_after_crash(data_dir)
    if not journal_is_locked(data_dir):
        return True

    def check(passphrase: str) -> bool:
        try:
            unlock(data_dir, passphrase)
        except WrongPassphraseError:
            return False
        return True

    given = os.environ.get(ENV_PASSPHRASE)
    if given is not None and check(given):
        return True
    from journal.ui.privacy.unlock_dialog import ask_to_unlock

    note = LOST_KEY_FILE if key_file_lost(data_dir) else ""
    return ask_to_unlock(check, str(data_dir), note)
