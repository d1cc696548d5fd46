"""Preferences as a person meets it: light, dark or the system's look and a text size, applied
at once and remembered; the real shortcut in the menu; a reason beside a greyed option."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from journal.domain.appearance import Appearance, Theme
from journal.services import Services
from journal.ui.appearance import apply_appearance, apply_saved_appearance, system_font
from journal.ui.main_window import MainWindow
from journal.ui.preferences import PreferencesDialog
from journal.ui.reminders.panel import StayingAroundPanel


@pytest.fixture(autouse=True)
def _system_look_after() -> Iterator[None]:
    yield
    apply_appearance(Appearance())  # the next test starts with the system's look


def _window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def _icon_lightness(window: MainWindow) -> int:
    """How light the Meal button's icon is drawn (its strokes, not the transparent rest)."""
    image = window.quick_add[next(iter(window.quick_add))].icon().pixmap(24).toImage()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert inked, "the icon draws something"
    return max(c.lightness() for c in inked)


def _open(qtbot: QtBot, services: Services, parent: MainWindow | None = None) -> PreferencesDialog:
    dialog = PreferencesDialog(services, parent)
    qtbot.addWidget(dialog)
    return dialog


def test_dark_applies_at_once_everywhere_and_is_remembered_after_a_restart(
    qtbot: QtBot, services: Services
) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert _window_lightness() > 128 and _icon_lightness(window) < 128
    dialog = _open(qtbot, services, window)
    dialog.theme.setValue(Theme.DARK)
    # At once, before Save: the palette, the dialog itself and the toolbar's icons.
    assert _window_lightness() < 128
    assert dialog.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert _icon_lightness(window) > 128
    assert dialog.save_button is not None
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.appearance.theme is Theme.DARK
    window.close()
    # A restart: the app begins in the system's look, then applies what was saved.
    apply_appearance(Appearance())
    assert _window_lightness() > 128
    apply_saved_appearance(services.appearance)
    again = MainWindow(services)
    qtbot.addWidget(again)
    assert _window_lightness() < 128
    assert _open(qtbot, services, again).theme.value() is Theme.DARK


def test_cancel_takes_back_a_look_that_was_only_tried(qtbot: QtBot, services: Services) -> None:
    dialog = _open(qtbot, services)
    dialog.theme.setValue(Theme.DARK)
    dialog.text_size.setValue(130)
    assert _window_lightness() < 128
    dialog.reject()
    assert _window_lightness() > 128
    assert QApplication.font().pointSizeF() == pytest.approx(system_font().pointSizeF())
    assert services.appearance == Appearance()


def test_text_size_changes_the_application_font_and_the_views_headings(
    qtbot: QtBot, services: Services
) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    title = window.view("today").findChild(QLabel, "dayTitle")
    assert title is not None
    before = title.font().pointSizeF()
    dialog = _open(qtbot, services, window)
    base = system_font().pointSizeF()
    dialog.text_size.setValue(130)
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.3, abs=0.1)
    assert dialog.font().pointSizeF() == pytest.approx(base * 1.3 + 1, abs=0.1)
    assert "130 %" in dialog.text_size_note.text()
    # The views are built again, so headings sized from the font grow with it.
    qtbot.waitUntil(lambda: window.view("today").findChild(QLabel, "dayTitle") is not title)
    grown = window.view("today").findChild(QLabel, "dayTitle")
    assert grown is not None and grown.font().pointSizeF() == pytest.approx(before * 1.3, abs=0.2)
    dialog.save()
    assert services.appearance.text_percent == 130


def test_a_saved_text_size_applies_at_start(services: Services) -> None:
    services.set_appearance(Appearance(text_percent=115))
    apply_saved_appearance(services.appearance)
    assert QApplication.font().pointSizeF() == pytest.approx(
        system_font().pointSizeF() * 1.15, abs=0.1
    )


def test_the_menu_shows_the_real_key_for_preferences(qtbot: QtBot, services: Services) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    shown = window.preferences_action.shortcut().toString()
    assert shown not in ("", "Settings")
    assert shown == "Ctrl+,"  # this platform has no typed standard key


def test_preferences_are_grouped_in_sections(qtbot: QtBot, services: Services) -> None:
    dialog = _open(qtbot, services)
    assert dialog.title.text() == "Preferences"
    assert dialog.page_titles[:3] == ["Appearance", "Units", "Your data"]
    dialog.show_page("units")
    assert dialog.stack.currentWidget() is dialog.page("units")
    assert not dialog.findChildren(QDialogButtonBox)  # no stock floppy-disk / red-X buttons


def test_saving_units_keeps_the_lab_units_chosen_elsewhere(
    qtbot: QtBot, services: Services
) -> None:
    from dataclasses import replace

    from journal.domain.units import WeightUnit

    services.set_units(replace(services.units, labs=(("crp", "mg/dL"),)))
    dialog = _open(qtbot, services)
    dialog.weight.setValue(WeightUnit.LB)
    dialog.save()
    assert services.units.weight is WeightUnit.LB
    assert services.units.labs == (("crp", "mg/dL"),)


class _NoAutostart:
    def is_enabled(self) -> bool:
        return False

    def enable(self) -> None:
        raise AssertionError("not in this test")

    def disable(self) -> None:
        raise AssertionError("not in this test")

    def describe(self) -> str:
        return "a test"


def test_a_greyed_tray_option_says_why_beside_it(qtbot: QtBot, services: Services) -> None:
    panel = StayingAroundPanel(services, autostart=_NoAutostart(), tray_available=False)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.keep_running.isEnabled()
    assert panel.no_tray_reason.isVisible()
    assert "your desktop has no system tray" in panel.no_tray_reason.text()
    with_tray = StayingAroundPanel(services, autostart=_NoAutostart(), tray_available=True)
    qtbot.addWidget(with_tray)
    with_tray.show()
    assert with_tray.keep_running.isEnabled() and not with_tray.no_tray_reason.isVisible()


def test_the_footer_says_which_pages_act_at_once(qtbot: QtBot, services: Services) -> None:
    dialog = PreferencesDialog(services)
    qtbot.addWidget(dialog)
    assert "Save keeps them" in dialog.hint.text()
    dialog.show_page("privacy")
    assert "done at once" in dialog.hint.text()
    dialog.show_page("units")
    assert "done at once" not in dialog.hint.text()
