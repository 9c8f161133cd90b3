"""A chart as a list of shapes (rectangles, lines, text) in points, drawn as SVG or as PNG.

Both formats come from the same shapes, so they show the same thing; both are deterministic
(no dates, no ids, fixed number formatting). Text is measured and rasterised with DejaVu Sans
(matplotlib's copy or the system's), else Pillow's bundled font. Drawing a 39-code chart takes
milliseconds: no plotting library is imported.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont, ImageFont

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
_SYSTEM_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "/usr/share/fonts/TTF/DejaVuSans.ttf",
                 "/Library/Fonts/DejaVuSans.ttf")
_BASELINE = 0.35  # a line of text is centred on y when its baseline is y + 0.35 x size


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = "#000000"
    width: float = 0.8


@dataclass(frozen=True)
class Text:
    """Text centred vertically on ``y``; ``anchor`` is start, middle or end."""

    x: float
    y: float
    text: str
    size: float = 8
    anchor: str = "start"
    colour: str = "#000000"
    bold: bool = False


Shape = Rect | Line | Text


@cache
def font_file() -> str | None:
    """DejaVu Sans: matplotlib's copy (found without importing it), else the system's."""
    spec = find_spec("matplotlib")
    places = []
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            places.append(os.path.join(folder, "mpl-data", "fonts", "ttf", "DejaVuSans.ttf"))
    places += _SYSTEM_FONTS
    return next((p for p in places if os.path.exists(p)), None)


@cache
def _font(pixels: int) -> FreeTypeFont | ImageFont:
    from PIL import ImageFont

    path = font_file()
    if path is None:
        return ImageFont.load_default(pixels)
    return ImageFont.truetype(path, pixels)


def text_width(text: str, size: float) -> float:
    """The width of ``text`` at ``size`` points, in points."""
    return float(_font(100).getlength(text)) * size / 100


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def to_svg(width: float, height: float, title: str, shapes: list[Shape]) -> str:
    """The shapes as a standalone SVG document, sized in points."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}pt" '
           f'height="{_n(height)}pt" viewBox="0 0 {_n(width)} {_n(height)}" role="img">',
           f"<title>{escape(title)}</title>",
           f'<rect x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
           f'<g font-family={quoteattr(FONT_FAMILY)}>']
    for s in shapes:
        if isinstance(s, Rect):
            out.append(f'<rect x="{_n(s.x)}" y="{_n(s.y)}" width="{_n(s.width)}" '
                       f'height="{_n(s.height)}" fill="{s.fill}"/>')
        elif isinstance(s, Line):
            out.append(f'<line x1="{_n(s.x1)}" y1="{_n(s.y1)}" x2="{_n(s.x2)}" '
                       f'y2="{_n(s.y2)}" stroke="{s.colour}" stroke-width="{_n(s.width)}"/>')
        else:
            weight = ' font-weight="bold"' if s.bold else ""
            out.append(f'<text x="{_n(s.x)}" y="{_n(s.y + _BASELINE * s.size)}" '
                       f'font-size="{_n(s.size)}" text-anchor="{s.anchor}" '
                       f'fill="{s.colour}"{weight}>{escape(s.text)}</text>')
    out += ["</g>", "</svg>", ""]
    return "\n".join(out)


_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def to_png(width: float, height: float, shapes: list[Shape], dpi: int = 150) -> bytes:
    """The shapes as a PNG image at ``dpi``."""
    from PIL import Image, ImageDraw

    k = dpi / 72
    image = Image.new("RGB", (round(width * k), round(height * k)), "#ffffff")
    draw = ImageDraw.Draw(image)
    for s in shapes:
        if isinstance(s, Rect):
            draw.rectangle((round(s.x * k), round(s.y * k), round((s.x + s.width) * k) - 1,
                            round((s.y + s.height) * k) - 1), fill=s.fill)
        elif isinstance(s, Line):
            draw.line((s.x1 * k, s.y1 * k, s.x2 * k, s.y2 * k), fill=s.colour,
                      width=max(1, round(s.width * k)))
        else:
            draw.text((s.x * k, (s.y + _BASELINE * s.size) * k), s.text, fill=s.colour,
                      font=_font(round(s.size * k)), anchor=_ANCHORS[s.anchor],
                      stroke_width=1 if s.bold else 0, stroke_fill=s.colour)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
