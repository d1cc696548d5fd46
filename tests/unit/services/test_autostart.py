"""Start at login: the exact files (or Run key value) each platform would get, on Linux."""

from __future__ import annotations

import configparser
import plistlib
from pathlib import Path

import pytest

from journal.services.autostart import (
    RUN_VALUE,
    AutostartError,
    MacLaunchAgent,
    WindowsRunKey,
    XdgAutostart,
    autostart_for_platform,
    set_start_at_login,
    xdg_autostart_dir,
)

COMMAND = ["/opt/Interplay 1/bin/python", "-m", "journal"]


def test_xdg_autostart_writes_a_valid_desktop_entry(tmp_path: Path) -> None:
    autostart = autostart_for_platform("linux", COMMAND, directory=tmp_path / "autostart")
    assert isinstance(autostart, XdgAutostart)
    assert not autostart.is_enabled()
    set_start_at_login(autostart, True)
    path = tmp_path / "autostart" / "interplay.desktop"
    assert autostart.is_enabled() and path.is_file()
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "Interplay"
    # A path with a space is quoted; the app starts in the tray.
    assert section["Exec"] == "'/opt/Interplay 1/bin/python' -m journal --minimized"
    set_start_at_login(autostart, False)
    assert not path.exists() and not autostart.is_enabled()
    # Turning it off twice is calm.
    autostart.disable()


def test_xdg_config_home_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert xdg_autostart_dir() == tmp_path / "cfg" / "autostart"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert xdg_autostart_dir() == tmp_path / ".config" / "autostart"


def test_a_percent_sign_is_escaped_in_exec(tmp_path: Path) -> None:
    autostart = XdgAutostart(["/home/a/100%/python"], tmp_path)
    assert "Exec=/home/a/100%%/python --minimized" in autostart.desktop_entry()


def test_an_unwritable_folder_gives_a_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    autostart = XdgAutostart(COMMAND, blocker / "autostart")
    with pytest.raises(AutostartError, match="Could not write"):
        autostart.enable()


def test_macos_launch_agent_plist(tmp_path: Path) -> None:
    autostart = autostart_for_platform("darwin", COMMAND, directory=tmp_path)
    assert isinstance(autostart, MacLaunchAgent)
    autostart.enable()
    data = plistlib.loads((tmp_path / "org.interplay.Interplay.plist").read_bytes())
    assert data == {
        "Label": "org.interplay.Interplay",
        "ProgramArguments": [*COMMAND, "--minimized"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    assert autostart.is_enabled()
    autostart.disable()
    assert not autostart.is_enabled()


class FakeRunKey:
    """The Run key as a dict: what winreg would hold."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_run_key_value() -> None:
    key = FakeRunKey()
    autostart = autostart_for_platform(
        "win32", [r"C:\Program Files\Interplay\interplay.exe"], run_key=key
    )
    assert isinstance(autostart, WindowsRunKey)
    autostart.enable()
    assert key.values == {RUN_VALUE: r'"C:\Program Files\Interplay\interplay.exe" --minimized'}
    assert autostart.is_enabled()
    assert autostart.describe().endswith(r"CurrentVersion\Run\Interplay")
    autostart.disable()
    assert key.values == {} and not autostart.is_enabled()
