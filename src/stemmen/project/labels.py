"""Names per language: a case, role, interview type, category, code or finding as each
language calls it ("OCMW Gent" / "CPAS Gand", "Eindgebruiker" / "Bénéficiaire").

The name in the project stays the key; a label is only what a report, matrix or page shows in
one language. A name without a label shows as itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stemmen.errors import Invalid
from stemmen.store import journal
from stemmen.store import report_outline as ro

if TYPE_CHECKING:
    from stemmen.project import Project

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

    def list(self, lang: str | None = None) -> list[Label]:
        return [x for x in self.book().list() if lang is None or x.lang == lang]
