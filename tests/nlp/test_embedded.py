"""Places named inside the names of organisations (LGL and GeoWebNews sentences)."""

from __future__ import annotations

from pathlib import Path


def _place(analysis, name):  # type: ignore[no-untyped-def]
    return next((e for e in analysis.entities if e.type == "PLACE" and e.name == name), None)


def test_a_town_that_opens_an_agency_name_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL: a Louisiana story
    text = ("Unlike a similar program run by the Shreveport Police Department where ministers "
            "volunteer their time, the Caddo program pays them.")
    a = analyse_text(text)
    department = next(e for e in a.entities if e.name == "Shreveport Police Department")
    shreveport = _place(a, "Shreveport")
    assert department.type == "ORG" and shreveport is not None
    (mention,) = shreveport.mentions
    assert text[mention.start:mention.end] == "Shreveport"
    assert department.mentions[0].start <= mention.start < department.mentions[0].end
    place = next(p for p in a.places if p.entity == shreveport.id)
    assert place.country == "US" and place.admin1 == "Louisiana"


def test_a_place_after_of_in_an_institution_name(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Bernie Sanders spoke at the University of Minnesota's Williams Arena on "
                     "Nov. 3, 2019.")
    minnesota = _place(a, "Minnesota")
    assert minnesota is not None
    assert any(p.entity == minnesota.id and p.precision == "admin1" for p in a.places)


def test_a_demonym_or_a_brand_is_no_embedded_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The Palestinian Authority and Bank of America signed the deal in "
                     "Ramallah.")
    assert _place(a, "Palestinian") is None and _place(a, "America") is None
    assert _place(a, "Ramallah") is not None


def test_the_state_of_a_party_tag_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR (the Washington Post and the Hill, 2016): both styles of the tag
    a = analyse_text("House Speaker Paul Ryan (R-Wis.) said the recent spate of police "
                     "shootings demands more listening. \"The expectation is that the veto "
                     "will be overridden,\" Senate Majority Leader Mitch McConnell, R-Ky., said "
                     "Tuesday.")
    for state in ("Wisconsin", "Kentucky"):
        entity = _place(a, state)
        assert entity is not None, state
        assert any(p.entity == entity.id and p.precision == "admin1" for p in a.places)
    assert _place(a, "R") is None



def test_a_country_opening_or_closing_an_organisation_name(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews (AFP on MH370; a Zimbabwean tourism story)
    a = analyse_text("A new hunt for Malaysia Airlines flight MH370 using high-tech underwater "
                     "drones has started, officials said Tuesday. We don't know what is "
                     "happening with Air Zimbabwe.")
    for country in ("Malaysia", "Zimbabwe"):
        entity = _place(a, country)
        assert entity is not None, country
        assert any(p.entity == entity.id and p.precision == "country" for p in a.places)


def test_a_state_legislator_s_county_in_a_party_tag_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 123 (West Virginia's House of Delegates): each delegate's tag names a county
    from pathlib import Path

    news = Path(__file__).resolve().parents[1] / "data" / "news"
    text = (news / "lgl-0123.txt").read_text(encoding="utf-8")
    a = analyse_text(text, published="2009-03-24")
    for county in ("Braxton", "Hardy", "McDowell"):
        entity = _place(a, county)
        assert entity is not None, county
        place = next(p for p in a.places if p.entity == entity.id)
        assert (place.country, place.admin1) == ("US", "West Virginia"), county
    # the tag's party letter and the sentence's full stop are no part of the place
    assert _place(a, "D") is None and _place(a, "McDowell.") is None


def test_the_town_of_a_name_the_model_calls_a_place_but_no_gazetteer_knows(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 98 (Cambridge, Ohio's Daily Jeffersonian): the model calls the court a place
    a = analyse_text("Foreclosures, support cases locally reflect tough economic times. "
                     "Statistics from the Guernsey County Common Pleas Court reflect the current "
                     "economic conditions, with both foreclosures and child support cases rising "
                     "sharply since last year.")
    county = _place(a, "Guernsey County")
    assert county is not None
    place = next(p for p in a.places if p.entity == county.id)
    assert (place.country, place.admin1, place.precision) == ("US", "Ohio", "admin2")
    court = next(e for e in a.entities if e.name == "Guernsey County Common Pleas Court")
    assert court.type == "ORG"  # a body, which the gazetteer cannot place
    # LGL 139 (Greer, South Carolina): the city hall's town
    b = analyse_text("A two- story Police and Court Complex anchors the west boundary of Greer "
                     "Station, while the new three- story Greer City Hall and 12- acre City Park "
                     "are just two blocks to the east.")
    greer = _place(b, "Greer")
    assert greer is not None
    assert any(p.entity == greer.id and p.admin1 == "South Carolina" for p in b.places)


def test_no_town_from_a_street_a_person_s_site_or_a_direction(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 0, 124 and 147: names the model calls places that hold a town's or a direction's
    # word but are named after no town
    a = analyse_text("Both the Sheriff's Office and Rapides Parish Fire District 2 investigated "
                     "the March 7 fire at 6016 Dublin Road that led to Henry's arrest. After "
                     "school, he takes a bus to the Webb Center on Evergreen Street, where he is "
                     "picked up when his parents leave their business. Area seniors will have "
                     "the opportunity to showcase their athletic abilities at the South Central "
                     "District Senior Olympics, scheduled for April 20-24 in Lawrenceburg.")
    for name in ("Dublin", "Webb", "South", "South Central"):
        assert _place(a, name) is None, name
    assert _place(a, "Rapides Parish") is not None  # the parish of a fire district is one


def test_d_day_and_a_sentence_s_end_are_no_party_tags(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Veterans returned to Normandy (D-Day) on Thursday. The delegates' sponsor "
                     "was Clif Moore, D-McDowell. Jones, a Republican, voted against it.")
    assert _place(a, "Day") is None
    assert _place(a, "McDowell. Jones") is None


def test_a_county_named_with_its_kind_opens_an_organisation_name(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 54 (vandals in Athens, Texas): "Henderson County Crimestoppers" is named after
    # the county, not the town of Henderson (which would be Nevada's); with the county,
    # the story's Athens is the Texas town in it, not Greece's capital
    text = (Path(__file__).resolve().parents[1] / "data" / "news" / "lgl-0054.txt").read_text(
        encoding="utf-8")
    a = analyse_text(text)
    places = {p.name: (p.admin1, p.precision) for p in a.places}
    assert places.get("Henderson County") == ("Texas", "admin2")
    assert "Henderson" not in places
    assert places.get("Athens") == ("Texas", "locality")
