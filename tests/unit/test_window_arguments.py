"""A plain start of the window reads its arguments without the whole parser: the same
result as the parser's, and anything else left to the parser."""

from __future__ import annotations

import pytest

from journal import cli


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--demo"],
        ["--minimized", "--data-dir", "/tmp/j"],
        ["--data-dir=/tmp/j", "--demo", "--minimized"],
        ["--data-dir", ""],
    ],
)
def test_window_arguments_read_alone_equal_the_parsers(argv: list[str]) -> None:
    quick = cli._window_arguments(argv)
    assert quick is not None
    parsed = cli.build_parser().parse_args(argv)
    assert vars(quick) == {key: getattr(parsed, key) for key in vars(quick)}
    assert cli.parse(argv) == quick


@pytest.mark.parametrize(
    "argv",
    [["check"], ["--help"], ["--version"], ["--data-dir"], ["--dem"], ["--data-dir", "-x"]],
)
def test_anything_else_is_left_to_the_parser(argv: list[str]) -> None:
    assert cli._window_arguments(argv) is None
