"""Start a flare (condition, start day, suspected triggers, note), edit one, end it or
delete it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QWidget

from journal.domain.entries import FlareEpisode
from journal.domain.errors import ValidationError
from journal.domain.vocabulary import FLARE_TRIGGERS
from journal.ui.forms import confirm
from journal.ui.forms.dialog import DELETED, FormDialog
from journal.ui.forms.fields import (
    DateField,
    Field,
    FieldRow,
    InputError,
    NoteField,
    SuggestTextField,
    TagsField,
    Values,
    date_edit,
    entry_values,
)
from journal.ui.forms.inputs import ChoiceRow, action_button
from journal.ui.forms.text_inputs import show_date
from journal.ui.icons import icon

if TYPE_CHECKING:
    from journal.services import Services

ONGOING, ENDED = "ongoing", "ended"


class FlareEndField(Field):
    """Still going, or ended on a day."""

    def __init__(self, today: date) -> None:
        self.today = today
        super().__init__("end", "Ended")

    def build(self) -> QWidget:
        self.state = ChoiceRow([(ONGOING, "Still going"), (ENDED, "Ended on")])
        self.date_edit = date_edit(self.today)
        self.date_edit.setAccessibleName("End day")
        self.date_edit.problem.connect(
            lambda message: self.show_error(message) if message else self.clear_error()
        )
        self.state.valueChanged.connect(lambda v: self.date_edit.setEnabled(v == ENDED))
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state)
        row.addWidget(self.date_edit)
        row.addStretch(1)
        return box

    def focus_widget(self) -> QWidget:
        return self.state

    def focus_chain(self) -> list[QWidget]:
        return [self.state, self.date_edit.line]

    def get(self) -> date | None:
        if self.state.value() != ENDED:
            return None
        try:
            return self.date_edit.date()
        except ValueError as error:
            raise InputError(self.name, str(error)) from None

    def set(self, value: Any) -> None:
        self.state.setValue(ONGOING if value is None else ENDED)
        self.date_edit.setDate(value or self.today)
        self.date_edit.setEnabled(value is not None)

    def connect_edited(self, slot: Callable[[], None]) -> None:
        self.state.valueChanged.connect(lambda _v: slot())
        self.date_edit.dateChanged.connect(lambda _d: slot())


class FlareDialog(FormDialog):
    """``saved_episode`` holds the flare after Save."""

    def __init__(
        self, services: Services, episode: FlareEpisode | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.saved_episode: FlareEpisode | None = None
        self.setObjectName("flareForm")
        today = services.journal.now().date()
        profile = services.profile
        # The person's own condition (from the welcome or their last flare), not typed again.
        self.base = episode or FlareEpisode(start=today, condition=profile.flare_condition())
        fields: list[Field] = [
            SuggestTextField(
                "condition",
                "Condition",
                profile.condition_suggestions(),
                placeholder="e.g. rheumatoid arthritis",
            ),
            FieldRow(
                [DateField("start", "Started", today=today), FlareEndField(today)], captions=False
            ),
            TagsField(
                "triggers",
                "Suspected triggers",
                suggestions=FLARE_TRIGGERS,
                placeholder="Add your own and press Enter",
                hint="What you think may have set it off; a guess is fine.",
            ),
            NoteField(),
        ]
        editing = episode is not None
        title = "Flare" if editing else "Start a flare"
        subtitle = ""
        if episode is not None:
            since = f"since {show_date(episode.start)}"
            subtitle = f"Ongoing {since}" if episode.ongoing else f"Ended, {since}"
        self.build(title, subtitle, fields, save_text="Save" if editing else "Start flare")
        self.panel.load(entry_values(self.base))
        if episode is not None and episode.ongoing:
            self.end_today_button = action_button("End it today", lambda: self.end_on(today))
            self.extra_buttons.addWidget(self.end_today_button)
        self.deleted_episode: FlareEpisode | None = None
        if episode is not None:
            self.delete_button = action_button("&Delete…", self.delete_flare)
            self.delete_button.setObjectName("deleteFlareButton")
            self.delete_button.setIcon(icon("delete"))
            self.delete_button.setToolTip("Delete this flare (you are asked first)")
            self.leading_buttons.addWidget(self.delete_button)
        self.finish_layout(self.panel.field("condition").focus_widget())

    def end_on(self, day: date) -> bool:
        end = self.panel.field("end")
        end.set(day)
        return self.save()

    def delete_flare(self) -> bool:
        """Ask, then delete the flare and close; Undo brings it back."""
        if not ask_to_delete_flare(self, self.services, self.base):
            return False
        assert self.base.id is not None
        try:
            self.deleted_episode = self.services.journal.delete_flare(self.base.id)
        except LookupError as error:
            self.show_general(f"{error} Nothing was deleted.")
            return False
        self.done(DELETED)
        return True

    def commit(self, values: Values) -> bool:
        episode = replace(self.base, **values)
        try:
            self.saved_episode = self.services.journal.save_flare(episode)
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except LookupError as error:
            self.show_general(str(error))
            return False
        self.accept()
        return True


def flare_span_text(episode: FlareEpisode, today: date) -> str:
    """ "Since Mon 2 Nov 2026, still going (23 days)", or its first and last day."""
    last = episode.end or today
    days = (last - episode.start).days + 1
    length = f"{days} day{'s' if days != 1 else ''}"
    if episode.end is None:
        return f"Since {show_date(episode.start)}, still going ({length})"
    return f"{show_date(episode.start)} – {show_date(episode.end)} ({length})"


def ask_to_delete_flare(parent: QWidget | None, services: Services, episode: FlareEpisode) -> bool:
    """Ask before deleting a flare, saying what becomes of its check-ins; True to delete."""
    if episode.id is None:
        return False
    check_ins = len(services.journal.flare_check_ins(episode.id))
    consequence = confirm.UNDO_HINT
    if check_ins:
        stay = f"{check_ins} symptom check-ins stay" if check_ins > 1 else "symptom check-in stays"
        consequence = (
            f"Its {stay} in the journal, no longer part of a flare. "
            + confirm.UNDO_HINT.replace("brings it back", "brings it all back")
        )
    today = services.journal.now().date()
    what = episode.condition.strip() or "Flare"
    return confirm.confirm_deletion(
        parent, "Delete this flare?", what, flare_span_text(episode, today), consequence
    )
