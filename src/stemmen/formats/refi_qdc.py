"""REFI-QDA codebooks (.qdc) ⇄ Stemmen categories, codes and code sets.

``read_qdc`` accepts what real tools write (ATLAS.ti, NVivo, MAXQDA, Taguette, QualCoder):
namespace variants, an empty ``<Sets/>``, ``targetGUID`` instead of ``guid`` on MemberCode,
flat lists with ``::`` or ``\\`` paths. ``write_qdc`` writes a file that validates against
the bundled Codebook XSD. ``read_qdc`` returns (categories, codes, report);
``read_qdc_snapshot`` also keeps the code sets. See :mod:`stemmen.formats.refi_codes` for
the code mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml import etree

from stemmen.errors import Invalid
from stemmen.formats.refi_codes import build_tree, read_codes, write_codes
from stemmen.formats.refi_report import ImportReport
from stemmen.formats.refi_xml import (
    CODEBOOK_NS,
    check_root,
    count,
    guid_for,
    kid,
    kid_or_empty,
    kid_text,
    kids,
    norm_guid,
    origin,
    parse_xml,
)
from stemmen.model.codes import Category, Code
from stemmen.model.snapshot import CodeSet, ProjectSnapshot


def read_qdc(name: str, data: bytes) -> tuple[list[Category], list[Code], ImportReport]:
    """Categories and codes of a .qdc, with the import report (sets: see read_qdc_snapshot)."""
    snapshot, report = read_qdc_snapshot(name, data)
    return snapshot.categories, snapshot.codes, report


def read_qdc_snapshot(name: str, data: bytes) -> tuple[ProjectSnapshot, ImportReport]:
    """A codebook as a snapshot holding only categories, codes and code sets, with its report."""
    root = parse_xml(name, data)
    report = ImportReport(file=name, format="qdc")
    check_root(name, root, "CodeBook", "codebook", report)
    codes_el = kid(root, "Codes")
    if codes_el is None:
        report.deviation("The codebook has no Codes element.")
    book = read_codes(codes_el, report, used=set())
    sets = [_read_set(el, book.code_name, report) for el in kids(kid_or_empty(root, "Sets"), "Set")]
    if (sets_el := kid(root, "Sets")) is not None and not len(sets_el):
        report.deviation("The codebook has an empty <Sets/> element (invalid; Taguette does this).")
    report.declared.codes, report.declared.sets = count(root, "Code"), count(root, "Set")
    report.imported.codes, report.imported.sets = book.read, len(sets)
    snapshot = ProjectSnapshot(categories=book.categories, codes=book.codes, sets=sets)
    snapshot.report = report.lines()
    return snapshot, report


def _read_set(
    el: etree._Element, code_name: Callable[[str], str | None], report: ImportReport
) -> CodeSet:
    members = [norm_guid(m.get("guid") or m.get("targetGUID")) for m in kids(el, "MemberCode")]
    if any(m.get("targetGUID") and not m.get("guid") for m in kids(el, "MemberCode")):
        report.deviation("MemberCode uses targetGUID (project style) instead of guid.")
    names = [code_name(g) for g in members]
    missing = sum(1 for n in names if n is None)
    if missing:
        report.note(f"Set {el.get('name')!r}: {missing} member(s) are not codes and were left out.")
    return CodeSet(el.get("name") or "", norm_guid(el.get("guid")), kid_text(el, "Description"),
                   codes=[n for n in names if n is not None])


def write_qdc(
    categories: Sequence[Category], codes: Sequence[Code], sets: Sequence[CodeSet] = ()
) -> bytes:
    """A .qdc that validates against the Codebook XSD; sets keep only their codes."""
    roots, guids = build_tree(list(categories), list(codes))
    if not roots:
        raise Invalid("An empty codebook cannot be exported: a .qdc needs at least one code.")
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS},
                         origin=origin())
    write_codes(etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes"), CODEBOOK_NS, roots)
    code_sets = [s for s in sets if any(c in guids for c in s.codes)]
    if code_sets:
        sets_el = etree.SubElement(root, f"{{{CODEBOOK_NS}}}Sets")
        for code_set in code_sets:
            el = etree.SubElement(sets_el, f"{{{CODEBOOK_NS}}}Set", name=code_set.name,
                                  guid=norm_guid(code_set.guid) or guid_for("set", code_set.name))
            if code_set.description:
                etree.SubElement(el, f"{{{CODEBOOK_NS}}}Description").text = code_set.description
            for code in dict.fromkeys(c for c in code_set.codes if c in guids):
                etree.SubElement(el, f"{{{CODEBOOK_NS}}}MemberCode", guid=guids[code])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
