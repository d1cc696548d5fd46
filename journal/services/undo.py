"""The undo history of a session: each change is a command that knows how to undo and redo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

UNDO_LIMIT = 200


@dataclass(frozen=True)
class Command:
    text: str
    """What the change was, in the user's words ("Delete meal")."""
    undo: Callable[[], None]
    redo: Callable[[], None]


class UndoStack:
    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit

    def push(self, command: Command) -> None:
        """Record a change that has just been done."""
        self._done.append(command)
        del self._done[: -self._limit]
        self._undone.clear()

    @property
    def undo_text(self) -> str | None:
        return self._done[-1].text if self._done else None

    @property
    def redo_text(self) -> str | None:
        return self._undone[-1].text if self._undone else None

    def undo(self) -> str | None:
        if not self._done:
            return None
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        return command.text

    def redo(self) -> str | None:
        if not self._undone:
            return None
        command = self._undone.pop()
        command.redo()
        self._done.append(command)
        return command.text

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
