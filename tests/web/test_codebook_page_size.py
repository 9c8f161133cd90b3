"""The codebook page grows linearly with the number of codes: the "Move to…" and "Merge
into" lists are sent once (#code-choices), not repeated in every code's Edit panel."""

from __future__ import annotations

import json
import re
from pathlib import Path

from starlette.testclient import TestClient

import stemmen
from stemmen.web import WebSettings, create_app


def _codebook_csv(n: int) -> bytes:
    """``n`` codes in 10 categories; three of every four codes past the 40th nest under an
    earlier code, so the tree has depth."""
    rows = ["category,code,definition,parent"]
    for i in range(n):
        parent = f"Code {i // 4:03d}" if i >= 40 and i % 4 else ""
        rows.append(f"Categorie {i % 10},Code {i:03d},Definitie van code {i},{parent}")
    return ("\n".join(rows) + "\n").encode()


def _page(tmp_path: Path, n: int) -> str:
    project = stemmen.create_project(tmp_path / f"codes-{n}.stemmen", actor="an")
    try:
        plan = project.codebook.import_(_codebook_csv(n), "codes.csv")
        assert plan.counts["added"] == n
        settings = WebSettings(csrf="t", token=None, allowed_hosts=("testserver",))
        response = TestClient(create_app(project, settings)).get("/codebook")
        assert response.status_code == 200
        return response.text
    finally:
        project.close()


def test_the_codebook_page_grows_linearly_with_the_codes(tmp_path: Path) -> None:
    small, large = _page(tmp_path, 100), _page(tmp_path, 400)
    # quadratic growth would make the 400-code page about 16 times the 100-code page
    assert len(large) / len(small) < 4.5, (len(small), len(large))
    assert len(large.encode()) < 400 * 6_000
    # every Edit panel's lists are empty in the HTML; the choices are there once
    assert large.count('<option value="code:') == 0
    assert large.count('data-choices="others"') == 400
    found = re.search(r'<script type="application/json" id="code-choices">(.*?)</script>',
                      large, re.S)
    assert found
    choices = json.loads(found.group(1))
    assert len(choices["codes"]) == 400
    assert choices["categories"] == [f"Categorie {i}" for i in range(10)]
    nested = next(c for c in choices["codes"] if c["name"] == "Code 041")
    assert nested["parent"] == "Code 010" and nested["path"][-2:] == ["Code 010", "Code 041"]
