"""The record writer: every field of the newsledger/1 contract, valid ids and offsets."""

from __future__ import annotations

import json

from newsledger.record_codec import record_json, rejection_json
from newsledger.records import Analysis, Rejection

DOCUMENT_FIELDS = {"id", "source", "url", "title", "published", "outlet", "authors",
                   "dateline", "language", "text", "duplicate_of"}
ENTITY_FIELDS = {"id", "name", "type", "aliases", "mentions", "role", "affiliation", "kb_id",
                 "country"}
PLACE_FIELDS = {"id", "entity", "name", "lat", "lon", "country", "admin1", "admin2", "precision",
                "gazetteer_id"}
CLAIM_FIELDS = {"id", "speaker", "speaker_text", "cue", "kind", "content", "start", "end",
                "via", "hedged"}
EVENT_FIELDS = {"id", "type", "plover", "actors", "targets", "place", "time", "claim",
                "evidence", "confidence", "figures", "status", "mentions", "claims"}
FIGURE_FIELDS = {"kind", "count", "low", "high", "text", "side", "claim", "scope"}


def test_the_record_has_every_contract_field(seed: Analysis) -> None:
    record = json.loads(record_json(seed))
    assert record["schema"] == "newsledger/1"
    assert set(record["document"]) == DOCUMENT_FIELDS
    assert all(set(e) == ENTITY_FIELDS for e in record["entities"])
    assert all(set(p) == PLACE_FIELDS for p in record["places"])
    assert all(set(c) == CLAIM_FIELDS for c in record["claims"])
    assert all(set(v) == EVENT_FIELDS for v in record["events"])
    assert all(set(f) == FIGURE_FIELDS for v in record["events"] for f in v["figures"])


def test_ids_are_unique_and_every_reference_resolves(seed: Analysis) -> None:
    record = json.loads(record_json(seed))
    ids = [x["id"] for k in ("entities", "places", "claims", "events") for x in record[k]]
    assert len(ids) == len(set(ids))
    entities = {e["id"] for e in record["entities"]}
    places = {p["id"] for p in record["places"]}
    claims = {c["id"] for c in record["claims"]}
    assert {p["entity"] for p in record["places"]} <= entities
    assert {e["affiliation"] for e in record["entities"]} - {None} <= entities
    assert {c["speaker"] for c in record["claims"]} - {None} <= entities
    for v in record["events"]:
        assert set(v["actors"]) | set(v["targets"]) <= entities
        assert v["place"] is None or v["place"] in places
        assert v["claim"] is None or v["claim"] in claims
        for f in v["figures"]:
            assert f["side"] is None or f["side"] in entities
            assert f["claim"] is None or f["claim"] in claims


def test_offsets_point_at_the_text_they_name(seed: Analysis) -> None:
    text = seed.document.text
    for e in seed.entities:
        assert all(text[m.start:m.end] == m.text for m in e.mentions)
    for c in seed.claims:
        assert text[c.start:c.end] == c.content
    for v in seed.events:
        assert 0 <= v.evidence.start < v.evidence.end <= len(text)


def test_jsonl_is_one_line_and_rejections_are_machine_readable(seed: Analysis) -> None:
    assert "\n" not in record_json(seed, indent=None)
    line = json.loads(rejection_json(Rejection("a.pdf", "binary", "a PDF, not a news page")))
    assert line == {"source": "a.pdf", "rejected": "binary", "detail": "a PDF, not a news page"}
