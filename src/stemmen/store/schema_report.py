"""The report outline, narrative sections, quote translations and labels; migration 0014.

Tables are defined on the same ``metadata`` as :mod:`stemmen.store.schema`.

- ``report_sections``: the researchers' outline, a tree of chapters and sections (``parent_id``),
  each of a kind (case, objective, across, recommendations, free, method, annex), ordered by
  ``position`` among its siblings.
- ``report_section_texts``: a section's title and Markdown narrative per language.
- ``report_pins``: what a ``{{quote N}}`` or ``{{finding N}}`` said when the narrative was saved,
  so a render can tell a changed or vanished quote.
- ``case_descriptions`` and ``case_objectives``: a case's description per language and its own
  objectives/modules, in order.
- ``quote_translations``: a quote in another language, who translated it and when.
- ``labels``: the name of a case, role, interview type, category, code or finding per language.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text

from stemmen.store.schema import UTCDateTime, metadata


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


report_sections = Table(
    "report_sections", metadata, _id(),
    Column("parent_id", Integer, ForeignKey("report_sections.id", ondelete="CASCADE"),
           nullable=True),
    Column("position", Integer, nullable=False, default=0),
    Column("kind", String(30), nullable=False),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=True),
    Column("objective_id", Integer, ForeignKey("case_objectives.id", ondelete="SET NULL"),
           nullable=True),
    Column("level", String(100), nullable=False, default=""),
    Column("author", String(200), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
)

report_section_texts = Table(
    "report_section_texts", metadata, _id(),
    Column("section_id", Integer, ForeignKey("report_sections.id", ondelete="CASCADE"),
           nullable=False),
    Column("lang", String(10), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("narrative", Text, nullable=False, default=""),
)

report_pins = Table(
    "report_pins", metadata, _id(),
    Column("section_id", Integer, ForeignKey("report_sections.id", ondelete="CASCADE"),
           nullable=False),
    Column("kind", String(10), nullable=False),
    Column("ref", Integer, nullable=False),
    Column("text", Text, nullable=False, default=""),
)

case_descriptions = Table(
    "case_descriptions", metadata, _id(),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("lang", String(10), nullable=False),
    Column("text", Text, nullable=False, default=""),
)

case_objectives = Table(
    "case_objectives", metadata, _id(),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("name", String(200), nullable=False),
    Column("description", Text, nullable=False, default=""),
)

quote_translations = Table(
    "quote_translations", metadata, _id(),
    Column("quote_id", Integer, ForeignKey("quotes.id", ondelete="CASCADE"), nullable=False),
    Column("lang", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("source_text", Text, nullable=False, default=""),
    Column("translator", String(200), nullable=False, default=""),
    Column("machine", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

labels = Table(
    "labels", metadata, _id(),
    Column("kind", String(30), nullable=False),
    Column("name", String(400), nullable=False),
    Column("lang", String(10), nullable=False),
    Column("label", Text, nullable=False),
)

Index("ix_report_sections_parent", report_sections.c.parent_id)
Index("ix_report_section_texts_lang", report_section_texts.c.section_id,
      report_section_texts.c.lang, unique=True)
Index("ix_report_pins_ref", report_pins.c.section_id, report_pins.c.kind, report_pins.c.ref,
      unique=True)
Index("ix_case_descriptions_lang", case_descriptions.c.case_id, case_descriptions.c.lang,
      unique=True)
Index("ix_case_objectives_name", case_objectives.c.case_id, case_objectives.c.name, unique=True)
Index("ix_quote_translations_lang", quote_translations.c.quote_id, quote_translations.c.lang,
      unique=True)
Index("ix_labels_name", labels.c.kind, labels.c.name, labels.c.lang, unique=True)
