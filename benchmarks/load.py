"""The HTTP API under load: throughput, p50/p99 latency and errors on a large ledger.

    python benchmarks/load.py [--db large.db] [--events 100000] [--seconds 30]
                              [--clients 4] [--rate R ...] [--cores 2] [--workers N]
                              [--seed 7]

Needs no ``--data``. **Ledger.** The real texts of ``tests/data`` (the seed article, the pages
of ``tests/data/pages`` and the CASE 2021 snippets of ``tests/data/stories/reports.json``)
are analysed and stored in a seed ledger (``<db>.seeds.db``); ``benchmarks/ledger.py``'s
generator copies and perturbs their rows (dates shifted by up to 5 years, outlets swapped,
names recombined, places jittered, event types redrawn) into ``--db`` until it holds at
least ``--events`` events. An existing ``--db`` (with its seeds file) is reused as it is.

**Server.** ``newsledger serve`` over the ledger on 127.0.0.1 with ``--workers`` processes
(default: one per core), without a rate limit (this measures the server, not the limiter)
or an access log. The benchmark and the server are confined to the first ``--cores`` CPUs.

**Load.** ``--clients`` concurrent clients (``httpx.AsyncClient``, one connection each) send
GET requests for ``--seconds``, each drawing a query kind by weight and its values from the
seeds (types, outlets, actor, speaker and place names, words, points): events by type and
year, 1-degree box, place, actor, outlet, all combined (type, year, 5-degree box), the
newest page and the pages after it (``cursor``), claims by speaker, full-text search,
stories of a month, GeoJSON of a 5-degree box, documents of an outlet, one stored record.
**Open loop.** With ``--rate R ...`` each rate follows: requests arrive at R a second on
average (Poisson), each sent when due on its own connection if need be, and its latency is
counted from when it was due (no coordinated omission: a closed loop waits for the server
and so offers it less when it is slow). A closed loop of clients flat out measures the
server at saturation, where latency is mostly queueing; an open loop at a given rate
measures the latency users see at that traffic.
**Baseline.** Before the load, each kind runs ``--baseline`` times from one client alone:
its unloaded latency, beside the loaded one. An error is any answer but 200, or no answer.
The goal (issue 10): no errors and p99 under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from ledger import Pools, box, build_ledger, make_pools, read_seeds, time_range  # script dir
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOAL_P99_MS = 100.0
Params = dict[str, Any]
Maker = Callable[[random.Random, Pools], Params]


# -- the ledger -----------------------------------------------------------------------------

def seed_pages() -> list[Any]:
    """The real texts of tests/data as Pages."""
    from newsledger.records import Page

    paths = [DATA / "panjshir-2021-09-03.txt", *sorted((DATA / "pages").iterdir())]
    pages = [Page(source=str(p), content=p.read_text(encoding="utf-8"),
                  kind="html" if p.suffix == ".html" else "text") for p in paths]
    reports = json.loads((DATA / "stories" / "reports.json").read_text(encoding="utf-8"))
    for name, report in sorted(reports.items()):
        pages.append(Page(source=name, content=report["text"], kind="text",
                          outlet=report.get("outlet"), published=report.get("published")))
    return pages


def build_seeds(path: Path) -> None:
    from newsledger.pipeline import Analyzer
    from newsledger.store import Ledger
    from newsledger.store.ledger_writer import PIPELINE_VERSION

    analyzer = Analyzer()
    analyses = [o.analysis for o in analyzer.run(seed_pages()) if o.analysis]
    with Ledger.open(str(path)) as ledger:
        ledger.write(analyses, [], PIPELINE_VERSION)


def prepare(db: Path, events: int, seed: int, console: Console) -> Pools:
    """The seeds' query pools; builds the seed ledger and ``db`` when missing."""
    from newsledger.store import Ledger

    seeds_path = db.with_name(db.name + ".seeds.db")
    if not seeds_path.exists():
        db.unlink(missing_ok=True)
        started = time.perf_counter()
        build_seeds(seeds_path)
        console.print(f"seed ledger: {seeds_path} ({time.perf_counter() - started:.0f} s)")
    seeds = read_seeds(seeds_path)
    if not db.exists():
        build = build_ledger(seeds, db, events, 2000, random.Random(seed))
        console.print(f"built {db}: {build.rows['documents']:,} documents, "
                      f"{build.rows['events']:,} events in {build.seconds:.0f} s")
    with Ledger.open(str(db)) as ledger:  # as an ingest run ends: the stories grouped
        done = ledger.refresh_stories()
    if done.documents:
        console.print(f"stories: {done.stories:,} grouped from {done.documents:,} documents "
                      f"in {done.seconds:.0f} s")
    return make_pools(seeds, events)


def ledger_counts(db: Path) -> tuple[int, int, list[str]]:
    """Events and documents in ``db``, and some document ids (for record requests)."""
    from sqlalchemy import func, select

    from newsledger.store import Filters, Ledger
    from newsledger.store.models import Base

    with Ledger.open(str(db)) as ledger, ledger.engine.connect() as connection:
        counts = [connection.execute(select(func.count()).select_from(
            Base.metadata.tables[name])).scalar_one() for name in ("events", "documents")]
        ids = [d.id for d in ledger.documents(Filters(limit=500))]
    return counts[0], counts[1], ids


# -- the server -----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """``newsledger serve`` on the ledger: ``workers`` processes, no rate limit (this
    measures the server, not the limiter), no access log."""
    port = free_port()
    command = [sys.executable, "-m", "newsledger.cli", "serve", "--db", str(db),
               "--port", str(port), "--rate-limit", "0", "--workers", str(workers),
               "--no-access-log"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/places?limit=1", timeout=5).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    raise SystemExit("the server did not start")


# -- the queries ----------------------------------------------------------------------------

def _year(rng: random.Random) -> Params:
    since, until = time_range(rng, 365)
    return {"since": since, "until": until}


def _bbox(rng: random.Random, pools: Pools, size: float) -> str:
    return ",".join(f"{v:.4f}" for v in box(rng, pools, size))


KINDS: dict[str, tuple[str, int, Maker]] = {
    "events newest": ("/api/events", 6, lambda r, p: {}),
    "events type+year": ("/api/events", 8, lambda r, p: {"type": r.choice(p.types),
                                                         **_year(r)}),
    "events bbox": ("/api/events", 8, lambda r, p: {"bbox": _bbox(r, p, 1.0)}),
    "events place": ("/api/events", 8, lambda r, p: {"place": r.choice(p.places)}),
    "events actor": ("/api/events", 8, lambda r, p: {"actor": r.choice(p.actors)}),
    "events outlet": ("/api/events", 5, lambda r, p: {"outlet": r.choice(p.outlets)}),
    "events combined": ("/api/events", 6, lambda r, p: {
        "type": r.choice(p.types), **_year(r), "bbox": _bbox(r, p, 5.0)}),
    "events next page": ("/api/events", 8, lambda r, p: {}),  # params: see next_page
    "claims speaker": ("/api/claims", 8, lambda r, p: {"speaker": r.choice(p.speakers)}),
    "search": ("/api/search", 8, lambda r, p: {"q": r.choice(p.words + p.claim_words)}),
    "stories month": ("/api/stories", 4, lambda r, p: dict(zip(
        ("since", "until"), time_range(r, 30), strict=True))),
    "geojson bbox": ("/api/events.geojson", 6, lambda r, p: {"bbox": _bbox(r, p, 5.0)}),
    "documents outlet": ("/api/documents", 5, lambda r, p: {"outlet": r.choice(p.outlets)}),
    "document record": ("/api/documents/{id}", 4, lambda r, p: {}),
}


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)
    cursors: list[str] = field(default_factory=list)


@dataclass
class Context:
    pools: Pools
    doc_ids: list[str]
    results: Results


async def one(http: httpx.AsyncClient, kind: str, rng: random.Random, ctx: Context,
              scheduled: float | None = None) -> None:
    """One request of ``kind``; its latency runs from ``scheduled`` (open loop: the time it
    was due, so a late client cannot hide the server's delay) or from its sending."""
    path, _weight, make = KINDS[kind]
    params = make(rng, ctx.pools)
    if kind == "document record":
        path = path.format(id=rng.choice(ctx.doc_ids))
    elif kind == "events next page" and ctx.results.cursors:
        params = {"cursor": rng.choice(ctx.results.cursors[-50:])}
    started = time.perf_counter() if scheduled is None else scheduled
    try:
        answer = await http.get(path, params=params)
        ok = answer.status_code == 200
        why = f"HTTP {answer.status_code} {answer.text[:120]}"
    except httpx.HTTPError as exc:
        ok, why, answer = False, f"{type(exc).__name__}: {exc}", None
    elapsed = (time.perf_counter() - started) * 1000
    ctx.results.latencies[kind].append(elapsed)
    if not ok:
        ctx.results.errors[kind] += 1
        if len(ctx.results.examples) < 5:
            ctx.results.examples.append(f"{kind} {path} {params}: {why}")
    elif path == "/api/events" and answer is not None:
        following = answer.json().get("next")
        if following:
            ctx.results.cursors.append(following)


async def client(base: str, ctx: Context, rng: random.Random, until: float | None,
                 kinds: list[str]) -> None:
    """One client: ``kinds`` in order (baseline), or weighted draws until ``until``."""
    names = list(KINDS)
    weights = [KINDS[k][1] for k in names]
    async with httpx.AsyncClient(base_url=base, timeout=30, trust_env=False,
                                 limits=httpx.Limits(max_connections=1)) as http:
        for kind in kinds:
            await one(http, kind, rng, ctx)
        while until is not None and time.perf_counter() < until:
            await one(http, rng.choices(names, weights)[0], rng, ctx)


async def drive(base: str, ctx: Context, clients: int, seconds: float,
                seed: int) -> float:
    until = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(*(client(base, ctx, random.Random(seed + n), until, [])
                           for n in range(clients)))
    return time.perf_counter() - started


async def open_loop(base: str, ctx: Context, rate: float, seconds: float,
                    seed: int) -> float:
    """Requests at ``rate`` a second on average (Poisson arrivals) for ``seconds``, each
    sent when it is due whatever the others are doing (up to 64 connections)."""
    rng = random.Random(seed)
    names = list(KINDS)
    weights = [KINDS[k][1] for k in names]
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, timeout=30, trust_env=False,
                                 limits=limits) as http:
        tasks: list[asyncio.Task[None]] = []
        started = time.perf_counter()
        due = 0.0
        while True:
            due += rng.expovariate(rate)
            if due >= seconds:
                break
            wait = started + due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            kind = rng.choices(names, weights)[0]
            tasks.append(asyncio.create_task(
                one(http, kind, random.Random(rng.random()), ctx, started + due)))
        await asyncio.gather(*tasks)
    return seconds


# -- the report -----------------------------------------------------------------------------

def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def report(loaded: Results, baseline: Results, seconds: float, load: str,
           args: argparse.Namespace, size: tuple[int, int]) -> Table:
    table = Table(title=f"API load: {load} for {seconds:.0f} s on "
                  f"{args.cores} cores, {args.workers or args.cores} server processes, "
                  f"ledger of {size[0]:,} events / {size[1]:,} documents")
    for name in ["query", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors",
                 "unloaded p50 ms"]:
        table.add_column(name, justify="left" if name == "query" else "right")
    everything: list[float] = []
    for kind in KINDS:
        times = loaded.latencies.get(kind, [])
        everything += times
        table.add_row(kind, f"{len(times):,}", f"{len(times) / seconds:.1f}",
                      f"{percentile(times, 50):.1f}", f"{percentile(times, 99):.1f}",
                      f"{max(times, default=float('nan')):.1f}",
                      str(loaded.errors.get(kind, 0)),
                      f"{percentile(baseline.latencies.get(kind, []), 50):.1f}")
    errors = sum(loaded.errors.values())
    table.add_row("all", f"{len(everything):,}", f"{len(everything) / seconds:.1f}",
                  f"{percentile(everything, 50):.1f}", f"{percentile(everything, 99):.1f}",
                  f"{max(everything, default=float('nan')):.1f}", str(errors),
                  f"{percentile([t for v in baseline.latencies.values() for t in v], 50):.1f}",
                  style="bold")
    return table


def run(args: argparse.Namespace, console: Console) -> bool:
    """The baseline, then the closed-loop load and each open-loop rate; True when every
    load met the goal."""
    db = (args.db or Path(tempfile.mkdtemp(prefix="newsledger-load-")) / "large.db").resolve()
    pools = prepare(db, args.events, args.seed, console)
    events, documents, doc_ids = ledger_counts(db)
    loads: list[tuple[str, float | None]] = [(f"{args.clients} clients flat out", None)]
    loads += [(f"{rate:g} requests/s offered (open loop)", rate) for rate in args.rate]
    process, base = start_server(db, args.workers or args.cores)
    measured: list[tuple[str, Results, float]] = []
    try:
        ctx = Context(pools, doc_ids, Results())
        warm = [k for k in KINDS for _ in range(args.baseline)]
        asyncio.run(client(base, ctx, random.Random(args.seed), None, warm))
        baseline = ctx.results
        for name, rate in loads:
            ctx.results = Results(cursors=baseline.cursors)
            seconds = asyncio.run(
                drive(base, ctx, args.clients, args.seconds, args.seed) if rate is None
                else open_loop(base, ctx, rate, args.seconds, args.seed))
            measured.append((name, ctx.results, seconds))
    finally:
        process.terminate()
        process.wait(timeout=30)
    return all([_verdict(console, name, results, baseline, seconds, args, (events, documents))
                for name, results, seconds in measured])


def _verdict(console: Console, name: str, results: Results, baseline: Results,
             seconds: float, args: argparse.Namespace, size: tuple[int, int]) -> bool:
    console.print(report(results, baseline, seconds, name, args, size))
    for example in results.examples:
        console.print(f"  error: {example}", highlight=False)
    everything = [t for v in results.latencies.values() for t in v]
    p99, errors = percentile(everything, 99), sum(results.errors.values())
    met = errors == 0 and p99 < GOAL_P99_MS and size[0] >= 100_000
    console.print(f"goal under {name} (0 errors, p99 < {GOAL_P99_MS:.0f} ms, >= 100,000 "
                  f"events): {'met' if met else 'NOT met'} (errors {errors}, p99 {p99:.1f} "
                  f"ms, {size[0]:,} events)", highlight=False)
    return met


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, default=None,
                        help="the large ledger (SQLite file): reused if it exists, else built "
                        "(default: a new temporary folder)")
    parser.add_argument("--events", type=int, default=100_000, help="events to build")
    parser.add_argument("--seconds", type=float, default=30.0, help="load duration")
    parser.add_argument("--clients", type=int, default=4,
                        help="concurrent clients of the closed-loop load (each sends its next "
                        "request when the last is answered)")
    parser.add_argument("--rate", type=float, nargs="*", default=[],
                        help="open-loop loads after it: requests per second offered (Poisson "
                        "arrivals, latency from the time each was due), e.g. --rate 20 40")
    parser.add_argument("--cores", type=int, default=2, help="CPUs for server and clients")
    parser.add_argument("--baseline", type=int, default=10,
                        help="unloaded requests per kind, one client, before the load")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    parser.add_argument("--workers", type=int, default=0,
                        help="server processes (newsledger serve --workers; default: --cores)")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    cpus = sorted(os.sched_getaffinity(0))[:args.cores]
    os.sched_setaffinity(0, cpus)  # inherited by the server process
    console = Console(width=120)
    sys.exit(0 if run(args, console) else 1)


if __name__ == "__main__":
    main()
