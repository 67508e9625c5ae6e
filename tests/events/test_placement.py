"""The place a story is about (``events.placement.main_place``), on real text."""

from __future__ import annotations

import re
from pathlib import Path

from newsledger.events.placement import main_place
from newsledger.geo.gazetteer import Gazetteer, default_path
from newsledger.geo.resolver import PlaceResolver
from newsledger.nlp.entity_layer import EntityLayer
from newsledger.records import Document, Entity, Mention

DATA = Path(__file__).parent.parent / "data"


def test_a_place_in_no_country_is_never_the_story_s_place(cache_dir: Path) -> None:
    """GeoWebNews 12 names the EU five times and Brussels once: the EU is a region in no
    country (the European Union), so the events without a place of their own fall back to
    Brussels, not to the Union's middle in Bavaria."""
    text = (DATA / "news" / "gwn-012.txt").read_text(encoding="utf-8")
    entities = [
        Entity(id="E1", name="EU", type="PLACE", mentions=tuple(
            Mention(m.start(), m.end(), "EU") for m in re.finditer(r"\bEU\b", text))),
        Entity(id="E2", name="Brussels", type="PLACE", mentions=tuple(
            Mention(m.start(), m.end(), "Brussels") for m in re.finditer("Brussels", text))),
    ]
    gazetteer = Gazetteer.open(default_path(cache_dir))
    places = PlaceResolver(gazetteer)(entities, Document(id="gwn-012", source="t", text=text))
    by_entity = {p.entity: p for p in places}
    assert by_entity["E1"].country is None and len(entities[0].mentions) > 1
    spans = tuple(sorted((m.start, m.end, e.id) for e in entities for m in e.mentions))
    assert main_place(EntityLayer(tuple(entities), spans), places) == by_entity["E2"].id
