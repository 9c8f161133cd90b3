"""Round trips through REFI-QDA: snapshot → .qdpx/.qdc → snapshot, validated against the XSDs.

The documents below are synthetic (made up for these tests), in Dutch and French, with
accents and emoji outside the Basic Multilingual Plane, so code points ≠ UTF-16 units.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace

from stemmen.formats.refi_qdc import read_qdc, read_qdc_snapshot, write_qdc
from stemmen.formats.refi_qdpx import read_qde, read_qdpx, write_qdpx
from stemmen.formats.refi_xml import validate_qdc, validate_qde
from stemmen.model.codes import Category, Code
from stemmen.model.codings import Coding, Memo
from stemmen.model.documents import AttributeDef, AttributeType, Case, Document
from stemmen.model.snapshot import CodeSet, ExternalFile, ProjectSnapshot

UTC = dt.UTC
NL = ("SYNTHETISCH TRANSCRIPT (test)\nInterviewer: Hoe verliep de begeleiding?\n"
      "Eindgebruiker: De tolk hielp veel 🙂, maar de wachttijd was lang 😞.\n"
      "Eindgebruiker: Ik voel me thuis in Gent 🏠 — café, naïef, één.")
FR = ("TRANSCRIPTION SYNTHÉTIQUE (test)\nBénéficiaire : L'accompagnement était très utile 👍.\n"
      "Bénéficiaire : Les cours de français à Liège m'ont aidé 🇧🇪 énormément.")


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def make_snapshot() -> ProjectSnapshot:
    t0 = dt.datetime(2021, 6, 1, 10, 30, tzinfo=UTC)
    tolk, wacht, thuis = span(NL, "De tolk hielp veel 🙂"), span(NL, "wachttijd was lang 😞"), span(
        NL, "thuis in Gent 🏠")
    cours = span(FR, "Les cours de français à Liège m'ont aidé 🇧🇪")
    return ProjectSnapshot(
        name="AMIF-42 synthetisch",
        coders=["an", "bert"],
        categories=[
            Category("Randvoorwaarden", "0f8a1907-7e42-4739-8610-a676b4d1b69f", "Voorwaarden."),
            Category("Taal", "", "Taalsteun", parent="Randvoorwaarden"),
        ],
        codes=[
            Code("R-tolk", "85d17f60-7bb0-481e-b742-b4861dd669df", "Taal", "Inzet van tolken.",
                 "#4e79a7"),
            Code("R-wachttijd", "", "Randvoorwaarden", "Wachten op hulp.", "#f28e2b"),
            Code("Effecten", "", None, "Codeerbare ouder.", ""),
            Code("E-thuisgevoel", "", None, "Zich thuis voelen — « chez soi ».", "#e15759",
                 parent="Effecten"),
            Code("Z-overig", "", None, "", ""),
        ],
        attributes=[
            AttributeDef("OCMW", AttributeType.TEXT, applies_to="case"),
            AttributeDef("deelnemers", AttributeType.NUMBER, applies_to="case"),
            AttributeDef("score", AttributeType.NUMBER, applies_to="case"),
            AttributeDef("start", AttributeType.DATE, applies_to="case"),
            AttributeDef("golf", AttributeType.NUMBER, applies_to="document"),
            AttributeDef("tolk aanwezig", AttributeType.BOOLEAN, applies_to="document"),
            AttributeDef("taal", AttributeType.TEXT, applies_to="document"),
            AttributeDef("afgenomen", AttributeType.DATE, applies_to="document"),
        ],
        cases=[
            Case("OCMW Gent", "", "Stad Gent", {"OCMW": "Gent", "deelnemers": 12, "score": 0.75,
                                                 "start": dt.date(2021, 1, 15)}),
            Case("CPAS Liège", "", "", {"OCMW": "Liège", "deelnemers": 9}),
        ],
        documents=[
            Document("FG Gent — ronde 1", NL, case="OCMW Gent",
                     attributes={"golf": 1, "tolk aanwezig": True, "taal": "nl",
                                 "afgenomen": dt.datetime(2021, 5, 28, 14, 0, tzinfo=UTC)}),
            Document("Entretien Liège", FR, "5215cc69-4f31-4b6e-9a40-9c1d6e2f7a11",
                     case="CPAS Liège", attributes={"golf": 2, "taal": "fr"}),
        ],
        codings=[
            Coding("FG Gent — ronde 1", *tolk, "R-tolk", "an", t0, "2f24ea88-c6a7-482b-8f89-"
                   "893ef66d7a21"),
            Coding("FG Gent — ronde 1", *tolk, "R-tolk", "bert", t0),
            Coding("FG Gent — ronde 1", *tolk, "Effecten", "an"),
            Coding("FG Gent — ronde 1", *wacht, "R-wachttijd", "an", t0),
            Coding("FG Gent — ronde 1", *thuis, "E-thuisgevoel", "bert", t0),
            Coding("Entretien Liège", *cours, "R-tolk", "an", t0),
            Coding("Entretien Liège", 0, len(FR), "Z-overig", "bert"),
        ],
        memos=[
            Memo("Projectmemo: synthetische data.", "an", "Over dit project", created_at=t0),
            Memo("Doc memo é 🙂", "bert", "Indruk", document="FG Gent — ronde 1"),
            Memo("Segment memo", "an", "", document="FG Gent — ronde 1", start=wacht[0],
                 end=wacht[1]),
            Memo("Segment zonder codering", "an", "los", document="Entretien Liège", start=0,
                 end=10),
            Memo("Over deze codering", "bert", "", document="FG Gent — ronde 1",
                 start=tolk[0], end=tolk[1], code="R-tolk"),
            Memo("Codememo: tolk", "an", "Definitie", code="R-tolk"),
        ],
        sets=[
            CodeSet("Golf 1", "", "Eerste golf", documents=["FG Gent — ronde 1"]),
            CodeSet("Randcodes", "", "", codes=["R-tolk", "R-wachttijd"],
                    documents=["Entretien Liège"]),
        ],
        files=[
            ExternalFile("foto.png", "internal://x.png", "picture", b"\x89PNG fake", "", 0),
            ExternalFile("verslag.pdf", "relative:///verslag.pdf", "pdf", b"", "", 0),
        ],
    )


def unpack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def with_guids(expected: ProjectSnapshot, got: ProjectSnapshot) -> ProjectSnapshot:
    """``expected`` with the GUIDs the writer generated filled in from ``got``."""
    def fill(items: list, others: list, key) -> list:  # noqa: ANN001
        found = {key(o): o.guid for o in others}
        return [replace(i, guid=i.guid or found.get(key(i), "")) for i in items]

    return replace(
        expected,
        categories=fill(expected.categories, got.categories, lambda c: c.name),
        codes=fill(expected.codes, got.codes, lambda c: c.name),
        cases=fill(expected.cases, got.cases, lambda c: c.name),
        documents=fill(expected.documents, got.documents, lambda d: d.name),
        codings=fill(expected.codings, got.codings,
                     lambda c: (c.document, c.start, c.end, c.code, c.coder)),
        memos=fill(expected.memos, got.memos, lambda m: (m.text, m.title)),
        sets=fill(expected.sets, got.sets, lambda s: s.name),
        files=fill(expected.files, got.files, lambda f: f.name),
    )


def key(items: list) -> list:
    return sorted(items, key=repr)


def test_snapshot_survives_a_qdpx_round_trip() -> None:
    original = make_snapshot()
    data = write_qdpx(original)
    files = unpack(data)
    assert validate_qde(files["project.qde"]) == []
    again, report = read_qdpx("round.qdpx", data)
    expected = with_guids(original, again)
    assert again.name == original.name
    assert again.coders == original.coders
    assert key(again.categories) == key(expected.categories)
    assert again.codes == expected.codes
    assert key(again.attributes) == key(expected.attributes)
    assert again.cases == expected.cases
    assert [replace(d, source_path="") for d in again.documents] == expected.documents
    assert key(again.codings) == key(expected.codings)
    assert key(again.memos) == key(expected.memos)
    assert again.sets == expected.sets
    assert [(f.name, f.kind, f.data) for f in again.files] == [
        (f.name, f.kind, f.data) for f in original.files]
    assert report.declared == report.imported
    assert report.valid is True


def test_export_writes_plain_text_sources_as_utf8_lf_without_bom() -> None:
    snapshot = make_snapshot()
    files = unpack(write_qdpx(snapshot))
    texts = {k: v for k, v in files.items() if k.endswith(".txt")}
    assert all(k.startswith("sources/") and k.count("/") == 1 for k in texts)
    assert sorted(v.decode("utf-8") for v in texts.values()) == sorted([NL, FR])
    assert not any(v.startswith(b"\xef\xbb\xbf") or b"\r" in v for v in texts.values())
    assert "sources/" + snapshot.documents[1].guid + ".txt" in files


def test_export_counts_code_points_and_utf16_option_counts_units() -> None:
    snapshot = make_snapshot()
    phrase = "thuis in Gent 🏠"
    start, end = span(NL, phrase)
    assert f'startPosition="{start}" endPosition="{end}"' in unpack(write_qdpx(snapshot))[
        "project.qde"].decode()
    units = NL.encode("utf-16-le")
    u_start = len(NL[:start].encode("utf-16-le")) // 2
    u_end = u_start + len(phrase.encode("utf-16-le")) // 2
    assert units[2 * u_start:2 * u_end].decode("utf-16-le") == phrase
    nvivo = write_qdpx(snapshot, utf16=True)
    assert f'startPosition="{u_start}" endPosition="{u_end}"' in unpack(nvivo)[
        "project.qde"].decode()
    again, report = read_qdpx("nvivo.qdpx", nvivo)
    doc = next(d for d in again.documents if d.name == "FG Gent — ronde 1")
    assert any(doc.text[c.start:c.end] == phrase for c in again.codings)
    assert report.offsets["FG Gent — ronde 1"].startswith("UTF-16")


def test_export_is_deterministic() -> None:
    assert write_qdpx(make_snapshot()) == write_qdpx(make_snapshot())


def test_categories_become_non_codable_parents_and_parent_codes_stay_codable() -> None:
    qde = unpack(write_qdpx(make_snapshot()))["project.qde"].decode()
    assert 'name="Randvoorwaarden" isCodable="false"' in qde
    assert 'name="Effecten" isCodable="true"' in qde
    assert qde.count('name="Effecten"') == 1


def test_a_category_named_as_a_code_is_that_code_and_comes_back_nested() -> None:
    """Older projects kept a parent code as a category and a code of the same name."""
    data = write_qdc([Category("Effecten")], [Code("Effecten"), Code("E-x", category="Effecten")])
    assert data.decode().count('name="Effecten"') == 1
    categories, codes, _ = read_qdc("old.qdc", data)
    assert categories == [] and [(c.name, c.parent) for c in codes] == [
        ("Effecten", None), ("E-x", "Effecten")]


def test_a_three_level_code_tree_round_trips_in_qdc_and_qdpx() -> None:
    codes = [
        Code("A-activering", category="Activering", definition="Naar werk of opleiding."),
        Code("A-werk", parent="A-activering", category="Activering", colour="#59a14f"),
        Code("A-sollicitatie", parent="A-werk", category="Activering",
             definition="Solliciteren, met hulp."),
        Code("A-opleiding", parent="A-activering", category="Activering"),
        Code("Z-andere"),
    ]
    categories = [Category("Activering", description="Wat deelnemers doen.")]
    data = write_qdc(categories, codes)
    assert validate_qdc(data) == []
    got_categories, got_codes, _ = read_qdc("tree.qdc", data)
    strip = [(c.name, c.parent, c.category, c.definition, c.colour) for c in codes]
    assert [(c.name, c.parent, c.category, c.definition, c.colour) for c in got_codes] == strip
    assert [(c.name, c.description) for c in got_categories] == [
        ("Activering", "Wat deelnemers doen.")]
    snap = ProjectSnapshot(name="boom", categories=categories, codes=codes)
    again, _ = read_qdpx("tree.qdpx", write_qdpx(snap))
    assert [(c.name, c.parent, c.category, c.definition, c.colour) for c in again.codes] == strip


def test_bare_qde_reads_with_its_source_files() -> None:
    files = unpack(write_qdpx(make_snapshot()))
    sources = {k: v for k, v in files.items() if k.startswith("sources/")}
    snapshot, report = read_qde("project.qde", files["project.qde"], sources)
    assert len(snapshot.documents) == 2
    assert report.imported.codings == report.declared.codings == 7


def test_writer_reports_what_it_cannot_write() -> None:
    snapshot = make_snapshot()
    snapshot.codings.append(Coding("FG Gent — ronde 1", 0, 10_000, "R-tolk", "an"))
    snapshot.files.append(ExternalFile("notes.docx", "", "docx", b"x"))
    warnings: list[str] = []
    data = write_qdpx(snapshot, warnings=warnings)
    assert validate_qde(unpack(data)["project.qde"]) == []
    assert any("outside the text" in w for w in warnings)
    assert any("notes.docx" in w for w in warnings)


def test_codebook_survives_a_qdc_round_trip() -> None:
    original = make_snapshot()
    data = write_qdc(original.categories, original.codes, original.sets)
    assert validate_qdc(data) == []
    again, report = read_qdc_snapshot("codebook.qdc", data)
    expected = with_guids(original, again)
    assert again.codes == expected.codes
    assert key(again.categories) == key(expected.categories)
    assert [(s.name, s.codes) for s in again.sets] == [("Randcodes", ["R-tolk", "R-wachttijd"])]
    categories, codes, _ = read_qdc("codebook.qdc", data)
    assert (categories, codes) == (again.categories, again.codes)
    assert report.valid is True


def test_nested_categories_restore_the_hierarchy() -> None:
    categories = [Category("A"), Category("B", parent="A"), Category("C", parent="B")]
    codes = [Code("x", category="C"), Code("y", category="A")]
    data = write_qdc(categories, codes)
    assert validate_qdc(data) == []
    got_categories, got_codes, _ = read_qdc("c.qdc", data)
    assert [(c.name, c.parent) for c in got_categories] == [("A", None), ("B", "A"), ("C", "B")]
    assert [(c.name, c.category) for c in got_codes] == [("x", "C"), ("y", "A")]
