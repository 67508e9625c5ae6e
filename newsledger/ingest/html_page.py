"""HTML pages: the article body chosen among extractors' candidates (``candidates``), cleaned
of datelines and trailers as plain-text pages are, and the metadata by trafilatura, with the
source's own metadata (``Page.title`` ...) as fallbacks where the page declares none."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import htmldate

from newsledger.errors import RejectedInput
from newsledger.ingest.body_candidates import (
    MAX_DEPTH,
    Candidate,
    baseline_candidate,
    choose,
    page_signals,
    parse_html,
    readability_candidate,
    trafilatura_candidate,
)
from newsledger.ingest.dates import parse_date
from newsledger.ingest.language import detect_language
from newsledger.ingest.text_page import (
    CleanBody,
    clean_body,
    document_id,
    source_date,
    split_title,
)
from newsledger.records import Document, Page

_TINY = 250  # characters: a body this short sends extraction to its fallbacks
_DATE_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b)\s*")


def _bodies(candidates: list[Candidate], title: str | None) -> list[CleanBody]:
    return [clean_body(_without_title(c.text.split("\n"), title)) for c in candidates]


def candidate_bodies(html: str, url: str | None) -> tuple[Any, list[CleanBody]]:
    """trafilatura's metadata result and the clean bodies of the main candidates, in the
    order of ``candidates`` (trafilatura precision, trafilatura default, readability)."""
    first = trafilatura_candidate(html, url, "precision", precision=True, metadata=True)
    result = first.result
    candidates = [first, trafilatura_candidate(html, url, "default"), readability_candidate(html)]
    return result, _bodies(candidates, getattr(result, "title", None))


def _body(html: str, url: str | None, tree: Any) -> tuple[Any, CleanBody]:
    """trafilatura's metadata result and the chosen clean body (see ``candidates``); when
    every candidate is tiny, trafilatura's recall mode and baseline are tried too and the
    longest body wins."""
    result, bodies = candidate_bodies(html, url)
    if max(len(b.text) for b in bodies) >= _TINY:
        return result, bodies[choose([b.text for b in bodies], page_signals(tree))]
    more = [trafilatura_candidate(html, url, "recall", recall=True), baseline_candidate(html)]
    bodies += _bodies(more, getattr(result, "title", None))
    return result, max(bodies, key=lambda b: len(b.text))


def _json_ld_dates(tree: Any) -> Iterator[str]:
    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                yield value
            for child in node.values():
                yield from walk(child)
        elif isinstance(node, list):
            for child in node:
                yield from walk(child)

    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            yield from walk(json.loads(script))
        except ValueError:
            continue


def _stamp(tree: Any) -> str | None:
    """The publication time stamp the page declares in its metadata, if any."""
    metas: dict[str, str | None] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        metas.setdefault(key, meta.get("content"))
    candidates = [metas.get(key) for key in _DATE_META]
    candidates += tree.xpath('//time[@itemprop="datePublished"]/@datetime')
    candidates += list(_json_ld_dates(tree))
    for value in candidates:
        parsed = parse_date(value) if value else None
        if parsed:
            return parsed
    return None


def _published(html: str, tree: Any, day: str | None) -> str | None:
    """The declared time stamp when it agrees with trafilatura's day, else the day,
    else htmldate's own search."""
    stamp = _stamp(tree) if tree is not None else None
    if stamp and (day is None or stamp[:10] == day):
        return stamp
    if day:
        return day
    try:
        found: str | None = htmldate.find_date(html, extensive_search=True, original_date=True)
    except Exception:  # htmldate fails on some broken markup; no date then
        found = None
    return found


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    names = [n.strip() for n in _AUTHOR_SPLIT.split(value) if n.strip()]
    return tuple(dict.fromkeys(names))


def _site_name(result: Any) -> str | None:
    name = getattr(result, "sitename", None)
    if not name or re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name):
        return None  # a host name is a last resort, below what the page itself says
    return str(name)


def _without_title(lines: list[str], title: str | None) -> list[str]:
    """Body lines, one per paragraph with blank lines between, without a repeated headline."""
    lines = [line for line in lines if line.strip()]
    first = _squash(lines[0]) if lines else ""
    if title and first and (first == _squash(title) or (
        len(first.split()) >= 4 and _squash(title).startswith(first)
    )):
        lines = lines[1:]
    return "\n\n".join(lines).split("\n")


def _squash(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def extract_html_page(page: Page) -> Document:
    """The article of an HTML page, with its metadata; the page's own metadata wins over
    what the source said of it (``Page.title``, ``published``, ``outlet``, ``authors``)."""
    tree, too_deep = parse_html(page.content)
    if too_deep:
        raise RejectedInput(
            page.source,
            "too-deep",
            f"the HTML nests elements more than {MAX_DEPTH} levels deep, where the HTML "
            "parser stops reading (the text beyond would be silently lost); no real article "
            "page nests so deep: check the page, or give its text as plain text",
        )
    result, body = _body(page.content, page.url, tree)
    if not body.text:
        raise RejectedInput(
            page.source,
            "no-article",
            "no article text was found in the HTML page; check that it is an article page "
            "(not an index, a login wall or a script-rendered shell)",
        )
    agency = body.dateline.agency if body.dateline else None
    host = getattr(result, "sitename", None) or getattr(result, "hostname", None)
    outlet = _site_name(result) or body.outlet or page.outlet or agency or host
    title, _ = split_title(getattr(result, "title", None), outlet,
                           getattr(result, "url", None) or page.url)
    day = getattr(result, "date", None)
    return Document(
        id=document_id(body.text),
        source=page.source,
        text=body.text,
        url=getattr(result, "url", None) or page.url,
        title=title or page.title,
        published=_published(page.content, tree, day) or source_date(page),
        outlet=outlet,
        authors=_authors(getattr(result, "author", None)) or page.authors,
        dateline=body.dateline.place if body.dateline else None,
        language=detect_language(body.text),
    )
