"""Country adjectives as mentions of the countries a story places."""

from __future__ import annotations


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

