"""A bytecode cache for code that is compiled from text at every start.

Python caches the bytecode of modules, but not of code made from text while the program
runs, and two such makers sit on the way to the window's first frame:

- ``@dataclass`` writes each class's ``__init__``, ``__eq__``, ``__hash__``, ``__repr__``,
  ``__setattr__`` ... as source and compiles it: about 0.15 ms a method, 300-odd methods of
  56 classes before the first frame (12% of its instructions on a 10-year journal);
- shiboken, under ``import PySide6``, compiles the modules of its support package (the
  signature loader, its parser, the .pyi generator ...) from a zip embedded in its library:
  about 35 ms of any PySide6 program's start, a bare window's included.

``install()`` gives the ``dataclasses`` module an ``exec`` of its own (a module global shadows
the builtin), and ``compiling()`` replaces the builtin ``compile`` while PySide6 is imported;
both look the text up in a cache of compiled code kept in a file beside the package's bytecode
(``journal/__pycache__/codegen.<cache tag>.bin``), compiling only on a miss. The key is the
exact source text, the file name and the ``__future__`` flags it is compiled with (those of
the code that asked, as ``exec`` and ``compile`` inherit them), so a changed class or a new
PySide6 simply misses; the file is per interpreter (its cache tag and magic number) and per
optimization level, and one that cannot be read is ignored. Nothing else changes: the code
is what ``compile`` makes of the same text with the same flags, run by the real ``exec``.
The file is written at exit when a run compiled anything new (as Python writes ``.pyc``
files: not at all under ``PYTHONDONTWRITEBYTECODE``),
atomically, with what this run used and what was kept from before (dropping the latter once
it outnumbers the former four to one, so that edits over time do not grow it without end).
"""

from __future__ import annotations
import __future__

import atexit
import builtins
import functools
import marshal
import operator
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import CodeType
from typing import Any

_FORMAT = 4  # bump when the file's layout changes
_KEEP_STALE_UP_TO = 4  # kept unused entries, as a multiple of those used in this run


# A compiled text's key: its source, the file name given, and the ``__future__`` flags it
# was compiled with (those of the code that asked: ``exec`` and ``compile`` inherit them).
Key = tuple[str | bytes, str, int]
# (Without ``nested_scopes``' flag: set on every nested function, and ignored by ``compile``.)
_FUTURE_FLAGS: int = (
    functools.reduce(
        operator.or_,
        (getattr(__future__, name).compiler_flag for name in __future__.all_feature_names),
    )
    & ~__future__.nested_scopes.compiler_flag
)
_real_compile = builtins.compile


def _flags_of_caller(depth: int) -> int:
    """The ``__future__`` flags of the code ``depth`` frames up, as ``exec`` inherits them."""
    return sys._getframe(depth + 1).f_code.co_flags & _FUTURE_FLAGS


class CodegenCache:
    """Compiled code for generated source texts, loaded from and saved to ``path``."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._kept: dict[Key, bytes] | None = None  # loaded at the first lookup
        self._used: dict[Key, CodeType] = {}
        self.compiled = 0  # misses in this run
        self.reused = 0

    def code(self, source: str | bytes, filename: str = "<string>", flags: int = 0) -> CodeType:
        """``compile(source, filename, "exec", flags, dont_inherit=True)``, from the cache
        or compiled now."""
        key = (source, filename, flags)
        with self._lock:
            found = self._used.get(key)
            if found is not None:
                return found
            if self._kept is None:
                self._kept = self._load()
            stored = self._kept.get(key)
            found = _unmarshal_code(stored) if stored is not None else None
            if found is None:
                found = _real_compile(source, filename, "exec", flags, dont_inherit=True)
                self.compiled += 1
            else:
                self.reused += 1
            self._used[key] = found
            return found

    def exec(
        self, source: object, globals: dict[str, Any] | None = None, locals: Any = None, /
    ) -> None:
        """``exec`` as the builtin, with source text compiled through the cache."""
        if isinstance(source, str):
            source = self.code(source, "<string>", _flags_of_caller(1))
        builtins.exec(source, globals, locals)  # type: ignore[arg-type]

    def compile(
        self,
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
        **more: Any,
    ) -> Any:
        """``compile`` as the builtin; a plain ``compile(text, name, "exec")`` through
        the cache."""
        inherited = 0 if dont_inherit else _flags_of_caller(1)
        plain = mode == "exec" and not flags and optimize == -1 and not more
        if plain and isinstance(source, str | bytes) and isinstance(filename, str):
            return self.code(source, filename, inherited)
        return _real_compile(source, filename, mode, flags | inherited, True, optimize, **more)

    def _load(self) -> dict[Key, bytes]:
        """Source text -> its code, still marshalled: a run unmarshals only what it uses
        (a window's start uses a quarter of what its later work adds to the file)."""
        if self.path is None:
            return {}
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if not (isinstance(data, tuple) and len(data) == 2 and data[0] == header()):
            return {}
        entries = data[1]
        if not isinstance(entries, dict):
            return {}
        return {
            key: value
            for key, value in entries.items()
            if _is_key(key) and isinstance(value, bytes)
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
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(marshal.dumps((header(), entries)))
            partial.replace(self.path)
        except OSError:  # a read-only install: as Python with its .pyc files, go on without
            with suppress(OSError):
                partial.unlink(missing_ok=True)  # a full disk, or the file held elsewhere
            return False
        return True


def _is_key(key: object) -> bool:
    return (
        isinstance(key, tuple)
        and len(key) == 3
        and isinstance(key[0], str | bytes)
        and isinstance(key[1], str)
        and isinstance(key[2], int)
    )


def _unmarshal_code(stored: bytes) -> CodeType | None:
    try:
        code = marshal.loads(stored)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def header() -> tuple[int, bytes]:
    """What a file starts with: its layout, and the bytecode's magic number (as ``.pyc``
    files: an interpreter whose bytecode differs, under the same cache tag, ignores it)."""
    from importlib.util import MAGIC_NUMBER

    return (_FORMAT, MAGIC_NUMBER)


def default_path() -> Path | None:
    """Beside the package's bytecode (where Python puts it: ``__pycache__`` or under
    ``PYTHONPYCACHEPREFIX``), named for this interpreter and, as ``.pyc`` files, for its
    optimization level (``-O`` drops asserts, ``-OO`` docstrings too, from the code it
    compiles); None if it has no cache tag."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    from importlib.util import cache_from_source  # loaded already: the import system's

    bytecode = Path(cache_from_source(str(Path(__file__).resolve())))
    level = sys.flags.optimize
    return bytecode.with_name(f"codegen.{tag}{f'.opt-{level}' if level else ''}.bin")


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


@contextmanager
def compiling(cache: CodegenCache | None = None) -> Iterator[CodegenCache]:
    """Within: the builtin ``compile`` goes through the cache (``install()``'s by default).

    For ``import PySide6`` (see the module's docstring). Only for a stretch of start-up
    with one thread running: the builtin is replaced for the whole process while inside.
    """
    cache = cache if cache is not None else install()
    previous = builtins.compile
    builtins.compile = cache.compile
    try:
        yield cache
    finally:
        builtins.compile = previous
