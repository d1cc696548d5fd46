"""Encryption at rest for a journal: unlocking it, and turning encryption on, off, or to a new
passphrase, crash-safe, with its backups (see ``convert``)."""
