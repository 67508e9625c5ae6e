"""Handing a large backlog to ``newsledger batch``: the articles a watch fetched, written as
JSON Lines files (the input ``batch`` reads: one page a line, ``html`` or ``text`` with its
``url``, ``title``, ``published``, ``outlet`` and ``authors``) into a spool folder, for a Dask
cluster to analyse (``newsledger batch SPOOL --db LEDGER``) while the watch goes on polling.

A file appears whole or not at all (written under a dot name, then renamed), and its items
are marked taken only after it is in place, so a crash between the two repeats a file's
articles rather than losing them; the ledger recognises a repeated article by its key when
``batch`` loads it (counted as already stored).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from newsledger.records import Page


class BatchSpool:
    """Writes pages into JSON Lines files in ``folder`` for ``newsledger batch``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def write(self, source_id: int, pages: Sequence[Page]) -> Path | None:
        """One file holding ``pages`` (None when there are none); its path."""
        if not pages:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        final = self.folder / f"watch-{source_id}-{stamp}.jsonl"
        temporary = final.with_name(f".{final.name}.part")
        with temporary.open("w", encoding="utf-8") as out:
            for page in pages:
                out.write(json.dumps(_line(page), ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, final)
        return final


def _line(page: Page) -> dict[str, object]:
    body = "html" if page.kind == "html" else "text"
    facts = {"url": page.url, "title": page.title, "published": page.published,
             "outlet": page.outlet, "authors": list(page.authors) or None}
    return {body: page.content, **{k: v for k, v in facts.items() if v is not None}}
