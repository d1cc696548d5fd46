"""The streaming JSON reader: every item and the line it starts on, across many windows."""

from __future__ import annotations

import io
import json
import random

import pytest

from journal.io.json_stream import CHUNK_CHARS, JsonObjectStream, JsonStreamError


def _document(seed: int) -> tuple[str, list[tuple[int, object]]]:
    """A large object whose 'items' vary in size, spacing and type, with their lines."""
    rng = random.Random(seed)
    parts = ['{\n  "format": "x",\n  "items": [']
    expected: list[tuple[int, object]] = []
    line = 3
    for i in range(4000):
        item: object = rng.choice(
            [
                {"i": i, "text": "é" * rng.randint(0, 90), "list": [1.5, None, True]},
                rng.randint(-(10**12), 10**12),  # numbers can be cut by a window's end
                rng.random() * 1e6,
                f"line {i}",
                [],
            ]
        )
        space = rng.choice(["", " ", "\n    ", "\n\n  ", "\t"])
        if i:
            parts.append("," + space)
            line += space.count("\n")
        expected.append((line, item))
        parts.append(json.dumps(item))
    parts.append("\n  ]\n}\n")
    return "".join(parts), expected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_items_and_their_lines_come_out_as_written(seed: int) -> None:
    text, expected = _document(seed)
    assert len(text) > 4 * CHUNK_CHARS
    stream = JsonObjectStream(io.StringIO(text))
    found = []
    for key, _line, value in stream.sections(frozenset({"items"})):
        if key == "items":
            found = list(value)
    assert found == expected


def test_a_missing_comma_is_named_on_its_line() -> None:
    text = '{"items": [\n{"a": 1},\n{"a": 2}\n{"a": 3}\n]}'
    stream = JsonObjectStream(io.StringIO(text))
    read: list[object] = []
    with pytest.raises(JsonStreamError) as caught:
        for _key, _line, value in stream.sections(frozenset({"items"})):
            read.extend(value)
    assert read == [(2, {"a": 1}), (3, {"a": 2})]
    assert caught.value.line == 4 and "',' or ']'" in caught.value.problem
