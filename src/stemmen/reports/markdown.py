"""Blocks → Markdown (GitHub flavour); figures are written beside the file and linked."""

from __future__ import annotations

from typing import Any

from stemmen.reports.blocks import (
    Block,
    Bullets,
    Contents,
    FigureBlock,
    FindingBlock,
    Heading,
    Paragraph,
    QuoteBlock,
    TableBlock,
    TitlePage,
)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def _table(block: TableBlock) -> list[str]:
    lines = [f"**{block.title}**", "", "| " + " | ".join(_cell(h) for h in block.headers) + " |",
             "|" + "|".join(" ---: " if _numeric(block, i) else " --- "
                            for i in range(len(block.headers))) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in block.rows]
    if block.note:
        lines += ["", f"*{block.note}*"]
    return lines


def _numeric(block: TableBlock, column: int) -> bool:
    values = [row[column] for row in block.rows if column < len(row)]
    return bool(values) and all(isinstance(v, (int, float)) for v in values)


def _quote(block: QuoteBlock) -> list[str]:
    note = f" [{block.note}]" if block.note else ""
    return [f"> {_cell(block.text)} *{_cell(block.attribution)}*{note}"]


def _finding(block: FindingBlock) -> list[str]:
    lines = [f"- **{_cell(block.statement)}**  ", f"  *{block.meta}*  ", f"  {block.strength}"]
    lines += [f"  **⚠ {flag}**" for flag in block.flags]
    if block.description:
        lines += ["", f"  {_cell(block.description)}"]
    for quote in block.quotes:
        lines += ["", *("  " + line for line in _quote(quote))]
    return lines


def write_markdown(blocks: list[Block], figure_folder: str) -> str:
    """The report as Markdown; figure ``key`` is linked as ``figure_folder/key.svg``."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines = ["#" * block.level + " " + block.text]
        elif isinstance(block, Paragraph):
            lines = [block.text]
        elif isinstance(block, Bullets):
            lines = [f"- {_cell(item)}" for item in block.items]
        elif isinstance(block, TableBlock):
            lines = _table(block)
        elif isinstance(block, FigureBlock):
            lines = [f"![{block.caption}]({figure_folder}/{block.chart.key}.svg)", "",
                     f"*{block.caption}*"]
        elif isinstance(block, QuoteBlock):
            lines = _quote(block)
        elif isinstance(block, TitlePage):
            lines = [f"# {block.title}", "", f"**{block.subtitle}**" if block.subtitle else "",
                     "", *[f"{line}  " for line in block.lines], "", "---"]
        elif isinstance(block, Contents):
            lines = [f"**{block.title}**", "",
                     *[f"{'  ' * (level - 1)}- {text}" for level, text in block.entries]]
        else:
            lines = _finding(block)
        out += [*lines, ""]
    return "\n".join(out).rstrip("\n") + "\n"
