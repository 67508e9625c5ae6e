"""The language of a document's body, as an ISO 639-1 code, by py3langid.

py3langid's model ships inside its wheel (no download); it is loaded once, on the first
call. Decision for short texts: the contract's ``language`` is an ISO 639-1 code and the
rest of the pipeline reads English, so a text with fewer than ``MIN_CHARS`` letters (too
little for a character n-gram model to be right more often than the prior) is ``"en"``,
the corpus default, rather than a guess or a non-ISO marker such as ``"und"``. From
``MIN_CHARS`` letters on, the detector's best guess is returned, whatever its confidence.
"""

from __future__ import annotations

from functools import cache
from typing import Any

MIN_CHARS = 20  # letters; below this the default language is returned
DEFAULT = "en"
_SAMPLE = 5000  # characters: a longer text is judged by its opening, for speed


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language ``text`` is written in; ``"en"`` when too short."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return DEFAULT
    code, _ = _identifier().classify(sample)
    return str(code)
