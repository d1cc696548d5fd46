"""Widgets and styles several views share."""
