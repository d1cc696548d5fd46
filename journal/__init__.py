"""Interplay: an offline journal for living with insulin resistance and autoimmune conditions."""

__version__ = "0.1.0"
APP_NAME = "Interplay"
