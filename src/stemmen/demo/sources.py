"""The packaged data of the demo study, read through importlib.resources.

The demo never reads files outside the package: everything it knows about the AMIF-42 study
comes from ``stemmen/demo/data/`` (see ``data/NOTE.md`` for the origin of each file).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources


@cache
def read_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a packaged CSV file as dictionaries (cached; do not mutate them)."""
    data = resources.files("stemmen.demo").joinpath("data").joinpath(name)
    text = data.read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


def demo_findings() -> list[dict[str, str]]:
    """The demo's findings: the study's good practices and recommendations with their
    evidence (``data/demo_findings.csv``)."""
    return [dict(row) for row in read_rows("demo_findings.csv")]


def sampling_criteria() -> str:
    """The AMIF-42 study's sampling criteria as YAML text (``data/sampling-amif42.yaml``)."""
    return resources.files("stemmen.demo").joinpath("data", "sampling-amif42.yaml").read_text(
        encoding="utf-8")


@dataclass(frozen=True)
class Quote:
    """A quote as published in the report, with the codes the demo gives it."""

    number: int
    text: str
    role: str
    org: str
    section: str
    codes: tuple[str, ...]
    french: str = ""  # the demo's French wording, spoken in French interviews (synthetic)

    def spoken(self, lang: str) -> str:
        """The words as said in an interview in ``lang``: the report's Dutch translates what
        was said in French, so a French interview holds the French wording."""
        return self.french if lang == "fr" and self.french else self.text


def published_quotes() -> list[Quote]:
    """The 93 published quotes of the report, numbered in file order from 1."""
    codes = {int(r["quote"]): tuple(r["codes"].split(";")) for r in read_rows("quote_codes.csv")}
    french = {int(r["quote"]): r["french"] for r in read_rows("quotes_fr.csv")}
    return [
        Quote(n, r["quote"], r["role"], r["org"], r["section"], codes[n], french.get(n, ""))
        for n, r in enumerate(read_rows("report_quotes.csv"), start=1)
    ]


_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[('\"ÀÉ0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of a quote or template, without the spaces between."""
    spans, start = [], 0
    for gap in _SENTENCE_GAP.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


@dataclass(frozen=True)
class Phrasebook:
    """Sentence templates per code and the interviewer's topic list, in Dutch and French."""

    templates: dict[tuple[str, str, str], list[str]]
    phrases: dict[tuple[str, str, str, str], list[tuple[str, str]]]

    def sentences(self, code: str, lang: str, voice: str) -> list[str]:
        """Templates for one code, language and voice ("eg" end user, "pro" professional)."""
        found = self.templates.get((code, lang, voice)) or self.templates.get((code, lang, "eg"))
        if not found:
            raise KeyError(f"no template for {code!r} in {lang}/{voice}")
        return found

    def lines(self, kind: str, lang: str, audience: str, topic: str = "") -> list[tuple[str, str]]:
        """(code, text) pairs of one kind of phrase: question, summary, probe, filler…"""
        return self.phrases.get((kind, lang, audience, topic), [])


@cache
def phrasebook() -> Phrasebook:
    """The packaged templates.csv and phrases.csv, indexed for the transcript writer."""
    templates: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in read_rows("templates.csv"):
        templates[(row["code"], row["lang"], row["voice"])].append(row["text"])
    phrases: dict[tuple[str, str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for row in read_rows("phrases.csv"):
        key = (row["kind"], row["lang"], row["audience"], row["topic"])
        phrases[key].append((row["code"], row["text"]))
    return Phrasebook(dict(templates), dict(phrases))


def sampling_plan() -> str:
    """The AMIF-42 study's sampling plan as YAML text (``data/sampling-plan-amif42.yaml``):
    7 end-user and 9 caseworker criteria, and interviews and people per OCMW and wave."""
    return resources.files("stemmen.demo").joinpath("data", "sampling-plan-amif42.yaml"
                                                    ).read_text(encoding="utf-8")
