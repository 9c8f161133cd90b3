"""The published AMIF-42 codebook: 11 categories and 39 codes, with colours and stable GUIDs."""

from __future__ import annotations

import colorsys

from stemmen.demo.ids import guid
from stemmen.demo.sources import read_rows
from stemmen.model.codes import Category, Code

CATEGORY_DESCRIPTIONS = {
    "Randvoorwaarden OCMW's": "Instap, onthaal, tolken en taalniveau bij de start (R-).",
    "Impact op beheersen van de landstaal": "Mondelinge en schriftelijke taalvaardigheid (T-).",
    "Impact op het sociaal netwerk": "Sociale vaardigheden en communicatie (S-).",
    "Impact op activering": "Maatschappelijke deelname, werk, kinderopvang (A-).",
    "Methodieken": "De begeleiding en haar methodieken (M-).",
    "Impact op de OCMW werking": "Effect op de werking van het OCMW (O-); 'visie en beleid' "
    "werd hierin samengevoegd.",
    "Impact op digitale vaardigheden": "Smartphone, pc, e-mail en internet (D-).",
    "Impact op de zelfredzaamheid en zelfvertrouwen": "Zelfstandigheid en zelfvertrouwen (Z-).",
    "Impact op de gezondheid": "Fysieke en psychische gezondheid (G-).",
    "Impact op de hulpverlening via specifieke opleidingen": "Opleidingen van hulpverleners (O-).",
    "Impact van nazorg": "Begeleiding en contact na het traject (N-); toegevoegd na golf 1.",
}


def category_names() -> list[str]:
    """Category names in codebook order."""
    names: list[str] = []
    for row in read_rows("codebook.csv"):
        if row["category"] not in names:
            names.append(row["category"])
    return names


def _colour(category_index: int, code_index: int, codes_in_category: int) -> str:
    """One hue per category; codes of a category differ in lightness."""
    hue = (category_index * 360 / 11 + 205) % 360 / 360
    step = 0.0 if codes_in_category == 1 else code_index / (codes_in_category - 1)
    red, green, blue = colorsys.hls_to_rgb(hue, 0.34 + 0.30 * step, 0.62)
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (red, green, blue)))


def build_codebook() -> tuple[list[Category], list[Code]]:
    """Categories and codes exactly as published, with definitions, colours and GUIDs."""
    names = category_names()
    categories = [
        Category(name, guid("category", name), CATEGORY_DESCRIPTIONS.get(name, ""))
        for name in names
    ]
    rows = read_rows("codebook.csv")
    codes: list[Code] = []
    for cat_index, name in enumerate(names):
        members = [r for r in rows if r["category"] == name]
        for code_index, row in enumerate(members):
            codes.append(Code(
                name=row["code"],
                guid=guid("code", row["code"]),
                category=name,
                definition=row["definition"],
                colour=_colour(cat_index, code_index, len(members)),
            ))
    return categories, codes
