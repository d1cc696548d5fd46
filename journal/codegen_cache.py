"""A bytecode cache for the methods that ``dataclasses`` writes as text and compiles.

Python caches the bytecode of modules, but not of the ``__init__``, ``__eq__``, ``__hash__``,
``__repr__``, ``__setattr__`` ... that ``@dataclass`` generates: at every start it builds each
method's source and compiles it, about 0.15 ms a method, 300-odd methods of 56 classes before
the window's first frame (50-70 ms of a start-up the person waits for).

``install()`` gives the ``dataclasses`` module an ``exec`` of its own (a module global shadows
the builtin) that looks the source text up in a cache of compiled code, kept in a file beside
the package's bytecode (``journal/__pycache__/codegen.<cache tag>.bin``) and compiled only on a
miss. The key is the exact source text, so a changed class (or a Python whose dataclasses
write other text) simply misses; the file is per interpreter (its cache tag), and one that
cannot be read is ignored. Nothing else changes: the code is the code ``compile`` makes of
the same text, run by the real ``exec`` with the same namespaces. The file is written at
exit when a run compiled anything new (as Python writes ``.pyc`` files: not at all under
``PYTHONDONTWRITEBYTECODE``), atomically, with the methods used in this run and those
kept from before (dropping those once they outnumber this run's four to one, so that
edits over time do not grow it without end).
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import os
import sys
import threading
from pathlib import Path
from types import CodeType
from typing import Any

_FORMAT = 2  # bump when the file's layout changes
_KEEP_STALE_UP_TO = 4  # kept unused entries, as a multiple of those used in this run


class CodegenCache:
    """Compiled code for generated source texts, loaded from and saved to ``path``."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._kept: dict[str, bytes] | None = None  # loaded at the first lookup
        self._used: dict[str, CodeType] = {}
        self.compiled = 0  # misses in this run
        self.reused = 0

    def code(self, source: str) -> CodeType:
        """The compiled code of ``source``, from the cache or compiled now."""
        with self._lock:
            found = self._used.get(source)
            if found is not None:
                return found
            if self._kept is None:
                self._kept = self._load()
            stored = self._kept.get(source)
            found = _unmarshal_code(stored) if stored is not None else None
            if found is None:
                # Not inheriting this module's ``from __future__ import annotations``:
                # compiled as ``exec`` compiles the text inside ``dataclasses``.
                found = compile(source, "<string>", "exec", dont_inherit=True)
                self.compiled += 1
            else:
                self.reused += 1
            self._used[source] = found
            return found

    def exec(
        self, source: object, globals: dict[str, Any] | None = None, locals: Any = None, /
    ) -> None:
        """``exec`` as the builtin, with source text compiled through the cache."""
        if isinstance(source, str):
            source = self.code(source)
        builtins.exec(source, globals, locals)  # type: ignore[arg-type]

    def _load(self) -> dict[str, bytes]:
        """Source text -> its code, still marshalled: a run unmarshals only what it uses
        (a window's start uses a quarter of what its later work adds to the file)."""
        if self.path is None:
            return {}
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if not (isinstance(data, tuple) and len(data) == 2 and data[0] == _FORMAT):
            return {}
        entries = data[1]
        if not isinstance(entries, dict):
            return {}
        return {
            key: value
            for key, value in entries.items()
            if isinstance(key, str) and isinstance(value, bytes)
        }

    def save(self) -> bool:
        """Write the file if this run compiled anything new; True if it was written."""
        if self.path is None or sys.dont_write_bytecode:
            return False
        with self._lock:
            if not self.compiled:
                return False
            kept = {k: v for k, v in (self._kept or {}).items() if k not in self._used}
            if len(kept) > _KEEP_STALE_UP_TO * len(self._used):
                kept = {}
            entries = {**kept, **{k: marshal.dumps(v) for k, v in self._used.items()}}
            self.compiled = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps((_FORMAT, entries)))
            partial.replace(self.path)
        except OSError:  # a read-only install: as Python with its .pyc files, go on without
            return False
        return True


def _unmarshal_code(stored: bytes) -> CodeType | None:
    try:
        code = marshal.loads(stored)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def default_path() -> Path | None:
    """Beside the package's bytecode (where Python puts it: ``__pycache__`` or under
    ``PYTHONPYCACHEPREFIX``), named for this interpreter; None if it has no cache tag."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    from importlib.util import cache_from_source  # loaded already: the import system's

    bytecode = Path(cache_from_source(str(Path(__file__).resolve())))
    return bytecode.with_name(f"codegen.{tag}.bin")


_installed: CodegenCache | None = None


def install(path: Path | None = None) -> CodegenCache:
    """Route ``dataclasses``' compiling through the cache (once a process)."""
    global _installed
    if _installed is not None:
        return _installed
    import dataclasses

    cache = CodegenCache(path if path is not None else default_path())
    dataclasses.exec = cache.exec  # type: ignore[attr-defined]
    atexit.register(cache.save)
    _installed = cache
    return cache
