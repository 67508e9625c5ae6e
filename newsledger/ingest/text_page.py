"""Plain-text pages: a scrape of a news page with its header and trailer chrome still in.

The header (title, byline, date, reading time, share and category lines) is read for its
facts and removed; the dateline is read and cut; the trailer (tagline, comment form,
related posts, copyright...) is cut and names the outlet.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from newsledger.errors import RejectedInput
from newsledger.ingest.dateline import Dateline, split_dateline
from newsledger.ingest.dates import parse_date
from newsledger.ingest.header import HeaderFacts, header_chrome, title_like
from newsledger.ingest.language import detect_language
from newsledger.ingest.normalise import normalise_text
from newsledger.ingest.trailer import cut_trailer, is_marker
from newsledger.records import Document, Page

_HEADER_SPAN = 12  # non-empty lines in which header chrome is looked for
_PROSE = 40  # words: a line this long is story text, never header chrome
_TITLE_SITE = re.compile(r"^(?P<title>.+?)\s+(?P<sep>\||::|—|–|-)\s+(?P<site>[^|]{2,60})$")
_LAST_PART = re.compile(r"^(?P<title>.+)\s+(?:\||::|—|–|-)\s+(?P<site>[^|—–-]{2,40})$")


@dataclass(frozen=True)
class CleanBody:
    """The article body with its chrome removed, and what the chrome said."""

    text: str
    dateline: Dateline | None
    outlet: str | None
    published: str | None = None  # the date a header line gave ("Published 3 Sep 2021")


def _words(line: str) -> int:
    return len(line.split())


def _read_header(lines: list[str], facts: HeaderFacts, find_title: bool) -> list[str]:
    """Read header chrome (and the title when ``find_title``) into ``facts``; return the
    body lines, with any standfirst between title and byline kept as body."""
    kept: list[int] = []
    end = -1
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _HEADER_SPAN or _words(line) >= _PROSE:
            break
        if header_chrome(line, facts):
            end = i
            continue
        if split_dateline(line)[0] is not None:
            break
        if find_title and facts.title is None and not kept and _title(line):
            facts.title = re.sub(r"(?<![.\s])\.$", "", line.strip())
            end = i
            continue
        kept.append(i)
    return [lines[i] for i in kept if i < end] + lines[end + 1 :]


def _title(line: str) -> bool:
    return title_like(line) and not is_marker(line.strip())


def _take_dateline(lines: list[str]) -> Dateline | None:
    """Find the dateline in the first paragraph (or the second, after a short standfirst)
    and cut it from ``lines`` in place."""
    tried = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        found, rest = split_dateline(line.strip())
        if found is not None:
            lines[i] = rest
            return found
        tried += 1
        if tried >= 2 or _words(line) >= 30:
            return None
    return None


def clean_body(lines: list[str]) -> CleanBody:
    """Remove leading header chrome, the dateline and the trailer from body lines."""
    facts = HeaderFacts()
    lines = _read_header(lines, facts, find_title=False)
    trailer = cut_trailer(lines)
    body = list(trailer.lines)
    dateline = _take_dateline(body)
    return CleanBody(normalise_text("\n".join(body)), dateline, trailer.outlet,
                     facts.published)


ONLY_PARAGRAPH_WORDS = 8  # a line this long is story text when the page rules left nothing


def _only_paragraph(lines: list[str]) -> CleanBody:
    """The page's prose when the header and trailer rules took every line: they must never
    take the only paragraph (a one-line wire snippet that reads like a byline or a credit).
    The lines of ``ONLY_PARAGRAPH_WORDS`` words or more, as they are; empty for a page of
    chrome alone ("Home | News | Contact")."""
    prose = [line for line in lines if _words(line) >= ONLY_PARAGRAPH_WORDS]
    body = list(prose)
    dateline = _take_dateline(body)
    return CleanBody(normalise_text("\n".join(body)), dateline, None)


def split_title(title: str | None, outlet: str | None,
                url: str | None = None) -> tuple[str | None, str | None]:
    """Take a trailing site or section name off a title ("Headline | Site", "Headline -
    VG247", "Headline - Auto News" on .../auto-industry-news/...); return (title, site)."""
    if not title:
        return None, None
    named = _named_by_url(title, url)
    if named is not None:
        return named
    match = _TITLE_SITE.match(title)
    if not match:
        return title, None
    site = match.group("site").strip()
    same = outlet is not None and site.casefold() == outlet.casefold()
    looks_like_site = "." in site and " " not in site
    if same or looks_like_site or (match.group("sep") in {"|", "::"} and _words(site) <= 5):
        return match.group("title").strip(), site
    return title, None


def _named_by_url(title: str, url: str | None) -> tuple[str, str] | None:
    """(title, name) when the title's last part after a separator is named by the page's
    URL, its host or path ("VG247" on vg247.com, "Auto News" on .../auto-industry-news/):
    a site or section name, not part of the headline."""
    match = _LAST_PART.match(title)
    if not match or not url or _words(match.group("title")) < 3:
        return None
    words = re.findall(r"[a-z0-9]+", match.group("site").lower())
    address = re.sub(r"[^a-z0-9]+", " ", url.lower())
    squeezed = address.replace(" ", "")
    if words and (all(f" {w} " in f" {address} " for w in words) or "".join(words) in squeezed):
        return match.group("title").strip(), match.group("site").strip()
    return None


def document_id(text: str) -> str:
    """The document id: sha256 hex of the normalised body text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_date(page: Page) -> str | None:
    """The publication date the source gave (``Page.published``) in ISO 8601, or None when
    it is no date ("not a date", "9999-12-31"): a stored text that is no date would pass
    every time filter and break the grouping of stories."""
    if not page.published:
        return None
    return parse_date(page.published)


def extract_text_page(page: Page) -> Document:
    """The article of a plain-text page, with its chrome read and removed; what the page
    says of itself wins over what the source said of it (``Page.title`` ...)."""
    lines = normalise_text(page.content).split("\n")
    facts = HeaderFacts()
    body = clean_body(_read_header(lines, facts, find_title=True))
    if not body.text and facts.title:
        # the only paragraph is no title: a lede or a wire snippet without a closing period
        facts = HeaderFacts()
        body = clean_body(_read_header(lines, facts, find_title=False))
    if not body.text:
        body = _only_paragraph(lines)
    if not body.text:
        raise RejectedInput(
            page.source,
            "no-article",
            "no article text is left once the page header and trailer are removed; "
            "check that the file holds the story itself and not only a page frame",
        )
    title, title_site = split_title(facts.title, body.outlet, page.url)
    agency = body.dateline.agency if body.dateline else None
    return Document(
        id=document_id(body.text),
        source=page.source,
        text=body.text,
        url=page.url,
        title=title or page.title,
        published=facts.published or source_date(page),
        outlet=body.outlet or title_site or page.outlet or agency,
        authors=tuple(facts.authors) or page.authors,
        dateline=body.dateline.place if body.dateline else None,
        language=detect_language(body.text),
    )
