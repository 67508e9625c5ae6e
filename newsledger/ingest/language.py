"""The language of a document's body, as an ISO 639-1 code, by py3langid.

py3langid's model ships inside its wheel (no download); it is loaded once, on the first
call, and restricted to the languages that have an ISO 639-1 code (the model also knows
some ISO 639-3 ones, such as ``fuv`` or ``yue``, which the contract's ``language`` cannot
hold, and which English text full of foreign names was sometimes given). Decision for
short texts: the rest of the pipeline reads English, so a text with fewer than
``MIN_CHARS`` letters (too little for a character n-gram model to be right more often than
the prior) is ``"en"``, the corpus default, rather than a guess or a non-ISO marker such as
``"und"``. From ``MIN_CHARS`` letters on, the detector's best guess is returned, whatever
its confidence; ``identify`` also gives that confidence (a probability in [0, 1]).
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

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    return identifier


def identify(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the language of ``text`` and the detector's probability for
    it; ``("en", 0.0)`` when the text is too short to judge."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return DEFAULT, 0.0
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language ``text`` is written in; ``"en"`` when too short."""
    return identify(text)[0]
