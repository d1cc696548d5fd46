"""Argon2id: from a passphrase and a salt to the 256-bit key SQLCipher is given.

SQLCipher gets the raw key (``PRAGMA key = "x'…'"``), so its own PBKDF2 is skipped and the
passphrase never reaches it. The parameters are stored with each salt in the key file, so a
journal keyed with today's parameters still opens after the defaults change.
"""

from __future__ import annotations

from dataclasses import dataclass

KEY_BYTES = 32
SALT_BYTES = 16  # SQLCipher's own file salt is 16 bytes: the Argon2 salt doubles as it


@dataclass(frozen=True)
class KdfParams:
    """Argon2id's cost: passes over memory, memory in KiB, and lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def as_dict(self) -> dict[str, int]:
        return {
            "time_cost": self.time_cost,
            "memory_kib": self.memory_kib,
            "parallelism": self.parallelism,
        }


# RFC 9106's second recommended option (section 4): Argon2id, 3 passes over 64 MiB in 4
# lanes (libargon2 runs a thread per lane). On the development machine (2 cores shared with
# other work, Python 3.11, argon2-cffi 25.1) it took 0.33-0.46 s, where 4 passes over
# 128 MiB took 1.0-1.3 s at the same moment; the start-up target (within 0.7 s of a plain
# journal) leaves no room for more. tests/bench/bench_encryption.py measures it.
DEFAULT_PARAMS = KdfParams(time_cost=3, memory_kib=64 * 1024, parallelism=4)

# For tests only, passed explicitly (``encrypt_journal(..., params=FAST_TEST_PARAMS)``):
# the cheapest Argon2id there is. Never a default anywhere a user can reach.
FAST_TEST_PARAMS = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The 32-byte key for ``passphrase`` with ``salt`` (slow on purpose)."""
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def key_check(key: bytes) -> str:
    """A short value that tells whether a key is the right one without opening the file.

    A keyed hash of a fixed text: it reveals nothing of the key, and guessing passphrases
    against it costs the same Argon2id as guessing them against the file itself.
    """
    import hashlib  # here, not at the top: a plain journal's first paint never needs it

    return hashlib.blake2b(b"interplay key check", key=key, digest_size=16).hexdigest()


def checks_equal(a: str, b: str) -> bool:
    import hmac

    return hmac.compare_digest(a, b)
