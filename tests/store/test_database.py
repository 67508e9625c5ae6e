"""The ledger's tables and queries: one document per article, versions, filters, full text,
and filter values that are only ever data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.errors import InvalidFilter, LedgerMissing
from newsledger.record_codec import record_json
from newsledger.records import Analysis, Rejection
from newsledger.store import Filters, Ledger
from newsledger.store.database import fts5_query
from newsledger.store.ledger_url import database_url

SEED_TITLE = "Al Qaeda join hands with Taliban to bring down Panjshir valley"


@pytest.fixture
def filled(ledger: Ledger, seed: Analysis, floods: Analysis) -> Ledger:
    ledger.write([seed, floods], [], "test")
    return ledger


def _documents(rows: list) -> set[str]:  # type: ignore[type-arg]
    return {r.document for r in rows}


def test_the_same_article_twice_is_one_document(ledger: Ledger, seed: Analysis) -> None:
    first = ledger.write([seed], [], "test")
    events = ledger.count("events")
    second = ledger.write([seed], [], "test")
    assert (first.added, second.added, second.replaced) == (1, 0, 1)
    assert ledger.count("documents") == 1 and ledger.count("events") == events
    assert ledger.document(seed.document.id) == json.loads(record_json(seed))


def test_a_new_version_replaces_every_row_and_the_full_text(ledger: Ledger,
                                                            seed: Analysis) -> None:
    ledger.write([seed], [], "0.0.1")
    counts = {t: ledger.count(t) for t in ("entities", "places", "claims", "events", "figures")}
    ledger.write([seed], [], "0.0.2")
    assert {t: ledger.count(t) for t in counts} == counts
    assert {e.pipeline_version for e in ledger.events()} == {"0.0.2"}
    assert {c.pipeline_version for c in ledger.claims()} == {"0.0.2"}
    assert len([h for h in ledger.search("Panjshir") if h.kind == "document"]) == 1


def test_events_by_type_place_bbox_and_time(filled: Ledger, seed: Analysis,
                                            floods: Analysis) -> None:
    ours, theirs = seed.document.id, floods.document.id
    assert _documents(filled.events()) == {ours, theirs}
    assert _documents(filled.events(type="ARMED_CLASH")) == {ours}
    assert _documents(filled.events(type="natural_disaster")) == {theirs}
    assert _documents(filled.events(place="panjshir")) == {ours}
    assert _documents(filled.events(place="yamgan")) == {theirs}
    assert _documents(filled.events(bbox=(69.0, 35.0, 70.0, 36.0))) == {ours}
    assert filled.events(bbox=(0.0, 0.0, 1.0, 1.0)) == []
    assert _documents(filled.events(since="2021-09-01", until="2021-09-03")) == {ours}
    assert _documents(filled.events(since="2022-01-01")) == {theirs}


def test_a_country_filter_is_that_country_and_names_are_whole_words(
        filled: Ledger, seed: Analysis, floods: Analysis) -> None:
    both = {seed.document.id, floods.document.id}
    assert _documents(filled.events(place="AF")) == both
    assert _documents(filled.events(place="af")) == both
    assert _documents(filled.events(place="Afghanistan")) == both  # the country's name
    assert _documents(filled.events(place="the Islamic Republic of Afghanistan")) == both
    # "sh" (Saint Helena) is in "Panjshir" and "Badakhshan"; "panj" begins "Panjshir"
    assert filled.events(place="SH") == [] and filled.events(place="panj") == []
    assert filled.events(place="IN") == [] and filled.events(place="India") == []
    assert _documents(filled.events(place="Panjshayr")) == {seed.document.id}  # admin1
    assert {p.name for p in filled.places(Filters(place="AF"))} >= {"Panjshir", "Yamgan"}


def test_a_type_filter_takes_acled_names_and_refuses_unknown_ones(filled: Ledger,
                                                                  seed: Analysis) -> None:
    ours = {seed.document.id}
    assert _documents(filled.events(type="Battles")) == ours  # ACLED's event type
    assert _documents(filled.events(type="armed clash")) == ours  # its sub-event type
    assert {r.type for r in filled.events(type="ASSAULT")} >= {"ARMED_CLASH", "ATTACK"}
    with pytest.raises(InvalidFilter, match="ARMED_CLASH"):
        filled.events(type="FOO")


def test_a_missing_sqlite_ledger_is_not_made_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "mistyped.db"
    with pytest.raises(LedgerMissing, match="no ledger at"):
        Ledger.open(str(path), create=False)
    assert not path.exists()
    Ledger.open(str(path)).close()
    Ledger.open(str(path), create=False).close()


def test_search_gives_at_most_limit_hits(filled: Ledger) -> None:
    assert len(filled.search("Taliban", limit=1)) == 1
    assert {h.kind for h in filled.search("Taliban fighters", limit=50)} == {"document",
                                                                             "claim"}


def test_events_by_actor_speaker_outlet_and_text(filled: Ledger, seed: Analysis) -> None:
    ours = {seed.document.id}
    clashes = filled.events(actor="taliban", type="ARMED_CLASH")
    assert _documents(clashes) == ours
    assert any(r.actors == ("Taliban",) and r.targets == ("resistance front",)
               for r in clashes)
    counted = filled.events(speaker="Fahim Dashti")
    assert _documents(counted) == ours
    killed = [f for r in counted for f in r.figures if f.kind == "killed"]
    assert [(f.count, f.side, f.claimant) for f in killed] == [(40, "Taliban", "Fahim Dashti")]
    assert _documents(filled.events(outlet="democrats voice")) == ours
    assert _documents(filled.events(text="Al Qaeda Panjshir")) == ours
    assert filled.events(text="Panjshir floods") == []


def test_claims_by_speaker_outlet_time_and_text(filled: Ledger, seed: Analysis,
                                                floods: Analysis) -> None:
    ours, theirs = seed.document.id, floods.document.id
    assert {c.speaker for c in filled.claims(speaker="dashti")} == {"Fahim Dashti"}
    assert _documents(filled.claims(outlet="Democrats Voice")) == {ours}
    assert _documents(filled.claims(since="2022-01-01")) == {theirs}
    assert _documents(filled.claims(until="2021-09-03")) == {ours}
    hits = filled.claims(text="Taliban launched")
    assert hits and all("Taliban" in c.content for c in hits)
    assert len(filled.claims(limit=2)) == 2
    assert filled.claims(limit=2, offset=1)[0] == filled.claims(limit=2)[1]


def test_search_finds_articles_and_claims(filled: Ledger, seed: Analysis) -> None:
    hits = filled.search("Taliban fighters")
    assert {h.kind for h in hits} == {"document", "claim"}
    assert hits[0].document == seed.document.id and hits[0].title == SEED_TITLE
    assert "[" in hits[0].snippet
    assert filled.search("  ") == []


@pytest.mark.parametrize("value", [
    "x' OR '1'='1", "'; DROP TABLE documents; --", '" OR 1=1 --', "%", "_",
    "NEAR(Taliban Panjshir)", "Taliban*", "\\", ")(",
])
def test_filter_values_are_data_not_sql(filled: Ledger, value: str) -> None:
    before = filled.count("documents")
    assert filled.events(actor=value) == []
    assert filled.events(place=value, outlet=value, speaker=value) == []
    assert filled.claims(speaker=value) == []
    filled.events(text=value)
    filled.claims(text=value)
    filled.search(value)
    assert filled.count("documents") == before and filled.count("events") > 0


def test_rejections_are_kept_once_per_source(ledger: Ledger, seed: Analysis) -> None:
    bad = Rejection("bad.bin", "binary", "binary data, not text")
    ledger.write([], [bad], "test")
    ledger.write([seed], [bad, Rejection("empty.txt", "empty", "nothing")], "test")
    assert ledger.rejections() == [bad, Rejection("empty.txt", "empty", "nothing")]
    assert ledger.count("documents") == 1


def test_urls_and_paths() -> None:
    assert database_url("ledger.db") == "sqlite:///ledger.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert fts5_query('Taliban" OR x*') == '"Taliban" "OR" "x"'


def test_each_event_pages_through_every_match_once(filled: Ledger) -> None:
    every = filled.find_events(Filters(limit=1000))
    assert len(every) > 3
    assert list(filled.each_event(Filters(), page=2)) == every
    assert list(filled.each_event(Filters(), limit=3, page=2)) == every[:3]
    clashes = list(filled.each_event(Filters(type="ARMED_CLASH"), page=1))
    assert clashes and all(r.type == "ARMED_CLASH" for r in clashes)
