"""One poll of one source (``Poller``) against a local news site: feeds whose items change
between polls, conditional requests answered 304, new items only, updated items, a backlog,
429/500 answers, feeds that break (XML errors, entity bombs, HTML instead of a feed, a
redirect to a private address, an endless redirect chain, 10 MB), robots.txt, the delay per
host, sitemaps and pages."""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import replace

import pytest

from newsledger.errors import TemporaryFailure
from newsledger.ingest.fetch import Fetcher, Validators
from newsledger.records import Page, Rejection
from newsledger.store.watch_state import SourceState
from newsledger.watch.politeness import RETRY_S, HostGate, RobotsRules
from newsledger.watch.polling import Item, Poller, PollResult
from tests.watch.conftest import MakeFetcher, MakeSite
from tests.watch.news_server import Answer, Entry, NewsSite, place_in, story
from tests.watch.test_politeness import FakeClock

MAX = 1024 * 1024


class Taken:
    """The items of one source taken so far (key → version), as ``WatchState`` keeps them."""

    def __init__(self) -> None:
        self.items: dict[str, str | None] = {}

    def unseen(self, items: Sequence[Item]) -> list[Item]:
        return [(k, v) for k, v in items if k not in self.items or self.items[k] != v]

    def take(self, result: PollResult) -> None:
        self.items.update(item for _article, item in result.articles)


def source(url: str, kind: str | None = None) -> SourceState:
    return SourceState(1, url, kind, 60.0, None, None, None, None, None, None, 0, None, 0, 0)


def after(state: SourceState, result: PollResult) -> SourceState:
    """The source as the watcher leaves it after a good poll: with the validators of the
    poll, unless new items were left for the next one."""
    validators = Validators() if result.backlog or result.skipped else result.validators
    return replace(state, kind=result.kind, etag=validators.etag,
                   last_modified=validators.last_modified)


def poller(fetcher: Fetcher, delay_s: float = 0.0, max_items: int = 100) -> Poller:
    gate = HostGate(delay_s)
    return Poller(fetcher, RobotsRules(fetcher, gate=gate), gate, MAX, max_items)


def entries(site: NewsSite, numbers: Sequence[int], **revisions: int) -> list[Entry]:
    """Feed items ``n`` with articles at /a<n> (served), revised as ``a<n>=revision`` says."""
    made = []
    for n in numbers:
        revision = revisions.get(f"a{n}", 0)
        site.article(f"/a{n}", n, revision)
        made.append(Entry(f"item-{n}", f"/a{n}", f"Story {n}",
                          updated=1_630_000_000.0 + n + 1000 * revision))
    return made


def pages(result: PollResult) -> list[Page]:
    found = [a for a, _item in result.articles if isinstance(a, Page)]
    assert len(found) == len(result.articles), result.articles
    return found


def place_of(page: Page) -> str:
    return place_in(page.content)


def test_a_feed_gives_its_items_then_only_what_is_new(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.feed("/feed", entries(site, [0, 1, 2]))
    poll, taken, state = poller(make_fetcher()), Taken(), source(site.url("/feed"))

    first = poll(state, taken.unseen)
    assert first.error is None and first.kind == "feed" and not first.unchanged
    assert [place_of(p) for p in pages(first)] == ["Kunar", "Nangarhar", "Laghman"]
    assert [k for _a, (k, _v) in first.articles] == ["item-0", "item-1", "item-2"]
    assert all(v is not None for _a, (_k, v) in first.articles)
    assert first.requests == 4 and first.validators.etag is not None
    taken.take(first)
    state = after(state, first)

    # unchanged: one conditional request, answered 304, and nothing else
    second = poll(state, taken.unseen)
    assert second.unchanged and second.articles == [] and second.requests == 1
    last = site.requests("/feed")[-1]
    assert last.headers.get("if-none-match") == first.validators.etag
    assert site.articles_served() == ["/a0", "/a1", "/a2"]

    # items change: two new ones, one gone; only the new ones are fetched
    site.feed("/feed", entries(site, [3, 4, 1, 2]))
    third = poll(state, taken.unseen)
    assert [place_of(p) for p in pages(third)] == ["Kapisa", "Parwan"]
    assert [k for _a, (k, _v) in third.articles] == ["item-3", "item-4"]
    assert site.articles_served() == ["/a0", "/a1", "/a2", "/a3", "/a4"]
    assert third.validators.etag != first.validators.etag


def test_an_updated_item_is_taken_again(site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.feed("/feed", entries(site, [0, 1]))
    poll, taken, state = poller(make_fetcher()), Taken(), source(site.url("/feed"))
    first = poll(state, taken.unseen)
    taken.take(first)
    site.feed("/feed", entries(site, [0, 1], a1=1))  # item 1 updated, its article revised
    second = poll(after(state, first), taken.unseen)
    (page,) = pages(second)
    assert page.url == site.url("/a1") and "Update 1:" in page.content
    (_key, version), = [item for _a, item in second.articles]
    assert version != taken.items["item-1"]
    assert site.articles_served() == ["/a0", "/a1", "/a1"]


def test_more_new_items_than_max_items_leave_a_backlog(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.feed("/feed", entries(site, range(5)))
    poll, taken, state = poller(make_fetcher(), max_items=2), Taken(), source(site.url("/feed"))
    first = poll(state, taken.unseen)
    assert first.backlog and len(pages(first)) == 2
    taken.take(first)
    second = poll(state, taken.unseen)  # polled again at once, without validators
    assert second.backlog and [k for _a, (k, _v) in second.articles] == ["item-2", "item-3"]
    taken.take(second)
    third = poll(state, taken.unseen)
    assert not third.backlog and [k for _a, (k, _v) in third.articles] == ["item-4"]
    assert site.articles_served() == [f"/a{n}" for n in range(5)]


def test_articles_that_fail_are_rejected_or_left_for_the_next_poll(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    feed = entries(site, [0, 1, 2])
    site.route("/a1", Answer(404, b"gone"))
    site.route("/a2", Answer(503, b"busy"))
    site.feed("/feed", feed)
    result = poller(make_fetcher())(source(site.url("/feed")), Taken().unseen)
    assert result.error is None
    (page, first), (rejection, second) = result.articles
    assert isinstance(page, Page) and first[0] == "item-0"
    assert isinstance(rejection, Rejection) and second[0] == "item-1"
    assert rejection.reason == "http-error" and "HTTP 404" in rejection.detail
    # the 503 (a temporary failure, retried once by the fetcher) is neither an article
    # nor a rejection: its item is left untaken, to be asked for again
    assert site.count("/a2") == 2 and result.skipped == 1


def test_a_failing_feed_is_the_polls_error_with_the_servers_wish(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.route("/busy", Answer(429, b"slow down", {"Retry-After": "120"}))
    site.route("/down", Answer(500, b"oops"))
    poll = poller(make_fetcher())
    started = time.monotonic()
    busy = poll(source(site.url("/busy")), Taken().unseen)
    assert time.monotonic() - started < 5  # the fetcher did not wait the 120 s itself
    assert isinstance(busy.error, TemporaryFailure) and busy.error.reason == "http-error"
    assert "HTTP 429" in busy.error.detail and busy.retry_after == 120.0
    assert site.count("/busy") == 1  # a Retry-After over max_wait_s ends the retries
    down = poll(source(site.url("/down")), Taken().unseen)
    assert isinstance(down.error, TemporaryFailure) and "HTTP 500" in down.error.detail
    assert down.retry_after is None and down.articles == []


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss version="2.0"><channel><title>&d;</title>
<item><title>&d;</title><link>http://news.example/a0</link></item></channel></rss>"""
HTML = b"<!doctype html><html><head><title>Moved</title></head><body><p>Our feeds " \
       b"have moved.</p></body></html>"


def _broken(site: NewsSite, case: str) -> tuple[str, str | None]:
    """Serve the broken feed ``case`` at /feed; the source's kind as known before."""
    if case == "xml-error":
        site.route("/feed", Answer(200, b'<rss version="2.0"><channel>\x00 &&& <<<',
                                   {"Content-Type": "application/rss+xml"}))
    elif case == "entity-bomb":
        site.route("/feed", Answer(200, BOMB, {"Content-Type": "application/rss+xml"}))
    elif case == "html-instead":
        site.route("/feed", Answer(200, HTML))
        return "feed", "feed"
    elif case == "private-redirect":
        site.route("/feed", Answer(302, headers={
            "Location": f"http://127.0.0.1:{site.port}/internal-feed"}))
        site.route("/internal-feed", Answer(200, b"<rss/>"))
    elif case == "redirect-loop":
        site.route("/feed", Answer(302, headers={"Location": "/feed-1"}))
        for n in range(1, 30):
            site.route(f"/feed-{n}", Answer(302, headers={"Location": f"/feed-{n + 1}"}))
    elif case == "ten-megabytes":
        body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'
                + b"<item><title>x</title><description>" + b"y" * (10 * 1024 * 1024)
                + b"</description></item></channel></rss>")
        site.route("/feed", Answer(200, body, {"Content-Type": "application/rss+xml"}))
    return case, None


@pytest.mark.parametrize(("case", "reason"), [
    ("xml-error", "not-a-feed"), ("entity-bomb", "unsafe-feed"),
    ("html-instead", "not-a-feed"), ("private-redirect", "private-address"),
    ("redirect-loop", "redirects"), ("ten-megabytes", "too-large")])
def test_a_broken_feed_is_rejected_with_its_reason(
        case: str, reason: str, make_site: MakeSite, make_fetcher: MakeFetcher) -> None:
    site = make_site("news.example")
    site.robots(None, status=404)
    _case, kind = _broken(site, case)
    result = poller(make_fetcher(public=True))(source(site.url("/feed"), kind), Taken().unseen)
    assert result.error is not None and result.error.reason == reason, result.error
    assert not isinstance(result.error, TemporaryFailure)  # not worth retrying at once
    assert result.articles == [] and not result.unchanged
    assert site.count("/internal-feed") == 0  # the private address was never reached
    assert result.validators == Validators() or case == "html-instead"


def test_robots_txt_keeps_the_poll_off_what_it_disallows(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots("User-agent: *\nDisallow: /closed/\nDisallow: /a1\n")
    site.feed("/feed", entries(site, [0, 1, 2]))
    site.feed("/closed/feed", entries(site, [3]))
    poll = poller(make_fetcher())
    closed = poll(source(site.url("/closed/feed")), Taken().unseen)
    assert closed.error is not None and closed.error.reason == "robots"
    assert site.count("/closed/feed") == 0 and closed.requests == 0
    result = poll(source(site.url("/feed")), Taken().unseen)
    kinds = [(type(a).__name__, k) for a, (k, _v) in result.articles]
    assert kinds == [("Page", "item-0"), ("Rejection", "item-1"), ("Page", "item-2")]
    rejection = result.articles[1][0]
    assert isinstance(rejection, Rejection) and rejection.reason == "robots"
    assert site.count("/a1") == 0 and site.articles_served() == ["/a0", "/a2"]
    assert site.count("/robots.txt") == 1


def _gaps(site: NewsSite) -> list[float]:
    times = [h.at for h in site.requests()]
    return [b - a for a, b in itertools.pairwise(times)]


def test_requests_to_a_host_keep_the_delay_robots_txt_included(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots("User-agent: *\nAllow: /\n")
    site.feed("/feed", entries(site, [0, 1, 2]))
    result = poller(make_fetcher(), delay_s=0.3)(source(site.url("/feed")), Taken().unseen)
    assert len(result.articles) == 3
    assert [h.path for h in site.requests()] == ["/robots.txt", "/feed", "/a0", "/a1", "/a2"]
    assert min(_gaps(site)) >= 0.28, _gaps(site)


def test_the_hosts_crawl_delay_wins_over_a_shorter_one(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots("User-agent: *\nCrawl-delay: 0.3\n")
    site.feed("/feed", entries(site, [0, 1, 2]))
    result = poller(make_fetcher(), delay_s=0.0)(source(site.url("/feed")), Taken().unseen)
    assert len(result.articles) == 3
    assert min(_gaps(site)[1:]) >= 0.28, _gaps(site)  # robots.txt → feed: no rules yet


def _urlset(site: NewsSite, pairs: Sequence[tuple[str, str]]) -> bytes:
    urls = "".join(f"<url><loc>{site.url(p)}</loc><lastmod>{m}</lastmod></url>"
                   for p, m in pairs)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()


def test_a_sitemap_gives_its_pages_and_again_those_changed(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    for n in range(3):
        site.article(f"/a{n}", n)
    site.conditional("/sitemap.xml", _urlset(site, [("/a0", "2021-09-03"), ("/a1", "2021-09-04"),
                                                    ("/a2", "2021-09-05")]), "application/xml")
    poll, taken, state = poller(make_fetcher()), Taken(), source(site.url("/sitemap.xml"))
    first = poll(state, taken.unseen)
    assert first.kind == "sitemap" and first.error is None
    assert [place_of(p) for p in pages(first)] == ["Kunar", "Nangarhar", "Laghman"]
    assert [item for _a, item in first.articles] == [
        (site.url("/a0"), "2021-09-03"), (site.url("/a1"), "2021-09-04"),
        (site.url("/a2"), "2021-09-05")]
    taken.take(first)
    state = after(state, first)
    assert poll(state, taken.unseen).unchanged
    site.article("/a1", 1, revision=1)
    site.conditional("/sitemap.xml", _urlset(site, [("/a0", "2021-09-03"), ("/a1", "2021-09-06"),
                                                    ("/a2", "2021-09-05")]), "application/xml")
    again = poll(state, taken.unseen)
    (page,) = pages(again)
    assert "Update 1:" in page.content
    assert site.articles_served() == ["/a0", "/a1", "/a2", "/a1"]


def test_a_sitemap_index_is_read_through_its_sitemaps(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    for n in range(3):
        site.article(f"/a{n}", n)
    site.text("/s1.xml", _urlset(site, [("/a0", "2021-09-03")]).decode(), "application/xml")
    site.text("/s2.xml", _urlset(site, [("/a1", "2021-09-04"), ("/a2", "2021-09-05")]).decode(),
              "application/xml")
    site.route("/busy.xml", Answer(503, b"busy"))
    index = "".join(f"<sitemap><loc>{site.url(p)}</loc></sitemap>"
                    for p in ("/s1.xml", "/busy.xml", "/s2.xml", "/gone.xml"))
    site.conditional("/index.xml", (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/'
        f'0.9">{index}</sitemapindex>').encode(), "application/xml")
    result = poller(make_fetcher())(source(site.url("/index.xml")), Taken().unseen)
    assert result.kind == "sitemap"
    found = [(type(a).__name__, k) for a, (k, _v) in result.articles]
    assert found == [("Rejection", site.url("/gone.xml")), ("Page", site.url("/a0")),
                     ("Page", site.url("/a1")), ("Page", site.url("/a2"))]
    # a sitemap that failed for now is neither read nor rejected: asked again next time
    assert result.skipped == 1 and site.count("/busy.xml") == 2


def test_a_page_is_taken_again_only_when_it_changed(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.text("/live", story(5))  # no validators: a full answer every time
    poll, taken, state = poller(make_fetcher()), Taken(), source(site.url("/live"))
    first = poll(state, taken.unseen)
    assert first.kind == "page" and [place_of(p) for p in pages(first)] == ["Bamyan"]
    taken.take(first)
    state = after(state, first)
    assert poll(state, taken.unseen).articles == []
    site.text("/live", story(5, revision=2))
    (page,) = pages(poll(state, taken.unseen))
    assert "Update 2:" in page.content and page.url == site.url("/live")


def test_a_known_sitemap_that_answers_a_feed_is_an_error(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.feed("/sitemap.xml", entries(site, [0]))
    result = poller(make_fetcher())(source(site.url("/sitemap.xml"), "sitemap"), Taken().unseen)
    assert result.error is not None and result.error.reason == "not-a-feed"
    assert "a feed" in result.error.detail and site.articles_served() == []


def test_items_without_guid_or_link_are_told_apart_by_their_text(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    """Wire items that carry their whole text and neither a guid nor a link: a new one at
    the top of the feed is new, however the others moved down."""
    site.robots(None, status=404)

    def wire(numbers: Sequence[int]) -> bytes:
        items = "".join(f"<item><title>Wire {n}</title><description><![CDATA["
                        f"{story(n)}]]></description></item>" for n in numbers)
        return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                f"{items}</channel></rss>").encode()

    site.conditional("/wire", wire([1, 0]), "application/rss+xml")
    poll, taken, state = poller(make_fetcher()), Taken(), source(site.url("/wire"))
    first = poll(state, taken.unseen)
    assert [place_of(p) for p in pages(first)] == ["Nangarhar", "Kunar"]
    taken.take(first)
    site.conditional("/wire", wire([2, 1, 0]), "application/rss+xml")
    second = poll(after(state, first), taken.unseen)
    assert [place_of(p) for p in pages(second)] == ["Laghman"]


def test_articles_on_a_host_whose_robots_txt_fails_for_now_are_left_for_later(
        make_site: MakeSite, make_fetcher: MakeFetcher) -> None:
    feeds, articles = make_site(), make_site()
    feeds.robots(None, status=404)
    articles.robots(None, status=503)
    for n in (0, 1):
        articles.article(f"/a{n}", n)
    feeds.feed("/feed", [Entry(f"item-{n}", "", url=articles.url(f"/a{n}")) for n in (0, 1)])
    clock = FakeClock()
    fetcher, gate = make_fetcher(), HostGate(0.0)
    poll = Poller(fetcher, RobotsRules(fetcher, clock=clock, gate=gate), gate, MAX)
    taken, state = Taken(), source(feeds.url("/feed"))
    first = poll(state, taken.unseen)
    assert first.error is None and first.articles == [] and first.skipped == 2
    assert articles.articles_served() == []
    articles.robots(None, status=404)  # back, and asked again once its retry time is up
    clock.now += RETRY_S + 1
    second = poll(after(state, first), taken.unseen)
    assert [place_of(p) for p in pages(second)] == ["Kunar", "Nangarhar"]


def test_a_stopping_watcher_fetches_no_further_article(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    """Once the watcher is told to stop, the poll in flight fetches no more articles: the
    ones left are counted as skipped (not taken; the next run asks for them again)."""
    site.robots(None, status=404)
    site.feed("/feed", entries(site, [0, 1, 2, 3, 4]))
    served: list[int] = []

    def stopping() -> bool:
        served.append(len(site.articles_served()))
        return len(site.articles_served()) >= 2  # stopped after the second article

    result = poller(make_fetcher())(source(site.url("/feed")), Taken().unseen, stopping)
    assert result.error is None and len(result.articles) == 2 and result.skipped == 3
    assert site.articles_served() == ["/a0", "/a1"]
    assert served[:3] == [0, 1, 2]


def test_a_broken_url_in_a_sitemap_is_that_page_rejection_and_the_rest_are_taken(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.article("/a0", 0)
    body = _urlset(site, [("/a0", "2021-09-03")]).replace(
        b"</urlset>", b"<url><loc>http://[news.example/a1</loc></url></urlset>")
    site.conditional("/sitemap.xml", body, "application/xml")
    result = poller(make_fetcher())(source(site.url("/sitemap.xml")), Taken().unseen)
    assert result.error is None
    rejected = [a for a, _item in result.articles if isinstance(a, Rejection)]
    assert [r.reason for r in rejected] == ["bad-url"]
    assert [place_of(p) for p in result.articles[0][:1] if isinstance(p, Page)] == ["Kunar"]


def test_an_empty_feed_is_a_good_poll_with_nothing_new(
        site: NewsSite, make_fetcher: MakeFetcher) -> None:
    site.robots(None, status=404)
    site.feed("/feed", [])
    result = poller(make_fetcher())(source(site.url("/feed")), Taken().unseen)
    assert result.error is None and result.articles == [] and result.kind == "feed"
