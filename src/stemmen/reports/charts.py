"""Charts for reports: a bar chart of code frequencies and a heat map of a matrix.

Each chart is laid out once as shapes (:mod:`stemmen.reports.drawing`) and drawn as SVG (HTML,
PDF, Markdown) or PNG (Word, Excel, Markdown) on first use; both are byte-identical from run to
run. Margins follow the measured labels, so long code names are never cut.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

from stemmen.reports.drawing import Line, Rect, Shape, Text, text_width, to_png, to_svg

BAR = "#4e79a7"
AXIS = "#444444"
GRID = "#dddddd"
FONT, SMALL, TITLE = 8.0, 7.0, 9.0
_BLUES = ((0.0, (247, 251, 255)), (0.5, (107, 174, 214)), (1.0, (8, 48, 107)))


@dataclass(frozen=True, eq=False)
class Chart:
    """One chart, ``width`` x ``height`` points; ``png`` and ``svg`` are drawn on first use."""

    key: str
    title: str
    width: float
    height: float
    shapes: list[Shape] = field(repr=False)

    @cached_property
    def png(self) -> bytes:
        return to_png(self.width, self.height, self.shapes)

    @cached_property
    def svg(self) -> str:
        return to_svg(self.width, self.height, self.title, self.shapes)


def nice_step(top: float, ticks: int = 5) -> int:
    """A round step (1, 2, 5 x 10^n) that divides 0..top into about ``ticks`` parts."""
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, int(factor * power))
    return int(10 * power)


def _longest(labels: list[str], size: float = FONT) -> float:
    return max((text_width(x, size) for x in labels), default=0.0)


def bar_chart(key: str, title: str, labels: list[str], values: list[int],
              xlabel: str) -> Chart:
    """Horizontal bars, first label on top, each bar labelled with its value."""
    row = 14.4
    left = 10 + _longest(labels) + 6
    width, top, bottom = 468.0, 26.0, 34.0
    height = top + row * max(len(labels), 1) + bottom
    right = width - 24
    most = max(values, default=0)
    scale_top = max(most * 1.08, 1.0)
    step = nice_step(scale_top)
    span = right - left

    def x_of(value: float) -> float:
        return left + span * value / scale_top

    shapes: list[Shape] = [Text(4, 10, title, TITLE)]
    axis_y = top + row * len(labels)
    for tick in range(0, math.floor(scale_top) + 1, step):
        shapes.append(Line(x_of(tick), top, x_of(tick), axis_y, GRID, 0.5))
        shapes.append(Text(x_of(tick), axis_y + 8, str(tick), SMALL, "middle", AXIS))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        middle = top + row * (i + 0.5)
        shapes.append(Rect(left, middle - row * 0.4, span * value / scale_top, row * 0.8, BAR))
        shapes.append(Text(left - 4, middle, label, FONT, "end"))
        shapes.append(Text(x_of(value) + 2, middle, str(value), SMALL))
    shapes += [Line(left, top, left, axis_y, AXIS), Line(left, axis_y, right, axis_y, AXIS),
               Text(left + span / 2, axis_y + 22, xlabel, FONT, "middle")]
    return Chart(key, title, width, height, shapes)


def blue(share: float) -> str:
    """The colour of a cell holding ``share`` (0..1) of the largest count: white to dark blue."""
    share = min(max(share, 0.0), 1.0)
    for (a, low), (b, high) in zip(_BLUES, _BLUES[1:], strict=False):
        if share <= b:
            f = (share - a) / (b - a)
            rgb = (round(lo + (hi - lo) * f) for lo, hi in zip(low, high, strict=True))
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return "#08306b"


def wrap(label: str, width: float, size: float = SMALL) -> list[str]:
    """``label`` broken at spaces into lines that fit ``width`` points (long words stay)."""
    lines: list[str] = []
    for word in label.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def heatmap(key: str, title: str, rows: list[str], columns: list[str],
            cells: list[list[int]]) -> Chart:
    """A grid of counts, darker for more, each cell labelled with its number; column names
    above the grid, wrapped."""
    row = 13.0
    column = min(78.0, max(34.0, (468 - 24 - _longest(rows)) / max(len(columns), 1)))
    heads = [wrap(c, column - 4) for c in columns]
    lines = max((len(h) for h in heads), default=1)
    left = 10 + _longest(rows) + 6
    top = 24 + lines * 9.0 + 4
    width = max(left + column * max(len(columns), 1) + 12, 200.0)
    height = top + row * max(len(rows), 1) + 10
    most = max((v for r in cells for v in r), default=0) or 1
    shapes: list[Shape] = [Text(4, 10, title, TITLE)]
    for j, head in enumerate(heads):
        centre = left + column * (j + 0.5)
        first = top - 4 - (len(head) - 0.5) * 9.0
        shapes += [Text(centre, first + k * 9.0, part, SMALL, "middle")
                   for k, part in enumerate(head)]
    for i, (name, values) in enumerate(zip(rows, cells, strict=True)):
        middle = top + row * (i + 0.5)
        shapes.append(Text(left - 4, middle, name, FONT, "end"))
        for j, value in enumerate(values):
            x = left + column * j
            shapes.append(Rect(x, top + row * i, column, row, blue(value / most)))
            shapes.append(Text(x + column / 2, middle, str(value), SMALL, "middle",
                               "#ffffff" if value > most * 0.6 else "#000000"))
    return Chart(key, title, width, height, shapes)
