"""acc@161km of the place resolver on gold toponyms of LGL and GeoWebNews.

    python benchmarks/geo.py --data /work/shared/bench/geo [--limit N]

Each article's gold toponym strings become PLACE entities (one per distinct string, with a
mention at each gold offset), resolved together with the article text as context. A toponym
counts as correct when its place lies within 161 km of the gold point; one left unresolved
counts as wrong (``resolved`` gives the share that got any place).
"""

from __future__ import annotations

import argparse
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from newsledger.geo.context import distance_km
from newsledger.geo.gazetteer import Gazetteer
from newsledger.geo.resolver import PlaceResolver
from newsledger.records import Document, Entity, Mention


@dataclass(frozen=True)
class Gold:
    text: str
    start: int
    end: int
    lat: float
    lon: float


def _float(node: ET.Element, *tags: str) -> float | None:
    for tag in tags:
        value = node.findtext(tag)
        if value and value.strip():
            return float(value)
    return None


def read_articles(path: Path) -> list[tuple[str, list[Gold]]]:
    """(text, gold toponyms) of each article, in either corpus's XML."""
    articles: list[tuple[str, list[Gold]]] = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        golds: list[Gold] = []
        for toponym in article.iter("toponym"):
            if (toponym.findtext("nonLocational") or "No").strip() == "Yes":
                continue
            gaztag = toponym.find("gaztag")
            node = gaztag if gaztag is not None else toponym
            lat, lon = _float(node, "lat", "latitude"), _float(node, "lon", "longitude")
            start, end = toponym.findtext("start"), toponym.findtext("end")
            if lat is None or lon is None or not start or not end:
                continue
            name = toponym.findtext("phrase") or toponym.findtext("extractedName") or ""
            golds.append(Gold(name.strip(), int(start), int(end), lat, lon))
        if golds:
            articles.append((text, golds))
    return articles


def score_article(resolver: PlaceResolver, text: str, golds: list[Gold]) -> list[float | None]:
    """The error in km of each gold toponym (None when unresolved)."""
    names = sorted({g.text for g in golds if g.text})
    entities = [
        Entity(
            id=f"E{number}", name=name, type="PLACE",
            mentions=tuple(Mention(g.start, g.end, g.text) for g in golds if g.text == name),
        )
        for number, name in enumerate(names, start=1)
    ]
    places = resolver(entities, Document(id="bench", source="bench", text=text))
    by_entity = {place.entity: place for place in places}  # the gazetteer's name may differ
    entity_of = {entity.name: entity.id for entity in entities}
    errors: list[float | None] = []
    for gold in golds:
        place = by_entity.get(entity_of.get(gold.text, ""))
        errors.append(distance_km(place.lat, place.lon, gold.lat, gold.lon) if place else None)
    return errors


def evaluate(resolver: PlaceResolver, path: Path, limit: int | None) -> dict[str, float]:
    started = time.perf_counter()
    errors: list[float | None] = []
    for text, golds in read_articles(path)[:limit]:
        errors.extend(score_article(resolver, text, golds))
    found = [e for e in errors if e is not None]
    return {
        "toponyms": len(errors),
        "resolved": len(found) / len(errors),
        "acc@161": sum(e <= 161 for e in found) / len(errors),
        "acc@161 resolved": sum(e <= 161 for e in found) / max(1, len(found)),
        "median km": statistics.median(found) if found else float("nan"),
        "seconds": time.perf_counter() - started,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/bench/geo"))
    parser.add_argument("--gazetteer", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="articles per corpus")
    args = parser.parse_args()
    resolver = PlaceResolver(Gazetteer.open(args.gazetteer))
    columns = ["toponyms", "resolved", "acc@161", "acc@161 resolved", "median km", "seconds"]
    print(f"{'corpus':<10}" + "".join(f"{c:>18}" for c in columns))
    for name, file in (("LGL", "lgl.xml"), ("GeoWebNews", "GWN.xml")):
        if not (args.data / file).exists():
            continue
        row = evaluate(resolver, args.data / file, args.limit)
        cells = "".join(
            f"{row[c]:>18.0f}" if c in ("toponyms", "median km") else f"{row[c]:>18.3f}"
            for c in columns
        )
        print(f"{name:<10}{cells}")


if __name__ == "__main__":
    main()
