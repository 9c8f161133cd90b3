"""Hostile files of every exchange format through ``stemmen exchange import``: each is refused
with exit code 2 and one sentence that names the file, never a traceback or an
"Unexpected error", and no project is left behind."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stemmen.cli import app

RUNNER = CliRunner()
PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
TRUNCATED = (f'<?xml version="1.0" encoding="UTF-8"?><Project xmlns="{PROJECT_NS}" name="x">'
             '<Users><User guid="')


def zipped(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


XML_CASES: dict[str, tuple[bytes, str]] = {
    "a lone <": (b"<", "no root element"),
    "< then words": (b"< not xml at all", "no root element"),
    "prolog and comment only": (b'<?xml version="1.0"?><!-- nothing -->', "root element"),
    "truncated XML": (TRUNCATED.encode(), "not well-formed XML"),
    "unclosed element": (f'<Project xmlns="{PROJECT_NS}"><Users>'.encode(),
                         "not well-formed XML"),
    "HTML": (b"<html><body>hello</body></html>", "<html>"),
    "a DTD": (b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "DTD"),
    "not UTF-8": (b'<?xml version="1.0" encoding="UTF-8"?><x>caf\xe9</x>', ""),
}

CASES: list[tuple[str, str, bytes, str]] = [
    *[("qdpx", name, data, phrase) for name, (data, phrase) in XML_CASES.items()],
    *[("qde", name, data, phrase) for name, (data, phrase) in XML_CASES.items()],
    *[("qdc", name, data, "") for name, (data, _) in XML_CASES.items()],
    ("qdpx", "not a zip", b"plain text, no archive", "not a .qdpx (ZIP) archive"),
    ("qdpx", "empty file", b"", "is empty"),
    ("qdpx", "blank file", b"  \n ", "is empty"),
    ("qdpx", "zip without project.qde", zipped({"sources/a.txt": "x"}), "no project.qde"),
    ("qdpx", "zip with truncated XML", zipped({"project.qde": TRUNCATED}), "well-formed"),
    ("qdpx", "zip with a lone <", zipped({"project.qde": "<"}), "no root element"),
    ("qdpx", "zip with a codebook", zipped({"project.qde": (
        f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes/></CodeBook>')}), "codebook"),
    ("qdpx", "zip with an empty project.qde", zipped({"project.qde": ""}), "empty"),
    ("qdpx", "cut-off zip", zipped({"project.qde": TRUNCATED * 50})[:120], "ZIP"),
    ("qdc", "a project given as codebook", f'<Project xmlns="{PROJECT_NS}" name="p"/>'.encode(),
     "project"),
    ("qdc", "empty codebook file", b"", "empty"),
    ("qde", "a codebook given as project", f'<CodeBook xmlns="{CODEBOOK_NS}"/>'.encode(),
     "codebook"),
]


@pytest.mark.parametrize(("ext", "name", "data", "phrase"), CASES,
                         ids=[f"{ext}: {name}" for ext, name, _, _ in CASES])
def test_a_hostile_exchange_file_is_refused_in_one_sentence(
        tmp_path: Path, ext: str, name: str, data: bytes, phrase: str) -> None:
    source = tmp_path / f"hostile.{ext}"
    source.write_bytes(data)
    project = tmp_path / "new.stemmen"
    result = RUNNER.invoke(app, ["exchange", "import", str(project), str(source)])
    output = result.output.strip()
    assert result.exit_code == 2, output
    assert "Traceback" not in output and "Unexpected error" not in output
    assert output.startswith("Error: ") and "hostile." + ext in output
    assert len(output.splitlines()) == 1, output
    assert phrase in output
    assert not project.exists()  # a failed import leaves no project behind
