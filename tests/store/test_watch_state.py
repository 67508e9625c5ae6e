"""The state of ``newsledger watch`` in the ledger (``WatchState``): sources registered and
due, leases that let one watcher of two poll a source, items taken with their versions, and
the outcome of a poll written into its source's row."""

from __future__ import annotations

import threading
from datetime import timedelta

from newsledger.store import Ledger
from newsledger.store.watch_state import PollOutcome, WatchState, item_key, utc_now

FEED = "https://news.example/feed.xml"
SITEMAP = "https://news.example/sitemap.xml"


def _outcome(status: str = "ok", next_in_s: float = 900.0, articles: int = 0,
             requests: int = 1, failures: int = 0, error: str | None = None) -> PollOutcome:
    return PollOutcome("feed", '"e1"', "Fri, 03 Sep 2021 10:00:00 GMT", status, error,
                       articles, requests, utc_now() + timedelta(seconds=next_in_s), failures)


def test_sources_are_registered_once_in_order_and_due_at_once(ledger: Ledger) -> None:
    state = ledger.watch_state()
    first = state.register([SITEMAP, FEED, SITEMAP], 900.0)
    assert [s.url for s in first] == [SITEMAP, FEED]
    assert all(s.every_s == 900.0 and s.failures == 0 and s.kind is None for s in first)
    assert {s.id for s in state.claim_due([s.id for s in first], "w1", 60.0)} == \
        {s.id for s in first}
    # registered again with another interval: the same rows, the state they had kept
    state.finish_poll(first[1].id, "w1", _outcome(articles=3))
    again = state.register([FEED], 60.0)
    assert [(s.id, s.every_s, s.articles, s.etag) for s in again] == \
        [(first[1].id, 60.0, 3, '"e1"')]
    assert [s.url for s in state.sources()] == [SITEMAP, FEED]


def test_only_one_of_two_watchers_wins_a_due_source(ledger: Ledger) -> None:
    state = ledger.watch_state()
    ids = [s.id for s in state.register([FEED, SITEMAP], 900.0)]
    won = state.claim_due(ids, "watcher-a", 600.0)
    assert [s.url for s in won] == [FEED, SITEMAP]
    assert state.claim_due(ids, "watcher-b", 600.0) == []
    # the holder may claim again (a new round while its poll is still leased)
    assert len(state.claim_due(ids, "watcher-a", 600.0)) == 2
    # a poll finished by a's release: due later, so still nobody's
    state.finish_poll(ids[0], "watcher-a", _outcome())
    assert state.claim_due(ids, "watcher-b", 600.0) == []
    # a lease given back (a watcher stopping between polls): the due source is b's now
    state.release("watcher-a")
    assert [s.url for s in state.claim_due(ids, "watcher-b", 600.0)] == [SITEMAP]


def test_a_lease_that_ran_out_lets_the_other_watcher_in(ledger: Ledger) -> None:
    state = ledger.watch_state()
    (feed,) = state.register([FEED], 900.0)
    start = utc_now()  # one clock for the claim and the later ones: stamps keep whole seconds
    assert state.claim_due([feed.id], "crashed", 600.0, now=start)
    later = start + timedelta(seconds=599)
    assert state.claim_due([feed.id], "other", 600.0, now=later) == []
    much_later = start + timedelta(seconds=601)
    assert state.claim_due([feed.id], "other", 600.0, now=much_later)
    # the first watcher's late outcome is not written over the new holder's lease
    state.finish_poll(feed.id, "crashed", _outcome(articles=5))
    (row,) = state.sources([FEED])
    assert row.articles == 0 and row.last_poll is None
    state.finish_poll(feed.id, "other", _outcome(articles=2))
    (row,) = state.sources([FEED])
    assert row.articles == 2 and row.last_status == "ok"


def test_the_owners_of_leases_are_listed(ledger: Ledger) -> None:
    state = ledger.watch_state()
    feed, sitemap = state.register([FEED, SITEMAP], 900.0)
    assert state.owners([feed.id, sitemap.id]) == set()
    state.claim_due([feed.id], "host:1:a", 60.0)
    state.claim_due([sitemap.id], "host:2:b", 60.0)
    assert state.owners([feed.id, sitemap.id]) == {"host:1:a", "host:2:b"}
    assert state.owners([sitemap.id]) == {"host:2:b"}
    state.release("host:1:a")
    assert state.owners([feed.id, sitemap.id]) == {"host:2:b"}


def test_sources_not_due_are_not_claimed(ledger: Ledger) -> None:
    state = ledger.watch_state()
    feed, sitemap = state.register([FEED, SITEMAP], 900.0)
    assert state.claim_due([feed.id, sitemap.id], "w", 60.0)
    state.finish_poll(feed.id, "w", _outcome(next_in_s=900.0))
    state.finish_poll(sitemap.id, "w", _outcome(next_in_s=30.0))
    assert state.claim_due([feed.id, sitemap.id], "w", 60.0) == []
    due = state.next_due([feed.id, sitemap.id])
    assert due is not None and timedelta(seconds=25) < due - utc_now() <= timedelta(seconds=30)
    soon = utc_now() + timedelta(seconds=31)
    assert [s.url for s in state.claim_due([feed.id, sitemap.id], "w", 60.0, now=soon)] == \
        [SITEMAP]
    assert state.claim_due([feed.id], "w", 60.0, now=soon + timedelta(seconds=900))


def test_watchers_racing_for_sources_split_them(ledger_url: str) -> None:
    urls = [f"https://site{n}.example/feed" for n in range(40)]
    with Ledger.open(ledger_url) as setup:
        ids = [s.id for s in setup.watch_state().register(urls, 60.0)]
    won: dict[str, list[int]] = {}
    start = threading.Barrier(4)

    def claim(owner: str) -> None:
        with Ledger.open(ledger_url) as own:  # a connection of its own, as another process
            start.wait()
            state = own.watch_state()
            got: list[int] = []
            for _round in range(5):
                got += [s.id for s in state.claim_due(ids, owner, 600.0)]
            won[owner] = got

    threads = [threading.Thread(target=claim, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    firsts = {owner: set(got) for owner, got in won.items()}
    assert sum(len(s) for s in firsts.values()) == len(ids)  # disjoint ...
    assert set().union(*firsts.values()) == set(ids)  # ... and nothing left unclaimed


def test_items_are_unseen_until_taken_and_again_at_a_new_version(ledger: Ledger) -> None:
    state = ledger.watch_state()
    feed, sitemap = state.register([FEED, SITEMAP], 900.0)
    items = [("guid-1", "2021-09-03T10:00:00Z"), ("guid-2", None),
             ("https://news.example/" + "long/" * 600, "v1")]
    assert state.unseen(feed.id, items) == items
    state.mark_taken(feed.id, items[:2])
    assert state.unseen(feed.id, items) == items[2:]
    # a new version of a taken item is unseen; an item without one stays seen
    updated = [("guid-1", "2021-09-04T08:00:00Z"), ("guid-2", None)]
    assert state.unseen(feed.id, updated) == updated[:1]
    state.mark_taken(feed.id, updated[:1])
    assert state.unseen(feed.id, updated) == []
    assert state.unseen(feed.id, [("guid-2", "now dated")]) == [("guid-2", "now dated")]
    # marking again is harmless, and items are per source
    state.mark_taken(feed.id, items[:2])
    assert state.unseen(sitemap.id, items[:2]) == items[:2]
    assert len(item_key(items[2][0])) == 64


def test_many_items_are_checked_in_chunks(ledger: Ledger) -> None:
    state = ledger.watch_state()
    (feed,) = state.register([FEED], 900.0)
    items: list[tuple[str, str | None]] = [(f"https://news.example/a/{n}", str(n % 7))
                                           for n in range(1_234)]
    state.mark_taken(feed.id, items[::2])
    assert state.unseen(feed.id, items) == items[1::2]


def test_a_polls_outcome_is_kept_with_its_counts(ledger: Ledger) -> None:
    state = ledger.watch_state()
    (feed,) = state.register([FEED], 900.0)
    state.claim_due([feed.id], "w", 60.0)
    state.finish_poll(feed.id, "w", _outcome(articles=4, requests=5))
    (row,) = state.sources([FEED])
    assert (row.kind, row.etag, row.last_modified) == \
        ("feed", '"e1"', "Fri, 03 Sep 2021 10:00:00 GMT")
    assert (row.last_status, row.articles, row.requests, row.failures) == ("ok", 4, 5, 0)
    assert row.last_article is not None and row.last_article == row.last_poll
    first_article = row.last_article

    state.claim_due([feed.id], "w", 60.0, now=utc_now() + timedelta(seconds=901))
    state.finish_poll(feed.id, "w", _outcome("error", 120.0, 0, 2, failures=1,
                                             error="http-error: HTTP 500"))
    (row,) = state.sources([FEED])
    assert (row.last_status, row.last_error, row.failures) == ("error", "http-error: HTTP 500", 1)
    assert (row.articles, row.requests) == (4, 7)  # added up
    assert row.last_article == first_article  # no article this time
    assert state.claim_due([feed.id], "other", 60.0) == []  # not due for two minutes


def test_the_ledgers_size() -> None:
    with Ledger.open("sqlite://") as ledger:
        assert WatchState(ledger.engine).ledger_size() == {"documents": 0, "events": 0}


def test_forgotten_sources_leave_the_watch_list_with_their_items(ledger: Ledger) -> None:
    state = ledger.watch_state()
    kept, gone = state.register([FEED, SITEMAP], 900.0)
    state.mark_taken(kept.id, [("a1", "v1")])
    state.mark_taken(gone.id, [("a1", "v1"), ("a2", None)])
    assert state.forget([SITEMAP, "https://never.example/feed"]) == 1
    assert [s.url for s in state.sources()] == [FEED]
    assert state.unseen(kept.id, [("a1", "v1")]) == []  # the other source keeps its items
    again = state.register([SITEMAP], 900.0)[0]  # watched again: a new start
    assert state.unseen(again.id, [("a1", "v1"), ("a2", None)]) == [("a1", "v1"), ("a2", None)]


def test_long_versions_and_validators_fit_their_columns(ledger: Ledger) -> None:
    """Feeds and servers send values of any length: a long version is kept as its hash
    (still told apart), and a validator too long for its column is not kept (the next
    request is plain), so that no database refuses the write."""
    state = ledger.watch_state()
    (source,) = state.register([FEED], 900.0)
    long_one, long_two = "2021-09-03T13:43:00Z " + "x" * 300, "2021-09-03 " + "y" * 300
    state.mark_taken(source.id, [("a1", long_one)])
    assert state.unseen(source.id, [("a1", long_one)]) == []
    assert state.unseen(source.id, [("a1", long_two)]) == [("a1", long_two)]
    assert state.claim_due([source.id], "w", 60.0)
    state.finish_poll(source.id, "w", PollOutcome("feed", '"' + "e" * 600 + '"', "Fri, 03 Sep "
                                                  "2021 13:43:00 GMT", "ok", None, 0, 1,
                                                  utc_now(), 0))
    (row,) = state.sources([FEED])
    assert row.etag is None and row.last_modified == "Fri, 03 Sep 2021 13:43:00 GMT"


def test_a_source_another_watcher_holds_is_due_no_sooner_than_its_lease_ends(
        ledger: Ledger) -> None:
    """A watcher waits for the lease of another rather than asking the database again and
    again while that one polls."""
    state = ledger.watch_state()
    (source,) = state.register([FEED], 900.0)
    assert state.claim_due([source.id], "other", 300.0)
    mine = state.next_due([source.id], "me")
    theirs = state.next_due([source.id], "other")
    assert mine is not None and theirs is not None
    assert 290 < (mine - utc_now()).total_seconds() <= 300
    assert (theirs - utc_now()).total_seconds() <= 0
