"""Blocks of a report page and how they flow onto pages: headings kept with what follows,
text, tables, charts and rows of blocks side by side, each measured before it is drawn."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont

from journal.ui.report.canvas import (
    ACCENT,
    BODY,
    FAINT,
    H2,
    INK,
    MUTED,
    RULE,
    SMALL,
    Canvas,
    font,
    pen,
)

GAP = 8.0


class Block:
    """Something drawn at a place on a page, as wide as it is given."""

    keep_with_next = False
    page_break = False

    def height(self, canvas: Canvas, width: float) -> float:
        raise NotImplementedError

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        raise NotImplementedError


class PageBreak(Block):
    page_break = True

    def height(self, canvas: Canvas, width: float) -> float:
        return 0.0

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        return


@dataclass
class Heading(Block):
    """A section's title over a thin rule; never left alone at the foot of a page."""

    title: str
    note: str = ""
    keep_with_next = True

    def height(self, canvas: Canvas, width: float) -> float:
        return canvas.line_height(font(H2, bold=True)) + 8

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        title_font = font(H2, bold=True)
        h = canvas.line_height(title_font)
        canvas.line_text(x, y + h / 2 + 1, self.title, title_font, ACCENT)
        if self.note:
            canvas.line_text(
                x, y + h / 2 + 2, self.note, font(SMALL), MUTED, Qt.AlignmentFlag.AlignRight, width
            )
        canvas.rule(x, y + h + 3, x + width, ACCENT, 0.8)


@dataclass
class Text(Block):
    text: str
    size: float = BODY
    bold: bool = False
    italic: bool = False
    color: QColor = field(default_factory=lambda: QColor(INK))
    after: float = 3.0

    def height(self, canvas: Canvas, width: float) -> float:
        return canvas.text_height(self.text, self._font(), width) + self.after

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        canvas.text(x, y, width, self.text, self._font(), self.color)

    def _font(self) -> QFont:
        return font(self.size, bold=self.bold, italic=self.italic)


@dataclass
class Table(Block):
    """Rows of cells under a bold header; ``widths`` are shares of the width, ``right``
    the columns aligned right (numbers). Rows alternate with a faint band."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]
    right: frozenset[int] = frozenset()
    size: float = SMALL + 0.6

    def _cells(self, canvas: Canvas, width: float) -> list[float]:
        total = sum(self.widths)
        return [width * w / total for w in self.widths]

    def _row_height(
        self, canvas: Canvas, cells: Sequence[str], widths: list[float], bold: bool
    ) -> float:
        chosen = font(self.size, bold=bold)
        return (
            max(
                canvas.text_height(c or " ", chosen, w - 6)
                for c, w in zip(cells, widths, strict=True)
            )
            + 4
        )

    def height(self, canvas: Canvas, width: float) -> float:
        widths = self._cells(canvas, width)
        total = self._row_height(canvas, self.header, widths, True)
        total += sum(self._row_height(canvas, row, widths, False) for row in self.rows)
        return total + 4

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        widths = self._cells(canvas, width)
        top = y
        for index, row in enumerate([self.header, *self.rows]):
            bold = index == 0
            h = self._row_height(canvas, row, widths, bold)
            if index > 0 and index % 2 == 0 and canvas.painter is not None:
                canvas.painter.fillRect(QRectF(x, top, width, h), FAINT)
            left = x
            for column, (cell, w) in enumerate(zip(row, widths, strict=True)):
                align = (
                    Qt.AlignmentFlag.AlignRight
                    if column in self.right
                    else Qt.AlignmentFlag.AlignLeft
                )
                canvas.text(left + 3, top + 2, w - 6, cell, font(self.size, bold=bold), INK, align)
                left += w
            top += h
            if bold:
                canvas.rule(x, top, x + width, INK, 0.6)
        canvas.rule(x, top, x + width, RULE, 0.4)


@dataclass
class Chart(Block):
    """A drawing of a fixed height: ``paint(canvas, rect)``."""

    fixed_height: float
    paint: Callable[[Canvas, QRectF], None]

    def height(self, canvas: Canvas, width: float) -> float:
        return self.fixed_height

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        if canvas.painter is None:
            return
        canvas.painter.save()
        self.paint(canvas, QRectF(x, y, width, self.fixed_height))
        canvas.painter.restore()


@dataclass
class Stack(Block):
    """Blocks one under another, moved as one (a chart with its caption)."""

    blocks: Sequence[Block]
    spacing: float = 4.0

    def height(self, canvas: Canvas, width: float) -> float:
        heights = [b.height(canvas, width) for b in self.blocks]
        return sum(heights) + self.spacing * max(len(heights) - 1, 0)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        for block in self.blocks:
            block.draw(canvas, x, y, width)
            y += block.height(canvas, width) + self.spacing


@dataclass
class Columns(Block):
    """Blocks side by side; ``shares`` of the width each, ``gap`` points between."""

    blocks: Sequence[Block]
    shares: Sequence[float]
    gap: float = 16.0

    def _widths(self, width: float) -> list[float]:
        room = width - self.gap * (len(self.blocks) - 1)
        total = sum(self.shares)
        return [room * s / total for s in self.shares]

    def height(self, canvas: Canvas, width: float) -> float:
        return max(
            b.height(canvas, w) for b, w in zip(self.blocks, self._widths(width), strict=True)
        )

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        for block, w in zip(self.blocks, self._widths(width), strict=True):
            block.draw(canvas, x, y, w)
            x += w + self.gap


@dataclass
class LinedBox(Block):
    """A framed box of text, or of ruled lines to write on when there is no text."""

    text: str
    lines: int = 6

    def height(self, canvas: Canvas, width: float) -> float:
        if self.text:
            return canvas.text_height(self.text, font(BODY), width - 16) + 16
        return self.lines * 18.0 + 10

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        h = self.height(canvas, width)
        p = canvas.painter
        if p is None:
            return
        p.setPen(pen(INK, 0.8))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(x, y, width, h), 4, 4)
        if self.text:
            canvas.text(x + 8, y + 8, width - 16, self.text, font(BODY))
            return
        for i in range(1, self.lines + 1):
            canvas.rule(x + 10, y + 4 + i * 18.0, x + width - 10, RULE, 0.5)


# --- flowing blocks onto pages ----------------------------------------------------------------


@dataclass
class Placed:
    block: Block
    page: int
    y: float


def flow(
    canvas: Canvas,
    blocks: Sequence[Block],
    width: float,
    top: Callable[[int], float],
    bottom: float,
) -> list[Placed]:
    """Each block's page and top: down the page, to the next when it does not fit (a
    heading goes with the block after it). ``top(page)`` is where a page's body starts."""
    placed: list[Placed] = []
    page = 0
    y = top(0)
    heights = [b.height(canvas, width) for b in blocks]
    for index, block in enumerate(blocks):
        if block.page_break:
            if y > top(page):
                page += 1
                y = top(page)
            continue
        need = heights[index]
        if block.keep_with_next and index + 1 < len(blocks):
            need += GAP + heights[index + 1]
        if y + need > bottom and y > top(page):
            page += 1
            y = top(page)
        placed.append(Placed(block, page, y))
        y += heights[index] + GAP
    return placed
