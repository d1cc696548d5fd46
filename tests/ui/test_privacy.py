"""Privacy as a person meets it: the passphrase asked before the window (wrong ones said
plainly, a growing wait after several), and Preferences > Privacy setting, changing and
removing the passphrase, with the journal still there after each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import Note
from journal.services import Services
from journal.services.privacy import PrivacyService, lock_all, strength
from journal.store.cipher.kdf import FAST_TEST_PARAMS
from journal.ui.preferences import PreferencesDialog
from journal.ui.privacy.page import LOST_WARNING, PassphraseDialog, PrivacyPage
from journal.ui.privacy.unlock_dialog import UnlockDialog, wait_after

NOTE = "knees stiff this morning"


@pytest.fixture(autouse=True)
def _forget_keys() -> Iterator[None]:
    yield
    lock_all()


def _unlock_dialog(qtbot: QtBot, right: str = "open sesame please") -> UnlockDialog:
    dialog = UnlockDialog(lambda typed: typed == right, "/somewhere")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _try(qtbot: QtBot, dialog: UnlockDialog, text: str) -> None:
    dialog.field.edit.setText(text)
    assert dialog.save_button is not None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog._task is None)


def test_a_wrong_passphrase_says_so_and_lets_you_try_again(qtbot: QtBot) -> None:
    dialog = _unlock_dialog(qtbot)
    _try(qtbot, dialog, "open sesame")
    assert dialog.message.isVisible()
    assert "not the one for this journal" in dialog.message.text()
    assert dialog.field.text == "" and dialog.field.edit.isEnabled()
    assert dialog.result() == 0
    _try(qtbot, dialog, "open sesame please")
    assert dialog.result() == 1


def test_after_several_tries_the_wait_grows(qtbot: QtBot) -> None:
    assert [wait_after(n) for n in range(1, 8)] == [0, 0, 2, 4, 8, 16, 30]
    dialog = _unlock_dialog(qtbot)
    for _ in range(3):
        _try(qtbot, dialog, "wrong")
    assert dialog.save_button is not None
    assert not dialog.save_button.isEnabled()
    assert dialog.wait_timer.isActive() and dialog.wait_timer.interval() == 2000
    assert "Wait 2 seconds" in dialog.message.text()
    dialog.wait_timer.stop()
    dialog.wait_timer.timeout.emit()  # the wait is over (no real sleeping in tests)
    assert dialog.save_button.isEnabled()
    assert "Wait" not in dialog.message.text()


def test_show_characters_and_the_caps_lock_warning(qtbot: QtBot) -> None:
    dialog = _unlock_dialog(qtbot)
    field = dialog.field
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password
    field.show_characters.setChecked(True)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    assert not field.caps.isVisible()
    qtbot.keyClicks(field.edit, "B")  # a capital without Shift: Caps Lock is on
    assert field.caps.isVisible()
    qtbot.keyClicks(field.edit, "c")
    assert not field.caps.isVisible()


def test_the_strength_hint_prefers_long_passphrases() -> None:
    assert strength("password").level == 0
    assert strength("correct horse battery staple").level >= 2
    assert strength("Tr0ub4dor&3").level < strength("correct horse battery staple").level


@pytest.fixture
def privacy_page(qtbot: QtBot, services: Services, clock: FakeClock) -> PrivacyPage:
    services.journal.add_entry(Note(at=clock.now(), note=NOTE))
    services.__dict__["privacy"] = PrivacyService(
        services.data_dir, services.db, params=FAST_TEST_PARAMS
    )
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    assert "Privacy" in dialog.page_titles
    dialog.show_page("privacy")
    page = dialog.page("privacy")
    assert isinstance(page, PrivacyPage)
    return page


def _answer(monkeypatch: pytest.MonkeyPatch, **typed: str) -> list[PassphraseDialog]:
    """Make the passphrase dialogs answer with ``typed`` (current, new, again)."""
    shown: list[PassphraseDialog] = []

    def exec_(self: PassphraseDialog) -> int:
        shown.append(self)
        for name, text in typed.items():
            field = getattr(self, name)
            if field is not None:
                field.edit.setText(text)
        self.save()
        return int(self.result())

    monkeypatch.setattr(PassphraseDialog, "exec", exec_)
    return shown


def _notes(services: Services, clock: FakeClock) -> list[str]:
    day = clock.now().date()
    return [e.note for e in services.journal.entries_between(day, day)]


def test_set_change_and_remove_a_passphrase(
    privacy_page: PrivacyPage,
    services: Services,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    page = privacy_page
    assert page.set_button.isVisibleTo(page) and not page.change_button.isVisibleTo(page)
    key_file = tmp_path / "recovery.txt"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(key_file), "Text files (*.txt)")
    )

    shown = _answer(monkeypatch, new="a passphrase to remember", again="a passphrase to remember")
    page.set_button.click()
    assert shown[0].findChild(type(page.state), "lostWarning").text() == LOST_WARNING
    assert services.privacy.encrypted
    assert page.change_button.isVisibleTo(page) and not page.set_button.isVisibleTo(page)
    assert "interplay-recovery-key:" in key_file.read_text(encoding="utf-8")
    assert "too late to cancel" not in page.result.text()  # Cancel was never pressed
    assert _notes(services, clock) == [NOTE]  # the open journal reads on, under its key
    services.journal.add_entry(Note(at=clock.now(), note="after encrypting"))

    _answer(
        monkeypatch,
        current="a passphrase to remember",
        new="another one to remember",
        again="another one to remember",
    )
    page.change_button.click()
    assert "backup" in page.result.text()
    lock_all()
    assert not services.privacy.check_passphrase("a passphrase to remember")
    assert services.privacy.check_passphrase("another one to remember")
    assert sorted(_notes(services, clock)) == sorted([NOTE, "after encrypting"])

    _answer(monkeypatch, current="another one to remember")
    page.remove_button.click()
    assert not services.privacy.encrypted
    assert "stay encrypted" in page.result.text()
    assert sorted(_notes(services, clock)) == sorted([NOTE, "after encrypting"])


def test_a_wrong_current_passphrase_changes_nothing(
    privacy_page: PrivacyPage, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, new="a passphrase to remember", again="a passphrase to remember")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    privacy_page.set_button.click()
    before = (services.data_dir / "journal.sqlite3").read_bytes()
    shown = _answer(monkeypatch, current="not it at all")
    privacy_page.remove_button.click()
    # Said in the dialog, which stays open to try again (not after it has closed).
    assert shown[0].result() == 0 and shown[0].problem.isVisibleTo(shown[0])
    assert "not the journal's passphrase" in shown[0].problem.text()
    assert shown[0].current is not None and shown[0].current.text == ""
    assert services.privacy.encrypted
    assert (services.data_dir / "journal.sqlite3").read_bytes() == before


def test_tab_goes_from_a_passphrase_to_the_same_again_not_to_show_characters(
    qtbot: QtBot,
) -> None:
    dialog = PassphraseDialog("Change", "", current=True, new=True, primary="Change")
    qtbot.addWidget(dialog)
    assert dialog.current is not None and dialog.new is not None and dialog.again is not None
    assert dialog.current.edit.nextInFocusChain() is dialog.new.edit
    assert dialog.new.edit.nextInFocusChain() is dialog.again.edit


def test_after_a_wrong_passphrase_typing_again_goes_into_the_field(qtbot: QtBot) -> None:
    dialog = _unlock_dialog(qtbot)
    dialog.activateWindow()
    _try(qtbot, dialog, "open sesame")
    assert dialog.focusWidget() is dialog.field.edit  # not the Show characters box


def test_the_unlock_dialog_waits_for_its_check_before_it_closes(qtbot: QtBot) -> None:
    dialog = _unlock_dialog(qtbot)
    _try(qtbot, dialog, "open sesame please")
    assert dialog.result() == 1
    task = dialog._last_task
    # A thread the closed dialog owned was destroyed still running: a crash at random.
    assert task is not None and task.parent() is None and task.isFinished()


def test_the_report_reads_as_sentences() -> None:
    from journal.ui.privacy.page import sentences

    assert sentences(["A backup is at /x/y.sqlite3", "They stay encrypted."]) == (
        "A backup is at /x/y.sqlite3. They stay encrypted."
    )


def test_the_new_passphrase_must_be_typed_twice_alike(qtbot: QtBot) -> None:
    dialog = PassphraseDialog("Encrypt", "", current=False, new=True, primary="Encrypt")
    qtbot.addWidget(dialog)
    assert dialog.new is not None and dialog.again is not None
    dialog.new.edit.setText("one long passphrase")
    dialog.again.edit.setText("one long passphrase!")
    dialog.save()
    assert dialog.result() == 0
    assert "differ" in dialog.problem.text()
    dialog.new.edit.setText("short")
    dialog.save()
    assert "at least 8" in dialog.problem.text()
    assert dialog.strength.text().startswith("Weak")


def test_an_encrypted_export_from_the_window_imports_back(
    qtbot: QtBot,
    services: Services,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    empty_data_dir: Path,
) -> None:
    from PySide6.QtWidgets import QWidget

    from journal.ui.privacy.sealed import (
        READABLE_WORDS,
        EncryptedExportDialog,
        export_encrypted,
        import_source,
    )

    services.journal.add_entry(Note(at=clock.now(), note=NOTE))
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "mine.interplay"

    def answer(self: EncryptedExportDialog) -> int:
        assert self.subtitle.text() == READABLE_WORDS  # says plainly that exports are readable
        self.new.edit.setText("export passphrase")
        self.again.edit.setText("export passphrase")
        self.save()
        return int(self.result())

    monkeypatch.setattr(EncryptedExportDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    status = export_encrypted(parent, services)
    assert status is not None and "encrypted" in status
    assert NOTE.encode() not in target.read_bytes()

    tries: list[bool] = []

    def type_passphrase(self: UnlockDialog) -> int:
        tries.append(self._check("wrong one"))
        tries.append(self._check("export passphrase"))
        return 1

    monkeypatch.setattr(UnlockDialog, "exec", type_passphrase)
    source = import_source(parent, target)
    assert source is not None and tries == [False, True]
    plain, sealed = source
    assert sealed is not None and plain.name == "mine.json"
    assert NOTE in plain.read_text(encoding="utf-8")
    _import_names_the_file_chosen(qtbot, empty_data_dir, clock, plain, target)
    sealed.close()
    assert not plain.exists()  # the plain copy is gone once the import dialog closes


def _import_names_the_file_chosen(
    qtbot: QtBot, folder: Path, clock: FakeClock, plain: Path, chosen: Path
) -> None:
    """The import window and its summary name the encrypted file, not the copy inside."""
    from journal.services import open_services
    from journal.ui.data import import_dialog_for

    other = open_services(folder, clock)
    try:
        dialog = import_dialog_for(other, plain, shown=chosen)
        qtbot.addWidget(dialog)
        assert chosen.name in dialog.title.text()
        qtbot.waitUntil(lambda: dialog.state != "checking")
        dialog.wait_for_task()
        dialog.start_import()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: dialog.state in ("done", "failed"))
        dialog.wait_for_task()
        assert dialog.report is not None
        said = dialog.report.summary()
        assert "from mine.interplay" in said and "mine.json" not in said, said
        dialog.close()
    finally:
        other.close()


def test_an_encrypted_journal_asks_before_the_window_and_quitting_opens_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.store.encryption.convert import encrypt_journal
    from journal.ui.privacy import start, unlock_dialog

    assert start.unlock_before_window(data_dir)  # a plain journal: nothing to ask
    encrypt_journal(data_dir, "the journal's passphrase", params=FAST_TEST_PARAMS)
    lock_all()
    asked: list[str] = []

    def quit_(check: object, folder: str = "", note: str = "") -> bool:
        asked.append(folder)
        return False

    monkeypatch.setattr(unlock_dialog, "ask_to_unlock", quit_)
    monkeypatch.delenv("INTERPLAY_PASSPHRASE", raising=False)
    assert not start.unlock_before_window(data_dir)
    assert asked == [str(data_dir)]

    def type_it(check: object, folder: str = "", note: str = "") -> bool:
        assert callable(check)
        return bool(check("not it")) or bool(check("the journal's passphrase"))

    monkeypatch.setattr(unlock_dialog, "ask_to_unlock", type_it)
    assert start.unlock_before_window(data_dir)
    lock_all()
    monkeypatch.setenv("INTERPLAY_PASSPHRASE", "the journal's passphrase")
    monkeypatch.setattr(unlock_dialog, "ask_to_unlock", quit_)
    assert start.unlock_before_window(data_dir)  # scripts and the benchmark: no dialog


def test_a_lost_key_file_is_said_before_the_window_and_the_passphrase_still_opens(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.store.encryption.unlock as unlock
    from journal.store.cipher.keyfile import key_file
    from journal.store.encryption.convert import encrypt_journal
    from journal.ui.privacy import start, unlock_dialog

    monkeypatch.setattr(unlock, "DEFAULT_PARAMS", FAST_TEST_PARAMS)  # what the fallback tries
    encrypt_journal(data_dir, "the journal's passphrase", params=FAST_TEST_PARAMS)
    lock_all()
    key_file(data_dir).unlink()
    notes: list[str] = []

    def type_it(check: object, folder: str = "", note: str = "") -> bool:
        notes.append(note)
        assert callable(check)
        return bool(check("the journal's passphrase"))

    monkeypatch.setattr(unlock_dialog, "ask_to_unlock", type_it)
    monkeypatch.delenv("INTERPLAY_PASSPHRASE", raising=False)
    assert start.unlock_before_window(data_dir)
    assert "encryption.json) is missing" in notes[0] and "recovery key" in notes[0]
    assert key_file(data_dir).exists()


def test_restoring_a_backup_made_under_another_passphrase_asks_for_it(
    qtbot: QtBot,
    services: Services,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from PySide6.QtWidgets import QWidget

    from journal.store.backup import backup_journal
    from journal.ui.privacy.unlock_dialog import ask_backup_passphrase

    services.journal.add_entry(Note(at=clock.now(), note=NOTE))
    services.__dict__["privacy"] = PrivacyService(
        services.data_dir, services.db, params=FAST_TEST_PARAMS
    )
    services.privacy.encrypt("the first passphrase")
    old = backup_journal(services.data_dir / "journal.sqlite3", out=tmp_path / "old.sqlite3")
    services.privacy.change("the first passphrase", "the second passphrase")
    lock_all()
    assert services.privacy.check_passphrase("the second passphrase")
    parent = QWidget()
    qtbot.addWidget(parent)
    tried: list[bool] = []

    def type_passphrases(self: UnlockDialog) -> int:
        assert "another passphrase" in self.title.text()
        tried.extend([self._check("the second passphrase"), self._check("the first passphrase")])
        return 1

    monkeypatch.setattr(UnlockDialog, "exec", type_passphrases)
    assert ask_backup_passphrase(parent, services, old.path)
    assert tried == [False, True]
    services.maintenance.restore(old.path)
    lock_all()
    assert services.privacy.check_passphrase("the second passphrase")  # still the journal's
    assert _notes(services, clock) == [NOTE]


def test_the_window_locks_after_the_chosen_minutes_without_use(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWidget

    from journal.ui.privacy.idle_lock import MS_PER_MINUTE, IdleLock

    services.__dict__["privacy"] = PrivacyService(
        services.data_dir, services.db, params=FAST_TEST_PARAMS
    )
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, services)
    # A plain journal never locks, and its window's input is not watched.
    assert not lock.timer.isActive() and not lock.watching_input
    services.privacy.encrypt("the journal's passphrase")
    assert not lock.timer.isActive()  # encrypted, but the lock is off until minutes are set
    services.privacy.set_lock_after(5)  # the lock arms itself
    assert lock.timer.isActive() and lock.timer.interval() == 5 * MS_PER_MINUTE
    assert lock.watching_input
    lock.timer.start(1_000)  # as if most of the minutes had passed
    qtbot.mouseMove(window, QPoint(3, 3))  # use restarts the count
    qtbot.mouseMove(window, QPoint(9, 9))
    assert lock.timer.isActive() and lock.timer.remainingTime() > 60_000

    lock.timer.stop()
    lock.lock()  # the minutes ran out
    assert lock.locked and not window.isVisible()
    assert lock.dialog.isVisible() and lock.dialog.title.text() == "Interplay is locked"
    lock_all()
    lock.dialog.field.edit.setText("wrong passphrase")
    assert lock.dialog.save_button is not None
    lock.dialog.save_button.click()
    qtbot.waitUntil(lambda: lock.dialog._task is None)
    assert lock.locked and "not the one" in lock.dialog.message.text()
    lock.dialog.field.edit.setText("the journal's passphrase")
    lock.dialog.save_button.click()
    qtbot.waitUntil(lambda: not lock.locked)
    assert window.isVisible() and lock.timer.isActive()
    lock.stop()


def test_the_lock_arms_itself_when_a_conversion_ends_on_its_worker_thread(
    qtbot: QtBot, services: Services
) -> None:
    import threading

    from PySide6.QtWidgets import QWidget

    from journal.ui.privacy.idle_lock import IdleLock

    services.__dict__["privacy"] = PrivacyService(
        services.data_dir, services.db, params=FAST_TEST_PARAMS
    )
    services.privacy.set_lock_after(5)  # chosen, but a plain journal does not lock
    window = QWidget()
    qtbot.addWidget(window)
    lock = IdleLock(window, services)
    assert not lock.watching_input
    worker = threading.Thread(target=services.privacy.encrypt, args=("a long passphrase",))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: lock.watching_input)  # queued to the window's thread
    assert lock.timer.isActive()
    lock.stop()
    assert not lock.watching_input


def test_the_privacy_page_offers_the_lock_only_when_encrypted(
    privacy_page: PrivacyPage, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not privacy_page.lock_after.isVisibleTo(privacy_page)
    _answer(monkeypatch, new="a passphrase to remember", again="a passphrase to remember")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    privacy_page.set_button.click()
    assert privacy_page.lock_after.isVisibleTo(privacy_page)
    privacy_page.lock_after.setCurrentIndex(privacy_page.lock_after.findData(15))
    assert services.privacy.lock_after_minutes == 15
    again = PrivacyService(services.data_dir, services.db)
    assert again.lock_after_minutes == 15  # kept in the journal


@pytest.mark.parametrize("data_dir", ["encrypted"], indirect=True)
def test_the_window_restores_an_emptied_encrypted_journal_asking_the_backups_passphrase(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.app import _open_or_recover
    from journal.store.cipher.keyring import is_plain_database
    from journal.store.files import JOURNAL_FILENAME
    from tests.e2e.test_encryption_review import PASSPHRASE, emptied_with_encrypted_backup

    backup = emptied_with_encrypted_backup(data_dir, clock)
    offered: list[str] = []
    monkeypatch.setattr(
        "journal.ui.application.ask_to_restore",
        lambda problem, path, _when: offered.append(problem) or path == backup,
    )
    typed: list[str] = []

    def type_it(dialog: UnlockDialog) -> int:  # a plain function: never a bare mock
        typed.append(dialog.title.text())
        assert not dialog._check("not the passphrase")
        return int(dialog._check(PASSPHRASE))

    monkeypatch.setattr(UnlockDialog, "exec", type_it)
    monkeypatch.delenv("INTERPLAY_PASSPHRASE", raising=False)
    services = _open_or_recover(data_dir)
    try:
        assert services.journal.count_entries() == 1
    finally:
        services.close()
    assert "encrypted" in offered[0] and typed == ["The backup is encrypted"]
    assert "interplay restore" not in offered[0]  # the window offers it: no command to type
    assert not is_plain_database(data_dir / JOURNAL_FILENAME)


def test_the_change_dialog_gives_each_control_its_own_alt_key(qtbot: QtBot) -> None:
    dialog = PassphraseDialog("Change", "", current=True, new=True, primary="Change")
    qtbot.addWidget(dialog)
    shown = [*dialog.findChildren(QAbstractButton), *dialog.findChildren(QLabel)]
    texts = [w.text() for w in shown if w.isVisibleTo(dialog)]
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
    assert len(keys) == len(set(keys)), sorted(keys)
