"""Ingest: read one input (file or bytes) into a Page, and turn a Page into a Document.

``read_page`` / ``read_stream`` read and decode (gzip transparently, with a size cap and
binary detection); ``extract_document`` removes page chrome and reads the metadata;
``normalise_text`` is the Unicode and whitespace normalisation every stage can rely on.
Every refusal is a ``RejectedInput`` with a reason code and a detail saying what to do.

``extract_document`` then admits the document only when the analysis is worth running
(``admit``: not too long, not too short, not boilerplate alone, in English), each refusal a
``RejectedInput`` with its own reason code.

``detect_language`` gives ``Document.language`` (ISO 639-1, py3langid; "en" for a text too
short to judge). The metadata the source gave with a page (``Page.title``, ``published``,
``outlet``, ``authors``) fills only what the page itself does not say.
"""

from __future__ import annotations

from newsledger.ingest.admit import admit
from newsledger.ingest.html_page import extract_html_page
from newsledger.ingest.language import detect_language
from newsledger.ingest.normalise import normalise_text
from newsledger.ingest.reader import read_page, read_stream
from newsledger.ingest.text_page import extract_text_page
from newsledger.records import Document, Page

__all__ = [
    "detect_language", "extract_document", "normalise_text", "read_page", "read_stream",
]


def extract_document(page: Page) -> Document:
    """The clean article of a page: HTML by the best of several extractors' candidates,
    plain text by its chrome rules; RejectedInput when there is none worth analysing."""
    if page.kind == "html":
        return admit(extract_html_page(page))
    return admit(extract_text_page(page))
