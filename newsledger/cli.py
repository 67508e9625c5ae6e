"""The ``newsledger`` command line (Typer + Rich)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from newsledger import __version__
from newsledger.errors import NewsledgerError
from newsledger.export.record_json import record_json
from newsledger.export.text_view import render
from newsledger.records import Outcome

app = typer.Typer(
    help="Turn raw news into a ledger of who did what to whom, where and when, and who says so.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console()
err = Console(stderr=True)


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


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
    paths: Annotated[list[str], typer.Argument(
        help="Pages to analyse: .txt or .html files, optionally .gz; '-' reads standard input.",
        show_default=False)],
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="text (default on a terminal), json (one record) or jsonl "
        "(one record per line, in input order).", show_default=False)] = None,
) -> None:
    """Analyse news pages into newsledger/1 records.

    Examples:

      newsledger analyze article.txt

      newsledger analyze page.html.gz --format json

      cat article.txt | newsledger analyze - --format jsonl

    Exit status: 0 when every input was analysed, 1 when some were rejected (each gets a
    one-line error naming the file and the reason), 2 on a usage error.
    """
    chosen = fmt or (Format.text if out.is_terminal else Format.json)
    from newsledger.pipeline import Analyzer  # heavy: loads spaCy, so only when needed

    try:
        analyzer = Analyzer()
    except NewsledgerError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    rejected = 0
    for source in paths:
        data = sys.stdin.buffer.read() if source == "-" else None
        outcome = analyzer.analyze_source(source, data)
        rejected += _emit(outcome, chosen)
    if rejected:
        raise typer.Exit(1)


def _emit(outcome: Outcome, fmt: Format) -> int:
    """Print one outcome; 1 when it was a rejection."""
    if outcome.rejection is not None:
        r = outcome.rejection
        err.print(f"newsledger: {r.source}: rejected ({r.reason}): {r.detail}",
                  highlight=False, soft_wrap=True)
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


if __name__ == "__main__":
    main()
