"""Where the journal lives: ``--data-dir``, then ``INTERPLAY_DATA_DIR``, then the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "INTERPLAY_DATA_DIR"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("Interplay", appauthor=False)


def resolve_data_dir(option: str | Path | None) -> Path:
    if option:
        return Path(option).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()
