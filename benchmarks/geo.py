"""acc@161km of the place resolver on gold toponyms of LGL and GeoWebNews, or of the whole pipeline.

    python benchmarks/geo.py --data /work/shared/bench/geo [--limit N] [--end-to-end]

Default mode (resolver alone): each article's gold toponym strings become PLACE entities (one
per distinct string, with a mention at each gold offset), resolved together with the article
text as context (``known_toponyms``: a name the gazetteer lacks is put in the story's
region without the pipeline's check that the text itself puts it somewhere, a check of
recognition that gold strings have passed). A toponym counts as correct when its place lies
within 161 km of the gold point; one left unresolved counts as wrong (``resolved`` gives the
share that got any place) and, for the mean error and the AUC, as 20,039 km (as end to end,
below).

``--end-to-end``: ``Analyzer().analyze`` runs on each article text and is scored as
Gritta et al. ("A pragmatic guide to geoparsing evaluation") score geoparsers. A gold toponym
is found when a mention of a system PLACE entity overlaps its span (the mention with the
largest overlap is the one that counts); recall = found / gold toponyms; precision = system
PLACE mentions overlapping a gold toponym span (with or without coordinates; GeoWebNews's
non-toponym types do not count) / all system PLACE mentions. acc@161km is over all gold
toponyms, an unfound or unresolved one counting as wrong; for the mean error and the AUC it
counts as 20,039 km (half the Earth's circumference, the largest possible error). AUC =
trapezoidal area under the curve of ln(1 + error km), errors sorted, divided by
ln(20039) * (n - 1): 0 is perfect, 1 the worst (the normalisation of Gritta et al.'s code).

Both modes also print cost figures: the gazetteer's memory (VmRSS before and after
``Gazetteer.open()`` and a few thousand lookups) and, end to end, the share of analyze time
spent in the resolver call. The issue's goals: geocoding <= 10% of analyze time, gazetteer
<= 300 MB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import resource
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stage_timer import Timed  # benchmarks/ is the script folder, on sys.path

from newsledger.geo.context import distance_km
from newsledger.geo.gazetteer import Gazetteer, default_path
from newsledger.geo.resolver import PlaceResolver
from newsledger.records import Analysis, Document, Entity, Mention, Place
from newsledger.settings import Settings

CORPORA = (("LGL", "lgl.xml"), ("GeoWebNews", "GWN.xml"))
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the error of a missed toponym
GOALS = {"geocoding share": 0.10, "gazetteer MB": 300.0}
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")

Span = tuple[int, int]
# GeoWebNews annotation types that are not toponyms (Gritta et al.'s non-toponyms, and the
# expressions around a toponym); LGL has no types, so all its toponyms are toponyms.
NOT_TOPONYMS = frozenset({"Demonym", "Homonym", "Language", "Non_Toponym",
                          "Literal_Expression", "Non_Lit_Expression"})


@dataclass(frozen=True)
class Gold:
    text: str
    start: int
    end: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Article:
    """An article's text, its scorable gold toponyms (toponyms with coordinates), every
    toponym span (with or without coordinates) and every annotated span (GeoWebNews also
    annotates non-toponyms and the expressions around toponyms)."""

    text: str
    golds: tuple[Gold, ...]
    toponyms: tuple[Span, ...]
    annotated: tuple[Span, ...]


def _float(node: ET.Element, *tags: str) -> float | None:
    for tag in tags:
        value = node.findtext(tag)
        if value and value.strip():
            return float(value)
    return None


def _read_toponym(toponym: ET.Element) -> tuple[Span | None, bool, Gold | None]:
    """(span, is a toponym, gold toponym or None when it cannot be scored)."""
    start, end = toponym.findtext("start"), toponym.findtext("end")
    if not start or not end:
        return None, False, None
    span = (int(start), int(end))
    kind = (toponym.findtext("type") or "").strip()
    if (toponym.findtext("nonLocational") or "No").strip() == "Yes" or kind in NOT_TOPONYMS:
        return span, False, None
    gaztag = toponym.find("gaztag")
    node = gaztag if gaztag is not None else toponym
    lat, lon = _float(node, "lat", "latitude"), _float(node, "lon", "longitude")
    if lat is None or lon is None:
        return span, True, None
    name = toponym.findtext("phrase") or toponym.findtext("extractedName") or ""
    return span, True, Gold(name.strip(), span[0], span[1], lat, lon)


def read_articles(path: Path) -> list[Article]:
    """The articles with at least one scorable gold toponym, in either corpus's XML."""
    articles: list[Article] = []
    for article in ET.parse(path).getroot().iter("article"):
        golds: list[Gold] = []
        toponyms: list[Span] = []
        annotated: list[Span] = []
        for toponym in article.iter("toponym"):
            span, is_toponym, gold = _read_toponym(toponym)
            if span is None:
                continue
            annotated.append(span)
            if is_toponym:
                toponyms.append(span)
            if gold is not None:
                golds.append(gold)
        if golds:
            text = article.findtext("text") or ""
            articles.append(Article(text, tuple(golds), tuple(toponyms), tuple(annotated)))
    return articles


# --- resolver alone (default mode) ----------------------------------------------------------


def score_article(resolver: PlaceResolver, text: str, golds: Sequence[Gold]) -> list[float | None]:
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


def evaluate(resolver: PlaceResolver, articles: Sequence[Article]) -> dict[str, float]:
    started = time.perf_counter()
    errors: list[float | None] = []
    for article in articles:
        errors.extend(score_article(resolver, article.text, article.golds))
    found = [e for e in errors if e is not None]
    return {
        "toponyms": len(errors),
        "resolved": len(found) / len(errors),
        "acc@161": sum(e <= 161 for e in found) / len(errors),
        "acc@161 resolved": sum(e <= 161 for e in found) / max(1, len(found)),
        "median km": statistics.median(found) if found else float("nan"),
        "mean km": statistics.fmean(e if e is not None else MAX_ERROR_KM for e in errors),
        "AUC": log_error_auc([e if e is not None else MAX_ERROR_KM for e in errors]),
        "seconds": time.perf_counter() - started,
    }


def run_resolver_only(data: Path, gazetteer: Gazetteer, limit: int | None) -> None:
    resolver = PlaceResolver(gazetteer, known_toponyms=True)  # gold strings: all toponyms
    columns = ["toponyms", "resolved", "acc@161", "acc@161 resolved", "median km", "mean km",
               "AUC", "seconds"]
    print(f"{'corpus':<10}" + "".join(f"{c:>17}" for c in columns))
    for name, file in CORPORA:
        if not (data / file).exists():
            continue
        row = evaluate(resolver, read_articles(data / file)[:limit])
        cells = "".join(
            f"{row[c]:>17.0f}" if c.endswith(("toponyms", "km")) else f"{row[c]:>17.3f}"
            for c in columns
        )
        print(f"{name:<10}{cells}")


# --- end to end -----------------------------------------------------------------------------


@dataclass
class Tally:
    """What the end-to-end scoring of one corpus adds up."""

    errors: list[float | None] = field(default_factory=list)  # per gold; None: missed
    found: int = 0
    missed_in_other: int = 0  # missed, but inside a system mention of a non-PLACE entity
    system: int = 0
    system_on_toponym: int = 0
    system_on_annotated: int = 0
    articles: int = 0
    failures: int = 0
    analyze_seconds: float = 0.0


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def place_mentions(analysis: Analysis) -> list[tuple[Span, Place | None]]:
    """Each mention of a system PLACE entity, with the entity's place (None: unresolved)."""
    by_entity = {place.entity: place for place in analysis.places}
    return [
        ((mention.start, mention.end), by_entity.get(entity.id))
        for entity in analysis.entities if entity.type == "PLACE"
        for mention in entity.mentions
    ]


def other_mentions(analysis: Analysis) -> list[Span]:
    """The mentions of system entities other than PLACE (PERSON, ORG, OTHER)."""
    return [(m.start, m.end) for e in analysis.entities if e.type != "PLACE" for m in e.mentions]


def score_end_to_end(mentions: Sequence[tuple[Span, Place | None]], others: Sequence[Span],
                     article: Article, tally: Tally) -> None:
    for gold in article.golds:
        span = (gold.start, gold.end)
        overlapping = [(_overlap(span, m), place) for m, place in mentions if _overlap(span, m)]
        if not overlapping:
            tally.errors.append(None)
            tally.missed_in_other += any(_overlap(span, other) for other in others)
            continue
        tally.found += 1
        place = max(overlapping, key=lambda pair: pair[0])[1]  # first of the largest overlaps
        tally.errors.append(
            distance_km(place.lat, place.lon, gold.lat, gold.lon) if place else None
        )
    for mention, _ in mentions:
        tally.system += 1
        tally.system_on_toponym += any(_overlap(mention, t) for t in article.toponyms)
        tally.system_on_annotated += any(_overlap(mention, t) for t in article.annotated)


def log_error_auc(errors_km: Sequence[float]) -> float:
    """Area under the sorted curve of ln(1 + error), over ln(20039) * (n - 1); 0 is best."""
    curve = sorted(math.log1p(e) for e in errors_km)
    if len(curve) < 2:
        return curve[0] / math.log(MAX_ERROR_KM) if curve else float("nan")
    area = sum((a + b) / 2 for a, b in itertools.pairwise(curve))
    return area / (math.log(MAX_ERROR_KM) * (len(curve) - 1))


def analyze_corpus(analyzer: Any, articles: Sequence[Article], name: str) -> Tally:
    tally = Tally()
    for number, article in enumerate(articles, start=1):
        document = Document(id=f"{name}-{number}", source=name, text=article.text)
        started = time.perf_counter()
        try:
            analysis = analyzer.analyze(document)
        except Exception:  # a benchmark must finish; failures are counted and reported
            tally.failures += 1
            analysis = Analysis(document)
        tally.analyze_seconds += time.perf_counter() - started
        tally.articles += 1
        score_end_to_end(place_mentions(analysis), other_mentions(analysis), article, tally)
    return tally


def quality_rows(tally: Tally) -> list[tuple[str, str]]:
    golds = len(tally.errors)
    resolved = [e for e in tally.errors if e is not None]
    scored = [MAX_ERROR_KM if e is None else e for e in tally.errors]
    recall = tally.found / max(1, golds)
    lenient = tally.system_on_annotated / max(1, tally.system)
    precision = tally.system_on_toponym / max(1, tally.system)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return [
        ("articles (failed)", f"{tally.articles} ({tally.failures})"),
        ("gold toponyms", f"{golds}"),
        ("system PLACE mentions", f"{tally.system}"),
        ("recognition recall", f"{recall:.3f}"),
        ("recognition precision", f"{precision:.3f}"),
        ("recognition F1", f"{f1:.3f}"),
        ("missed, inside a non-PLACE mention", f"{tally.missed_in_other / max(1, golds):.3f}"),
        ("precision, any annotated span", f"{lenient:.3f}"),
        ("found and resolved / gold", f"{len(resolved) / max(1, golds):.3f}"),
        ("acc@161km (all gold)", f"{sum(e <= 161 for e in resolved) / max(1, golds):.3f}"),
        ("acc@161km (found+resolved)",
         f"{sum(e <= 161 for e in resolved) / max(1, len(resolved)):.3f}"),
        ("mean error km (missed=20039)", f"{statistics.fmean(scored):.0f}" if scored else "nan"),
        ("median error km (resolved)",
         f"{statistics.median(resolved):.0f}" if resolved else "nan"),
        ("AUC log error (missed=20039)", f"{log_error_auc(scored):.3f}"),
    ]


def cost_rows(tally: Tally, resolver: Timed, prior: Timed) -> list[tuple[str, str]]:
    total = max(tally.analyze_seconds, 1e-9)
    share = resolver.seconds / total
    goal = GOALS["geocoding share"]
    return [
        ("analyze seconds", f"{tally.analyze_seconds:.1f}"),
        ("articles/s", f"{tally.articles / total:.2f}"),
        ("resolver call seconds", f"{resolver.seconds:.2f}"),
        ("resolver share of analyze", f"{share:.1%} (goal <= {goal:.0%}: "
                                      f"{'met' if share <= goal else 'NOT met'})"),
        ("place_prior in NER seconds", f"{prior.seconds:.2f}"),
        ("resolver + place_prior share", f"{(resolver.seconds + prior.seconds) / total:.1%}"),
    ]


def run_end_to_end(data: Path, limit: int | None) -> None:
    from newsledger.pipeline import Analyzer  # spaCy is loaded only in this mode

    analyzer = Analyzer()
    resolver, prior = Timed(analyzer.resolver), Timed(analyzer.recognise.place_prior)
    analyzer.analyze(Document(id="warmup", source="warmup", text="Paris is in France."))
    setattr(analyzer, "resolver", resolver)  # noqa: B010 - the attribute is typed PlaceResolver
    analyzer.recognise.place_prior = prior
    for name, file in CORPORA:
        if not (data / file).exists():
            continue
        resolver.seconds = prior.seconds = 0.0
        tally = analyze_corpus(analyzer, read_articles(data / file)[:limit], name)
        print_table(f"{name} end to end", ("metric", "value"),
                    quality_rows(tally) + cost_rows(tally, resolver, prior))
    print(f"\nprocess peak RSS after the run: {peak_rss_mib():.0f} MiB (spaCy model included)")


# --- memory ---------------------------------------------------------------------------------


def vm_rss_mib(field: str = "VmRSS") -> float:
    """A memory figure of /proc/self/status in MiB: VmRSS (now) or VmHWM (peak since exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mib() -> float:
    """The process's peak resident set size so far, in MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def lookup_names(data: Path, count: int) -> list[str]:
    """Up to ``count`` distinct names to look up: gold toponym strings first, then runs of
    capitalised words of the article texts (what NER asks the gazetteer about)."""
    names: dict[str, None] = {}
    articles = [a for _, file in CORPORA if (data / file).exists()
                for a in read_articles(data / file)]
    for article in articles:
        names.update((g.text, None) for g in article.golds if g.text)
    for article in articles:
        names.update((m.group(), None) for m in _CAPITALISED.finditer(article.text))
    return list(names)[:count]


def memory_probe(path: Path) -> None:
    """In a fresh process (so that no garbage of the corpus parsing is reused): read names
    from standard input, then print VmRSS before open, after open, after the lookups."""
    names = sys.stdin.read().splitlines()
    rss = [vm_rss_mib()]
    gazetteer = Gazetteer.open(path)
    rss.append(vm_rss_mib())
    for name in names:
        gazetteer.lookup(name)
    rss.append(vm_rss_mib())
    print(json.dumps({"rss": rss, "peak": vm_rss_mib("VmHWM"), "path": str(gazetteer.path)}))


def measure_gazetteer(path: Path, names: Sequence[str]) -> dict[str, Any]:
    """``memory_probe`` run in a child Python process; its figures."""
    command = [sys.executable, __file__, "--memory-probe"]
    if path is not None:
        command += ["--gazetteer", str(path)]
    child = subprocess.run(command, input="\n".join(names), capture_output=True, text=True,
                           check=True)
    figures: dict[str, Any] = json.loads(child.stdout.splitlines()[-1])
    return figures


def memory_rows(figures: dict[str, Any], lookups: int) -> list[tuple[str, str]]:
    rss: list[float] = figures["rss"]
    path = Path(figures["path"])
    grown = rss[2] - rss[0]
    goal = GOALS["gazetteer MB"]
    return [
        ("gazetteer file", f"{path} ({path.stat().st_size / 2**20:.0f} MiB)"),
        ("VmRSS before Gazetteer.open()", f"{rss[0]:.1f} MiB"),
        ("VmRSS after open", f"{rss[1]:.1f} MiB (+{rss[1] - rss[0]:.1f})"),
        (f"VmRSS after {lookups} lookups", f"{rss[2]:.1f} MiB (+{rss[2] - rss[1]:.1f})"),
        ("gazetteer RSS (open + lookups)", f"{grown:.1f} MiB (goal <= {goal:.0f} MB: "
                                           f"{'met' if grown * 1.048576 <= goal else 'NOT met'})"),
        ("probe process peak RSS (VmHWM)", f"{figures['peak']:.1f} MiB"),
    ]


def print_table(title: str, header: tuple[str, str], rows: Sequence[tuple[str, str]]) -> None:
    width = max(len(header[0]), *(len(r[0]) for r in rows))
    print(f"\n{title}\n{header[0]:<{width}}  {header[1]}\n{'-' * width}  {'-' * 24}")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/bench/geo"))
    parser.add_argument("--gazetteer", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="articles per corpus")
    parser.add_argument("--end-to-end", action="store_true",
                        help="score Analyzer().analyze on the article texts")
    parser.add_argument("--lookups", type=int, default=5000,
                        help="gazetteer lookups for the memory figures")
    parser.add_argument("--memory-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.gazetteer = args.gazetteer or default_path(Settings.from_env().cache_dir)
    if args.end_to_end and args.gazetteer != default_path(Settings.from_env().cache_dir):
        parser.error("--end-to-end uses the Analyzer's gazetteer (the cache folder's)")
    if args.memory_probe:
        memory_probe(args.gazetteer)
        return
    names = lookup_names(args.data, args.lookups)
    figures = measure_gazetteer(args.gazetteer, names)
    print_table("gazetteer memory (fresh process: VmRSS of /proc/self/status)",
                ("measure", "value"), memory_rows(figures, len(names)))
    print()
    if args.end_to_end:
        run_end_to_end(args.data, args.limit)
    else:
        run_resolver_only(args.data, Gazetteer.open(args.gazetteer), args.limit)


if __name__ == "__main__":
    main()
