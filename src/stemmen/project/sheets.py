"""Shared rules of the case, document and participant sheets: where a bad value is, typed
attribute definitions of every owner, and retyping or renaming them with their values."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from stemmen.errors import AlreadyExists, Invalid
from stemmen.model.documents import AttributeDef, AttributeType
from stemmen.model.sheet import RowEdit
from stemmen.store import cases as cs
from stemmen.store import documents as dc
from stemmen.store import participants as ps
from stemmen.store import values as V

OWNERS = ("document", "case", "participant")


@dataclass(frozen=True)
class Where:
    """A row of a bulk edit, to name it in error messages: ``edit`` is its index."""

    edit: int
    row: str

    def parse(self, attr: AttributeDef, value: Any, column: str | None = None) -> Any:
        """``value`` parsed as ``attr``'s type, or an error naming this row and column."""
        try:
            return attr.parse(value)
        except Invalid:
            raise self.bad_value(attr, value, column or attr.name) from None

    def _params(self, column: str, value: Any = None) -> dict[str, Any]:
        return {"row": self.row, "column": column, "value": value, "edit": self.edit}

    def bad_value(self, attr: AttributeDef, value: Any, column: str) -> Invalid:
        p = self._params(column, value)
        if attr.type is AttributeType.NUMBER:
            return Invalid("Row {row}, column {column}: {value!r} is not a number.", **p)
        if attr.type is AttributeType.DATE:
            return Invalid("Row {row}, column {column}: {value!r} is not a date "
                           "(use YYYY-MM-DD or DD/MM/YYYY).", **p)
        if attr.type is AttributeType.BOOLEAN:
            return Invalid("Row {row}, column {column}: {value!r} is not yes or no.", **p)
        return Invalid("Row {row}, column {column}: {value!r} is not one of the choices "
                       "({choices}).", choices=", ".join(attr.choices), **p)

    def missing(self, kind: str, value: Any, column: str) -> Invalid:
        p = self._params(column, value)
        if kind == "case":
            return Invalid("Row {row}, column {column}: there is no case {value!r}.", **p)
        if kind == "participant":
            return Invalid("Row {row}, column {column}: there is no participant {value!r}.",
                           **p)
        return Invalid("Row {row}, column {column}: there is no document {value!r}.", **p)

    def taken(self, value: Any, column: str) -> Invalid:
        return Invalid("Row {row}, column {column}: {value!r} is already used.",
                       **self._params(column, value))

    def required(self, column: str) -> Invalid:
        return Invalid("Row {row}, column {column}: a value is required.",
                       **self._params(column))

    def no_column(self, column: str) -> Invalid:
        return Invalid("Row {row}, column {column}: there is no such column.",
                       **self._params(column))

    def no_row(self) -> Invalid:
        return Invalid("Row {row} does not exist (any more); reload the page.",
                       **self._params(""))


def where(index: int, edit: RowEdit, name_field: str) -> Where:
    """Name a row by its key, else by the name it is given, else by its position."""
    if edit.key:
        return Where(index, " / ".join(edit.key))
    return Where(index, str(edit.fields.get(name_field) or f"#{index + 1}"))


def text_value(value: Any) -> str:
    """A field's value as stripped text ('' for nothing)."""
    return "" if value is None else str(value).strip()


def guard(at: Where, column: str, value: Any, action: Any) -> Any:
    """Run a store action; a name already used becomes an error naming the cell."""
    try:
        return action()
    except AlreadyExists:
        raise at.taken(value, column) from None


def participant_defs(conn: Any) -> dict[str, AttributeDef]:
    """Typed demographics: the defined ones, and for keys in use without a definition a
    type guessed from the stored values (numbers, yes/no, else text)."""
    found = {a.name: a for a in dc.attribute_defs(conn, "participant")}
    seen: dict[str, list[Any]] = {}
    for demographics in ps.every_demographics(conn).values():
        for key, value in demographics.items():
            if key not in found:
                seen.setdefault(key, []).append(value)
    for key, values in seen.items():
        present = [v for v in values if v is not None and v != ""]
        kind = AttributeType.TEXT
        if present and all(isinstance(v, bool) for v in present):
            kind = AttributeType.BOOLEAN
        elif present and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                             for v in present):
            kind = AttributeType.NUMBER
        found[key] = AttributeDef(key, kind, applies_to="participant")
    return found


def decode_demographics(defs: dict[str, AttributeDef], values: dict[str, Any]
                        ) -> dict[str, Any]:
    """JSON demographics with their types (dates back from ISO text); a value that does not
    fit its type is shown as stored."""
    typed = {}
    for key, value in values.items():
        attr = defs.get(key)
        try:
            typed[key] = attr.parse(value) if attr and value is not None else value
        except Invalid:
            typed[key] = value
    return typed


def _stored(conn: Any, owner: str, attr_id: int, name: str) -> dict[int, Any]:
    if owner == "participant":
        return {pid: values[name] for pid, values in ps.every_demographics(conn).items()
                if values.get(name) is not None}
    return {k: v for k, v in cs.raw_values(conn, owner, attr_id).items() if v is not None}


def retype(conn: Any, name: str, applies_to: str, type: str,
           choices: list[str] | None) -> tuple[AttributeDef, AttributeDef]:
    """Give an attribute a new type (and choices) when every stored value fits it."""
    attr_id, old = defined(conn, name, applies_to)
    kind = attribute_type(type)
    if choices is None:
        choices = list(old.choices) if kind is AttributeType.CHOICE else []
    new = replace(old, type=kind, choices=tuple(c.strip() for c in choices if c.strip()))
    converted: dict[int, Any] = {}
    names = None
    for owner_id, value in _stored(conn, applies_to, attr_id, name).items():
        try:
            converted[owner_id] = new.parse(V.encode(value))
        except Invalid:
            names = names or cs.owner_names(conn, applies_to)
            raise Invalid("{name} cannot become {type}: {owner} has the value {value!r}.",
                          name=name, type=kind.value, owner=names.get(owner_id, owner_id),
                          value=value) from None
    cs.write_attribute(conn, attr_id, new)
    if applies_to == "participant":
        for pid, values in ps.every_demographics(conn).items():
            if pid in converted:
                ps.set_demographics(conn, pid, {**values, name: converted[pid]})
    else:
        cs.rewrite_values(conn, applies_to, attr_id, converted)
    return old, new


def rename(conn: Any, name: str, new_name: str, applies_to: str) -> None:
    attr_id, old = defined(conn, name, applies_to)
    new_name = new_name.strip()
    if not new_name:
        raise Invalid("An attribute needs a name.")
    if new_name.lower() != name.lower():
        cs.check_attribute_name_free(conn, new_name, applies_to)
    cs.write_attribute(conn, attr_id, replace(old, name=new_name))
    if applies_to == "participant":
        for pid, values in ps.every_demographics(conn).items():
            if name in values:
                values[new_name] = values.pop(name)
                ps.set_demographics(conn, pid, values)


def defined(conn: Any, name: str, applies_to: str) -> tuple[int, AttributeDef]:
    """The stored definition; a participant key in use without one gets one now."""
    check_owner(applies_to)
    if applies_to == "participant":
        inferred = participant_defs(conn).get(name)
        if inferred is not None:
            return dc.ensure_attribute(conn, inferred), inferred
    return cs.attribute_row(conn, name, applies_to)


def attribute_type(type: str) -> AttributeType:
    try:
        return AttributeType(type)
    except ValueError:
        raise Invalid("Unknown attribute type {type!r}: use text, number, date, boolean "
                      "or choice.", type=type) from None


def check_owner(applies_to: str) -> None:
    if applies_to not in OWNERS:
        raise Invalid("An attribute applies to 'document', 'case' or 'participant'.")


def drop_demographic(conn: Any, name: str) -> None:
    """Remove one key from every participant's demographics."""
    for pid, values in ps.every_demographics(conn).items():
        if name in values:
            del values[name]
            ps.set_demographics(conn, pid, values)
