"""Code suggestions (tables ``suggestion_models`` and ``suggestions``, migration 0006).

A model row keeps the fitted scikit-learn pipeline as joblib (pickle) bytes and its trust
report as JSON. Pickle runs code when loaded: the bytes are only ever read back from the
project's own database, which the team already trusts with its data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from stemmen.errors import Invalid, NotFound
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import codes, documents, suggestion_models, suggestions


@dataclass(frozen=True)
class StoredModel:
    """A trained model: who it learnt from, when, its report (a dict) and its bytes."""

    id: int
    coder: str
    created_at: dt.datetime
    report: dict[str, Any]
    model: bytes


@dataclass(frozen=True)
class Suggestion:
    """A code suggested for [start, end) of a document, with the model's probability."""

    id: int
    document: str
    start: int
    end: int
    code: str
    probability: float
    state: str = "pending"
    decided_by: str | None = None
    coding_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "document": self.document, "start": self.start, "end": self.end,
                "code": self.code, "probability": round(self.probability, 4),
                "state": self.state}


def add_model(conn: Connection, coder: str, report: dict[str, Any], model: bytes) -> int:
    """Store a trained model; the pending suggestions of older models are dropped."""
    conn.execute(delete(suggestions).where(suggestions.c.state == "pending"))
    result = conn.execute(insert(suggestion_models).values(
        coder=coder, created_at=now(), model=model,
        report=json.dumps(report, ensure_ascii=False, sort_keys=True)))
    return new_id(result)


def latest_model(conn: Connection, with_bytes: bool = True) -> StoredModel | None:
    """The newest model, or None when none was trained."""
    columns = [suggestion_models.c.id, suggestion_models.c.coder,
               suggestion_models.c.created_at, suggestion_models.c.report]
    if with_bytes:
        columns.append(suggestion_models.c.model)
    row = conn.execute(select(*columns).order_by(suggestion_models.c.id.desc()).limit(1)).first()
    if row is None:
        return None
    return StoredModel(row.id, row.coder, row.created_at, json.loads(row.report),
                       bytes(row.model) if with_bytes else b"")


_SELECT = (select(suggestions.c.id, documents.c.name, suggestions.c.start, suggestions.c.end,
                  codes.c.name, suggestions.c.probability, suggestions.c.state,
                  suggestions.c.decided_by, suggestions.c.coding_id)
           .join(documents, documents.c.id == suggestions.c.document_id)
           .join(codes, codes.c.id == suggestions.c.code_id))


def _suggestion(row: Any) -> Suggestion:
    return Suggestion(row[0], row[1], row[2], row[3], row[4], float(row[5]), row[6], row[7],
                      row[8])


def for_document(conn: Connection, model_id: int, document_id: int) -> list[Suggestion] | None:
    """The model's suggestions on a document (every state), or None when it made none yet."""
    rows = conn.execute(_SELECT.where(suggestions.c.model_id == model_id,
                                      suggestions.c.document_id == document_id)
                        .order_by(suggestions.c.start, suggestions.c.probability.desc())).all()
    return [_suggestion(r) for r in rows] if rows else None


def add_many(conn: Connection, model_id: int, document_id: int,
             rows: Iterable[tuple[int, int, int, float]]) -> None:
    """Store suggestions (start, end, code id, probability) as pending."""
    values = [{"model_id": model_id, "document_id": document_id, "start": start, "end": end,
               "code_id": code_id, "probability": p, "state": "pending"}
              for start, end, code_id, p in rows]
    if values:
        conn.execute(insert(suggestions), values)


def get(conn: Connection, suggestion_id: int) -> Suggestion:
    row = conn.execute(_SELECT.where(suggestions.c.id == suggestion_id)).first()
    if row is None:
        raise NotFound("There is no suggestion {id}.", id=suggestion_id)
    return _suggestion(row)


def decide(conn: Connection, suggestion_id: int, state: str, by: str,
           coding_id: int | None = None) -> Suggestion:
    """Mark a pending suggestion accepted or rejected; Invalid when it was decided already."""
    found = get(conn, suggestion_id)
    if found.state != "pending":
        raise Invalid("Suggestion {id} was already {state}.", id=suggestion_id,
                      state=found.state)
    conn.execute(update(suggestions).where(suggestions.c.id == suggestion_id).values(
        state=state, decided_by=by, decided_at=now(), coding_id=coding_id))
    return get(conn, suggestion_id)
