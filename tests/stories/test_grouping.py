"""Grouping: explainable links, blocking that loses no joinable pair, pluggable similarity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import combinations

from newsledger.records import Analysis
from newsledger.stories.grouping import (
    Group,
    GroupingSettings,
    PairWords,
    _UnionFind,
    candidate_pairs,
    group,
    score_pair,
)
from newsledger.stories.items import flatten, normalise
from newsledger.stories.signals import actor_signal, distance_km, family, type_signal
from newsledger.stories.similarity import PairScorer, tfidf_similarity

NAMES = ["samangan-258", "samangan-617", "garissa-750", "garissa-962", "diyarbakir-46",
         "diyarbakir-843", "rukban-polygraph", "manbij-429", "baydha-835"]


def test_blocking_keeps_every_pair_that_would_join(
        report: Callable[[str], Analysis], seed: Analysis) -> None:
    items = flatten([seed, *(report(n) for n in NAMES)])
    settings = GroupingSettings()
    text = tfidf_similarity([i.text for i in items])
    words = PairWords(items)
    joined = {(a.index, b.index) for a, b in combinations(items, 2)
              if score_pair(a, b, text, settings, words) is not None}
    candidates = set(candidate_pairs(items, settings.limits))
    assert joined and joined <= candidates
    assert len(candidates) < len(items) * (len(items) - 1) // 2


def test_links_name_their_signals(report: Callable[[str], Analysis]) -> None:
    items = flatten([report("garissa-750"), report("garissa-962")])
    groups = group(items, GroupingSettings())
    joined = [g for g in groups if len(g.items) == 2]
    assert len(joined) == 1
    (link,) = joined[0].links
    signals = {s.name: s for s in link.signals}
    assert signals["type"].detail == "ATTACK"
    assert "Al-Shabaab" in signals["actors"].detail
    assert signals["figures"].detail == "same toll: killed 2, wounded 40"
    assert 0.3 < signals["text"].value <= 1.0
    weights = GroupingSettings().weights  # the weighted mean of the signals both give
    assert abs(link.score - sum(weights[n] * s.value for n, s in signals.items())
               / sum(weights[n] for n in signals)) < 0.01


def _constant(value: float) -> Callable[[Sequence[str]], PairScorer]:
    def factory(texts: Sequence[str]) -> PairScorer:
        return lambda i, j: value
    return factory


def test_similarity_is_pluggable(report: Callable[[str], Analysis]) -> None:
    items = flatten([report("samangan-258"), report("samangan-617")])
    blind = group(items, GroupingSettings(similarity=_constant(0.0)))
    seeing = group(items, GroupingSettings(similarity=_constant(1.0)))
    assert len(seeing) <= len(blind)
    assert all(s.value == 1.0 for g in seeing for lk in g.links for s in lk.signals
               if s.name == "text")


def test_compatible_types_and_distances(report: Callable[[str], Analysis],
                                       seed: Analysis) -> None:
    assert family("ATTACK", "ASSAULT") == family("ARMED_CLASH", "ASSAULT") == "fighting"
    assert family("NON_STATE_ACTOR_OVERTAKES_TER", "ASSAULT") == "fighting"
    assert family("PEACE_PROTEST", "PROTEST") != family("ATTACK", "ASSAULT")
    # "recaptured new areas ... after heavy clashes", "attacked and overran several
    # checkpoints": takeovers and fighting are one family of events
    items = flatten([report("baydha-835"), report("samangan-258")])
    fighting = [i for i in items if family(i.event.type, i.event.plover) == "fighting"]
    a = fighting[0]
    b = next(i for i in fighting if i.event.type != a.event.type)
    found = type_signal(a, b)
    assert found is not None and found.value == 0.8
    # "Panjshir province, 120 kilometres to the northeast of Kabul"
    places = {p.name: p for p in seed.places}
    assert 80 < distance_km(places["Panjshir"], places["Kabul"]) < 160


def test_reports_without_dates_join_on_what_they_give(report: Callable[[str], Analysis]) -> None:
    """Two snippets of one raid, no date in either: the missing time is no evidence against
    them, and they are one story on type, place and text."""
    items = flatten([report("kismayo-756"), report("kismayo-977")])
    assert all(i.start is None for i in items)
    groups = group(items, GroupingSettings())
    assert any({i.lookup.analysis.document.id for i in g.items} == {"kismayo-756", "kismayo-977"}
               for g in groups)


def test_events_of_one_block_are_compared_across_families(
        report: Callable[[str], Analysis]) -> None:
    """A raid typed as fighting in one report and as an accident in another is still compared
    (with less weight than one family); a statement is never compared with a raid."""
    first = flatten([report("kismayo-756")])[0]
    raid = replace(first, event=replace(first.event, type="ARMED_CLASH", plover="ASSAULT"))
    disaster = replace(first, event=replace(first.event, type="MAN_MADE_DISASTER",
                                             plover="AID"))
    found = type_signal(raid, disaster)
    assert found is not None and found.value == 0.3
    assert set(candidate_pairs([raid, replace(disaster, index=1)], GroupingSettings().limits))
    talk = replace(first, event=replace(first.event, type="DIPLO", plover="CONSULT"))
    assert type_signal(raid, talk) is None


def test_unnamed_groups_are_no_evidence_of_one_incident(
        report: Callable[[str], Analysis]) -> None:
    """"Security forces", "militants": every report of its kind names them."""
    analysis = report("samangan-258")
    unnamed = {normalise(e.name) for e in analysis.entities if e.type == "GROUP"}
    items = flatten([analysis])
    assert unnamed and any(set(i.event.actors + i.event.targets) for i in items)
    assert all(not (i.actors & unnamed) for i in items)


def test_a_dated_report_meets_an_undated_one_of_its_country(
        report: Callable[[str], Analysis]) -> None:
    """The Kismayo raid's two snippets, one of them dated: the date the other lacks is no
    evidence either way, so blocking must still compare them (it had compared undated reports
    with undated ones only)."""
    from newsledger.records import TimeWindow

    dated = report("kismayo-756")
    dated = replace(dated, events=tuple(
        replace(e, time=TimeWindow("2019-11-18", "2019-11-18", "on Monday", "day"))
        for e in dated.events))
    items = flatten([dated, report("kismayo-977")])
    assert {i.start is None for i in items} == {True, False}
    pairs = set(candidate_pairs(items, GroupingSettings().limits))
    across = {(a.index, b.index) for a, b in combinations(items, 2)
              if a.lookup.analysis.document.id != b.lookup.analysis.document.id}
    assert across & pairs
    groups = group(items, GroupingSettings())
    assert any({i.lookup.analysis.document.id for i in g.items} == {"kismayo-756", "kismayo-977"}
               for g in groups)


def test_parties_neither_report_names_are_no_evidence_either_way(
        report: Callable[[str], Analysis]) -> None:
    """The Kismayo raid's two snippets with every party left out of both: the pair scores
    as the weighted mean of the signals they do give, as with a missing date or place (an
    unnamed party had counted as a disagreement and pulled the score down by a quarter)."""
    bare = [replace(a, events=tuple(replace(e, actors=(), targets=()) for e in a.events))
            for a in (report("kismayo-756"), report("kismayo-977"))]
    items = flatten(bare)
    settings = GroupingSettings()
    text = tfidf_similarity([i.text for i in items])
    a, b = next((x, y) for x, y in combinations(items, 2)
                if x.lookup.analysis.document.id != y.lookup.analysis.document.id)
    assert not a.actors and not b.actors
    link = score_pair(a, b, text, replace(settings, threshold=0.0))
    assert link is not None
    w = settings.weights
    given = {s.name: s.value for s in link.signals}
    assert "actors" not in given and {"type", "place", "text"} <= set(given)
    expected = sum(w[n] * v for n, v in given.items()) / sum(w[n] for n in given)
    assert abs(link.score - round(expected, 3)) < 0.002


def test_a_shared_toll_alone_joins_no_incidents_apart(report: Callable[[str], Analysis]) -> None:
    """Samangan (Afghanistan) and Kismayo (Somalia) both count 20 killed: a toll is evidence
    only beside the other signals, and places in two countries are never compared."""
    items = flatten([report("samangan-258"), report("kismayo-756")])
    groups = group(items, GroupingSettings())
    assert all(len({i.lookup.analysis.document.id for i in g.items}) == 1 for g in groups)


def test_links_name_the_rare_words_both_reports_share(report: Callable[[str], Analysis]) -> None:
    """Among the reports of seven incidents, the two reports of the Diyarbakir car bomb are
    the only ones to name the city: the words signal names it, and it weighs in the score
    (the words two reports of other incidents share, such as "killed", weigh little)."""
    items = flatten([report(n) for n in [*NAMES, "kismayo-756", "kismayo-977"]])
    links = [lk for g in group(items, GroupingSettings()) for lk in g.links]
    docs = {"diyarbakir-46", "diyarbakir-843"}
    link = next(lk for lk in links if {lk.a.split(":")[0], lk.b.split(":")[0]} == docs)
    words = next(s for s in link.signals if s.name == "words")
    assert "diyarbakir" in words.detail.split(": ", 1)[1].split(", ")
    weights = GroupingSettings().weights
    signals = {s.name: s.value for s in link.signals}
    assert abs(link.score - sum(weights[n] * v for n, v in signals.items())
               / sum(weights[n] for n in signals)) < 0.01
    pair_words = PairWords(items)
    a = next(i for i in items if i.lookup.analysis.document.id == "diyarbakir-46")
    other = next(i for i in items if i.lookup.analysis.document.id == "samangan-258")
    b = next(i for i in items if i.lookup.analysis.document.id == "diyarbakir-843")
    assert pair_words.value(a.index, b.index) > 2 * pair_words.value(a.index, other.index)


def test_a_denial_joins_the_report_of_the_claim_it_answers(
        report: Callable[[str], Analysis]) -> None:
    """Two CASE 2021 snippets: UN experts say the Houthis in Yemen are likely receiving parts
    for drones and weapons from Iran; "the Iranian government has repeatedly denied sending
    parts for drones and weapons". One is placed in Yemen, the other in Iran, so no other
    signal compares them; the denial answering the claim joins them, and the story sets the
    one against the other."""
    from newsledger.stories import StoryBuilder

    claim, denial = report("houthi-drones-78"), report("houthi-drones-986")
    assert {p.country for p in claim.places} != {p.country for p in denial.places}
    (story,) = [s for s in StoryBuilder()([claim, denial]) if len(s.documents) == 2]
    (link,) = story.links
    assert [s.name for s in link.signals] == ["denial"]
    assert "parts for drones and weapons" in link.signals[0].detail
    (against,) = [c for c in story.contradictions if c.kind == "denial"]
    assert [r.split(":")[0] for r in against.claims] == ["houthi-drones-986", "houthi-drones-78"]


def test_denials_join_no_report_whose_claims_they_do_not_answer(
        report: Callable[[str], Analysis]) -> None:
    """The Rukban fact check holds five denials; none of them answers a claim of the reports
    of other incidents, so no denial joins them."""
    names = ["rukban-polygraph", *NAMES, "kismayo-756", "kismayo-977", "houthi-drones-78",
             "papua-131"]
    items = flatten([report(n) for n in dict.fromkeys(names)])
    links = [lk for g in group(items, GroupingSettings()) for lk in g.links]
    assert not [lk for lk in links if any(s.name == "denial" for s in lk.signals)]


def _together(groups: Sequence[Group], first: str, second: str) -> bool:
    return any({first, second} <= {i.lookup.analysis.document.id for i in g.items}
               for g in groups)


def test_an_unnamed_party_one_report_gives_does_not_keep_reports_apart(
        report: Callable[[str], Analysis], seed: Analysis) -> None:
    # CASE 2021 snippets 487 and 296: "border guard forces were abducted" names no party the
    # other report could name; the abduction at Mirjaveh, in Sistan-Baluchestan, is one
    # (grouped among other reports, whose words weigh the rare ones)
    items = flatten([seed, *(report(n) for n in NAMES), report("mirjaveh-487"),
                     report("mirjaveh-296")])
    abductions = [i for i in items if i.event.type == "ABDUCT_DISSAP"]
    assert len(abductions) >= 2 and not any(i.actors for i in abductions)
    assert _together(group(items, GroupingSettings()), "mirjaveh-487", "mirjaveh-296")


def test_a_person_the_other_report_names_elsewhere_is_a_shared_party(
        report: Callable[[str], Analysis], seed: Analysis) -> None:
    # LGL 395 and 397 (Paris, Illinois, 2009): the arrest of one suspect and the court
    # appearance of the other, each report naming both (395 spells one "Evens"); parties
    # found only in the other report count half, however many
    items = flatten([seed, *(report(n) for n in NAMES), report("paris-395"),
                     report("paris-397")])
    first, second = (next(i for i in items if i.lookup.analysis.document.id == name
                          and i.event.type == "ARREST") for name in ("paris-395", "paris-397"))
    assert not first.actors & second.actors
    signal = actor_signal(first, second)
    assert signal.value == 0.5 and "named in the other report" in signal.detail
    assert _together(group(items, GroupingSettings()), "paris-395", "paris-397")


def test_an_undated_report_never_chains_two_named_days(
        report: Callable[[str], Analysis]) -> None:
    # CASE 2021 snippets 745 (Saturday 14 December 2019), 85 (cut off before its day) and 92
    # (Sunday 15): once the undated report is in Saturday's story, Sunday's report is kept
    # out of it, and an undated story keeps no one out
    items = flatten([report("beirut-745"), report("beirut-85"), report("beirut-92")])
    saturday, undated, sunday = (next(i for i in items if i.lookup.analysis.document.id == n)
                                 for n in ("beirut-745", "beirut-85", "beirut-92"))
    assert saturday.told_day and sunday.told_day and not undated.told_day
    forest = _UnionFind(len(items), [i.start if i.told_day else None for i in items])
    assert not forest.apart(undated.index, sunday.index)
    forest.union(saturday.index, undated.index)
    assert forest.apart(undated.index, sunday.index)
    assert forest.apart(sunday.index, saturday.index)
