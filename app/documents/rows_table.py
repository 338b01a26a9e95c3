"""A table of short text rows under a header row that repeats on every page, drawn straight
onto the canvas.

It looks like a Platypus `Table` with padding 3, cells aligned to the top, a rule under the
header and a hairline under each row, but costs a fraction of it: a Table resolves a style for
every cell and draws each string in its own text object, and an invoice of 40 lines has 246
cells (issue 16: the invoice PDF is on the carer's hot path). A cell is plain text (one line)
or a Paragraph (long text that wraps within its column).

`lines_then(table, rows, ending)` lays out a document's lines followed by what must not stand
alone on a page (an invoice's or a credit note's totals and terms): the last lines go with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph

Cell = str | Paragraph
PAD = 3.0
KEPT_LINES = 2  # the last lines that stay on the page of the totals and terms below them


@dataclass(frozen=True)
class RowStyle:
    font: str
    size: float
    color: Color
    rule_width: float
    rule_color: Color

    @property
    def leading(self) -> float:
        return self.size * 1.2  # what a Table gives a FONT without a leading


class RowsTable(Flowable):
    """`widths` per column; columns in `right` are right-aligned; no header row when `header`
    is None (rows that continue a table above them)."""

    def __init__(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        *,
        right: frozenset[int],
        head: RowStyle,
        body: RowStyle,
    ) -> None:
        super().__init__()
        self.header = None if header is None else list(header)
        self.rows = [list(r) for r in rows]
        self.widths = list(widths)
        self.right = right
        self.head = head
        self.body = body
        self._heights: list[float] = []
        self.hAlign = "CENTER"  # as a Table: a table as wide as the frame overhangs its padding

    def _row_height(self, row: Sequence[Cell], style: RowStyle) -> float:
        h = style.leading
        for cell, width in zip(row, self.widths, strict=True):
            if isinstance(cell, Paragraph):
                h = max(h, cell.wrap(width - 2 * PAD, 1e6)[1])
        return h + 2 * PAD

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: D102
        self._head_height = 0.0 if self.header is None else self.head.leading + 2 * PAD
        self._heights = [self._row_height(r, self.body) for r in self.rows]
        self.width = sum(self.widths)
        self.height = self._head_height + sum(self._heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:  # noqa: D102
        if not self._heights:
            self.wrap(avail_width, avail_height)
        used, fit = self._head_height, 0
        for h in self._heights:
            if used + h > avail_height:
                break
            used, fit = used + h, fit + 1
        if fit == 0 or fit == len(self.rows):
            return [] if fit == 0 else [self]
        return [self._with(self.rows[:fit]), self._with(self.rows[fit:])]

    def _with(self, rows: list[list[Cell]]) -> RowsTable:
        return RowsTable(
            self.header, rows, self.widths, right=self.right, head=self.head, body=self.body
        )

    def draw(self) -> None:  # noqa: D102
        canv: Any = self.canv
        top = self.height
        if self.header is not None:
            top = self._draw_rows(canv, [self.header], [self._head_height], self.head, top)
        self._draw_rows(canv, self.rows, self._heights, self.body, top)

    def _draw_rows(
        self,
        canv: Any,
        rows: Sequence[Sequence[Cell]],
        heights: Sequence[float],
        style: RowStyle,
        top: float,
    ) -> float:
        """Rows in one style: their text in one text object, then the rules under them."""
        memo = _memo(canv)
        canv.setFillColor(style.color)
        text = canv.beginText()
        text.setFont(style.font, style.size, style.leading)
        bottoms = []
        for row, height in zip(rows, heights, strict=True):
            baseline = top - PAD - style.size
            x = 0.0
            for col, (cell, width) in enumerate(zip(row, self.widths, strict=True)):
                if isinstance(cell, Paragraph):
                    _, h = cell.wrap(width - 2 * PAD, 1e6)
                    cell.drawOn(canv, x + PAD, top - PAD - h)
                elif cell:
                    at = x + PAD
                    if col in self.right:
                        at = x + width - PAD - _width(memo, cell, style)
                    text.setTextOrigin(at, baseline)
                    _write(text, cell, memo)
                x += width
            top -= height
            bottoms.append(top)
        canv.drawText(text)
        canv.setLineWidth(style.rule_width)
        canv.setStrokeColor(style.rule_color)
        canv.lines([(0, y, self.width, y) for y in bottoms])
        return top


def _memo(canv: Any) -> dict[tuple[object, ...], Any]:
    """What this document's rows have already measured and formatted (the same dates, times
    and amounts come back row after row)."""
    memo = getattr(canv, "_rows_table_memo", None)
    if memo is None:
        memo = canv._rows_table_memo = {}
    return memo


def _width(memo: dict[tuple[object, ...], Any], cell: str, style: RowStyle) -> float:
    key = ("width", style.font, style.size, cell)
    width = memo.get(key)
    if width is None:
        width = memo[key] = stringWidth(cell, style.font, style.size)
    return width


def _write(text: Any, cell: str, memo: dict[tuple[object, ...], Any]) -> None:
    """What `text.textOut(cell)` writes, formatted once per document for each string, font
    and current font subset (ReportLab's own formatting, which encodes the string into the
    document's font subsets). The cursor is placed for each cell, so it is not moved here."""
    key = (text._fontname, text._fontsize, text._leading, text._curSubset, cell)
    done = memo.get(key)
    if done is None:
        done = memo[key] = (text._formatText(cell), text._curSubset)
    text._code.append(done[0])
    text._curSubset = done[1]


class LastLines(Flowable):
    """A table's last lines: under the column headings when they start a page, as plain rows
    when they follow the other lines (`plain` None: there are no other lines)."""

    def __init__(self, headed: Flowable, plain: Flowable | None) -> None:
        super().__init__()
        self.headed, self.plain = headed, plain
        self.chosen = headed
        self.hAlign = headed.hAlign  # placed exactly as the lines above it

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: D102
        frame = getattr(self, "_frame", None)  # set by the frame just before it asks the size
        at_top = frame is None or getattr(frame, "_atTop", False)
        self.chosen = self.headed if at_top or self.plain is None else self.plain
        width, height = self.chosen.wrap(avail_width, avail_height)
        self.width, self.height = width, height
        return width, height

    def split(self, _avail_width: float, _avail_height: float) -> list[Flowable]:  # noqa: D102
        return []  # whole, on the next page if need be

    def draw(self) -> None:  # noqa: D102
        self.chosen.drawOn(self.canv, 0, 0)


def lines_then(
    table: Callable[[list[list[Cell]], bool], Flowable],
    rows: Sequence[Sequence[Cell]],
    ending: list[Flowable],
) -> list[Flowable]:
    """`rows` as tables made by `table(rows, headed)`, then `ending` on the same page as the
    last `KEPT_LINES` of them: totals never stand alone at the top of a page, and the lines
    that go over with them are under the column headings there."""
    every = [list(row) for row in rows]
    body, last = every[:-KEPT_LINES], every[-KEPT_LINES:]
    story: list[Flowable] = [table(body, True)] if body else []
    kept = LastLines(table(last, True), table(last, False) if body else None)
    story.append(KeepTogether([kept, *ending]))
    return story
