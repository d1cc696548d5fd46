"""The command line contract: exit codes, one-line messages, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal import __version__
from tests.e2e.screenshots import Screenshots

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("INTERPLAY_DATA_DIR", None)
    prefix = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run(
        [sys.executable, str(MAIN), *prefix, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> None:
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Interplay {__version__}"


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in (
        "demo",
        "check",
        "screenshot",
        "export",
        "import",
        "backup",
        "restore",
        "insights",
    ):
        assert command in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("--bogus",),
        ("frobnicate",),
        ("demo", "--days", "many"),
        ("demo", "--days", "0"),
        ("screenshot",),
        ("export", "--format", "xml", "--out", "x"),
        ("export", "--out", "x", "--from", "yesterday"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    assert_one_line_error(run(*args, data_dir=tmp_path), 2)


@pytest.mark.slow
def test_demo_then_check(tmp_path: Path) -> None:
    result = run("demo", "--days", "30", "--seed", "3", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "demo entries over 30 days" in result.stdout, result.stdout
    assert (tmp_path / "journal.sqlite3").exists()
    check = run("check", data_dir=tmp_path)
    assert check.returncode == 0, check.stderr


@pytest.mark.slow
def test_demo_refuses_a_journal_with_entries_unless_forced(tmp_path: Path) -> None:
    from tests.e2e.cli_runner import run_in_process  # test_demo_then_check runs the real one

    assert run_in_process("demo", "--days", "5", data_dir=tmp_path).returncode == 0
    refused = run_in_process("demo", "--days", "5", data_dir=tmp_path)
    assert_one_line_error(refused, 1)
    assert "--force" in refused.stderr
    assert run_in_process("demo", "--days", "5", "--force", data_dir=tmp_path).returncode == 0


def test_check_fails_on_a_damaged_journal(tmp_path: Path) -> None:
    (tmp_path / "journal.sqlite3").write_bytes(b"this is not a database" * 100)
    assert_one_line_error(run("check", data_dir=tmp_path), 1)


@pytest.mark.slow
@pytest.mark.xdist_group("screenshot")
def test_screenshot_writes_every_view_and_dialog_light_and_dark(screenshots: Screenshots) -> None:
    from journal.ui.screenshots import VIEWS, dialogs

    # tests/e2e/screenshots.py: the real program, run once for this test and test_no_network's
    data, out, result = screenshots.data_dir, screenshots.out_dir, screenshots.result
    assert result.returncode == 0, result.stderr
    names = {p.name for p in out.glob("*.png")}
    scenes = [*VIEWS, *(f"dialog-{name}" for name in dialogs())]
    assert names == {f"{scene}-{scheme}.png" for scene in scenes for scheme in ("light", "dark")}
    assert {"dialog-preferences-dark.png", "dialog-log-meal-light.png"} <= names
    assert all(p.stat().st_size > 5_000 for p in out.glob("*.png"))
    assert not list(data.glob("*.json")), "the import preview's export stays out of the journal"


@pytest.mark.slow
def test_demo_flag_opens_a_throwaway_journal_and_leaves_nothing(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(tmp_path),
        # Quit once the window has painted, as the benchmark does.
        "INTERPLAY_FIRST_PAINT_FILE": str(tmp_path / "painted"),
    }
    result = subprocess.run(
        [sys.executable, str(MAIN), "--demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "painted").exists()
    assert not list(tmp_path.glob("interplay-demo-*"))
