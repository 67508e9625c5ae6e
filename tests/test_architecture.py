"""The layering of ``docs/architecture.md``, checked on the imports the source states.

records <- stages <- pipeline <- store <- interfaces (cli, api, web, distributed, watch), with the
export formats beside the interfaces: they use them, the store and the layers under it never.

How the imports are read (no module of the package is imported, so this runs in well under a
second): every ``newsledger/**/*.py`` but the web UI's static files is parsed with ``ast``, and
every ``import`` and ``from ... import`` is kept with its file, line and kind:

- ``module``: a runtime import run when the module loads (also inside ``try``, ``if`` or a
  class body);
- ``typing``: under ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``), at module level;
- ``local``: inside a function, run on first call (also a ``TYPE_CHECKING`` block there).

Relative imports are resolved against the importing module; ``from newsledger.x import y``
names the module ``newsledger.x.y`` when that file exists and ``newsledger.x`` otherwise;
``import newsledger.x.y`` names ``newsledger.x.y``. A package's ``__init__`` that runs when a
submodule is imported is not an edge: only the module an import statement names is.
``importlib.import_module`` with a computed name is not seen.

The layering rules count every kind. An import under ``TYPE_CHECKING`` or inside a function
is still a dependency: the annotation or the call needs the other layer to mean anything, and
a function-local import only hides it from load time.

Cycles count the same three kinds. A function-local import is the usual way to get past a
load-time cycle, and a ``TYPE_CHECKING`` import the usual way to annotate with a type of a
module that imports this one; both leave the two modules depending on each other, which is
what the cycles this test was written against (``geo.gazetteer`` <-> ``geo.prior`` through a
``TYPE_CHECKING`` import, ``ingest.fetch`` <-> ``ingest.feeds`` through a function-local one,
``store.database`` <-> ``store.story_store`` through a ``TYPE_CHECKING`` one) were. A knot of
modules that import one another is reported as loops that put each of its modules on one,
every edge with its file, line and kind.
"""

from __future__ import annotations

import ast
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "newsledger"
SKIPPED = (PACKAGE / "web" / "static",)  # the web UI's files (vendored JavaScript, no Python)

KINDS = ("module", "typing", "local")


@dataclass(frozen=True)
class Import:
    """One module's import of another (``target``: dotted, resolved to a module if ours)."""

    importer: str
    target: str
    path: str  # relative to the repository root
    line: int
    kind: str  # one of KINDS

    def where(self) -> str:
        return f"{self.path}:{self.line}: {self.importer} -> {self.target} ({self.kind})"


@dataclass(frozen=True)
class Rule:
    """Modules under ``importers`` must import nothing under ``forbidden``."""

    name: str
    importers: tuple[str, ...]
    forbidden: tuple[str, ...]
    reason: str


# The layers, by dotted prefix (a prefix matches itself and what is under it, at a dot).
RECORDS = ("newsledger.records",)
FOUNDATIONS = ("newsledger.errors", "newsledger.settings", "newsledger.watchdog",
               "newsledger.record_codec")
STAGES = ("newsledger.ingest", "newsledger.nlp", "newsledger.geo", "newsledger.claims",
          "newsledger.events", "newsledger.stories", "newsledger.event_codes")
PIPELINE = ("newsledger.pipeline",)
STORE = ("newsledger.store",)
EXPORT = ("newsledger.export",)
INTERFACES = ("newsledger.api", "newsledger.web", "newsledger.cli", "newsledger.distributed",
              "newsledger.watch")
DASK = ("dask", "distributed")  # the third-party packages (ours is newsledger.distributed)

RULES: tuple[Rule, ...] = (
    Rule("records-import-nothing-of-ours", RECORDS, ("newsledger",),
         "the records are the contract every layer speaks; they depend on no layer"),
    Rule("foundations-import-no-layer", FOUNDATIONS,
         STAGES + PIPELINE + STORE + EXPORT + INTERFACES,
         "errors, settings, the watchdog and the record codec sit under every layer, "
         "which all import them"),
    Rule("stage-imports-no-store", STAGES, STORE,
         "a stage turns records into records; persisting them is the store's job, above "
         "the pipeline"),
    Rule("stage-imports-no-pipeline", STAGES, PIPELINE,
         "the pipeline composes the stages; a stage that reached back up would make a cycle"),
    Rule("stage-imports-no-interface", STAGES, INTERFACES,
         "stages run the same under the CLI, the API and a Dask worker, so they know none"),
    Rule("pipeline-imports-no-store-export-or-interface", PIPELINE,
         STORE + EXPORT + INTERFACES,
         "Analyzer.run is the one front door the store and every interface call; it knows "
         "none of its callers"),
    Rule("store-imports-no-export", STORE, EXPORT,
         "the ledger keeps records through record_codec; export formats read the ledger's "
         "rows, so the store below them must not import them"),
    Rule("store-imports-no-interface", STORE, INTERFACES,
         "the CLI, the API and the Dask loader all use the ledger; it serves them and knows "
         "none"),
    Rule("export-imports-no-store-pipeline-or-interface", EXPORT,
         STORE + PIPELINE + INTERFACES,
         "writers take plain dicts and records, so any caller (CLI, API, Dask output) can "
         "use them without a ledger"),
    Rule("dask-only-in-distributed-and-cli", RECORDS + FOUNDATIONS + STAGES + PIPELINE + STORE
         + EXPORT + ("newsledger.api", "newsledger.web", "newsledger.watch"), DASK,
         "Dask is an optional way to run batches: newsledger.distributed runs it, and "
         "`newsledger batch` (the CLI) starts it"),
    Rule("nothing-imports-the-cli", RECORDS + FOUNDATIONS + STAGES + PIPELINE + STORE + EXPORT
         + ("newsledger.api", "newsledger.web", "newsledger.distributed", "newsledger.watch"),
         ("newsledger.cli",),
         "the CLI is the top of the house: the server and the Dask workers must not load "
         "Typer and Rich through it"),
)


# --- reading the imports ----------------------------------------------------------------


def under(name: str, prefix: str) -> bool:
    """``name`` is ``prefix`` or inside it (``newsledger.store.rows`` under
    ``newsledger.store``; ``newsledger.storefront`` is not)."""
    return name == prefix or name.startswith(prefix + ".")


def under_any(name: str, prefixes: Iterable[str]) -> bool:
    return any(under(name, p) for p in prefixes)


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _statements(body: Sequence[ast.stmt], kind: str) -> Iterator[tuple[ast.stmt, str]]:
    """Every import statement in ``body`` with its kind, walking into blocks."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, kind
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _statements(node.body, "local")
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _statements(node.body, "local" if kind == "local" else "typing")
            yield from _statements(node.orelse, kind)
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                block = getattr(node, field, None)
                if isinstance(block, list):
                    inner = [s for s in block if isinstance(s, ast.stmt)]
                    for handler in block:
                        if isinstance(handler, ast.ExceptHandler | ast.match_case):
                            inner.extend(handler.body)
                    yield from _statements(inner, kind)


def _resolve(base: str, names: Iterable[str], modules: frozenset[str]) -> Iterator[str]:
    """``from base import names``: the submodule for a name that is one, else ``base``."""
    for name in names:
        candidate = f"{base}.{name}"
        yield candidate if name != "*" and candidate in modules else base


def _longest_module(name: str, modules: frozenset[str]) -> str:
    """``import a.b.c``: the deepest of a.b.c, a.b, a that is one of ours (else as written)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in modules:
            return ".".join(parts[:end])
    return name


def imports_of_source(source: str, module: str, path: str, *, is_package: bool,
                      modules: frozenset[str]) -> list[Import]:
    """Every import of one module's source text, resolved against ``modules`` (ours)."""
    found: list[Import] = []
    for node, kind in _statements(ast.parse(source, filename=path).body, "module"):
        if isinstance(node, ast.Import):
            targets = [_longest_module(a.name, modules) for a in node.names]
        else:
            assert isinstance(node, ast.ImportFrom)
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            targets = list(_resolve(base, (a.name for a in node.names), modules))
        for target in dict.fromkeys(targets):  # `from x import a, b` of one module: once
            found.append(Import(module, target, path, node.lineno, kind))
    return found


def source_files(package: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in package.rglob("*.py")
                  if not any(p.is_relative_to(skipped) for skipped in SKIPPED))


@cache
def package_imports() -> tuple[Import, ...]:
    files = source_files()
    modules = frozenset(module_name(p) for p in files)
    found: list[Import] = []
    for path in files:
        found += imports_of_source(path.read_text(encoding="utf-8"), module_name(path),
                                   str(path.relative_to(ROOT)),
                                   is_package=path.name == "__init__.py", modules=modules)
    return tuple(found)


# --- the checks, on any import graph ----------------------------------------------------


def violations(rule: Rule, imports: Iterable[Import]) -> list[Import]:
    return [i for i in imports
            if under_any(i.importer, rule.importers) and under_any(i.target, rule.forbidden)]


def cycles(imports: Iterable[Import], kinds: Iterable[str] = KINDS) -> list[list[Import]]:
    """Loops of edges through each knot of mutually importing modules of ours (a strongly
    connected component), counting imports of the given kinds, until every module of the knot
    is on one of them; a module importing itself is no cycle."""
    kinds = set(kinds)
    edges: dict[str, dict[str, Import]] = defaultdict(dict)
    for i in imports:
        if i.kind in kinds and i.importer != i.target and under(i.target, "newsledger"):
            edges[i.importer].setdefault(i.target, i)
    loops = []
    for component in _strongly_connected(edges):
        on_a_loop: set[str] = set()
        for start in sorted(component) if len(component) > 1 else ():
            if start not in on_a_loop:
                loop = _loop_through(start, component, edges)
                loops.append(loop)
                on_a_loop.update(i.importer for i in loop)
    return sorted(loops, key=lambda loop: loop[0].importer)


def _strongly_connected(edges: Mapping[str, Mapping[str, Import]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (deep import chains must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    nodes = sorted(set(edges) | {t for out in edges.values() for t in out})
    for start in nodes:
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges.get(start, {}))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            step = next(successors, None)
            if step is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    found.append(component)
            elif step not in index:
                index[step] = low[step] = len(index)
                stack.append(step)
                on_stack.add(step)
                work.append((step, iter(sorted(edges.get(step, {})))))
            elif step in on_stack:
                low[node] = min(low[node], index[step])
    return found


def _loop_through(start: str, component: set[str],
                  edges: Mapping[str, Mapping[str, Import]]) -> list[Import]:
    """The shortest loop from ``start`` back to itself inside ``component`` (breadth first)."""
    came_by: dict[str, Import] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target, edge in sorted(edges.get(node, {}).items()):
            if target not in component:
                continue
            if target == start:
                loop = [edge]
                while loop[0].importer != start:
                    loop.insert(0, came_by[loop[0].importer])
                return loop
            if target not in came_by:
                came_by[target] = edge
                queue.append(target)
    raise AssertionError(f"no loop through {start}")  # a component always has one


def describe_cycle(loop: Sequence[Import]) -> str:
    names = " -> ".join([loop[0].importer, *(i.target for i in loop)])
    return "\n".join([names, *(f"    {i.where()}" for i in loop)])


# --- the package as it stands -----------------------------------------------------------


def test_the_imports_are_read() -> None:
    """A guard on the reader: the tree parses and its known imports are found."""
    imports = package_imports()
    by_importer = {(i.importer, i.target) for i in imports}
    assert len(source_files()) > 100
    assert ("newsledger.pipeline", "newsledger.records") in by_importer
    assert ("newsledger.stories.builder", "newsledger.stories.grouping") in by_importer


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_layering_rule(rule: Rule) -> None:
    found = violations(rule, package_imports())
    assert not found, (
        f"{rule.name}: {', '.join(rule.importers)} must not import "
        f"{', '.join(rule.forbidden)} ({rule.reason}):\n"
        + "\n".join(f"  {i.where()}" for i in found))


def test_records_import_nothing_of_ours() -> None:
    records = [i for i in package_imports() if i.importer == "newsledger.records"]
    ours = [i for i in records if under(i.target, "newsledger")]
    assert not ours, "newsledger/records.py imports:\n" + "\n".join(
        f"  {i.where()}" for i in ours)


def test_no_import_cycle() -> None:
    found = cycles(package_imports())
    assert not found, (f"{len(found)} import loop(s):\n"
                       + "\n".join(describe_cycle(loop) for loop in found))


# --- the checks can fail: synthetic graphs, no files ------------------------------------


def _edge(importer: str, target: str, kind: str = "module") -> Import:
    return Import(importer, target, "synthetic.py", 1, kind)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_each_rule_catches_its_imports(rule: Rule) -> None:
    for importer in rule.importers:
        for forbidden in rule.forbidden:
            for kind in KINDS:
                bad = [_edge(importer, forbidden, kind),
                       _edge(f"{importer}.deep", f"{forbidden}.inner", kind)]
                assert violations(rule, bad) == bad, (importer, forbidden, kind)
    fine = [_edge(rule.importers[0], "json"), _edge("elsewhere", rule.forbidden[0])]
    assert violations(rule, fine) == []


def test_prefixes_match_at_dots_only() -> None:
    assert under("newsledger.store.rows", "newsledger.store")
    assert not under("newsledger.storefront", "newsledger.store")
    assert not under("newsledger.distributed.runner", "distributed")  # ours is not Dask's
    assert under("distributed", "distributed")


def test_a_cycle_is_found_with_its_edges() -> None:
    graph = [_edge("newsledger.a", "newsledger.b"),
             _edge("newsledger.b", "newsledger.c", "typing"),
             _edge("newsledger.c", "newsledger.a", "local"),
             _edge("newsledger.c", "newsledger.d"),
             _edge("newsledger.d", "json"),
             _edge("newsledger.e", "newsledger.e")]
    [loop] = cycles(graph)
    assert [i.importer for i in loop] == ["newsledger.a", "newsledger.b", "newsledger.c"]
    assert describe_cycle(loop).startswith(
        "newsledger.a -> newsledger.b -> newsledger.c -> newsledger.a\n")
    assert cycles(graph, kinds=("module", "typing")) == []
    assert cycles(graph[1:]) == []


def test_every_module_of_a_knot_is_shown_on_a_loop() -> None:
    graph = [_edge("newsledger.store", "newsledger.store.database", "typing"),
             _edge("newsledger.store.database", "newsledger.store"),
             _edge("newsledger.store.database", "newsledger.store.story_store"),
             _edge("newsledger.store.story_store", "newsledger.store.database", "typing")]
    assert [describe_cycle(loop).splitlines()[0] for loop in cycles(graph)] == [
        "newsledger.store -> newsledger.store.database -> newsledger.store",
        "newsledger.store.story_store -> newsledger.store.database -> newsledger.store.story_store",
    ]


def test_the_reader_sorts_kinds_and_resolves_names() -> None:
    modules = frozenset({"newsledger", "newsledger.geo", "newsledger.geo.prior",
                         "newsledger.geo.gazetteer", "newsledger.store",
                         "newsledger.store.database", "newsledger.records"})
    source = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "import newsledger.store.database\n"
        "from . import prior\n"
        "from .. import records\n"
        "from newsledger.store import DEFAULT_URL, database\n"
        "if TYPE_CHECKING:\n"
        "    from .prior import Prior\n"
        "else:\n"
        "    import dask\n"
        "try:\n"
        "    import distributed.utils\n"
        "except ImportError:\n"
        "    from newsledger import records\n"
        "def later():\n"
        "    from newsledger.geo.gazetteer import Gazetteer\n"
        "    if TYPE_CHECKING:\n"
        "        import newsledger.records\n"
        "class Holder:\n"
        "    from newsledger.store import database as db\n")
    found = imports_of_source(source, "newsledger.geo.gazetteer", "g.py", is_package=False,
                              modules=modules)
    assert [(i.target, i.line, i.kind) for i in found] == [
        ("__future__", 1, "module"),
        ("typing", 2, "module"),
        ("newsledger.store.database", 3, "module"),
        ("newsledger.geo.prior", 4, "module"),
        ("newsledger.records", 5, "module"),
        ("newsledger.store", 6, "module"),
        ("newsledger.store.database", 6, "module"),
        ("newsledger.geo.prior", 8, "typing"),
        ("dask", 10, "module"),
        ("distributed.utils", 12, "module"),
        ("newsledger.records", 14, "module"),
        ("newsledger.geo.gazetteer", 16, "local"),
        ("newsledger.records", 18, "local"),
        ("newsledger.store.database", 20, "module"),
    ]
    in_init = imports_of_source("from .prior import x\nfrom . import gazetteer\n",
                                "newsledger.geo", "i.py", is_package=True, modules=modules)
    assert [i.target for i in in_init] == ["newsledger.geo.prior", "newsledger.geo.gazetteer"]
