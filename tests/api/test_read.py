"""The read endpoints against a ledger holding the seed and the floods report."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsledger.api.read import public_source
from tests.conftest import SEED  # noqa: F401  (the seed's path, for readers)


def _walk(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list, following ``next`` cursors."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        page = client.get(path, params=query)
        assert page.status_code == 200, page.text
        body = page.json()
        items.extend(body["items"])
        cursor = body["next"]
        if cursor is None:
            return items
    raise AssertionError("the cursor never ended")


def test_documents_list_and_record(client: TestClient) -> None:
    items = client.get("/api/documents").json()["items"]
    assert {d["outlet"] for d in items} == {"Democrats Voice", "Pamir Times Online"}
    seed = next(d for d in items if d["outlet"] == "Democrats Voice")
    record = client.get(f"/api/documents/{seed['id']}").json()
    assert record["schema"] == "newsledger/1"
    assert record["document"]["id"] == seed["id"]
    assert record["document"]["source"] == "panjshir-2021-09-03.txt"  # not the server's path
    assert client.get("/api/documents", params={"outlet": "pamir"}).json()["items"][0][
        "title"].startswith("Floods")
    assert len(client.get("/api/documents", params={"since": "2022-01-01"}).json()[
        "items"]) == 1
    assert [d["outlet"] for d in client.get("/api/documents", params={
        "text": "Panjshir"}).json()["items"]] == ["Democrats Voice"]


@pytest.mark.parametrize(("source", "shown"), [
    ("/srv/crawl/2021/page.html", "page.html"), ("C:\\crawl\\page.html", "page.html"),
    ("/srv/crawl/cc.warc.gz#<urn:uuid:1>", "cc.warc.gz#<urn:uuid:1>"),
    ("https://example.org/a/b.html", "https://example.org/a/b.html"), ("api", "api"),
    ("-", "-"),
])
def test_server_paths_are_not_shown(source: str, shown: str) -> None:
    assert public_source(source) == shown


def test_unknown_document_is_a_json_404(client: TestClient) -> None:
    answer = client.get("/api/documents/nope")
    assert answer.status_code == 404
    assert answer.json()["error"] == "no such document"


@pytest.mark.parametrize(("params", "check"), [
    ({"actor": "Taliban"}, lambda e: "Taliban" in e["actors"] + e["targets"]),
    ({"type": "ASSAULT"}, lambda e: e["plover"] == "ASSAULT"),
    ({"type": "armed_clash"}, lambda e: e["type"] == "ARMED_CLASH"),
    ({"place": "Panjshir"}, lambda e: e["admin1"] == "Panjshayr"),
    ({"bbox": "69,35,70,36"}, lambda e: 69 <= e["lon"] <= 70 and 35 <= e["lat"] <= 36),
    ({"since": "2022-01-01"}, lambda e: e["outlet"] == "Pamir Times Online"),
    ({"until": "2021-12-31"}, lambda e: e["outlet"] == "Democrats Voice"),
    ({"speaker": "Fahim Dashti"}, lambda e: e["claimant"] == "Fahim Dashti" or any(
        f["claimant"] == "Fahim Dashti" for f in e["figures"])),
    ({"outlet": "pamir"}, lambda e: e["outlet"] == "Pamir Times Online"),
    ({"text": "floods"}, lambda e: e["outlet"] == "Pamir Times Online"),
])
def test_event_filters(client: TestClient, params: dict[str, str], check: Any) -> None:
    items = client.get("/api/events", params=params).json()["items"]
    assert items, params
    assert all(check(e) for e in items), params


def test_event_filter_excludes(client: TestClient) -> None:
    everything = client.get("/api/events").json()["items"]
    taliban = client.get("/api/events", params={"actor": "Taliban"}).json()["items"]
    assert 0 < len(taliban) < len(everything)
    assert client.get("/api/events", params={"bbox": "0,0,1,1"}).json()["items"] == []


@pytest.mark.parametrize("path", ["/api/events", "/api/claims", "/api/documents",
                                  "/api/places"])
def test_cursor_pagination_walks_every_row_once(client: TestClient, path: str) -> None:
    whole = client.get(path, params={"limit": 500}).json()
    assert whole["next"] is None
    walked = _walk(client, path, limit=1)
    assert walked == whole["items"]
    assert len(walked) >= 2
    walked_by_2 = _walk(client, path, limit=2)
    assert walked_by_2 == whole["items"]


@pytest.mark.parametrize(("path", "params"), [
    ("/api/search", {"q": "Taliban"}), ("/api/stories", {"min_reports": 1}),
])
def test_search_and_stories_pages_have_a_next_cursor(client: TestClient, path: str,
                                                     params: dict[str, Any]) -> None:
    whole = client.get(path, params={**params, "limit": 200}).json()
    assert whole["next"] is None and len(whole["items"]) >= 2
    assert _walk(client, path, **params, limit=1) == whole["items"]


def test_geojson_feature_collection(client: TestClient) -> None:
    collection = client.get("/api/events.geojson").json()
    assert collection["type"] == "FeatureCollection"
    assert collection["features"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feature["properties"]
        assert {"id", "type", "plover", "document", "title", "outlet", "time_start",
                "time_end", "place", "precision", "actors", "targets", "figures",
                "speaker"} <= set(props)
    panjshir = next(f for f in collection["features"] if f["properties"]["place"] ==
                    "Panjshir")
    assert panjshir["geometry"]["coordinates"][0] == pytest.approx(69.79, abs=0.01)  # lon
    clash = [f for f in collection["features"] if f["properties"]["type"] == "ARMED_CLASH"]
    assert any(fig["claimant"] == "Fahim Dashti" and fig["count"] == 40
               for f in clash for fig in f["properties"]["figures"])
    assert client.get("/api/events.geojson", params={"actor": "nobody"}).json()[
        "features"] == []


def test_claims_places_search_stories(client: TestClient) -> None:
    said = client.get("/api/claims", params={"speaker": "Fahim Dashti"}).json()["items"]
    assert said and all(c["speaker"] == "Fahim Dashti" for c in said)
    places = client.get("/api/places").json()["items"]
    panjshir = next(p for p in places if p["name"] == "Panjshir")
    assert panjshir["events"] >= 1 and panjshir["documents"] == 1
    assert [p["name"] for p in client.get("/api/places", params={"place": "Yamgan"}).json()[
        "items"]] == ["Yamgan"]
    hits = client.get("/api/search", params={"q": "Taliban casualties"}).json()["items"]
    assert hits and hits[0]["document"]
    stories = client.get("/api/stories", params={"min_reports": 1}).json()["items"]
    assert stories and {"id", "events", "documents", "claims", "figures"} <= set(stories[0])
    assert client.get("/api/stories").json()["items"] == []  # one article per story here


@pytest.mark.parametrize("evil", [
    "'; DROP TABLE events; --", "\" OR 1=1 --", "%", "_", "\\", "NEAR(zz yy)", "zzqq*",
    "a\" OR \"b", "' UNION SELECT record FROM documents --"])
def test_injection_strings_are_harmless(client: TestClient, evil: str) -> None:
    for path, name in [("/api/events", "actor"), ("/api/events", "text"),
                       ("/api/events", "place"), ("/api/claims", "speaker"),
                       ("/api/documents", "outlet"), ("/api/search", "q")]:
        answer = client.get(path, params={name: evil})
        assert answer.status_code in (200, 422), (path, name, answer.text)
        if answer.status_code == 200:
            assert answer.json()["items"] == [], (path, name)
    assert len(client.get("/api/events", params={"limit": 500}).json()["items"]) > 1


def test_control_characters_do_not_break_queries(client: TestClient) -> None:
    for name in ["actor", "text", "place", "outlet"]:
        assert client.get("/api/events", params={name: "a\tb\n"}).status_code == 200
        nul = client.get("/api/events", params={name: "a\x00b"})  # SQLite would cut at NUL
        assert nul.status_code == 422 and "NUL" in nul.json()["detail"]
    assert client.get("/api/documents/a%00b").status_code == 422


@pytest.mark.parametrize(("path", "params", "status", "error"), [
    ("/api/events", {"since": "yesterday"}, 422, "invalid since"),
    ("/api/events", {"since": "2019-13-45"}, 422, "invalid since"),
    ("/api/claims", {"until": "2021-02-30"}, 422, "invalid until"),
    ("/api/events", {"type": "FOO"}, 422, "invalid type"),
    ("/api/stories", {"type": "Battle"}, 422, "invalid type"),
    ("/api/events", {"bbox": "1,2,3"}, 422, "invalid bbox"),
    ("/api/events", {"bbox": "10,0,5,1"}, 422, "invalid bbox"),
    ("/api/events", {"limit": 0}, 422, "invalid request"),
    ("/api/events", {"cursor": "not-a-cursor"}, 400, "invalid cursor"),
    ("/api/search", {}, 422, "invalid request"),
    ("/api/nowhere", {}, 404, "not found"),
])
def test_json_error_bodies(client: TestClient, path: str, params: dict[str, Any],
                           status: int, error: str) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["error"] == error and "detail" in body


def test_country_codes_and_acled_types_in_the_api(client: TestClient) -> None:
    def count(**params: str) -> int:
        return len(client.get("/api/events", params=params).json()["items"])

    assert count(place="AF") == count(place="Afghanistan") == count() > 0
    assert count(place="SH") == 0  # Saint Helena's code is inside "Panjshir"
    assert count(type="Battles") == count(type="ARMED_CLASH") > 0
    features = client.get("/api/events.geojson", params={"place": "IN"}).json()["features"]
    assert features == []


def test_event_types_in_words(client: TestClient) -> None:
    types = {t["code"]: t for t in client.get("/api/event-types").json()["items"]}
    assert len(types) == 30 and types["ARMED_CLASH"]["label"] == "Armed clash"
    assert types["ARMED_CLASH"]["acled_event_type"] == "Battles"
    assert types["ARMED_CLASH"]["plover"] == "ASSAULT"
    event = client.get("/api/events", params={"type": "ARMED_CLASH"}).json()["items"][0]
    assert event["type_label"] == "Armed clash" and event["evidence"]


def test_search_limit_counts_every_hit(client: TestClient) -> None:
    assert len(client.get("/api/search", params={"q": "Taliban", "limit": 1}).json()[
        "items"]) == 1


def test_docs_page_loads_nothing_from_elsewhere(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger-ui-bundle.js" in page.text
    assert "http://" not in page.text and "https://" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"):
        asset = client.get(f"/vendor/swagger-ui/{name}")
        assert asset.status_code == 200 and len(asset.content) > 500, name
    assert client.get("/redoc").status_code == 404


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "newsledger"
    for path in ["/api/documents", "/api/documents/{document_id}", "/api/events",
                 "/api/events.geojson", "/api/claims", "/api/places", "/api/search",
                 "/api/stories", "/api/analyze"]:
        assert path in spec["paths"], path
    for operation in spec["paths"]["/api/events"].values():
        assert operation["description"] and operation["summary"]
