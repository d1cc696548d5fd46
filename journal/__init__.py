"""Interplay: an offline self-management journal for insulin resistance and autoimmune conditions."""

__version__ = "0.1.0"
APP_NAME = "Interplay"
