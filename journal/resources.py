"""One way to reach the files the app ships (icons, styles, help) wherever it runs from."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import journal

_PACKAGE = Path(journal.__file__).resolve().parent
# The resources folder sits at the top level, beside the package, in the source tree.
_SOURCE_TREE = _PACKAGE.parent / "resources"


@cache
def _packaged_root() -> Path | None:
    """The resources a build copied into the package (``journal/_resources``), if any.

    Qt reads files by path, so only a real folder beside the package's modules will do:
    that is what ``importlib.resources.files("journal")`` gives for a package on disk, and
    reading it from ``__file__`` spares the first paint importing ``importlib.resources``
    (10-15 ms).
    """
    root = _PACKAGE / "_resources"
    return root if root.is_dir() else None


def resource_root() -> Path:
    """The folder holding ``icons/``, ``styles/`` and ``help/``."""
    return _packaged_root() or _SOURCE_TREE


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource_path("icons", "meal.svg")``."""
    return resource_root().joinpath(*parts)
