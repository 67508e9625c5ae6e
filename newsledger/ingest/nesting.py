"""How deep an HTML page's elements nest, bounded from its tags before any parser runs.

libxml2 (lxml, trafilatura, readability) stops reading at ``MAX_DEPTH`` levels and drops
the text beyond; lexbor (selectolax, resiliparse) reads on, but its parse and resiliparse's
extraction slow down with the square of the depth (seconds at 10,000 levels, minutes at
100,000). So no parser sees a page before ``nesting_bound``, a scan of its tags, says it
cannot nest that deep; a page the scan cannot clear is parsed by lxml (which stops at
``MAX_DEPTH``), and refused (``too-deep``) when it does nest that deep.

The scan follows HTML's tree building closely enough to stay an upper bound: comments and
the text of raw-text elements (``<script>``, ``<style>``, ``<textarea>``, ``<title>``...)
are not tags; void elements never open; a table counts twice (parsers add its
``<tbody>``); an end tag closes the elements opened since the last open element of its
name only when no block-level ("special") element lies between (``<span><div></span>``
leaves the ``<div>`` open, as parsers do), and is ignored otherwise or when nothing of its
name is open. Parsers close more than that (a ``<p>`` at the next ``<p>``), so real pages
nest far less deep than the scan says (51 levels at most on the 181 pages of the
extraction benchmark, where the scan says up to 512: those pages are parsed by lxml to know).
"""

from __future__ import annotations

import re
from typing import Any

from newsledger.errors import RejectedInput
from newsledger.ingest.body_candidates import MAX_DEPTH, parse_html
from newsledger.records import Page

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
# The start of a comment or of a raw-text element, whose content holds no tags.
_NOT_TAGS = re.compile(r"<!--|<(script|style|textarea|title|xmp|noembed|noframes|iframe)\b",
                       re.IGNORECASE)
_ENDS = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in (
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe")}
_ENDS["!--"] = re.compile(r"-->")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr", "param", "keygen", "command"})
# Elements an end tag of another name cannot close past (HTML's "special" category, less
# the void ones).
SPECIAL = frozenset({
    "address", "applet", "article", "aside", "blockquote", "body", "button", "caption",
    "center", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "html", "li", "listing", "main", "marquee", "menu", "nav", "object",
    "ol", "p", "pre", "search", "section", "select", "summary", "table", "tbody", "td",
    "template", "tfoot", "th", "thead", "tr", "ul",
})


def nesting_bound(html: str, limit: int = MAX_DEPTH) -> int:
    """An upper bound of how deep the page's elements nest (see the module's docstring);
    the scan stops as soon as the bound reaches ``limit``."""
    open_names: dict[str, int] = {}
    stack: list[str] = []
    deepest = tables = 0
    for match in _TAG.finditer(tags_only(html)):
        close, name = match.group(1, 2)
        if not name.islower():
            name = name.lower()
        if name in VOID:
            continue
        if not close:
            stack.append(name)
            open_names[name] = open_names.get(name, 0) + 1
            tables += name == "table"
            if len(stack) + tables > deepest:
                deepest = len(stack) + tables
                if deepest >= limit:
                    return deepest
        elif open_names.get(name) and _closable(stack, name):
            while stack:
                top = stack.pop()
                open_names[top] -= 1
                tables -= top == "table"
                if top == name:
                    break
    return deepest


def tags_only(html: str) -> str:
    """``html`` without comments and the content of raw-text elements (an unclosed one is
    kept: its tags then count, which can only raise the bound). Linear: each start is
    followed by one search for its end."""
    parts: list[str] = []
    position = 0
    while (found := _NOT_TAGS.search(html, position)) is not None:
        name = (found.group(1) or "!--").lower()
        stop = _ENDS[name].search(html, found.end())
        if stop is None:
            break
        parts.append(html[position:found.start()])
        position = stop.end()
    parts.append(html[position:])
    return " ".join(parts)


def _closable(stack: list[str], name: str) -> bool:
    """Whether an end tag of ``name`` closes down to its element: no special element of
    another name lies above it."""
    for open_name in reversed(stack):
        if open_name == name:
            return True
        if open_name in SPECIAL:
            return False
    return False


def checked_tree(page: Page, parse: bool = False) -> Any:
    """The page parsed by lxml when its nesting bound calls for a look, or when ``parse``
    (else None); RejectedInput when it nests deeper than ``MAX_DEPTH``."""
    if not parse and nesting_bound(page.content) < MAX_DEPTH:
        return None
    tree, too_deep = parse_html(page.content)
    if too_deep:
        raise RejectedInput(
            page.source,
            "too-deep",
            f"the HTML nests elements more than {MAX_DEPTH} levels deep, where HTML parsers "
            "stop reading or slow to a crawl (the text beyond would be lost); no real "
            "article page nests so deep: check the page, or give its text as plain text",
        )
    return tree
