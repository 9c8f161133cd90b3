"""Retrieval of coded segments with context and attribution, and their CSV export."""

from __future__ import annotations

import csv
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from stemmen.errors import Invalid
from stemmen.project.retrieval_cache import Answers as _Answers
from stemmen.project.retrieval_cache import Encoder
from stemmen.project.retrieval_cache import Paragraphs as _Paragraphs
from stemmen.project.retrieval_cache import TextCache as _TextCache
from stemmen.project.rounds import NOTHING, Hidden, hidden
from stemmen.project.settings import attribute_names
from stemmen.store import document_facts, retrieval
from stemmen.store.codebook import code_id, code_ids

if TYPE_CHECKING:
    from stemmen.project import Project

CSV_COLUMNS = ("coding_id", "document", "case", "role", "code", "category", "coder", "start",
               "end", "first_paragraph", "last_paragraph", "text", "before", "after",
               "attribution")
"""The columns of :meth:`Segments.export_csv`, in order."""
SMALL_CODINGS = 10_000  # Segments.small: any retrieval then takes some ms (tens when the
SMALL_DOCUMENTS = 100  # texts are read the first time)
TEXT_BATCH = 64  # documents whose texts are read in one query while segments stream out
@dataclass(frozen=True)
class Segment:
    """A coded stretch of text, ready to quote: text, context and attribution."""

    coding_id: int
    document: str
    case: str | None
    code: str
    coder: str
    start: int
    end: int
    text: str
    paragraphs: tuple[int, int]
    before: str
    after: str
    role: str | None

    @property
    def attribution(self) -> str:
        """"(Eindgebruiker, OCMW Antwerpen)": role and case, as the study attributes quotes;
        the document's name when it has neither."""
        return _attribution(self.role, self.case, self.document)

    def as_dict(self) -> dict[str, Any]:
        """Every field and the attribution, as plain JSON-ready values."""
        data = self.__dict__.copy()  # the fields in order, as __init__ and _segments set them
        if len(data) != len(_FIELDS):
            data = {name: getattr(self, name) for name in _FIELDS}
        data["attribution"] = self.attribution
        return data


_FIELDS = tuple(Segment.__dataclass_fields__)
SEGMENT_FIELDS = (*_FIELDS, "attribution")
"""The keys of a segment's dict (``as_dict``, ``retrieve_dicts``), in order."""


def check_fields(fields: Sequence[str] | None) -> tuple[str, ...] | None:
    """The chosen keys of :data:`SEGMENT_FIELDS` (in that order, each once), or None for all;
    Invalid for an unknown name or none at all."""
    if fields is None:
        return None
    for name in fields:
        if name not in SEGMENT_FIELDS:
            raise Invalid("Unknown field {field!r}: choose from {choices}.", field=name,
                          choices=", ".join(SEGMENT_FIELDS))
    if not fields:
        raise Invalid("Choose at least one field: {choices}.", choices=", ".join(SEGMENT_FIELDS))
    return tuple(name for name in SEGMENT_FIELDS if name in fields)


def only_fields(rows: list[dict[str, Any]], fields: tuple[str, ...] | None
                ) -> list[dict[str, Any]]:
    """Segment dicts with only ``fields`` (from :func:`check_fields`; None keeps them all)."""
    if fields is None or fields == SEGMENT_FIELDS:
        return rows
    return [{name: row[name] for name in fields} for row in rows]


def _attribution(role: str | None, case: str | None, document: str) -> str:
    if role:
        return f"({role}, {case})" if case else f"({role})"
    return f"({case})" if case else f"({document})"


class Segments:
    """Coded segments for codes, filtered by case, attribute, coder and document."""

    def __init__(self, project: Project) -> None:
        self._p = project
        self._texts = _TextCache(project)
        self._answers = _Answers()

    def retrieve(self, codes: list[str] | None = None, cases: list[str] | None = None,
                 coders: list[str] | None = None, documents: list[str] | None = None,
                 attributes: dict[str, Any] | None = None, context: int = 0,
                 limit: int | None = None, offset: int = 0,
                 speakers: list[str] | None = None) -> list[Segment]:
        """Segments matching all filters; ``context`` paragraphs before and after each.
        ``limit`` and ``offset`` pick a page of them (in document order), in the database:
        only that page's segments are read. ``speakers`` keeps the segments that start in a
        turn of one of those speakers (then the page is cut after filtering)."""
        _check_page(limit, offset)
        if speakers:
            found = self.retrieve(codes, cases, coders, documents, attributes, context)
            said = self._p.media.speaker_of([(s.document, s.start) for s in found])
            wanted = {name.strip() for name in speakers}
            kept = [s for s, who in zip(found, said, strict=True) if who in wanted]
            return kept[offset:None if limit is None else offset + limit]
        with self._p.store.reading() as conn:
            return list(self._stream(conn, codes, cases, coders, documents, attributes,
                                     context, limit=limit, offset=offset))

    def count(self, codes: list[str] | None = None, cases: list[str] | None = None,
              coders: list[str] | None = None, documents: list[str] | None = None,
              attributes: dict[str, Any] | None = None) -> int:
        """How many segments :meth:`retrieve` would return: counted in the database."""
        with self._p.store.reading() as conn:
            if codes:
                _check_codes(conn, codes, set(code_ids(conn)))
            return self._count(conn, codes, cases, coders, documents, attributes)

    def _count(self, conn: Any, codes: list[str] | None, cases: list[str] | None,
               coders: list[str] | None, documents: list[str] | None,
               attributes: dict[str, Any] | None) -> int:
        """The count in the database; in a blind round, of the rows the viewer may see."""
        blind = hidden(self._p, conn)
        if not blind:
            return retrieval.segment_count(conn, codes, cases, coders, documents, attributes)
        rows = retrieval.segment_ids(conn, codes, cases, coders, documents, attributes, False)
        return sum((row[1], row[3]) not in blind.pairs for row in rows)

    def page(self, codes: list[str], mode: str = "or", cases: list[str] | None = None,
             coders: list[str] | None = None, documents: list[str] | None = None,
             attributes: dict[str, Any] | None = None, limit: int = 100,
             offset: int = 0) -> SegmentPage:
        """One page of ``workspace.retrieve_combined``'s segments and how many there are in
        all. Segments of any of the codes ("or", or one code) are paged and counted in the
        database, in one read; "and" of several codes finds every overlap first."""
        _check_page(limit, offset)
        if mode == "and" and len(codes) > 1:
            found = self._p.workspace.retrieve_combined(codes, mode, cases, coders, documents,
                                                        attributes)
            return SegmentPage(found[offset:offset + limit], len(found), offset)
        if mode not in ("or", "and"):
            raise Invalid("Combine codes with 'or' or 'and', not {mode!r}.", mode=mode)
        with self._p.store.reading() as conn:
            segments = list(self._stream(conn, codes or None, cases, coders, documents,
                                         attributes, 0, limit=limit, offset=offset))
            if offset == 0 and len(segments) < limit:
                total = len(segments)  # the whole answer fits: no count needed
            else:
                total = self._count(conn, codes or None, cases, coders, documents,
                                    attributes)
        return SegmentPage(segments, total, offset)

    def retrieve_dicts(self, codes: list[str] | None = None, cases: list[str] | None = None,
                       coders: list[str] | None = None, documents: list[str] | None = None,
                       attributes: dict[str, Any] | None = None,
                       context: int = 0) -> list[dict[str, Any]]:
        """What :meth:`retrieve` returns, each segment as its ``as_dict()`` (for JSON), made
        without the Segment objects."""
        with self._p.store.reading() as conn:
            return list(self._stream(conn, codes, cases, coders, documents, attributes,
                                     context, as_dicts=True))

    def retrieve_encoded(self, encode: Encoder, codes: list[str] | None = None,
                         cases: list[str] | None = None, coders: list[str] | None = None,
                         documents: list[str] | None = None,
                         attributes: dict[str, Any] | None = None,
                         fields: Sequence[str] | None = None) -> tuple[bytes, int]:
        """``encode(retrieve_dicts(...))`` and the number of rows, without the context; with
        ``fields``, each row has only those keys (:func:`only_fields`).

        An answer is made only from the codings' ids and spans, the names of their codes
        and coders, and their documents' names, cases, GUIDs (a document's text never
        changes under one GUID) and roles. These are read again on every call; when they
        all equal those of a recent answer with the same ``encode`` and ``fields``, that
        answer's bytes are returned as they are. Any change that shows in an answer is
        therefore seen by the next call, whoever made it, and nothing else invalidates an
        answer.
        """
        chosen = check_fields(fields)
        sqlite = self._p.store.is_sqlite  # its names sort by code point, as Python's do
        with self._p.store.reading() as conn:
            rows, names = self._select(conn, codes, cases, coders, documents, attributes,
                                       ordered=not sqlite, blind=hidden(self._p, conn))
            facts = _facts(conn, rows)
            inputs = (rows, names, facts, chosen)
            kept = self._answers.get(encode, inputs)
            if kept is not None:
                return kept, len(rows)
            if sqlite:  # the order of segment_ids: document name, start, end, id
                rows = sorted(rows, key=lambda r: (facts[r[1]].name, r[4], r[5], r[0]))
            dicts = list(self._cut(conn, rows, names, facts, 0, as_dicts=True))
        data = encode(only_fields(dicts, chosen))
        self._answers.put(encode, inputs, data)
        return data, len(dicts)

    def small(self) -> bool:
        """Whether the project is small enough (at most :data:`SMALL_CODINGS` codings and
        :data:`SMALL_DOCUMENTS` documents) that any retrieval is quick; constant time."""
        with self._p.store.reading() as conn:
            most_codings, most_documents = retrieval.size_bounds(conn)
        return most_codings <= SMALL_CODINGS and most_documents <= SMALL_DOCUMENTS

    def export_csv(self, path: str | Path | IO[str], codes: list[str] | None = None,
                   cases: list[str] | None = None, coders: list[str] | None = None,
                   documents: list[str] | None = None, attributes: dict[str, Any] | None = None,
                   context: int = 0, speakers: list[str] | None = None) -> int:
        """Write the segments ``retrieve`` would return as CSV, one row at a time.

        UTF-8 with a byte order mark (Excel then reads accents right), comma-separated, CRLF
        line ends, columns :data:`CSV_COLUMNS`; ``before``/``after`` are empty without
        ``context``. ``path`` may be an open text file (written as it is: no BOM added).
        Returns the number of rows written.
        """
        categories = {c.name: c.category or "" for c in self._p.codebook.codes()}
        said = self.retrieve(codes, cases, coders, documents, attributes, context,
                             speakers=speakers) if speakers else None
        with self._p.store.reading() as conn:
            stream = iter(said) if said is not None else self._stream(
                conn, codes, cases, coders, documents, attributes, context)
            if isinstance(path, (str, Path)):
                with Path(path).open("w", encoding="utf-8", newline="") as fp:
                    fp.write("\ufeff")  # the BOM ("utf-8-sig" would encode row by row in Python)
                    return _write_csv(fp, stream, categories)
            return _write_csv(path, stream, categories)

    def _stream(self, conn: Any, codes: list[str] | None, cases: list[str] | None,
                coders: list[str] | None, documents: list[str] | None,
                attributes: dict[str, Any] | None, context: int,
                as_dicts: bool = False, limit: int | None = None,
                offset: int = 0) -> Iterator[Any]:
        """Segments (or their dicts) in document order, cut out lazily; the filters are
        checked and the rows read at once, so an unknown code fails before anything is
        written. ``limit``/``offset``: only that page's rows are read."""
        rows, names = self._select(conn, codes, cases, coders, documents, attributes,
                                   limit=limit, offset=offset, blind=hidden(self._p, conn))
        return self._cut(conn, rows, names, _facts(conn, rows), context, as_dicts)

    @staticmethod
    def _select(conn: Any, codes: list[str] | None, cases: list[str] | None,
                coders: list[str] | None, documents: list[str] | None,
                attributes: dict[str, Any] | None, ordered: bool = True,
                limit: int | None = None, offset: int = 0, blind: Hidden = NOTHING
                ) -> tuple[list[retrieval.SegmentIds], tuple[dict[int, str], dict[int, str]]]:
        """The rows matching the filters (``ordered``: as ``store.retrieval.segment_ids``
        orders them) and the names of their codes and coders; an unknown code, attribute or
        value fails here."""
        if codes and attributes:  # an unknown code is named before an unknown attribute
            _check_codes(conn, codes, set(code_ids(conn)))
        if blind:  # a blind round: the viewer's hidden rows go before the page is cut
            rows = [row for row in retrieval.segment_ids(conn, codes, cases, coders, documents,
                                                         attributes, True)
                    if (row[1], row[3]) not in blind.pairs]
            rows = rows[offset:None if limit is None else offset + limit]
        else:
            rows = retrieval.segment_ids(conn, codes, cases, coders, documents, attributes,
                                         ordered, limit, offset)
        code_names, coder_names = retrieval.names(
            conn, {row[2] for row in rows}, {row[3] for row in rows})
        if codes and not attributes:  # only a code with no segment may be unknown
            _check_codes(conn, codes, set(code_names.values()))
        return rows, (code_names, coder_names)

    def _cut(self, conn: Any, rows: list[retrieval.SegmentIds],
             names: tuple[dict[int, str], dict[int, str]],
             facts: dict[int, document_facts.DocumentFacts], context: int,
             as_dicts: bool = False) -> Iterator[Any]:
        """Names, text and paragraphs of each row; texts are read a batch of documents at a
        time."""
        if not rows:
            return
        start = 0
        while start < len(rows):
            batch: list[int] = []
            stop = start
            while stop < len(rows) and (len(batch) < TEXT_BATCH or rows[stop][1] == batch[-1]):
                if not batch or rows[stop][1] != batch[-1]:
                    batch.append(rows[stop][1])
                stop += 1
            units = self._texts.get(conn, {i: facts[i].guid for i in batch})
            yield from _segments(rows[start:stop], units, facts, names, context, as_dicts)
            start = stop


@dataclass(frozen=True)
class SegmentPage:
    """A page of retrieved segments: those from ``offset`` on, and how many there are."""

    segments: list[Segment]
    total: int
    offset: int

    @property
    def more(self) -> bool:
        """Whether segments follow this page."""
        return self.offset + len(self.segments) < self.total


def _check_page(limit: int | None, offset: int) -> None:
    if (limit is not None and limit < 0) or offset < 0:
        raise Invalid("A page needs a limit and an offset of 0 or more.")


def _facts(conn: Any, rows: list[retrieval.SegmentIds]
           ) -> dict[int, document_facts.DocumentFacts]:
    """Name, case, GUID and role of the rows' documents (``values`` holds only ``ROLE``: the
    first of the attributes the project's setting ``attribute.role`` names)."""
    if not rows:
        return {}
    names = attribute_names(conn).role
    found = document_facts.document_facts(conn, [row[1] for row in rows], names)
    return {i: f._replace(values={ROLE: next((v for k in names if (v := f.values.get(k))),
                                             None)} if f.values else {})
            for i, f in found.items()}


def _check_codes(conn: Any, codes: list[str], known: set[str]) -> None:
    """NotFound for the first of ``codes`` that is not ``known`` and not in the codebook."""
    for code in codes:
        if code not in known:
            code_id(conn, code)


ROLE = "role"


def _role(values: dict[str, Any]) -> str | None:
    """The role (see :func:`_facts`), as text."""
    role = values.get(ROLE)
    return str(role) if role else None


def _segments(rows: list[retrieval.SegmentIds], units: dict[int, _Paragraphs],
              facts: dict[int, document_facts.DocumentFacts],
              names: tuple[dict[int, str], dict[int, str]], context: int,
              as_dicts: bool) -> Iterator[Any]:
    """The segments of rows (or their ``as_dict()``), cut from their documents' paragraphs
    (one tight loop: this is most of retrieval's time in Python)."""
    new, fill = _new, _fill
    code_names, coder_names = names
    doc = None
    for coding_id, doc_id, code_id_, coder_id, start, end in rows:
        if doc_id != doc:  # the same for a whole document
            doc, paragraphs, (document, case, _, values) = doc_id, units[doc_id], facts[doc_id]
            text, starts, ends = paragraphs.text, paragraphs.starts, paragraphs.ends
            role = _role(values)
            attribution = _attribution(role, case, document)
        # first and last unit (from 1) sharing a code point with [start, end), else (1, 1)
        first = bisect_right(ends, start)  # the first unit ending after start
        last = bisect_left(starts, end)  # the units before this one start before end
        if first < last:
            first += 1
        else:
            first = last = 1
        data = {
            "coding_id": coding_id, "document": document, "case": case,
            "code": code_names[code_id_], "coder": coder_names[coder_id], "start": start,
            "end": end, "text": text[start:end], "paragraphs": (first, last),
            "before": paragraphs.joined(max(0, first - 1 - context), first - 1)
            if context else "",
            "after": paragraphs.joined(last, last + context) if context else "",
            "role": role}
        if as_dicts:
            data["attribution"] = attribution
            yield data
        else:
            segment = new(Segment)  # filled directly: a frozen dataclass's __init__ costs 3x
            fill(segment, "__dict__", data)
            yield segment


_new = object.__new__
_fill = object.__setattr__


def _write_csv(fp: IO[str], segments: Iterator[Segment], categories: dict[str, str]) -> int:
    count = 0

    def rows() -> Iterator[tuple[Any, ...]]:
        nonlocal count
        for s in segments:
            count += 1
            yield (s.coding_id, s.document, s.case or "", s.role or "", s.code,
                   categories.get(s.code, ""), s.coder, s.start, s.end, s.paragraphs[0],
                   s.paragraphs[1], s.text, s.before, s.after, s.attribution)

    writer = csv.writer(fp)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows())
    return count
