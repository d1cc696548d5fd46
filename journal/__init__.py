"""Interplay: an offline journal for living with insulin resistance and autoimmune conditions."""

from journal import codegen_cache

__version__ = "0.1.0"
APP_NAME = "Interplay"

# Before any of the package's dataclasses is made: their generated methods compile once,
# then load from a cache as modules load from their bytecode (``journal.codegen_cache``).
codegen_cache.install()
