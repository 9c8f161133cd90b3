"""Full-text search over the documents' paragraphs (the index of :mod:`stemmen.store.fulltext`).

A query is words, ``"phrases in quotes"`` and ``prefixes*``; every part must occur in the
same paragraph, accents and case ignored ("reunion" finds "Réunion"). A hit is a paragraph:
its document, number, where the first match is, and a snippet with every match marked.
Offsets are Unicode code points of the document's text, as everywhere in Stemmen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from stemmen.model.text import match_spans, parse_query
from stemmen.project.rounds import hidden
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import fulltext

if TYPE_CHECKING:
    from stemmen.project import Project

CONTEXT = 80  # code points of the paragraph shown on each side of the first match
MAX_HITS = 1000


@dataclass(frozen=True)
class TextHit:
    """A paragraph that matches a text search: its document (and case), paragraph number and
    bounds, the first match (``start``, ``end``, and the text ``before``/``match``/``after``
    it within the paragraph), and ``snippet``: the shown part of the paragraph as pieces,
    each ``(text, marked)``, every match marked."""

    document: str
    paragraph: int
    start: int
    end: int
    before: str
    match: str
    after: str
    case: str | None = None
    paragraph_start: int = 0
    paragraph_end: int = 0
    snippet: tuple[tuple[str, bool], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, with the keys of ``/api/search`` (``snippet``: a list of pairs)."""
        data = asdict(self)
        data["snippet"] = [[text, marked] for text, marked in self.snippet]
        return data


@dataclass(frozen=True)
class SearchResults:
    """The hits of a search (at most the limit asked for) and how many paragraphs match."""

    query: str
    hits: list[TextHit]
    total: int


def search(project: Project, query: str, case: str | None = None, code: str | None = None,
           limit: int = 200) -> SearchResults:
    """Paragraphs matching ``query`` (see the module), in the order the documents were added
    and by paragraph number;
    ``case``: only the documents of that case; ``code``: only paragraphs that a coding of that
    code (any coder) touches."""
    query = query.strip()
    parts = parse_query(query)
    limit = max(1, min(int(limit), MAX_HITS))
    with project.store.reading() as conn:
        case_id = dc.case_id(conn, case) if case else None
        code_id = cb.code_id(conn, code) if code else None
        if not parts:
            return SearchResults(query, [], 0)
        found, total = fulltext.search(conn, parts, case_id, code_id, limit)
        blind = hidden(project, conn)
        if code and blind:  # a blind round: only the viewer's own codings select paragraphs
            mine = {(c.document, c.start, c.end) for c in cd.list_codings(
                conn, None, code, [blind.viewer]) if blind.covers(c.document)}
            kept = [f for f in found if not blind.covers(f.document) or any(
                d == f.document and s < f.end and f.start < e for d, s, e in mine)]
            total -= len(found) - len(kept)
            found = kept
    hits = []
    for f in found:
        marks = match_spans(f.text, parts)
        hits.append(_hit(f, marks))
    return SearchResults(query, hits, total)


def _hit(f: fulltext.Found, marks: list[tuple[int, int]]) -> TextHit:
    text = f.text
    first = marks[0] if marks else (0, 0)
    left = max(0, first[0] - CONTEXT)
    right = min(len(text), first[1] + CONTEXT)
    if left:  # start at a word
        space = text.find(" ", left, first[0])
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", first[1], right)
        right = space if space >= 0 else right
    pieces: list[tuple[str, bool]] = []
    at = left
    for s, e in marks:
        s, e = max(s, at), min(e, right)
        if s >= e:
            continue
        if s > at:
            pieces.append((text[at:s], False))
        pieces.append((text[s:e], True))
        at = e
    if at < right:
        pieces.append((text[at:right], False))
    head, tail = ("…" if left else ""), ("…" if right < len(text) else "")
    if head:
        pieces.insert(0, (head, False))
    if tail:
        pieces.append((tail, False))
    return TextHit(
        document=f.document, paragraph=f.paragraph, start=f.start + first[0],
        end=f.start + first[1], before=head + text[left:first[0]],
        match=text[first[0]:first[1]], after=text[first[1]:right] + tail, case=f.case,
        paragraph_start=f.start, paragraph_end=f.end, snippet=tuple(pieces))
