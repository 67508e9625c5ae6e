"""Writes: the token, read-only servers, size and rate limits."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import TOKEN, make_client
from tests.conftest import SEED

PAGE = {"text": SEED.read_text(encoding="utf-8"), "outlet": "Democrats Voice",
        "published": "2021-09-03T13:43:00", "title": "Al Qaeda join hands with Taliban"}
SHORT = {"text": "Fahim Dashti said the Taliban lost 40 fighters in Panjshir on Friday.",
         "published": "2021-09-03T13:43:00"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_analyze_needs_the_token(client: TestClient) -> None:
    missing = client.post("/api/analyze", json=SHORT)
    assert missing.status_code == 401 and missing.json()["error"]
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/analyze", json=SHORT, headers={"Authorization": "Bearer x"})
    assert wrong.status_code == 403 and wrong.json()["error"] == "wrong write token"
    basic = client.post("/api/analyze", json=SHORT, headers={"Authorization": TOKEN})
    assert basic.status_code == 401
    right = client.post("/api/analyze", json=SHORT, headers=AUTH)
    assert right.status_code == 200, right.text
    record = right.json()
    assert record["schema"] == "newsledger/1"
    assert any(c["speaker_text"] and "Dashti" in c["speaker_text"] for c in record["claims"])


def test_ingest_stores_the_page(fresh_url: str, analyzer: object) -> None:
    with make_client(fresh_url, analyzer) as client:
        assert client.post("/api/documents", json=PAGE).status_code == 401
        assert client.get("/api/events").json()["items"] == []
        stored = client.post("/api/documents", json=PAGE, headers=AUTH)
        assert stored.status_code == 201, stored.text
        body = stored.json()
        assert body["status"] == "added" and body["record"]["schema"] == "newsledger/1"
        assert client.get(f"/api/documents/{body['document']}").json()["document"][
            "id"] == body["document"]
        assert client.get("/api/events", params={"speaker": "Fahim Dashti"}).json()["items"]
        again = client.post("/api/documents", json=PAGE, headers=AUTH).json()
        assert again["status"] == "replaced"
        assert len(client.get("/api/documents").json()["items"]) == 1


def test_read_only_without_a_token(ledger_url: str, analyzer: object) -> None:
    with make_client(ledger_url, analyzer, token=None) as client:
        for path in ["/api/analyze", "/api/documents"]:
            for headers in [{}, AUTH]:
                answer = client.post(path, json=SHORT, headers=headers)
                assert answer.status_code == 403
                assert answer.json()["error"] == "this server is read-only"
        assert client.get("/api/events").status_code == 200


def test_bad_pages_get_json_errors(client: TestClient) -> None:
    both = client.post("/api/analyze", json={"text": "a", "html": "<p>a</p>"}, headers=AUTH)
    assert both.status_code == 422 and both.json()["error"] == "invalid request"
    empty = client.post("/api/analyze", json={"text": "   "}, headers=AUTH)
    assert empty.status_code == 422 and empty.json()["error"]
    broken = client.post("/api/analyze", content=b"{not json", headers={
        **AUTH, "Content-Type": "application/json"})
    assert broken.status_code == 422 and broken.json()["error"] == "invalid request"
    assert client.get("/api/analyze").status_code in (404, 405)  # 404 under the web UI


@pytest.mark.parametrize("published", ["not a date", "9999-12-31", "2021-02-30",
                                       "0001-01-01T00:00:00"])
def test_a_published_date_that_is_no_date_is_422(client: TestClient, published: str) -> None:
    answer = client.post("/api/documents", json={**SHORT, "published": published},
                         headers=AUTH)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["error"] == "invalid request" and body["detail"][0]["loc"][-1] == "published"


@pytest.mark.parametrize("path", ["/api/analyze", "/api/documents"])
def test_a_lone_surrogate_is_a_json_422(client: TestClient, path: str) -> None:
    raw = b'{"text": "Taliban fighters attacked Panjshir \\ud800 on Friday."}'
    answer = client.post(path, content=raw, headers={**AUTH,
                                                     "Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "invalid request"
    assert "surrogate" in answer.json()["detail"][0]["msg"]


def test_oversized_body_is_413(ledger_url: str, analyzer: object) -> None:
    with make_client(ledger_url, analyzer, max_request_bytes=1000) as client:
        big = {"text": "word " * 1000}
        answer = client.post("/api/analyze", json=big, headers=AUTH)
        assert answer.status_code == 413
        assert answer.json()["error"] == "request body too large"

        def chunks():  # type: ignore[no-untyped-def]
            yield b'{"text": "'
            for _ in range(50):
                yield b"x" * 100
            yield b'"}'

        streamed = client.post("/api/analyze", content=chunks(), headers={
            **AUTH, "Content-Type": "application/json"})
        assert streamed.status_code == 413


def test_rate_limit(ledger_url: str, analyzer: object) -> None:
    with make_client(ledger_url, analyzer, rate_limit=3) as client:
        codes = [client.get("/api/places").status_code for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        refused = client.get("/api/places")
        assert refused.json()["error"] == "too many requests"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert client.get("/openapi.json").status_code == 200  # only /api is limited
