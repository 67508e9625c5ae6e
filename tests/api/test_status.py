"""``GET /api/status``: the ledger's size and how current each watched source is."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from newsledger.records import Analysis
from newsledger.store import Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION
from newsledger.store.watch_state import PollOutcome, utc_now
from tests.api.conftest import make_client

FEED = "https://news.example.org/feed.xml"
SITEMAP = "https://other.example.net/news-sitemap.xml"


def test_status_reports_the_ledger_and_the_most_overdue_source(  # type: ignore[no-untyped-def]
        tmp_path: Path, seed: Analysis, floods_analysis: Analysis, analyzer) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    with Ledger.open(url) as ledger:
        ledger.write([seed, floods_analysis], [], PIPELINE_VERSION)
    client = make_client(url, analyzer)
    empty = client.get("/api/status").json()
    assert empty["ledger"]["documents"] == 2 and empty["ledger"]["events"] > 5
    assert empty["sources"] == [] and empty["lag_s"] == 0 and empty["last_poll"] is None
    with Ledger.open(url) as ledger:
        state = ledger.watch_state()
        feed, sitemap = state.register([FEED, SITEMAP], every_s=900)
        for source, due, status in ((feed, utc_now() + timedelta(minutes=15), "ok"),
                                    (sitemap, utc_now() - timedelta(minutes=30), "error")):
            assert state.claim_due([source.id], "test", 60)
            state.finish_poll(source.id, "test", PollOutcome(
                "feed" if source is feed else "sitemap", '"v1"', None, status,
                "http-error: HTTP 500" if status == "error" else None, 3 * (status == "ok"),
                2, due, int(status == "error")))
    body = client.get("/api/status").json()
    by_url = {s["url"]: s for s in body["sources"]}
    assert by_url[FEED]["last_status"] == "ok" and by_url[FEED]["articles"] == 3
    assert by_url[FEED]["last_article"] is not None
    assert by_url[SITEMAP]["last_status"] == "error" and by_url[SITEMAP]["failures"] == 1
    assert by_url[SITEMAP]["last_error"].startswith("http-error")
    assert 1700 < body["lag_s"] < 1900  # the sitemap is half an hour overdue
    assert body["last_poll"] is not None
