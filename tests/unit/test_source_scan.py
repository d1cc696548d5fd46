"""PySide6's import hook is told up front which modules use it, so it reads none of them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from journal.ui import source_scan
from journal.ui.source_scan import IGNORED, USES_PYSIDE, WITHOUT_QT, spare_source_scans


def test_the_hook_learns_interplays_layering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table: dict[str, int] = {"journal.ui.today.view": 5}  # known already: kept as it is
    monkeypatch.setattr(source_scan, "_feature_table", lambda: table)
    assert spare_source_scans("journal") > 200
    assert table["journal.ui.main_window"] == USES_PYSIDE
    assert table["journal.ui"] == USES_PYSIDE
    assert table["journal.domain.entries"] == IGNORED
    assert table["journal.services.facade"] == IGNORED
    assert table["journal.ui.today.view"] == 5


@pytest.mark.parametrize("package", sorted(WITHOUT_QT))
def test_the_packages_said_not_to_use_pyside6_do_not(package: str) -> None:
    """What the hook itself would have found: no source of theirs names PySide6."""
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations
    sources = [p for loc in spec.submodule_search_locations for p in Path(loc).rglob("*.py")]
    assert len(sources) > 50
    assert not [p for p in sources if "PySide6" in p.read_text(encoding="utf-8")]


def test_without_pyside6_loaded_nothing_is_done(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_scan, "_feature_table", lambda: None)
    assert spare_source_scans("journal") == 0
    with pytest.raises(ValueError, match="not known"):
        spare_source_scans("numpy")


def test_the_table_is_pyside6s_own() -> None:
    import PySide6.QtCore  # noqa: F401  (the hook and its table come with it)

    table = source_scan._feature_table()
    assert isinstance(table, dict)
    spare_source_scans("sqlalchemy")
    assert table["sqlalchemy.orm.session"] == IGNORED
