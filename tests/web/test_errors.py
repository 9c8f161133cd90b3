"""One JSON error shape for API calls, a readable page for browsers, never a stack trace."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

import stemmen

SHAPE = {"ok", "error", "errors", "status"}


def assert_error(response, status: int) -> dict:  # noqa: ANN001
    assert response.status_code == status
    body = response.json()
    assert set(body) == SHAPE and body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize(("method", "url", "data", "status"), [
    ("get", "/api/documents/view?name=nope", None, 404),
    ("post", "/api/codings", {"document": "FG Gent", "code": "nope", "paragraph": 1}, 404),
    ("post", "/api/codebook/add", {"name": "R-tolk"}, 409),
    ("post", "/api/codebook/merge", {"name": "R-tolk", "into": "R-tolk"}, 400),
    ("post", "/api/codings", {"document": "FG Gent", "code": "R-tolk", "paragraph": 99}, 400),
    ("post", "/api/codings", {"document": "FG Gent", "code": "R-tolk", "start": "a"}, 400),
    ("post", "/api/codebook/edit", {"name": "R-tolk", "colour": "red"}, 400),
    ("post", "/api/settings/language", {"lang": "de"}, 400),
    ("get", "/api/nothing-here", None, 404),
    ("delete", "/api/codebook", None, 405),
    ("delete", "/api/codings/999", None, 404),
])
def test_api_errors_share_one_shape(client: TestClient, method: str, url: str,
                                    data: dict | None, status: int) -> None:
    kwargs = {"json": data} if data is not None else {}
    assert_error(getattr(client, method)(url, **kwargs), status)


def test_a_body_that_is_not_json_is_a_400(client: TestClient) -> None:
    response = client.post("/api/codings", content=b"{not json",
                           headers={"Content-Type": "application/json"})
    assert "JSON" in assert_error(response, 400)["error"]


def test_error_messages_are_translated(client: TestClient) -> None:
    client.cookies.set("stemmen_lang", "fr")
    body = assert_error(client.post("/api/memos", json={"document": "FG Gent", "text": " "}),
                        400)
    assert body["error"] == "Un mémo doit contenir du texte."


def test_browser_navigation_gets_a_readable_page(client: TestClient) -> None:
    response = client.get("/documents/Nope", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "There is no document" in response.text and "Traceback" not in response.text


def test_an_unexpected_error_is_a_generic_500(make_client: Callable[..., TestClient],
                                              project: stemmen.Project,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def explode() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(project.workspace, "overview", explode)
    client = make_client()
    body = assert_error(client.get("/api/overview"), 500)
    assert "secret" not in body["error"]
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 500 and "secret" not in page.text and "Traceback" not in page.text


def test_an_oversized_body_is_refused_with_the_same_shape(client: TestClient) -> None:
    response = client.post("/api/memos", content=b"x" * 3_000_000,
                           headers={"Content-Type": "application/json"})
    assert_error(response, 413)


def test_a_chunked_oversized_body_is_refused_too(client: TestClient) -> None:
    def chunks():  # noqa: ANN202 - a generator body has no Content-Length
        for _ in range(30):
            yield b"x" * 100_000

    response = client.post("/api/memos", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert_error(response, 413)
