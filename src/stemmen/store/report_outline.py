"""Rows of the report outline, case objectives and descriptions, quote translations, labels."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select, update

from stemmen.errors import NotFound
from stemmen.store.journal import now
from stemmen.store.keys import new_id
from stemmen.store.schema import cases
from stemmen.store.schema_findings import quotes
from stemmen.store.schema_report import (
    case_descriptions,
    case_objectives,
    labels,
    quote_translations,
    report_pins,
    report_section_texts,
    report_sections,
)


@dataclass(frozen=True)
class SectionRow:
    id: int
    parent_id: int | None
    position: int
    kind: str
    case: str | None
    objective: str | None
    level: str
    titles: dict[str, str]
    narratives: dict[str, str]


@dataclass(frozen=True)
class ObjectiveRow:
    id: int
    case: str
    position: int
    name: str
    description: str


@dataclass(frozen=True)
class TranslationRow:
    quote_id: int
    coding_id: int
    lang: str
    text: str
    source_text: str
    translator: str
    machine: bool
    created_at: object


def sections(conn: Connection) -> list[SectionRow]:
    """Every section, ordered by parent then position."""
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for r in conn.execute(select(report_section_texts)):
        texts.setdefault(r.section_id, {})[r.lang] = (r.title, r.narrative)
    query = (select(report_sections, cases.c.name.label("case_name"),
                    case_objectives.c.name.label("objective_name"))
             .outerjoin(cases, cases.c.id == report_sections.c.case_id)
             .outerjoin(case_objectives, case_objectives.c.id == report_sections.c.objective_id)
             .order_by(report_sections.c.position, report_sections.c.id))
    rows = []
    for r in conn.execute(query):
        mine = texts.get(r.id, {})
        rows.append(SectionRow(r.id, r.parent_id, r.position, r.kind, r.case_name,
                               r.objective_name, r.level,
                               {k: v[0] for k, v in mine.items()},
                               {k: v[1] for k, v in mine.items()}))
    return rows


def section_exists(conn: Connection, section_id: int) -> None:
    found = conn.execute(select(report_sections.c.id)
                         .where(report_sections.c.id == section_id)).scalar()
    if found is None:
        raise NotFound("There is no report section #{id}.", id=section_id)


def next_position(conn: Connection, parent_id: int | None) -> int:
    cond = (report_sections.c.parent_id.is_(None) if parent_id is None
            else report_sections.c.parent_id == parent_id)
    return (conn.execute(select(func.max(report_sections.c.position)).where(cond)).scalar()
            or 0) + 1


def add_section(conn: Connection, parent_id: int | None, kind: str, case_id: int | None,
                objective_id: int | None, level: str, author: str) -> int:
    return new_id(conn.execute(insert(report_sections).values(
        parent_id=parent_id, position=next_position(conn, parent_id), kind=kind,
        case_id=case_id, objective_id=objective_id, level=level, author=author,
        created_at=now())))


def update_section(conn: Connection, section_id: int, **values: object) -> None:
    conn.execute(update(report_sections).where(report_sections.c.id == section_id)
                 .values(**values))


def set_text(conn: Connection, section_id: int, lang: str, title: str | None,
             narrative: str | None) -> None:
    where = ((report_section_texts.c.section_id == section_id)
             & (report_section_texts.c.lang == lang))
    found = conn.execute(select(report_section_texts).where(where)).first()
    if found is None:
        conn.execute(insert(report_section_texts).values(
            section_id=section_id, lang=lang, title=title or "", narrative=narrative or ""))
        return
    values = {k: v for k, v in (("title", title), ("narrative", narrative)) if v is not None}
    if values:
        conn.execute(update(report_section_texts).where(where).values(**values))


def delete_section(conn: Connection, section_id: int) -> None:
    """A section and everything under it (children, texts, pins), children first."""
    children = conn.execute(select(report_sections.c.id)
                            .where(report_sections.c.parent_id == section_id)).scalars().all()
    for child in children:
        delete_section(conn, child)
    conn.execute(delete(report_pins).where(report_pins.c.section_id == section_id))
    conn.execute(delete(report_section_texts)
                 .where(report_section_texts.c.section_id == section_id))
    conn.execute(delete(report_sections).where(report_sections.c.id == section_id))


def set_pins(conn: Connection, section_id: int, pins: dict[tuple[str, int], str]) -> None:
    """What each reference of a section says now; references still there keep their pin."""
    old = {(r.kind, r.ref): r.id for r in conn.execute(
        select(report_pins).where(report_pins.c.section_id == section_id))}
    gone = [i for key, i in old.items() if key not in pins]
    if gone:
        conn.execute(delete(report_pins).where(report_pins.c.id.in_(gone)))
    for (kind, ref), text in pins.items():
        if (kind, ref) not in old:
            conn.execute(insert(report_pins).values(section_id=section_id, kind=kind, ref=ref,
                                                    text=text))


def pins(conn: Connection) -> dict[tuple[int, str, int], str]:
    return {(r.section_id, r.kind, r.ref): r.text for r in conn.execute(select(report_pins))}


def objective_id(conn: Connection, case_id: int, name: str) -> int:
    found = conn.execute(select(case_objectives.c.id).where(
        (case_objectives.c.case_id == case_id) & (case_objectives.c.name == name))).scalar()
    if found is None:
        raise NotFound("There is no objective {name!r} in this case.", name=name)
    return found


def objectives(conn: Connection) -> list[ObjectiveRow]:
    query = (select(case_objectives, cases.c.name.label("case_name"))
             .join(cases, cases.c.id == case_objectives.c.case_id)
             .order_by(cases.c.name, case_objectives.c.position, case_objectives.c.id))
    return [ObjectiveRow(r.id, r.case_name, r.position, r.name, r.description)
            for r in conn.execute(query)]


def add_objective(conn: Connection, case_id: int, name: str, description: str) -> int:
    position = (conn.execute(select(func.max(case_objectives.c.position))
                             .where(case_objectives.c.case_id == case_id)).scalar() or 0) + 1
    return new_id(conn.execute(insert(case_objectives).values(
        case_id=case_id, position=position, name=name, description=description)))


def delete_objective(conn: Connection, objective: int) -> None:
    conn.execute(update(report_sections).where(report_sections.c.objective_id == objective)
                 .values(objective_id=None))
    conn.execute(delete(case_objectives).where(case_objectives.c.id == objective))


def descriptions(conn: Connection) -> dict[tuple[str, str], str]:
    """(case, lang) → description."""
    query = (select(cases.c.name, case_descriptions.c.lang, case_descriptions.c.text)
             .join(cases, cases.c.id == case_descriptions.c.case_id))
    return {(r[0], r[1]): r[2] for r in conn.execute(query)}


def set_description(conn: Connection, case_id: int, lang: str, text: str) -> None:
    where = (case_descriptions.c.case_id == case_id) & (case_descriptions.c.lang == lang)
    if conn.execute(select(case_descriptions.c.id).where(where)).scalar() is None:
        conn.execute(insert(case_descriptions).values(case_id=case_id, lang=lang, text=text))
    else:
        conn.execute(update(case_descriptions).where(where).values(text=text))


def quote_id(conn: Connection, coding_id: int) -> int:
    found = conn.execute(select(quotes.c.id).where(quotes.c.coding_id == coding_id)).scalar()
    if found is None:
        raise NotFound("Coding #{id} is not marked as a quote.", id=coding_id)
    return found


def set_translation(conn: Connection, quote: int, lang: str, text: str, source_text: str,
                    translator: str, machine: bool) -> None:
    where = (quote_translations.c.quote_id == quote) & (quote_translations.c.lang == lang)
    values = {"text": text, "source_text": source_text, "translator": translator,
              "machine": machine, "created_at": now()}
    if conn.execute(select(quote_translations.c.id).where(where)).scalar() is None:
        conn.execute(insert(quote_translations).values(quote_id=quote, lang=lang, **values))
    else:
        conn.execute(update(quote_translations).where(where).values(**values))


def delete_translation(conn: Connection, quote: int, lang: str) -> int:
    return conn.execute(delete(quote_translations).where(
        (quote_translations.c.quote_id == quote) & (quote_translations.c.lang == lang))).rowcount


def translations(conn: Connection) -> list[TranslationRow]:
    query = (select(quote_translations, quotes.c.coding_id)
             .join(quotes, quotes.c.id == quote_translations.c.quote_id)
             .order_by(quotes.c.position, quote_translations.c.lang))
    return [TranslationRow(r.quote_id, r.coding_id, r.lang, r.text, r.source_text, r.translator,
                           bool(r.machine), r.created_at) for r in conn.execute(query)]


def all_labels(conn: Connection) -> dict[tuple[str, str, str], str]:
    """(kind, name, lang) → label."""
    return {(r.kind, r.name, r.lang): r.label for r in conn.execute(select(labels))}


def set_label(conn: Connection, kind: str, name: str, lang: str, label: str) -> None:
    where = (labels.c.kind == kind) & (labels.c.name == name) & (labels.c.lang == lang)
    if not label:
        conn.execute(delete(labels).where(where))
    elif conn.execute(select(labels.c.id).where(where)).scalar() is None:
        conn.execute(insert(labels).values(kind=kind, name=name, lang=lang, label=label))
    else:
        conn.execute(update(labels).where(where).values(label=label))
