"""Entities on the seed article and on wire-style sentences."""

from __future__ import annotations

from newsledger.records import Analysis
from tests.conftest import story_text
from tests.record_lookup import entity_named, name_of


def test_spokesman_the_model_misses_is_a_person_with_role_and_affiliation(seed: Analysis) -> None:
    dashti = entity_named(seed, "Fahim Dashti")
    assert dashti.type == "PERSON"
    assert dashti.role == "spokesman"
    assert name_of(seed, dashti.affiliation) == "resistance front"


def test_fronted_role_gives_affiliation_of_the_possessor(seed: Analysis) -> None:
    samangani = entity_named(seed, "Anaamullah Samangani")
    assert samangani.role == "member"
    assert name_of(seed, samangani.affiliation) == "Taliban"


def test_self_designation_merges_into_the_actor(seed: Analysis) -> None:
    taliban = entity_named(seed, "Taliban")
    names = {m.text for m in taliban.mentions}
    assert {"Mujahideen of the Islamic Emirate", "Mujahideen"} <= names
    assert taliban.kb_id and taliban.kb_id.startswith("cameo:")
    assert sum(e.name == "Taliban" for e in seed.entities) == 1


def test_one_place_entity_for_a_name_with_several_heads(seed: Analysis) -> None:
    panjshir = [e for e in seed.entities if "Panjshir" in e.name and e.type == "PLACE"]
    assert len(panjshir) == 1
    assert {"Panjshir", "Panjshir province"} <= {m.text for m in panjshir[0].mentions}


def test_gazetteer_and_context_fix_the_models_types(seed: Analysis) -> None:
    for name in ("Khawak", "Andarab", "Baghlan", "Kabul"):
        assert entity_named(seed, name).type == "PLACE", name


def test_epithet_is_an_alias_of_the_person(seed: Analysis) -> None:
    father = entity_named(seed, "Ahmad Shah Massoud")
    assert "Lion of Panjshir" in father.aliases
    assert father.id != entity_named(seed, "Ahmad Massoud").id


def test_surname_mention_joins_the_full_name(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Zabihullah Mujahid, the Taliban's chief spokesman, said on Thursday that the group "
        "would form a government. Mujahid added that women would be allowed to work."
    )
    mujahid = entity_named(a, "Zabihullah Mujahid")
    assert {m.text for m in mujahid.mentions} >= {"Zabihullah Mujahid", "Mujahid"}
    assert mujahid.role and "spokesman" in mujahid.role
    assert name_of(a, mujahid.affiliation) == "Taliban"


def test_spellings_of_one_group_are_one_entity(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Officials said al-Qaida operatives had moved into the area. A local commander said "
        "Al Qaeda fighters were seen near the border."
    )
    qaeda = [e for e in a.entities if e.kb_id and "QAEDA" in e.kb_id.upper()]
    assert len(qaeda) == 1
    assert {m.text for m in qaeda[0].mentions} == {"al-Qaida", "Al Qaeda"}


def test_two_descriptions_of_a_group_with_one_leader_are_one_entity(seed: Analysis) -> None:
    front = entity_named(seed, "resistance front")
    assert "anti-Taliban resistance" in {m.text for m in front.mentions}
    assert not any(e.name == "anti-Taliban resistance" for e in seed.entities)


def test_an_activity_or_an_anaphor_is_no_generic_actor(seed: Analysis) -> None:
    names = {e.name for e in seed.entities}
    assert "strongest resistance" not in names and "insurgent group" not in names


def _typed(a: Analysis) -> dict[str, str]:
    return {e.name: e.type for e in a.entities}


def test_a_name_after_in_and_a_direction_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Government forces pressed their offensive in eastern Ghouta on Saturday.")
    assert _typed(a)["Ghouta"] == "PLACE"


def test_an_unknown_name_after_in_is_a_place_not_an_organisation(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Witnesses heard gunfire near the fuel plant in Senkata, where protesters "
                     "had gathered.")
    assert _typed(a)["Senkata"] == "PLACE"


def test_a_name_before_a_group_noun_is_an_organisation(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The town is controlled by the Jaish al-Islam rebel group, residents said.")
    assert _typed(a)["Jaish al-Islam"] == "ORG"


def test_a_given_name_after_a_kinship_noun_is_a_person(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("He is survived by his mother Michelle and his girlfriend Olivia.")
    assert _typed(a)["Olivia"] == "PERSON"
    assert not a.places


def test_a_title_is_the_role_not_part_of_the_name(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Sergeant Matt Tonroe, 33, died on Thursday. Sgt Tonroe joined the army "
                     "in 2004.")
    tonroe = entity_named(a, "Matt Tonroe")
    assert tonroe.role == "sergeant"
    assert [m.text for m in tonroe.mentions] == ["Matt Tonroe", "Tonroe"]


def test_an_organisation_after_in_the_stays_an_organisation(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("He enlisted in the Army in 2004 and served two tours abroad.")
    assert _typed(a).get("Army") == "ORG"


def test_roles_are_not_names(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The emails of former secretary of state Colin Powell were published. "
                     "His Commanding Officer said he was an outstanding soldier.")
    names = {e.name for e in a.entities}
    assert "state" not in names and "Commanding Officer" not in names
    assert "Colin Powell" in names


def test_a_bracketed_acronym_names_the_name_it_spells(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # CASE 2021 snippets 552 and 918: "FC" and "FPS" are these organisations wherever they
    # stand, not the actor base's "FPS" (the Sovereign Panama Front)
    a = analyse_text(
        "A Frontier Corps (FC) soldier was killed while two others were injured when an "
        "improvised explosive device  exploded near the FC convoy in Ispilinji area of Mastung "
        "district. Four Facilities Protection Service (FPS) personnel were killed and 16 others "
        "were wounded when three vehicle-borne improvised explosive devices (VBIEDs) and an "
        "improvised explosive device (IED), emplaced by unidentified militants, detonated on "
        "Salman Faeq street in Karrada district in Iraq's capital Baghdad on 3 June, Iraqi "
        "News reported.")
    by_name = {e.name: e for e in a.entities}
    fps = by_name["Facilities Protection Service"]  # without the count "Four"
    assert "FPS" in fps.aliases and fps.kb_id is None
    assert "FC" in by_name["Frontier Corps"].aliases
    assert not any("Panama" in e.name or e.name == "FC" for e in a.entities)


def test_a_name_cut_at_a_dash_is_whole_when_its_acronym_spells_it(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL article 206 (civil.ge): the model reads "Democratic Movement" (an organisation),
    # "United Georgia" (a place) and "DMUG) party"
    analysis = analyse_text(story_text("georgia-206"), "2009-03-23")
    party = entity_named(analysis, "Democratic Movement–United Georgia")
    assert party.type == "ORG" and "DMUG" in party.aliases
    names = {e.name for e in analysis.entities}
    assert "United Georgia" not in names and not [n for n in names if ")" in n]
    leader = entity_named(analysis, "Nino Burjanadze")
    assert leader.affiliation == party.id  # "Nino Burjanadze, the leader of DMUG"


def test_what_an_acronym_spells() -> None:
    from newsledger.nlp.aliases import abbreviates as _abbreviates

    assert _abbreviates("ISIL", "Islamic State of Iraq and the Levant")
    assert _abbreviates("MoD", "Ministry of Defence")
    assert _abbreviates("NRF", "National Resistance Front of Afghanistan")
    assert _abbreviates("HTS", "Hay'at Tahrir al-Sham")  # a hyphen parts two words
    assert not _abbreviates("AP", "Taliban")
    assert not _abbreviates("FDLR", "Democratic Forces for the Liberation of Rwanda")


# LGL (Gritta et al.): a local story from Ohio
OXFORD = (
    "Juvenile arrested in Oxford bar had mother's blessing. The suspect, of Pickerington, "
    "Ohio, allegedly told police she was in Oxford visiting along with her mother, who had "
    "already left the bar. The girl reportedly became belligerent toward officers and was "
    "taken to the Oxford Police Department, where dispatchers alerted officers she was "
    "actually 16."
)


def test_a_town_is_not_a_mention_of_an_institution_named_after_it(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(OXFORD)
    by_name = {e.name: e for e in a.entities}
    # two mentions of the town, and the town inside the police department's name (a
    # toponym of the text, as geoparsing gold data counts it), which stays the department's
    oxford = by_name["Oxford"]
    department = by_name["Oxford Police Department"]
    assert oxford.type == "PLACE" and len(oxford.mentions) == 3
    inside = [m for m in oxford.mentions if department.mentions[0].start <= m.start
              and m.end <= department.mentions[0].end]
    assert len(inside) == 1
    assert [m.text for m in department.mentions] == ["Oxford Police Department"]
    assert any(p.name == "Oxford" and p.admin1 == "Ohio" for p in a.places)


def test_a_name_before_a_state_s_abbreviation_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # an LGL sentence; the model takes "Sioux Falls" for a person
    a = analyse_text("The other finalists, Denver, Indianapolis, Louisville, Ky., New Haven, "
                     "Conn., Sioux Falls, S.D.")
    falls = next(p for p in a.places if p.name == "Sioux Falls")
    assert falls.admin1 == "South Dakota"


def test_a_surname_the_tagger_missed_is_the_person_named_in_full(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Patrick W. Carlineo Jr., 55, of Addison, a village southwest of Ithaca, pleaded guilty "
        "to threatening to assault and murder a United States official, the U.S. Attorney's "
        "Office said in a statement.\n\nCarlineo faces a maximum of 10 years in prison and up "
        "to a $250,000 fine. Sentencing is scheduled for Feb. 14.\n\nHe was arrested in April "
        "for the March 21 call to the offices of Omar.")
    people = [e for e in a.entities if "Carlineo" in e.name]
    assert len(people) == 1
    assert len(people[0].mentions) >= 3  # the full name, the bare surname, "He"
    arrest = next(v for v in a.events if v.type == "ARREST")
    assert name_of(a, people[0].id) in [name_of(a, e) for e in arrest.targets]


def test_an_outlet_called_by_its_last_word_is_the_outlet(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "The San Francisco Chronicle says police are looking into whether the victim was a good "
        "Samaritan who tried to stop the suspect.\n\nThe man ran from the station. The "
        "Chronicle says he was arrested a block away.")
    chronicle = [e for e in a.entities if "Chronicle" in e.name]
    assert len(chronicle) == 1 and chronicle[0].type == "ORG"
    assert {m.text for m in chronicle[0].mentions} >= {"San Francisco Chronicle", "Chronicle"}


def _named(analysis, name):  # type: ignore[no-untyped-def]
    return [e for e in analysis.entities if e.name == name]


def test_a_dotted_abbreviation_is_a_name(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews: "U.S." is one token with no letter-only part; it was dropped as a number
    a = analyse_text("Since Prince Mohammed arrived in the U.S. two weeks ago, the "
                     "administration has green-lighted arms sales.")
    (us,) = [e for e in a.entities if any(m.text == "U.S." for m in e.mentions)]
    assert us.type == "PLACE"
    assert any(p.entity == us.id and p.country == "US" for p in a.places)


def test_a_state_abbreviation_is_the_state_it_abbreviates(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL (AP): one state, whether written out or abbreviated
    a = analyse_text("CARTHAGE, N.C. (AP) - Investigators are looking into a shooting in this "
                     "small town about 60 miles southwest of Raleigh in North Carolina's "
                     "Sandhills region.")
    states = [e for e in a.entities if e.type == "PLACE"
              and {"N.C.", "North Carolina"} & {m.text for m in e.mentions}]
    assert len(states) == 1


def test_words_around_a_name_that_only_a_place_takes(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL: residences after a person or an age, and a bearing
    a = analyse_text("Steven Sachs of Alexandria was driving a Mazda and James Tauber of "
                     "Nelson was driving a Dodge Caravan. Rebecca Sears, 41, of Grovetown, was "
                     "charged. The town is about 60 miles southwest of Raleigh.")
    for name in ("Alexandria", "Nelson", "Grovetown", "Raleigh"):
        (entity,) = _named(a, name)
        assert entity.type == "PLACE", name
    assert _named(a, "Mazda")[0].type == "ORG"


def test_a_lone_town_the_model_calls_a_person(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL: no person of the story bears the name, and the gazetteer knows the city
    a = analyse_text("\u201cIt\u2019s about protecting Gainesville as an inclusive, welcoming "
                     "city,\u201d she said.")
    assert _named(a, "Gainesville")[0].type == "PLACE"
    # PolNeAR: a public figure's surname stays the person's
    b = analyse_text("And whether it's Clinton or Trump, this is going to be the number one "
                     "issue.")
    assert _named(b, "Clinton")[0].type == "PERSON"


def test_a_surname_typed_as_a_place_joins_its_person(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews (a London murder trial)
    a = analyse_text("The alleged killers Mohammed Tawfik, 19, and Kylann Grannum, 21, were "
                     "helped by a 17-year-old boy. The prosecutor said Tawfik and Grannum were "
                     "linked with HRB. Grannum\u2019s girlfriend Kathleen Peddar, 21, is on "
                     "trial.")
    assert not [e for e in a.entities if e.type == "PLACE" and "Grannum" in e.name]
    (person,) = [e for e in a.entities if e.name == "Kylann Grannum"]
    assert len(person.mentions) >= 2


def test_a_surname_after_from_or_that_a_town_bears_is_the_person(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR (HuffPost, 2016-09-20): "from" takes people as well as places, and a town of
    # that name (Clinton, Iowa) is no reason to read the candidate as a place
    a = analyse_text("In a statement issued Tuesday morning, presidential nominee Hillary "
                     "Clinton was more circumspect than her fellow Democrats on the banking "
                     "committee. This post has been updated with comment from Clinton as "
                     "well as additional information from the hearing.")
    assert not [e for e in a.entities if e.type == "PLACE" and e.name == "Clinton"]
    (clinton,) = _named(a, "Hillary Clinton")
    assert clinton.type == "PERSON" and [m.text for m in clinton.mentions][-1] == "Clinton"
    # PolNeAR (2016-09-27): Garland, Texas, is a city of 240,000
    b = analyse_text("The arguments will be heard by 10 judges rather than 11 because the "
                     "court\u2019s chief judge, Merrick Garland, has recused himself from the "
                     "case. Garland is Obama\u2019s nominee to replace Scalia.")
    assert not [e for e in b.entities if e.type == "PLACE"]
    # a person's surname after a word only places take stays the place: "in Jackson"
    c = analyse_text("Janet Jackson sang on Saturday. Fans queued for hours in Jackson, "
                     "where the tour ended.")
    assert [e for e in c.entities if e.type == "PLACE" and e.name == "Jackson"]


def test_a_name_before_a_base_a_crossing_or_a_checkpoint_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # CASE 2021 snippets 881 and 969 (the model calls both names people)
    a = analyse_text("Eyewitness said five mortar shells hit residential areas near Halane "
                     "base that is adjacent to Mogadishu international airport, housing AMISOM "
                     "troops.")
    assert _named(a, "Halane")[0].type == "PLACE"
    b = analyse_text("The sources said that the Kurdish fighters clashed with the "
                     "SDF-affiliated Raqqa Thowar Brigade, whose members are mainly from Raqqa, "
                     "at al-Asadiyeh checkpoint near Hatin Farm in Raqqa province.")
    assert _named(b, "al-Asadiyeh")[0].type == "PLACE"
    c = analyse_text("Iraqi security forces withdrew today [Sunday] from the Walid crossing in "
                     "Iraq's far west, a matter that allowed Daesh elements to seize it without "
                     "resistance")
    assert _named(c, "Walid")[0].type == "PLACE"


def test_a_name_after_a_compass_adjective_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews 17 (the fall of Douma, 2018): the model calls "Ghouta" an organisation in
    # every mention, and the gazetteer does not know it
    a = analyse_text("The army command said military operations were continuing in the "
                     "outskirts of the city of Douma, controlled by the Jaish al-Islam rebel "
                     "group, the last patch of eastern Ghouta still held by insurgents. "
                     "President Assad said recently securing eastern Ghouta had foiled plots by "
                     "his foreign enemies to topple him.")
    assert _named(a, "Ghouta")[0].type == "PLACE"


def test_an_apostrophe_name_is_one_surname(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Police Commissioner James O\u2019Neill spoke on Sunday. \u201cThe exact "
                     "cause of the explosion has not been determined,\u201d said O'Neill.")
    people = [e for e in a.entities if e.type == "PERSON" and "Neill" in e.name]
    assert len(people) == 1 and len(people[0].mentions) == 2


def test_a_role_before_a_name_makes_a_person(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL: Ripley is also a town of West Virginia
    a = analyse_text("\"Krautkremer's win was especially sweet,\" states coach Ripley.")
    assert next(e for e in a.entities if e.name == "Ripley").type == "PERSON"


def test_a_bare_bearing_is_no_place_entity(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL: "North" is the part of Kansas City, not a place of its own to resolve
    a = analyse_text("Man charged in brazen purse-snatching in Kansas City, North. Bond for "
                     "Todd D. Kresin, 38, was set at $25,000.")
    assert not [e for e in a.entities if e.type == "PLACE" and e.name == "North"]
    assert any(e.type == "PLACE" and "Kansas City" in {m.text for m in e.mentions}
               for e in a.entities)



def test_a_town_before_its_police_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL (a Connecticut paper): the model calls Danbury, a city of 80,000, an organisation
    a = analyse_text("Gomez, a native of Mexico, was arrested by Danbury police on Monday night "
                     "and brought to New Milford authorities, where he was charged with "
                     "first-degree sexual assault.")
    assert [e.type for e in a.entities if e.name == "Danbury"] == ["PLACE"]


def test_a_city_the_model_labels_a_nationality_is_a_place(analyzer) -> None:  # type: ignore[no-untyped-def]
    """GeoWebNews 153: the small model labels "Tunis" a nationality in "In a visit to Tunis
    on 1 February" and "authorities in Tunis"; the capital's gazetteer prior and the
    preposition make it a place. "Tunisian", a people's word, stays no place of its own."""
    from pathlib import Path

    from newsledger.records import Document

    path = Path(__file__).resolve().parents[1] / "data" / "news" / "gwn-153.txt"
    text = path.read_text(encoding="utf-8")
    analysis = analyzer.analyze(Document(id="gwn-153", source="gwn-153", text=text))
    tunis = entity_named(analysis, "Tunis")
    assert tunis.type == "PLACE"
    assert len(tunis.mentions) >= 2
    place = next(p for p in analysis.places if p.entity == tunis.id)
    assert (place.country, place.precision) == ("TN", "locality")
    assert not any(e.name == "Tunisian" and e.type == "PLACE" for e in analysis.entities)


def test_a_name_followed_by_its_state_is_a_place(analyzer) -> None:  # type: ignore[no-untyped-def]
    """GeoWebNews 57: the small model takes "Klamath Falls" for a person in "In Klamath Falls,
    Oregon, a brewery makes use of the heat"; a town of that name followed by the state it
    lies in is a place. "Kate Brown, Oregon's governor" would be no such pair."""
    from pathlib import Path

    from newsledger.records import Document

    path = Path(__file__).resolve().parents[1] / "data" / "news" / "gwn-057.txt"
    text = path.read_text(encoding="utf-8")
    analysis = analyzer.analyze(Document(id="gwn-057", source="gwn-057", text=text))
    klamath = entity_named(analysis, "Klamath Falls")
    assert klamath.type == "PLACE"
    place = next(p for p in analysis.places if p.entity == klamath.id)
    assert (place.country, place.admin1) == ("US", "Oregon")


def test_a_surname_before_a_state_that_goes_on_is_no_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """"Collins, Maine senator since 1997" and "Brown, Oregon's governor": the state modifies
    the noun after it, so it is no parent of the name before it, and the names (towns too,
    in the gazetteer) stay people."""
    a = analyse_text("Senator Susan Collins said the bill would pass. Collins, Maine senator "
                     "since 1997, voted for it. Governor Kate Brown disagreed. Brown, Oregon's "
                     "governor, said so on Monday.")
    assert not any(e.type == "PLACE" and e.name in {"Collins", "Brown"} for e in a.entities)


def test_a_sea_named_after_a_country_is_no_country(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """CASE 2021 snippet 190 (test set, gold ABDUCT_DISSAP): pirates take a ship's crew "in
    the Gulf of Guinea off the coast of Nigeria". The Gulf is a sea, not the actor Guinea
    named after its "of", so the abduction is placed in Nigeria, not in Guinea."""
    text = ("As a result of a pirate attack on the Curacao Trader ship in the Gulf of Guinea "
            "off the coast of Nigeria, 13 out of 19 crew members have been abducted, there "
            "are four Ukrainian citizens among the captured sailors, the Ministry of Foreign "
            "Affairs of Ukraine reported.")
    a = analyse_text(text, published="2020-07-18T10:00:00")
    gulf = next(e for e in a.entities if any(m.text == "Gulf of Guinea" for m in e.mentions))
    assert gulf.name == "Gulf of Guinea" and gulf.kb_id != "cameo:GIN:GUINEA"
    places = {p.id: p for p in a.places}
    assert {places[e.place].country for e in a.events if e.place} == {"NG"}


def test_a_name_before_and_other_towns_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # GeoWebNews 1 (Turkey's offensive on Afrin, 2018): the model calls "Qamishli" an
    # organisation, and the gazetteer knows it only by an alternate name
    a = analyse_text("Nureddine Mehmud says Turkey fired on Qamishli and other towns along the "
                     "Syrian-Turkish border on Tuesday, wounding several civilians.")
    assert _named(a, "Qamishli")[0].type == "PLACE"


def test_names_listed_after_islands_of_are_places(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # CASE 2021 snippet 464 (the Sunda Strait tsunami): the model calls "Java" a person
    a = analyse_text("A tsunami killed at least 43 people on the Indonesian islands of Java and "
                     "Sumatra and injured hundreds following an underwater landslide caused by a "
                     "volcanic eruption, the disaster mitigation agency said on Sunday")
    assert _named(a, "Java")[0].type == "PLACE"


def test_an_epithet_names_the_person_just_before_it_only(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR (New York Times and Washington Post, 2016): "known as" after a group or a
    # country names that, not the last person the article named
    a = analyse_text("He said he did not mention Russia's suspected ties to the hacking of Mr. "
                     "Powell's emails in the segment I watched last week. (Security experts in "
                     "the United States have linked the breach to a notorious Russian military "
                     "hacking group known as Fancy Bear.)")
    assert not [e for e in a.entities if {"Powell", "Fancy Bear"} <= {m.text for m in e.mentions}]
    b = analyse_text("But unlike in Cuba or Iran, President Obama's decision to jump-start "
                     "dormant U.S. relations with the long-isolated Southeast Asian nation in "
                     "2011 received critical support from Republican leaders. And the burgeoning "
                     "democratic transition in Burma, also known as Myanmar, away from a "
                     "half-century of brutal military rule could represent a rare bipartisan "
                     "success story.")
    assert not [e for e in b.entities if {"Obama", "Myanmar"} <= {m.text for m in e.mentions}]
    assert [e for e in b.entities if e.name == "Obama" and e.type == "PERSON"]


def test_a_hyphenated_name_after_in_is_a_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # Polygraph.info on al-Tanf (2019; a development gold article): the model calls the
    # hyphenated "al-Tanf" a person in every mention
    a = analyse_text("The U.S. will keep its military base in al-Tanf after American troops "
                     "leave Syria under President Donald Trump's announcement last month. Iran, "
                     "Russia and Syria have been pressuring the U.S. to leave al-Tanf, in order "
                     "to open up a route for Iranian military aid to Syrian government forces. "
                     "The U.S. base in al-Tanf has been the target of a Russian disinformation "
                     "campaign. The U.S. military in al-Tanf reportedly has been training the "
                     "Syrian opposition forces.")
    assert _named(a, "al-Tanf")[0].type == "PLACE"


def test_a_facility_named_after_a_body_is_an_organisation(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL 397 (Paris, Illinois, 2009): the model labels the sheriff's department a facility;
    # the county named in it is still a place
    a = analyse_text("A young woman accused of driving the vehicle that killed Terry A. Corbin "
                     "in a hit-and-run accident made her first court appearance Thursday "
                     "morning. Ashley L. Evans, 26, of Paris, was in the custody of the Edgar "
                     "County Sheriff\u2019s Department for an appearance before Judge David W. "
                     "Lewis.")
    department = [e for e in a.entities if e.name.startswith("Edgar County Sheriff")]
    assert department and department[0].type == "ORG"
    assert [e for e in a.entities if e.name == "Edgar County" and e.type == "PLACE"]


def test_an_epithet_after_an_organisation_is_not_a_person_s(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # LGL (an Oxford Mail court report, 2009): "formerly known as" names the agency
    a = analyse_text("Pauline Munene, 49, used a fake Kenyan passport to gain work with Chrysalis "
                     "Community Care, formerly known as Blue Arrow, while living in Gladstone "
                     "Road, Headington, Oxford.")
    assert not [e for e in a.entities
                if {"Pauline Munene", "Blue Arrow"} <= {m.text for m in e.mentions}]


def test_a_group_noun_opening_a_sentence_is_no_name(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # CASE 2021 snippet 745 (Beirut, 14 December 2019): the model took "Riot" for a person
    a = analyse_text("Riot police officers beat an anti-government protester during a protest "
                     "near the parliament square in downtown Beirut, Lebanon, Saturday, Dec. 14, "
                     "2019.")
    assert not [e for e in a.entities if e.name == "Riot"]
    assert not [e for e in a.entities if e.type == "PERSON"]
