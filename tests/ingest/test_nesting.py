"""The nesting guard: no parser sees a page that could nest deeper than MAX_DEPTH before
lxml has said it does not."""

from __future__ import annotations

import time

import pytest

from newsledger.errors import RejectedInput
from newsledger.ingest import extract_document, read_stream
from newsledger.ingest.body_candidates import MAX_DEPTH
from newsledger.ingest.nesting import nesting_bound
from tests.conftest import article_page

SENTENCE = ("Officials in the northern province said the road would reopen next week after "
            "repairs to the bridge.")


@pytest.mark.parametrize("name", ["nbc-omar-threat", "stadia-tweet", "ctv-json-ld"])
def test_real_pages_are_cleared_by_the_scan(name: str) -> None:
    page = article_page(f"{name}.html.gz")
    assert 10 < nesting_bound(page.content) < MAX_DEPTH


def test_stray_end_tags_do_not_hide_depth() -> None:
    """End tags of elements that are not open close nothing (parsers ignore them)."""
    html = "</span>" * 1000 + "<div>" * 400 + SENTENCE + "</div>" * 400
    assert nesting_bound(html) >= MAX_DEPTH
    interleaved = "<div></span>" * 400 + SENTENCE
    assert nesting_bound(interleaved) >= MAX_DEPTH


@pytest.mark.parametrize("unit", [
    "<div><!-- </div> -->",  # an end tag in a comment
    "<div><script>x = '</div>';</script>",  # in a script's text
    "<div><textarea></div></textarea>",
    "<span><div></span>",  # an end tag that cannot close past a block
    "<b><div></b>",
])
def test_end_tags_parsers_ignore_close_nothing(unit: str) -> None:
    assert nesting_bound(unit * 2000) >= MAX_DEPTH


def test_tables_count_their_implicit_body() -> None:
    assert nesting_bound("<table><tr><td>" * 2 + SENTENCE) == 8  # table, tbody, tr, td
    assert nesting_bound("<table><tr><td>" * 70 + SENTENCE) >= MAX_DEPTH


def test_an_end_tag_closes_what_was_opened_inside() -> None:
    html = "<div><p><b>" + SENTENCE + "</div>" * 3
    assert nesting_bound(html) == 3


def test_a_deep_page_behind_stray_end_tags_is_refused_at_once() -> None:
    html = ("<html><body>" + "</span>" * 1000 + f"<p>{SENTENCE}</p>" * 5 + "<div>" * 50_000
            + SENTENCE + "</div>" * 50_000 + "</body></html>")
    started = time.monotonic()
    with pytest.raises(RejectedInput) as info:
        extract_document(read_stream(html.encode(), "deep.html", 8 * 1024 * 1024))
    assert info.value.reason == "too-deep"
    assert time.monotonic() - started < 5


def test_unclosed_paragraphs_are_no_deep_nesting() -> None:
    """300 paragraphs without closing tags: the scan cannot clear the page, so lxml
    parses it, and it is not deep (a parser closes each <p> at the next)."""
    html = f"<html><body><article>{('<p>' + SENTENCE) * 300}</article></body></html>"
    assert nesting_bound(html) >= MAX_DEPTH
    doc = extract_document(read_stream(html.encode(), "open.html", 1024 * 1024))
    assert doc.text.count("road would reopen") == 300
