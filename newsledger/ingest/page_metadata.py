"""What an HTML page declares about its article: title, publication time, authors, site
name and address, read from its ``<meta>`` tags, JSON-LD, ``<time>`` and ``<title>`` with
selectolax (the lexbor parser: a page's metadata in about half a millisecond).

Each field is a list of places to look, in order (``TITLE_KEYS``, ``DATE_KEYS``...): data,
not code, in the same spirit as trafilatura's own metadata search, which this replaces on
the fast path (trafilatura's takes about 10 ms a page). Values are returned as the page
gives them; the caller takes trailing site names off the title (``split_title``) and
normalises dates (``parse_date``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import htmldate
from selectolax.lexbor import LexborHTMLParser

from newsledger.ingest.dates import parse_date

# meta keys (property, name or itemprop, lower case), best first
TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "headline", "parsely-title",
              "sailthru.title")
DATE_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
)
AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "sailthru.author",
               "parsely-author", "twitter:creator")
SITE_KEYS = ("og:site_name", "application-name", "publisher")  # then JSON-LD, twitter:site
URL_KEYS = ("og:url", "twitter:url")
# Where paragraphs are not the story: readers' comments (not "commentary"), the comment
# form, page furniture. Never the root or the body (a page may mark them "comments-on").
_COMMENTS = ('[id*="comment"]:not([id*="commentar"]):not(html):not(body), '
             '[class*="comment"]:not([class*="commentar"]):not(html):not(body), '
             '[id="respond"], [class~="comment-respond"]')
NOT_STORY = f"{_COMMENTS}, aside, nav, footer"
_OFFSET = re.compile(r"[+-]\d\d:?\d\d$")
_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/.-]|$)")
_CAMEL = re.compile(r"[A-Za-z][A-Z][a-z]")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b)\s*")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"^(?:https?://|www\.|@)|/|\d{3}")


@dataclass(frozen=True)
class PageMetadata:
    """The article facts a page declares; None (or empty) where it declares none."""

    title: str | None
    published: str | None
    authors: tuple[str, ...]
    site_name: str | None
    url: str | None
    handle: str | None = None  # the site's Twitter handle, without its "@"


def lexbor_tree(html: str) -> LexborHTMLParser | None:
    """The page parsed by lexbor (None for input it refuses)."""
    try:
        return LexborHTMLParser(html)
    except Exception:  # selectolax raises its own errors on input lexbor refuses
        return None


def page_metadata(tree: LexborHTMLParser | None) -> PageMetadata:
    """The metadata a parsed HTML page declares (all empty when there is no tree)."""
    if tree is None:
        return PageMetadata(None, None, (), None, None, None)
    metas = _metas(tree)
    linked = list(_json_ld(tree))
    return PageMetadata(
        title=_first(metas, TITLE_KEYS) or _ld_text(linked, "headline") or _title_tag(tree),
        published=declared_date(tree, metas, linked),
        authors=_authors(metas, linked),
        site_name=_site_name(_first(metas, SITE_KEYS), _ld_publisher(linked)),
        url=_canonical(tree) or _first(metas, URL_KEYS),
        handle=(metas.get("twitter:site") or "").lstrip("@") or None,
    )


def paragraph_texts(tree: LexborHTMLParser | None) -> list[str]:
    """The text of every ``<p>`` of a parsed page, in page order, outside comment sections
    and page furniture (``NOT_STORY``; not forms: some sites wrap the whole page in one).
    It removes those from the tree: call it after reading the metadata."""
    if tree is None:
        return []
    for node in tree.css(NOT_STORY):
        if node.tag not in ("html", "body"):
            node.decompose()
    return [node.text(deep=True) for node in tree.css("p")]


def _metas(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.css("meta[content]"):
        attrs = meta.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "")
        content = (attrs.get("content") or "").strip()
        if key and content:
            found.setdefault(key.strip().lower(), content)
    return found


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((metas[key] for key in keys if metas.get(key)), None)


def _json_ld(tree: LexborHTMLParser) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, nested ones and ``@graph`` members included, in
    document order (walked without recursion: a page may nest its JSON deep)."""
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True) or "null")
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's stack
            continue
        pending: list[Any] = [data]
        while pending:
            node = pending.pop()
            if isinstance(node, dict):
                yield node
                pending.extend(reversed(list(node.values())))
            elif isinstance(node, list):
                pending.extend(reversed(node))


def _ld_text(linked: list[dict[str, Any]], key: str) -> str | None:
    for node in linked:
        value = node.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _ld_publisher(linked: list[dict[str, Any]]) -> str | None:
    for node in linked:
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return str(publisher["name"]).strip() or None
    return None


def _site_name(declared: str | None, publisher: str | None) -> str | None:
    """The site's name: as its meta tags declare it, unless that looks like a handle or a
    host ("usatoday", "TheHill", "Spokesman.com") and JSON-LD names the publisher
    ("USA TODAY")."""
    if declared and not looks_like_handle(declared):
        return declared
    return publisher or declared


def looks_like_handle(name: str) -> bool:
    """A name written as a handle or a host: one word, all lower case, CamelCase, dotted or
    with an "@" ("usatoday", "TheHill", "CTVNews", "Spokesman.com", "@politifact")."""
    name = name.strip()
    return not any(ch.isspace() for ch in name) and (
        name.islower() or "." in name or name.startswith("@") or bool(_CAMEL.search(name))
    )


def _title_tag(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("title")
    text = " ".join(node.text(deep=True).split()) if node is not None else ""
    if text:
        return text
    headings = tree.css("h1")
    return " ".join(headings[0].text(deep=True).split()) or None if len(headings) == 1 else None


def _canonical(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first('link[rel="canonical"]')
    href = node.attributes.get("href") if node is not None else None
    return href.strip() if href and href.strip().startswith("http") else None


def declared_date(tree: LexborHTMLParser, metas: dict[str, str],
                  linked: list[dict[str, Any]]) -> str | None:
    """The publication time the page declares (meta tags, JSON-LD ``datePublished``, a
    ``<time itemprop=datePublished>``), normalised; None when none parses. When the first
    is in UTC and another gives the same moment on the outlet's own clock ("2019-11-20T05:57Z"
    and "2019-11-19 21:57:00 -0800"), the local one is kept: its day is the day the outlet
    published on, the one analysts and wire datelines use."""
    candidates = [metas.get(key) for key in DATE_KEYS]
    candidates += [node.get("datePublished") for node in linked]
    candidates += [node.attributes.get("datetime")
                   for node in tree.css('time[itemprop="datePublished"]')]
    values = [value for value in candidates if isinstance(value, str) and value.strip()]
    stamps = (parsed for value in values if (parsed := parse_date(value)))
    first = next(stamps, None)  # the others are parsed only when the first is in UTC
    if first is not None and _in_utc(first):
        return next((other for other in stamps if _same_moment_local(first, other)), first)
    return first


def _in_utc(stamp: str) -> bool:
    return stamp.endswith(("+00:00", "Z")) and "T" in stamp


def _same_moment_local(utc: str, other: str) -> bool:
    """Whether ``other`` is ``utc``'s moment written on a local clock: with an offset
    other than zero, or without one and a whole number of quarter hours (up to 14 hours)
    away."""
    if "T" not in other or _in_utc(other):
        return False
    try:
        moment, local = datetime.fromisoformat(utc), datetime.fromisoformat(other)
    except ValueError:
        return False
    if local.tzinfo is not None:
        return abs((moment - local).total_seconds()) <= 120
    gap = abs((moment.replace(tzinfo=None) - local).total_seconds())
    quarter = gap % 900
    return 0 < gap <= 14 * 3600 and min(quarter, 900 - quarter) <= 120


def _authors(metas: dict[str, str], linked: list[dict[str, Any]]) -> tuple[str, ...]:
    names: list[str] = []
    for node in linked:
        names = _ld_names(node.get("author"))
        if names:
            break
    raw = _first(metas, AUTHOR_KEYS)
    if not names and raw:
        names = split_authors(raw)
    kept = [" ".join(n.split()) for n in names if n.strip() and not _NOT_A_NAME.search(n)]
    return tuple(dict.fromkeys(kept))


def split_authors(value: str) -> list[str]:
    """The names of a byline string ("By Jane Doe and John Roe; Reuters"), stripped."""
    return [name.strip() for name in _AUTHOR_SPLIT.split(_BY.sub("", value)) if name.strip()]


def _ld_names(value: Any) -> list[str]:
    """The names of the persons a JSON-LD ``author`` value gives (a name, a Person, or a
    list of them, nested however deep: walked without recursion)."""
    names: list[str] = []
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            name = item.get("name")
            kind = item.get("@type") or item.get("type") or "Person"
            if isinstance(name, str) and kind == "Person":
                names.append(name)
        elif isinstance(item, list):
            pending.extend(reversed(item))
    return names


def publication_date(html: str, declared: str | None, day: str | None, url: str | None,
                     header: str | None = None) -> str | None:
    """The time stamp the page declares, unless it is in UTC (or without an offset) and
    one day from the day the page's address names (".../2019/11/18/..." with
    "2019-11-19T02:34:30+00:00": the outlet's evening, past midnight in UTC); else
    trafilatura's day (slow path), the address's day, the date of the body's header line
    (``header``: "Published 18 November 2019"), or htmldate's quick search."""
    named = url_day(url)
    if declared and named and _utc_day_off(declared, named):
        return named
    if declared or day or named or header:
        return declared or day or named or header
    try:
        found: str | None = htmldate.find_date(html, extensive_search=False,
                                               original_date=True)
    except Exception:  # htmldate fails on some broken markup; no date then
        found = None
    return found


def _utc_day_off(stamp: str, named: str) -> bool:
    """Whether ``stamp`` is a UTC (or offset-less) time a day from ``named``: the outlet's
    evening past midnight in UTC (west of Greenwich), or its morning the UTC day before
    (east of it)."""
    if "T" not in stamp or (not stamp.endswith(("+00:00", "Z")) and _OFFSET.search(stamp)):
        return False
    try:
        gap = date.fromisoformat(stamp[:10]) - date.fromisoformat(named)
    except ValueError:
        return False
    return abs(gap) == timedelta(days=1)


def url_day(url: str | None) -> str | None:
    """The day an address names in its path (".../2019/11/18/...", ".../2019-11-19/..."),
    as ISO 8601; None when it names none."""
    try:
        path = urlsplit(url).path if url else ""
    except ValueError:  # a malformed address names no day
        return None
    match = _URL_DAY.search(path)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None
