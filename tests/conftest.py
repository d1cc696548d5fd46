"""Fixtures shared by every test: a temporary journal, a fake clock, offscreen Qt.

Every journal starts as a copy of one migrated template, made once per test session:
running the migrations for each test cost more than most tests. An autouse fixture fails
a test that leaves a background thread or a timer of its own running.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("INTERPLAY_DATA_DIR", None)


def _cache_bytecode_in_the_venv() -> None:
    """Where PYTHONDONTWRITEBYTECODE is set (as on the shared and CI machines), each test
    worker and each ``python main.py`` a test starts compiled every module of journal/ and
    tests/ again (~280 + 125 files, a few seconds each time); keep their bytecode in the
    virtual environment instead, outside the checkout. Python still checks each cached file
    against its source."""
    if sys.prefix == sys.base_prefix or not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return
    prefix = str(Path(sys.prefix) / "pycache")
    sys.pycache_prefix = sys.pycache_prefix or prefix
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE")  # ... and in the processes tests start
    os.environ.setdefault("PYTHONPYCACHEPREFIX", sys.pycache_prefix)


_cache_bytecode_in_the_venv()


SHM_NEEDS_BYTES = 2 << 30  # the suite's journals, exports and kept tmp_path folders, with room


def _temporary_files_in_memory() -> None:
    """Journals, exports and backups of the tests in a RAM-backed folder (/dev/shm) unless
    TMPDIR says otherwise: on the shared machine's virtual disk each of SQLite's fsyncs could
    wait for other people's writes (tests/store + tests/unit/services: 79 s -> 52 s). A
    SIGKILLed process loses nothing more or less on tmpfs; the full-disk and read-only tests
    mount their own file systems."""
    import shutil
    import tempfile

    shm = Path("/dev/shm")
    if os.environ.get("TMPDIR") or not (shm.is_dir() and os.access(shm, os.W_OK | os.X_OK)):
        return
    if shutil.disk_usage(shm).free < SHM_NEEDS_BYTES:  # a container's small /dev/shm
        return
    os.environ["TMPDIR"] = str(shm)  # also for the processes tests start
    tempfile.tempdir = str(shm)


_temporary_files_in_memory()

from journal.domain.clock import FakeClock  # noqa: E402 (after the bytecode setting)
from journal.services import Services, open_services  # noqa: E402
from journal.store.database import open_database  # noqa: E402
from journal.store.files import JOURNAL_FILENAME  # noqa: E402

# A fixed "now" for every test: Tuesday 24 November 2026, noon, in UTC+01:00.
TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=TZ)


# The longest tests (over ~5 s each on the shared 2-core machine, 2026-12-02), longest first:
# run first, so that the two workers of ``-n 2`` never end the run with one of them alone on
# a long test. Every other test keeps its place after them. The two screenshot tests come
# first together: they share one run of the command (tests/e2e/screenshots.py).
LONGEST_FIRST = (
    "tests/e2e/test_cli.py::test_screenshot_writes_every_view_and_dialog_light_and_dark",
    "tests/e2e/test_no_network.py::test_the_screenshot_command_opens_no_socket",
    "tests/ui/test_chart_soak.py::",
    "tests/unit/io/test_import_fuzz.py::test_a_large_file_is_streamed_in_bounded_memory",
    "tests/e2e/test_read_only.py::test_a_read_only_folder_reads_exports_and_refuses_changes",
    "tests/unit/analysis/insights/test_insights_simulation.py::",
    "tests/ui/test_preferences.py::test_cancel_takes_back_a_look_that_was_only_tried",
    "tests/e2e/test_full_disk.py::test_commands_on_a_full_disk_say_the_disk_is_full",
    "tests/e2e/test_hostile_imports.py::test_the_command_line_refuses_a_changed_record",
    "tests/e2e/test_file_modes.py::test_the_data_folder_and_every_file_in_it_are_private",
    "tests/ui/test_charts.py::test_new_entries_appear_without_reopening",
    "tests/unit/io/test_import_roundtrip.py::",
    "tests/ui/test_preferences.py::test_dark_applies_at_once_everywhere_and_is_remembered",
    "tests/unit/io/test_import_fuzz.py::test_a_long_file_of_new_entries_is_refused",
    "tests/e2e/test_encryption_cli.py::test_encrypt_leaves_nothing_readable_and_decrypt",
)


def _place(item: pytest.Item) -> int:
    for place, prefix in enumerate(LONGEST_FIRST):
        if item.nodeid.startswith(prefix):
            return place
    return len(LONGEST_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_place)  # stable: the others keep their order


def pytest_configure(config: pytest.Config) -> None:
    """pytest-xdist hands out the tests two at a time (``--maxschedchunk 2`` unless given),
    not a quarter of the suite per worker at first: the long tests above go to both workers."""
    if config.pluginmanager.hasplugin("xdist") and config.getoption("maxschedchunk") is None:
        config.option.maxschedchunk = 2


def _repeatable_fuzzing() -> None:
    """Hypothesis draws the same examples in every run (``derandomize``), so the suite passes
    or fails the same way each time and never spends a run shrinking a new find; run
    ``pytest --hypothesis-profile=explore`` to search afresh with random draws."""
    from hypothesis import settings

    settings.register_profile("repeatable", derandomize=True, database=None)
    settings.register_profile("explore", max_examples=500)
    settings.load_profile("repeatable")


_repeatable_fuzzing()


# A wait returns as soon as its condition holds or its signal comes; its timeout only bounds
# how long a broken test hangs. pytest-qt's 5 s was too short on the loaded 2-core CI machine
# (an import preview's check on a worker thread took longer and failed a run), so every wait
# that names no timeout of its own gets a minute.
WAIT_MS = 60_000


def _patient_waits() -> None:
    from pytestqt.qtbot import QtBot

    for name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback"):
        getattr(QtBot, name).__kwdefaults__["timeout"] = WAIT_MS


_patient_waits()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Delete the widgets a test closed, now. pytest-qt closes each test's widgets and calls
    ``deleteLater``, but only an event loop carries that out, and most tests run none: the
    closed widgets (with pyqtgraph's parentless menus, ~900 after the chart soak test)
    stayed alive in the worker, and every later style or palette change went over all of
    them (the dark-scheme chart test: 0.2 s alone, 6 s after the others)."""
    if "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture(scope="session")
def template_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly migrated, empty journal file that each test's journal is copied from."""
    path = tmp_path_factory.mktemp("template") / JOURNAL_FILENAME
    open_database(path).close()
    return path


@pytest.fixture
def empty_data_dir(tmp_path: Path) -> Path:
    """A data folder with no journal in it yet (a first start)."""
    path = tmp_path / "empty"
    path.mkdir()
    return path


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the tests of an ``ENCRYPTED_TOO`` module on a plain and an encrypted journal."""
    if getattr(metafunc.module, "ENCRYPTED_TOO", False) and "data_dir" in metafunc.fixturenames:
        metafunc.parametrize("data_dir", ["plain", "encrypted"], indirect=True)


@pytest.fixture(scope="session")
def encrypted_template(tmp_path_factory: pytest.TempPathFactory, template_journal: Path) -> Any:
    """The template journal encrypted (cheap Argon2id), with its key file; returns its key."""
    from journal.store.cipher.kdf import FAST_TEST_PARAMS
    from journal.store.cipher.keyring import lock_all
    from journal.store.encryption.convert import encrypt_journal

    folder = tmp_path_factory.mktemp("encrypted-template")
    shutil.copyfile(template_journal, folder / JOURNAL_FILENAME)
    key = encrypt_journal(folder, "template passphrase", params=FAST_TEST_PARAMS).key
    shutil.rmtree(folder / "backups")
    lock_all()
    return folder, key


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``interplay screenshot`` of a demo journal, run once per test run by the real program
    with the no-network guard in it (tests/e2e/screenshots.py), for test_cli's and
    test_no_network's tests of it."""
    from tests.e2e.screenshots import shared_screenshots

    return shared_screenshots(tmp_path_factory)


@pytest.fixture
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every Argon2id derivation in this test at the cheapest cost (``FAST_TEST_PARAMS``),
    whatever parameters the journal's key file or the sealed-export format name: the same
    passphrase still gives the same key, and another one a different key."""
    import argon2.low_level

    from journal.store.cipher.kdf import FAST_TEST_PARAMS

    real = argon2.low_level.hash_secret_raw

    def cheap(**kwargs: Any) -> bytes:
        kwargs.update(
            time_cost=FAST_TEST_PARAMS.time_cost,
            memory_cost=FAST_TEST_PARAMS.memory_kib,
            parallelism=FAST_TEST_PARAMS.parallelism,
        )
        return real(**kwargs)

    monkeypatch.setattr(argon2.low_level, "hash_secret_raw", cheap)
    yield


@pytest.fixture
def data_dir(
    request: pytest.FixtureRequest, tmp_path: Path, template_journal: Path
) -> Iterator[Path]:
    """A data folder holding an empty journal at the newest schema.

    In a module that sets ``ENCRYPTED_TOO = True``, each test also runs on the same journal
    encrypted with SQLCipher, its key already unlocked (see ``pytest_generate_tests``).
    """
    path = tmp_path / "data"
    path.mkdir()
    if getattr(request, "param", "plain") != "encrypted":
        shutil.copyfile(template_journal, path / JOURNAL_FILENAME)
        yield path
        return
    from journal.store.cipher.keyfile import KEY_FILENAME
    from journal.store.cipher.keyring import lock_all, remember

    folder, key = request.getfixturevalue("encrypted_template")
    shutil.copyfile(folder / JOURNAL_FILENAME, path / JOURNAL_FILENAME)
    shutil.copyfile(folder / KEY_FILENAME, path / KEY_FILENAME)
    remember(key)
    yield path
    lock_all()


@pytest.fixture
def services(data_dir: Path, clock: FakeClock) -> Iterator[Services]:
    opened = open_services(data_dir, clock)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _no_work_left_running(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a QThread it started, or a timer it started without a
    parent (which nothing would ever stop), still running after it ends."""
    if "PySide6.QtCore" not in sys.modules:
        yield
        return
    from PySide6.QtCore import QThread, QTimer

    threads: list[Any] = []
    timers: list[Any] = []
    start_thread, start_timer = QThread.start, QTimer.start

    # Plain functions, not mocks: since PySide6 6.10 a MagicMock on a Qt method can crash.
    def thread_start(self: QThread, *args: Any) -> None:
        threads.append(self)
        start_thread(self, *args)

    def timer_start(self: QTimer, *args: Any) -> None:
        if self.parent() is None:
            timers.append(self)
        start_timer(self, *args)

    monkeypatch.setattr(QThread, "start", thread_start)
    monkeypatch.setattr(QTimer, "start", timer_start)
    yield
    running = [t for t in threads if _alive(t) and t.isRunning()]
    for thread in running:
        thread.wait(5000)  # let it end before the next test touches its journal
    ticking = [t for t in timers if _alive(t) and t.isActive()]
    for timer in ticking:
        timer.stop()
    assert not running, f"{len(running)} background thread(s) were left running"
    assert not ticking, f"{len(ticking)} timer(s) without a parent were left running"


def _alive(qobject: Any) -> bool:
    from shiboken6 import isValid

    return bool(isValid(qobject))
