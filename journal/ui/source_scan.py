"""Sparing PySide6's read of every module's source.

Once PySide6 is loaded, its import hook (``shibokensupport.feature``) asks of every module
imported after it whether its source mentions PySide6, for the ``from __feature__ import``
switches (snake_case names, true properties), by reading the whole file with
``inspect.getsource``. Interplay never uses those switches, and its import contracts already
say which of its modules may use Qt (``journal.ui``, nothing else), so the answers are given
here up front: the window's own modules are not read before the first frame, nor are
SQLAlchemy's and Alembic's hundreds in the warm-up thread (each read holds the interpreter
the window needs). The hook's table is PySide6's; where it is not found this does nothing.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

USES_PYSIDE = 0
"""The hook's value for a module that uses PySide6 without feature switches."""
IGNORED = -1
"""The hook's value for a module it ignores (one that does not use PySide6)."""

# Packages whose modules never use PySide6 (checked by tests/unit/test_source_scan.py).
WITHOUT_QT = frozenset({"sqlalchemy", "alembic"})


def spare_source_scans(package: str) -> int:
    """Tell PySide6's hook whether each module of ``package`` uses it: ``journal`` (its
    interface does, by the import contracts) or one of ``WITHOUT_QT`` (none do). Returns
    how many modules were named (0 when PySide6 or its table is not there)."""
    if package != "journal" and package not in WITHOUT_QT:
        raise ValueError(f"which modules of {package} use PySide6 is not known")
    table = _feature_table()
    if table is None:
        return 0
    named = 0
    for name in _modules_of(package):
        table.setdefault(name, USES_PYSIDE if _may_use_qt(name) else IGNORED)
        named += 1
    return named


def _feature_table() -> dict[str, int] | None:
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def _may_use_qt(name: str) -> bool:
    """Interplay's layering: only the interface (``journal.ui``) imports Qt."""
    return name == "journal.ui" or name.startswith("journal.ui.")


def _modules_of(package: str) -> Iterator[str]:
    """The dotted names of a package's Python modules, found on disk without importing."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return
    for location in spec.submodule_search_locations:
        root = Path(location)
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d != "__pycache__" and not d.startswith(".")]
            parts = Path(folder).relative_to(root).parts
            prefix = ".".join((package, *parts))
            for file in files:
                if file.endswith(".py"):
                    stem = file[:-3]
                    yield prefix if stem == "__init__" else f"{prefix}.{stem}"
