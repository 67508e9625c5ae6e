"""Trigger words: the lexicon's words that name an event in a sentence, and those that do not."""

from __future__ import annotations

from newsledger.events.trigger_words import find_triggers
from newsledger.nlp.model import load_model
from newsledger.settings import Settings


def _lemmas(text: str) -> list[str]:
    nlp = load_model(Settings.from_env().spacy_model)
    return [tok.lemma_ for tok, _type in find_triggers(next(nlp(text).sents))]


def test_warrants_collapses_and_things_found_are_no_trigger_words() -> None:
    """LGL (lgl.xml, Oakland, Augusta and Chicago reports): the lexicon's words in no deed."""
    for text in ("California prison records show that authorities had issued a warrant for "
                 "Mixon's arrest after he skipped parole.",
                 "A deputy was called to her home when a contractor discovered a smashed-in "
                 "door.",
                 "Beedle stumbled out of the alley and collapsed at the corner of State and "
                 "Hubbard streets, police said."):
        assert _lemmas(text) == [], text


def test_the_deed_an_arrest_is_for_is_a_trigger_of_its_own() -> None:
    """PolNeAR (wash-post 2016-09-25, Charlotte)."""
    found = _lemmas("Authorities announced on Friday the arrest of a man in the fatal shooting "
                    "of a demonstrator during a clash between protesters and police.")
    assert found[:2] == ["arrest", "shooting"]


def test_infinitives_and_fire_idioms_are_no_triggers() -> None:
    """The extraction benchmark (a guilty plea), PolNeAR (politico 2016-10-04, Trump's tax
    plan) and LGL (the Torrington fire): "to kill" and "under fire" are no deeds; "fires" is."""
    assert "kill" not in _lemmas("A New York man pleaded guilty Monday to threatening to kill "
                                 "U.S. Rep. Ilhan Omar, D-Minn., in March, prosecutors said.")
    assert "fire" not in _lemmas("Donald Trump, under fire over his taxes, is casting himself "
                                 "as a champion of the little guy when it comes to rewriting "
                                 "the tax code, but there’s little in his plan that matches "
                                 "his rhetoric.")
    assert "fire" in _lemmas("Several other fires occurred throughout the state Tuesday, "
                             "including a brush fire on Center Street in Torrington, fires in "
                             "Weston and a forest fire in Glastonbury.")


def test_the_deed_an_arrest_came_after_is_a_trigger_of_its_own() -> None:
    """GeoWebNews (GWN.xml, a UFC fighter's arrest)."""
    found = _lemmas("Mixed martial arts fighter Conor McGregor has been arrested and charged "
                    "with assault and criminal mischief after he allegedly went on a "
                    "caught-on-camera rampage after a UFC 223 press conference at Barclays "
                    "Center, the NYPD says.")
    assert "arrest" in found and "rampage" in found


def _types(text: str) -> list[tuple[str, str]]:
    nlp = load_model(Settings.from_env().spacy_model)
    return [(tok.lemma_, found.type) for tok, found in find_triggers(next(nlp(text).sents))]


def test_what_a_hazard_destroys_is_the_hazard_s_event() -> None:
    """LGL (the Torrington fire): "A fire destroyed the roof" is the fire, no destruction by
    anyone."""
    found = _types("A fire destroyed the roof of a Main Street multi-family home Tuesday, "
                   "displacing the tenants and injuring some firefighters.")
    assert ("destroy", "MAN_MADE_DISASTER") in found
    assert all(kind != "PROPERTY_DISTRUCT" for _lemma, kind in found)
