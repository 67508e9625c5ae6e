"""The ledger (``newsledger.store``) on SQLite: ingest rate, query latency, size per event.

    python benchmarks/ledger.py --data /work/shared/bench/extraction [--pages N] [--events M]
                                [--runs K] [--workdir DIR] [--keep]
    python benchmarks/ledger.py --seed-ledger DIR/seed.db [--ledger DIR/large.db] ...

(``--seed-ledger`` skips the ingest passes and builds from the seed ledger a ``--keep`` run
left; with ``--ledger`` too, only the queries run, on a ledger built before.)

**Ingest.** The first N pages (default 100, by sha) of the article-extraction benchmark
(``html/<sha>.html.gz``) are read into memory with ``read_stream`` (not timed). After loading
``Analyzer()`` once and warming it up on 3 pages, three passes run over the same pages in one
process, each a run of its own (a fresh ``Deduplicator``):

* ``analyze``: ``analyzer.run(pages)`` (extraction, duplicate check, spaCy in ``nlp.pipe``
  batches, analysis), what ``newsledger analyze`` does; the baseline;
* ``ingest``: ``LedgerWriter(ledger, analyzer).run(pages)`` into a fresh SQLite ledger, what
  ``newsledger ingest`` does (the same ``Analyzer.run``, plus the stored-version lookup
  and ``Ledger.write`` in transactions of 50 documents); goal: at least 0.9 of ``analyze``;
* ``store only``: ``Ledger.write`` of the analyses of the ``analyze`` pass, in batches of 50,
  into another fresh ledger: the cost of storage alone.

Every pass reads the same pages; ``documents`` counts the articles each one analysed and
stored (the other pages are rejected: not English, no article), and "rate vs analyze" is the
ingest rate over the analyze rate, both in those documents per second.

**Large ledger.** The ``store only`` ledger (the real records, written by the store itself) is
the seed. Its rows are read back table by table as the database holds them and copied,
round after round, into a fresh ledger (``Ledger.open``, so the schema, indexes, FTS5 and
R*Tree triggers are the migrations' own) until it holds at least M events (default
1,000,000). ``Ledger.write`` adds documents one ORM object graph at a time, too slow for
millions of rows, so the build (``BulkWriter``) drops the secondary indexes and triggers,
turns off the journal and syncing, inserts the copies with the driver's ``executemany``
(rows as tuples; the INSERT statements compiled by SQLAlchemy Core from the models' tables)
in transactions of ``--batch-docs`` documents, then recreates the indexes and triggers from
the SQL the migrations left in ``sqlite_master`` and fills the full-text and R*Tree tables in
one pass each. Every copy keeps its seed's rows (entities, mentions, places, claims, events,
actors and targets, figures, body and stored record; the ``names`` table once) with new ids
and these perturbations, drawn from a seeded RNG (the names copied beside the links,
``event_parties.name``, ``claims.speaker_name`` and ``event_claimants``, follow them):

* the publication date and every event time shifted by one random number of days per copy,
  within +-5 years (the seeds are mostly of November 2019, so 2014-2024);
* the outlet replaced, half the time, by an outlet of another seed;
* each PERSON or ORG entity renamed, 30% of the time, to a name of another seed's entity of
  the same type (so actors and speakers recombine);
* each place (and the events at it) moved by a Gaussian jitter of 0.3 degrees;
* each event's type (with its PLOVER category) replaced, 30% of the time, by a type seen in
  the seeds.

Bodies and stored records are the seeds' own, unchanged, so full text sees only N distinct
bodies. Build time covers making the rows in Python, inserting them and indexing. Size is
the SQLite file (plus ``-wal``/``-shm`` if left) after the ledger is closed, divided by its
events.

**Queries.** Each kind runs ``--runs`` times (default 50, at most ``--max-seconds`` per kind)
after one untimed warm-up call, each time with random values drawn from the seeds (types,
outlets, actor and speaker names, place names, words of the bodies and claims), through the
``Ledger`` methods the CLI calls (``events``/``find_events``, ``claims``, ``search``) with
their default limits (100 rows; ``search`` 20 per kind). Time ranges are 30 days (1 year in
combined filters) within 2014-2024, boxes 1 degree square (5 in combined filters) around a
seed place. Latency is wall time of the call, rows included; p50 and p95 over the runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import operator
import random
import re
import shutil
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import Connection, Engine, insert
from sqlalchemy import Table as SqlTable

from newsledger.errors import RejectedInput
from newsledger.ingest import read_stream
from newsledger.pipeline import Analyzer
from newsledger.records import Analysis, Page
from newsledger.store import Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION, LedgerWriter
from newsledger.store.models import Base

_WARMUP = 3
_WRITE_BATCH = 50
# The tables in the order their rows must be inserted (parents first).
TABLES = ("documents", "entities", "mentions", "places", "claims", "events", "event_parties",
          "figures", "event_claimants")
NAME_LENGTH = 500  # as newsledger.store.models.NAME_LENGTH
_WORD = re.compile(r"[A-Za-z]{5,}")
Row = dict[str, Any]


# -- ingest ---------------------------------------------------------------------------------

def load_pages(data: Path, limit: int, max_bytes: int) -> list[Page]:
    """The first ``limit`` pages (by sha) that ``read_stream`` accepts."""
    pages: list[Page] = []
    for path in sorted((data / "html").glob("*.html.gz"))[:limit]:
        try:
            pages.append(read_stream(gzip.decompress(path.read_bytes()), path.name[:-3],
                                     max_bytes))
        except RejectedInput:
            continue
    return pages


def analyze_pass(analyzer: Analyzer, pages: list[Page]) -> tuple[float, list[Analysis]]:
    started = time.perf_counter()
    analyses = [o.analysis for o in analyzer.run(pages) if o.analysis is not None]
    return time.perf_counter() - started, analyses


def ingest_pass(analyzer: Analyzer, pages: list[Page], url: str) -> tuple[float, int]:
    with Ledger.open(url) as ledger:
        started = time.perf_counter()
        report = LedgerWriter(ledger, analyzer, _WRITE_BATCH).run(pages)
        seconds = time.perf_counter() - started
    return seconds, report.added


def store_pass(analyses: list[Analysis], url: str) -> float:
    with Ledger.open(url) as ledger:
        started = time.perf_counter()
        for i in range(0, len(analyses), _WRITE_BATCH):
            ledger.write(analyses[i:i + _WRITE_BATCH], [], PIPELINE_VERSION)
        return time.perf_counter() - started


def ingest_rows(args: argparse.Namespace, workdir: Path) -> tuple[list[list[str]], Path]:
    """The ingest table's rows, and the path of the seed ledger (the ``store only`` one)."""
    analyzer = Analyzer()
    pages = load_pages(args.data, args.pages, analyzer.settings.max_bytes)
    list(analyzer.run(pages[:_WARMUP]))
    analysed, analyses = analyze_pass(analyzer, pages)
    ingested, added = ingest_pass(analyzer, pages, f"sqlite:///{workdir / 'ingest.db'}")
    seed = workdir / "seed.db"
    stored = store_pass(analyses, f"sqlite:///{seed}")
    base = len(analyses) / analysed  # both rates count the articles analysed and stored

    def row(name: str, docs: int, seconds: float, rate: float | None) -> list[str]:
        return [name, str(docs), f"{seconds:.1f}", f"{docs / seconds:.2f}",
                f"{1000 * seconds / max(docs, 1):.1f}",
                "" if rate is None else f"{rate / base:.0%}"]

    return [row("analyze (Analyzer.run)", len(analyses), analysed, None),
            row("ingest (LedgerWriter.run → SQLite)", added, ingested, added / ingested),
            row("store only (Ledger.write)", len(analyses), stored, None)], seed


# -- the large ledger -----------------------------------------------------------------------

def tables() -> dict[str, SqlTable]:
    return {name: Base.metadata.tables[name] for name in TABLES}


def foreign_keys(table: SqlTable) -> dict[str, str]:
    """Column name → the table it references."""
    return {column.name: fk.column.table.name
            for column in table.columns for fk in column.foreign_keys}


@dataclass
class Seeds:
    """The seed ledger's rows, grouped by document, and the pools the perturbations and the
    queries draw from."""

    docs: list[dict[str, list[Row]]]
    stride: dict[str, int]  # each table's largest id: the id offset of one round
    events: int
    outlets: list[str] = field(default_factory=list)
    names: dict[str, list[str]] = field(default_factory=dict)  # entity type → names
    types: list[tuple[str, str]] = field(default_factory=list)  # (type, plover)
    name_rows: list[Row] = field(default_factory=list)  # the ``names`` table, copied once


def read_table(engine: Engine, table: SqlTable) -> list[Row]:
    """A table's rows as the database holds them (JSON as text, times as strings), so that
    they are written back as they are."""
    with engine.connect() as connection:
        result = connection.exec_driver_sql(
            f"SELECT {', '.join(c.name for c in table.columns)} FROM {table.name}")
        return [dict(r._mapping) for r in result]


def _owner(name: str, row: Row, owners: dict[str, dict[int, int]]) -> int:
    """The document a seed row belongs to."""
    if "document_id" in row:
        return int(row["document_id"])
    parent = "entities" if name == "mentions" else "events"
    return owners[parent][row["entity_id" if name == "mentions" else "event_id"]]


def read_seeds(path: Path) -> Seeds:
    with Ledger.open(str(path)) as ledger:
        rows = {name: read_table(ledger.engine, table) for name, table in tables().items()}
    owners: dict[str, dict[int, int]] = defaultdict(dict)
    grouped: dict[int, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for name in TABLES:
        for row in rows[name]:
            doc = row["id"] if name == "documents" else _owner(name, row, owners)
            if "id" in row:
                owners[name][row["id"]] = doc
            grouped[doc][name].append(row)
    stride = {name: max((r.get("id", 0) for r in rows[name]), default=0) for name in TABLES}
    names: dict[str, list[str]] = defaultdict(list)
    for entity in rows["entities"]:
        names[entity["type"]].append(entity["name"])
    return Seeds([grouped[d] for d in sorted(grouped)], stride, len(rows["events"]),
                 sorted({d["outlet"] for d in rows["documents"] if d["outlet"]}), dict(names),
                 sorted({(e["type"], e["plover"]) for e in rows["events"]}),
                 read_table(ledger.engine, Base.metadata.tables["names"]))


def shift_date(value: str | None, days: int) -> str | None:
    """An ISO date or date-time moved by ``days`` (anything else unchanged)."""
    if not value:
        return value
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


class Copier:
    """Makes the rows of one perturbed copy of a seed document, with new ids."""

    def __init__(self, seeds: Seeds, rng: random.Random) -> None:
        self.seeds = seeds
        self.rng = rng
        self.keys = {name: foreign_keys(table) for name, table in tables().items()}

    def copy(self, doc: dict[str, list[Row]], round_: int) -> dict[str, list[Row]]:
        offset = {name: round_ * self.seeds.stride[name] for name in TABLES}
        days = self.rng.randint(-5 * 365, 5 * 365)
        places: dict[int, tuple[float, float]] = {}
        self.names: dict[int, str] = {}  # entity id → its (perhaps new) name in this copy
        out: dict[str, list[Row]] = {}
        for name in TABLES:
            out[name] = [self._row(name, dict(row), offset, round_, days, places)
                         for row in doc.get(name, ())]
        out["event_claimants"] = claimants(out)
        for row in out["documents"]:
            row["record"] = copied_record(row, out)
        return out

    def _row(self, name: str, row: Row, offset: dict[str, int], round_: int, days: int,
             places: dict[int, tuple[float, float]]) -> Row:
        if "id" in row:
            row["id"] += offset[name]
        for column, parent in self.keys[name].items():
            if row[column] is not None:
                row[column] += offset[parent]
        perturb = getattr(self, f"_{name}", None)
        if perturb is not None:
            perturb(row, round_, days, places)
        return row

    def _documents(self, row: Row, round_: int, days: int, _p: object) -> None:
        prefix = f"{round_:x}-"
        row["key"] = prefix + row["key"][:64 - len(prefix)]
        row["record_id"] = prefix + row["record_id"][:64 - len(prefix)]
        row["url"] = f"{row['url'] or 'https://example.org/'}#copy-{round_}"
        row["published"] = shift_date(row["published"], days)
        if self.seeds.outlets and self.rng.random() < 0.5:
            row["outlet"] = self.rng.choice(self.seeds.outlets)

    def _entities(self, row: Row, *_: object) -> None:
        pool = self.seeds.names.get(row["type"])
        if row["type"] in ("PERSON", "ORG") and pool and self.rng.random() < 0.3:
            row["name"] = self.rng.choice(pool)
        self.names[row["id"]] = row["name"]

    def _claims(self, row: Row, *_: object) -> None:  # the copied speaker name follows
        if row["speaker_id"] is not None:
            row["speaker_name"] = self.names[row["speaker_id"]]

    def _event_parties(self, row: Row, *_: object) -> None:
        row["name"] = self.names[row["entity_id"]]

    def _places(self, row: Row, _r: int, _d: int,
                places: dict[int, tuple[float, float]]) -> None:
        row["lat"] = max(-90.0, min(90.0, row["lat"] + self.rng.gauss(0, 0.3)))
        row["lon"] = max(-180.0, min(180.0, row["lon"] + self.rng.gauss(0, 0.3)))
        places[row["id"]] = (row["lat"], row["lon"])

    def _events(self, row: Row, _r: int, days: int,
                places: dict[int, tuple[float, float]]) -> None:
        if row["place_id"] in places:
            row["lat"], row["lon"] = places[row["place_id"]]
        row["time_start"] = shift_date(row["time_start"], days)
        row["time_end"] = shift_date(row["time_end"], days)
        if self.rng.random() < 0.3:
            row["type"], row["plover"] = self.rng.choice(self.seeds.types)


def copied_record(document: Row, copy: dict[str, list[Row]]) -> str:
    """The stored record of a copy, changed as its rows were (its id, dates, event types
    and places), so that what reads records back (stories) sees the copy, not its seed."""
    record = json.loads(document["record"])
    record["document"]["id"] = document["record_id"]
    record["document"]["published"] = document["published"]
    record["document"]["outlet"] = document["outlet"]
    mine: dict[str, dict[str, Row]] = {"events": {}, "places": {}}
    for name in mine:
        mine[name] = {r["local_id"]: r for r in copy[name]
                      if r["document_id"] == document["id"]}
    for event in record["events"]:
        row = mine["events"].get(event["id"])
        if row is not None:
            event["type"], event["plover"] = row["type"], row["plover"]
            if event.get("time"):
                event["time"]["start"], event["time"]["end"] = row["time_start"], row["time_end"]
    for place in record["places"]:
        row = mine["places"].get(place["id"])
        if row is not None:
            place["lat"], place["lon"] = row["lat"], row["lon"]
    return json.dumps(record, ensure_ascii=False)


def claimants(copy: dict[str, list[Row]]) -> list[Row]:
    """The ``event_claimants`` rows of a copy, derived as ``newsledger.store.rows`` does:
    the speaker names and texts of each event's claim and of its figures' claims."""
    claims = {c["id"]: c for c in copy["claims"]}
    said = [(e["id"], e["claim_id"]) for e in copy["events"]]
    said += [(f["event_id"], f["claim_id"]) for f in copy["figures"]]
    rows: dict[tuple[int, str], Row] = {}
    for event_id, claim_id in said:
        claim = claims.get(claim_id)
        for name in (claim["speaker_name"], claim["speaker_text"]) if claim else ():
            if name and len(name) <= NAME_LENGTH:
                rows[(event_id, name)] = {"event_id": event_id, "name": name}
    return list(rows.values())


def copies(seeds: Seeds, target: int, rng: random.Random) -> Iterator[dict[str, list[Row]]]:
    """Perturbed copies of the seed documents, round after round, until ``target`` events."""
    copier = Copier(seeds, rng)
    events = round_ = 0
    while events < target:
        for doc in seeds.docs:
            copy = copier.copy(doc, round_)
            events += len(copy["events"])
            yield copy
            if events >= target:
                return
        round_ += 1


@dataclass
class Build:
    seconds: float = 0.0
    insert_seconds: float = 0.0
    index_seconds: float = 0.0
    rows: Counter[str] = field(default_factory=Counter)


class BulkWriter:
    """Writes generated rows fast into a ledger that ``Ledger.open`` created: for the build
    only, no journal (a crash would leave a broken file) and no sync, a large page cache,
    the secondary indexes and the triggers (full text, R*Tree) dropped; ``finish`` recreates
    them exactly as the migrations made them (their SQL is read back from ``sqlite_master``)
    and fills the full-text and R*Tree tables from the rows in one pass each. Rows go by the
    driver's ``executemany`` as tuples, with the INSERT statements compiled by SQLAlchemy
    Core from the models' tables."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-1000000",
                       "temp_store=MEMORY"):
            connection.exec_driver_sql(f"PRAGMA {pragma}")
        self.deferred = [tuple(r) for r in connection.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")]
        for kind, name, _sql in self.deferred:
            connection.exec_driver_sql(f"DROP {kind.upper()} {name}")
        connection.commit()
        dialect = connection.dialect
        self.statements = {name: (str(insert(t).compile(dialect=dialect)),
                                  operator.itemgetter(*[c.name for c in t.columns]))
                           for name, t in {**tables(), "names": Base.metadata.tables["names"]
                                           }.items()}

    def write(self, batch: dict[str, list[Row]], build: Build) -> None:
        started = time.perf_counter()
        cursor = self.connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        for name, (statement, values) in self.statements.items():
            if batch.get(name):
                cursor.executemany(statement, [values(r) for r in batch[name]])
                build.rows[name] += len(batch[name])
        self.connection.commit()
        build.insert_seconds += time.perf_counter() - started

    def finish(self, build: Build) -> None:
        started = time.perf_counter()
        for _kind, _name, sql in sorted(self.deferred, key=lambda d: d[0]):  # indexes first
            self.connection.exec_driver_sql(sql)
        for statement in _DERIVED:
            self.connection.exec_driver_sql(statement)
        self.connection.commit()
        self.connection.exec_driver_sql("PRAGMA journal_mode=WAL")  # as Ledger.open sets it
        build.index_seconds = time.perf_counter() - started


# The tables the triggers keep: filled from the rows once the build is done.
_DERIVED = (
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
    "INSERT INTO events_rtree SELECT id, lon, lon, lat, lat FROM events "
    "WHERE lat IS NOT NULL AND lon IS NOT NULL",
)


def build_ledger(seeds: Seeds, path: Path, target: int, batch_docs: int,
                 rng: random.Random) -> Build:
    """Fill a fresh ledger at ``path`` with perturbed copies of the seeds."""
    build = Build()
    started = time.perf_counter()
    with Ledger.open(str(path)) as ledger, ledger.engine.connect() as connection:
        writer = BulkWriter(connection)
        writer.write({"names": seeds.name_rows}, build)
        batch: dict[str, list[Row]] = defaultdict(list)
        for docs, copy in enumerate(copies(seeds, target, rng), 1):
            for name, rows in copy.items():
                batch[name].extend(rows)
            if docs % batch_docs == 0:
                writer.write(batch, build)
                batch = defaultdict(list)
        writer.write(batch, build)
        writer.finish(build)
    build.seconds = time.perf_counter() - started
    return build


def database_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
               if p.exists())


# -- queries --------------------------------------------------------------------------------

@dataclass
class Pools:
    """Values the queries draw from: all of them occur in the seeds."""

    types: list[str]
    outlets: list[str]
    actors: list[str]
    speakers: list[str]
    places: list[str]
    points: list[tuple[float, float]]
    words: list[str]
    claim_words: list[str]
    events: int


def frequent_words(texts: list[str], top: int = 300) -> list[str]:
    counts = Counter(w.lower() for text in texts for w in _WORD.findall(text))
    return [w for w, _ in counts.most_common(top)]


def make_pools(seeds: Seeds, events: int) -> Pools:
    rows: dict[str, list[Row]] = defaultdict(list)
    for doc in seeds.docs:
        for name, table_rows in doc.items():
            rows[name].extend(table_rows)
    entity = {e["id"]: e for e in rows["entities"]}
    place = {p["id"]: p for p in rows["places"]}
    speakers = {entity[c["speaker_id"]]["name"] for c in rows["claims"] if c["speaker_id"]}
    return Pools(
        types=sorted({t for t, _ in seeds.types}), outlets=seeds.outlets,
        actors=sorted({entity[p["entity_id"]]["name"] for p in rows["event_parties"]}
                      | {e["name"] for e in rows["entities"] if e["type"] == "ORG"}),
        speakers=sorted(speakers),
        places=sorted({place[e["place_id"]]["name"] for e in rows["events"] if e["place_id"]}),
        points=[(e["lon"], e["lat"]) for e in rows["events"] if e["lat"] is not None],
        words=frequent_words([d["body"] for d in rows["documents"]]),
        claim_words=frequent_words([c["content"] for c in rows["claims"]]),
        events=events)


def time_range(rng: random.Random, days: int) -> tuple[str, str]:
    start = date(2014, 1, 1) + timedelta(days=rng.randint(0, 11 * 365 - days))
    return start.isoformat(), (start + timedelta(days=days)).isoformat()


def box(rng: random.Random, pools: Pools, size: float) -> tuple[float, float, float, float]:
    lon, lat = rng.choice(pools.points)
    lon, lat = lon + rng.uniform(-size / 2, size / 2), lat + rng.uniform(-size / 2, size / 2)
    return (lon - size / 2, lat - size / 2, lon + size / 2, lat + size / 2)


Query = Callable[[Ledger, random.Random, Pools], int]


def _combined(ledger: Ledger, rng: random.Random, p: Pools) -> int:
    since, until = time_range(rng, 365)
    return len(ledger.events(type=rng.choice(p.types), since=since, until=until,
                             bbox=box(rng, p, 5.0)))


def _actor_year(ledger: Ledger, rng: random.Random, p: Pools) -> int:
    since, until = time_range(rng, 365)
    return len(ledger.events(actor=rng.choice(p.actors), since=since, until=until))


def _time(ledger: Ledger, rng: random.Random, p: Pools) -> int:
    since, until = time_range(rng, 30)
    return len(ledger.events(since=since, until=until))


QUERIES: dict[str, Query] = {
    "events --type": lambda lg, r, p: len(lg.events(type=r.choice(p.types))),
    "events --since/--until (30 days)": _time,
    "events --bbox (1°)": lambda lg, r, p: len(lg.events(bbox=box(r, p, 1.0))),
    "events --place": lambda lg, r, p: len(lg.events(place=r.choice(p.places))),
    "events --actor": lambda lg, r, p: len(lg.events(actor=r.choice(p.actors))),
    "events --speaker": lambda lg, r, p: len(lg.events(speaker=r.choice(p.speakers))),
    "events --outlet": lambda lg, r, p: len(lg.events(outlet=r.choice(p.outlets))),
    "events --text (1 word)": lambda lg, r, p: len(lg.events(text=r.choice(p.words))),
    "events --type --since/--until (1 y) --bbox (5°)": _combined,
    "events --actor --since/--until (1 y)": _actor_year,
    "events --offset (first 10,000)": lambda lg, r, p: len(
        lg.events(offset=r.randint(0, 10_000))),
    "events --offset (anywhere)": lambda lg, r, p: len(
        lg.events(offset=r.randint(0, max(0, p.events - 100)))),
    "claims --speaker": lambda lg, r, p: len(lg.claims(speaker=r.choice(p.speakers))),
    "claims --text (1 word)": lambda lg, r, p: len(lg.claims(text=r.choice(p.claim_words))),
    "search (2 words)": lambda lg, r, p: len(lg.search(" ".join(r.sample(p.words, 2)))),
}


def run_query(query: Query, ledger: Ledger, pools: Pools, rng: random.Random, runs: int,
              max_seconds: float) -> tuple[list[float], list[int]]:
    """Latencies (ms) and row counts of up to ``runs`` calls, after one warm-up call."""
    query(ledger, rng, pools)
    times: list[float] = []
    found: list[int] = []
    deadline = time.perf_counter() + max_seconds
    while len(times) < runs and time.perf_counter() < deadline:
        started = time.perf_counter()
        found.append(query(ledger, rng, pools))
        times.append(1000 * (time.perf_counter() - started))
    return times, found


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def query_table(path: Path, pools: Pools, args: argparse.Namespace) -> Table:
    table = Table(title=f"Query latency on {pools.events:,} events (SQLite, ms)")
    for column in ("query", "runs", "p50 ms", "p95 ms", "max ms", "mean rows"):
        table.add_column(column, justify="left" if column == "query" else "right")
    rng = random.Random(args.seed + 1)
    with Ledger.open(str(path)) as ledger:
        for name, query in QUERIES.items():
            times, found = run_query(query, ledger, pools, rng, args.runs, args.max_seconds)
            table.add_row(name, str(len(times)), f"{percentile(times, 50):.1f}",
                          f"{percentile(times, 95):.1f}", f"{max(times):.1f}",
                          f"{statistics.mean(found):.0f}")
    return table


# -- main -----------------------------------------------------------------------------------

def ingest_table(rows: list[list[str]], pages: int) -> Table:
    table = Table(title=f"Ingest into SQLite, first {pages} pages of the extraction benchmark")
    for column in ("pass", "documents", "seconds", "docs/s", "ms/doc", "rate vs analyze"):
        table.add_column(column, justify="left" if column == "pass" else "right")
    for row in rows:
        table.add_row(*row)
    return table


def size_table(build: Build, size: int, seeds: Seeds) -> Table:
    events = build.rows["events"]
    table = Table(title="The generated ledger")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("seed documents (real records) / their events",
                  f"{len(seeds.docs)} / {seeds.events}")
    for name in TABLES:
        table.add_row(f"rows: {name}", f"{build.rows[name]:,}")
    table.add_row("build seconds (rows made + inserted)", f"{build.seconds:.0f}")
    table.add_row("  of which in insert transactions", f"{build.insert_seconds:.0f}")
    table.add_row("  of which indexes, full text, R*Tree", f"{build.index_seconds:.0f}")
    table.add_row("events/s built", f"{events / build.seconds:,.0f}")
    table.add_row("database file MiB", f"{size / 2**20:,.0f}")
    table.add_row("bytes per event", f"{size / events:,.0f}")
    table.add_row("bytes per document", f"{size / build.rows['documents']:,.0f}")
    return table


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/bench/extraction"))
    parser.add_argument("--pages", type=int, default=100, help="pages ingested (first N)")
    parser.add_argument("--events", type=int, default=1_000_000,
                        help="events in the generated ledger (0: skip it and the queries)")
    parser.add_argument("--batch-docs", type=int, default=2000,
                        help="documents per insert transaction while generating")
    parser.add_argument("--runs", type=int, default=50, help="timed calls per query kind")
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="stop a query kind after this many seconds of calls")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the databases go (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--seed-ledger", type=Path, default=None,
                        help="skip the ingest passes and build from this seed ledger (the "
                        "seed.db a --keep run leaves; upgraded to the current schema)")
    parser.add_argument("--ledger", type=Path, default=None,
                        help="with --seed-ledger: skip the build and query this large ledger")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsledger-bench-", dir=args.workdir))
    console = Console(width=120)
    try:
        seed = args.seed_ledger
        if seed is None:
            rows, seed = ingest_rows(args, workdir)
            console.print(ingest_table(rows, args.pages))
        if args.events <= 0:
            return
        seeds = read_seeds(seed)
        big = args.ledger
        if big is None:
            big = workdir / "large.db"
            build = build_ledger(seeds, big, args.events, args.batch_docs,
                                 random.Random(args.seed))
            console.print(size_table(build, database_bytes(big), seeds))
        with Ledger.open(str(big)) as ledger:
            events = ledger.count("events")
        console.print(query_table(big, make_pools(seeds, events), args))
    finally:
        if args.keep:
            console.print(f"databases kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
