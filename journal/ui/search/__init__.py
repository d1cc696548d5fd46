"""Search (Ctrl+F) over notes, meal items, tags, symptoms and medications."""

from journal.ui.search.search_dialog import SearchDialog

__all__ = ["SearchDialog"]
