"""Use cases the UI and the command line call; the only layer the UI talks to.

``open_services`` (in ``journal.services.facade``) builds one ``Services`` per open
journal, and every view holds that one handle. The names load on first use, so a light
module of this package (``changes``, ``day``: what the first paint needs) can be imported
without SQLAlchemy and the ORM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journal.services.facade import Services, open_services

__all__ = ["Services", "open_services"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from journal.services import facade

        return getattr(facade, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
