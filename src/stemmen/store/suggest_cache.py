"""Cached unit vectors (table ``suggest_embeddings``, migration 0015): per document, embedder
and kind of unit, keyed by the fingerprint of the text and the spans of the units."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, delete, insert, select

from stemmen.store.schema_suggest import suggest_embeddings

Vectors = NDArray[np.float32]


def read(conn: Connection, embedder: str, kind: str,
         wanted: dict[int, str]) -> dict[int, Vectors]:
    """Document id → its cached vectors, for the documents of ``wanted`` (id → fingerprint)
    whose cached fingerprint is still the same."""
    if not wanted:
        return {}
    t = suggest_embeddings.c
    rows = conn.execute(select(t.document_id, t.fingerprint, t.count, t.dim, t.vectors).where(
        t.embedder == embedder, t.kind == kind, t.document_id.in_(list(wanted))))
    found: dict[int, Vectors] = {}
    for doc_id, key, count, dim, data in rows:
        if wanted.get(doc_id) != key:
            continue
        matrix = np.frombuffer(bytes(data), dtype="<f4").astype(np.float32)
        found[doc_id] = matrix.reshape(count, dim)
    return found


def write(conn: Connection, embedder: str, kind: str,
          vectors: Iterable[tuple[int, str, Vectors]]) -> int:
    """Store (document id, fingerprint, vectors) rows, replacing older ones; how many."""
    rows = []
    for doc_id, key, matrix in vectors:
        data = np.ascontiguousarray(matrix, dtype="<f4")
        if sys.byteorder != "little":  # pragma: no cover
            data = data.byteswap()
        rows.append({"document_id": doc_id, "embedder": embedder, "kind": kind,
                     "fingerprint": key, "count": int(matrix.shape[0]),
                     "dim": int(matrix.shape[1]) if matrix.ndim == 2 else 0,
                     "vectors": data.tobytes()})
    if not rows:
        return 0
    t = suggest_embeddings.c
    conn.execute(delete(suggest_embeddings).where(
        t.embedder == embedder, t.kind == kind,
        t.document_id.in_([r["document_id"] for r in rows])))
    conn.execute(insert(suggest_embeddings), rows)
    return len(rows)
