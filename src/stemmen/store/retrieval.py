"""The read side: coded segments by code, case, attribute and coder."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Integer, Table, and_, bindparam, exists, func, select

from stemmen.store import values as V
from stemmen.store.documents import _attribute
from stemmen.store.prepared import Prepared, bind_padded
from stemmen.store.schema import cases, coders, codes, codings, document_values, documents

MAX_SHAPES = 256  # statements kept, one per filter shape (which filters, how many values)
PAST_THE_END = 2**31 - 1  # the LIMIT of a page asked for with an offset and no limit

SegmentIds = tuple[int, int, int, int, int, int]
"""(coding id, document id, code id, coder id, start, end): a coding before its names,
text and context are looked up."""

Shape = tuple[int, int, int, int, tuple[int, ...]]
_STATEMENTS: dict[tuple[Shape, str], Prepared] = {}
_FILTERS = (("code", codes, codings.c.code_id), ("case", cases, documents.c.case_id),
            ("coder", coders, codings.c.coder_id), ("document", documents, codings.c.document_id))


def segment_ids(
    conn: Connection,
    codes_: list[str] | None = None,
    cases_: list[str] | None = None,
    coders_: list[str] | None = None,
    documents_: list[str] | None = None,
    attributes: dict[str, Any] | None = None,
    ordered: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> list[SegmentIds]:
    """Codings matching every filter given (by names), ordered by document name, start, end
    and id; names of codes and coders: :func:`names`. ``ordered=False`` leaves them in the
    order the database finds them (the same rows in the same order while nothing changes):
    cheaper where only the rows matter. ``limit`` and ``offset`` pick a page of the ordered
    rows, in the database (``ordered`` is then implied).

    The statement is built and compiled once per filter shape; lists of names are padded
    to the next power of two (with their last name), so few shapes ever exist.
    """
    bound = _bind(conn, codes_, cases_, coders_, documents_, attributes)
    if bound is None:
        return []
    params, shape = bound
    if limit is None and not offset:
        return _prepared(shape, "ordered" if ordered else "any").all(conn, params)
    params["limit"] = PAST_THE_END if limit is None else min(max(limit, 0), PAST_THE_END)
    params["offset"] = min(max(offset, 0), PAST_THE_END)
    return _prepared(shape, "paged").all(conn, params)


def segment_count(
    conn: Connection,
    codes_: list[str] | None = None,
    cases_: list[str] | None = None,
    coders_: list[str] | None = None,
    documents_: list[str] | None = None,
    attributes: dict[str, Any] | None = None,
) -> int:
    """How many codings :func:`segment_ids` would return for these filters: one COUNT in
    the database, no rows read."""
    bound = _bind(conn, codes_, cases_, coders_, documents_, attributes)
    if bound is None:
        return 0
    params, shape = bound
    row = _prepared(shape, "count").first(conn, params)
    return int(row[0]) if row else 0


def _bind(conn: Connection, codes_: list[str] | None, cases_: list[str] | None,
          coders_: list[str] | None, documents_: list[str] | None,
          attributes: dict[str, Any] | None) -> tuple[dict[str, Any], Shape] | None:
    """The bind parameters and the shape of these filters; None when nothing can match."""
    params: dict[str, Any] = {}
    sizes = [bind_padded(params, prefix, list(names or ()))
             for (prefix, _, _), names in zip(_FILTERS, (codes_, cases_, coders_, documents_),
                                              strict=True)]
    attr_sizes = []
    for k, (name, raw) in enumerate((attributes or {}).items()):
        attr_id, attr = _attribute(conn, name, "document")
        wanted = raw if isinstance(raw, (list, tuple, set)) else [raw]
        params[f"attr{k}"] = attr_id
        encoded = [V.encode(attr.parse(v)) for v in wanted]
        attr_sizes.append(bind_padded(params, f"attr{k}_", encoded))
    if 0 in attr_sizes:  # an attribute with no value wanted: nothing can match
        return None
    shape: Shape = (*sizes, tuple(attr_sizes))  # type: ignore[assignment]
    return params, shape


def _prepared(shape: Shape, kind: str) -> Prepared:
    """The statement of one filter shape: "ordered", "any" (unordered), "paged" (ordered,
    with ``limit`` and ``offset`` parameters) or "count"; built once."""
    statement = _STATEMENTS.get((shape, kind))
    if statement is None:
        if len(_STATEMENTS) >= MAX_SHAPES:
            _STATEMENTS.clear()
        query = _statement(shape, kind != "any" and kind != "count")
        if kind == "paged":
            query = query.limit(bindparam("limit", type_=Integer)).offset(
                bindparam("offset", type_=Integer))
        elif kind == "count":
            query = select(func.count()).select_from(query.subquery())
        statement = _STATEMENTS[shape, kind] = Prepared(query)
    return statement


def _statement(shape: Shape, ordered: bool = True) -> Any:
    """The SELECT of one filter shape, with named bind parameters. Only ids are read: the
    names are the same for many rows and are looked up once each."""
    *sizes, attr_sizes = shape
    query = (
        select(codings.c.id, codings.c.document_id, codings.c.code_id, codings.c.coder_id,
               codings.c.start, codings.c.end)
        .join(documents, documents.c.id == codings.c.document_id)
    )
    for (prefix, table, key), size in zip(_FILTERS, sizes, strict=True):
        if size:
            named = table.c.name.in_([bindparam(f"{prefix}{k}") for k in range(size)])
            query = query.where(key.in_(select(table.c.id).where(named).scalar_subquery()))
    for k, size in enumerate(attr_sizes):
        query = query.where(
            exists().where(
                and_(
                    document_values.c.document_id == documents.c.id,
                    document_values.c.attribute_id == bindparam(f"attr{k}"),
                    document_values.c.value.in_(
                        [bindparam(f"attr{k}_{j}") for j in range(size)]),
                )
            )
        )
    if not ordered:
        return query
    return query.order_by(documents.c.name, codings.c.start, codings.c.end, codings.c.id)


def _names_statement(table: Table, size: int) -> Prepared:
    return Prepared(select(table.c.id, table.c.name).where(
        table.c.id.in_([bindparam(f"id{k}") for k in range(size)])))


_NAMES: dict[tuple[str, int], Prepared] = {}


def names(conn: Connection, code_ids: set[int], coder_ids: set[int]
          ) -> tuple[dict[int, str], dict[int, str]]:
    """``({code id: name}, {coder id: name})`` of the codes and coders asked for."""
    found: list[dict[int, str]] = []
    for table, ids in ((codes, code_ids), (coders, coder_ids)):
        params: dict[str, Any] = {}
        size = bind_padded(params, "id", sorted(ids))
        if not size:
            found.append({})
            continue
        statement = _NAMES.get((table.name, size))
        if statement is None:
            statement = _NAMES[table.name, size] = _names_statement(table, size)
        found.append(dict(statement.all(conn, params)))
    return found[0], found[1]


_SIZE = Prepared(select(select(func.max(codings.c.id)).scalar_subquery(),
                        select(func.max(documents.c.id)).scalar_subquery()))


def size_bounds(conn: Connection) -> tuple[int, int]:
    """Upper bounds of the numbers of codings and of documents (their largest ids), read at
    the ends of two indexes: constant time, however large the project."""
    row = _SIZE.first(conn, {})
    assert row is not None
    return row[0] or 0, row[1] or 0
