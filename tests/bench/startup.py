"""Start-up: the first paint of the app in fresh processes, against a bare PySide6 window.

The app is timed through its hook: with ``INTERPLAY_FIRST_PAINT_FILE`` set, the window
writes ``<unix time of the first painted frame> <peak RSS in KiB>`` to that file once its
first frame is complete, then quits. The baselines write the same line the same way:

- ``BARE``: a script that imports PySide6 and shows an empty 1200x800 ``QMainWindow`` (what
  any PySide6 app pays before its own code): the baseline of the start-up ratio;
- ``PYQTGRAPH``: the same plus ``import pyqtgraph`` (and numpy with it): what Charts loads
  when it first opens; the app does not load it before its first paint;
- ``QT_ENUMS``: the bare window plus a first use of ``Qt.`` and ``QStyle``: the part of the
  app's cost that any widget code pays (a figure to read the ratio by, not the baseline);
- ``TEXT``: that window showing one line of text: what any window with text pays on top
  (the font database loads at the first text measured), likewise.

Rounds interleave app (one per journal), bare window and pyqtgraph window, so drift on a
shared machine hits them alike; each ratio is the median of the per-pair ratios of an app
run and the bare run right after it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"

_WINDOW = """
import os, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
{extra}
out = Path(os.environ["INTERPLAY_FIRST_PAINT_FILE"])
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 800)
{central}

def peak_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

class Watch(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, finish)  # as the app: once this frame is complete
        return False

def finish():
    out.write_text(f"{{time.time():.6f}} {{peak_kib()}}\\n")
    app.quit()

watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
"""
BARE = _WINDOW.format(extra="", central="")
PYQTGRAPH = _WINDOW.format(extra="import pyqtgraph  # noqa: F401", central="")
# What any widget code pays on its first use of ``Qt.`` and of a style: PySide6 makes
# Python enums of the whole ``Qt`` namespace (93) and of ``QStyle`` (11) at first touch.
_ENUMS = (
    "from PySide6.QtCore import Qt\nfrom PySide6.QtWidgets import QStyle\n"
    "Qt.AlignmentFlag.AlignLeft, QStyle.StateFlag.State_None"
)
QT_ENUMS = _WINDOW.format(extra=_ENUMS, central="")
# And what any window that shows text pays: the font database, loaded at the first text
# measured (an empty window never measures any): one line in a label.
TEXT = _WINDOW.format(
    extra=_ENUMS + "\nfrom PySide6.QtWidgets import QLabel",
    # As the app does, hush the offscreen platform's note that it cannot pass size hints.
    central="from PySide6.QtCore import qInstallMessageHandler\n"
    "qInstallMessageHandler(lambda *_: None)\n"
    'window.setCentralWidget(QLabel("Today"))',
)


def child_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # As on a user's machine: Python reads the compiled modules (compiled before the runs).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return {**env, **extra}


def app_command(data_dir: Path) -> list[str]:
    return [sys.executable, str(MAIN), "--data-dir", str(data_dir)]


def first_paint(command: list[str], marker: Path, env: dict[str, str]) -> tuple[float, int]:
    """Seconds from spawning ``command`` to its first painted frame, and its peak RSS (KiB)."""
    marker.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    painted, peak = marker.read_text(encoding="utf-8").split()
    return float(painted) - started, int(peak)


def bench_start(journals: dict[str, Path], rounds: int, warm: int = 2) -> dict[str, Any]:
    """First paint of each journal, the bare window and the pyqtgraph window, interleaved.

    Returns, per journal label, the app's and its paired bare window's samples, and the
    pyqtgraph window's; ``warm`` rounds first (file cache, bytecode) are not counted.
    """
    samples: dict[str, Any] = {
        label: {"app": [], "bare": [], "app_kib": [], "bare_kib": []} for label in journals
    }
    samples["pyqtgraph"] = {"window": [], "kib": [], "bare": []}
    samples["qt_enums"] = {"window": [], "bare": []}
    samples["text"] = {"window": [], "bare": []}
    with tempfile.TemporaryDirectory(prefix="interplay-paint-") as tmp:
        marker = Path(tmp) / "painted"
        env = child_env(INTERPLAY_FIRST_PAINT_FILE=str(marker))
        bare = [sys.executable, "-c", BARE]
        graph = [sys.executable, "-c", PYQTGRAPH]
        enums = [sys.executable, "-c", QT_ENUMS]
        text = [sys.executable, "-c", TEXT]
        for number in range(warm + rounds):
            counted = number >= warm
            for label, data_dir in journals.items():
                app_s, app_kib = first_paint(app_command(data_dir), marker, env)
                bare_s, bare_kib = first_paint(bare, marker, env)
                if counted:
                    figures = samples[label]
                    figures["app"].append(app_s)
                    figures["bare"].append(bare_s)
                    figures["app_kib"].append(app_kib)
                    figures["bare_kib"].append(bare_kib)
            graph_s, graph_kib = first_paint(graph, marker, env)
            bare_s, _ = first_paint(bare, marker, env)
            if counted:
                samples["pyqtgraph"]["window"].append(graph_s)
                samples["pyqtgraph"]["kib"].append(graph_kib)
                samples["pyqtgraph"]["bare"].append(bare_s)
            enums_s, _ = first_paint(enums, marker, env)
            bare_s, _ = first_paint(bare, marker, env)
            if counted:
                samples["qt_enums"]["window"].append(enums_s)
                samples["qt_enums"]["bare"].append(bare_s)
            text_s, _ = first_paint(text, marker, env)
            bare_s, _ = first_paint(bare, marker, env)
            if counted:
                samples["text"]["window"].append(text_s)
                samples["text"]["bare"].append(bare_s)
    return samples


def paired(ours: list[float], base: list[float]) -> tuple[float, float, float]:
    """(median of ours, median of the baseline, median of the per-pair ratios)."""
    ratios = [a / b for a, b in zip(ours, base, strict=True)]
    return statistics.median(ours), statistics.median(base), statistics.median(ratios)


def modules_at_first_paint(data_dir: Path) -> list[str]:
    """The modules loaded when the app's first frame is painted (the
    ``INTERPLAY_FIRST_PAINT_MODULES`` hook writes them, one a line)."""
    with tempfile.TemporaryDirectory(prefix="interplay-modules-") as tmp:
        marker = Path(tmp) / "painted"
        modules = Path(tmp) / "modules"
        env = child_env(
            INTERPLAY_FIRST_PAINT_FILE=str(marker), INTERPLAY_FIRST_PAINT_MODULES=str(modules)
        )
        first_paint(app_command(data_dir), marker, env)
        return modules.read_text(encoding="utf-8").split()
