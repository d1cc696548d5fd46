"""The cost of encryption: start-up to the first painted window, and saving one entry, on
the same synthetic journal plain and encrypted, interleaved run by run (medians).

    python tests/bench/bench_encryption.py --years 10 --runs 7 --out bench-encryption.json

Also the Argon2id key derivation alone (the default parameters, ~0.5 s by design): most of
the start-up difference is that wait, paid once per start.
Not part of the test suite: timings belong here, never in assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import journals
from startup import ROOT, first_paint


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def build_journal(data_dir: Path, years: int) -> int:
    """The same demo journal the main benchmark builds; returns its entry count."""
    return int(journals.build_demo(data_dir, days=365 * years)["entries"])


PASSPHRASE = "a benchmark passphrase of some length"


def bench_start(plain: Path, encrypted: Path, runs: int) -> dict[str, float]:
    def command(data_dir: Path) -> list[str]:
        return [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir)]

    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "painted"
        env = {**os.environ, "INTERPLAY_FIRST_PAINT_FILE": str(marker)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        locked = {**env, "INTERPLAY_PASSPHRASE": PASSPHRASE}
        for _ in range(2):  # warm caches and the once-a-day backups
            first_paint(command(plain), marker, env)
            first_paint(command(encrypted), marker, locked)
        pairs = [
            (
                first_paint(command(plain), marker, env)[0],
                first_paint(command(encrypted), marker, locked)[0],
            )
            for _ in range(runs)
        ]
    plain_s = [p for p, _e in pairs]
    encrypted_s = [e for _p, e in pairs]
    return {
        "startup_plain_ms": median_ms(plain_s),
        "startup_encrypted_ms": median_ms(encrypted_s),
        "startup_extra_ms": round(statistics.median([e - p for p, e in pairs]) * 1000, 1),
    }


def bench_save(plain: Path, encrypted: Path, runs: int) -> dict[str, float]:
    from journal.domain.entries import Meal
    from journal.services import open_services
    from journal.services.privacy import unlock

    unlock(encrypted, PASSPHRASE)
    both = [open_services(plain), open_services(encrypted)]
    try:
        now = both[0].journal.now()
        samples: list[list[float]] = [[], []]
        for _ in range(runs):
            for services, into in zip(both, samples, strict=True):
                started = time.perf_counter()
                services.journal.add_entry(Meal(at=now, items="bench soup", carbs_g=30))
                into.append(time.perf_counter() - started)
    finally:
        for services in both:
            services.close()
    ratios = [e / p for p, e in zip(*samples, strict=True)]
    return {
        "save_plain_ms": median_ms(samples[0]),
        "save_encrypted_ms": median_ms(samples[1]),
        "save_ratio": round(statistics.median(ratios), 2),
    }


def bench_open(plain: Path, encrypted: Path, runs: int) -> dict[str, float]:
    """In-process: unlock (Argon2id) and the first-paint read of today, without Qt."""
    from journal.services import open_services
    from journal.services.privacy import lock_all, unlock

    def open_and_read(data_dir: Path, passphrase: str | None) -> float:
        started = time.perf_counter()
        if passphrase:
            unlock(data_dir, passphrase)
        services = open_services(data_dir)
        today = services.journal.now().date()
        services.journal.entries_between(today, today)
        services.close()
        lock_all()
        return time.perf_counter() - started

    pairs = [
        (open_and_read(plain, None), open_and_read(encrypted, PASSPHRASE)) for _ in range(runs)
    ]
    from journal.store.cipher.kdf import DEFAULT_PARAMS, derive_key

    kdf = []
    for _ in range(runs):
        started = time.perf_counter()
        derive_key(PASSPHRASE, b"0123456789abcdef", DEFAULT_PARAMS)
        kdf.append(time.perf_counter() - started)
    return {
        "open_read_plain_ms": median_ms([p for p, _e in pairs]),
        "open_read_encrypted_ms": median_ms([e for _p, e in pairs]),
        "argon2id_ms": median_ms(kdf),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    from journal.store.encryption.convert import encrypt_journal

    with tempfile.TemporaryDirectory() as tmp:
        plain, encrypted = Path(tmp) / "plain", Path(tmp) / "encrypted"
        plain.mkdir()
        entries = build_journal(plain, args.years)
        shutil.copytree(plain, encrypted)
        started = time.perf_counter()
        encrypt_journal(encrypted, PASSPHRASE)
        result: dict[str, float] = {
            "years": args.years,
            "entries": entries,
            "journal_mb": round((plain / "journal.sqlite3").stat().st_size / 1e6, 1),
            "encrypt_s": round(time.perf_counter() - started, 2),
        }
        from journal.store.cipher.keyring import lock_all

        lock_all()
        result |= bench_open(plain, encrypted, args.runs)
        result |= bench_save(plain, encrypted, args.runs * 5)
        result |= bench_start(plain, encrypted, args.runs)
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
