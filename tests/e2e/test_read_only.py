"""A journal on read-only media: it opens read-only, reads and exports work, nothing prints a
traceback, the lock is skipped with a reason, and the window says so and disables editing.

As root, ``chmod`` does not stop writes, so the command-line tests bind-mount the data folder
read-only in a private mount namespace (``unshare -m``); where that is not permitted they are
skipped with the reason. The window's test stands in for the mount at the one place the app
asks whether the journal can be written (``journal.store.writable.can_write``).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import FlareEpisode, Medication, Note
from journal.services import open_services
from journal.store.errors import JournalReadOnlyError
from journal.store.files import JOURNAL_FILENAME
from journal.store.lock import JournalLock, JournalLockedError

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def _mounts_permitted() -> str | None:
    """Why a read-only bind mount cannot be made here, or None if it can."""
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return "needs Linux and unshare"
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        return f"mount namespaces are not permitted here ({probe.stderr.strip()[:80]})"
    return None


NO_MOUNTS = _mounts_permitted()
needs_mounts = pytest.mark.skipif(NO_MOUNTS is not None, reason=NO_MOUNTS or "")


def run_in_mount(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` (sh) in a private mount namespace: mounts made there vanish with it."""
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )


def _journal_with_entries(folder: Path, clock: FakeClock) -> None:
    services = open_services(folder, clock)
    try:
        services.journal.add_entry(Note(at=clock.now(), note="on a USB stick"))
        services.maintenance.backup()
    finally:
        services.close()


# ``python -c IN_ONE_PROCESS DIR COMMAND...``: each command run by tests/e2e/cli_runner.py in
# this one process, its output between the same markers as a real process's (stdout, then
# stderr), so that a few real processes show what only a fresh process shows and the rest
# do not each pay for an interpreter's start (~1 s each).
IN_ONE_PROCESS = """
import shlex, sys
from pathlib import Path
from tests.e2e.cli_runner import run_in_process

for command in sys.argv[2:]:
    result = run_in_process(*shlex.split(command), data_dir=Path(sys.argv[1]))
    print(f"=== {command}")
    print(result.stdout + result.stderr)
    print(f"rc={result.returncode}", flush=True)
"""


def _commands(mount: Path, commands: list[str], *, real: tuple[str, ...]) -> str:
    """A shell script running ``commands`` on the journal in ``mount``: those in ``real`` as
    ``python main.py`` each, the others together in one Python process (``IN_ONE_PROCESS``)."""
    python = shlex.quote(sys.executable)
    main = shlex.quote(str(MAIN))
    lines = []
    for command in (c for c in commands if c in real):
        lines.append(f"echo '=== {command}'")
        lines.append(f'{python} {main} --data-dir {mount} {command} 2>&1; echo "rc=$?"')
    rest = [shlex.quote(c) for c in commands if c not in real]
    if rest:
        root = shlex.quote(str(MAIN.parent))
        script = shlex.quote(IN_ONE_PROCESS)
        lines.append(f"(cd {root} && {python} -c {script} {mount} {' '.join(rest)} 2>&1)")
    return "\n".join(lines)


def _results(output: str) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for block in output.split("=== ")[1:]:
        name, _, rest = block.partition("\n")
        text, _, code = rest.rpartition("rc=")
        found[name.strip()] = (int(code.strip()), text.strip())
    return found


@needs_mounts
def test_a_read_only_folder_reads_exports_and_refuses_changes_in_one_line(
    tmp_path: Path, clock: FakeClock
) -> None:
    data = tmp_path / "data"
    _journal_with_entries(data, clock)
    before = (data / JOURNAL_FILENAME).read_bytes()
    mount = tmp_path / "stick"
    mount.mkdir()
    export = tmp_path / "out" / "export.json"
    export.parent.mkdir()
    source = tmp_path / "source.json"
    commands = [
        "check",
        f"export --out {export}",
        "summary",
        "insights",
        f"report --out {tmp_path / 'out' / 'report.pdf'}",
        "backup",
        f"import {source}",
        "demo --days 2 --force",
    ]
    # check and backup (a refusal) as the real program, the others in one process
    script = f"mount --bind -o ro {data} {mount}\n" + _commands(
        mount, commands, real=("check", "backup")
    )
    source.write_text('{"format": "interplay-journal", "format_version": 3}', encoding="utf-8")
    result = run_in_mount(script)
    results = _results(result.stdout)
    assert set(results) == set(commands), result.stdout + result.stderr
    for command, (_code, text) in results.items():
        assert "Traceback" not in text, (command, text)
        assert "Logging error" not in text, (command, text)
    assert results["check"][0] == 0 and "Integrity: ok" in results["check"][1]
    assert results[commands[1]][0] == 0 and export.is_file()
    assert results["summary"][0] == 0 and results["insights"][0] == 0
    assert results[commands[4]][0] == 0, results[commands[4]]
    assert (tmp_path / "out" / "report.pdf").is_file()
    for refused in ("backup", f"import {source}", "demo --days 2 --force"):
        code, text = results[refused]
        assert code == 1 and len(text.splitlines()) == 1, (refused, text)
        assert "read-only" in text, (refused, text)
    assert (data / JOURNAL_FILENAME).read_bytes() == before


@needs_mounts
def test_the_window_opens_a_read_only_journal_without_an_error(
    tmp_path: Path, clock: FakeClock
) -> None:
    data = tmp_path / "data"
    _journal_with_entries(data, clock)
    mount = tmp_path / "stick"
    mount.mkdir()
    probe = (
        "from journal.services import open_services; from journal.store.lock import JournalLock;"
        f"lock = JournalLock(__import__('pathlib').Path('{mount}'), holder='window'); lock.acquire();"
        f"s = open_services(__import__('pathlib').Path('{mount}'));"
        "print('read_only', s.read_only, 'skipped', lock.skipped is not None); s.close()"
    )
    script = (
        f"mount --bind -o ro {data} {mount}\n"
        f"cd {shlex.quote(str(MAIN.parent))} && {shlex.quote(sys.executable)} -c "
        f"{shlex.quote(probe)}"
    )
    result = run_in_mount(script)
    assert "read_only True skipped True" in result.stdout, result.stdout + result.stderr


def test_the_window_shows_a_banner_and_disables_editing(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.ui.main_window import MainWindow
    from journal.ui.read_only import editing_actions

    _journal_with_entries(data_dir, clock)
    writable = open_services(data_dir, clock)
    writable.journal.save_medication(Medication(name="Metformin", dose="500 mg", times=(time(18),)))
    writable.journal.save_flare(
        FlareEpisode(start=clock.now().date(), condition="rheumatoid arthritis")
    )
    writable.close()
    before = (data_dir / JOURNAL_FILENAME).read_bytes()
    monkeypatch.setattr("journal.store.writable.can_write", lambda _path: False)
    services = open_services(data_dir, clock)
    try:
        assert services.read_only
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.show()
        assert window.read_only_banner is not None
        assert window.read_only_banner.isVisible()
        assert "read-only" in window.read_only_banner.text()
        assert not any(action.isEnabled() for action in editing_actions(window))
        assert window.export_json_action.isEnabled()
        assert services.journal.day_view(clock.now().date()).entries  # reading works
        with pytest.raises(JournalReadOnlyError, match="read-only"):
            services.journal.add_entry(Note(at=clock.now(), note="x"))
        taken = [b for b in window.findChildren(QPushButton, "doseTaken") if b.isVisible()]
        assert taken, "the dose due today is listed"
        assert not any(b.isEnabled() for b in taken)  # the inline controls are off too
        from journal.ui.today import TodayView

        today = window.findChild(TodayView)
        assert today is not None
        assert not today.timeline.row_actions.isEnabled()
        assert "read-only" in today.doses.toolTip()
        from journal.ui.goals import GoalsView

        goals = window.view("goals")
        assert isinstance(goals, GoalsView) and not goals.add_button.isEnabled()
        menu = today.day_menu(clock.now().date())  # the flare of the day: Edit, Delete off
        assert menu is not None
        flare_actions = [a for a in menu.actions() if "flare" in a.text()]
        assert flare_actions and not any(a.isEnabled() for a in flare_actions)
        today.log_due_dose(today.doses.rows[0].due)  # a change that still gets here: said
        assert "The dose was not logged" in window.statusBar().currentMessage()
        assert "read-only" in window.statusBar().currentMessage()
        window.close()
    finally:
        services.close()
    assert (data_dir / JOURNAL_FILENAME).read_bytes() == before


def test_a_writable_journal_has_no_banner(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> None:
    from journal.ui.main_window import MainWindow

    services = open_services(data_dir, clock)
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        assert window.read_only_banner is None and window.import_action.isEnabled()
        window.close()
    finally:
        services.close()


def test_a_lock_held_by_a_command_does_not_say_switch_to_that_window(tmp_path: Path) -> None:
    with JournalLock(tmp_path, holder="command"):
        with pytest.raises(JournalLockedError) as caught:
            JournalLock(tmp_path, holder="window").acquire()
        assert "a command is running" in str(caught.value)
        assert "Switch to that window" not in str(caught.value)
    with JournalLock(tmp_path, holder="window"), pytest.raises(JournalLockedError) as caught:
        JournalLock(tmp_path).acquire()
    assert "Switch to that window" in str(caught.value)


def test_no_log_file_means_no_output_from_logging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    from journal.app import setup_logging

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("journal.store.files.make_private_folder", refuse)
    setup_logging(tmp_path)
    try:
        logging.getLogger("journal.test").error("this would go to the log file")
    finally:
        setup_logging(None)
    assert capsys.readouterr().err == ""


class _FullDisk:
    """A file on a full disk: every write fails with ENOSPC."""

    def write(self, _text: str) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")

    def close(self) -> None:
        return


def test_a_log_file_on_a_full_disk_prints_no_logging_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from journal.app import LOG_FILENAME, _RotatingLog, setup_logging

    setup_logging(tmp_path)
    try:
        log = next(h for h in logging.getLogger().handlers if isinstance(h, _RotatingLog))
        logging.getLogger("journal.test").error("the first record opens the file")
        handler = log._file
        assert isinstance(handler, logging.FileHandler)
        assert handler.baseFilename.endswith(LOG_FILENAME)
        real = handler.stream
        handler.stream = _FullDisk()  # type: ignore[assignment]
        try:
            for _ in range(3):
                logging.getLogger("journal.test").error("the disk is full")
        finally:
            handler.stream = real
    finally:
        setup_logging(None)
    assert "Logging error" not in capsys.readouterr().err


def test_the_window_says_why_when_the_data_folder_cannot_be_made(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse

    from journal.app import run_gui

    if not Path("/sys").is_dir():
        pytest.skip("needs Linux /sys (refuses new folders even to root)")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "journal.ui.application.show_fatal_error", lambda title, text: shown.append((title, text))
    )
    args = argparse.Namespace(data_dir="/sys/interplay-test", demo=False, minimized=False)
    assert run_gui(args) == 1
    assert shown and shown[0][0] == "The journal could not be opened"
    assert "/sys/interplay-test" in shown[0][1]
    assert "Traceback" not in capsys.readouterr().err
