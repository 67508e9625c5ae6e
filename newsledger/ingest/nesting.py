"""How deep an HTML page's elements nest, bounded from its tags before any parser runs.

libxml2 (lxml, trafilatura, readability) stops reading at ``MAX_DEPTH`` levels and drops
the text beyond; lexbor (selectolax, resiliparse) reads on, but its parse and resiliparse's
extraction slow down with the square of the depth (seconds at 10,000 levels, minutes at
100,000). So no parser sees a page before ``nesting_bound``, a scan of its tags, says it
cannot nest that deep; a page the scan cannot clear is parsed by lxml, and refused
(``too-deep``) when it does nest that deep.

The scan keeps a stack of open elements: an end tag closes the elements opened since the
last open element of its name, and an end tag of no open element is ignored, as parsers
ignore it; void elements never open; a table counts twice (parsers add its ``<tbody>``).
Parsers close more than that (a ``<p>`` at the next ``<p>``), so real pages nest far less
deep than the scan says (51 levels at most on the 181 pages of the extraction benchmark,
where the scan says up to 512: those pages are parsed by lxml to know).
"""

from __future__ import annotations

import re
from typing import Any

from newsledger.errors import RejectedInput
from newsledger.ingest.body_candidates import MAX_DEPTH, parse_html
from newsledger.records import Page

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr", "param", "keygen", "command"})


def nesting_bound(html: str) -> int:
    """An upper bound of how deep the page's elements nest (see the module's docstring)."""
    open_names: dict[str, int] = {}
    stack: list[str] = []
    deepest = 0
    for close, raw in _TAG.findall(html):
        name = raw.lower()
        if name in VOID:
            continue
        if not close:
            stack.append(name)
            open_names[name] = open_names.get(name, 0) + 1
            deepest = max(deepest, len(stack) + open_names.get("table", 0))
        elif open_names.get(name):
            while stack:
                top = stack.pop()
                open_names[top] -= 1
                if top == name:
                    break
    return deepest


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
