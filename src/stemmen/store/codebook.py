"""Rows of the codebook: categories and codes."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from stemmen.errors import AlreadyExists, NotFound
from stemmen.model.codes import Category, Code
from stemmen.store.schema import categories, codes, codings


def new_guid() -> str:
    """A random (version 4) UUID as text, as ``str(uuid.uuid4())`` gives, at half its cost."""
    h = os.urandom(16).hex()
    return (f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[int(h[16], 16) & 3]}{h[17:20]}-"
            f"{h[20:]}")


_VARIANT = "89ab"  # RFC 4122 variant bits 10xx in the first digit of the fourth group


def list_categories(conn: Connection) -> list[Category]:
    parent = categories.alias("parent")
    query = (
        select(categories, parent.c.name.label("parent_name"))
        .outerjoin(parent, categories.c.parent_id == parent.c.id)
        .order_by(categories.c.position, categories.c.id)
    )
    return [
        Category(name=r.name, guid=r.guid, description=r.description, parent=r.parent_name)
        for r in conn.execute(query)
    ]


def list_codes(conn: Connection) -> list[Code]:
    query = (
        select(codes, categories.c.name.label("category_name"))
        .outerjoin(categories, codes.c.category_id == categories.c.id)
        .order_by(codes.c.position, codes.c.id)
    )
    return [
        Code(
            name=r.name,
            guid=r.guid,
            category=r.category_name,
            definition=r.definition,
            colour=r.colour,
            id=r.id,
        )
        for r in conn.execute(query)
    ]


def code_ids(conn: Connection) -> dict[str, int]:
    return {r.name: r.id for r in conn.execute(select(codes.c.name, codes.c.id))}


def category_ids(conn: Connection) -> dict[str, int]:
    return {r.name: r.id for r in conn.execute(select(categories.c.name, categories.c.id))}


_CODE = select(codes.c.id).where(codes.c.name == bindparam("name"))


def code_id(conn: Connection, name: str) -> int:
    found = conn.execute(_CODE, {"name": name}).scalar()
    if found is None:
        raise NotFound("There is no code {name!r} in the codebook.", name=name)
    return found


def category_id(conn: Connection, name: str) -> int:
    found = conn.execute(select(categories.c.id).where(categories.c.name == name)).scalar()
    if found is None:
        raise NotFound("There is no category {name!r} in the codebook.", name=name)
    return found


def get_code(conn: Connection, name: str) -> Code:
    for code in list_codes(conn):
        if code.name == name:
            return code
    raise NotFound("There is no code {name!r} in the codebook.", name=name)


def _next_position(conn: Connection, table: Any) -> int:
    return (conn.execute(select(func.max(table.c.position))).scalar() or 0) + 1


def add_category(conn: Connection, category: Category) -> int:
    if conn.execute(select(categories.c.id).where(categories.c.name == category.name)).first():
        raise AlreadyExists("A category {name!r} already exists.", name=category.name)
    parent_id = category_id(conn, category.parent) if category.parent else None
    return conn.execute(
        insert(categories).values(
            guid=category.guid or new_guid(),
            name=category.name,
            description=category.description,
            parent_id=parent_id,
            position=_next_position(conn, categories),
        )
    ).inserted_primary_key[0]


def add_code(conn: Connection, code: Code) -> int:
    if conn.execute(select(codes.c.id).where(codes.c.name == code.name)).first():
        raise AlreadyExists("A code {name!r} already exists.", name=code.name)
    try:
        return conn.execute(
            insert(codes).values(
                guid=code.guid or new_guid(),
                name=code.name,
                category_id=category_id(conn, code.category) if code.category else None,
                definition=code.definition,
                colour=code.colour,
                position=_next_position(conn, codes),
            )
        ).inserted_primary_key[0]
    except IntegrityError as exc:  # a concurrent writer took the name
        raise AlreadyExists("A code {name!r} already exists.", name=code.name) from exc


def update_code(conn: Connection, code_name: str, /, **values: Any) -> None:
    """Change columns of one code (name, definition, colour, category_id)."""
    conn.execute(update(codes).where(codes.c.id == code_id(conn, code_name)).values(**values))


def rename_category(conn: Connection, name: str, new_name: str) -> None:
    if conn.execute(select(categories.c.id).where(categories.c.name == new_name)).first():
        raise AlreadyExists("A category {name!r} already exists.", name=new_name)
    conn.execute(
        update(categories).where(categories.c.id == category_id(conn, name)).values(name=new_name)
    )


def delete_code(conn: Connection, name: str) -> int:
    """Delete a code and its codings; returns how many codings went with it."""
    cid = code_id(conn, name)
    removed = conn.execute(delete(codings).where(codings.c.code_id == cid)).rowcount
    conn.execute(delete(codes).where(codes.c.id == cid))
    return removed


def coding_counts(conn: Connection) -> dict[str, int]:
    query = (
        select(codes.c.name, func.count(codings.c.id))
        .outerjoin(codings, codings.c.code_id == codes.c.id)
        .group_by(codes.c.name)
    )
    return {name: n for name, n in conn.execute(query)}
