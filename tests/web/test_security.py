"""Host check (DNS rebinding), launch token, CSRF, security headers and escaping."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

import stemmen
from stemmen.web import WebSettings

HOSTILE = ['<script>alert("x")</script>', '<img src=x onerror="alert(1)">',
           '<a href="javascript:alert(2)">klik</a>']


def test_a_foreign_host_header_is_refused(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 400
    assert client.get("/").status_code == 200


def test_default_hosts_are_the_served_address_and_loopback_names() -> None:
    hosts = WebSettings(host="127.0.0.1", port=8123).hosts()
    assert {"127.0.0.1:8123", "localhost:8123"} <= hosts
    assert "evil.example:8123" not in hosts and "127.0.0.1:80" not in hosts


def test_the_launch_token_sets_a_strict_cookie_and_redirects_to_the_clean_url(
        make_client: Callable[..., TestClient]) -> None:
    client = make_client(token="s3cret")
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    entry = client.get("/documents/FG%20Gent?token=s3cret&view=all", follow_redirects=False)
    assert entry.status_code == 303
    assert entry.headers["location"] == "/documents/FG%20Gent?view=all"
    cookie = entry.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "s3cret" in cookie
    assert client.get("/").status_code == 200  # the cookie now opens every page


def test_a_refusal_reveals_neither_the_csrf_token_nor_the_project(
        make_client: Callable[..., TestClient]) -> None:
    client = make_client(token="s3cret")
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 403
    assert "test-csrf-token" not in page.text and "FG Gent" not in page.text
    assert "study" not in page.text


def test_state_changing_requests_need_the_csrf_header(
        make_client: Callable[..., TestClient]) -> None:
    client = make_client(csrf_header=False)
    data = {"name": "X-nieuw"}
    assert client.post("/api/codebook/add", json=data).status_code == 403
    assert client.post("/api/codebook/add", json=data,
                       headers={"X-CSRF-Token": "guess"}).status_code == 403
    ok = client.post("/api/codebook/add", json=data, headers={"X-CSRF-Token":
                                                              "test-csrf-token"})
    assert ok.status_code == 200


def test_cross_site_origins_are_refused(client: TestClient) -> None:
    response = client.post("/api/codebook/add", json={"name": "X"},
                           headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    response = client.post("/api/codebook/add", json={"name": "X"},
                           headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    same = client.post("/api/codebook/add", json={"name": "X"},
                       headers={"Origin": "http://testserver"})
    assert same.status_code == 200


def test_security_headers_forbid_inline_scripts_and_framing(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


def test_hostile_text_is_escaped_everywhere(client: TestClient, project: stemmen.Project) -> None:
    text = "\n".join(f"Deelnemer {i}: {h}" for i, h in enumerate(HOSTILE))
    project.documents.add("<b>Doc</b>", text, attributes={"role": HOSTILE[1]})
    project.codebook.add(HOSTILE[0], category=HOSTILE[2], definition=HOSTILE[1])
    coding = project.codings.apply("<b>Doc</b>", HOSTILE[0], "an", paragraph=1)
    project.memos.add(HOSTILE[2], title=HOSTILE[0], document="<b>Doc</b>")
    pages = ["/", "/codebook", "/documents/%3Cb%3EDoc%3C%2Fb%3E",
             f"/retrieve?code={HOSTILE[0]}", "/search?q=script"]
    for url in pages:
        html = client.get(url).text
        for raw in HOSTILE:
            assert raw not in html, (url, raw)
        assert "<img src=x" not in html and 'href="javascript:' not in html
    assert coding.id is not None


def test_coder_cookie_is_http_only_and_accepts_accents(client: TestClient) -> None:
    response = client.post("/api/settings/coder", json={"coder": "Anaïs  De Smet"})
    assert response.json()["coder"] == "Anaïs De Smet"
    assert "httponly" in response.headers["set-cookie"].lower()
    assert "Anaïs De Smet" in client.get("/").text
