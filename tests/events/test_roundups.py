"""Round-ups: a sentence listing other incidents gives one event per place it names."""

from __future__ import annotations

from pathlib import Path

from tests.record_lookup import place_name

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"

# LGL (lgl.xml, a Torrington, Connecticut house fire), abridged.
TORRINGTON = (
    "A fire destroyed the roof of a Main Street multi-family home Tuesday, "
    "displacing the tenants and injuring some firefighters. Torrington firefighters called in "
    "several other companies to assist. Several other fires occurred throughout the state "
    "Tuesday, including a brush fire on Center Street in Torrington, fires in Weston and a "
    "forest fire in Glastonbury. Torrington firefighters continued to work at 775 Main St.")


def test_each_other_incident_listed_is_its_own_event_in_its_place(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(TORRINGTON, published="2012-03-27")
    fires = [e for e in a.events if e.type in {"MAN_MADE_DISASTER", "NATURAL_DISASTER"}]
    listed = [e for e in fires if "Several other fires" in a.document.text[
        e.evidence.start:e.evidence.end]]
    places = sorted(place_name(a, e.place) or "" for e in listed)
    assert places == ["Glastonbury", "Torrington", "Weston"]
    # none of them takes in the story's own fire, told in other sentences
    assert all(len(e.mentions) == 1 for e in listed)


def test_a_towns_firefighters_name_the_town_not_its_fire_department(analyse_text) -> None:  # type: ignore[no-untyped-def]
    """The whole LGL article: "Torrington firefighters" (three times) and "the Torrington
    Fire Department" had made every "Torrington" a mention of the department."""
    text = (NEWS / "lgl-0084.txt").read_text(encoding="utf-8")
    a = analyse_text(text, published="2012-03-27")
    assert "Torrington" in {p.name for p in a.places}


def test_a_fire_word_in_gunfire_idioms_and_services_is_no_fire(analyse_text) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The minister came under fire from lawmakers on Monday. The fire "
                     "department will hold an open day. Both sides agreed to a cease-fire.",
                     published="2012-03-27")
    assert not [e for e in a.events if e.type == "MAN_MADE_DISASTER"]
