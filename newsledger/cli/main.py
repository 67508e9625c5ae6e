"""The ``newsledger`` command line (Typer + Rich)."""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsledger import __version__
from newsledger.cli.batch import batch
from newsledger.cli.console import err, out, print_error
from newsledger.cli.extract import extract
from newsledger.cli.ledger_commands import LEDGER_COMMANDS
from newsledger.cli.reference_data import actors_app, gazetteer_app
from newsledger.cli.serve import SERVE_COMMANDS
from newsledger.cli.watch import watch
from newsledger.errors import NewsledgerError
from newsledger.export.text_view import render
from newsledger.record_codec import record_json
from newsledger.records import Outcome
from newsledger.settings import Settings

app = typer.Typer(
    help="Turn raw news into a ledger of who did what to whom, where and when, and who says so.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
app.add_typer(actors_app, name="actors")
app.add_typer(gazetteer_app, name="gazetteer")
for _name, _command in LEDGER_COMMANDS + SERVE_COMMANDS:
    app.command(_name)(_command)
app.command("batch")(batch)
app.command("extract")(extract)
app.command("watch")(watch)


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class Scope(StrEnum):
    all = "all"
    conflict = "conflict"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsledger {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """newsledger: events, claims, places and figures from news, with their provenance."""


@app.command()
def analyze(
    sources: Annotated[list[str] | None, typer.Argument(
        help="What to analyse: .txt/.html files (optionally .gz), folders (walked "
        "recursively), WARC files (.warc, .warc.gz), JSON Lines (.jsonl: text or html plus "
        "url, title, published, outlet), http(s) URLs of pages or RSS/Atom feeds, or '-' "
        "for standard input.", show_default=False)] = None,
    urls: Annotated[list[Path] | None, typer.Option(
        "--urls", help="A file of URLs to fetch, one per line ('#' comments allowed). "
        "Repeatable.", show_default=False)] = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="text (default on a terminal), json (one record) or jsonl "
        "(one record per line, in input order).", show_default=False)] = None,
    scope: Annotated[Scope | None, typer.Option(
        "--scope", help="Which events to record: all (every type, the default) or conflict "
        "(ACLED's political violence, demonstrations and strategic developments: no "
        "accidents, natural disasters or organised crime). Default: NEWSLEDGER_EVENT_SCOPE, "
        "else all.", show_default=False)] = None,
) -> None:
    """Analyse news pages into newsledger/1 records.

    Examples:

      newsledger analyze article.txt

      newsledger analyze page.html.gz --format json

      newsledger analyze crawl.warc.gz pages/ --format jsonl > records.jsonl

      newsledger analyze https://example.org/feed.xml --urls more-urls.txt -f jsonl

      cat article.txt | newsledger analyze - --format jsonl

    A page whose body was already seen in the run is still analysed; its record names the
    first copy in document.duplicate_of. Exit status: 0 when every input was analysed, 1 when
    some were rejected (each gets a one-line error naming the input and the reason), 2 on a
    usage error.
    """
    if not sources and not urls:
        err.print("newsledger analyze: give at least one source or --urls FILE (see --help)")
        raise typer.Exit(2)
    chosen = fmt or (Format.text if out.is_terminal else Format.json)
    from newsledger.ingest.sources import iter_sources  # heavy imports only when needed
    from newsledger.pipeline import Analyzer

    try:
        settings = Settings.from_env()
        if scope is not None:
            settings = replace(settings, event_scope=scope.value)
        analyzer = Analyzer(settings)
    except NewsledgerError as exc:
        print_error(exc)
        raise typer.Exit(1) from exc
    items = iter_sources(sources or [], settings.max_bytes, [str(u) for u in urls or []],
                         allow_private=settings.allow_private_urls)
    rejected = sum(_emit(outcome, chosen) for outcome in analyzer.run(items))
    if rejected:
        raise typer.Exit(1)


def _emit(outcome: Outcome, fmt: Format) -> int:
    """Print one outcome; 1 when it was a rejection."""
    if outcome.rejection is not None:
        r = outcome.rejection
        err.print(f"newsledger: {r.source}: rejected ({r.reason}): {r.detail}",
                  highlight=False, soft_wrap=True, markup=False)
        return 1
    assert outcome.analysis is not None
    if fmt is Format.text:
        render(outcome.analysis, out)
    else:
        sys.stdout.write(record_json(outcome.analysis, indent=2 if fmt is Format.json else None))
        sys.stdout.write("\n")
        sys.stdout.flush()
    return 0


def main() -> None:
    """Console entry point."""
    app()

