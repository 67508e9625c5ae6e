"""Article-body candidates of an HTML page, and a measured choice between them.

Candidates, in order of preference:

1. trafilatura with ``favor_precision`` (tables kept, comments not);
2. trafilatura with its default balance (same options);
3. readability-lxml's ``summary()``, turned into one line per block element.

(trafilatura's ``favor_recall`` mode and its ``baseline`` are a last resort, used by the
caller only when every candidate is tiny.)

The choice compares the lines two candidates disagree on. Each line is *prose* when it has
at least ``MIN_PROSE_WORDS`` words, ends as a sentence does, is not the text of a link of the
page, not text inside a comment section of the page, and not a repeat of a line already
counted; prose counts for its words, anything else against them (``JUNK_WEIGHT`` per word).
An alternative replaces the current pick when the lines it adds, less the lines it drops,
are worth more than ``SWITCH_SHARE`` of the current pick's words. This is the field-by-field
idea of news-please applied to the body: where extractors agree nothing needs judging, and
where they disagree the disputed lines are judged by simple features.

The three constants were tuned on one half of the 181 pages of the scrapinghub
article-extraction benchmark (the pages of even rank in sha order) and checked on the other
half; ``benchmarks/extraction.py`` prints both halves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html
import readability
import trafilatura

MIN_PROSE_WORDS = 6
JUNK_WEIGHT = 1.0
SWITCH_SHARE = 0.2
MAX_DEPTH = 255  # element nesting at which libxml2 stops parsing (256 with the root)

_SENTENCE_END = re.compile(r"[.!?…:;\"”’')»]\s*$")
_COMMENT_BOX = re.compile(r"comment|disqus|respond|reply", re.IGNORECASE)
_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr",
    "section", "article", "br", "ul", "ol", "table", "figure", "figcaption", "dd", "dt",
})
_DROPPED = frozenset({"script", "style", "noscript"})


@dataclass(frozen=True)
class Candidate:
    """One extractor's body (lines joined by newlines) and trafilatura's result, if any."""

    name: str
    text: str
    result: Any = None


@dataclass(frozen=True)
class PageSignals:
    """Texts of the page the choice treats as chrome: link texts and comment-section texts."""

    links: frozenset[str]
    comments: frozenset[str]


def squash(text: str) -> str:
    """Lower case words separated by single spaces: the key lines are compared by."""
    return re.sub(r"\W+", " ", text).strip().casefold()


def page_signals(tree: Any) -> PageSignals:
    """Link texts and comment-section texts of a parsed page (empty when unparsed)."""
    if tree is None:
        return PageSignals(frozenset(), frozenset())
    links = {squash(a.text_content()) for a in tree.iter("a")}
    comments: set[str] = set()
    for element in tree.xpath("//*[@id or @class]"):
        marks = f"{element.get('id') or ''} {element.get('class') or ''}"
        if _COMMENT_BOX.search(marks):
            comments.update(squash(text) for text in element.itertext())
    return PageSignals(frozenset(links - {""}), frozenset(comments - {""}))


def trafilatura_candidate(
    html: str, url: str | None, name: str, precision: bool = False, recall: bool = False,
    metadata: bool = False,
) -> Candidate:
    """trafilatura's body in one of its modes (an empty candidate when it fails)."""
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=metadata, include_comments=False, include_tables=True,
            favor_precision=precision, favor_recall=recall,
            date_extraction_params={"original_date": True},
        )
    except Exception:  # trafilatura raises many kinds on broken markup; treat as no result
        result = None
    return Candidate(name, (getattr(result, "text", None) or "").strip(), result)


def baseline_candidate(html: str) -> Candidate:
    """trafilatura's baseline: the page's longest text parts, no boilerplate analysis."""
    try:
        text = trafilatura.baseline(html)[1].strip()
    except Exception:  # broken markup is no result
        text = ""
    return Candidate("baseline", text)


def readability_candidate(html: str) -> Candidate:
    """readability-lxml's main content, one line per block element."""
    try:
        summary = readability.Document(html).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except Exception:  # readability raises its own Unparseable and lxml errors; no result
        return Candidate("readability", "")
    return Candidate("readability", block_text(tree))


def block_text(tree: Any) -> str:
    """The text of an HTML tree with a line break around each block element."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        if isinstance(element.tag, str) and element.tag not in _DROPPED:
            block = element.tag in _BLOCKS
            parts.append("\n" if block else "")
            parts.append(element.text or "")
            for child in element:
                walk(child)
            parts.append("\n" if block else "")
        parts.append(element.tail or "")

    walk(tree)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _line_values(lines: Sequence[str], others: set[str], signals: PageSignals) -> float:
    """The worth of the lines not among ``others``: prose words minus weighted junk words."""
    seen: set[str] = set()
    total = 0.0
    for line in lines:
        key = squash(line)
        if not key or key in others:
            continue
        words = len(key.split())
        junk = (
            words < MIN_PROSE_WORDS or not _SENTENCE_END.search(line) or key in seen
            or key in signals.links or key in signals.comments
        )
        seen.add(key)
        total += -JUNK_WEIGHT * words if junk else words
    return total


def gain(current: str, alternative: str, signals: PageSignals) -> float:
    """What taking ``alternative`` instead of ``current`` is worth, in prose words."""
    now = [line for line in current.split("\n") if line.strip()]
    alt = [line for line in alternative.split("\n") if line.strip()]
    now_keys = {squash(line) for line in now}
    alt_keys = {squash(line) for line in alt}
    return _line_values(alt, now_keys, signals) - _line_values(now, alt_keys, signals)


def choose(texts: Sequence[str], signals: PageSignals) -> int:
    """Index of the body to keep: the first, unless a later one gains enough over the pick."""
    best = 0
    for index in range(1, len(texts)):
        words = max(1, len(texts[best].split()))
        if gain(texts[best], texts[index], signals) > SWITCH_SHARE * words:
            best = index
    return best


def tree_of(html: str) -> Any:
    """The page parsed by lxml, or None when it cannot be."""
    return parse_html(html)[0]


def parse_html(html: str) -> tuple[Any, bool]:
    """The page parsed by lxml (None when it cannot be), and whether it nests elements
    deeper than ``MAX_DEPTH``, where libxml2 (without ``huge_tree``, which stays off) stops
    reading: the text beyond that point is lost to every extractor."""
    parser = lxml.html.HTMLParser(recover=True, no_network=True)
    try:
        tree = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html), parser=parser)
    except (ValueError, lxml.etree.ParserError):
        return None, any("depth" in e.message.lower() for e in parser.error_log)
    deep = any("excessive depth" in e.message.lower() for e in parser.error_log)
    return tree, deep or _depth(tree) >= MAX_DEPTH


def _depth(tree: Any) -> int:
    """How deep the elements of a parsed tree nest (iteratively: no recursion limit)."""
    depth = deepest = 0
    for event, _ in lxml.etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest
