"""Reading RSS (0.9x, 1.0, 2.0) and Atom feeds into the Pages of their items.

The feed is first parsed with defusedxml to refuse entity declarations and external
references (billion laughs, XXE) before feedparser sees it. Each item's link is fetched; the
feed's own facts (title, date, outlet, authors) are set on the Page as fallbacks. When the
fetch fails and the item carries the full text (content:encoded, Atom content, or a long
description), the Page is made from that text instead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urljoin

import defusedxml
import defusedxml.ElementTree as SafeET
import feedparser

from newsledger.errors import RejectedInput, TemporaryFailure, rejection_of
from newsledger.ingest.fetch import HTML_TYPES, Fetcher, fetch_page
from newsledger.records import Page, Rejection

MAX_ENTRIES = 500
FULL_TEXT_CHARS = 500  # item text at least this long (tags left out) counts as the article
_FEED_ONLY_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_SNIFF_BYTES = 64 * 1024
_ROOT = re.compile(
    r"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*<(?:[\w.-]+:)?(?:rss|feed|RDF)\b",
    re.DOTALL | re.IGNORECASE,
)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class _Text:
    value: str
    kind: Literal["text", "html"]

    @property
    def full(self) -> bool:
        return len(_TAG.sub("", self.value).strip()) >= FULL_TEXT_CHARS


def _head(data: bytes) -> str:
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("latin-1").removeprefix("\xef\xbb\xbf")


def is_feed(data: bytes, content_type: str | None) -> bool:
    """Whether the bytes are an RSS or Atom feed: by a feed-only media type, else by the
    root element (``rss``, ``feed``, ``rdf:RDF``), whatever the server called it."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in _FEED_ONLY_TYPES:
        return True
    return _ROOT.match(_head(data)) is not None


class _Discard:
    """A parser target that builds nothing: the check only needs the parse to finish."""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        pass

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _check_safe(data: bytes, source: str) -> None:
    """Refuse entity declarations, DTDs with external parts and external references."""
    parser = SafeET.DefusedXMLParser(target=_Discard(), forbid_dtd=False,
                                     forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        parser.close()
    except defusedxml.DefusedXmlException as exc:
        raise RejectedInput(source, "unsafe-feed", f"the feed declares XML entities or "
                            f"external references ({type(exc).__name__}), which can exhaust "
                            "memory or read local files; it is refused: ask its publisher "
                            "for a plain feed") from exc
    except SafeET.ParseError as exc:
        # Not well-formed: feedparser's loose parser may still read it, but only without
        # any entity declaration that the strict check could not vet.
        if _ENTITY_DECL.search(data):
            raise RejectedInput(source, "unsafe-feed", f"the feed is not well-formed XML "
                                f"({exc}) and declares XML entities, so it cannot be checked "
                                "safely; it is refused") from exc


def _parse(data: bytes, source: str, base: str) -> Any:
    _check_safe(data, source)
    headers = {"content-location": base, "content-type": "application/xml"}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise RejectedInput(source, "not-a-feed", "the address gave something that is not an "
                            "RSS or Atom feed (no items could be read); give the feed's own "
                            "address, or the page itself")
    if not parsed.entries:
        raise RejectedInput(source, "empty-feed", "the feed has no items at the moment; "
                            "nothing to analyse, try again later")
    return parsed


@dataclass(frozen=True)
class FeedItem:
    """One item of the feed ``feed``, read but not fetched: ``key`` is its id (guid), else its link,
    else its place in the feed; ``version`` its updated or published time as the feed
    gives it (a new one means the article was updated); ``text`` the text it carries."""

    feed: str
    key: str
    link: str | None
    version: str | None
    text: _Text | None
    title: str | None
    published: str | None
    outlet: str | None
    authors: tuple[str, ...]

    @property
    def own_source(self) -> str:
        """The item's name in a run: ``<feed>#<key>``."""
        return f"{self.feed}#{self.key}"


def feed_items(data: bytes, source: str, max_bytes: int, *, base_url: str | None = None,
               max_entries: int = MAX_ENTRIES) -> tuple[list[FeedItem], list[Rejection]]:
    """The items of a feed (at most ``max_entries``, and a Rejection saying so when it has
    more); RejectedInput when the feed is unsafe, too large, not a feed, or empty.
    ``base_url`` (the feed's final URL) resolves relative links."""
    if len(data) > max_bytes:
        raise RejectedInput(source, "too-large", f"the feed is larger than the limit of "
                            f"{max_bytes} bytes; raise NEWSLEDGER_MAX_BYTES")
    base = base_url or source
    parsed = _parse(data, source, base)
    outlet = _clean(parsed.feed.get("title"))
    entries = parsed.entries
    items = [_item(source, base, outlet, entry, index)
             for index, entry in enumerate(entries[:max_entries])]
    over = [Rejection(source, "too-many-entries", f"the feed has {len(entries)} items; only "
                      f"the first {max_entries} were read, the rest are left out")]
    return items, over if len(entries) > max_entries else []


def read_feed(
    data: bytes,
    source: str,
    fetcher: Fetcher,
    max_bytes: int,
    *,
    base_url: str | None = None,
    max_entries: int = MAX_ENTRIES,
) -> Iterator[Page | Rejection]:
    """A Page or a Rejection for each item of the feed (``feed_items``, each fetched by
    ``item_page``); a Rejection alone when the feed is unsafe, not a feed, or empty."""
    try:
        items, over = feed_items(data, source, max_bytes, base_url=base_url,
                                 max_entries=max_entries)
    except RejectedInput as exc:
        yield rejection_of(exc, source)
        return
    for item in items:
        yield item_page(item, fetcher, max_bytes)
    yield from over


def _item(source: str, base: str, outlet: str | None, entry: Any, index: int) -> FeedItem:
    link = _clean(entry.get("link"))
    link = urljoin(base, link) if link else None
    key = _clean(entry.get("id")) or link or str(index + 1)
    # dict.get: the item's own fields, without feedparser's deprecated updated→published map
    version = _clean(dict.get(entry, "updated")) or _clean(dict.get(entry, "published"))
    return FeedItem(source, key, link, version, _best_text(entry),
                    _clean(entry.get("title")), _published(entry), outlet, _authors(entry))


def item_page(item: FeedItem, fetcher: Fetcher, max_bytes: int, *,
              retry_later: bool = False) -> Page | Rejection:
    """The item's article: its link fetched, with the feed's facts as fallbacks; the text
    the item carries when it has no link, or when the fetch fails and that text is full.
    With ``retry_later``, a fetch that may pass later (``TemporaryFailure``) is raised
    rather than made a rejection."""
    facts: dict[str, Any] = {"title": item.title, "published": item.published,
                             "outlet": item.outlet, "authors": item.authors}
    text = item.text
    if item.link is None:
        if text is None:
            return Rejection(item.own_source, "bad-entry", "the feed item has neither a link nor "
                             "any text; there is nothing to analyse")
        return Page(item.own_source, text.value, text.kind, url=None, **facts)
    try:
        page = fetch_page(fetcher, item.link, max_bytes)
    except RejectedInput as exc:
        if text is not None and text.full:
            return Page(item.own_source, text.value, text.kind, url=item.link, **facts)
        if retry_later and isinstance(exc, TemporaryFailure):
            raise
        return Rejection(exc.source, exc.reason, f"{exc.detail} (item of the feed "
                         f"{item.feed}, which carries no full text to use instead)")
    return replace(page, **facts)


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _best_text(entry: Any) -> _Text | None:
    """The longest text the item carries: its content elements, else its summary."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary"):
        candidates.append({"value": entry.get("summary"),
                           "type": (entry.get("summary_detail") or {}).get("type")})
    best: _Text | None = None
    for candidate in candidates:
        value = candidate.get("value")
        if not isinstance(value, str) or not value.strip():
            continue
        kind: Literal["text", "html"] = (
            "html" if candidate.get("type") in HTML_TYPES else "text"
        )
        if best is None or len(value) > len(best.value):
            best = _Text(value.strip(), kind)
    return best


def _published(entry: Any) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in stamp[:6])
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None


def _authors(entry: Any) -> tuple[str, ...]:
    names = [_clean(author.get("name")) for author in entry.get("authors") or []]
    if not any(names):
        names = [_clean((entry.get("author_detail") or {}).get("name"))
                 or _clean(entry.get("author"))]
    unique: list[str] = []
    for name in names:
        if name and name not in unique:
            unique.append(name)
    return tuple(unique)
