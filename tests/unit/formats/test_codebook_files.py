"""Codebook files: the AMIF-42 CSV, YAML, round trips and located errors."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from stemmen.errors import FormatError
from stemmen.formats.codebook_files import (
    read_codebook,
    write_codebook_csv,
    write_codebook_yaml,
)
from stemmen.model.codes import Category, Code

# The published codebook as the package ships it for the demo (copied unchanged: its NOTE.md).
AMIF42 = resources.files("stemmen.demo").joinpath("data", "codebook.csv")

CATEGORIES = [
    Category("Impact"),
    Category("Randvoorwaarden OCMW's", description="Wat het OCMW vooraf regelt.", parent="Impact"),
    Category("Zonder codes"),
]
CODES = [
    Code(
        "R-tolk",
        category="Randvoorwaarden OCMW's",
        definition='Er wordt gebruik gemaakt van een tolk, "of niet".',
        colour="#4e79a7",
    ),
    Code("R-oriëntatie", category="Randvoorwaarden OCMW's", definition="Voortraject;\nmet ; en ,"),
    Code("Z-andere", definition="Buiten elke categorie.", colour="#e15759"),
]


def test_the_published_amif42_codebook_reads_as_39_codes_in_11_categories() -> None:
    categories, codes = read_codebook("codebook.csv", AMIF42.read_bytes())
    assert len(categories) == 11
    assert len(codes) == 39
    assert categories[0] == Category("Randvoorwaarden OCMW's")
    assert codes[0].name == "R-oriëntatie"
    assert codes[0].category == "Randvoorwaarden OCMW's"
    assert codes[0].definition.startswith("Er wordt een voorbereidende oriëntatie gedaan")


def test_csv_round_trip_keeps_everything() -> None:
    text = write_codebook_csv(CATEGORIES, CODES)
    assert text.splitlines()[0] == ("category,code,definition,inclusion,exclusion,example,"
                                    "parent,colour,category_parent,category_description")
    assert read_codebook("cb.csv", text.encode()) == (CATEGORIES, CODES)


def test_yaml_round_trip_keeps_everything() -> None:
    text = write_codebook_yaml(CATEGORIES, CODES)
    assert read_codebook("cb.yaml", text.encode()) == (CATEGORIES, CODES)
    doc = yaml.safe_load(text)
    assert doc["categories"][1]["codes"][0] == {
        "name": "R-tolk",
        "definition": CODES[0].definition,
        "colour": "#4e79a7",
    }
    assert doc["codes"] == [
        {"name": "Z-andere", "definition": "Buiten elke categorie.", "colour": "#e15759"}
    ]


def test_a_code_in_an_unlisted_category_gets_that_category() -> None:
    codes = [Code("A-x", category="Nieuw")]
    for writer, ext in ((write_codebook_csv, "csv"), (write_codebook_yaml, "yml")):
        assert read_codebook(f"cb.{ext}", writer([], codes).encode()) == (
            [Category("Nieuw")],
            codes,
        )


def test_csv_headers_are_case_insensitive_and_may_be_dutch() -> None:
    text = "Categorie;Code;Definitie;Kleur\nMethodieken;M-artistiek;Artistiek.;#ABCDEF\n"
    categories, codes = read_codebook("codeboek.csv", text.encode("cp1252"))
    assert categories == [Category("Methodieken")]
    assert codes == [
        Code("M-artistiek", category="Methodieken", definition="Artistiek.", colour="#abcdef")
    ]


def test_duplicate_code_in_csv_is_an_error_with_its_line() -> None:
    text = "category,code,definition\nA,A-een,x\nA,A-twee,y\nB,A-een,z\n"
    with pytest.raises(FormatError, match=r"code 'A-een' twice \(first on line 2\)") as info:
        read_codebook("cb.csv", text.encode())
    assert (info.value.file, info.value.line) == ("cb.csv", 4)


def test_duplicate_code_in_yaml_is_an_error_with_its_line() -> None:
    text = """\
categories:
  - name: A
    codes:
      - name: A-een
      - name: A-twee
codes:
  - name: A-een
"""
    with pytest.raises(FormatError, match="code 'A-een' twice") as info:
        read_codebook("cb.yaml", text.encode())
    assert info.value.line == 7


def test_bad_colour_and_empty_name_are_errors_with_their_line() -> None:
    with pytest.raises(FormatError, match="#rrggbb") as info:
        read_codebook("cb.csv", b"category,code,colour\nA,A-een,rood\n")
    assert info.value.line == 2
    with pytest.raises(FormatError, match="category without a name") as info:
        read_codebook("cb.yaml", b"categories:\n  - description: x\n")
    assert info.value.line == 2


def test_a_category_with_two_parents_is_an_error() -> None:
    text = "category,code,category_parent\nA,A-een,P\nA,A-twee,Q\n"
    with pytest.raises(FormatError, match="two parents") as info:
        read_codebook("cb.csv", text.encode())
    assert info.value.line == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("categories: [unclosed", "not valid YAML"),
        ("- just\n- a list\n", "should hold a mapping"),
        ("categories: 3\n", "'categories' should be a list of mappings"),
        ("codes:\n  - name: [a, b]\n", "'name' should be text"),
    ],
)
def test_malformed_yaml_is_refused(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_codebook("cb.yaml", text.encode())


def test_yaml_is_read_safely_without_python_objects() -> None:
    with pytest.raises(FormatError, match="not valid YAML"):
        read_codebook("cb.yaml", b"categories: !!python/object/apply:os.system ['echo hi']\n")


def test_missing_code_column_and_unknown_extension_are_refused() -> None:
    with pytest.raises(FormatError, match="no 'code' column"):
        read_codebook("cb.csv", b"category,definition\nA,x\n")
    with pytest.raises(FormatError, match="not a codebook file"):
        read_codebook("cb.json", b"{}")
