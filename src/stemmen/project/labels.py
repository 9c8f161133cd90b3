"""Names per language: a case, role, interview type, category, code or finding as each
language calls it ("OCMW Gent" / "CPAS Gand", "Eindgebruiker" / "Bénéficiaire").

The name in the project stays the key; a label is only what a report, matrix or page shows in
one language. A name without a label shows as itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid
from stemmen.store import journal
from stemmen.store import report_outline as ro

if TYPE_CHECKING:
    from stemmen.project import Project
    from stemmen.project.query_results import QueryResult, Table

KINDS = ("case", "role", "type", "category", "code", "finding", "objective", "level",
         "report")  # report: the title page (title, subtitle, authors, commissioner, date)
LANGS = ("nl", "fr", "en")


def check_lang(lang: str) -> str:
    clean = lang.strip().lower()
    if clean not in LANGS:
        raise Invalid("Unknown language {language!r}: use nl, fr or en.", language=lang)
    return clean


@dataclass(frozen=True)
class Label:
    kind: str
    name: str
    lang: str
    label: str

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "lang": self.lang, "label": self.label}


@dataclass(frozen=True)
class LabelBook:
    """Every label of a project; :meth:`of` gives a name in a language (itself if none)."""

    labels: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def of(self, kind: str, name: str | None, lang: str) -> str:
        if not name:
            return name or ""
        return self.labels.get((kind, name, lang), name)

    def text(self, text: str, lang: str, kinds: tuple[str, ...] = ("case", "role")) -> str:
        """``text`` with every labelled name of ``kinds`` replaced (attributions such as
        "(Eindgebruiker, OCMW Gent)")."""
        pairs = sorted(((name, label) for (k, name, lg), label in self.labels.items()
                        if k in kinds and lg == lang), key=lambda p: -len(p[0]))
        for name, label in pairs:
            text = text.replace(name, label)
        return text

    def list(self) -> list[Label]:
        return [Label(k, n, lg, label) for (k, n, lg), label in sorted(self.labels.items())]


TABLE_KINDS = ("case", "role", "type", "category", "code", "finding", "level")


@dataclass(frozen=True)
class LabelLookup:
    """The labels of one language: what a page, matrix or export in ``lang`` shows for a
    name (the name itself when it has no label)."""

    lang: str
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> name -> label
    roles: tuple[str, ...] = ("role",)  # the attributes that hold a role / interview type
    types: tuple[str, ...] = ("type",)

    def of(self, kind: str | None, name: Any) -> Any:
        """``name`` as ``lang`` shows it (anything that is not a labelled name: itself)."""
        if not kind or not isinstance(name, str):
            return name
        return self.names.get(kind, {}).get(name, name)

    def kind_of(self, axis: str | None) -> str | None:
        """The label kind of a matrix axis or a table column (code, category, case, or an
        attribute that holds roles or interview types); None: not labelled."""
        if axis in ("code", "category", "case", "finding"):
            return axis
        if axis in self.roles or axis == "role":
            return "role"
        if axis in self.types or axis == "type":
            return "type"
        return None

    def on_axis(self, axis: str | None, name: Any) -> Any:
        return self.of(self.kind_of(axis), name)

    def table(self, table: Table, columns: str | None = None) -> Table:
        """``table`` with the labelled names in ``lang``: the values of every column named
        after a label kind (code, category, case, role, type) and, for a matrix, its column
        headers (of axis ``columns``)."""
        if not self.names:
            return table
        heads = table.headers
        kinds = [self.kind_of(h) for h in heads]
        rows = [[self.of(k, v) for k, v in zip(kinds, row, strict=False)] + row[len(kinds):]
                for row in table.rows]
        if columns is not None and "total" in heads:  # a matrix: its columns' names
            first = 2 if heads[:2] == ["category", "code"] else 1
            heads = [*heads[:first], *(self.on_axis(columns, h) for h in heads[first:-1]),
                     heads[-1]]
        return replace(table, headers=list(heads), rows=rows)

    def tables(self, result: QueryResult) -> list[Table]:
        """The tables of a query's answer with the names labelled (matrix, waves,
        co-occurrence, and any column named case/role/type/code/category)."""
        if result.kind in ("matrix", "waves"):
            columns = str(result.params.get("columns", "case"))
            return [self.table(t, columns) for t in result.tables]
        if result.kind == "cooccurrence":
            return [replace(t, headers=[t.headers[0], *(self.of("code", h)
                                                       for h in t.headers[1:])],
                            rows=[[self.of("code", r[0]), *r[1:]] for r in t.rows])
                    for t in result.tables]
        return [self.table(t) for t in result.tables]

    def as_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "names": self.names}


class Labels:
    """Set, remove and read the labels of names per language."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def set(self, kind: str, name: str, lang: str, label: str) -> Label:
        """Label ``name`` (a ``kind``: case, role, type, category, code, finding...) in
        ``lang``; an empty label removes it."""
        if kind not in KINDS:
            raise Invalid("Unknown label kind {kind!r}: use {kinds}.", kind=kind,
                          kinds=", ".join(KINDS))
        if not name.strip():
            raise Invalid("A label needs the name it translates.")
        lang = check_lang(lang)
        with self._p.store.transaction() as tx:
            ro.set_label(tx, kind, name.strip(), lang, label.strip())
            journal.record(tx, self._p.actor, "label.set", kind=kind, name=name, lang=lang)
        return Label(kind, name.strip(), lang, label.strip())

    def set_many(self, rows: list[Label]) -> int:
        """Several labels in one transaction (a labels file, the demo)."""
        with self._p.store.transaction() as tx:
            for row in rows:
                if row.kind not in KINDS:
                    raise Invalid("Unknown label kind {kind!r}: use {kinds}.", kind=row.kind,
                                  kinds=", ".join(KINDS))
                ro.set_label(tx, row.kind, row.name, check_lang(row.lang), row.label)
            journal.record(tx, self._p.actor, "label.set_many", count=len(rows))
        return len(rows)

    def book(self) -> LabelBook:
        with self._p.store.reading() as conn:
            return LabelBook(ro.all_labels(conn))

    def lookup(self, lang: str) -> LabelLookup:
        """The labels of ``lang`` as one lookup (pages, matrices and exports in ``lang``);
        an unknown language (a page in English with no labels) gives an empty lookup."""
        lang = lang.strip().lower()
        names: dict[str, dict[str, str]] = {}
        if lang in LANGS:
            for (kind, name, lg), label in self.book().labels.items():
                if lg == lang and kind in TABLE_KINDS:
                    names.setdefault(kind, {})[name] = label
        found = self._p.settings.attributes()
        return LabelLookup(lang, names, tuple(found.role), tuple(found.type))

    def list(self, lang: str | None = None) -> list[Label]:
        return [x for x in self.book().list() if lang is None or x.lang == lang]
