"""The fast article body of an HTML page: resiliparse's main-content extraction (lexbor, in
C++: about 1.5 ms a page, where trafilatura takes 20 to 30), read block by block, and a
measured judgement of whether it can be trusted.

resiliparse (``extract_plain_text`` with ``main_content=True``) drops navigation, footers,
sidebars and most link lists by its own heuristics. It is asked for minimal HTML with links
(``preserve_formatting="minimal_html"``), so that each block of its output keeps its kind
(paragraph, heading, list item, or bare text outside any of them) and the share of its text
that sits inside links; ``SKIP_SELECTORS`` removes in the DOM what is never the article
(figures and their captions, the page's ``<h1>`` title, asides, cookie notices). Then
``BLOCK_RULES`` drop the blocks that are link lists and the short bare lines (labels, player
controls, bylines outside paragraphs). Embedded posts (``EMBEDDED_POSTS``: tweets,
Instagram posts) are part of the story, quoted in it, and are kept: resiliparse would drop
them as social widgets.

``confident`` says whether this body can stand alone; when it cannot, the caller falls back
to the slower candidates of ``body_candidates``. The selectors and the rules were chosen on
the scrapinghub article-extraction benchmark (``benchmarks/extraction.py`` prints both of
its halves); see the README for what each step costs and gives.
"""

from __future__ import annotations

import html as html_entities
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from newsledger.ingest.body_candidates import squash
from newsledger.ingest.trailer import is_marker

BlockKind = Literal["p", "h", "li", "pre", "bare"]

# CSS selectors of elements that are never the article's text.
SKIP_SELECTORS: tuple[str, ...] = (
    "figure", "figcaption", '[class*="caption"]', '[class*="Caption"]',  # photos
    "h1",  # the headline: the title field has it
    "aside", "nav", "footer", "header",  # page furniture resiliparse may keep
    '[class*="cookie"]', '[id*="cookie"]', '[class*="consent"]', '[id*="consent"]',
    '[class*="gdpr"]',  # cookie notices
    '[class*="newsletter"]', '[class*="signup"]', '[class*="sign-up"]',  # sign-up boxes
    '[class~="sr-only"]', '[class~="visually-hidden"]', '[class~="screen-reader-text"]',
    '[class~="skip-link"]',  # text for screen readers alone ("Accessibility links")
)
# Opening tags of embedded posts (a tweet, an Instagram post) whose class would make
# resiliparse drop them as social widgets; the class is renamed so that they stay.
EMBEDDED_POSTS = re.compile(  # bounded: an unclosed tag must not make the scan quadratic
    r"(<blockquote\b[^>]{0,200}?\bclass\s*=\s*[\"'][^\"'>]{0,200}?)"
    r"\b(?:twitter-tweet|instagram-media)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class BlockRules:
    """When a block of resiliparse's output is dropped."""

    link_share: float = 0.7  # this share of its characters or more inside links...
    long_paragraph: int = 25  # ...unless it is a paragraph of this many words or more
    bare_min_words: int = 6  # bare text (in no paragraph, heading or list) shorter than this


BLOCK_RULES = BlockRules()
# ``doubt``: a body shorter than this, or with less of its words in prose lines, sends the
# page to the slower candidates. On the 161 pages of the scrapinghub benchmark that are
# admitted, the fast bodies have 369 characters or more, a prose share of 0.37 or more, and
# at most 1.1 times their words of prose left out of them (readers' comments apart): the
# thresholds sit below (and above) those with room, and no page there needs the slow path.
MIN_CHARS = 250
MIN_PROSE_SHARE = 0.25
# ...or when the page's paragraphs hold prose the body lacks, MISSING_PROSE_RATIO times the
# body's own words or more (paragraphs of PARAGRAPH_PROSE_WORDS words or more that end as
# sentences do): the body is then likely a fragment (a metered page's free lead, the rest
# in a block marked "paid" that resiliparse drops as an advertisement).
MISSING_PROSE_RATIO = 2.0
PARAGRAPH_PROSE_WORDS = 12
_PROSE_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?…:;\"”’')»]\s*$")

_BLOCK_TAG = re.compile(r"<(p|h[1-6]|li|pre)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_SPLIT_BLOCKS = re.compile(r"\n\s*\n|\n(?=<(?:p|h[1-6]|li|ul|ol|pre)\b)|(?=<li\b)")
_LIST_TAG = re.compile(r"</?(?:ul|ol)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """One block of the main content: its kind, its text, the share of it inside links."""

    kind: BlockKind
    text: str
    link_share: float


def main_content_blocks(html: str) -> list[Block]:
    """The blocks of resiliparse's main content of ``html``, in page order."""
    if "twitter-tweet" in html or "instagram-media" in html:
        html = EMBEDDED_POSTS.sub(r"\1embedded-post", html)
    tree = HTMLTree.parse(html)
    markup = extract_plain_text(
        tree, preserve_formatting="minimal_html", main_content=True, links=True,
        list_bullets=False, alt_texts=False, comments=False, post_meta=False,
        skip_elements=list(SKIP_SELECTORS),
    )
    return [block for raw in _SPLIT_BLOCKS.split(str(markup)) if (block := _block(raw))]


def _block(raw: str) -> Block | None:
    raw = _LIST_TAG.sub("", raw).strip()
    text = html_entities.unescape(_TAG.sub("", raw)).strip()
    if not text:
        return None
    tag = _BLOCK_TAG.match(raw)
    name = tag.group(1).lower() if tag else "bare"
    kind: BlockKind = "h" if name.startswith("h") else name  # type: ignore[assignment]
    linked = sum(len(html_entities.unescape(_TAG.sub("", inner)))
                 for inner in _LINK.findall(raw))
    return Block(kind, text, min(1.0, linked / len(text)))


def kept(block: Block, rules: BlockRules = BLOCK_RULES) -> bool:
    """False for a link list's block, a short bare line (see ``BlockRules``) and a box of
    lines under a link-box heading or prompt."""
    words = len(block.text.split())
    if block.link_share >= rules.link_share and not (
        block.kind == "p" and words >= rules.long_paragraph
    ):
        return False
    if block.kind == "bare" and words < rules.bare_min_words:
        return False
    # a box of several lines that opens as link boxes and prompts do ("Top stories", "Read
    # more:", "Advertisement"): its lines are the box's items, not the story
    first, _, rest = block.text.partition("\n")
    return not (block.kind == "bare" and rest.strip() and is_marker(first.strip()))


def main_content_lines(html: str) -> list[str]:
    """The body's lines (one per paragraph, or per line break inside one), blocks that are
    not the article left out."""
    lines: list[str] = []
    for block in main_content_blocks(html):
        if kept(block):
            lines.extend(line for line in block.text.split("\n") if line.strip())
    return lines


def missing_prose(text: str, paragraphs: Iterable[str]) -> int:
    """Words of the page's prose paragraphs that the body ``text`` does not contain."""
    body: str | None = None
    missing = 0
    for paragraph in paragraphs:
        words = paragraph.split()
        if len(words) < PARAGRAPH_PROSE_WORDS or not _SENTENCE_END.search(paragraph.rstrip()):
            continue
        if " ".join(words) in text:  # as written: the common case, no need to squash
            continue
        body = squash(text) if body is None else body
        missing += len(words) if squash(paragraph) not in body else 0
    return missing



def doubt(text: str, paragraphs: Iterable[str] = ()) -> str | None:
    """Why a fast body cannot stand alone, or None when it can: it must be long enough
    (``MIN_CHARS``), mostly prose lines (``MIN_PROSE_SHARE`` of its words in lines of
    ``_PROSE_WORDS`` words or more that end as sentences do), and not missing much of the
    prose of the page's ``paragraphs`` (``MISSING_PROSE_RATIO``)."""
    if len(text) < MIN_CHARS:
        return "short"
    prose = total = 0
    for line in text.split("\n"):
        words = len(line.split())
        total += words
        if words >= _PROSE_WORDS and _SENTENCE_END.search(line):
            prose += words
    if prose < MIN_PROSE_SHARE * total:
        return "little prose"
    if missing_prose(text, paragraphs) >= MISSING_PROSE_RATIO * total:
        return "prose left out"
    return None


def confident(text: str, paragraphs: Iterable[str] = ()) -> bool:
    """Whether a fast body can stand alone (``doubt`` finds nothing against it)."""
    return doubt(text, paragraphs) is None
