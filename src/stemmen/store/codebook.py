"""Rows of the codebook: categories and codes (nested under codes to any depth)."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from stemmen.errors import AlreadyExists, NotFound
from stemmen.model.codes import (
    Category,
    Code,
    CodeInTree,
    ancestors,
    arrange,
    check_new_name,
)
from stemmen.store.keys import new_id
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


_PARENT = codes.alias("parent_code")
_CODES = (
    select(codes, categories.c.name.label("category_name"),
           _PARENT.c.name.label("parent_name"))
    .outerjoin(categories, codes.c.category_id == categories.c.id)
    .outerjoin(_PARENT, codes.c.parent_id == _PARENT.c.id)
    .order_by(codes.c.position, codes.c.id)
)


def list_tree(conn: Connection) -> list[CodeInTree]:
    """Every code in tree order, with its depth and path (see :func:`model.codes.arrange`)."""
    return arrange([
        Code(name=r.name, guid=r.guid, category=r.category_name, definition=r.definition,
             colour=r.colour, id=r.id, parent=r.parent_name, inclusion=r.inclusion,
             exclusion=r.exclusion, example=r.example)
        for r in conn.execute(_CODES)
    ])


def list_codes(conn: Connection) -> list[Code]:
    """Every code in tree order: a parent always before its children."""
    return [node.code for node in list_tree(conn)]


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


def parents(conn: Connection) -> dict[str, str | None]:
    """Every code's parent code by name (None for a top-level code)."""
    query = select(codes.c.name, _PARENT.c.name).outerjoin(_PARENT,
                                                           codes.c.parent_id == _PARENT.c.id)
    return {name: parent for name, parent in conn.execute(query)}


def _next_position(conn: Connection, table: Any) -> int:
    return (conn.execute(select(func.max(table.c.position))).scalar() or 0) + 1


def add_category(conn: Connection, category: Category) -> int:
    check_new_name(category_ids(conn), category.name, kind="category")
    parent_id = category_id(conn, category.parent) if category.parent else None
    return new_id(conn.execute(
        insert(categories).values(
            guid=category.guid or new_guid(),
            name=category.name,
            description=category.description,
            parent_id=parent_id,
            position=_next_position(conn, categories),
        )
    ))


def add_code(conn: Connection, code: Code) -> int:
    """Insert a code; a ``parent`` places it under that code (its ``category`` then unused)."""
    check_new_name(code_ids(conn), code.name)
    parent_id = code_id(conn, code.parent) if code.parent else None
    category = None if parent_id is not None else code.category
    try:
        return new_id(conn.execute(
            insert(codes).values(
                guid=code.guid or new_guid(),
                name=code.name,
                category_id=category_id(conn, category) if category else None,
                parent_id=parent_id,
                definition=code.definition,
                inclusion=code.inclusion,
                exclusion=code.exclusion,
                example=code.example,
                colour=code.colour,
                position=_next_position(conn, codes),
            )
        ))
    except IntegrityError as exc:  # a concurrent writer took the name
        raise AlreadyExists("A code {name!r} already exists.", name=code.name) from exc


def claim_code(conn: Connection, code_name: str, expected: int | None = None) -> int:
    """Raise a code's version before it changes (the UPDATE also holds its row until the
    transaction ends); with ``expected``, only if the code is still at that version, else
    Conflict. Returns the new version."""
    from stemmen.errors import Conflict

    found = code_id(conn, code_name)
    query = update(codes).where(codes.c.id == found).values(version=codes.c.version + 1)
    if expected is not None:
        query = query.where(codes.c.version == expected)
    if conn.execute(query).rowcount == 0:
        now_at = code_version(conn, code_name)
        raise Conflict("The code {name!r} was changed by someone else since you opened it "
                       "(version {found}, you had {expected}). Reload it and make your change "
                       "again.", name=code_name, found=now_at, expected=expected)
    return code_version(conn, code_name)


def code_version(conn: Connection, code_name: str) -> int:
    """A code's version: raised by every change made through the project."""
    found = conn.execute(select(codes.c.version).where(codes.c.name == code_name)).scalar()
    if found is None:
        raise NotFound("There is no code {name!r} in the codebook.", name=code_name)
    return int(found)


def code_versions(conn: Connection) -> dict[str, int]:
    return {r.name: r.version for r in conn.execute(select(codes.c.name, codes.c.version))}


def update_code(conn: Connection, code_name: str, /, **values: Any) -> None:
    """Change columns of one code (name, definition, criteria, colour, category_id,
    parent_id); a new name is checked against the others without regard to case."""
    if "name" in values:
        check_new_name(code_ids(conn), values["name"], ignore=code_name)
    conn.execute(update(codes).where(codes.c.id == code_id(conn, code_name)).values(**values))


def place_code(conn: Connection, name: str, *, parent: str | None,
               category: str | None) -> None:
    """Put a code under ``parent`` (then without a category of its own) or at the top level
    in ``category`` (None: outside any category)."""
    if parent is not None:
        update_code(conn, name, parent_id=code_id(conn, parent), category_id=None)
    else:
        update_code(conn, name, parent_id=None,
                    category_id=category_id(conn, category) if category else None)


def lift_children(conn: Connection, name: str, *, into: str | None = None) -> list[str]:
    """Before ``name`` goes: its children move under ``into`` (a merge) or take its place
    (its parent, or the top level in its category). Returns the children's names."""
    code = get_code(conn, name)
    top = code.category if code.parent is None else None
    if into is not None and name in ancestors(parents(conn), into):  # into lies inside name
        place_code(conn, into, parent=code.parent, category=top)
    kids = [r.name for r in conn.execute(
        select(codes.c.name).where(codes.c.parent_id == code.id).order_by(codes.c.position))]
    for kid in kids:
        if into is not None and kid != into:
            place_code(conn, kid, parent=into, category=None)
        else:
            place_code(conn, kid, parent=code.parent, category=top)
    return kids


def rename_category(conn: Connection, name: str, new_name: str) -> None:
    check_new_name(category_ids(conn), new_name, kind="category", ignore=name)
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
