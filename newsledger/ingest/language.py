"""The language of a document's body, as an ISO 639-1 code: resiliparse's fast detector for
the common case (English, see ``FAST_RANK``), py3langid for the rest.

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

from functools import cache, lru_cache
from typing import Any

from resiliparse.parse.lang import detect_fast

MIN_CHARS = 20  # letters; below this the default language is returned
DEFAULT = "en"
# A text longer than WINDOWS * WINDOW characters is judged by WINDOWS windows of WINDOW
# characters (its start, middle and end), each on its own, for speed (py3langid's time
# grows with the text: 3 ms for 5,000 characters, 0.3 ms for three windows of 500) and so
# that a long quotation in another language near the start does not decide for the whole
# (an English report quoting a Tagalog prayer at length was read as Tagalog, 0.82, from its
# first 2,000 characters).
WINDOW = 500
WINDOWS = 3
# resiliparse's detector (C++, linear, some microseconds a text) is asked first: a text it
# reads as English with an out-of-place rank up to FAST_RANK (its documentation: "values
# above 1200 are usually false results") is English, given probability 1.0, and py3langid
# is not run. It reads some short English texts as Catalan, Latin or Danish (48 of the
# 1,019 CASE 2021 snippets), never a page in another language as English
# (benchmarks/language.py): only its English verdict is taken, everything else goes to
# py3langid.
FAST_RANK = 1200
FAST_SAMPLE = 20_000
_ALPHA_LIMIT = 4 * MIN_CHARS  # characters looked at to find MIN_CHARS letters, at least


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    return identifier


def windows(text: str) -> list[str]:
    """The parts of ``text`` the detector reads: the whole of a short text, else the
    start, middle and end windows."""
    if len(text) <= WINDOW * WINDOWS:
        return [text]
    middle = (len(text) - WINDOW) // 2
    return [text[:WINDOW], text[middle:middle + WINDOW], text[-WINDOW:]]


@lru_cache(maxsize=32)
def identify(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the language of ``text`` and the detector's probability for
    it. Of the windows read, the language whose windows are surest in sum wins; its
    probability is the mean of its windows' probabilities when it holds a majority of the
    windows (two of three: a German article ending in an English paragraph is German,
    surely), and that mean times its share of the windows when it holds fewer (one window
    of three read as Tagalog, or as Korean with 1.0, gives at most a third: it does not make
    a report Tagalog); a text read in one window gets that window's probability.
    ``("en", 0.0)`` when the text is too short to judge; ``("en", 1.0)`` when resiliparse's
    detector reads it as English (see ``FAST_RANK``). Cached: a document's language is
    asked for when it is extracted and again when it is admitted."""
    if not _has_letters(text, MIN_CHARS):
        return DEFAULT, 0.0
    code, rank = detect_fast(text[:FAST_SAMPLE])
    if code == DEFAULT and rank <= FAST_RANK:
        return DEFAULT, 1.0
    verdicts = [_identifier().classify(part) for part in windows(text)]
    chosen: dict[str, list[float]] = {}
    for found, probability in verdicts:
        chosen.setdefault(str(found), []).append(float(probability))
    code = max(chosen, key=lambda c: sum(chosen[c]))
    mine = chosen[code]
    mean = sum(mine) / len(mine)
    if len(mine) * 2 > len(verdicts):  # a majority of the windows (or the only one)
        return code, mean
    return code, mean * len(mine) / len(verdicts)


def _has_letters(text: str, needed: int) -> bool:
    """Whether ``text`` holds ``needed`` letters (looking no further than it must)."""
    found = 0
    for start in range(0, len(text), _ALPHA_LIMIT):
        found += sum(ch.isalpha() for ch in text[start:start + _ALPHA_LIMIT])
        if found >= needed:
            return True
    return False


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language ``text`` is written in; ``"en"`` when too short."""
    return identify(text)[0]
