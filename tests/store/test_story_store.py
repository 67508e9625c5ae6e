"""Stories kept in the ledger (``store.story_store``): a write marks its days to be grouped
again, ``refresh_stories`` groups them with the stories they touch and stores the result,
and the stored stories answer as the stories grouped per request would. Real CASE 2021
reports of tests/data/stories (Samangan 2018, Garissa 2015, Manbij and al-Bayda 2017)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from newsledger.records import Analysis, Page
from newsledger.store import Filters, Ledger
from newsledger.store.models import LedgerState, StoredStory, StoryEvent
from newsledger.store.story_store import _documents_to_group

REPORTS = Path(__file__).resolve().parents[1] / "data" / "stories" / "reports.json"


def _analyse(analyzer, *names: str) -> list[Analysis]:  # type: ignore[no-untyped-def]
    reports = json.loads(REPORTS.read_text(encoding="utf-8"))
    pages = [Page(f"https://example.org/{n}", reports[n]["text"], "text",
                  url=f"https://example.org/{n}", outlet=reports[n]["outlet"],
                  published=reports[n]["published"]) for n in names]
    found = [o.analysis for o in analyzer.run(pages)]
    assert all(found)
    return found  # type: ignore[return-value]


def _state(ledger: Ledger) -> tuple[int, str | None, str | None]:
    with ledger.engine.connect() as connection:
        row = connection.execute(select(LedgerState.stale, LedgerState.stale_low,
                                        LedgerState.stale_high)).one()
    return row[0], row[1], row[2]


def _stored(ledger: Ledger) -> tuple[int, int]:
    with ledger.engine.connect() as connection:
        stories = connection.execute(select(func.count()).select_from(StoredStory))
        members = connection.execute(select(func.count()).select_from(StoryEvent))
        return stories.scalar_one(), members.scalar_one()


def _ids(stories) -> set[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {tuple(sorted(s.events)) for s in stories}


def test_a_write_marks_its_days_and_a_refresh_stores_the_stories(
        ledger: Ledger, analyzer) -> None:  # type: ignore[no-untyped-def]
    samangan = _analyse(analyzer, "samangan-258", "samangan-617")
    ledger.refresh_stories()  # an empty ledger: nothing to group, and now current
    assert _state(ledger) == (0, None, None)
    ledger.write(samangan, [], "test")
    stale, low, high = _state(ledger)
    assert stale == 1 and low is not None and high is not None and low <= "2018-03-27" <= high
    assert ledger.story_bodies(Filters()) is None  # stale: nothing stored answers yet
    grouped_now = ledger.stories(Filters(since="2018-01-01", limit=100))
    done = ledger.refresh_stories()
    assert done.current and done.documents == 2 and done.stories == len(grouped_now)
    assert _state(ledger) == (0, None, None)
    stored = ledger.stories(Filters(since="2018-01-01", limit=100))
    assert _ids(stored) == _ids(grouped_now)
    both = next(s for s in stored if len(s.documents) == 2)
    killed = next(r for r in both.ranges if r.kind == "killed")
    assert (killed.low, killed.high) == (20, 20)  # "27 ... across Afghanistan" is national
    assert any(f.count == 27 and f.scope == "cumulative" for f in both.figures)
    assert ledger.refresh_stories().stories == 0  # current: nothing to do


def test_a_refresh_regroups_only_the_days_written_and_keeps_the_rest(
        ledger: Ledger, analyzer) -> None:  # type: ignore[no-untyped-def]
    ledger.write(_analyse(analyzer, "garissa-750", "garissa-962"), [], "test")
    ledger.refresh_stories()
    garissa = ledger.stories(Filters(until="2015-12-31", limit=100))
    assert any(len(s.documents) == 2 for s in garissa)
    with ledger.engine.connect() as connection:
        kept_ids = set(connection.scalars(select(StoredStory.id)))
    ledger.write(_analyse(analyzer, "manbij-429", "baydha-835"), [], "test")
    stale, low, high = _state(ledger)
    assert (stale, low[:4] if low else None, high[:4] if high else None) == (1, "2017", "2017")
    done = ledger.refresh_stories()
    assert done.documents == 2 and done.span is not None and done.span[0] > "2016"
    with ledger.engine.connect() as connection:
        assert kept_ids <= set(connection.scalars(select(StoredStory.id)))  # 2015 untouched
    assert _ids(ledger.stories(Filters(until="2015-12-31", limit=100))) == _ids(garissa)
    assert ledger.stories(Filters(since="2017-01-01", until="2017-12-31", limit=100))


def test_a_replaced_document_leaves_no_story_behind(
        ledger: Ledger, analyzer) -> None:  # type: ignore[no-untyped-def]
    samangan = _analyse(analyzer, "samangan-258", "samangan-617")
    ledger.write(samangan, [], "v1")
    ledger.refresh_stories()
    before = _stored(ledger)
    ledger.write(samangan, [], "v2")  # re-analysed by another version: new event rows
    ledger.refresh_stories()
    assert _stored(ledger) == before
    with ledger.engine.connect() as connection:
        orphans = connection.execute(select(func.count()).select_from(StoredStory).where(
            ~StoredStory.id.in_(select(StoryEvent.story_id)))).scalar_one()
    assert orphans == 0


def test_stored_stories_are_filtered_by_their_events(
        ledger: Ledger, analyzer) -> None:  # type: ignore[no-untyped-def]
    ledger.write(_analyse(analyzer, "samangan-258", "samangan-617", "garissa-750"), [],
                 "test")
    ledger.refresh_stories()
    everything = ledger.story_bodies(Filters(limit=100))
    assert everything is not None and len(everything) >= 2
    kenya = ledger.story_bodies(Filters(outlet="snippet 750", limit=100))
    assert kenya and all(json.loads(b)["outlets"] == ["CASE 2021 snippet 750"] for b in kenya)
    assert ledger.story_bodies(Filters(outlet="snippet 750", since="2018-01-01")) == []
    assert all(json.loads(b)["documents"] for b in ledger.story_bodies(
        Filters(limit=100), min_reports=2) or [])
    two = ledger.story_bodies(Filters(limit=100), min_reports=2) or []
    assert two and all(len(json.loads(b)["documents"]) >= 2 for b in two)


def test_a_row_whose_time_is_no_date_does_not_stop_the_grouping(
        ledger: Ledger, analyzer) -> None:  # type: ignore[no-untyped-def]
    # as a ledger written before publication dates were checked may hold
    samangan = _analyse(analyzer, "samangan-258")[0]
    broken = replace(samangan, document=replace(samangan.document, published="not a date"),
                     events=tuple(replace(e, time=None) for e in samangan.events))
    ledger.write([broken], [], "test")
    with ledger.engine.begin() as connection:  # a span stored before the checks
        connection.execute(update(LedgerState).values(stale=1, stale_low="not a date",
                                                      stale_high="not a date"))
    done = ledger.refresh_stories()
    assert done.current and done.span is None and done.documents == 1
    assert _state(ledger) == (0, None, None)
    ledger.write(_analyse(analyzer, "samangan-617"), [], "test")
    assert ledger.refresh_stories().current and _state(ledger) == (0, None, None)


def test_a_report_is_regrouped_with_reports_published_near_it(
        ledger: Ledger, analyzer) -> None:  # type: ignore[no-untyped-def]
    """Reports published near each other may be one story whatever their events' days
    (``stories.report_links``): a write marks its reports' publication days too, and a
    refresh over those days reads back the reports published in them."""
    (report,) = _analyse(analyzer, "samangan-617")
    event_days = {day[:10] for e in report.events if e.time
                  for day in (e.time.start, e.time.end) if day}
    assert event_days and max(event_days) < "2018-05-01"
    later = replace(report, document=replace(report.document, published="2018-05-01T10:00:00"))
    ledger.refresh_stories()  # an empty ledger: now current
    ledger.write([later], [], "test")
    stale, low, high = _state(ledger)
    assert stale == 1 and low is not None and high is not None and high >= "2018-05-01"
    ledger.refresh_stories()
    with Session(ledger.engine) as session:
        found = _documents_to_group(ledger.engine, session, ("2018-04-30", "2018-05-02"))
    assert len(found) == 1


def test_a_refresh_links_a_new_report_to_the_story_told_in_its_words(
        ledger: Ledger, analyzer) -> None:  # type: ignore[no-untyped-def]
    """A day of news is written and grouped; then Al Bawaba's report on Sweden dropping the
    Assange investigation comes: the refresh reads back the BBC's report of the same day
    and stores one story with both, as grouping the whole ledger would."""
    reports = json.loads(REPORTS.read_text(encoding="utf-8"))
    day_of_news = [n for n in reports if n != "assange-albawaba"]
    ledger.refresh_stories()  # an empty ledger: now current
    first = [replace(a, document=replace(a.document, published="2019-11-19T09:00:00"))
             for a in _analyse(analyzer, *day_of_news)]
    ledger.write(first, [], "test")
    ledger.refresh_stories()
    bbc = first[day_of_news.index("assange-bbc")].document.id
    (albawaba,) = _analyse(analyzer, "assange-albawaba")
    ledger.write([albawaba], [], "test")
    assert ledger.refresh_stories().current
    stored = ledger.stories(Filters(limit=1000))
    assert any({bbc, albawaba.document.id} <= set(s.documents) for s in stored)
