"""Topic guides per interview type and wave: import (YAML or DOCX), versions, derivation
(wave 2 from wave 1, with what was added and removed), export for the field researcher (DOCX,
Dutch and French side by side) and coverage (which topics an interview's coding touched)."""

from __future__ import annotations

import builtins
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from stemmen.errors import FormatError, Invalid, NotFound
from stemmen.model.guides import (
    LANGUAGES,
    Guide,
    GuideChanges,
    TopicCoverage,
    compare,
    coverage,
    latest,
    parse_topics,
)
from stemmen.model.sampling import wave_label
from stemmen.project.settings import attribute_names
from stemmen.store import Tx, journal
from stemmen.store import codebook as cb
from stemmen.store import codings as cd
from stemmen.store import documents as dc
from stemmen.store import study as st

if TYPE_CHECKING:
    from stemmen.project import Project

IMPORTS = (".yaml", ".yml", ".docx")
MAX_FILE = 5_000_000


@dataclass(frozen=True)
class GuideSummary:
    """One guide version in a listing, with its changes against the guide it derives from."""

    guide: Guide
    changes: GuideChanges

    def as_dict(self) -> dict[str, Any]:
        g = self.guide
        return {"type": g.type, "wave": g.wave, "version": g.version,
                "topics": len(g.topics), "languages": g.languages,
                "derived_from": list(g.derived_from) if g.derived_from else None,
                **self.changes.as_dict()}


def _docx_guides(name: str, data: bytes) -> list[dict[str, Any]]:
    """Guides of a Word file: lines "Type: ..." and "Wave: ..." (also "Derived from wave: 1")
    before each table whose header row names key, nl, fr (and codes)."""
    from docx import Document  # heavy: imported on use
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        doc = Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any unreadable file is a format error
        raise FormatError(name, "is not a readable .docx file") from exc
    guides: list[dict[str, Any]] = []
    header: dict[str, str] = {}
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            line = Paragraph(block, doc).text.strip()
            match = re.match(r"(?i)^(type|soort|wave|golf|vague|derived from wave|afgeleid "
                             r"van golf)\s*:\s*(.+)$", line)
            if match:
                word = match.group(1).lower()
                key = ("type" if word in ("type", "soort") else "derived_from"
                       if word.startswith(("derived", "afgeleid")) else "wave")
                header[key] = match.group(2).strip()
        elif tag == "tbl":
            rows = [[c.text.strip() for c in r.cells] for r in DocxTable(block, doc).rows]
            if not rows:
                continue
            columns = [c.lower() for c in rows[0]]
            if "key" not in columns:
                continue
            topics = [{columns[i]: value for i, value in enumerate(row) if i < len(columns)}
                      for row in rows[1:] if any(row)]
            for topic in topics:
                for lang in LANGUAGES:
                    if topic.get(lang):
                        topic[lang] = [q for q in topic[lang].split("\n") if q.strip()]
            guides.append({**header, "topics": topics})
    if not guides:
        raise FormatError(name, "holds no table with a header row key | nl | fr | codes")
    return guides


def read_guides(name: str, data: bytes) -> list[dict[str, Any]]:
    """The guides of a file as data: YAML (one guide, or ``guides:`` a list) or DOCX."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in IMPORTS:
        raise FormatError(name, "is not a topic guide file; use .yaml or .docx")
    if len(data) > MAX_FILE:
        raise Invalid("The topic guide {name} is larger than 5 MB.", name=name)
    if suffix == ".docx":
        return _docx_guides(name, data)
    import yaml

    try:
        parsed = yaml.safe_load(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise Invalid("The topic guide {name} is not valid YAML: {reason}", name=name,
                      reason=str(exc).splitlines()[0]) from exc
    if isinstance(parsed, dict) and isinstance(parsed.get("guides"), list):
        return [g for g in parsed["guides"] if isinstance(g, dict)]
    if isinstance(parsed, dict):
        return [parsed]
    raise Invalid("{name}: a topic guide is a mapping with type, wave and topics.",
                  name=name)


class Guides:
    """Topic guides per interview type and wave, in versions."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def import_(self, source: str | Path | bytes, filename: str | None = None,
                note: str = "") -> builtins.list[GuideSummary]:
        """Import the guides of a file (each a new version of its type and wave), in one
        transaction. A guide may say ``derived_from`` (a wave, or {type, wave}) to be
        compared with that guide's latest version."""
        if isinstance(source, bytes):
            name, data = filename or "guide.yaml", source
        else:
            path = Path(source)
            if not path.is_file():
                raise NotFound("The topic guide {name} does not exist.", name=str(path))
            name, data = filename or path.name, path.read_bytes()
        raws = read_guides(name, data)
        made: builtins.list[tuple[str, str, int]] = []
        with self._p.store.transaction() as tx:
            for i, raw in enumerate(raws, start=1):
                made.append(self._add(tx, raw, f"{name}, guide {i}", name, note))
            journal.record(tx, self._p.actor, "guides.import", source=name,
                           guides=[f"{t} / {w} / v{v}" for t, w, v in made])
        summaries = {(s.guide.type, s.guide.wave, s.guide.version): s for s in self.list()}
        return [summaries[key] for key in made]

    def _add(self, tx: Tx, raw: dict[str, Any], where: str, source: str,
             note: str) -> tuple[str, str, int]:
        kind = " ".join(str(raw.get("type") or "").split())
        if not kind or raw.get("wave") in (None, ""):
            raise Invalid("{where}: a guide names its interview type and wave.", where=where)
        wave = wave_label(raw["wave"])
        topics = parse_topics(raw.get("topics"), where)
        base = raw.get("derived_from")
        base_id = None
        if base not in (None, ""):
            base_type, base_wave = ((str(base.get("type") or kind), wave_label(base.get("wave")))
                                    if isinstance(base, dict) else (kind, wave_label(base)))
            base_id = st.guide_row_id(tx, base_type, base_wave)
            if base_id is None:
                raise NotFound("{where}: there is no guide for {type} in wave {wave} to "
                               "derive from.", where=where, type=base_type, wave=base_wave)
        version = st.add_guide(tx, kind, wave, base_id, source, note or str(raw.get("note")
                                                                          or ""),
                               self._p.actor, [t.as_dict() for t in topics])
        return kind, wave, version

    def list(self) -> builtins.list[GuideSummary]:
        """Every version of every guide, with what it added and removed."""
        with self._p.store.reading() as conn:
            guides = st.list_guides(conn)
        index = {(g.type, g.wave, g.version): g for g in guides}
        return [GuideSummary(g, compare(index.get(g.derived_from) if g.derived_from
                                        else None, g)) for g in guides]

    def get(self, type: str, wave: Any, version: int | None = None) -> Guide:
        """A guide (its latest version unless ``version``)."""
        wave = wave_label(wave)
        with self._p.store.reading() as conn:
            guides = st.list_guides(conn)
        found = (latest(guides, type, wave) if version is None else
                 next((g for g in guides if (g.type, g.wave, g.version) == (type, wave,
                                                                           version)), None))
        if found is None:
            raise NotFound("There is no topic guide for {type} in wave {wave}.", type=type,
                           wave=wave)
        return found

    def changes(self, type: str, wave: Any, version: int | None = None) -> GuideChanges:
        guide = self.get(type, wave, version)
        if guide.derived_from is None:
            return GuideChanges()
        return compare(self.get(*guide.derived_from), guide)

    def export(self, type: str, wave: Any, path: str | Path,
               languages: builtins.list[str] | None = None,
               version: int | None = None) -> Path:
        """Write a guide for the field: .docx (a table of topics, the languages side by
        side, with the linked codes) or .yaml (importable again)."""
        guide = self.get(type, wave, version)
        langs = languages or guide.languages or builtins.list(LANGUAGES)
        for lang in langs:
            if lang not in LANGUAGES:
                raise Invalid("Guides hold {langs}, not {lang!r}.", langs=", ".join(LANGUAGES),
                              lang=lang)
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix in (".yaml", ".yml"):
            import yaml

            data = {"type": guide.type, "wave": guide.wave,
                    "topics": [{"key": t.key, **{f"title_{k}": v for k, v in
                                                 t.titles.items() if k in langs},
                                **{k: builtins.list(v) for k, v in t.questions.items()
                                   if k in langs}, "codes": builtins.list(t.codes)}
                               for t in guide.topics]}
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
            return path
        if suffix != ".docx":
            raise Invalid("Export a topic guide as .docx or .yaml, not {suffix}.",
                          suffix=suffix or path.name)
        from stemmen.formats.study_docx import tables_docx
        from stemmen.formats.tables import Table

        changes = self.changes(type, wave, version)
        rows = [[t.key, *("\n".join([t.titles.get(lang, ""), *t.questions.get(lang, ())])
                          .strip() for lang in langs), ", ".join(t.codes)]
                for t in guide.topics]
        intro = f"Type: {guide.type}\nWave: {guide.wave}\nVersion: {guide.version}"
        if guide.derived_from:
            intro += (f"\nDerived from wave: {guide.derived_from[1]}"
                      f"\nAdded: {', '.join(changes.added) or '-'}"
                      f"\nRemoved: {', '.join(changes.removed) or '-'}")
        path.write_bytes(tables_docx(f"{guide.type}: {guide.wave}", intro,
                                     [Table("guide", "", ["key", *langs, "codes"], rows)]))
        return path

    def coverage(self, document: str | None = None,
                 coders: builtins.list[str] | None = None) -> builtins.list[TopicCoverage]:
        """Per interview (a document whose type and wave have a guide): the topics whose
        codes were coded, and those not coded at all."""
        with self._p.store.reading() as conn:
            names = attribute_names(conn)
            guides = st.list_guides(conn)
            docs = dc.list_documents(conn)
            known = set(cb.code_ids(conn))
            found = []
            for d in docs:
                if document is not None and d.name != document:
                    continue
                kind, wave = (names.first_value(d.attributes, part) for part in ("type",
                                                                                 "wave"))
                if kind is None or wave is None:
                    continue
                guide = latest(guides, str(kind), wave_label(wave))
                if guide is None:
                    continue
                coded = {c.code for c in cd.list_codings(conn, document=d.name,
                                                         coders_=coders)}
                found.append(coverage(d.name, guide, coded & known))
        if document is not None and not found:
            raise NotFound("Document {name!r} has no topic guide for its type and wave.",
                           name=document)
        return found


__all__ = ["GuideSummary", "Guides", "read_guides"]
