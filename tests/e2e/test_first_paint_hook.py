"""The first-paint hook the benchmark and outside checks time start-up with.

``INTERPLAY_FIRST_PAINT_FILE``: the window writes ``<unix time of its first painted frame>
<peak RSS in KiB>`` there once that frame is complete, then quits.
``INTERPLAY_FIRST_PAINT_MODULES``: the modules loaded by then, one a line.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import time
from pathlib import Path

from journal.domain.entries import Meal
from journal.services import open_services

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def test_the_window_writes_its_first_paint_and_quits_without_the_orm_loaded(
    tmp_path: Path, data_dir: Path
) -> None:
    services = open_services(data_dir)  # today has an entry, as the window paints it
    services.journal.add_entry(Meal(at=services.journal.now(), items="soup", carbs_g=20))
    services.close()
    painted, modules = tmp_path / "painted", tmp_path / "modules"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "INTERPLAY_FIRST_PAINT_FILE": str(painted),
        "INTERPLAY_FIRST_PAINT_MODULES": str(modules),
    }
    started = time.time()
    result = subprocess.run(
        [sys.executable, str(MAIN), "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    ended = time.time()
    assert result.returncode == 0, result.stderr
    moment, peak_kib = painted.read_text(encoding="utf-8").split()
    assert started < float(moment) < ended
    assert int(peak_kib) > 10_000  # a Qt process's peak RSS, in KiB
    loaded = set(modules.read_text(encoding="utf-8").split())
    assert {"PySide6.QtWidgets", "journal.ui.main_window", "journal.services.day"} <= loaded
    # The ORM and the repository (bound lazily, so named here unloaded) load after it.
    late = {m for m in loaded if m.split(".")[0] in ("sqlalchemy", "alembic", "pyqtgraph")}
    assert not late, "loaded before the first paint (they belong to the warm-up)"
    # Nor what only some starts need: backups (an emptied journal), the welcome (a first
    # run), the goals (another view); hashlib and uuid come with them.
    some = {"journal.store.backup", "journal.ui.welcome", "journal.domain.goals", "hashlib"}
    some |= {"journal.ui.help"}  # the help dialog: Today's tooltips only name it
    assert not some & loaded, "loaded before the first paint, though it is not shown"


def test_a_second_start_compiles_no_generated_code(tmp_path: Path, data_dir: Path) -> None:
    """The code made from text on the way to the first frame (dataclasses' methods,
    shiboken's support modules) is compiled at the first start and read back after."""
    prefix = tmp_path / "bytecode"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "INTERPLAY_FIRST_PAINT_FILE": str(tmp_path / "painted"),
        "PYTHONPYCACHEPREFIX": str(prefix),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def start() -> None:
        command = [sys.executable, str(MAIN), "--data-dir", str(data_dir)]
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr

    start()
    (cache,) = prefix.rglob("codegen.*.bin")
    kept = marshal.loads(cache.read_bytes())[1]
    names = {name for _, name, _ in kept}
    assert "<string>" in names  # dataclasses' methods
    assert "shibokensupport/signature/loader.py" in names
    written = cache.stat().st_mtime_ns
    start()
    assert cache.stat().st_mtime_ns == written, "the second start compiled something anew"
