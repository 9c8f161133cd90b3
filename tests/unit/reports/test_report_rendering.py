"""ReportData → md, html, docx, xlsx: opened again and checked, in three languages."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from stemmen.errors import Invalid
from stemmen.reports import content as rc
from stemmen.reports import format_for, render
from stemmen.reports.charts import bar_chart, heatmap

QUOTE = rc.QuoteItem("[Naam hulpverlener] hielp mij <b>altijd</b> & snel.",
                     "(Eindgebruiker, OCMW A)", "T-mondeling", "FG A 1")
DATA = rc.ReportData(
    title="Kleine studie", lang="nl", case=None, cases=["OCMW A", "OCMW B"], documents=3,
    participants=3, coders=["an", "bert"], first_date="2021-06-01", last_date="2021-10-01",
    waves=["1", "2"], interview_types=[("Focusgroep", 2), ("Individueel", 1)],
    categories=["Taal"],
    codes=[rc.CodeItem("Taal", "T-mondeling", "Spreken.", 5, 3),
           rc.CodeItem("Taal", "T-schriftelijk", "Schrijven.", 0, 0)],
    profiles=[rc.ProfileTable("country_of_birth", [("Syrië", 2), ("Irak", 1)], 3, 3)],
    ages=[rc.AgeRow("man", 2, 1, 34.93)], ages_covered=2, ages_total=3,
    matrix=rc.MatrixData(["T-mondeling", "T-schriftelijk"], ["OCMW A", "OCMW B"],
                         [[3, 2], [0, 0]], [5, 0], [5, 2], "segments"),
    sections=[rc.CategorySection("Taal", [rc.FindingItem(
        "Taal verbetert", "good_practice", "", "OCMW A", "", 3, 1, ["Eindgebruiker"],
        ["OCMW A"], ["1"], ["single interview", "single role"], [QUOTE])])],
    interviews=[rc.InterviewItem("FG A 1", "Focusgroep", "Eindgebruiker (2)", "OCMW A",
                                 "2021-06-01", "1")],
    reliability=rc.ReliabilityFigure("Cohen's kappa", 0.8, ["an", "bert"], 102, 12),
)


def test_markdown_has_tables_quotes_and_dutch_labels():
    files = render(DATA, "md", "rapport")
    text = files["rapport.md"].decode("utf-8")
    assert "## Methode" in text and "**Tabel 1: Deelnemers en gemiddelde leeftijd" in text
    assert "| man | 2 | 34,93 | 1 |" in text
    assert "*Omvat 2 van de 3 deelnemers.*" in text
    assert "| T-mondeling | 3 | 2 | 5 |" in text and "| T-schriftelijk | 0 | 0 | 0 |" not in text
    assert "> [Naam hulpverlener] hielp mij <b>altijd</b> & snel. *(Eindgebruiker, OCMW A)*" in text
    assert "Deze bevinding steunt op één enkel interview." in text
    assert "Cohen's kappa 0,80 (an / bert, 102 eenheden, 12 verschillen)" in text
    assert "![Figuur 1: Frequentie van de codes](rapport-figures/code-frequencies.svg)" in text
    assert files["rapport-figures/code-matrix.svg"].startswith(b"<?xml")
    assert files["rapport-figures/code-matrix.png"].startswith(b"\x89PNG")


def test_html_escapes_data_and_embeds_figures():
    html = render(DATA, "html")["report.html"].decode("utf-8")
    assert '<html lang="nl">' in html
    assert "hielp mij &lt;b&gt;altijd&lt;/b&gt; &amp; snel." in html
    assert html.count('src="data:image/svg+xml;base64,') == 2
    assert "<td class=\"num\">3</td>" in html


@pytest.mark.parametrize(("lang", "label"), [("en", "Code frequencies"),
                                             ("fr", "Fréquence des codes")])
def test_labels_follow_the_language_and_data_stay(lang, label):
    data = rc.ReportData(**{**DATA.__dict__, "lang": lang})
    text = render(data, "md")["report.md"].decode("utf-8")
    assert f"## {label}" in text and "Taal verbetert" in text and "(Eindgebruiker, OCMW A)" in text


def test_same_data_give_byte_identical_markdown_html_and_figures():
    assert render(DATA, "md") == render(DATA, "md")
    assert render(DATA, "html") == render(DATA, "html")


def test_docx_holds_the_tables_figures_and_quotes():
    document = docx.Document(io.BytesIO(render(DATA, "docx")["report.docx"]))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    matrix = next(t for t in tables if t[0][:3] == ["Code", "OCMW A", "OCMW B"])
    assert matrix[1] == ["T-mondeling", "3", "2", "5"]
    assert len(document.inline_shapes) == 2
    text = "\n".join(p.text for p in document.paragraphs)
    assert QUOTE.text + " " + QUOTE.attribution in text
    assert document.core_properties.title == "Kleine studie"


def test_xlsx_has_one_sheet_per_table_and_the_findings():
    book = openpyxl.load_workbook(io.BytesIO(render(DATA, "xlsx")["report.xlsx"]))
    assert {"report", "ages", "country_of_birth", "frequencies", "matrix", "interviews",
            "codebook", "findings", "figures"} <= set(book.sheetnames)
    matrix = [list(r) for r in book["matrix"].iter_rows(min_row=3, values_only=True)][:2]
    assert matrix == [["Code", "OCMW A", "OCMW B", "Totaal"], ["T-mondeling", 3, 2, 5]]
    finding = list(book["findings"].iter_rows(min_row=2, values_only=True))[0]
    assert finding[1] == "Taal verbetert" and QUOTE.attribution in finding[5]


def test_format_comes_from_the_extension_unless_given():
    assert format_for("x.DOCX") == "docx" and format_for("x.txt", "pdf") == "pdf"
    with pytest.raises(Invalid):
        format_for("x.txt")
    with pytest.raises(Invalid):
        format_for("x.md", "rtf")


def test_charts_are_deterministic_in_both_formats():
    one, two = (bar_chart("f", "Titel", ["a", "b"], [3, 1], "n") for _ in range(2))
    assert one.svg == two.svg and one.png == two.png and "<dc:date>" not in one.svg
    grid = heatmap("m", "Titel", ["a"], ["X", "Y"], [[1, 2]])
    assert ">X<" in grid.svg or "X</text>" in grid.svg


def test_word_excel_and_pdf_files_repeat_byte_for_byte():
    for fmt in ("docx", "xlsx", "pdf"):
        assert render(DATA, fmt) == render(DATA, fmt), fmt


def test_the_pdf_embeds_raster_figures_and_the_html_vector_ones():
    from stemmen.reports.html_page import write_html
    from stemmen.reports.outline import outline

    blocks = outline(DATA)
    assert write_html(blocks, "nl", raster=True).count('src="data:image/png;base64,') == 2
    assert write_html(blocks, "nl").count('src="data:image/svg+xml;base64,') == 2


def test_a_report_of_several_cases_has_one_part_per_case_and_the_codebook_once():
    one = rc.ReportData(**{**DATA.__dict__, "case": "OCMW A", "cases": ["OCMW A"]})
    two = rc.ReportData(**{**DATA.__dict__, "case": "OCMW B", "cases": ["OCMW B"]})
    files = render(rc.CaseReports("Twee casussen", "nl", [one, two]), "md", "r")
    text = files["r.md"].decode("utf-8")
    assert text.startswith("# Twee casussen\n\nRapport over OCMW A, OCMW B\n")
    assert text.index("\n## OCMW A\n") < text.index("\n### Methode\n") < text.index(
        "\n## OCMW B\n")
    assert text.count("Bijlage 2: Codeboek") == 1
    assert text.count("Bijlage 1: Overzicht afgenomen interviews") == 2
    assert {"r-figures/case1-code-matrix.svg", "r-figures/case2-code-matrix.png"} <= set(files)
    assert "Tabel 8:" in text  # tables numbered on through the parts


def test_chart_shapes_fit_their_labels_and_scale():
    from stemmen.reports.charts import blue, nice_step, wrap
    from stemmen.reports.drawing import Text, text_width

    chart = bar_chart("f", "Titel", ["een heel lange codenaam", "b"], [120, 3], "Segmenten")
    labels = [s for s in chart.shapes if isinstance(s, Text) and s.anchor == "end"]
    assert all(s.x - text_width(s.text, s.size) >= 0 for s in labels)
    ticks = [s.text for s in chart.shapes if isinstance(s, Text) and s.anchor == "middle"][:-1]
    assert ticks == ["0", "50", "100"]  # a round step, the scale a little past the largest
    assert nice_step(7) == 2 and nice_step(129.6) == 50 and nice_step(0) == 1
    assert blue(0) == "#f7fbff" and blue(1) == "#08306b"
    assert wrap("Focusgroep eindgebruikers", 60) == ["Focusgroep", "eindgebruikers"]
    assert chart.png.startswith(b"\x89PNG") and b"een heel lange codenaam" in chart.svg.encode()
