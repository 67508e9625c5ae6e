"""Events on the seed: types, actors, place, resolved time, claim."""

from __future__ import annotations

from pathlib import Path

from newsledger.records import Analysis, Event
from tests.record_lookup import name_of

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


def _place(a: Analysis, v: Event) -> str | None:
    """The place as the text names it (the entity), not the gazetteer's name for it."""
    return next((name_of(a, p.entity) for p in a.places if p.id == v.place), None)


def _speaker(a: Analysis, v: Event) -> str | None:
    claim = next((c for c in a.claims if c.id == v.claim), None)
    return name_of(a, claim.speaker) if claim else None


def _by_speaker(a: Analysis, speaker: str) -> Event:
    return next(v for v in a.events if _speaker(a, v) == speaker)


def test_the_place_is_where_the_fighting_is_not_where_it_came_from(seed: Analysis) -> None:
    clash = _by_speaker(seed, "Fahim Dashti")
    assert clash.type == "ARMED_CLASH" and clash.plover == "ASSAULT"
    assert _place(seed, clash) == "Khawak"
    assert "Taliban" in [name_of(seed, e) for e in clash.actors]
    assert "resistance front" in [name_of(seed, e) for e in clash.targets]


def test_duration_back_from_publication_is_the_time_window(seed: Analysis) -> None:
    clash = _by_speaker(seed, "Fahim Dashti")
    assert clash.time is not None
    assert (clash.time.start, clash.time.end) == ("2021-09-01T21:43:00", "2021-09-03T13:43:00")
    assert clash.time.text and "40 hours" in clash.time.text


def test_fighting_between_two_sides_has_both_as_actors(seed: Analysis) -> None:
    clash = _by_speaker(seed, "Al Arabiya")
    assert clash.type == "ARMED_CLASH"
    assert {name_of(seed, e) for e in clash.actors} == {"Taliban", "resistance front"}
    assert _place(seed, clash) == "Panjshir"
    assert clash.time is not None and clash.time.start == "2021-09-03"


def test_joining_is_a_change_to_the_group_claimed_by_its_speaker(seed: Analysis) -> None:
    joined = _by_speaker(seed, "Ahmad Massoud")
    assert joined.type == "CHANGE_TO_GROUP_ACT"
    assert "Al-Qaeda" in [name_of(seed, e) for e in joined.actors]


def test_a_trigger_inside_another_trigger_is_context(seed: Analysis) -> None:
    """'joined the Taliban in the group's offensive' is one event, not a clash besides."""
    massoud = [v for v in seed.events if _speaker(seed, v) == "Ahmad Massoud"]
    assert len(massoud) == 1


def test_restrictions_without_a_place_fall_back_to_the_main_place(seed: Analysis) -> None:
    cut = next(v for v in seed.events
               if "telephone" in seed.document.text[v.evidence.start:v.evidence.end])
    assert cut.type == "CHANGE_TO_GROUP_ACT" and cut.plover == "COERCE"
    assert _place(seed, cut) == "Panjshir"
    # "... after the insurgent group took over Afghanistan ... in mid-August": that clause's
    # time, not the cut's, which is no later than the publication day
    assert cut.time is not None and cut.time.text is None and cut.time.end == "2021-09-03"


def _only_event(a: Analysis) -> Event:
    assert len(a.events) == 1, a.events
    return a.events[0]


def test_groups_named_by_what_they_are_are_actors(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Clashes between Houthi rebels and government forces in Marib killed "
                     "dozens of fighters.", published="2022-03-01")
    clash = _only_event(a)
    assert clash.type == "ARMED_CLASH"
    assert {name_of(a, e) for e in clash.actors} == {"Houthis", "government forces"}
    assert _place(a, clash) == "Marib"


def test_struck_from_the_air_is_an_air_strike_not_a_labour_strike(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Israeli warplanes struck targets in Gaza overnight, the Israel Defense "
                     "Forces said.", published="2022-03-01")
    strike = _only_event(a)
    assert strike.type == "AIR_STRIKE" and strike.plover == "ASSAULT"
    assert strike.time is not None and strike.time.end == "2022-03-01"


def test_shelling_with_its_actor_day_and_toll(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Russian forces shelled Kharkiv on Tuesday, killing at least 12 "
                     "civilians, Ukrainian officials said.", published="2022-03-01")
    shelling = _only_event(a)
    assert shelling.type == "ART_MISS_ATTACK"
    (actor,) = [e for e in a.entities if e.id in shelling.actors]
    assert actor.name == "Russian Armed Forces"  # "Russian forces", canonical in the actor base
    assert actor.kb_id is not None and actor.kb_id.startswith("cameo:RUSMIL")
    assert shelling.time is not None and shelling.time.start == "2022-03-01"  # a Tuesday
    (killed,) = shelling.figures
    assert (killed.kind, killed.low, killed.high) == ("killed", 12, None)


def test_workers_on_strike_are_a_protest(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Thousands of dock workers went on strike in Antwerp on Monday.",
                     published="2022-03-01")
    assert [v.type for v in a.events] == ["PEACE_PROTEST"]


def test_it_as_the_subject_is_the_group_named_before(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The Syrian army said it had recaptured the town of Maaloula on Sunday.",
                     published="2021-05-07")
    regain = _only_event(a)
    assert regain.type == "GOV_REGAINS_TERIT"
    assert [name_of(a, e) for e in regain.actors] == ["Syrian Arab Army"]


# Actors of real CASE 2021 snippets (some place names are the task's fictional ones).


def _parties(a: Analysis, v: Event) -> tuple[list[str | None], list[str | None]]:
    return [name_of(a, x) for x in v.actors], [name_of(a, x) for x in v.targets]


def test_a_toll_s_verb_gives_its_actor_and_target(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Security forces in Siverskiy's Nebreda regional state have killed 219 suspected Oromo "
        "Liberation Army (OLA) rebels, an Ethiopian official said on Wednesday.")
    (event,) = a.events
    actors, targets = _parties(a, event)
    assert "Security forces" in actors and targets == ["Oromo Liberation Army"]
    assert [(f.kind, f.count) for f in event.figures] == [("killed", 219)]


def test_conjoined_verbs_share_their_subject(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Human Rights Watch (HRW) has said in a report that Kenyan security forces raped, beat "
        "and assaulted civilians during the recent election turmoil across the East African "
        "country.")
    event = next(v for v in a.events if v.type in {"ATTACK", "SEX_VIOL"})
    assert _parties(a, event) == (["Kenyan security forces"], ["civilians"])


def test_arms_and_people_named_by_whose_they_are(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "The US warplanes pounded the village of Kashkash in the Southern parts of al-Shadadi "
        "city in Southern Hasaka, killing 6 civilians, including 2 women.")
    strike = next(v for v in a.events if v.type == "AIR_STRIKE")
    assert _parties(a, strike)[0] == ["US warplanes"]
    a = analyse_text("Officers brutally attacked and injured a peaceful student demonstration "
                     "held January 30 in the Indian capital.")
    assert _parties(a, a.events[0])[0] == ["Officers"]


def test_the_deed_s_own_date_wins_over_the_reporting_day(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("King and Weeks were abducted by gunmen in the heart of Kabul in August "
                     "2016, officials said on Tuesday.", published="2019-11-19")
    event = next(v for v in a.events if v.type == "ABDUCT_DISSAP")
    assert event.time is not None
    assert (event.time.start, event.time.end, event.time.precision) == (
        "2016-08-01", "2016-08-31", "month")


def test_a_country_that_shells_is_the_doer(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "A Kurdish militia spokesman says Turkey has shelled a city in northeastern Syria as "
        "Turkish forces press into a Syrian Kurdish enclave for the fourth straight day.")
    shelling = next(v for v in a.events if v.type in {"ART_MISS_ATTACK", "ARMED_CLASH"})
    assert "Turkey" in [name_of(a, e) for e in shelling.actors]


def test_a_country_named_only_as_a_place_is_no_party(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Gunmen shot dead three farmers in a village in Nigeria on Sunday.")
    attack = next(v for v in a.events if v.type == "ATTACK")
    assert "Nigeria" not in [name_of(a, e) for e in attack.actors + attack.targets]


def test_the_victim_of_a_nominal_attack_is_its_target(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Authorities announced on Friday the arrest of a man in the fatal shooting "
                     "of a demonstrator.")
    arrest = next(v for v in a.events if v.type == "ARREST")
    assert [name_of(a, e) for e in arrest.targets] == ["men"]  # a GROUP: "a man"


def test_marchers_who_set_off_on_a_march_are_its_actors(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "Li and a small group of supporters set off Wednesday on a march from Beijing to the "
        "detention centre in the northeastern city of Tianjin.")
    march = next(v for v in a.events if v.type == "PEACE_PROTEST")
    assert {"Li", "supporters"} & {name_of(a, e) for e in march.actors}


def test_those_who_led_a_march_are_found_through_the_relative_pronoun(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "The lawmakers were among the three leaders of the Peoples Democratic Party who led a "
        "protest march to the headquarters of the Independent National Electoral Commission.")
    march = next(v for v in a.events if "PROTEST" in v.type)
    assert "Peoples Democratic Party" in [name_of(a, e) for e in march.actors]


def test_a_victims_home_county_places_the_attack_without_another_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The wounding of a Columbia County woman charged in the beating death of a "
                     "neighbor was staged, investigators said Monday.")
    attack = next(v for v in a.events if v.type == "ATTACK")
    place = next(p for p in a.places if p.id == attack.place)
    assert "Columbia" in place.name


def test_a_past_arrest_reported_in_the_present_is_not_dated_to_publication(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The Chronicle says he was arrested a block away after employees of a car "
                     "dealership said he tried to steal a van.", published="2019-11-20T05:57:50")
    arrest = next(v for v in a.events if v.type == "ARREST")
    assert arrest.time is not None
    assert (arrest.time.start, arrest.time.end) == (None, "2019-11-20")  # no later than


def test_a_toll_told_alone_in_a_fire_report_is_the_fires(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """LGL article 84: firefighters hurt at a house fire are casualties of the fire, not of
    an attack made up from their toll."""
    a = analyse_text(
        "TORRINGTON — A fire destroyed the roof of a Main Street multi-family home Tuesday, "
        "displacing the tenants and injuring some firefighters. No residents were injured. The "
        "Torrington Fire Department responded to the call of a kitchen fire around 12:30 p.m. "
        "at 775 Main St., near the intersection of Dawes Street. A total of 18 people live in "
        "the six-apartment building, and all evacuated safely, building owner Buzz Ebner said. "
        "Firefighters battled the incident throughout the entire afternoon and were on the "
        "scene as late as 10:30 p.m. A rehab station was set up outside of the house for "
        "firefighters to recuperate and check their blood pressure, said Litchfield Fire Chief "
        "Jim Koser. A few firefighters sustained minor injuries, but nothing too major "
        "occurred, Tharau said.")
    occurred = [v for v in a.events if v.status == "occurred"]
    assert not [v for v in occurred if v.type == "ATTACK"]
    fire = next(v for v in occurred if v.type == "MAN_MADE_DISASTER")
    assert any(f.kind == "wounded" and "few firefighters" in f.text for f in fire.figures)


def test_blame_without_an_incident_is_no_claim_of_responsibility(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """Development sentences: ATTRIB is blame for an attack or a disaster."""
    duty = analyse_text("State prison officials said Mixon's parole officer was responsible "
                        "for 70 parolees.")
    assert not [v for v in duty.events if v.type == "ATTRIB"]
    meddling = analyse_text("China's ambassador to Britain accused the UK and the US of "
                            "meddling in the country's affairs.")
    assert not [v for v in meddling.events if v.type == "ATTRIB"]
    poisoning = analyse_text("Britain accuses Russia of involvement in the poisoning of a "
                             "former Russian double agent and his daughter.")
    assert [v.type for v in poisoning.events if v.type == "ATTRIB"] == ["ATTRIB"]


BART = (  # the extraction benchmark's BART stabbing report (ground-truth.json)
    "Authorities say a stabbing that killed a passenger on a San Francisco Bay Area commuter "
    "train may have occurred after the attacker tried to steal another rider’s shoes.\n\n"
    "The fight broke out Tuesday afternoon on a BART train pulling into a station in Hayward."
    "\n\nThe San Francisco Chronicle says police are looking into whether the victim was a "
    "good Samaritan who tried to stop the suspect from stealing items from another person, "
    "possibly shoes.\n\nThe man ran from the station. The Chronicle says he was arrested a "
    "block away after employees of a car dealership said he tried to steal a van.")


def test_an_undated_past_event_shares_the_day_the_story_has_reached(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(BART, published="2019-11-20T05:57:50+00:00")
    arrest = next(e for e in a.events if e.type == "ARREST")
    assert arrest.time is not None
    assert (arrest.time.start, arrest.time.end) == ("2019-11-19", "2019-11-19")
    assert arrest.time.text is None  # inferred, not stated


def test_he_is_the_person_last_described(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(BART, published="2019-11-20T05:57:50+00:00")
    arrest = next(e for e in a.events if e.type == "ARREST")
    described = [m.text for e in a.entities if e.id in arrest.targets for m in e.mentions]
    assert "The man" in described


def test_a_country_whose_event_noun_it_is_is_its_actor(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """PolNeAR (wash-post 2016-09-10, North Korea's nuclear test): the trigger "missile" is a
    modifier of "test", whose possessor is the state that made it."""
    a = analyse_text("North Korea's fifth missile test, its second this year, reflects the "
                     "stepped-up pace of its nuclear missile program.", published="2016-09-10")
    actors = {name_of(a, x) for e in a.events for x in e.actors}
    assert any(name and "Korea" in name for name in actors)


def test_protests_a_shooting_sparked_are_the_protesters_not_the_shooters(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """PolNeAR (wash-post 2016-09-26, Charlotte): the subject of "sparked" caused the
    protests and took no part in them; the protests are the protesters' the story names."""
    a = analyse_text(
        "CHARLOTTE - Nearly a week after the police shooting of a black man here sparked "
        "sometimes violent protests, the Queen City remains in a state of limbo.\n\nSmall "
        "groups of protesters continued to call for more information about the fatal shooting "
        "of Keith Lamont Scott, looping the streets around Bank of America Stadium - where the "
        "National Football League's Charlotte Panthers played the Minnesota Vikings - while "
        "chanting, \"Hands up, don't shoot.\"", published="2016-09-26")
    protests = [e for e in a.events if e.type in {"VIOL_DEMONSTR", "PEACE_PROTEST",
                                                  "PROTEST_WITH_INTER"}]
    assert protests
    for e in protests:
        assert "police" not in {name_of(a, x) for x in e.actors}
    assert any("protesters" in {name_of(a, x) for x in e.actors} for e in protests)


def test_the_deed_of_an_arrest_is_an_incident_of_its_own(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """PolNeAR (wash-post 2016-09-25, Charlotte): the shooting a man is arrested for is an
    attack with its own toll, not context of the arrest."""
    a = analyse_text(
        "Authorities announced on Friday the arrest of a man in the fatal shooting of a "
        "demonstrator during a clash between protesters and police.", published="2016-09-24")
    types = {e.type for e in a.events}
    assert {"ARREST", "ATTACK"} <= types
    attack = next(e for e in a.events if e.type == "ATTACK")
    assert [(f.kind, f.count) for f in attack.figures] == [("killed", 1)]


def test_those_an_event_noun_harmed_are_its_victims(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """PolNeAR (politico 2016-09-17, the Chelsea explosion): "injured ... by an explosion"."""
    a = analyse_text(
        "Twenty-nine people were injured tonight in a densely packed Chelsea neighborhood by "
        "an explosion that Mayor Bill de Blasio described as \u201can intentional act.\u201d",
        published="2016-09-17")
    blast = next(e for e in a.events if e.type in {"REM_EXPLOS", "MAN_MADE_DISASTER"})
    assert "people" in {name_of(a, x) for x in blast.targets}


def test_an_undated_text_is_read_from_the_last_day_it_states(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """GeoWebNews 148 has no publication date: "On Wednesday" is read from the police
    statement's "On April 4, 2018" (a Wednesday), and the attack and the arrest told after
    it took place that day."""
    text = (NEWS / "gwn-148.txt").read_text(encoding="utf-8")
    a = analyse_text(text, published=None)
    for kind in ("ATTACK", "ARREST"):
        event = next(e for e in a.events if e.type == kind)
        assert event.time is not None
        assert (event.time.start, event.time.end) == ("2018-04-04", "2018-04-04"), kind


def test_arrests_after_a_rally_are_the_protest_s_not_an_event_of_their_own(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """ACLED: protesters arrested after a rally are a protest with intervention; the rule
    that gives an arrest for a named deed its own event does not apply to a protest."""
    a = analyse_text("Police arrested dozens of demonstrators after the rally in the capital "
                     "on Sunday.", published="2021-05-07")
    assert "ARREST" not in {e.type for e in a.events}


def test_a_continent_or_a_region_of_several_countries_is_no_event_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Clashes in the Middle East killed 12 people on Monday, officials in "
                     "Europe said.")
    precisions = {p.name: p.precision for p in a.places}
    assert precisions == {"Middle East": "region", "Europe": "continent"}
    assert a.events and all(e.place is None for e in a.events)


def test_the_place_a_possessor_holds_is_the_event_s(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """CASE 2021 snippet 487: "abducted ... in Iran's Sistan-Baluchestan border with
    Pakistan". The country holds the province its noun names, and the province is the
    finer place; "Sistan-Baluchestan" is GeoNames' "Sistan and Baluchestan"."""
    a = analyse_text(
        "Fourteen Basij (volunteer forces) and border guard forces were abducted by terrorists "
        "on Monday morning in Iran's Sistan-Baluchestan border with Pakistan, an informed "
        "source said. The Islamic Revolution Guard Corps (IRGC) said in a statement Pakistan "
        "is expected to fight terrorists and outlaws who have nested along the borders and are "
        "propped up by some reactionary and terrorist regional counties")
    event = next(e for e in a.events if e.type == "ABDUCT_DISSAP")
    place = next(p for p in a.places if p.id == event.place)
    assert (place.precision, place.country) == ("admin1", "IR")
    assert place.admin1 == "Sīstān va Balūchestān"


def test_a_possessor_keeps_a_place_of_another_country(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """"in Turkey's Syria border region": the region is Turkey's, though it names Syria."""
    a = analyse_text("Two soldiers were killed in Turkey's Syria border region on Monday, the "
                     "army said.")
    event = next(e for e in a.events if e.place is not None)
    assert next(p for p in a.places if p.id == event.place).country == "TR"


def test_the_day_of_a_caption_dates_the_scene_it_describes(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """CASE 2021 snippet 745, a photo caption: "Riot police officers beat an anti-government
    protester during a protest near the parliament square in downtown Beirut, Lebanon,
    Saturday, Dec. 14, 2019." The day hangs on "beat", whose clause holds the protest: it
    dates the protest too, even in a text with no publication date."""
    a = analyse_text(
        "Riot police officers beat an anti-government protester during a protest near the "
        "parliament square in downtown Beirut, Lebanon, Saturday, Dec. 14, 2019.",
        published=None)
    assert a.events
    for event in a.events:
        assert event.time is not None
        assert (event.time.start, event.time.end) == ("2019-12-14", "2019-12-14")


def test_a_caption_whose_root_is_a_noun_is_dated_and_ends(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """A caption with no verb above its trigger ("Clashes between police and protesters who
    gathered in downtown Beirut, Lebanon, Saturday, Dec. 14, 2019."): the walk up from the
    trigger stops at the root (it once looped there for ever)."""
    a = analyse_text("Clashes between police and protesters who gathered in downtown Beirut, "
                     "Lebanon, Saturday, Dec. 14, 2019.", published=None)
    assert a.events
