"""Rule-based identifiers in every language: phones, e-mails, dates, national numbers, addresses.

euredact's offline rules (``mode="rules"``, no cloud tier) find phone numbers, e-mail
addresses, dates of birth, national register numbers and bank accounts for Belgium, the
Netherlands and France; our own patterns add full dates, street addresses with or without a
postcode, and the phone formats as a second net.
"""

from __future__ import annotations

import re
from typing import Any

from stemmen.privacy.spans import Found

_COUNTRIES = ["BE", "NL", "FR"]
_EUREDACT_KINDS = {
    "PHONE": "phone", "EMAIL": "email", "DOB": "date", "NATIONAL_ID": "id", "SSN": "id",
    "IBAN": "id", "BANK_ACCOUNT": "id", "PASSPORT": "id", "RESIDENCE_PERMIT": "id",
    "TAX_ID": "id", "HEALTH_INSURANCE": "id", "ADDRESS": "address",
}

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_WORD = rf"[{_UP}][{_UP}{_LOW}'’-]*"
_NUMBER = r"\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:\s*(?:bus|bte|boîte|b\.|/)\s*\d{1,4})?"
_POSTCODE_CITY = rf"[1-9]\d{{3}}\s+{_WORD}(?:[\s-]{_WORD})?"
_NL_STREET = (r"(?:straat|laan|weg|plein|steenweg|dreef|lei|kaai|dijk|baan|singel|gracht|"
              r"markt|hof|park|pad|wegel|veld|berg|vest|kouter|dries|ring|boulevard|wijk|kade|steeg|"
              r"dam|plaats|hoek|heide|straatje|poort|brug)")
_FR_STREET = (r"(?:rue|avenue|av\.|boulevard|bd|chaussée|place|quai|chemin|allée|impasse|"
              r"square|clos|route|cité|rempart|voie)")
_LINK = r"(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|les|l['’]|aux|au)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")),
    ("id", re.compile(r"(?<![\d.])\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s.]?\d{3}[.\s]?\d{2}(?![\d])")),
    ("id", re.compile(r"\b[A-Z]{2}\d{2}(?:\s?\d{4}){3,4}\b")),
    ("phone", re.compile(
        r"(?<![\w+])(?:(?:\+|00)\s?(?:32|31|33|352|49|44)\s?(?:\(0\)\s?)?\d(?:[\s./-]?\d){6,9}"
        r"|0\d(?:[\s./-]?\d){7,8})(?![\d])")),
    ("date", re.compile(
        r"\b(?:0?[1-9]|[12]\d|3[01])\s?[./-]\s?(?:0?[1-9]|1[0-2])\s?[./-]\s?(?:19|20)\d{2}\b")),
    ("date", re.compile(
        r"\b(?:0?[1-9]|[12]\d|3[01])(?:er|e)?\s+(?:januari|februari|maart|april|mei|juni|juli|"
        r"augustus|september|oktober|november|december|janvier|février|fevrier|mars|avril|mai|"
        r"juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|"
        r"march|june|july|august|october)\s+(?:19|20)\d{2}\b", re.IGNORECASE)),
    ("address", re.compile(
        rf"(?:\b{_WORD}\s)?\b[{_UP}][{_LOW}'’-]*{_NL_STREET}\s+{_NUMBER}"
        rf"(?:,?\s+{_POSTCODE_CITY})?")),
    ("address", re.compile(
        rf"(?:\b\d{{1,4}}(?:\s?bis)?,?\s+)?\b{_FR_STREET}\s+(?:{_LINK}\s*)?{_WORD}"
        rf"(?:\s+(?:{_LINK}\s*)?{_WORD}){{0,3}}(?:,?\s+(?:n°\s*)?{_NUMBER})?"
        rf"(?:,?\s+{_POSTCODE_CITY})?", re.IGNORECASE)),
    ("address", re.compile(rf"(?<=,\s){_POSTCODE_CITY}")),
]


def _fr_street_ok(text: str) -> bool:
    """A French street match must hold a number or a postcode (``rue`` alone is a word)."""
    return any(ch.isdigit() for ch in text)


def find_rules(text: str) -> list[Found]:
    """Every rule-based identifier in ``text`` (overlaps left for :func:`resolve`)."""
    found = [Found(m.start(), m.end(), m.group(), kind, "rules")
             for kind, pattern in PATTERNS for m in pattern.finditer(text)
             if kind != "address" or _fr_street_ok(m.group())]
    found += _euredact(text)
    return [f for f in found if f.text.strip()]


def _euredact(text: str) -> list[Found]:
    import euredact

    result: Any = euredact.redact(text, countries=_COUNTRIES, mode="rules", detect_dates=True,
                                  cache=False)
    out = []
    for d in result.detections:
        kind = _EUREDACT_KINDS.get(d.entity_type.name)
        if kind is not None and 0 <= d.start < d.end <= len(text):
            out.append(Found(d.start, d.end, text[d.start:d.end], kind, "euredact"))
    return out
