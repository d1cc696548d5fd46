"""Read one large JSON object section by section, with the items of big arrays one at a time.

The standard ``json`` module needs the whole document in memory; an export of ten years is
fine, a million-line file is not. This reader keeps a small window of the text, decodes each
array item with ``JSONDecoder.raw_decode`` as it arrives, and knows the line each item starts
on, so errors can name it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

CHUNK_CHARS = 1 << 16
# One item larger than this is refused rather than read into memory (a broken file, usually).
MAX_ITEM_CHARS = 32 << 20
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# What follows an array item: its comma (or the closing bracket) and the space after.
_AFTER_ITEM = re.compile(r"[ \t\n\r]*([,\]])[ \t\n\r]*")


class JsonStreamError(ValueError):
    """The text is not the JSON expected; ``line`` is where the problem was found."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


class JsonObjectStream:
    """The top-level object of a JSON text stream, read once from start to end."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._buf = ""
        self._pos = 0
        self._eof = False
        self.line = 1
        self._decoder = json.JSONDecoder(parse_constant=_reject_constant)

    # --- the window of text --------------------------------------------------------------

    def _fill(self, at_least: int = CHUNK_CHARS) -> bool:
        if self._eof:
            return False
        if self._pos > CHUNK_CHARS:
            self._buf = self._buf[self._pos :]
            self._pos = 0
        try:
            chunk = self._stream.read(max(at_least, CHUNK_CHARS))
        except UnicodeDecodeError as exc:
            raise JsonStreamError(
                self.line, f"the file is not UTF-8 text (byte {exc.object[exc.start]:#04x})."
            ) from None
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def _advance_to(self, end: int) -> None:
        self.line += self._buf.count("\n", self._pos, end)
        self._pos = end

    def _skip_ws(self) -> None:
        while True:
            match = _WHITESPACE.match(self._buf, self._pos)
            assert match is not None
            self._advance_to(match.end())
            if self._pos < len(self._buf) or not self._fill():
                return

    def _peek(self) -> str:
        if self._pos >= len(self._buf) and not self._fill():
            return ""
        return self._buf[self._pos]

    def _take(self, expected: str, what: str) -> str:
        self._skip_ws()
        char = self._peek()
        if char == "" or char not in expected:
            found = "the end of the file" if char == "" else repr(char)
            raise JsonStreamError(self.line, f"expected {what} but found {found}.")
        self._advance_to(self._pos + 1)
        return char

    def _decode(self) -> Any:
        """Decode the value starting here, reading more text until it is complete."""
        self._skip_ws()
        want = CHUNK_CHARS
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._grow(want):
                    want *= 2
                    continue
                line = self.line + self._buf.count("\n", self._pos, exc.pos)
                raise JsonStreamError(line, f"this is not valid JSON ({exc.msg}).") from None
            except RecursionError:
                raise JsonStreamError(self.line, "the JSON is nested too deeply.") from None
            except ValueError as exc:  # NaN, Infinity, integers with thousands of digits
                raise JsonStreamError(self.line, f"this is not valid JSON ({exc}).") from None
            # A number cut at the end of the window would decode short: read on and retry.
            if end == len(self._buf) and self._grow(want):
                continue
            self._advance_to(end)
            return value

    def _grow(self, want: int) -> bool:
        if len(self._buf) - self._pos > MAX_ITEM_CHARS:
            raise JsonStreamError(self.line, "one item is too large to read (over 32 MB).")
        return self._fill(want)

    # --- structure ------------------------------------------------------------------------

    def sections(self, streamed: frozenset[str]) -> Iterator[tuple[str, int, Any]]:
        """Yield ``(key, line, value)`` for each member of the top-level object.

        For keys in ``streamed`` whose value is an array, ``value`` is an iterator of
        ``(line, item)``; it is drained automatically if the caller does not read it all.
        """
        self._take("{", "a JSON object ('{')")
        self._skip_ws()
        if self._peek() == "}":
            self._advance_to(self._pos + 1)
        else:
            yield from self._members(streamed)
        self._skip_ws()
        if self._peek() != "":
            raise JsonStreamError(self.line, "there is more text after the end of the JSON.")

    def _members(self, streamed: frozenset[str]) -> Iterator[tuple[str, int, Any]]:
        while True:
            self._skip_ws()
            line = self.line
            if self._peek() != '"':
                self._take('"', "a section name in quotes")
            key = self._decode()
            self._take(":", "':'")
            self._skip_ws()
            if key in streamed and self._peek() == "[":
                items = self._items()
                yield key, line, items
                for _ in items:  # the caller may stop early; the text must still be read
                    pass
            else:
                yield key, line, self._decode()
            if self._take(",}", "',' or '}'") == "}":
                return

    def _items(self) -> Iterator[tuple[int, Any]]:
        self._take("[", "'['")
        self._skip_ws()
        if self._peek() == "]":
            self._advance_to(self._pos + 1)
            return
        decode = self._decoder.raw_decode
        stepped = False  # over an item and the space after it, to text still in the window
        while True:
            if not stepped:
                self._skip_ws()
            line = self.line
            # The usual item, whole in the window and followed by its comma: decoded and
            # stepped over in one go. Anything else (the window's end, a fault) goes the
            # careful way below, which reads on, or says what is wrong and where.
            buf, start = self._buf, self._pos
            try:
                value, end = decode(buf, start)
            except (ValueError, RecursionError):
                end = -1
            after = _AFTER_ITEM.match(buf, end) if 0 <= end < len(buf) else None
            if after is not None:
                self.line += buf.count("\n", start, after.end())
                self._pos = after.end()
                stepped = self._pos < len(buf)
                yield line, value
                if after.group(1) == "]":
                    return
                continue
            stepped = False
            yield line, self._decode()
            if self._take(",]", "',' or ']'") == "]":
                return
