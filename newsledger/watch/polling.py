"""One poll of one watched source: a conditional request for it, then the articles it lists
that were never taken (or have a new version), each fetched politely.

A source is a feed (RSS, Atom), a sitemap (a news sitemap, a sitemap index), or a page to
re-check; which, is found on the first poll and kept. An unchanged source costs one request
answered 304. A failure of the source itself (an error status, XML that is unsafe or
broken, HTML where a feed was, a redirect to a private address, a feed over the size cap)
is the poll's error, retried later with backoff; the other sources go on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from newsledger.errors import INTERNAL_ERROR, RejectedInput, TemporaryFailure, rejection_of
from newsledger.ingest.feeds import FeedItem, feed_items, is_feed, item_page
from newsledger.ingest.fetch import FetchedPage, Fetcher, Validators, fetch_page, page_of
from newsledger.ingest.sitemaps import is_sitemap, read_sitemap
from newsledger.records import Page, Rejection
from newsledger.store.watch_state import SourceState
from newsledger.watch.politeness import HostGate, RobotsRules

MAX_CHILD_SITEMAPS = 20  # sitemaps of an index read per poll (the newest are listed first)

Item = tuple[str, str | None]  # an item's key and version
Unseen = Callable[[Sequence[Item]], list[Item]]


@dataclass
class PollResult:
    """What one poll found: the source's kind and validators, the articles to write with
    the item each came from, whether more new items wait (a backlog), the new items left
    for the next poll after a failure that may pass (``skipped``), the requests made, and
    the error that ended the poll, if one did (``retry_after``: the server's wish)."""

    source: SourceState
    kind: str | None = None
    validators: Validators = field(default_factory=Validators)
    articles: list[tuple[Page | Rejection, Item]] = field(default_factory=list)
    unchanged: bool = False
    backlog: bool = False
    skipped: int = 0
    requests: int = 0
    error: RejectedInput | None = None
    stopping: Callable[[], bool] = field(default=lambda: False, repr=False)

    @property
    def retry_after(self) -> float | None:
        return self.error.retry_after if isinstance(self.error, TemporaryFailure) else None


@dataclass(frozen=True)
class Poller:
    """Polls sources through one fetcher, robots.txt rules and host gate; ``max_items``
    new articles per poll at most (the rest wait for the next one)."""

    fetcher: Fetcher
    robots: RobotsRules
    gate: HostGate
    max_bytes: int
    max_items: int = 100

    def __call__(self, source: SourceState, unseen: Unseen,
                 stopping: Callable[[], bool] = lambda: False) -> PollResult:
        """Poll ``source``; ``unseen`` picks the items not taken yet; once ``stopping``
        says so, no further article is fetched (those left are ``skipped``)."""
        result = PollResult(source, kind=source.kind,
                            validators=Validators(source.etag, source.last_modified))
        result.stopping = stopping
        try:
            fetched = self._get(source.url, result, result.validators)
            if fetched.not_modified:
                result.unchanged = True
                return result
            result.validators = Validators(fetched.etag, fetched.last_modified)
            result.kind = self._kind(source, fetched)
            if result.kind == "feed":
                self._feed(fetched, result, unseen)
            elif result.kind == "sitemap":
                self._sitemap(fetched, result, unseen)
            else:
                self._page(fetched, result, unseen)
        except RejectedInput as exc:
            result.error = exc
        except Exception as exc:  # a fault of newsledger: this source's error, not the run's
            result.error = RejectedInput(source.url, INTERNAL_ERROR, f"the poll failed with "
                                         f"{type(exc).__name__}: {exc}; please report it")
        return result

    def _robots(self, url: str, refusal: str) -> None:
        """Raise unless robots.txt lets newsledger fetch ``url``: RejectedInput saying
        ``refusal`` when it says no, TemporaryFailure when it cannot be read for now (the
        URL is asked for again later)."""
        if self.robots.allowed(url):
            return
        if not self.robots.readable(url):
            raise TemporaryFailure(url, "robots", f"robots.txt of {url}'s host cannot be "
                                   "read for now (a server error or no connection); "
                                   "asked again later")
        raise RejectedInput(url, "robots", refusal)

    def _get(self, url: str, result: PollResult,
             validators: Validators | None = None) -> FetchedPage:
        self._robots(url, f"robots.txt of {url}'s host does not let newsledger fetch it; "
                     "the source is left alone")
        with self.gate.visit(url, self.robots.crawl_delay(url)):
            result.requests += 1
            return self.fetcher.fetch(url, validators)

    def _kind(self, source: SourceState, fetched: FetchedPage) -> str:
        found = ("feed" if is_feed(fetched.data, fetched.content_type)
                 else "sitemap" if is_sitemap(fetched.data) else "page")
        if source.kind in ("feed", "sitemap") and found != source.kind:
            raise RejectedInput(source.url, "not-a-feed", f"the {source.kind} now answers "
                                f"{'an HTML page' if found == 'page' else 'a ' + found}; "
                                "it may have moved: check the address")
        return found

    def _feed(self, fetched: FetchedPage, result: PollResult, unseen: Unseen) -> None:
        try:
            items, _over = feed_items(fetched.data, result.source.url, self.max_bytes,
                                      base_url=fetched.url)
        except RejectedInput as exc:
            if exc.reason == "empty-feed":  # a quiet feed: a good poll with nothing new
                return
            raise
        keyed = [(_key(item, place), item) for place, item in enumerate(items)]
        by_key = dict(keyed)
        new = self._new([(key, item.version) for key, item in keyed], result, unseen)
        for place, (key, version) in enumerate(new):
            if result.stopping():  # the watcher stops: the rest wait for the next run
                result.skipped += len(new) - place
                return
            self._take(by_key[key], (key, version), result)

    def _take(self, item: FeedItem, taken: Item, result: PollResult) -> None:
        article: Page | Rejection
        try:
            if item.link is None:
                article = item_page(item, self.fetcher, self.max_bytes)
            else:
                self._robots(item.link, "robots.txt does not let newsledger fetch this "
                             "article")
                with self.gate.visit(item.link, self.robots.crawl_delay(item.link)):
                    result.requests += 1
                    article = item_page(item, self.fetcher, self.max_bytes, retry_later=True)
        except TemporaryFailure:
            result.skipped += 1  # not taken: asked again at the next poll
            return
        except RejectedInput as exc:  # robots.txt says no
            article = rejection_of(exc, exc.source)
        result.articles.append((article, taken))

    def _sitemap(self, fetched: FetchedPage, result: PollResult, unseen: Unseen) -> None:
        sitemap = read_sitemap(fetched.data, result.source.url)
        entries = list(sitemap.entries)
        for child in sitemap.sitemaps[:MAX_CHILD_SITEMAPS]:
            try:
                entries.extend(read_sitemap(self._get(child, result).data, child).entries)
            except TemporaryFailure:
                result.skipped += 1  # its pages are looked for again at the next poll
            except RejectedInput as exc:
                result.articles.append((rejection_of(exc, child), (child, None)))
        by_url = {e.url: e for e in entries}
        new = self._new([(e.url, e.lastmod) for e in entries], result, unseen)
        for place, (url, version) in enumerate(new):
            if result.stopping():  # the watcher stops: the rest wait for the next run
                result.skipped += len(new) - place
                return
            entry = by_url[url]
            try:
                page = self._article(url, result)
            except TemporaryFailure:
                result.skipped += 1
                continue
            except RejectedInput as exc:
                result.articles.append((rejection_of(exc, url), (url, version)))
                continue
            result.articles.append((replace(page, title=page.title or entry.title,
                                            published=page.published or entry.published),
                                    (url, version)))

    def _article(self, url: str, result: PollResult) -> Page:
        self._robots(url, "robots.txt does not let newsledger fetch this article")
        with self.gate.visit(url, self.robots.crawl_delay(url)):
            result.requests += 1
            return fetch_page(self.fetcher, url, self.max_bytes)

    def _page(self, fetched: FetchedPage, result: PollResult, unseen: Unseen) -> None:
        version = hashlib.sha256(fetched.data).hexdigest()[:32]
        key = result.source.url
        if unseen([(key, version)]):
            result.articles.append((page_of(fetched, key, self.max_bytes), (key, version)))

    def _new(self, items: list[Item], result: PollResult, unseen: Unseen) -> list[Item]:
        new = unseen(list(dict.fromkeys(items)))
        result.backlog = len(new) > self.max_items
        return new[:self.max_items]


def _key(item: FeedItem, place: int) -> str:
    """The item's key: its guid or link; for an item with neither (which ``feed_items``
    keys by its place in the feed, a place the next new item takes), a hash of its text."""
    if item.link is None and item.key == str(place + 1):
        text = item.text.value if item.text is not None else ""
        return "text:" + hashlib.sha256(f"{item.title or ''}\n{text}".encode()).hexdigest()
    return item.key
