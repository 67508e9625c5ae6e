"""The ``newsledger extract`` command: the clean articles alone, as fast as extraction goes.

What users of trafilatura reach for, and what a crawler pipes into ``batch``: every source
``analyze`` reads, each page read, cleaned and admitted as ``analyze`` does it (page chrome,
dateline, language, metadata), and written as the record's ``document`` fields. No language
model is loaded.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsledger.cli.console import err


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


def extract(
    sources: Annotated[list[str] | None, typer.Argument(
        help="What to extract: any source `analyze` takes (files, folders, WARC, JSON Lines, "
        "URLs, feeds, '-').", show_default=False)] = None,
    urls: Annotated[list[Path] | None, typer.Option(
        "--urls", help="A file of URLs to fetch, one per line. Repeatable.",
        show_default=False)] = None,
    fmt: Annotated[ExtractFormat, typer.Option(
        "--format", "-f", help="jsonl (one article per line, the default), json (a list) or "
        "text (title, metadata and body, articles apart by a blank line and '---').")
    ] = ExtractFormat.jsonl,
) -> None:
    """The clean articles of news pages: body, title, publication date, outlet, authors,
    dateline, language and URL, without analysis.

    Examples:

      newsledger extract pages/ > articles.jsonl

      newsledger extract crawl.warc.gz -f text | less

      newsledger extract https://example.org/feed.xml -f json

    Exit status: 0 when every input gave an article, 1 when some were rejected (each gets a
    one-line error naming the input and the reason), 2 on a usage error.
    """
    if not sources and not urls:
        err.print("newsledger extract: give at least one source or --urls FILE (see --help)")
        raise typer.Exit(2)
    from newsledger.errors import RejectedInput
    from newsledger.ingest import extract_document
    from newsledger.ingest.sources import iter_sources
    from newsledger.records import Rejection
    from newsledger.settings import Settings

    settings = Settings.from_env()
    rejected = 0
    found: list[dict[str, Any]] = []
    items = iter_sources(sources or [], settings.max_bytes, [str(u) for u in urls or []],
                         allow_private=settings.allow_private_urls)
    for item in items:
        try:
            if isinstance(item, Rejection):
                raise RejectedInput(item.source, item.reason, item.detail)
            document = asdict(extract_document(item))
        except RejectedInput as exc:
            rejected += 1
            err.print(f"newsledger: {exc.source}: rejected ({exc.reason}): {exc.detail}",
                      highlight=False, soft_wrap=True, markup=False)
            continue
        document["authors"] = list(document["authors"])
        if fmt is ExtractFormat.json:
            found.append(document)
        else:
            sys.stdout.write(_line(document, fmt))
    if fmt is ExtractFormat.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
    if rejected:
        raise typer.Exit(1)


def _line(document: dict[str, Any], fmt: ExtractFormat) -> str:
    if fmt is ExtractFormat.jsonl:
        return json.dumps(document, ensure_ascii=False) + "\n"
    facts = [(k, document.get(k)) for k in ("url", "published", "outlet", "dateline",
                                            "language", "source")]
    head = [document.get("title") or "(untitled)",
            *(f"{k}: {v}" for k, v in facts if v),
            *([f"authors: {', '.join(document['authors'])}"] if document["authors"] else [])]
    return "\n".join(head) + "\n\n" + str(document["text"]) + "\n\n---\n\n"
