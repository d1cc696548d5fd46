"""One way to reach the files the app ships (icons, styles, help) wherever it runs from."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import journal

# The resources folder sits at the top level, beside the package, in the source tree.
_SOURCE_TREE = Path(journal.__file__).resolve().parent.parent / "resources"


def _packaged_root() -> Path | None:
    """The resources a build copied into the package (``journal/_resources``), if any."""
    try:
        root = resources.files("journal") / "_resources"
    except (ModuleNotFoundError, TypeError):
        return None
    # Only a real directory is usable by Qt, which reads files by path.
    if isinstance(root, Path) and root.is_dir():
        return root
    return None


def resource_root() -> Path:
    """The folder holding ``icons/``, ``styles/`` and ``help/``."""
    return _packaged_root() or _SOURCE_TREE


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource_path("icons", "meal.svg")``."""
    return resource_root().joinpath(*parts)
