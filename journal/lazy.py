"""Modules imported on first use, so the window can paint before SQLAlchemy has loaded.

``repo = lazy_module("journal.store.repository")`` binds a module object whose code runs
the first time one of its names is read (``importlib.util.LazyLoader``). Type checkers see
the real module through an ``if TYPE_CHECKING`` import beside it.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """The module ``name``, loaded when first used (at once if it already is)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"No module named {name!r}")
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
