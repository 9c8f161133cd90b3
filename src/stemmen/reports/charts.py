"""Charts for reports with matplotlib (headless, no pyplot): PNG and SVG, byte-identical.

Determinism: a fixed ``svg.hashsalt``, no dates or software names in the metadata, text kept
as text in SVG (``svg.fonttype`` none) and the bundled DejaVu Sans font. A chart draws each
format only when asked for it, and margins are computed from the labels (no layout engine),
which keeps a 39-code heatmap well under a second.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # matplotlib loads on the first chart, not with the package
    from matplotlib.figure import Figure

_STYLE = {
    "svg.hashsalt": "stemmen",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_BAR = "#4e79a7"
_CHAR = 0.068  # inches per character of an 8 pt DejaVu Sans label, roughly


@dataclass(frozen=True, eq=False)
class Chart:
    """One chart; ``png`` and ``svg`` are drawn on first use."""

    key: str
    title: str
    figure: Figure = field(repr=False)

    @cached_property
    def png(self) -> bytes:
        return self._save("png", dpi=150, metadata={"Software": None})

    @cached_property
    def svg(self) -> str:
        return self._save("svg", metadata={"Date": None, "Creator": None}).decode("utf-8")

    def _save(self, fmt: str, **options: object) -> bytes:
        import matplotlib

        out = io.BytesIO()
        with matplotlib.rc_context(_STYLE):
            self.figure.savefig(out, format=fmt, **options)
        return out.getvalue()


def _margins(fig: Figure, left_chars: int, bottom: float, top: float = 0.35) -> None:
    """Fixed margins in inches: room for labels of ``left_chars`` characters on the left."""
    width, height = fig.get_size_inches()
    fig.subplots_adjust(left=min(0.6, (0.25 + left_chars * _CHAR) / width), right=0.97,
                        bottom=bottom / height, top=1 - top / height)


def _matplotlib() -> tuple[Any, Any]:
    import matplotlib
    from matplotlib.figure import Figure

    return matplotlib, Figure


def bar_chart(key: str, title: str, labels: list[str], values: list[int],
              xlabel: str) -> Chart:
    """Horizontal bars, first label on top, each bar labelled with its value."""
    matplotlib, Figure = _matplotlib()  # noqa: N806 - the class, under its own name
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=(6.5, 0.9 + 0.2 * max(len(labels), 1)))
        _margins(fig, max((len(x) for x in labels), default=1), bottom=0.45)
        ax = fig.add_subplot()
        positions = list(range(len(labels)))
        ax.barh(positions, values, color=_BAR)
        ax.set_yticks(positions, labels)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.set_xlim(0, max(values, default=1) * 1.08 or 1)
        ax.set_xlabel(xlabel)
        ax.set_title(title, loc="left", fontsize=9)
        for pos, value in zip(positions, values, strict=True):
            ax.annotate(str(value), (value, pos), xytext=(2, 0), textcoords="offset points",
                        va="center", fontsize=7)
    return Chart(key, title, fig)


def heatmap(key: str, title: str, rows: list[str], columns: list[str],
            cells: list[list[int]]) -> Chart:
    """A grid of counts, darker for more, each cell labelled with its number."""
    matplotlib, Figure = _matplotlib()  # noqa: N806 - the class, under its own name
    with matplotlib.rc_context(_STYLE):
        longest = max((len(c) for c in columns), default=1)
        fig = Figure(figsize=(2.0 + 0.9 * max(len(columns), 1),
                              1.0 + longest * _CHAR * 0.6 + 0.2 * max(len(rows), 1)))
        _margins(fig, max((len(r) for r in rows), default=1), bottom=0.2 + longest * _CHAR * 0.6)
        ax = fig.add_subplot()
        top = max((v for row in cells for v in row), default=0) or 1
        ax.imshow(cells or [[0]], cmap="Blues", vmin=0, vmax=top, aspect="auto")
        ax.set_xticks(range(len(columns)), columns, rotation=30, ha="right")
        ax.set_yticks(range(len(rows)), rows)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        for i, row in enumerate(cells):
            for j, value in enumerate(row):
                ax.text(j, i, str(value), ha="center", va="center", fontsize=7,
                        color="white" if value > top * 0.6 else "black")
        ax.set_title(title, loc="left", fontsize=9)
    return Chart(key, title, fig)
