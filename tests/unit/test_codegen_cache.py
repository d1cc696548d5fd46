"""The bytecode cache for dataclasses' generated methods: same classes, compiled once."""

from __future__ import annotations

import ast
import builtins
import dataclasses
import importlib.util
import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import journal
from journal import codegen_cache
from journal.codegen_cache import CodegenCache, compiling

# A module's worth of dataclasses, as the package writes them, made through a given cache.
_CLASSES = textwrap.dedent(
    """
    from dataclasses import dataclass, field

    @dataclass(frozen=True, slots=True)
    class Reading:
        value: float
        unit: str = "mmol/L"
        tags: tuple[str, ...] = ()

    @dataclass(order=True)
    class Note:
        text: str
        words: list[str] = field(default_factory=list)
    """
)

# Compiled without this module's ``from __future__ import annotations``: real types.
_COMPILED_CLASSES = compile(_CLASSES, "<classes>", "exec", dont_inherit=True)


def make_classes(cache: CodegenCache) -> dict[str, Any]:
    """Run ``_CLASSES`` with ``dataclasses`` compiling through ``cache``."""
    previous = dataclasses.exec  # type: ignore[attr-defined]
    dataclasses.exec = cache.exec  # type: ignore[attr-defined]
    try:
        namespace: dict[str, Any] = {"__name__": __name__}
        exec(_COMPILED_CLASSES, namespace)
        return namespace
    finally:
        dataclasses.exec = previous  # type: ignore[attr-defined]


def plain_classes() -> dict[str, Any]:
    """The same, compiled as ``dataclasses`` does without the cache."""
    namespace: dict[str, Any] = {"__name__": __name__}
    previous = dataclasses.exec  # type: ignore[attr-defined]
    dataclasses.exec = builtins.exec  # type: ignore[attr-defined]
    try:
        exec(_COMPILED_CLASSES, namespace)
    finally:
        dataclasses.exec = previous  # type: ignore[attr-defined]
    return namespace


def test_the_package_installs_the_cache_before_its_dataclasses() -> None:
    assert journal.codegen_cache._installed is not None
    assert dataclasses.exec == journal.codegen_cache._installed.exec  # type: ignore[attr-defined]


def test_a_second_run_compiles_nothing_and_makes_the_same_classes(tmp_path: Path) -> None:
    path = tmp_path / "codegen.bin"
    first = CodegenCache(path)
    made = make_classes(first)
    compiled = first.compiled
    assert compiled > 0 and first.reused == 0
    assert first.save() and path.exists()

    second = CodegenCache(path)
    again = make_classes(second)
    assert second.compiled == 0
    assert second.reused == compiled
    assert not second.save()  # nothing new: the file is left as it is

    plain = plain_classes()
    for ns in (made, again):
        reading = ns["Reading"](5.5, tags=("fasting",))
        assert reading == ns["Reading"](5.5, "mmol/L", ("fasting",))
        assert hash(reading) == hash(ns["Reading"](5.5, tags=("fasting",)))
        assert repr(reading) == repr(plain["Reading"](5.5, tags=("fasting",)))
        with pytest.raises(dataclasses.FrozenInstanceError):
            reading.value = 1.0
        assert ns["Note"]("a") < ns["Note"]("b")
        assert ns["Note"]("a").words == [] and ns["Note"]("a").words is not ns["Note"]("b").words
        # Annotations as ``exec`` makes them in ``dataclasses``: the types, not strings.
        init = ns["Reading"].__init__
        assert init.__annotations__ == plain["Reading"].__init__.__annotations__
        assert init.__annotations__["value"] is float


def test_a_changed_class_misses_and_the_file_keeps_both(tmp_path: Path) -> None:
    path = tmp_path / "codegen.bin"
    first = CodegenCache(path)
    first.code("def f():\n return 1\n")
    first.save()
    second = CodegenCache(path)
    second.code("def f():\n return 2\n")  # the class was edited
    assert second.compiled == 1
    second.save()
    kept = marshal.loads(path.read_bytes())[1]
    assert all(isinstance(code, bytes) for code in kept.values())
    assert {source for source, _, _ in kept} == {"def f():\n return 1\n", "def f():\n return 2\n"}


def test_entries_no_run_uses_are_dropped_once_they_outnumber_the_used(tmp_path: Path) -> None:
    path = tmp_path / "codegen.bin"
    old = CodegenCache(path)
    for number in range(9):
        old.code(f"x = {number}\n")
    old.save()
    new = CodegenCache(path)
    new.code("y = 1\n")
    new.code("y = 2\n")  # 9 unused > 4 x 2 used: only this run's are written
    new.save()
    kept = marshal.loads(path.read_bytes())[1]
    assert {source for source, _, _ in kept} == {"y = 1\n", "y = 2\n"}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal at all",
        marshal.dumps((99, {})),
        marshal.dumps([1, 2]),
        marshal.dumps((2, {"x = 1\n": marshal.dumps(compile("x = 1", "<string>", "exec"))})),
        marshal.dumps((codegen_cache.header(), {("x = 1\n", "<string>", 0): b"broken"})),
        marshal.dumps((codegen_cache.header(), {("x = 1\n", "<string>", 0): marshal.dumps(3)})),
        marshal.dumps(
            (
                codegen_cache.header(),
                {"x = 1\n": marshal.dumps(compile("x = 1", "<string>", "exec"))},
            )
        ),
        # Another interpreter's bytecode under the same cache tag (its magic number differs).
        marshal.dumps(
            (
                (codegen_cache._FORMAT, b"\0\0\r\n"),
                {("x = 1\n", "<string>", 0): marshal.dumps(compile("x = 1", "<string>", "exec"))},
            )
        ),
    ],
)
def test_an_unreadable_or_foreign_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "codegen.bin"
    path.write_bytes(content)
    cache = CodegenCache(path)
    assert make_classes(cache)["Reading"](1.0).value == 1.0
    namespace: dict[str, Any] = {}
    cache.exec("x = 1\n", namespace)  # a broken entry for this text is compiled anew
    assert namespace["x"] == 1
    assert cache.reused == 0 and cache.compiled > 0
    assert cache.save()  # and replaced by a good one
    again = CodegenCache(path)
    make_classes(again)
    again.exec("x = 1\n", {})
    assert again.compiled == 0


def test_nothing_is_written_under_dont_write_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache = CodegenCache(tmp_path / "codegen.bin")
    cache.code("x = 1\n")
    assert not cache.save()
    assert not (tmp_path / "codegen.bin").exists()


def test_a_file_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    cache = CodegenCache(blocker / "codegen.bin")  # its folder is a file
    cache.code("x = 1\n")
    assert not cache.save()


def test_a_save_that_cannot_replace_the_file_leaves_nothing_behind(tmp_path: Path) -> None:
    (tmp_path / "codegen.bin").mkdir()  # in the way of the replace, not of the write
    cache = CodegenCache(tmp_path / "codegen.bin")
    cache.code("x = 1\n")
    assert not cache.save()
    assert [p.name for p in tmp_path.iterdir()] == ["codegen.bin"]


def test_each_optimization_level_has_a_file_of_its_own() -> None:
    """Code compiled under -O has no asserts (and under -OO no docstrings): never reused by
    a plain run, nor the other way round; as .pyc files."""
    names = []
    for flags in ([], ["-O"], ["-OO"]):
        done = subprocess.run(
            [
                sys.executable,
                *flags,
                "-c",
                "from journal import codegen_cache as c; print(c.default_path().name)",
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(journal.__file__).parents[1],
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        names.append(done.stdout.strip())
    tag = sys.implementation.cache_tag
    assert names == [f"codegen.{tag}.bin", f"codegen.{tag}.opt-1.bin", f"codegen.{tag}.opt-2.bin"]


def test_the_default_file_sits_beside_the_package_bytecode() -> None:
    path = codegen_cache.default_path()
    assert path is not None
    package_bytecode = importlib.util.cache_from_source(str(Path(journal.__file__).resolve()))
    assert path.parent == Path(package_bytecode).parent
    assert sys.implementation.cache_tag in path.name


def test_exec_passes_compiled_code_through(tmp_path: Path) -> None:
    cache = CodegenCache(tmp_path / "codegen.bin")
    namespace: dict[str, Any] = {}
    cache.exec(compile("z = 3", "<string>", "exec"), namespace)
    assert namespace["z"] == 3 and cache.compiled == 0


def test_exec_compiles_with_the_future_flags_of_the_code_that_asks(tmp_path: Path) -> None:
    cache = CodegenCache(tmp_path / "codegen.bin")
    text = "def f(x: int) -> None:\n    pass\n"
    lazy: dict[str, Any] = {}
    cache.exec(text, lazy)  # this module has ``from __future__ import annotations``
    assert lazy["f"].__annotations__ == {"x": "int", "return": "None"}
    eager: dict[str, Any] = {}
    exec(_CALLS_EXEC_EAGERLY, {"cache": cache, "text": text, "namespace": eager})
    assert eager["f"].__annotations__ == {"x": int, "return": None}
    assert cache.compiled == 2  # two keys: the same text under other flags


# Code without ``from __future__ import annotations`` that runs the cache's ``exec``.
_CALLS_EXEC_EAGERLY = compile("cache.exec(text, namespace)", "<eager>", "exec", dont_inherit=True)


def test_compile_is_the_builtin_for_anything_but_plain_exec_text(tmp_path: Path) -> None:
    cache = CodegenCache(tmp_path / "codegen.bin")
    assert eval(cache.compile("1 + 2", "<e>", "eval")) == 3
    tree = cache.compile("x = 1", "<t>", "exec", ast.PyCF_ONLY_AST)
    assert isinstance(tree, ast.Module)
    assert cache.compiled == 0
    code = cache.compile(b"y = 2\n", "support/module.py", "exec")
    assert code.co_filename == "support/module.py"
    assert cache.compile(b"y = 2\n", "support/module.py", "exec") is code
    assert cache.compiled == 1 and cache.reused == 0  # the second from this run's own


def test_compiling_puts_back_what_was_there_before(tmp_path: Path) -> None:
    real = builtins.compile

    def hook(*args: Any, **kwargs: Any) -> Any:  # someone else's, installed first
        return real(*args, **kwargs)

    builtins.compile = hook
    try:
        with compiling(CodegenCache(tmp_path / "one.bin")):
            with compiling(CodegenCache(tmp_path / "two.bin")):
                pass
            assert builtins.compile != hook
        assert builtins.compile is hook
    finally:
        builtins.compile = real


def test_compiling_puts_the_builtin_back_even_after_an_error(tmp_path: Path) -> None:
    real = builtins.compile
    cache = CodegenCache(tmp_path / "codegen.bin")
    with pytest.raises(ZeroDivisionError), compiling(cache):
        assert builtins.compile == cache.compile
        compile("z = 1\n", "<inside>", "exec")
        _ = 1 / 0
    assert builtins.compile is real
    assert cache.compiled == 1


_IMPORT_PYSIDE6 = """
import sys
from pathlib import Path
from journal.codegen_cache import CodegenCache, compiling
cache = CodegenCache(Path(sys.argv[1])) if len(sys.argv) > 1 else None
if cache is not None:
    with compiling(cache):
        import PySide6.QtCore
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
try:  # the message comes from shiboken's support modules (its signatures and their parser)
    QWidget().resize("wide")
except TypeError as error:
    message = str(error)
assert "shibokensupport.signature.errorhandler" in sys.modules
print(cache.compiled if cache else 0, cache.reused if cache else 0, message)
if cache is not None:
    cache.save()
"""


def run_importing_pyside6(*args: str) -> tuple[int, int, str]:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_PYSIDE6, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(journal.__file__).resolve().parents[1],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    compiled, reused, message = done.stdout.split(maxsplit=2)
    return int(compiled), int(reused), message


def test_pyside6_support_modules_compile_once_and_work_as_before(tmp_path: Path) -> None:
    path = str(tmp_path / "codegen.bin")
    compiled, reused, message = run_importing_pyside6(path)
    compiled_again, reused_again, message_again = run_importing_pyside6(path)
    *_, without_cache = run_importing_pyside6()
    assert compiled > 5 and reused == 0
    assert compiled_again == 0 and reused_again == compiled
    assert "Supported signatures:" in without_cache
    assert "resize(w: int, h: int, /)" in without_cache
    assert message == message_again == without_cache


def test_compile_inherits_future_flags_as_the_builtin_does(tmp_path: Path) -> None:
    cache = CodegenCache(tmp_path / "codegen.bin")
    text = "def g(y: float) -> int:\n    return 1\n"
    for compiler in (compile, cache.compile):
        namespace: dict[str, Any] = {}
        exec(compiler(text, "m.py", "exec"), namespace)  # this module's flags: lazy
        assert namespace["g"].__annotations__ == {"y": "float", "return": "int"}
        exec(compiler(text, "m.py", "exec", dont_inherit=True), namespace)
        assert namespace["g"].__annotations__ == {"y": float, "return": int}
