"""Ingest: read one input (file or bytes) into a Page, and turn a Page into a Document.

``read_page`` / ``read_stream`` read and decode (gzip transparently, with a size cap and
binary detection); ``extract_document`` removes page chrome and reads the metadata;
``normalise_text`` is the Unicode and whitespace normalisation every stage can rely on.
Every refusal is a ``RejectedInput`` with a reason code and a detail saying what to do.

Language is "en" for now: no language detector whose model ships on PyPI is installed.
"""

from __future__ import annotations

from newsledger.ingest.html_page import extract_html_page
from newsledger.ingest.normalise import normalise_text
from newsledger.ingest.reader import read_page, read_stream
from newsledger.ingest.text_page import extract_text_page
from newsledger.records import Document, Page

__all__ = ["extract_document", "normalise_text", "read_page", "read_stream"]


def extract_document(page: Page) -> Document:
    """The clean article of a page: HTML through trafilatura, plain text by its chrome rules."""
    if page.kind == "html":
        return extract_html_page(page)
    return extract_text_page(page)
