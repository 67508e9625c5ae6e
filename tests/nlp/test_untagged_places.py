"""Towns the small model leaves untagged where only a place can stand (LGL sentences)."""

from __future__ import annotations

from newsledger.records import Analysis, Place


def _place(analysis: Analysis, name: str) -> Place | None:
    entity = next((e for e in analysis.entities if e.type == "PLACE" and e.name == name), None)
    if entity is None:
        return None
    return next((p for p in analysis.places if p.entity == entity.id), None)


def test_a_town_after_from_or_in_the_model_leaves_untagged(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 462 (a west London paper): the model tags "Hounslow" nowhere in this sentence
    a = analyse_text("John Lambe, 23, and Matthew Evans, 25, both from Hounslow, appeared in "
                     "court charged with theft and harassment after repeatedly taking money "
                     "from the 58-year-old, who suffers from learning difficulties.")
    hounslow = _place(a, "Hounslow")
    assert hounslow is not None and hounslow.country == "GB"
    # LGL 99 (Ohio's cities cutting costs): "In Euclid, in the northeast, firefighters ..."
    b = analyse_text("The court also is switching to a four-day work week to save money. In "
                     "Euclid, in the northeast, firefighters agreed to a 2-percent pay cut. "
                     "Cleveland and Toledo are laying off police officers.")
    euclid = _place(b, "Euclid")
    assert euclid is not None and (euclid.country, euclid.admin1) == ("US", "Ohio")


def test_a_village_after_its_head_noun(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 92 (an obituary in Cambridge, England)
    a = analyse_text("He was born in the small village of Flumeri in southern Italy in 1936, "
                     "and married the love of his life, Antonietta, in 1958.")
    flumeri = _place(a, "Flumeri")
    assert flumeri is not None and flumeri.country == "IT"


def test_streets_and_acronyms_are_no_untagged_towns(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 126: two streets ("Rivers" is also a Manitoba town); GeoWebNews 124: "the NGO"
    a = analyse_text("Initial reports indicate the motorcycle might have experienced some kind "
                     "of malfunction, and as a result the passenger was thrown off and hit by a "
                     "truck near Rivers and Stokes avenues shortly before 2 p.m., Pryor said.")
    assert _place(a, "Rivers") is None
    assert not any(e.name == "Rivers" and e.type == "PLACE" for e in a.entities)
    b = analyse_text("The works on the border with Abkhazia were financed by the European "
                     "Union, reported Irakli Chitanava, a manager from the NGO.")
    assert not any(e.name == "NGO" and e.type == "PLACE" for e in b.entities)
    # PolNeAR (2016): a programme's title, whose capitalised "State" is no place's head noun
    c = analyse_text("\"At the end of the day, we need to step away from efforts by Hillary "
                     "Clinton and others to paint law enforcement in this country with the "
                     "broad brush of racial bias,\" Pence said on CNN's \"State of the Union.\"")
    assert not any(e.name == "Union" and e.type == "PLACE" for e in c.entities)



def test_a_town_after_of_before_who_is_still_a_town(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 398: the ", who" is the specialist's, not the town's
    a = analyse_text("\u201cThe smart ones come in about 10 o\u2019clock at night,\u201d said "
                     "Joseph McInerney, president and CEO of the association. Environmental "
                     "services specialist John Nale of Chattanooga, who is licensed to clean up "
                     "meth labs, said tests he has conducted have shown chemicals.")
    chattanooga = _place(a, "Chattanooga")
    assert chattanooga is not None and chattanooga.admin1 == "Tennessee"
