"""Incidents: the sentences of one incident are one event; distinct places stay apart."""

from __future__ import annotations

from pathlib import Path

from tests.record_lookup import place_name


def test_one_incident_told_in_several_sentences_is_one_event(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "A bomb exploded in a crowded market in Kirkuk on Tuesday, killing seven people. "
        "The blast also wounded 20 others, police said. "
        "Witnesses said the explosion shattered windows across the street.")
    violent = [e for e in a.events if e.type in {"REM_EXPLOS", "SUIC_BOMB", "ATTACK"}]
    assert len(violent) == 1
    assert len(violent[0].mentions) >= 2
    assert {f.kind for f in violent[0].figures} >= {"killed", "wounded"}


def test_incidents_in_different_places_stay_apart(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(
        "A gunman killed eight people at a nursing home in Carthage, North Carolina, on Sunday. "
        "Earlier this month a man shot dead ten people in Geneva, Alabama.")
    shootings = [e for e in a.events if e.type == "ATTACK"]
    assert len(shootings) == 2
    assert len({e.place for e in shootings}) == 2


def test_a_shooting_in_another_town_is_not_joined_to_the_storys_own(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """The first shooting has no place of its own (it is the story's, Charlotte's); the
    second is told with a town 1,500 km away: two incidents, not one placed in Tulsa."""
    a = analyse_text(
        "Charlotte was calm on Saturday after four nights of protests in the city. "
        "The wife of a man fatally shot by police recorded video of the encounter. "
        "An officer in Tulsa, Oklahoma, shot and killed Terence Crutcher, who was unarmed.")
    shootings = [e for e in a.events if e.type == "ATTACK"]
    assert len(shootings) == 2
    towns = {place_name(a, e.place) for e in shootings}
    assert any("Charlotte" in t for t in towns) and any("Tulsa" in t for t in towns)


def test_a_person_shot_dead_is_a_death_not_also_a_wound(analyse_text) -> None:  # type: ignore[no-untyped-def]
    text = (Path(__file__).parent.parent / "data" / "news" / "gwn-062.txt").read_text(
        encoding="utf-8")
    a = analyse_text(text, published=None)
    figures = [f for v in a.events for f in v.figures]
    assert any(f.kind == "killed" and f.count == 1 for f in figures)
    assert not [f for f in figures if f.kind == "wounded"]  # "Mohanna was shot": she died


def test_an_incident_the_sentence_compares_its_own_with_is_another(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """LGL (lgl.xml, the Carthage nursing-home shooting): "happened just weeks after a man
    killed 10 people ... in Alabama" tells of another shooting, with its own place and toll."""
    a = analyse_text(
        "Investigators are looking into whether a gunman accused of killing eight people in a "
        "North Carolina nursing home may have targeted the facility because his estranged wife "
        "worked there, police said Monday. "
        "Authorities said Robert Stewart, 45, went on a terrifying rampage in the Pinelake "
        "Health and Rehab center on Sunday morning, killing seven residents and a nurse and "
        "wounding three others. Sunday's rampage happened just weeks after a man killed 10 "
        "people, including his mother and several other relatives, in the worst mass shooting "
        "in Alabama's history on March 10.", published="2009-03-30")
    shootings = [e for e in a.events if e.type == "ATTACK"]
    assert len(shootings) == 2
    places = {place_name(a, e.place) for e in shootings}
    assert "Alabama" in places and len(places) == 2
    alabama = next(e for e in shootings if place_name(a, e.place) == "Alabama")
    assert [f.count for f in alabama.figures if f.kind == "killed"] == [10]
    assert alabama.time is not None and alabama.time.start == "2009-03-10"


def test_a_killing_that_a_shooting_comes_after_is_its_own_incident(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """GeoWebNews (GWN.xml, a Brooklyn police shooting)."""
    a = analyse_text(
        "Police officers responding to reports of a man threatening people with a gun on "
        "Wednesday fatally shot a man carrying a metal pipe, mistaking it for a firearm, police "
        "said. It happened just before 5 p.m. in the Crown Heights neighborhood of Brooklyn "
        "after three 911 callers said a \u201cman was pointing a silver firearm at people on "
        "the street.\u201d The shooting comes after the police killing "
        "of an unarmed black man on March 18 in Sacramento, California, sparked two weeks of "
        "protests and calls for police reform.", published="2018-04-05")
    shootings = [e for e in a.events if e.type == "ATTACK"]
    places = sorted(place_name(a, e.place) or "" for e in shootings)
    assert len(shootings) == 2 and "Sacramento" in places


def test_a_blame_for_the_incident_is_one_of_its_reports(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """GeoWebNews (GWN.xml, the Skripal poisoning): the accusation is a claim about the
    poisoning, not an event beside it, and it gives the incident its town."""
    a = analyse_text(
        "The Latest on the nerve agent poisoning of a former Russian spy and his daughter in "
        "Britain.\n\nBritain accuses Russia of involvement in the poisoning of a former Russian "
        "double agent and his daughter in the English city of Salisbury, which Russia heatedly "
        "denies.", published="2018-03-31")
    assert [e.type for e in a.events] == ["CHEM_WEAP"]
    poisoning = a.events[0]
    assert len(poisoning.mentions) == 2
    assert place_name(a, poisoning.place) == "Salisbury"


def test_one_deal_told_twice_is_one_event(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """The extraction benchmark's report of the Kabul hostage swap (ground-truth.json)."""
    a = analyse_text(
        "Two hostages — an American and an Australian — who had been held by the Taliban in "
        "Afghanistan since 2016 were released Tuesday in a prisoner swap for three "
        "high-ranking insurgents.\n\nTheir release came hours after the Afghan government "
        "freed three Taliban prisoners and sent them to Qatar.",
        published="2019-11-19T09:20:50+00:00")
    deals = [e for e in a.events if e.type == "AGREEMENT"]
    assert len(deals) == 1 and len(deals[0].mentions) == 2


def test_an_incident_takes_the_day_a_later_report_of_it_was_told_on(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """GeoWebNews 148, dated: the lead has no day ("no later than publication"); the attack's
    later sentences follow "On Wednesday" (April 4), a narrower window than the lead's."""
    text = (Path(__file__).parent.parent / "data" / "news" / "gwn-148.txt").read_text(
        encoding="utf-8")
    a = analyse_text(text, published="2018-04-06")
    attack = next(e for e in a.events if e.type == "ATTACK")
    assert attack.time is not None
    assert (attack.time.start, attack.time.end) == ("2018-04-04", "2018-04-04")


def test_a_demonstration_takes_acled_s_order_over_its_reports() -> None:
    """Three sentences tell a march and one tells stones thrown at police: the one
    demonstration is a riot (ACLED: the demonstrators' violence decides), however much
    weight the peaceful reports have; a report under the confidence bar does not count."""
    from newsledger.events.incidents import PROTEST_SURE, merge_incidents
    from newsledger.records import CharSpan, Event

    def told(n: int, kind: str, confidence: float) -> Event:
        return Event(id=f"V{n}", type=kind, plover="PROTEST",
                     evidence=CharSpan(n * 100, n * 100 + 90), confidence=confidence)

    march = [told(n, "PEACE_PROTEST", 0.9) for n in range(3)]
    merged = merge_incidents([*march, told(3, "VIOL_DEMONSTR", 0.6)], [])
    assert [e.type for e in merged] == ["VIOL_DEMONSTR"]
    merged = merge_incidents([*march, told(3, "VIOL_DEMONSTR", PROTEST_SURE - 0.1)], [])
    assert [e.type for e in merged] == ["PEACE_PROTEST"]
    merged = merge_incidents([*march, told(3, "PROTEST_WITH_INTER", 0.7)], [])
    assert [e.type for e in merged] == ["PROTEST_WITH_INTER"]


def test_an_incident_told_by_a_year_long_past_is_history_not_the_story_s_own(analyse_text) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR (USA Today op-ed, 2016-09-22): last weekend's bombings and the attacks of
    # 1993 and 2000 it recalls
    a = analyse_text(
        "Last weekend, America once again experienced attacks upon our shores. The resilient "
        "people of New Jersey and New York became the intended targets of hate-fueled terror. "
        "The 29 New Yorkers wounded by a bomb and the two New Jersey police officers shot by "
        "the alleged terrorist were innocent bystanders struck by radical Islamic terrorism. "
        "We have been here before: Osama bin Laden declared war on the United States. In "
        "1993, radical Islamists bombed the World Trade Center. In 2000, they attacked the "
        "USS Cole, killing 17 American sailors.", published="2016-09-22")
    wounded = [e for e in a.events if any(f.kind == "wounded" and f.count == 29
                                          for f in e.figures)]
    assert len(wounded) == 1
    assert not any(f.count == 17 for f in wounded[0].figures)
    assert wounded[0].time is None or not (wounded[0].time.start or "").startswith("2000")
    cole = [e for e in a.events if any(f.kind == "killed" and f.count == 17 for f in e.figures)]
    assert cole and cole[0].time is not None and cole[0].time.start == "2000-01-01"
