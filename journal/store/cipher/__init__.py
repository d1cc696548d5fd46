"""SQLCipher keys for an encrypted journal: Argon2id key derivation, the key file beside the
journal (salts and parameters, never a key), and the keys unlocked in this process.

Nothing here opens a connection: ``journal.store.connection`` asks ``key_for_file`` which key
(if any) a file needs, so every connection to an encrypted file is keyed in one place.
"""
