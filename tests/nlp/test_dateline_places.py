"""Datelines left in a story's text, on LGL articles (the corpus gives headline and story
as one text)."""

from __future__ import annotations

from pathlib import Path

from newsledger.records import Analysis, Entity, Place

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


def _news(name: str) -> str:
    return (NEWS / name).read_text(encoding="utf-8")


def _entity_at(analysis: Analysis, text: str, words: str) -> Entity:
    start = text.index(words)
    return next(e for e in analysis.entities
                if any(m.start == start and m.end == start + len(words) for m in e.mentions))


def _place_of(analysis: Analysis, entity: Entity) -> Place:
    return next(p for p in analysis.places if p.entity == entity.id)


def test_a_dateline_after_the_headline_is_a_place_of_its_state(analyse_text) -> None:  # type: ignore[no-untyped-def]
    text = _news("lgl-0122.txt")  # "... found unharmed. HURRICANE, W.Va. - Law enforcement"
    a = analyse_text(text, published="2009-03-24")
    hurricane = _entity_at(a, text, "HURRICANE")
    assert hurricane.type == "PLACE"
    assert hurricane.name == "Hurricane"  # named as the story writes it, not in capitals
    place = _place_of(a, hurricane)
    # the small model tags neither word; Hurricane, Utah is the gazetteer's other reading
    assert (place.country, place.admin1) == ("US", "West Virginia")
    state = _entity_at(a, text, "W.Va")  # the span stops before the abbreviation's dot
    assert _place_of(a, state).precision == "admin1"
    assert _place_of(a, state).admin1 == "West Virginia"


def test_no_name_or_group_runs_across_a_dateline_s_dash(analyse_text) -> None:  # type: ignore[no-untyped-def]
    text = _news("lgl-0122.txt")  # the model made "W.Va. - Law enforcement officers" an ORG
    a = analyse_text(text, published="2009-03-24")
    assert _entity_at(a, text, "Law enforcement officers").type in {"ORG", "GROUP"}
    spans = [m.text for e in a.entities for m in e.mentions]
    assert not any(" - " in m for m in spans), spans
    # LGL 49's opening, a group phrase the parse runs back into the dateline
    lynch = ("New call for help in lynch case . MONROE - Federal and state law enforcement "
             "officials are nearly certain there are people living who can help them solve the "
             "1946 Moore's Ford lynching.")
    b = analyse_text(lynch, published="2009-03-24")
    officials = next(e for e in b.entities if e.type == "GROUP" and e.name == "officials")
    assert [m.text for m in officials.mentions] == [
        "Federal and state law enforcement officials"]
    assert _entity_at(b, lynch, "MONROE").type == "PLACE"


def test_a_dateline_at_a_line_start_and_an_organisation_cut_at_it(analyse_text) -> None:  # type: ignore[no-untyped-def]
    text = _news("lgl-0084.txt")  # "18 residents left homless after blaze\n\nTORRINGTON — A"
    a = analyse_text(text, published="2009-03-25")
    torrington = _entity_at(a, text, "TORRINGTON")
    assert torrington.type == "PLACE"
    assert _place_of(a, torrington).admin1 == "Connecticut"
    # the same form in LGL 81, where the model took dateline and subject for one name
    budget = ("City adjusts budget for recycling, winter maintenance. TORRINGTON \u2014 City "
              "Council tentatively approved a budget adjustment on Monday.")
    b = analyse_text(budget, published="2009-03-25")
    assert _entity_at(b, budget, "TORRINGTON").type == "PLACE"
    assert _entity_at(b, budget, "City Council").type == "ORG"


def test_a_label_in_capitals_is_no_dateline(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # labels that open a line or a sentence as a dateline does: "POLICE" and "MORE" are
    # towns' names somewhere, "NATO" an organisation of the actor base
    text = ("POLICE: A man was arrested on Monday in Hartford. MORE: The suspect fled.\n"
            "NATO \u2014 The alliance said on Tuesday it would respond.")
    a = analyse_text(text)
    placed = {m.text for e in a.entities if e.type == "PLACE" for m in e.mentions}
    assert not {"POLICE", "MORE", "NATO"} & placed, placed


def test_a_dateline_after_a_byline_s_date(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # "BY RUSS ZIMMER Advocate Reporter March 15, 2009 NEWARK -- Unfortunately, ...": the
    # dateline follows the byline's date, on no line or sentence of its own
    text = _news("lgl-0336.txt")
    a = analyse_text(text, published="2009-03-15")
    newark = _entity_at(a, text, "NEWARK")
    assert newark.type == "PLACE"
    # the Newark of Licking County, which the story names, not New Jersey's bigger city
    assert (_place_of(a, newark).country, _place_of(a, newark).admin1) == ("US", "Ohio")


def test_a_big_place_s_dateline_with_a_colon_after_the_headline(analyse_text) -> None:  # type: ignore[no-untyped-def]
    text = _news("lgl-0259.txt")  # "... bust near airport . BEIRUT: A major drug dealer was"
    a = analyse_text(text, published="2009-03-27")
    beirut = _entity_at(a, text, "BEIRUT")
    assert beirut.type == "PLACE"
    assert _place_of(a, beirut).country == "LB"
    # a colon inside a line is still no dateline for a word that is no big place
    text = "Police arrest two in Hartford. PHOTOS: The scene on Main Street after the arrests."
    b = analyse_text(text)
    assert not any(m.text == "PHOTOS" for e in b.entities for m in e.mentions
                   if e.type == "PLACE")


def test_a_speaker_s_label_in_a_transcript_is_no_dateline(analyse_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The minister resigned abruptly. CHARLOTTE: I think the decision was made weeks "
            "ago, and nobody told the staff.\nVICTORIA: We did not know.")
    a = analyse_text(text)
    placed = {m.text for e in a.entities if e.type == "PLACE" for m in e.mentions}
    assert not {"CHARLOTTE", "VICTORIA"} & placed, placed


def test_a_dateline_the_model_cuts_at_its_abbreviation_s_dot_is_one_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews 129 (a barbecue restaurant's meat thieves): the model tags "ST" of the
    # dateline "ST. LOUIS –" alone; the dateline's place is St. Louis, Missouri
    text = _news("gwn-129.txt")
    a = analyse_text(text)
    st_louis = _entity_at(a, text, "ST. LOUIS")
    assert st_louis.type == "PLACE"
    assert (_place_of(a, st_louis).country, _place_of(a, st_louis).admin1) == ("US", "Missouri")
    assert not [e for e in a.entities if e.name == "ST"]
