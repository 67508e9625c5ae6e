"""Property-based tests (hypothesis): any string or bytes in, clean text, a Document or a
RejectedInput out, never another exception."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsledger.errors import RejectedInput
from newsledger.ingest import extract_document, normalise_text, read_stream
from newsledger.records import Document, Page
from tests.conftest import SEED

WORDS = SEED.read_text(encoding="utf-8").split()
_ALLOWED_CONTROLS = {"\n"}

# News-like text: words of the seed, any Unicode, line breaks and odd spaces, mixed.
news_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(max_size=12),
              st.sampled_from(["\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200f", "\u202e",
                               "\x00", "\ufeff", "\u2028", "«", "”", "—"])),
    max_size=120,
).map(" ".join)
TAGS = ["p", "div", "span", "a", "b", "article", "nav", "footer", "script", "table", "td",
        "li", "h1", "br", "html", "body", "head", "title", "meta", "!--", "![CDATA["]
html_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
              st.sampled_from(TAGS).map(lambda t: f"</{t}>"), st.text(max_size=8),
              st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&nbsp;", "<", ">", '"'])),
    max_size=150,
).map("".join)


def _is_clean(text: str) -> bool:
    return all(ch in _ALLOWED_CONTROLS or unicodedata.category(ch) != "Cc" for ch in text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), news_text))
def test_normalised_text_is_clean_and_stable(text: str) -> None:
    clean = normalise_text(text)
    assert _is_clean(clean)
    assert "\r" not in clean and "\x00" not in clean and "\ufeff" not in clean
    assert normalise_text(clean) == clean
    assert unicodedata.is_normalized("NFC", clean)
    assert clean == clean.strip("\n") and "\n\n\n" not in clean


def _page_or_rejection(data: bytes, name: str) -> None:
    try:
        page = read_stream(data, name, 1 << 20)
    except RejectedInput as exc:
        assert exc.reason and exc.detail
        event(exc.reason)
        return
    _document_or_rejection(page)


def _document_or_rejection(page: Page) -> None:
    try:
        document = extract_document(page)
    except RejectedInput as exc:
        assert exc.reason and exc.detail and exc.reason != "internal-error"
        event(exc.reason)
        return
    event("document")
    assert isinstance(document, Document) and document.text.strip()
    assert _is_clean(document.text) and len(document.language) == 2
    assert document.id and document.source == page.source


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), st.sampled_from(["a.txt", "a.html", "a.txt.gz", "a"]))
def test_any_bytes_read_and_extracted_give_a_document_or_a_rejection(data: bytes,
                                                                     name: str) -> None:
    _page_or_rejection(data, name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(news_text, st.text()))
def test_any_text_page_gives_a_document_or_a_rejection(text: str) -> None:
    _document_or_rejection(Page("prop.txt", text, "text"))
    _page_or_rejection(text.encode("utf-8", "surrogatepass"), "prop.txt")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_text)
def test_any_html_page_gives_a_document_or_a_rejection(html: str) -> None:
    _document_or_rejection(Page("prop.html", html, "html"))
