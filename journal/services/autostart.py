"""Start Interplay at login, behind one interface for Linux, Windows and macOS.

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/interplay.desktop``
  (XDG Autostart Specification 0.5).
- Windows: a value in ``HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
- macOS: ``~/Library/LaunchAgents/<label>.plist`` with ``RunAtLoad`` (launchd.plist(5)).

Every target is injectable (a directory, or a registry stand-in), so tests check exactly
what would be written without touching the user's login.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

APP_ID = "interplay"
APP_LABEL = "org.interplay.Interplay"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Interplay"
# Started at login, the app goes straight to the tray instead of opening a window.
TRAY_ARGUMENT = "--minimized"


class AutostartError(OSError):
    """Start at login could not be changed; the message says why, in plain words."""


def default_command() -> list[str]:
    """How to start this Interplay: the installed script if there is one, else ``python -m``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "journal"]


class Autostart(Protocol):
    def is_enabled(self) -> bool: ...

    def enable(self) -> None: ...

    def disable(self) -> None: ...

    def describe(self) -> str:
        """Where the setting lives, for the preferences' tooltip."""
        ...


# --- Linux / XDG ----------------------------------------------------------------------------


def xdg_autostart_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart"


def _desktop_exec(command: Sequence[str]) -> str:
    # Desktop Entry Specification, "The Exec key": arguments with reserved characters are
    # quoted, and a literal "%" is written "%%".
    return " ".join(shlex.quote(part).replace("%", "%%") for part in command)


class _AutostartFile:
    """Start at login by the presence of one file (XDG .desktop, macOS LaunchAgent)."""

    @property
    def path(self) -> Path:
        raise NotImplementedError

    def content(self) -> bytes:
        raise NotImplementedError

    def is_enabled(self) -> bool:
        return self.path.is_file()

    def enable(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_bytes(self.content())
            temporary.replace(self.path)  # never a half-written file
        except OSError as error:
            raise AutostartError(
                f"Could not write {self.path}: {error.strerror or error}"
            ) from error

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            raise AutostartError(
                f"Could not remove {self.path}: {error.strerror or error}"
            ) from error

    def describe(self) -> str:
        return str(self.path)


@dataclass
class XdgAutostart(_AutostartFile):
    command: Sequence[str]
    directory: Path | None = None

    @property
    def path(self) -> Path:
        return (self.directory or xdg_autostart_dir()) / f"{APP_ID}.desktop"

    def desktop_entry(self) -> str:
        return (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Interplay\n"
            "Comment=Your health journal, ready for reminders\n"
            f"Exec={_desktop_exec([*self.command, TRAY_ARGUMENT])}\n"
            "Icon=interplay\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )

    def content(self) -> bytes:
        return self.desktop_entry().encode("utf-8")


# --- macOS ----------------------------------------------------------------------------------


@dataclass
class MacLaunchAgent(_AutostartFile):
    command: Sequence[str]
    directory: Path | None = None

    @property
    def path(self) -> Path:
        return (self.directory or Path.home() / "Library" / "LaunchAgents") / f"{APP_LABEL}.plist"

    def plist(self) -> bytes:
        return plistlib.dumps(
            {
                "Label": APP_LABEL,
                "ProgramArguments": [*self.command, TRAY_ARGUMENT],
                "RunAtLoad": True,
                "ProcessType": "Interactive",
            }
        )

    def content(self) -> bytes:
        return self.plist()


# --- Windows --------------------------------------------------------------------------------


class RunKey(Protocol):
    """The per-user Run key: the few operations used (winreg, or a dict in tests)."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class WinregRunKey:
    """``HKCU\\...\\Run`` through ``winreg`` (imported only on Windows)."""

    def get(self, name: str) -> str | None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:  # type: ignore[attr-defined,unused-ignore]
                value, _kind = winreg.QueryValueEx(key, name)  # type: ignore[attr-defined,unused-ignore]
                return str(value)
        except FileNotFoundError:
            return None

    def set(self, name: str, value: str) -> None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:  # type: ignore[attr-defined,unused-ignore]
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)  # type: ignore[attr-defined,unused-ignore]

    def delete(self, name: str) -> None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        try:
            with winreg.OpenKey(  # type: ignore[attr-defined,unused-ignore]
                winreg.HKEY_CURRENT_USER,  # type: ignore[attr-defined,unused-ignore]
                RUN_KEY,
                0,
                winreg.KEY_SET_VALUE,  # type: ignore[attr-defined,unused-ignore]
            ) as key:
                winreg.DeleteValue(key, name)  # type: ignore[attr-defined,unused-ignore]
        except FileNotFoundError:
            pass


@dataclass
class WindowsRunKey:
    command: Sequence[str]
    key: RunKey | None = None

    def _key(self) -> RunKey:
        return self.key if self.key is not None else WinregRunKey()

    def value(self) -> str:
        return subprocess.list2cmdline([*self.command, TRAY_ARGUMENT])

    def is_enabled(self) -> bool:
        return self._key().get(RUN_VALUE) is not None

    def enable(self) -> None:
        try:
            self._key().set(RUN_VALUE, self.value())
        except OSError as error:
            raise AutostartError(f"Could not change the Run key: {error}") from error

    def disable(self) -> None:
        try:
            self._key().delete(RUN_VALUE)
        except OSError as error:
            raise AutostartError(f"Could not change the Run key: {error}") from error

    def describe(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"


def autostart_for_platform(
    platform: str | None = None,
    command: Sequence[str] | None = None,
    *,
    directory: Path | None = None,
    run_key: RunKey | None = None,
) -> Autostart:
    """The start-at-login switch for ``platform`` (default: this one)."""
    platform = platform or sys.platform
    command = list(command) if command is not None else default_command()
    if platform.startswith("win"):
        return WindowsRunKey(command, run_key)
    if platform == "darwin":
        return MacLaunchAgent(command, directory)
    return XdgAutostart(command, directory)


def set_start_at_login(autostart: Autostart, enabled: bool) -> None:
    if enabled:
        autostart.enable()
    else:
        autostart.disable()
