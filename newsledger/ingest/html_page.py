"""HTML pages: the article body, cleaned of datelines and trailers as plain-text pages are,
and the metadata the page declares, with the source's own metadata (``Page.title`` ...) as
fallbacks where the page declares none.

The body is read fast first (``main_content``: resiliparse, about 3 ms a page with its
cleaning) and kept when ``main_content.confident`` trusts it. Otherwise the page goes to the
slow path (``body_candidates``: trafilatura in two modes and readability-lxml, one chosen
by their disagreements, about 90 ms a page), whose trafilatura result also fills what the
page's own metadata lacks. Metadata comes from ``page_metadata`` (selectolax) on both paths.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from newsledger.errors import RejectedInput
from newsledger.ingest.admit import LANGUAGE_CONFIDENCE, SUPPORTED_LANGUAGES
from newsledger.ingest.body_candidates import (
    Candidate,
    baseline_candidate,
    choose,
    page_signals,
    readability_candidate,
    squash,
    trafilatura_candidate,
)
from newsledger.ingest.language import detect_language, identify
from newsledger.ingest.main_content import confident, main_content_lines
from newsledger.ingest.nesting import checked_tree
from newsledger.ingest.page_metadata import (
    PageMetadata,
    lexbor_tree,
    page_metadata,
    paragraph_texts,
    publication_date,
    split_authors,
)
from newsledger.ingest.text_page import (
    CleanBody,
    clean_body,
    document_id,
    source_date,
    split_title,
)
from newsledger.records import Document, Page

_TINY = 250  # characters: a body this short sends extraction to its fallbacks


def _bodies(candidates: list[Candidate], title: str | None) -> list[CleanBody]:
    return [clean_body(_without_title(c.text.split("\n"), title)) for c in candidates]


def candidate_bodies(html: str, url: str | None) -> tuple[Any, list[CleanBody]]:
    """trafilatura's metadata result and the clean bodies of the slow path's candidates, in
    the order of ``body_candidates`` (trafilatura precision, trafilatura default,
    readability)."""
    first = trafilatura_candidate(html, url, "precision", precision=True, metadata=True)
    result = first.result
    candidates = [first, trafilatura_candidate(html, url, "default"), readability_candidate(html)]
    return result, _bodies(candidates, getattr(result, "title", None))


def fast_body(html: str, title: str | None) -> CleanBody:
    """The body by resiliparse's main content (``main_content``), cleaned."""
    return clean_body(_without_title(main_content_lines(html), title))


def _slow_body(html: str, url: str | None, tree: Any) -> tuple[Any, CleanBody]:
    """trafilatura's metadata result and the chosen clean body (see ``body_candidates``);
    when every candidate is tiny, trafilatura's recall mode and baseline are tried too and
    the longest body wins."""
    result, bodies = candidate_bodies(html, url)
    if max(len(b.text) for b in bodies) >= _TINY:
        return result, bodies[choose([b.text for b in bodies], page_signals(tree))]
    more = [trafilatura_candidate(html, url, "recall", recall=True), baseline_candidate(html)]
    bodies += _bodies(more, getattr(result, "title", None))
    return result, max(bodies, key=lambda b: len(b.text))


def _authors(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(split_authors(value))) if value else ()


def _site_name(name: str | None) -> str | None:
    """A site's name, not a host name ("Spokesman.com") or a handle ("@politifact",
    "usatoday"): those are last resorts, below what the page says elsewhere."""
    if not name or name.startswith("@") or re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name):
        return None
    return None if name.islower() and " " not in name else name


def _title_and_outlet(page: Page, meta: PageMetadata, result: Any, body: CleanBody,
                      url: str | None) -> tuple[str | None, str | None]:
    """The title without a trailing site or section name, and the outlet: the site's name
    as the page's metadata (or trafilatura's) gives it, else the trailer's tagline or
    copyright line, the source's metadata, the dateline's agency, the metadata's host-like
    name ("Space.com"), the site name after the title, the site's Twitter handle, and the
    host."""
    named = _site_name(meta.site_name) or _site_name(getattr(result, "sitename", None))
    title, suffix = split_title(meta.title or getattr(result, "title", None),
                                named or body.outlet or page.outlet, url)
    agency = body.dateline.agency if body.dateline else None
    weak = (meta.site_name or getattr(result, "sitename", None) or "").lstrip("@") or None
    host = getattr(result, "hostname", None) or _host(url)
    return title, (named or body.outlet or page.outlet or agency or weak or suffix
                   or meta.handle or host)


def _encodable(page: Page) -> Page:
    """The page with any lone surrogate (JSON Lines input can carry one) replaced: the
    lexbor-based parsers take UTF-8 only."""
    try:
        page.content.encode("utf-8")
    except UnicodeEncodeError:
        return replace(page, content=page.content.encode("utf-8", "replace").decode("utf-8"))
    return page


def _host(url: str | None) -> str | None:
    try:
        name = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed address names no host
        return None
    return name.removeprefix("www.") if name else None


def _without_title(lines: list[str], title: str | None) -> list[str]:
    """Body lines, one per paragraph with blank lines between, without a repeated headline."""
    lines = [line for line in lines if line.strip()]
    first = squash(lines[0]) if lines else ""
    if title and first and (first == squash(title) or (
        len(first.split()) >= 4 and squash(title).startswith(first)
    )):
        lines = lines[1:]
    return "\n\n".join(lines).split("\n")



def _foreign(text: str) -> bool:
    """Whether a body is surely in a language newsledger does not read: admission will
    refuse the page whichever body it gets, so the slow path is not worth its time."""
    code, probability = identify(text)
    return code not in SUPPORTED_LANGUAGES and probability >= LANGUAGE_CONFIDENCE


def _body(page: Page, meta: PageMetadata, paragraphs: list[str], tree: Any,
          fast: bool) -> tuple[Any, CleanBody]:
    """trafilatura's result (None on the fast path) and the page's clean body; ``tree`` is
    lxml's parse of the page if ``checked_tree`` made one."""
    if fast:
        body = fast_body(page.content, meta.title)
        if confident(body.text, paragraphs) or _foreign(body.text):
            return None, body
    if tree is None:
        tree = checked_tree(page, parse=True)
    return _slow_body(page.content, page.url, tree)


def extract_html_page(page: Page, fast: bool = True) -> Document:
    """The article of an HTML page, with its metadata; the page's own metadata wins over
    what the source said of it (``Page.title``, ``published``, ``outlet``, ``authors``).
    ``fast=False`` skips the fast path (for comparisons: ``benchmarks/extraction.py``)."""
    page = _encodable(page)
    tree = checked_tree(page)  # before any parser: a deep page would stall them
    lexbor = lexbor_tree(page.content)
    meta = page_metadata(lexbor)
    result, body = _body(page, meta, paragraph_texts(lexbor), tree, fast)
    if not body.text:
        raise RejectedInput(
            page.source,
            "no-article",
            "no article text was found in the HTML page; check that it is an article page "
            "(not an index, a login wall or a script-rendered shell)",
        )
    url = meta.url or getattr(result, "url", None) or page.url
    title, outlet = _title_and_outlet(page, meta, result, body, url)
    return Document(
        id=document_id(body.text),
        source=page.source,
        text=body.text,
        url=url,
        title=title or page.title,
        published=publication_date(page.content, meta.published,
                                   getattr(result, "date", None), url, body.published)
        or source_date(page),
        outlet=outlet,
        authors=meta.authors or _authors(getattr(result, "author", None)) or page.authors,
        dateline=body.dateline.place if body.dateline else None,
        language=detect_language(body.text),
    )
