"""Place names the model splits at a joining word (GeoWebNews 112)."""

from __future__ import annotations

from pathlib import Path

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


def test_a_country_named_x_and_y_is_one_place_and_x_alone_is_it_too(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # the model tags "Trinidad" and "Tobago" apart; Trinidad alone read as Trinidad,
    # Colorado, in a story that also names Washington
    text = (NEWS / "gwn-112.txt").read_text(encoding="utf-8")
    a = analyse_text(text, published="2018-03-29")
    country = next(e for e in a.entities if e.type == "PLACE"
                   and e.name == "Trinidad and Tobago")
    written = {m.text for m in country.mentions}
    assert written == {"Trinidad and Tobago", "Trinidad"}  # "the ministry in Trinidad"
    place = next(p for p in a.places if p.entity == country.id)
    assert (place.country, place.precision) == ("TT", "country")
    assert not [p for p in a.places if p.country == "US" and "Trinidad" in p.name]


def test_names_joined_by_and_that_name_no_place_stay_apart(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews 23 (Skripal): "Britain and France" is no place of the gazetteer's
    text = (NEWS / "gwn-023.txt").read_text(encoding="utf-8")
    a = analyse_text(text, published="2018-03-31")
    written = {m.text for e in a.entities for m in e.mentions}
    assert {"Britain", "France"} <= written and "Britain and France" not in written
    assert {"GB", "FR"} <= {p.country for p in a.places}
