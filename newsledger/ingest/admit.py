"""What an extracted document must be for the analysis to be worth running.

The decisions, each a ``RejectedInput`` with its own reason code:

* ``too-long``: more than ``MAX_CHARS`` characters of body text. spaCy's parser needs about
  3.3 MB of memory and 0.09 s per 1,000 characters (measured with the default model), so a
  body of 1 million characters would take 3 GB and a minute and a half; ``MAX_CHARS``
  (200,000, some 30,000 words, three times the longest long-read) bounds one document to
  about 0.7 GB. No news article is that long; such a text is a dump or a book.
* ``too-short``: fewer than ``MIN_WORDS`` words. Three words is the least that can say who
  did what to whom ("Gunmen killed 12."); a single word or a label is not a report, and an
  empty record would look like an article in which nothing happened.
* ``no-article``: the body is made only of page chrome that the extractors could not tell
  from an article: a cookie or consent notice, a newsletter or sign-in prompt, a copyright
  or legal line, a "page not found", a comment form, link-box headings, and labels of a few
  words without a sentence (buttons, menu items). Only recognised chrome counts: a body
  with any line of its own text is kept.
* ``unsupported-language``: the body is confidently (``LANGUAGE_CONFIDENCE``) in a language
  other than English. The model, the actor base and the claim cues read English only; an
  English model run on Persian or Russian text gives invented entities, not an empty
  record. English text quoting names or phrases in Arabic, Cyrillic or Chinese script is
  detected as English and analysed, and a text whose language is uncertain is analysed
  with the detected language recorded in ``document.language``.
"""

from __future__ import annotations

import re

from newsledger.errors import RejectedInput
from newsledger.ingest.language import identify
from newsledger.ingest.trailer import is_marker
from newsledger.records import Document

MAX_CHARS = 200_000
MIN_WORDS = 3
SUPPORTED_LANGUAGES = frozenset({"en"})
# The detector's probability (``language.identify``) from which a body in another language
# is refused. Chosen on benchmarks/language.py: of 2,595 English texts (CASE 2021 snippets,
# GeoWebNews and LGL articles whole and cut to 160 characters) none is read as another
# language above 0.12, and of the 20 other-language pages of the extraction benchmark the
# least sure is 0.72 (an Indonesian page whose three windows read 0.87, 0.75 and 0.54):
# 0.5 sits between them with room on both sides.
LANGUAGE_CONFIDENCE = 0.5
_LABEL_WORDS = 4  # a line shorter than this that is no sentence is a label, not text

_CHROME = re.compile(
    r"\b(?:we|this\s+(?:site|website)|our\s+(?:site|website))\s+uses?\s+cookies\b|"
    r"\bcookies?\s+(?:policy|settings|preferences|consent|notice)\b|"
    r"\baccept\s+(?:all\s+)?cookies\b|\buse\s+of\s+cookies\b|"
    r"\b(?:enable|turn\s+on|activate)\s+javascript\b|\bjavascript\s+is\s+(?:disabled|"
    r"required|turned\s+off)\b|\byour\s+browser\s+(?:is\s+(?:not\s+supported|out\s+of\s+"
    r"date|outdated)|does\s+not\s+support)\b|"
    r"\b(?:subscribe|sign\s+up|register)\b.*\b(?:newsletter|inbox|continue\s+reading|"
    r"read\s+(?:the\s+)?full|unlimited\s+access)\b|"
    r"\b(?:sign|log)\s+in\s+to\s+(?:continue|read|comment|access)\b|"
    r"\ball\s+rights\s+reserved\b|^\s*(?:©|\(c\)\s|copyright\b)|"
    r"\b(?:privacy\s+(?:policy|notice)|terms\s+(?:of\s+(?:use|service)|and\s+conditions))\b|"
    r"\b(?:page|article|story)\s+(?:was\s+)?(?:not\s+found|could\s+not\s+be\s+found)\b|"
    r"^\s*(?:error\s+)?404\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


LANGUAGE_MIN_CHARS = 200


def admit(document: Document) -> Document:
    """The document unchanged, or RejectedInput saying why it is not analysed."""
    text = document.text
    if len(text) > MAX_CHARS:
        raise RejectedInput(document.source, "too-long", f"the article body has {len(text)} "
                            f"characters, more than the limit of {MAX_CHARS} (about 30,000 "
                            "words; analysing it would take gigabytes of memory); split the "
                            "text into its articles")
    # A long text in a script written without spaces (Japanese, Chinese, Thai) has few
    # "words": its language is the better reason, so it is checked first.
    telling = len(text) >= LANGUAGE_MIN_CHARS
    if telling:
        _check_language(document)
    words = len(text.split())
    if words < MIN_WORDS:
        raise RejectedInput(document.source, "too-short", f"the article body has {words} "
                            f"word{'s' if words != 1 else ''}, fewer than the {MIN_WORDS} "
                            "needed to say who did what to whom; give the whole article")
    if _article_words(text, enough=MIN_WORDS) < MIN_WORDS:
        raise RejectedInput(document.source, "no-article", "the page holds only boilerplate "
                            "(cookie or sign-in notices, menus, buttons, legal and copyright "
                            "lines), no article text; check that it is an article page and "
                            "not a consent wall, an error page or an index")
    if not telling:
        _check_language(document)
    return document


def _article_words(text: str, enough: int | None = None) -> int:
    """Words in the lines that are neither recognised chrome nor short labels; the count
    stops once it reaches ``enough`` (admission only needs to know that it does)."""
    total = 0
    for line in text.split("\n"):
        if enough is not None and total >= enough:
            break
        line = line.strip()
        words = len(line.split())
        if not words or _CHROME.search(line) or is_marker(line):
            continue
        if words < _LABEL_WORDS and not _SENTENCE_END.search(line):
            continue
        total += words
    return total


def _check_language(document: Document) -> None:
    code, probability = identify(document.text)
    if code in SUPPORTED_LANGUAGES or probability < LANGUAGE_CONFIDENCE:
        return
    raise RejectedInput(document.source, "unsupported-language", f"the article is in the "
                        f"language '{code}' (ISO 639-1, detected with probability "
                        f"{probability:.2f}), and newsledger reads English only (its spaCy "
                        "model, actor names and claim cues are English); give an English "
                        "text or a translation")
