"""The welcome dialog: steps one after another, Skip / Back / Next / Finish, Esc to skip.

Nothing is written while the steps are filled in; Finish hands one ``SetupPlan`` to the
profile service, which applies it in one undoable step. Skipping writes only that the
welcome was seen.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.domain.errors import ValidationError
from journal.services.errors import JournalError
from journal.services.profile import SetupPlan, SetupResult
from journal.ui.forms.theme import style_form
from journal.ui.style import theme_variables
from journal.ui.welcome.pages import (
    ConditionsStep,
    IntroStep,
    MedicationsStep,
    ReadyStep,
    RemindersStep,
    UnitsStep,
    WelcomeStep,
)

if TYPE_CHECKING:
    from journal.services import Services

log = logging.getLogger(__name__)

Status = Callable[[str], None]
WIDTH = 780
SKIPPED_TEXT = "Setup skipped. Help > Welcome and setup brings it back any time."
CLOSED_TEXT = "Setup closed; nothing was changed."
DEMO_TEXT = "Opening a demo journal in a new window; it takes a few seconds."

_SHEET = """
QFrame#welcomeCard { background: {card}; border: 1px solid {border}; border-radius: 10px; }
QLabel#welcomeFact { color: {text}; }
QLabel#welcomeHeading { color: {text}; font-weight: 600; }
QCheckBox#conditionTile {
    background: {card};
    border: 1px solid {border};
    border-radius: 8px;
    padding: 5px 10px;
    min-height: 22px;
    spacing: 8px;
}
QCheckBox#conditionTile:hover { background: {hover}; }
QCheckBox#conditionTile:checked { background: {accent_soft}; border: 1px solid {accent}; }
QCheckBox#conditionTile:focus { border: 2px solid {accent}; }
QLabel#stepDone { color: {text}; }
QLabel#stepTodo { color: {muted}; }
QLabel#stepCurrent { color: {accent}; font-weight: 600; }
QLabel#summaryName { color: {muted}; }
QFrame#welcomeDivider { color: {border}; }
"""


def welcome_rules() -> str:
    """The welcome's cards, tiles and step indicator, in this palette (beside the form look)."""
    sheet = _SHEET
    for key, value in theme_variables().items():
        sheet = sheet.replace("{" + key + "}", value)
    return sheet


def launch_demo() -> bool:
    """Start a separate Interplay on a throwaway demo journal (``--demo``); the person's own
    journal is never touched. False if the program could not be started."""
    if getattr(sys, "frozen", False):
        program, arguments = sys.executable, ["--demo"]
    else:
        program, arguments = sys.executable, ["-m", "journal", "--demo"]
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)


def _divider() -> QFrame:
    line = QFrame()
    line.setObjectName("welcomeDivider")
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    return line


class WelcomeDialog(QDialog):
    """The first-run welcome (and Help > Welcome and setup): ``result`` after Finish."""

    setup_done = Signal(object)
    """The ``SetupResult`` after Finish."""
    status = Signal(str)
    """A sentence for the status bar: what happened."""

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, looking_only: bool = False
    ) -> None:
        """``looking_only``: shown to be looked at (screenshots); closing it records nothing."""
        super().__init__(parent)
        self.services = services
        self.looking_only = looking_only
        self.result_of_setup: SetupResult | None = None
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(f"Welcome — {APP_NAME}")
        self.setModal(True)
        style_form(self, welcome_rules())
        self.units_before = services.units
        self.first_run = not services.profile.welcome_seen()

        self.pages = QStackedWidget(self)
        self.intro = IntroStep(self.pages)
        self.conditions = ConditionsStep(services, self.pages)
        self.units = UnitsStep(self.units_before, self.pages)
        self.medications = MedicationsStep(services, self.units_before, self.pages)
        self.reminders = RemindersStep(services, self.units_before, self.pages)
        self.ready = ReadyStep(self.pages)
        self.steps: list[WelcomeStep] = [
            self.intro,
            self.conditions,
            self.units,
            self.medications,
            self.reminders,
            self.ready,
        ]
        self.conditions.load(services.profile.profile())
        self.intro.setup_chosen.connect(self.go_next)
        self.intro.demo_chosen.connect(self.explore_demo)

        for step in self.steps:
            self.pages.addWidget(step)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 18, 32, 16)
        layout.setSpacing(14)
        layout.addLayout(self._indicator())
        layout.addWidget(self.pages, 1)
        layout.addWidget(_divider())
        layout.addLayout(self._buttons())
        self._fit()
        self.show_step(0)

    # --- building ----------------------------------------------------------------------

    def _indicator(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.step_labels: list[QLabel] = []
        named = [s for s in self.steps if s.name]
        for number, step in enumerate(named, start=1):
            label = QLabel(f"{number}  {step.name.capitalize()}")
            label.setObjectName("stepTodo")
            self.step_labels.append(label)
            row.addWidget(label)
            if number < len(named):
                arrow = QLabel("›")
                arrow.setObjectName("stepTodo")
                row.addWidget(arrow)
        row.addStretch(1)
        self.indicator = QWidget()
        self.indicator.setLayout(row)
        outer = QHBoxLayout()
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.indicator)
        return outer

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.skip_button = self._button("S&kip setup", self.reject)
        self.skip_button.setToolTip("Close the welcome without changing anything (Esc)")
        self.hint = QLabel("Esc skips")
        self.hint.setObjectName("muted")
        self.back_button = self._button("&Back", self.go_back)
        self.next_button = self._button("&Next", self.go_next)
        self.finish_button = self._button("&Finish", self.finish)
        for primary in (self.next_button, self.finish_button):
            primary.setObjectName("saveButton")
        row.addWidget(self.skip_button)
        row.addWidget(self.hint)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        row.addWidget(self.finish_button)
        return row

    @staticmethod
    def _button(text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _c=False: slot())
        return button

    def _fit(self) -> None:
        """One size for every step (no jumping), within the screen, without scrollbars."""
        self.ensurePolished()
        for step in self.steps:
            step.ensurePolished()
        self.setFixedWidth(WIDTH)
        layout = self.layout()
        assert layout is not None
        layout.activate()
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 24 if screen is not None else 700
        self.setFixedHeight(min(layout.totalSizeHint().height(), room))

    # --- moving between steps ----------------------------------------------------------------

    @property
    def current(self) -> WelcomeStep:
        return self.steps[self.pages.currentIndex()]

    def show_step(self, index: int) -> None:
        index = max(0, min(index, len(self.steps) - 1))
        step = self.steps[index]
        if step is self.medications:
            self.medications.set_units(self.units.units())
        if step is self.reminders:
            self.reminders.set_units(self.units.units())
            self.reminders.refresh(
                self.services.profile.suggests_glucose_checks(self.conditions.chosen()),
                [*self.services.journal.medications(active_only=True), *self.medications.pending],
            )
        if step is self.ready:
            self.ready.show_plan(self.plan(), self.units_before)
        self.pages.setCurrentIndex(index)
        self._show_position(index)
        step.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_position(self, index: int) -> None:
        last = index == len(self.steps) - 1
        self.indicator.setVisible(index > 0)
        for number, label in enumerate(self.step_labels, start=1):
            state = "stepCurrent" if number == index else "stepDone"
            state = "stepTodo" if number > index else state
            if label.objectName() != state:
                label.setObjectName(state)
                label.style().unpolish(label)
                label.style().polish(label)
        named = len(self.step_labels)
        self.indicator.setAccessibleName(f"Step {index} of {named}" if index else "Welcome")
        self.back_button.setVisible(index > 0)
        self.next_button.setVisible(not last)
        self.finish_button.setVisible(last)
        default = self.finish_button if last else self.next_button
        self.next_button.setDefault(default is self.next_button)
        self.finish_button.setDefault(default is self.finish_button)

    def go_next(self) -> None:
        if self.current.leave():
            self.show_step(self.pages.currentIndex() + 1)

    def go_back(self) -> None:
        self.show_step(self.pages.currentIndex() - 1)

    # --- what the steps add up to -------------------------------------------------------

    def plan(self) -> SetupPlan:
        return SetupPlan(
            profile=self.conditions.profile(),
            units=self.units.units(),
            medications=tuple(self.medications.pending),
            trackers=self.conditions.trackers(),
            glucose_check=self.reminders.glucose.chosen_time(),
            evening_check_in=self.reminders.evening.chosen_time(),
            medication_reminders=self.reminders.medications.box.isChecked()
            or not self.reminders.medications.box.isEnabled(),
        )

    # --- leaving ---------------------------------------------------------------------------

    def finish(self) -> bool:
        """Apply everything chosen in one step; on a problem say so and stay open."""
        if not self.current.leave():
            return False
        try:
            result = self.services.profile.apply_setup(self.plan())
        except ValidationError as error:
            return self._refuse(" ".join(e.message for e in error.errors))
        except JournalError as error:
            log.warning("setup not saved: %s", error)
            return self._refuse(str(error))
        self.result_of_setup = result
        self.setup_done.emit(result)
        self.status.emit(result.summary())
        self.accept()
        return True

    def _refuse(self, message: str) -> bool:
        self.show_step(len(self.steps) - 1)
        self.ready.error.setText(f"Nothing was saved: {message}")
        self.ready.error.show()
        return False

    def reject(self) -> None:
        """Skip (Esc, Skip setup, the window's close button): only "seen" is written."""
        self._mark_seen()
        self.status.emit(SKIPPED_TEXT if self.first_run else CLOSED_TEXT)
        super().reject()

    def explore_demo(self) -> None:
        """Open the demo in its own window and journal; this journal stays as it is."""
        if not launch_demo():
            QMessageBox.warning(
                self,
                "The demo could not be opened",
                "Interplay could not start a second window for the demo. "
                "Your journal is unchanged.",
            )
            return
        self._mark_seen()
        self.status.emit(DEMO_TEXT)
        super().reject()

    def _mark_seen(self) -> None:
        if self.looking_only:
            return
        try:
            self.services.profile.mark_welcome_seen()
        except JournalError as error:  # a read-only journal: the welcome comes back, no harm
            log.warning("could not note the welcome as seen: %s", error)
