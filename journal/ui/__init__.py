"""The Qt front end: windows, views, dialogs and charts. Talks only to journal.services."""
