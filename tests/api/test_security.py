"""Untrusted users: the write token is compared in constant time and never logged, and
injection strings sent through every filter of every list endpoint (read from the OpenAPI
document, so a new filter is covered without editing this file) stay data, on SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import dataclasses
import hmac
import io
import json
import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from newsledger.api import ApiSettings, create_app
from newsledger.records import Analysis
from newsledger.store import Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION
from newsledger.store.models import Base
from tests.api.conftest import TOKEN, make_client
from tests.store.conftest import POSTGRES_ENV, _wipe_postgres, postgres_url

SHORT = {"text": "Fahim Dashti said the Taliban lost 40 fighters in Panjshir on Friday.",
         "published": "2021-09-03T13:43:00"}
# An outlet name that is itself an injection attempt: filtering by it must find its article.
HOSTILE_OUTLET = "O'Brien \"Daily\" 100%_News'); DROP TABLE events; --"
EVIL = [
    "'; DROP TABLE events; --", "' OR '1'='1", "\" OR 1=1 --", "') OR ('a'='a", "%", "_",
    "%%' --", "\\", "\\'", "*", "zzqq*", "NEAR(zz yy)", "a\" OR \"b", "col:value", "^start",
    "' UNION SELECT record FROM documents --", "1; DELETE FROM documents", "$1", ":text",
    "?", "%s", "{}", "a\x00b", "\u202eevil", "Taliban' --", "-1 OR 1=1",
    "2021-09-01' OR '1'='1", "69,35,70,36); DROP TABLE places; --",
]


# -- the token ------------------------------------------------------------------------------

def test_token_is_compared_in_constant_time(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decision is hmac.compare_digest's: forced to say yes, a wrong token passes."""
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        calls.append((given, expected))
        return real(given, expected)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    bad_body = {"text": "a", "html": "<p>a</p>"}  # 422 once past the token check
    wrong = {"Authorization": "Bearer not-the-token"}
    assert client.post("/api/analyze", json=bad_body, headers=wrong).status_code == 403
    assert calls == [(b"not-the-token", TOKEN.encode())]
    monkeypatch.setattr(hmac, "compare_digest", lambda given, expected: True)
    assert client.post("/api/analyze", json=bad_body, headers=wrong).status_code == 422


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_server(ledger_url: str, analyzer: object) -> Iterator[str]:
    """The app under a real uvicorn (access log on) whose records reach caplog."""
    import uvicorn

    app = create_app(ApiSettings(ledger_url=ledger_url, write_token=TOKEN,
                                 analyzer_factory=lambda: analyzer))  # type: ignore[arg-type,return-value]
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                            log_level="debug", access_log=True)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_tokens_never_reach_logs_or_answers(
    live_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "wrong-" + TOKEN  # near misses: prefix, suffix, other case
    answers: list[httpx.Response] = []
    with httpx.Client(base_url=live_server, trust_env=False, timeout=60) as http:
        for headers in [{"Authorization": f"Bearer {TOKEN}"},
                        {"Authorization": f"Bearer {wrong}"},
                        {"Authorization": f"Bearer {TOKEN[:-1]}"},
                        {"Authorization": f"Bearer {TOKEN.upper()}"},
                        {"Authorization": f"Token {TOKEN}"}, {"Authorization": TOKEN}]:
            for path, body in [("/api/analyze", SHORT), ("/api/analyze", {"text": " "}),
                               ("/api/documents", {"text": "a", "html": "b"})]:
                answers.append(http.post(path, json=body, headers=headers))
        answers.append(http.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}))
    assert {a.status_code for a in answers} >= {200, 401, 403, 422}
    secrets = [TOKEN, wrong, TOKEN[:-1], TOKEN.upper()]
    assert any(r.name.startswith("uvicorn.access") for r in caplog.records)
    for record in caplog.records:
        logged = " ".join([record.getMessage(), repr(record.args), record.exc_text or "",
                           repr(vars(record))])
        for secret in secrets:
            assert secret not in logged, (record.name, logged[:200])
    for answer in answers:
        shown = answer.text + repr(answer.headers)
        for secret in secrets:
            assert secret not in shown, (answer.request.url, shown[:200])


# -- injection through every filter ---------------------------------------------------------

def _row_counts(url: str) -> dict[str, int]:
    with Ledger.open(url) as ledger, ledger.engine.connect() as connection:
        return {table.name: connection.execute(select(func.count()).select_from(table))
                .scalar_one() for table in Base.metadata.sorted_tables}


@pytest.fixture(params=["sqlite", "postgresql"])
def hostile_url(request: pytest.FixtureRequest, tmp_path: Path, seed: Analysis,
                floods_analysis: Analysis) -> str:
    """The seed, and the floods report under an outlet named like an injection."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ledger.db'}"
    else:
        url = postgres_url() or ""
        if not url:
            pytest.skip(f"{POSTGRES_ENV} is not set: .ci/run starts a throwaway PostgreSQL "
                        "and sets it (README, Development, shows how by hand)")
        _wipe_postgres(url)
    floods = dataclasses.replace(floods_analysis, document=dataclasses.replace(
        floods_analysis.document, outlet=HOSTILE_OUTLET))
    with Ledger.open(url) as ledger:
        ledger.write([seed, floods], [], PIPELINE_VERSION)
    return url


def _list_endpoints(spec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every GET without path parameters → its query parameters."""
    found = {}
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if get is None or "{" in path or not path.startswith("/api/"):
            continue
        found[path] = [p for p in get.get("parameters", []) if p["in"] == "query"]
    return found


def _holds(item: Any, text: str) -> bool:
    """Whether the text occurs literally (any case) in a row: only the hostile outlet's
    rows may match, and only for strings that are part of its name."""
    return text.lower() in json.dumps(item, ensure_ascii=False).lower() and \
        text in HOSTILE_OUTLET


def _assert_data(client: TestClient, path: str, params: dict[str, str], name: str,
                 body: dict[str, Any]) -> None:
    """Rows found by an injection string hold it literally (a substring filter), or are
    those its plain lower-case words find (a full-text filter): it was read as data."""
    items, evil = _items(body), params[name]
    if all(_holds(item, evil) for item in items):
        return
    words = " ".join(re.findall(r"\w+", evil.lower()))
    assert words, (path, name, evil, items[:1])
    plain = client.get(path, params={**params, name: words})
    assert plain.status_code == 200 and _items(_body(plain)) == items, (path, name, evil)


def _body(answer: Any) -> dict[str, Any]:
    """An answer's JSON, or a CSV answer's rows as ``{"items": [...]}``."""
    if answer.headers.get("content-type", "").startswith("text/csv"):
        return {"items": list(csv.DictReader(io.StringIO(answer.text)))}
    body: dict[str, Any] = answer.json()
    return body


def _items(body: dict[str, Any]) -> list[Any]:
    return list(body["features"] if "features" in body else body["items"])


def test_injection_through_every_filter(hostile_url: str, analyzer: object) -> None:
    before = _row_counts(hostile_url)
    with make_client(hostile_url, analyzer, rate_limit=None) as client:
        endpoints = _list_endpoints(client.get("/openapi.json").json())
        assert {"/api/events", "/api/events.geojson", "/api/claims", "/api/places",
                "/api/search", "/api/stories", "/api/documents"} <= set(endpoints)
        assert sum(len(p) for p in endpoints.values()) >= 40
        for path, parameters in endpoints.items():
            required = {p["name"]: "zzqq" for p in parameters if p.get("required")}
            for parameter in parameters:
                for evil in EVIL:
                    answer = client.get(path, params={**required, parameter["name"]: evil})
                    where = (path, parameter["name"], evil, answer.text[:300])
                    assert answer.status_code in (200, 400, 422), where
                    assert answer.status_code == 200 or _body(answer).get("error"), where
                    if answer.status_code == 200:
                        _assert_data(client, path, {**required, parameter["name"]: evil},
                                     parameter["name"], _body(answer))
        _hostile_outlet_is_data(client)
    assert _row_counts(hostile_url) == before


def _hostile_outlet_is_data(client: TestClient) -> None:
    """The injection-shaped outlet name is found by itself, as text, by every filter."""
    for path in ["/api/documents", "/api/events", "/api/claims"]:
        items = client.get(path, params={"outlet": HOSTILE_OUTLET, "limit": 500}).json()[
            "items"]
        assert items and {i.get("outlet") for i in items} <= {HOSTILE_OUTLET}, path
    assert client.get("/api/events.geojson", params={"outlet": HOSTILE_OUTLET}).json()[
        "features"]
    assert client.get("/api/stories", params={"outlet": HOSTILE_OUTLET,
                                              "min_reports": 1}).json()["items"]
    assert client.get("/api/search", params={"q": "Panjshir"}).json()["items"]
