"""Fuzz the importer with mutated exports (JSON and CSV): whole or nothing, never a crash.

Each case takes a real export of a demo journal, mutates it (a hostile value in a random
field, a repeated or conflicting record, a changed uid or kind, a dropped or renamed field,
cut or flipped bytes), and imports it into a fresh copy of either an empty journal or the
journal it came from. Every case must end in one of:

- imported (the journal holds what the report says),
- refused with ``ImportRefusedError`` (file and problem named) and the journal unchanged,
- another ``JournalError`` with a message for people, and the journal unchanged.

Anything else (an "unexpected error", a traceback) is a failure. Every ``--cli-every``-th case
also runs ``interplay import`` as a command and checks for one line and no traceback.

    python tests/e2e/fuzz_exports.py --cases 1000 --seed 1

The suite runs a small deterministic sample of this (``test_fuzz_exports.py``).
"""

from __future__ import annotations

import argparse
import copy
import csv
import hashlib
import io
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from journal.domain.clock import FakeClock  # noqa: E402
from journal.io.demo import generate_demo  # noqa: E402
from journal.services import open_services  # noqa: E402
from journal.services.errors import ImportRefusedError, JournalError  # noqa: E402
from journal.store.files import JOURNAL_FILENAME  # noqa: E402

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone(timedelta(hours=1)))

HOSTILE_VALUES: list[Any] = [
    int("9" * 400),
    -int("9" * 400),
    10**20,
    2**63,
    -(2**63) - 1,
    1e308,
    -1e308,
    5e-324,
    -0.0,
    0,
    -1,
    "\ud800",
    "text \udfff here",
    "\x00",
    '=HYPERLINK("http://x")',
    "'-5",
    "",
    " ",
    "x" * 30_000,
    None,
    True,
    [],
    {},
    [None],
    {"a": {"b": [1, 2, {"c": "\ud83d"}]}},
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "2026-02-30T10:00:00+01:00",
    "2026-11-24T10:00:00",
    "2026-11-24T10:00:00+25:00",
    "2026-11-24T10:00:00+01:00:30",
    "24:00",
    "mon; fri; funday",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    ["tag"] * 3 + [f"t{i}" for i in range(300)],
    "a" * 33,
    "ZZZZ",
    "meal",
    "glucose",
]
HOSTILE_CELLS = [
    v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) if v is not None else ""
    for v in HOSTILE_VALUES
    if not (isinstance(v, str) and len(v) > 1000)
] + ["9" * 400, '["\\ud800"]', '{"pain": 99999999999999999999999}', "\t=1", "\r=1", "@x"]


@dataclass
class Outcome:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


def _digest(journal: Path) -> str:
    connection = sqlite3.connect(f"{journal.resolve().as_uri()}?mode=ro", uri=True)
    try:
        text = "\n".join(connection.iterdump())
    finally:
        connection.close()
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def build_base(folder: Path) -> tuple[Path, Path, Path, Path]:
    """A demo journal, an empty one, and the journal's JSON and CSV exports."""
    full = folder / "full"
    empty = folder / "empty"
    services = open_services(full, FakeClock(NOW))
    try:
        generate_demo(services.db, days=10, seed=7, end=NOW.date(), tz=NOW.tzinfo, now=NOW)  # type: ignore[arg-type]
        services.exports.export_journal(folder / "export.json", "json")
        services.exports.export_journal(folder / "export-csv", "csv")
    finally:
        services.close()
    open_services(empty, FakeClock(NOW)).close()
    return full, empty, folder / "export.json", folder / "export-csv"


# --- mutations ------------------------------------------------------------------------------


def _json_records(document: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    return [(k, v) for k, v in document.items() if isinstance(v, list) and v]


def mutate_json(rng: random.Random, text: str) -> tuple[str, str]:
    """A mutated JSON export and what was done."""
    if rng.random() < 0.12:
        return _mutate_bytes(rng, text)
    document = json.loads(text)
    sections = _json_records(document)
    section, records = rng.choice(sections)
    index = rng.randrange(len(records))
    record = records[index]
    choice = rng.random()
    if not isinstance(record, dict) or choice < 0.55:
        if isinstance(record, dict):
            name = rng.choice(sorted(record))
            record[name] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
            what = f"{section}[{index}].{name} = hostile"
        else:
            records[index] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
            what = f"{section}[{index}] = hostile"
    elif choice < 0.7:
        twin = copy.deepcopy(record)
        if twin and rng.random() < 0.7:
            name = rng.choice(sorted(twin))
            twin[name] = copy.deepcopy(rng.choice(HOSTILE_VALUES[:20]))
        records.insert(rng.randrange(len(records) + 1), twin)
        what = f"{section}[{index}] repeated (maybe changed)"
    elif choice < 0.8:
        name = rng.choice(sorted(record))
        del record[name]
        what = f"{section}[{index}] without {name}"
    elif choice < 0.88 and "uid" in record:
        other = rng.choice(records)
        record["uid"] = other.get("uid") if isinstance(other, dict) else "x"
        what = f"{section}[{index}] takes another record's uid"
    elif choice < 0.94 and "kind" in record:
        record["kind"] = rng.choice(["meal", "glucose", "note", "sleep", "flare", "nothing"])
        what = f"{section}[{index}] changes kind"
    else:
        record[rng.choice(["extra", "Uid", "at ", "kind\u0000"])] = 1
        what = f"{section}[{index}] with an unknown field"
    out = json.dumps(document, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1, 2]))
    return out, what


def _mutate_bytes(rng: random.Random, text: str) -> tuple[str, str]:
    data = list(text)
    kind = rng.choice(["cut", "flip", "insert", "drop-line"])
    if kind == "cut":
        data = data[: rng.randrange(len(data))]
    elif kind == "flip":
        for _ in range(rng.randint(1, 5)):
            data[rng.randrange(len(data))] = rng.choice('{}[]",:\\0x\n\r\t\u00e9\ud800')
    elif kind == "insert":
        at = rng.randrange(len(data))
        data[at:at] = list(rng.choice(['"', "\\u", "\\ud800", "\x00", "\ufeff", ",,", "\r\n"]))
    else:
        lines = "".join(data).split("\n")
        del lines[rng.randrange(len(lines))]
        return "\n".join(lines), "a line dropped"
    return "".join(data), f"bytes: {kind}"


def mutate_csv(rng: random.Random, folder: Path) -> str:
    """Mutate one CSV file of the folder in place; returns what was done."""
    files = sorted(p for p in folder.glob("*.csv") if p.stat().st_size)
    path = rng.choice(files)
    text = path.read_text(encoding="utf-8")
    if rng.random() < 0.12:
        mutated, what = _mutate_bytes(rng, text)
        path.write_text(mutated, encoding="utf-8", errors="surrogatepass")
        return f"{path.name}: {what}"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if len(rows) < 2:
        rows.append([""] * len(rows[0]))
    line = rng.randrange(1, len(rows))
    row = rows[line]
    choice = rng.random()
    if choice < 0.6 and row:
        column = rng.randrange(len(row))
        row[column] = rng.choice(HOSTILE_CELLS)
        what = f"{path.name} line {line + 1}, {rows[0][column]} = hostile"
    elif choice < 0.8:
        twin = list(row)
        if twin and rng.random() < 0.7:
            twin[rng.randrange(len(twin))] = rng.choice(HOSTILE_CELLS[:20])
        rows.insert(rng.randrange(1, len(rows) + 1), twin)
        what = f"{path.name} line {line + 1} repeated (maybe changed)"
    elif choice < 0.9 and row:
        del row[rng.randrange(len(row))]
        what = f"{path.name} line {line + 1} one cell short"
    else:
        rows[0] = [c if rng.random() < 0.9 else c.upper() for c in rows[0]]
        what = f"{path.name} header changed"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
    return what


# --- running ----------------------------------------------------------------------------------


def run_case(
    rng: random.Random,
    work: Path,
    base: tuple[Path, Path, Path, Path],
    outcome: Outcome,
    *,
    cli: bool,
) -> None:
    full, empty, export_json, export_csv = base
    case = work / "case"
    shutil.rmtree(case, ignore_errors=True)
    case.mkdir()
    target = case / "data"
    shutil.copytree(rng.choice([full, empty]), target)
    if rng.random() < 0.5:
        source = case / "export.json"
        text, what = mutate_json(rng, export_json.read_text(encoding="utf-8"))
        source.write_text(text, encoding="utf-8", errors="surrogatepass")
        kind = "json"
    else:
        source = case / "export-csv"
        shutil.copytree(export_csv, source)
        what = mutate_csv(rng, source)
        kind = "csv"
    journal = target / JOURNAL_FILENAME
    before = _digest(journal)
    services = open_services(target, FakeClock(NOW))
    try:
        try:
            services.imports.preview_import(source)
            choice = rng.choice(["refuse", "keep", "update"])
            report = services.imports.import_journal(source, changed=choice)  # type: ignore[arg-type]
        except ImportRefusedError as exc:
            outcome.counts[f"{kind} refused"] += 1
            if not exc.file or not exc.problem:
                outcome.failures.append(f"{what}: refusal names no file/problem: {exc}")
            if "unexpected error" in str(exc).lower():
                outcome.failures.append(f"{what}: {exc}")
            _unchanged(journal, before, what, outcome, services)
        except JournalError as exc:
            outcome.counts[f"{kind} refused ({type(exc).__name__})"] += 1
            _unchanged(journal, before, what, outcome, services)
        except Exception:  # the failure this tool looks for
            outcome.failures.append(f"{what}: {traceback.format_exc(limit=6)}")
        else:
            outcome.counts[f"{kind} imported"] += 1
            _ = report.summary()
    finally:
        services.close()
    if cli:
        _run_cli(source, case, what, outcome)


def _unchanged(journal: Path, before: str, what: str, outcome: Outcome, services: Any) -> None:
    services.db.release()
    if _digest(journal) != before:
        outcome.failures.append(f"{what}: a refused import changed the journal")


def _run_cli(source: Path, case: Path, what: str, outcome: Outcome) -> None:
    fresh = case / "cli-data"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(fresh), "import", str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    outcome.counts["cli runs"] += 1
    text = result.stderr
    if "Traceback" in text or "unexpected error" in text or "Logging error" in text:
        outcome.failures.append(f"{what} (command line): {text.strip()[-600:]}")
    elif result.returncode != 0 and len(text.strip().splitlines()) != 1:
        outcome.failures.append(f"{what} (command line): not one line: {text.strip()[-600:]}")


def fuzz(cases: int, seed: int, cli_every: int, log: Callable[[str], None] = print) -> Outcome:
    outcome = Outcome()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="interplay-fuzz-") as tmp:
        work = Path(tmp)
        base = build_base(work / "base")
        for number in range(1, cases + 1):
            run_case(rng, work, base, outcome, cli=bool(cli_every) and number % cli_every == 0)
            if number % 100 == 0:
                log(f"{number} cases: {dict(outcome.counts)}; failures: {len(outcome.failures)}")
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cli-every", type=int, default=50, help="0: never run the command")
    args = parser.parse_args()
    outcome = fuzz(args.cases, args.seed, args.cli_every)
    print(f"{args.cases} mutated exports (seed {args.seed}): {dict(outcome.counts)}")
    for failure in outcome.failures[:20]:
        print("FAILURE:", failure)
    print(f"{len(outcome.failures)} failures")
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    sys.exit(main())
