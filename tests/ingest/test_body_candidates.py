"""Body candidates (trafilatura precision / default, readability-lxml) and the choice."""

from __future__ import annotations

import lxml.html

from newsledger.ingest import extract_document
from newsledger.ingest.body_candidates import (
    block_text,
    choose,
    page_signals,
    readability_candidate,
    tree_of,
)
from newsledger.ingest.html_page import candidate_bodies
from newsledger.records import Page

SUBJECTS = ["The farmers", "The engineers", "Local officials", "Aid workers", "Residents"]
VERBS = ["said on Monday that", "warned that", "told reporters that", "argued that"]
ENDS = [
    "the canal would need years of repairs before it could carry water again.",
    "rationing was now unavoidable in most districts of the capital.",
    "the price of bread had risen again because of the drought.",
    "the government had ignored the warnings for more than a decade.",
    "the new pumping stations would not be ready before the winter.",
]
COMMENTS = [
    "I have lived in this valley for sixty years and never seen the river this low, "
    "the government should have acted long ago.",
    "This is exactly what happens when you let the factories take as much water as they "
    "like without paying a fair price for it.",
    "Does anyone know whether the rationing will also apply to the villages outside the "
    "capital, or only to the city itself?",
    "My family has already started collecting rain water on the roof, it is not much but "
    "every little bit helps at a time like this.",
    "Instead of building new pumping stations they should repair the old canal first, half "
    "of the water is lost before it reaches us.",
]


def _sentences(count: int, where: str) -> list[str]:
    return [
        f"{SUBJECTS[i % 5]} in {where} district {i} {VERBS[i % 4]} {ENDS[(i * 3) % 5]}"
        for i in range(count)
    ]


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _page(body: str, after: str = "") -> str:
    nav = "".join(f'<li><a href="/s/{i}">Section number {i}</a></li>' for i in range(10))
    related = "".join(
        f'<li><a href="/n/{i}">Another headline about a different story {i}</a></li>'
        for i in range(6)
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Reservoirs at lowest level in thirty years | Valley Courier</title>"
        '<meta property="og:site_name" content="Valley Courier"></head><body>'
        f'<header class="site-header"><a href="/">Valley Courier</a><nav><ul>{nav}</ul></nav>'
        '</header><main><article class="post"><h1 class="entry-title">Reservoirs at lowest '
        f"level in thirty years</h1>{body}</article>{after}"
        f'<aside class="related"><h3>Related</h3><ul>{related}</ul></aside></main>'
        '<footer class="site-footer"><p>Copyright 2023 Valley Courier. All rights reserved.'
        '</p><a href="/privacy">Privacy policy</a></footer></body></html>'
    )


def _comments() -> str:
    items = "".join(
        f'<li class="comment"><div class="comment-author">Reader {i}</div>'
        f'<div class="comment-content"><p>{text}</p></div></li>'
        for i, text in enumerate(COMMENTS)
    )
    return (
        '<section id="comments" class="comments-area"><h2>5 thoughts on this story</h2>'
        f'<ol class="comment-list">{items}</ol></section>'
    )


def test_precision_candidate_too_short_another_saves_it() -> None:
    # A metered site: the lead is free, the rest of the body is marked "paid-content",
    # which trafilatura's precision mode discards; the other candidates keep it.
    lead, rest = _sentences(3, "north"), _sentences(12, "south")
    html = _page(
        f'<div class="entry-content">{_paragraphs(lead)}'
        f'<div class="paid-content">{_paragraphs(rest)}</div></div>'
    )
    _, bodies = candidate_bodies(html, None)
    assert rest[5] not in bodies[0].text
    assert rest[5] in bodies[2].text  # readability-lxml
    doc = extract_document(Page("paid.html", html, "html"))
    assert doc.text.split("\n\n") == lead + rest
    assert doc.title == "Reservoirs at lowest level in thirty years"
    assert doc.outlet == "Valley Courier"


def test_comment_section_does_not_win() -> None:
    story = _sentences(4, "north")
    html = _page(f'<div class="entry-content">{_paragraphs(story)}</div>', _comments())
    doc = extract_document(Page("comments.html", html, "html"))
    assert doc.text.split("\n\n") == story
    # Even a candidate that took the comments in would lose to one without them.
    signals = page_signals(tree_of(html))
    assert choose(["\n".join(story), "\n".join(story + COMMENTS)], signals) == 0


def test_readability_candidate_adding_prose_is_chosen() -> None:
    # As on a page whose body comes in chunks between ad slots, where trafilatura keeps the
    # first chunk only: readability's longer body adds story sentences, so it wins.
    lead, rest = _sentences(4, "north"), _sentences(10, "south")
    texts = ["\n".join(lead), "\n".join(lead), "\n".join(lead + rest)]
    assert choose(texts, page_signals(None)) == 2


def test_candidate_adding_links_and_labels_is_not_chosen() -> None:
    story = _sentences(6, "north")
    html = _page(f'<div class="entry-content">{_paragraphs(story)}</div>')
    links = [f"Another headline about a different story {i}" for i in range(6)]
    texts = ["\n".join(story), "\n".join([*story, "Related", *links])]
    assert choose(texts, page_signals(tree_of(html))) == 0


def test_candidate_dropping_link_lines_is_chosen() -> None:
    story = _sentences(6, "north")
    html = _page(f'<div class="entry-content">{_paragraphs(story)}</div>')
    links = [f"Another headline about a different story {i}" for i in range(6)]
    texts = ["\n".join([*story, *links]), "\n".join(story)]
    assert choose(texts, page_signals(tree_of(html))) == 1


def test_readability_text_has_one_line_per_block() -> None:
    story = _sentences(8, "east")
    html = _page(f'<div class="entry-content">{_paragraphs(story)}</div>')
    candidate = readability_candidate(html)
    assert candidate.name == "readability"
    assert [line for line in candidate.text.split("\n") if line in story] == story
    tree = lxml.html.fromstring("<div><p>One <b>two</b></p>three<br>four<script>x()</script></div>")
    assert block_text(tree) == "One two\nthree\nfour"
