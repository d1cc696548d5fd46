"""Interplay's benchmark: every figure the median of interleaved rounds, with its baseline
from the same run, written to one JSON file.

    python tests/bench/bench.py --out bench.json          # full: several minutes
    python tests/bench/bench.py --quick --out quick.json  # small journals: under a minute
    python tests/bench/readme_table.py bench.json         # the README's table from it

Journals (built in this process; every figure about start-up or memory is measured in a
fresh process): demo journals of 1 and 10 years written by the demo service (as
``interplay demo``), and the 10-year one plus 1,000,000 five-minute CGM readings written
through the bulk writer (``--quick``: 1 year, and 1 year + 100,000 readings).

Figures (the ``figures`` list: key, figure, value, unit, baseline, ratio, journal):
- building the demo journal: the 10-year one (``--quick``: 1 year), in seconds;
- first paint: spawning ``main.py`` to its first painted frame, through the
  ``INTERPLAY_FIRST_PAINT_FILE`` hook, against a bare PySide6 window (``startup.BARE``);
  beside it a window that also imports pyqtgraph (what Charts loads), against the same;
  and the peak RSS at first paint; and whether SQLAlchemy is loaded by then
  (``INTERPLAY_FIRST_PAINT_MODULES``);
- input stall: the longest gap of a 5 ms ``QTimer`` on the interface thread while the
  warm-up thread loads the ORM, and just after (``stall.py``), against an idle bare window;
- the views (``views.py``, fresh process): Today's change of day, a quick-add form, Charts'
  first open (against the pyqtgraph window's extra start-up), Charts switched to "2 weeks"
  and to "all" (separate figures), with the series kept and read again, each sample paired
  with a fixed reference Qt workload run right after it (``views.reference``); the peak
  RSS of the process after all that, against a bare window's;
- Today on a heavy day (300 entries): the day's read through the services, against an
  ordinary day, and the SQL it takes (entries read per kind, one join each);
- saving one entry through the services against a raw sqlite3 INSERT + COMMIT;
- export and import throughput (entries/s) against raw sqlite3 + json of the same data;
- search, as people type it, against a raw LIKE over every entry's note.
Bytecode is compiled first (compileall), as an installed app has it. Not part of the test
suite: timings belong here, never in assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import journals  # noqa: E402
import startup  # noqa: E402

BARE_LABEL = "bare PySide6 window"
REFERENCE_LABEL = "reference Qt panel, right after each sample"


class Figures:
    """The run's figures, in the order they were measured."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(
        self,
        key: str,
        figure: str,
        value: float | str,
        unit: str,
        journal: str = "",
        *,
        baseline: float | None = None,
        baseline_label: str = "",
        ratio: float | None = None,
        target: str = "",
    ) -> None:
        if ratio is None and baseline and isinstance(value, float | int):
            ratio = value / baseline
        row = {
            "key": key,
            "figure": figure,
            "value": _round(value),
            "unit": unit,
            "baseline": _round(baseline),
            "baseline_label": baseline_label,
            "ratio": None if ratio is None else round(ratio, 2),
            "journal": journal,
            "target": target,
        }
        self.rows.append(row)
        shown = f"{row['value']} {unit}"
        if baseline is not None:
            shown += f"  vs {row['baseline']} {unit} ({baseline_label}): {row['ratio']}x"
        print(f"  {key:<44} {shown}  [{journal}]", flush=True)


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 2 if abs(value) < 100 else 1)
    return value


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def in_child(script: str, *args: str) -> dict[str, Any]:
    """Run ``script`` from this folder in a fresh process; its last line is JSON."""
    result = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        capture_output=True,
        text=True,
        env=startup.child_env(),
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"{script} {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def compile_bytecode() -> None:
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "journal"), str(HERE)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


# --- start-up --------------------------------------------------------------------------


def bench_first_paint(out: Figures, paths: dict[str, Path], rounds: int, warm: int) -> float:
    """Returns the median extra start-up of the pyqtgraph window over the bare one (s)."""
    samples = startup.bench_start(paths, rounds, warm)
    targets = {"10 years": "≤ 1.5x", "10 years + 1M CGM": "≤ 2x"}
    for label in paths:
        s = samples[label]
        app, bare, ratio = startup.paired(s["app"], s["bare"])
        slug = _slug(label)
        out.add(
            f"first_paint_{slug}_ms",
            "first paint: start to the first painted window",
            app * 1000,
            "ms",
            label,
            baseline=bare * 1000,
            baseline_label=BARE_LABEL,
            ratio=ratio,
            target=targets.get(label, ""),
        )
        out.add(
            f"first_paint_{slug}_peak_rss_mb",
            "peak memory at first paint (VmHWM)",
            median(s["app_kib"]) / 1024,
            "MB",
            label,
            baseline=median(s["bare_kib"]) / 1024,
            baseline_label=BARE_LABEL,
        )
    g = samples["pyqtgraph"]
    graph, bare = _window_figure(
        out, g, "pyqtgraph", "first paint of a window that imports pyqtgraph (what Charts loads)"
    )
    _window_figure(
        out,
        samples["qt_enums"],
        "qt_enums",
        "first paint of a bare window that also uses `Qt.` and `QStyle` once (their enums)",
    )
    _window_figure(
        out,
        samples["text"],
        "text",
        "first paint of that window showing a line of text (the font database loads)",
    )
    out.add(
        "first_paint_pyqtgraph_window_peak_rss_mb",
        "peak memory of the pyqtgraph window",
        median(g["kib"]) / 1024,
        "MB",
        baseline=None,
    )
    return max(0.0, graph - bare)


def _window_figure(
    out: Figures, samples: dict[str, list[float]], slug: str, description: str
) -> tuple[float, float]:
    """A baseline window's first paint against the bare window run right after it; returns
    both medians (seconds)."""
    window, bare, ratio = startup.paired(samples["window"], samples["bare"])
    out.add(
        f"first_paint_{slug}_window_ms",
        description,
        window * 1000,
        "ms",
        baseline=bare * 1000,
        baseline_label=BARE_LABEL,
        ratio=ratio,
    )
    return window, bare


def bench_modules(out: Figures, label: str, data_dir: Path) -> None:
    modules = startup.modules_at_first_paint(data_dir)
    out.add(
        "first_paint_modules",
        "modules loaded at first paint (INTERPLAY_FIRST_PAINT_MODULES)",
        len(modules),
        "modules",
        label,
    )
    for package in ("sqlalchemy", "alembic", "numpy", "pyqtgraph"):
        loaded = any(m == package or m.startswith(package + ".") for m in modules)
        out.add(
            f"first_paint_loads_{package}",
            f"{package} loaded at first paint",
            "yes" if loaded else "no",
            "",
            label,
        )


def bench_stall(out: Figures, paths: dict[str, Path], rounds: int) -> None:
    for label, data_dir in paths.items():
        in_child("stall.py", "app", str(data_dir))  # the day's backup happens here, once
        runs = [in_child("stall.py", "app", str(data_dir)) for _ in range(rounds)]
        span = median([r["span_ms"] for r in runs]) / 1000
        bare = [in_child("stall.py", "bare", f"{span:.3f}") for _ in range(max(1, rounds // 2))]
        bare_gap = median([b["max_gap_ms"] for b in bare])
        slug = _slug(label)
        out.add(
            f"warm_up_{slug}_ms",
            "warm-up: the ORM and services loaded after the first frame",
            median([r["warm_up_ms"] for r in runs]),
            "ms",
            label,
        )
        out.add(
            f"stall_warm_up_{slug}_ms",
            "longest input stall during the warm-up (5 ms timer)",
            median([r["warm_up_max_gap_ms"] for r in runs]),
            "ms",
            label,
            baseline=bare_gap,
            baseline_label="idle bare window, same span",
            target="≤ 33 ms, two frames",
        )
        out.add(
            f"stall_after_warm_up_{slug}_ms",
            f"longest input stall in the {300} ms after it (start-up work)",
            median([r["after_max_gap_ms"] for r in runs]),
            "ms",
            label,
            baseline=bare_gap,
            baseline_label="idle bare window, same span",
            target="≤ 33 ms, two frames",
        )


# --- views -----------------------------------------------------------------------------


VIEW_FIGURES = {
    "today_day_switch_ms": "Today: switch to another day",
    "open_form_ms": "open a quick-add form",
    "charts_to_2w_ms": 'Charts: switch to "2 weeks" (series kept)',
    "charts_to_all_ms": 'Charts: switch to "all" (series kept)',
    "charts_to_2w_after_entry_ms": 'Charts: switch to "2 weeks" after an entry change',
    "charts_to_all_after_entry_ms": 'Charts: switch to "all" after an entry change',
    "charts_to_2w_after_cgm_change_ms": 'Charts: switch to "2 weeks" after a CGM import',
    "charts_to_all_after_cgm_change_ms": 'Charts: switch to "all" after a CGM import',
    "glucose_first_open_ms": "Glucose view: first open (two weeks)",
    "glucose_view_2w_ms": "Glucose view: two weeks again",
}


def bench_views(
    out: Figures, paths: dict[str, Path], rounds: int, pyqtgraph_extra_s: float
) -> None:
    bare = in_child("views.py", "bare")
    for label, data_dir in paths.items():
        figures = in_child("views.py", "app", str(data_dir), str(rounds))
        slug = _slug(label)
        for key, title in VIEW_FIGURES.items():
            if key in figures:
                name = key.removesuffix("_ms")
                out.add(
                    f"{name}_{slug}_ms",
                    title,
                    figures[key],
                    "ms",
                    label,
                    baseline=figures[f"{name}_reference_ms"],
                    baseline_label=REFERENCE_LABEL,
                    ratio=figures[f"{name}_ratio"],
                )
        out.add(
            f"charts_first_open_{slug}_ms",
            "Charts: first open, pyqtgraph loaded then",
            figures["charts_first_open_ms"],
            "ms",
            label,
            baseline=pyqtgraph_extra_s * 1000 or None,
            baseline_label="pyqtgraph window's extra first paint",
        )
        out.add(
            f"views_peak_rss_{slug}_mb",
            "peak memory after Today, a form, Charts (and Glucose), fresh process",
            figures["peak_rss_mb"],
            "MB",
            label,
            baseline=bare["peak_rss_mb"],
            baseline_label=BARE_LABEL,
        )


# --- Today on a heavy day ----------------------------------------------------------------


def bench_heavy_day(out: Figures, label: str, data_dir: Path, rounds: int) -> None:
    from journal.services import open_services
    from journal.services.day import read_day

    heavy = journals.heavy_day()
    services = open_services(data_dir)
    try:
        with services.db.plain_reading() as connection:
            (first_day,) = connection.execute("SELECT min(day) FROM entry").fetchone()
        first = date.fromisoformat(first_day)
        rng = random.Random(5)
        span = (heavy - first).days
        ordinary = [first + timedelta(days=rng.randrange(span)) for _ in range(rounds)]
        read = services.journal.day_view
        read(heavy)  # the connection opened, the pages cached: as every later switch
        pairs = [(timed(lambda: read(heavy)), timed(lambda d=d: read(d))) for d in ordinary]
        statements: list[str] = []
        with services.db.plain_reading() as connection:
            connection.set_trace_callback(statements.append)
            try:
                view = read_day(connection, heavy, services.journal.clock.localize)
            finally:
                connection.set_trace_callback(None)
    finally:
        services.close()
    ratio = median([h / o for h, o in pairs])
    out.add(
        "today_heavy_day_read_ms",
        f"Today: read a day of {len(view.entries)} entries (services.journal.day_view)",
        median([h for h, _ in pairs]) * 1000,
        "ms",
        label,
        baseline=median([o for _, o in pairs]) * 1000,
        baseline_label="an ordinary day of the same journal",
        ratio=ratio,
        target="< 50 ms",
    )
    entry_reads = [s for s in statements if re.search(r"\bFROM entry e\b", s)]
    joins = max((len(re.findall(r"\bJOIN\b", s)) for s in entry_reads), default=0)
    kinds = len({e.kind for e in view.entries})
    out.add(
        "today_heavy_day_queries",
        f"SQL statements to read it ({len(entry_reads)} entry reads for {kinds} kinds)",
        len(statements),
        "statements",
        label,
    )
    out.add(
        "today_heavy_day_max_joins",
        "detail tables joined in one entry read (per kind: at most 1)",
        joins,
        "joins",
        label,
    )


def bench_heavy_day_view(out: Figures, label: str, data_dir: Path, rounds: int) -> None:
    figures = in_child(
        "views.py", "app", str(data_dir), str(rounds), journals.heavy_day().isoformat()
    )
    out.add(
        "today_heavy_day_switch_ms",
        "Today: switch to the heavy day, on screen (view)",
        figures["today_heavy_day_switch_ms"],
        "ms",
        label,
        baseline=figures["today_ordinary_day_switch_ms"],
        baseline_label="switch to an ordinary day",
        ratio=figures["today_heavy_day_ratio"],
    )


# --- saving, import, export ------------------------------------------------------------


def bench_save(out: Figures, label: str, data_dir: Path, runs: int) -> None:
    from journal.domain.entries import Meal
    from journal.services import open_services
    from journal.store.connection import PRAGMAS

    services = open_services(data_dir)
    with tempfile.TemporaryDirectory(prefix="interplay-raw-") as tmp:
        raw = sqlite3.connect(Path(tmp) / "raw.sqlite3", isolation_level=None)
        for name, value in PRAGMAS:
            raw.execute(f"PRAGMA {name}={value}")
        raw.execute("CREATE TABLE meal (id INTEGER PRIMARY KEY, at TEXT, items TEXT, carbs REAL)")
        now = services.journal.now()

        def insert() -> None:
            raw.execute("BEGIN")
            raw.execute(
                "INSERT INTO meal (at, items, carbs) VALUES (?, ?, ?)",
                (now.isoformat(), "bench soup", 30.0),
            )
            raw.execute("COMMIT")

        def save() -> None:
            services.journal.add_entry(Meal(at=now, items="bench soup", carbs_g=30))

        save()  # the ORM loaded and the statements compiled, as after the warm-up
        pairs = [(timed(save), timed(insert)) for _ in range(runs)]
        raw.close()
    services.close()
    out.add(
        "save_entry_ms",
        "save one entry through the services",
        median([s for s, _ in pairs]) * 1000,
        "ms",
        label,
        baseline=median([r for _, r in pairs]) * 1000,
        baseline_label="raw sqlite3 INSERT + COMMIT, same pragmas",
        ratio=median([s / r for s, r in pairs]),
    )


def raw_export(journal: Path, target: Path) -> None:
    """Every row of every table, read with sqlite3 and written with json: no model."""
    connection = sqlite3.connect(journal)
    try:
        names = [
            n
            for (n,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        content = {n: connection.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}
    finally:
        connection.close()
    with target.open("w", encoding="utf-8") as handle:
        json.dump(content, handle, default=str)


def raw_import(source: Path, target: Path) -> None:
    """The export's entries parsed with json and inserted with sqlite3, one transaction."""
    from journal.store.connection import PRAGMAS

    with source.open(encoding="utf-8") as handle:
        document = json.load(handle)
    entries = document["entries"]
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        for name, value in PRAGMAS:
            connection.execute(f"PRAGMA {name}={value}")
        connection.execute(
            "CREATE TABLE entry (id INTEGER PRIMARY KEY, uid TEXT UNIQUE, kind TEXT, at TEXT, "
            "note TEXT, detail TEXT)"
        )
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO entry (uid, kind, at, note, detail) VALUES (?, ?, ?, ?, ?)",
            (
                (e.get("uid"), e.get("kind"), e.get("at"), e.get("note", ""), json.dumps(e))
                for e in entries
            ),
        )
        connection.execute("COMMIT")
    finally:
        connection.close()


def bench_transfer(out: Figures, label: str, data_dir: Path, rounds: int) -> None:
    """Export and import of the whole journal as JSON, rounds interleaved with the raw
    baselines; throughput in entries per second."""
    from journal.services import open_services

    with tempfile.TemporaryDirectory(prefix="interplay-transfer-") as tmp:
        folder = Path(tmp)
        template = folder / "template"
        open_services(template).close()  # an empty journal, migrated once
        services = open_services(data_dir)
        try:
            export_pairs = []
            for i in range(rounds):
                ours = folder / f"export-{i}.json"
                raw = folder / f"raw-{i}.json"
                seconds = timed(lambda o=ours: services.exports.export_journal(o, "json"))
                export_pairs.append((seconds, timed(lambda r=raw: raw_export(services.db.path, r))))
        finally:
            services.close()
        document = json.loads((folder / "export-0.json").read_text(encoding="utf-8"))
        count = len(document["entries"])
        del document
        import_pairs = []
        source = folder / "export-0.json"
        for i in range(rounds):
            fresh = journals.copy_journal(template, folder / f"import-{i}")
            services = open_services(fresh)
            try:
                seconds = timed(lambda s=services: s.imports.import_journal(source, "json"))
            finally:
                services.close()
            base = timed(lambda i=i: raw_import(folder / "export-0.json", folder / f"raw-{i}.db"))
            import_pairs.append((seconds, base))
    for key, title, pairs, raw_label in (
        ("export", "export the journal as JSON", export_pairs, "raw sqlite3 SELECT * + json.dump"),
        (
            "import",
            "import that export into a new journal",
            import_pairs,
            "json.load + raw INSERTs",
        ),
    ):
        ours = count / median([s for s, _ in pairs])
        base = count / median([b for _, b in pairs])
        out.add(
            f"{key}_entries_per_s",
            f"{title} ({count:,} entries)",
            ours,
            "entries/s",
            label,
            baseline=base,
            baseline_label=raw_label,
            ratio=median([b / s for s, b in pairs]),  # throughput: ours / raw
        )


def add_demo_build(out: Figures, built: dict[str, Any], label: str) -> None:
    """How long building the demo journal took (``journals.build_demo``: the demo service,
    as ``interplay demo --days N`` runs it, into a new journal), as a figure."""
    journal = built[label]
    out.add(
        "demo_build_s",
        f"build the {label} demo journal ({journal['entries']:,} entries, `interplay demo`)",
        float(journal["build_s"]),
        "s",
        label,
    )


def bench_search(out: Figures, label: str, data_dir: Path, runs: int) -> None:
    """Searches as people type them: a rare word, a common one, a kind, a year."""
    from journal.domain.vocabulary import EntryKind
    from journal.services import open_services
    from journal.services.search import SearchQuery

    services = open_services(data_dir)
    today = services.journal.now().date()
    queries = {
        "search_rare_word_ms": ("search: a rare word", SearchQuery("lupus")),
        "search_common_word_ms": ("search: a common word", SearchQuery("walk")),
        "search_one_letter_ms": ("search: one letter", SearchQuery("a")),
        "search_notes_only_ms": (
            "search: notes only",
            SearchQuery("tired", frozenset({EntryKind.NOTE}), False),
        ),
        "search_past_year_ms": (
            "search: the past year",
            SearchQuery("e", first=today - timedelta(days=364), last=today),
        ),
    }
    raw = sqlite3.connect(services.db.path)

    def scan(query: SearchQuery) -> None:
        """The baseline: one raw pass over every entry's note with the same text."""
        raw.execute(
            "SELECT id FROM entry WHERE note LIKE ? ORDER BY at_utc DESC", (f"%{query.text}%",)
        ).fetchall()

    try:
        for key, (title, query) in queries.items():
            services.journal.find(query)
            pairs = [
                (timed(lambda q=query: services.journal.find(q)), timed(lambda q=query: scan(q)))
                for _ in range(runs)
            ]
            out.add(
                key,
                title,
                median([s for s, _ in pairs]) * 1000,
                "ms",
                label,
                baseline=median([b for _, b in pairs]) * 1000,
                baseline_label="raw sqlite3 LIKE over every entry's note",
                ratio=median([s / b for s, b in pairs]),
            )
    finally:
        raw.close()
        services.close()


# --- the run ---------------------------------------------------------------------------


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower().replace("+ ", "")).strip("_")


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small journals, few rounds")
    parser.add_argument("--rounds", type=int, help="start-up rounds (default 15, quick 3)")
    parser.add_argument("--out", type=Path, default=Path("bench.json"), help="the JSON file")
    parser.add_argument(
        "--only", help="comma-separated parts: paint,stall,views,heavy,save,transfer,search"
    )
    args = parser.parse_args()
    quick = args.quick
    rounds = args.rounds or (3 if quick else 15)
    parts = set((args.only or "paint,stall,views,heavy,save,transfer,search").split(","))
    started = time.perf_counter()
    meta: dict[str, Any] = {
        "mode": "quick" if quick else "full",
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "start_up_rounds": rounds,
        "cpus": os.cpu_count(),
        "load_average_at_start": _load(),
        "python": platform.python_version(),
        "machine": platform.platform(),
    }
    out = Figures()
    part_seconds: dict[str, float] = {}
    meta["part_seconds"] = part_seconds
    clock = [time.perf_counter()]

    def done(part: str) -> None:
        now = time.perf_counter()
        part_seconds[part] = round(now - clock[0], 1)
        clock[0] = now

    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="interplay-bench-") as tmp:
        folder = Path(tmp)
        small, large = (
            ("1 year", "1 year + 100k CGM") if quick else ("10 years", "10 years + 1M CGM")
        )
        readings = 100_000 if quick else 1_000_000
        print("building the journals", flush=True)
        built: dict[str, Any] = {}
        paths: dict[str, Path] = {}
        built["1 year"] = journals.build_demo(folder / "1y", 365)
        paths["1 year"] = folder / "1y"
        if not quick:
            built["10 years"] = journals.build_demo(folder / "10y", 3650)
            paths["10 years"] = folder / "10y"
        paths[large] = journals.copy_journal(paths[small], folder / "cgm")
        built[large] = journals.add_readings(paths[large], readings)
        heavy_label = f"{small} + a 300-entry day"
        heavy = journals.copy_journal(paths[small], folder / "heavy")
        built[heavy_label] = journals.add_heavy_day(heavy)
        meta["journals"] = built
        for label, figures in built.items():
            print(f"  {label}: {figures}", flush=True)
        add_demo_build(out, built, "1 year" if quick else "10 years")
        compile_bytecode()  # the modules the building imported lazily, too
        done("journals")
        both = {small: paths[small], large: paths[large]}
        # Quick: the large journal alone for the views and the stall, fewer rounds.
        measured = {large: paths[large]} if quick else both
        extra = [0.0]
        steps: dict[str, Callable[[], object]] = {
            "paint": lambda: (
                extra.__setitem__(0, bench_first_paint(out, paths, rounds, 1 if quick else 2)),
                bench_modules(out, large, paths[large]),
            ),
            "stall": lambda: bench_stall(out, measured, 1 if quick else 5),
            "views": lambda: bench_views(out, measured, 3 if quick else 10, extra[0]),
            "heavy": lambda: (
                bench_heavy_day(out, heavy_label, heavy, 10 if quick else 40),
                bench_heavy_day_view(out, heavy_label, heavy, 3 if quick else 10),
            ),
            "save": lambda: bench_save(out, heavy_label, heavy, 50 if quick else 200),
            "transfer": lambda: bench_transfer(out, small, paths[small], 1 if quick else 3),
            "search": lambda: bench_search(out, small, paths[small], 5 if quick else 20),
        }
        for name, step in steps.items():
            if name in parts:
                print(name, flush=True)
                step()
                done(name)
    meta["load_average_at_end"] = _load()
    meta["seconds"] = round(time.perf_counter() - started, 1)
    args.out.write_text(
        json.dumps({"meta": meta, "figures": out.rows}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"{len(out.rows)} figures in {meta['seconds']} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
