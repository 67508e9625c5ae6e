"""Reading XML sitemaps, news sitemaps and sitemap indexes (sitemaps.org, Google News).

A sitemap lists pages (``<url><loc>``) with their last change (``<lastmod>``); a news sitemap
adds each article's ``<news:publication_date>`` and ``<news:title>``; an index lists other
sitemaps (``<sitemap><loc>``). The XML is parsed with defusedxml, which refuses entity
declarations and external references (billion laughs, XXE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import defusedxml
import defusedxml.ElementTree as SafeET

from newsledger.errors import RejectedInput

MAX_URLS = 50_000  # the sitemaps protocol's own limit per file
_ROOT = re.compile(rb"^(?:\s|<\?.*?\?>|<!--.*?-->)*<(?:[\w.-]+:)?(urlset|sitemapindex)\b",
                   re.DOTALL)


@dataclass(frozen=True)
class SitemapEntry:
    """One page a sitemap lists: its URL, its last change, and (news sitemaps) its title
    and publication date."""

    url: str
    lastmod: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Sitemap:
    """What a sitemap file holds: pages (a sitemap) or other sitemaps (an index)."""

    entries: tuple[SitemapEntry, ...] = ()
    sitemaps: tuple[str, ...] = ()


def is_sitemap(data: bytes) -> bool:
    """Whether ``data`` starts as a sitemap or a sitemap index."""
    return _ROOT.match(data[:4096].lstrip(b"\xef\xbb\xbf")) is not None


def read_sitemap(data: bytes, source: str, max_urls: int = MAX_URLS) -> Sitemap:
    """The pages or sitemaps ``data`` lists (at most ``max_urls``); RejectedInput when it
    is not a sitemap or is unsafe XML."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise RejectedInput(source, "unsafe-xml", f"the sitemap declares entities or a DTD "
                            f"({type(exc).__name__}), which newsledger refuses (entity "
                            "expansion attacks)") from exc
    except SafeET.ParseError as exc:
        raise RejectedInput(source, "bad-sitemap", f"the sitemap is not well-formed XML "
                            f"({exc}); check the address") from exc
    kind = _local(root.tag)
    if kind == "sitemapindex":
        locs = (_text(child, "loc") for child in root if _local(child.tag) == "sitemap")
        return Sitemap(sitemaps=tuple(loc for loc in locs if loc)[:max_urls])
    if kind != "urlset":
        raise RejectedInput(source, "bad-sitemap", f"the XML is a <{kind}>, not a sitemap "
                            "(<urlset> or <sitemapindex>)")
    entries = (_entry(child) for child in root if _local(child.tag) == "url")
    return Sitemap(entries=tuple(e for e in entries if e is not None)[:max_urls])


def _entry(node: SafeET.Element) -> SitemapEntry | None:
    loc = _text(node, "loc")
    if not loc:
        return None
    news = next((child for child in node if _local(child.tag) == "news"), None)
    title = _text(news, "title") if news is not None else None
    published = _text(news, "publication_date") if news is not None else None
    return SitemapEntry(loc, _text(node, "lastmod") or published, title, published)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(node: SafeET.Element, name: str) -> str | None:
    for child in node:
        text = child.text
        if _local(child.tag) == name and isinstance(text, str) and text.strip():
            return text.strip()
    return None
