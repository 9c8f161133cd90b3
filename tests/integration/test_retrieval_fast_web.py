"""``GET /api/retrieve`` answers the bytes the standard-library JSON path would (orjson, dicts
made without Segments), for every filter of the query string, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient
from test_retrieval_fast import CASES, CODES, oracle, random_project

from stemmen.project import retrieval
from stemmen.web import WebSettings, create_app
from stemmen.web.rendering import JSON, PlainJSON

ASKED = [
    [("code", CODES[0])],
    [("code", CODES[1]), ("code", CODES[2]), ("context", "1")],
    [("code", CODES[0]), ("case", CASES[0]), ("case", CASES[1]), ("coder", "an")],
    [("code", CODES[3]), ("document", "doc-01"), ("document", "doc-04")],
    [("code", CODES[4]), ("attr", "wave=2"), ("attr", "wave=3"), ("attr", "online=true")],
    [("code", CODES[0]), ("code", CODES[1]), ("mode", "and")],
    [("code", CODES[0]), ("code", CODES[1]), ("code", CODES[2]), ("mode", "and"),
     ("coder", "bert"), ("coder", "chloé")],
    [],
]


def _expected(p, pairs: list[tuple[str, str]]) -> list[dict]:  # noqa: ANN001
    asked: dict = {"codes": [], "cases": [], "coders": [], "documents": [], "attributes": {}}
    for key, value in pairs:
        if key == "attr":
            name, _, wanted = value.partition("=")
            asked["attributes"].setdefault(name, []).append(wanted)
        elif key in ("code", "case", "coder", "document"):
            asked[key + "s"].append(value)
    filters = {k: v or None for k, v in asked.items() if k != "codes"}
    if not asked["codes"]:
        return []
    if ("mode", "and") in pairs:
        found = p.workspace.retrieve_combined(asked["codes"], "and", **filters)
        return [s.as_dict() for s in found]
    return oracle(p, codes=asked["codes"], **filters)


@pytest.mark.parametrize("small", [True, False])  # answered on the event loop, or not
def test_api_answers_the_same_bytes_as_the_standard_json(make_project, monkeypatch, small):
    p = random_project(make_project)
    if not small:
        monkeypatch.setattr(retrieval, "SMALL_CODINGS", 10)
    assert p.segments.small() is small
    settings = WebSettings(csrf="x", token=None, allowed_hosts=("testserver",))
    client = TestClient(create_app(p, settings))
    sizes = []
    for pairs in ASKED:
        answer = client.get("/api/retrieve?" + urlencode(pairs))
        assert answer.status_code == 200, answer.text
        rows = _expected(p, pairs)
        assert answer.content == JSON({"ok": True, "segments": rows, "count": len(rows)}).body
        sizes.append(len(rows))
    assert sum(sizes) > 40 and sizes[-1] == 0
    assert client.get("/api/retrieve?code=nope").status_code == 404


@dataclass(frozen=True)
class _Thing:
    name: str

    def as_dict(self) -> dict:
        return {"name": self.name, "shown": True}


@pytest.mark.parametrize("content", [
    {"ok": True, "text": "é ü ç 😀 \u2028 \x7f", "controls": "\x00\x01\t\n\r\x1f\"\\/"},
    {"tuple": (1, 2), "nested": [{"a": None, "b": 1.5, "c": -3}], "empty": []},
    {"when": dt.datetime(2024, 5, 1, 12, 30, 1, 5), "day": dt.date(2024, 5, 1),
     "aware": dt.datetime(2024, 5, 1, tzinfo=dt.UTC), "thing": _Thing("x")},
    {"big": 2 ** 70, "keys": {1: "one"}},  # orjson refuses these: the standard path answers
])
def test_plain_json_renders_what_json_renders(content):
    assert PlainJSON(content).body == JSON(content).body
