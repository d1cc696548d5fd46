"""Rewrite the README's benchmark table from the bench's JSON, so it never drifts.

    python tests/bench/readme_table.py bench.json            # rewrite README.md
    python tests/bench/readme_table.py bench.json --check    # exit 1 if README.md differs
    python tests/bench/readme_table.py bench.json --print    # print the section only

Replaces what lies between ``<!-- bench:start -->`` and ``<!-- bench:end -->`` in the
README (the markers stay) with a line saying when and how the figures were measured and
one table: figure, value, baseline, ratio, journal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
START = "<!-- bench:start -->"
END = "<!-- bench:end -->"


def number(value: Any, unit: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if unit == "entries/s" or abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10 or float(value).is_integer():
        text = f"{value:.1f}".removesuffix(".0")
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip() if unit not in ("", "modules", "statements", "joins") else text


def _describe(built: dict[str, Any]) -> str:
    parts = []
    if "entries" in built:
        parts.append(f"{built['entries']:,} entries")
    if "readings" in built:
        parts.append(f"{built['readings']:,} CGM readings added")
    if "file_mb" in built:
        parts.append(f"{built['file_mb']} MB")
    return ", ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def section(document: dict[str, Any]) -> str:
    meta = document["meta"]
    load = meta.get("load_average_at_start", [])
    end = meta.get("load_average_at_end", [])
    lines = [
        f"Measured {meta['started'][:10]} by `tests/bench/bench.py`"
        f"{' --quick' if meta['mode'] == 'quick' else ''} ({meta['start_up_rounds']} "
        f"interleaved start-up rounds; {meta['cpus']} CPUs, load average "
        f"{load[0] if load else '?'} at the start and {end[0] if end else '?'} at the end; "
        f"Python {meta['python']}). Each ratio is to the baseline measured in the same run.",
        "",
        "Journals: "
        + "; ".join(f"{label} ({_describe(built)})" for label, built in meta["journals"].items())
        + ".",
        "",
        "| figure | value | baseline | ratio | journal |",
        "|---|---|---|---|---|",
    ]
    for row in document["figures"]:
        figure = row["figure"]
        if row.get("target"):
            figure += f" (target {row['target']})"
        figure += f" (`{row['key']}`)"
        baseline = ""
        if row.get("baseline") is not None:
            baseline = f"{number(row['baseline'], row['unit'])}: {row['baseline_label']}"
        ratio = "" if row.get("ratio") is None else f"{row['ratio']:.2f}"
        cells = [figure, number(row["value"], row["unit"]), baseline, ratio, row["journal"]]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def rewrite(readme: str, body: str) -> str:
    if readme.count(START) != 1 or readme.count(END) != 1:
        raise SystemExit(f"the README needs exactly one {START} and one {END}")
    head, rest = readme.split(START)
    _old, tail = rest.split(END)
    return f"{head}{START}\n{body}\n{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", type=Path, nargs="?", default=Path("bench.json"))
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if the README differs")
    mode.add_argument("--print", action="store_true", help="print the section only")
    args = parser.parse_args()
    body = section(json.loads(args.json.read_text(encoding="utf-8")))
    if args.print:
        print(body)
        return 0
    readme = args.readme.read_text(encoding="utf-8")
    updated = rewrite(readme, body)
    if args.check:
        if updated != readme:
            print(f"{args.readme} does not show {args.json}: run {Path(__file__).name}")
            return 1
        return 0
    if updated != readme:
        args.readme.write_text(updated, encoding="utf-8")
        print(f"rewrote the benchmark table in {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
