"""REFI-QDA codebooks (.qdc) ⇄ Stemmen categories, codes and code sets.

``read_qdc`` accepts what real tools write (ATLAS.ti, NVivo, MAXQDA, Taguette, QualCoder):
namespace variants, an empty ``<Sets/>``, ``targetGUID`` instead of ``guid`` on MemberCode,
flat lists with ``::`` or ``\\`` paths. ``write_qdc`` (the one REFI-QDA writer, in
:mod:`refi_stream` and :mod:`refi_write`) writes a file that validates against the bundled
Codebook XSD. ``read_qdc`` returns (categories, codes, report);
``read_qdc_snapshot`` also keeps the code sets. See :mod:`stemmen.formats.refi_codes` for
the code mapping.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from stemmen.formats.refi_codes import read_codes
from stemmen.formats.refi_report import ImportReport
from stemmen.formats.refi_stream import write_qdc
from stemmen.formats.refi_xml import (
    check_root,
    count,
    kid,
    kid_or_empty,
    kid_text,
    kids,
    norm_guid,
    parse_xml,
)
from stemmen.model.codes import Category, Code
from stemmen.model.snapshot import CodeSet, ProjectSnapshot

__all__ = ["read_qdc", "read_qdc_snapshot", "write_qdc"]


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
