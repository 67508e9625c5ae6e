"""Language identification as admission uses it: no English page refused, no other page let in.

    python benchmarks/language.py --data ../shared/bench

English texts: the 1,019 CASE 2021 task 2 snippets (one sentence or two each), the 788
articles of GeoWebNews and LGL (``geo/*.xml``) whole, and their first 160 characters (as
short as a brief). Other languages: the pages of the scrapinghub extraction benchmark whose
gold body the detector does not read as English (Russian, Korean, Japanese, Portuguese,
Indonesian...), each through the page path (``read_stream`` then ``extract_document``).
For each threshold on the detector's probability (``ingest.language.identify``: resiliparse's
detector for English, py3langid over three windows otherwise), the table
gives the English texts that would be refused and the other pages that would be let in;
``ingest.admit.LANGUAGE_CONFIDENCE`` is the threshold in use.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsledger.errors import RejectedInput
from newsledger.ingest import read_stream
from newsledger.ingest.admit import LANGUAGE_CONFIDENCE, SUPPORTED_LANGUAGES
from newsledger.ingest.html_page import extract_html_page
from newsledger.ingest.language import identify

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95)


def english_texts(data: Path) -> dict[str, list[str]]:
    snippets = [line.split("\t")[1] for line in
                (data / "events" / "case2021-task2-test.tsv").read_text("utf-8").splitlines()
                if line.count("\t") >= 1 and line.split("\t")[0].isdigit()]
    articles: list[str] = []
    for path in sorted((data / "geo").glob("*.xml")):
        raw = path.read_text("utf-8", errors="ignore")
        articles += [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text>(.*?)</text>", raw,
                                                                      re.S)]
    return {"CASE 2021 snippets": snippets, "GWN + LGL articles": articles,
            "GWN + LGL, first 160 characters": [a[:160] for a in articles]}


def other_pages(data: Path) -> list[str]:
    """The bodies newsledger extracts from the benchmark pages whose gold is not English."""
    gold = json.loads((data / "extraction" / "ground-truth.json").read_text("utf-8"))
    found = []
    for key, entry in sorted(gold.items()):
        if identify(entry["articleBody"])[0] in SUPPORTED_LANGUAGES:
            continue
        path = data / "extraction" / "html" / f"{key}.html.gz"
        try:
            page = read_stream(path.read_bytes(), str(path), 5_000_000)
            found.append(extract_html_page(page).text)
        except RejectedInput:
            continue
    return found


def refused(text: str, threshold: float) -> bool:
    code, probability = identify(text)
    return code not in SUPPORTED_LANGUAGES and probability >= threshold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="../shared/bench")
    args = parser.parse_args()
    english = english_texts(args.data)
    others = other_pages(args.data)
    table = Table("threshold", *(f"{name} refused ({len(texts)})" for name, texts in
                                 english.items()), f"other pages let in ({len(others)})",
                  title="Language identification (resiliparse, py3langid) at admission")
    for threshold in THRESHOLDS:
        cells = [str(sum(refused(t, threshold) for t in texts)) for texts in english.values()]
        let_in = sum(not refused(t, threshold) for t in others)
        mark = " (in use)" if threshold == LANGUAGE_CONFIDENCE else ""
        table.add_row(f"{threshold:.2f}{mark}", *cells, str(let_in))
    Console(width=140).print(table)


if __name__ == "__main__":
    main()
