"""The look the person chose (theme, text size) is kept in the journal; odd values fall back."""

from __future__ import annotations

from journal.domain.appearance import Appearance, Theme
from journal.services import Services
from journal.services.preferences import APPEARANCE_KEY
from journal.store import repository as repo


def test_the_system_look_until_one_is_chosen_then_the_choice(services: Services) -> None:
    assert services.appearance == Appearance(Theme.SYSTEM, 100)
    services.set_appearance(Appearance(Theme.DARK, 130))
    assert services.appearance == Appearance(Theme.DARK, 130)


def test_values_from_a_newer_version_fall_back_calmly(services: Services) -> None:
    with services.db.transaction() as session:
        repo.put_setting(session, APPEARANCE_KEY, {"theme": "sepia", "text_percent": 175})
    assert services.appearance == Appearance()
    with services.db.transaction() as session:
        repo.put_setting(session, APPEARANCE_KEY, "dark")
    assert services.appearance == Appearance()
