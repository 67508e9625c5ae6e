"""Country adjectives as mentions of the countries a story places."""

from __future__ import annotations

from pathlib import Path


def test_a_country_adjective_is_a_mention_of_the_country_the_story_places(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews (the Skripal expulsions): "Russian" is Russia's, once Russia is a place of
    # the story; the diplomats stay a group of their own
    a = analyse_text("Germany and other countries expel Russian diplomats over the Skripal "
                     "poisoning. Russia said it would respond in kind.")
    russia = next(e for e in a.entities if e.type == "PLACE" and "Russia" in
                  {m.text for m in e.mentions})
    assert "Russian" in {m.text for m in russia.mentions}
    assert any(e.type == "GROUP" and "diplomats" in e.name for e in a.entities)
    # a country the story never places gains nothing: no entity, no place
    b = analyse_text("Chinese investors bought the stadium in Manchester.")
    assert not [e for e in b.entities if "Chinese" in {m.text for m in e.mentions}
                and e.type == "PLACE"]



def test_a_region_adjective_is_no_mention_of_a_country(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews 66 (the migrant caravan, Reuters): "Central American migrants" are of the
    # region, not of the United States the story also names
    text = (Path(__file__).resolve().parents[1] / "data" / "news" / "gwn-066.txt").read_text(
        encoding="utf-8")
    a = analyse_text(text)
    us = next(e for e in a.entities if e.type == "PLACE" and "U.S." in
              {m.text for m in e.mentions})
    assert "American" in {m.text for m in us.mentions}  # "an American flag"
    regional = [i for i in range(len(text)) if text.startswith("Central American", i)]
    assert regional
    assert not [m for m in us.mentions for i in regional
                if m.start < i + len("Central American") and i < m.end]
    # written: two words that name a country together are that country's ("South
    # African"); a bearing that names no region with the word leaves it the country's
    b = analyse_text("South Africa's rand fell as South African lenders cut rates.")
    za = next(e for e in b.entities if e.type == "PLACE" and "South Africa" in
              {m.text for m in e.mentions})
    assert "South African" in {m.text for m in za.mentions}
    c = analyse_text("Nigeria's army moved troops to Kano. Northern Nigerian governors met.")
    nigeria = next(e for e in c.entities if e.type == "PLACE" and e.name == "Nigeria")
    assert "Nigerian" in {m.text for m in nigeria.mentions}


def test_a_continent_adjective_is_a_mention_of_the_continent_the_story_places(
        analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews 12 (Europe's airline chiefs on air traffic control strikes): "European
    # airlines" are Europe's, once Europe is a place of the story
    text = (Path(__file__).resolve().parents[1] / "data" / "news" / "gwn-012.txt").read_text(
        encoding="utf-8")
    europe = next(e for e in analyse_text(text).entities if e.type == "PLACE"
                  and e.name == "Europe")
    assert "European" in {m.text for m in europe.mentions}
