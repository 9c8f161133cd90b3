"""REFI-QDA variables and cases ⇄ Stemmen attributes, cases and document attributes.

* ``Variable`` → :class:`AttributeDef`: Text → text, Boolean → boolean, Integer and Float →
  number, Date → date, DateTime → date holding ``datetime`` values. A variable used on cases
  applies to cases, one used on sources (``VariableValue`` in a source, or a nameless ``Case``
  with one ``SourceRef``, as MAXQDA and Quirkos write document variables) to documents; one
  used on both becomes two attributes of the same name.
* A named ``Case`` → :class:`Case` with its values; each ``SourceRef`` sets ``Document.case``
  (a document in several cases keeps the first; the others are reported).
* Export writes one ``Variable`` per attribute (Integer when every value is whole, DateTime
  when a value has a time) and the values on cases and on text sources.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from stemmen.errors import Invalid
from stemmen.formats.refi_read import Reading
from stemmen.formats.refi_xml import (
    clean_name,
    format_datetime,
    kid,
    kid_text,
    kids,
    local,
    norm_guid,
)
from stemmen.formats.refi_xml import parse_datetime as _parse_dt
from stemmen.model.documents import AttributeDef, AttributeType, Case

_TYPES = {"Text": AttributeType.TEXT, "Boolean": AttributeType.BOOLEAN,
          "Integer": AttributeType.NUMBER, "Float": AttributeType.NUMBER,
          "Date": AttributeType.DATE, "DateTime": AttributeType.DATE}


@dataclass
class Variable:
    """A REFI variable as read."""

    name: str
    kind: str
    description: str


def read_variables(el: etree._Element | None, ctx: Reading) -> dict[str, Variable]:
    """Variables by GUID, with unique names."""
    out: dict[str, Variable] = {}
    names: set[str] = set()
    for var in kids(el, "Variable") if el is not None else []:
        kind = (var.get("typeOfVariable") or "Text").strip()
        if kind not in _TYPES:
            ctx.report.deviation(f"Variable {var.get('name')!r} has unknown type {kind!r}; "
                                 "it was read as Text.")
            kind = "Text"
        base = clean_name(var.get("name")) or "variable"
        name, n = base, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.add(name)
        out[norm_guid(var.get("guid"))] = Variable(name, kind, kid_text(var, "Description"))
        if kind == "DateTime":
            ctx.report.note(f"Variable {name!r} (DateTime) became a date attribute; its values "
                            "keep their time in the snapshot.")
    return out


def parse_value(el: etree._Element, variables: dict[str, Variable],
                ctx: Reading) -> tuple[Variable, Any] | None:
    """The variable and typed value of a ``VariableValue``, or None (reported)."""
    ref = kid(el, "VariableRef")
    var = variables.get(norm_guid(ref.get("targetGUID") if ref is not None else ""))
    holder = next((c for c in el if isinstance(c.tag, str) and local(c).endswith("Value")), None)
    if var is None or holder is None:
        ctx.report.note("Variable values without a known variable or value were left out.")
        return None
    text = (holder.text or "").strip()
    kind = local(holder).removesuffix("Value")
    try:
        value = _convert(kind, text)
    except (ValueError, InvalidOperation):
        ctx.report.deviation(f"Value {text!r} of variable {var.name!r} is not a valid {kind}; "
                             "it was left out.")
        return None
    if value is None:
        return None
    if kind != var.kind and not {kind, var.kind} <= {"Integer", "Float"}:
        ctx.report.deviation(f"Variable {var.name!r} is {var.kind} but has a {kind} value.")
    return var, value


def _convert(kind: str, text: str) -> Any:
    if not text:
        return None
    if kind == "Boolean":
        if text.lower() not in ("true", "false", "1", "0"):
            raise ValueError(text)
        return text.lower() in ("true", "1")
    if kind == "Integer":
        return int(text)
    if kind == "Float":
        return float(Decimal(text))
    if kind == "Date":
        return dt.date.fromisoformat(text[:10])
    if kind == "DateTime":
        moment = _parse_dt(text)
        if moment is None:
            raise ValueError(text)
        return moment
    return text


def read_cases(el: etree._Element | None, ctx: Reading,
               variables: dict[str, Variable]) -> tuple[list[Case], dict[str, str], set[str]]:
    """Cases, the case of each document (by name) and the variables cases use."""
    cases: list[Case] = []
    case_vars: set[str] = set()
    doc_case: dict[str, str] = {}
    names: set[str] = set()
    for case in kids(el, "Case") if el is not None else []:
        refs = kids(case, "SourceRef")
        docs = [ctx.doc_by_guid.get(norm_guid(r.get("targetGUID"))) for r in refs]
        ctx.report.imported.cases += 1
        if not case.get("name"):
            for named in filter(None, docs):
                ctx.values += [("document", named, v) for v in kids(case, "VariableValue")]
            ctx.report.deviation("Cases without a name (document variables, as MAXQDA writes "
                                 "them) became attributes of their documents.")
            continue
        base = clean_name(case.get("name")) or "case"
        name, n = base, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.add(name)
        values = {}
        for value in kids(case, "VariableValue"):
            parsed = parse_value(value, variables, ctx)
            if parsed:
                values[parsed[0].name] = parsed[1]
                case_vars.add(parsed[0].name)
        cases.append(Case(name, norm_guid(case.get("guid")), kid_text(case, "Description"), values))
        for doc in docs:
            if doc is None:
                ctx.report.note(f"Case {name!r} refers to a source that is not a document.")
            elif doc in doc_case and doc_case[doc] != name:
                ctx.report.note(f"Document {doc!r} is in cases {doc_case[doc]!r} and {name!r}; "
                                "Stemmen keeps the first.")
            else:
                doc_case[doc] = name
        for what in ("CodeRef", "SelectionRef"):
            if kid(case, what) is not None:
                ctx.report.note(f"Case {name!r} refers to codes or selections ({what}); "
                                "Stemmen links cases to documents only, so those were left out.")
    return cases, doc_case, case_vars


def attribute_defs(variables: dict[str, Variable], ctx: Reading,
                   case_vars: set[str]) -> list[AttributeDef]:
    """Attribute definitions, and document values parsed into ``ctx.doc_attributes``."""
    used: dict[str, set[str]] = {v.name: set() for v in variables.values()}
    for name in case_vars:
        used[name].add("case")
    for _, doc, value in ctx.values:
        parsed = parse_value(value, variables, ctx)
        if parsed:
            ctx.doc_attributes.setdefault(doc, {})[parsed[0].name] = parsed[1]
            used[parsed[0].name].add("document")
    defs = []
    for var in variables.values():
        for applies in sorted(used[var.name]) or ["document"]:
            defs.append(AttributeDef(var.name, _TYPES[var.kind], applies_to=applies,
                                     description=var.description))
    return defs


# ---------------------------------------------------------------- export


def variable_kind(attr: AttributeDef | None, values: list[Any]) -> str:
    """The REFI ``typeOfVariable`` for an attribute and the values it holds."""
    present = [v for v in values if v is not None]
    kind = attr.type if attr else _infer(present)
    if kind == AttributeType.BOOLEAN:
        return "Boolean"
    if kind == AttributeType.NUMBER:
        whole = all(isinstance(v, int) or (isinstance(v, str) and v.strip().lstrip("-").isdigit())
                    for v in present)
        return "Integer" if whole else "Float"
    if kind == AttributeType.DATE:
        return "DateTime" if any(isinstance(v, dt.datetime) for v in present) else "Date"
    return "Text"


def _infer(values: list[Any]) -> AttributeType:
    if values and all(isinstance(v, bool) for v in values):
        return AttributeType.BOOLEAN
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return AttributeType.NUMBER
    if values and all(isinstance(v, dt.date) for v in values):
        return AttributeType.DATE
    return AttributeType.TEXT


def value_text(kind: str, value: Any) -> str | None:
    """The lexical form of ``value`` for a ``<kind>Value`` element, or None if it cannot be."""
    try:
        if kind == "Boolean":
            probe = AttributeDef("v", AttributeType.BOOLEAN).parse(value)
            return None if probe is None else ("true" if probe else "false")
        if kind in ("Integer", "Float"):
            number = AttributeDef("v", AttributeType.NUMBER).parse(value)
            if number is None or number != number or number in (float("inf"), float("-inf")):
                return None
            return str(int(number)) if kind == "Integer" else format(Decimal(repr(number)), "f")
        if kind == "Date":
            date = AttributeDef("v", AttributeType.DATE).parse(value)
            return date.isoformat() if date else None
        if kind == "DateTime":
            moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(
                AttributeDef("v", AttributeType.DATE).parse(value), dt.time())
            return format_datetime(moment)
    except (ValueError, TypeError, Invalid):
        return None
    text = str(value)
    return text if text.strip() else None


def write_value(parent: etree._Element, ns: str, var_guid: str, kind: str, value: Any) -> bool:
    """Append a ``VariableValue``; False (nothing written) when the value does not fit."""
    text = value_text(kind, value)
    if text is None:
        return False
    el = etree.SubElement(parent, f"{{{ns}}}VariableValue")
    etree.SubElement(el, f"{{{ns}}}VariableRef", targetGUID=var_guid)
    etree.SubElement(el, f"{{{ns}}}{kind}Value").text = text
    return True
