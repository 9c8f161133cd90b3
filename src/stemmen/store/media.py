"""Rows of timed speaker turns and of the media files linked to documents."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select

from stemmen.model.media import MediaLink, Turn
from stemmen.store.journal import now
from stemmen.store.schema import documents
from stemmen.store.schema_media import document_media, document_turns


def save_turns(conn: Connection, document_id: int, turns: Iterable[Turn]) -> int:
    """Replace a document's turns; returns how many were written."""
    conn.execute(delete(document_turns).where(document_turns.c.document_id == document_id))
    rows = [{"document_id": document_id, "start": t.start, "end": t.end,
             "speaker": t.speaker, "start_ms": t.start_ms, "end_ms": t.end_ms} for t in turns]
    if rows:
        conn.execute(insert(document_turns), rows)
    return len(rows)


def turns_of(conn: Connection, document_id: int) -> list[Turn]:
    """A document's turns in text order."""
    t = document_turns.c
    rows = conn.execute(select(t.start, t.end, t.speaker, t.start_ms, t.end_ms)
                        .where(t.document_id == document_id).order_by(t.start))
    return [Turn(r.start, r.end, r.speaker, r.start_ms, r.end_ms) for r in rows]


def turns_by_document(conn: Connection, names: Iterable[str] | None = None
                      ) -> dict[str, list[Turn]]:
    """Turns of every document that has some (or of the named documents), by document name."""
    t = document_turns.c
    query = (select(documents.c.name, t.start, t.end, t.speaker, t.start_ms, t.end_ms)
             .join(documents, documents.c.id == t.document_id)
             .order_by(documents.c.name, t.start))
    if names is not None:
        query = query.where(documents.c.name.in_(list(names)))
    out: dict[str, list[Turn]] = {}
    for r in conn.execute(query):
        out.setdefault(r.name, []).append(Turn(r.start, r.end, r.speaker, r.start_ms, r.end_ms))
    return out


def set_media(conn: Connection, document_id: int, link: MediaLink, actor: str) -> None:
    """Link (or re-link) a document's media file."""
    conn.execute(delete(document_media).where(document_media.c.document_id == document_id))
    conn.execute(insert(document_media).values(
        document_id=document_id, path=link.path, copied=link.copied, mime_type=link.mime_type,
        size=link.size, linked_by=actor, linked_at=now()))


def media_of(conn: Connection, document_id: int, name: str) -> MediaLink | None:
    m = document_media.c
    row = conn.execute(select(m.path, m.copied, m.mime_type, m.size)
                       .where(m.document_id == document_id)).first()
    if row is None:
        return None
    return MediaLink(name, row.path, bool(row.copied), row.mime_type, row.size)


def remove_media(conn: Connection, document_id: int) -> bool:
    result = conn.execute(delete(document_media)
                          .where(document_media.c.document_id == document_id))
    return bool(result.rowcount)


def copied_paths(conn: Connection) -> set[str]:
    """File names in the media folder that some document still uses."""
    m = document_media.c
    return {r.path for r in conn.execute(select(m.path).where(m.copied.is_(True)))}
