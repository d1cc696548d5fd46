"""Data-safety windows: import preview, backups, and where the data lives (for Settings)."""

from journal.ui.data.backups import BackupsDialog
from journal.ui.data.data_location import DataLocationPanel, DeleteAllDataDialog
from journal.ui.data.import_preview import ImportPreviewDialog, import_dialog_for

__all__ = [
    "BackupsDialog",
    "DataLocationPanel",
    "DeleteAllDataDialog",
    "ImportPreviewDialog",
    "import_dialog_for",
]
