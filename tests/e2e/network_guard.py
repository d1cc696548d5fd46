"""The no-network guard of tests/e2e/test_no_network.py, for the test process and for a
program a test starts (``python -c GUARDED_MAIN``).

Python-level sockets are caught as they are created (any family but AF_UNIX fails), and DNS
lookups are refused; sockets made by Qt's C++ code are caught by looking at the process's
open Internet sockets in /proc (Linux) at the end.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PROC_NET = ("tcp", "tcp6", "udp", "udp6", "raw", "raw6")
_REFUSED = ("create_connection", "getaddrinfo", "gethostbyname", "create_server")


class NetworkUsed(AssertionError):
    pass


def inet_socket_inodes() -> set[str]:
    """Inodes of this process's open Internet sockets (empty where /proc is missing)."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return set()
    mine: set[str] = set()
    for fd in fd_dir.iterdir():
        try:
            target = fd.readlink()
        except OSError:
            continue
        if str(target).startswith("socket:["):
            mine.add(str(target)[8:-1])
    inet: set[str] = set()
    for table in _PROC_NET:
        path = Path("/proc/self/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                inet.add(line.split()[9])
    return mine & inet


def guarded(attempts: list[str]) -> dict[str, Any]:
    """What to put in the ``socket`` module's place: each call made is added to ``attempts``
    and fails with NetworkUsed."""
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family: Any = -1, *args: Any, **kwargs: Any) -> None:
            adopted = kwargs.get("fileno") is not None or (len(args) > 2 and args[2] is not None)
            effective = socket.AF_INET if family == -1 and not adopted else family
            if effective not in (socket.AF_UNIX, -1):
                attempts.append(f"socket(family={family!r})")
                raise NetworkUsed(f"a network socket was created (family {family!r})")
            super().__init__(family, *args, **kwargs)

    def refuse(name: str) -> Callable[..., Any]:
        def _refuse(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args!r}")
            raise NetworkUsed(f"{name} was called with {args!r}")

        return _refuse

    return {"socket": GuardedSocket, **{name: refuse(name) for name in _REFUSED}}


# ``python -c GUARDED_MAIN REPORT MAIN ARGS...``: ``python MAIN ARGS...`` (the real program,
# run as __main__) with the guard in place; REPORT gets the attempts and the Internet sockets
# the program opened, as JSON, whatever the program's end.
GUARDED_MAIN = """
import json, runpy, socket, sys
from pathlib import Path
from tests.e2e.network_guard import guarded, inet_socket_inodes

report, main = sys.argv[1], sys.argv[2]
attempts = []
for name, value in guarded(attempts).items():
    setattr(socket, name, value)
before = inet_socket_inodes()
sys.argv = sys.argv[2:]
try:
    runpy.run_path(main, run_name="__main__")
finally:
    opened = sorted(inet_socket_inodes() - before)
    Path(report).write_text(json.dumps({"attempts": attempts, "opened": opened}))
"""
