"""Retrieval of coded segments with context and attribution."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from stemmen.model.text import paragraphs, units_touching
from stemmen.store import documents as dc
from stemmen.store import retrieval

if TYPE_CHECKING:
    from stemmen.project import Project

ROLE_ATTRIBUTES = ("role", "rol", "rôle")


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
        """"(Eindgebruiker, OCMW Antwerpen)": role and case, as the study attributes quotes."""
        parts = [p for p in (self.role, self.case) if p] or [self.document]
        return "(" + ", ".join(parts) + ")"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "attribution": self.attribution}


class Segments:
    """Coded segments for codes, filtered by case, attribute, coder and document."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def retrieve(self, codes: list[str] | None = None, cases: list[str] | None = None,
                 coders: list[str] | None = None, documents: list[str] | None = None,
                 attributes: dict[str, Any] | None = None, context: int = 0) -> list[Segment]:
        """Segments matching all filters; ``context`` paragraphs before and after each."""
        with self._p.store.reading() as conn:
            if codes:
                for code in codes:  # a clear error for an unknown code
                    from stemmen.store.codebook import code_id

                    code_id(conn, code)
            rows = retrieval.segments(conn, codes, cases, coders, documents, attributes)
            texts = dc.document_texts(conn, sorted({r.document_id for r in rows}))
            roles = _roles(dc.list_documents(conn)) if rows else {}
        units = {doc_id: paragraphs(text) for doc_id, text in texts.items()}
        return [_segment(r, texts[r.document_id], units[r.document_id], roles, context)
                for r in rows]


def _roles(docs: list) -> dict[str, str]:  # noqa: ANN001
    roles = {}
    for doc in docs:
        for key in ROLE_ATTRIBUTES:
            if doc.attributes.get(key):
                roles[doc.name] = str(doc.attributes[key])
                break
    return roles


def _segment(row: Any, text: str, units: list, roles: dict, context: int) -> Segment:
    touched = units_touching(units, row.start, row.end)
    first = touched[0].index if touched else 1
    last = touched[-1].index if touched else 1
    before = units[max(0, first - 1 - context): first - 1] if context else []
    after = units[last: last + context] if context else []
    return Segment(
        coding_id=row.coding_id, document=row.document, case=row.case, code=row.code,
        coder=row.coder, start=row.start, end=row.end, text=text[row.start:row.end],
        paragraphs=(first, last),
        before="\n".join(text[u.start:u.end] for u in before),
        after="\n".join(text[u.start:u.end] for u in after),
        role=roles.get(row.document),
    )
