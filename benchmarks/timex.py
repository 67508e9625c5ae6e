"""Time expressions resolved against the publication date: newsledger against dateparser.

    python benchmarks/timex.py [--data benchmarks/data/timex_gold.jsonl] [--examples K]

The gold file holds real expressions with their sentence and publication date, taken from
the dated articles of the extraction benchmark and the dev-gold set, normalised by hand in
TimeML's way (``start``/``end`` days, ``precision``; durations and sets have no dates):
see ``benchmarks/data/README.md``. Each system resolves the expression as it stands in its
sentence, with the publication date as the anchor:

* ``newsledger``: ``find_time_expressions(sentence, published)``, the expression found that
  overlaps the gold one (none found: unresolved);
* ``dateparser``: ``dateparser.parse(expression, settings={"RELATIVE_BASE": published,
  "PREFER_DATES_FROM": "past"})``, a single day (a month or a year when the expression
  names only that: dateparser's ``date_data`` period).

Scores, per system: *exact* (start and end both equal the gold's; for a duration or a set,
no date given), *overlap* (the windows share a day), *unresolved* (no date for a gold date),
*false date* (a date for a duration or a set), and the precision agreement.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from newsledger.events.timex import find_time_expressions, parse_anchor, with_precision
from newsledger.records import TimeWindow

DEFAULT = Path(__file__).resolve().parent / "data" / "timex_gold.jsonl"


@dataclass(frozen=True)
class Gold:
    doc: str
    published: str
    sentence: str
    expression: str
    start: str | None
    end: str | None
    precision: str | None
    kind: str


def read_gold(path: Path) -> list[Gold]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Gold(r["doc"], r["published"], r["sentence"], r["expression"], r.get("start"),
                 r.get("end"), r.get("precision"), r.get("kind", "date")) for r in rows]


def by_newsledger(g: Gold) -> TimeWindow | None:
    at = g.sentence.find(g.expression)
    found = find_time_expressions(g.sentence, parse_anchor(g.published))
    for e in found:
        overlaps = at < 0 or (e.start < at + len(g.expression) and at < e.end)
        if overlaps and (e.window.start or e.window.end):
            return with_precision(e.window)
    return None


def by_dateparser(g: Gold) -> TimeWindow | None:
    from dateparser.date import DateDataParser

    base = datetime.fromisoformat(g.published[:10])
    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    data = parser.get_date_data(g.expression)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        start = day.replace(day=1)
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = date.fromordinal(following.toordinal() - 1)
        return TimeWindow(start.isoformat(), end.isoformat(), g.expression, "month")
    if period == "year":
        return TimeWindow(f"{day.year}-01-01", f"{day.year}-12-31", g.expression, "year")
    return TimeWindow(day.isoformat(), day.isoformat(), g.expression, "day")


def judge(g: Gold, w: TimeWindow | None) -> set[str]:
    dated = g.start is not None or g.end is not None
    if not dated:
        return {"exact"} if w is None else {"false date"}
    if w is None:
        return {"unresolved"}
    start, end = (w.start or w.end or "")[:10], (w.end or w.start or "")[:10]
    gs, ge = g.start or g.end or "", g.end or g.start or ""
    out = set()
    if (start, end) == (gs, ge):
        out.add("exact")
    if start <= ge and gs <= end:
        out.add("overlap")
    if w.precision == g.precision:
        out.add("precision")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args(argv)
    gold = read_gold(args.data)
    dated = sum(1 for g in gold if g.start or g.end)
    print(f"{len(gold)} expressions ({dated} with a date, {len(gold) - dated} durations or "
          f"sets) from {len({g.doc for g in gold})} articles")
    print(f"\n{'system':<12}{'exact':>8}{'overlap':>9}{'unresolved':>12}{'false date':>12}"
          f"{'precision':>11}")
    for name, system in (("newsledger", by_newsledger), ("dateparser", by_dateparser)):
        tally: Counter[str] = Counter()
        misses = []
        for g in gold:
            verdict = judge(g, system(g))
            tally.update(verdict)
            if "exact" not in verdict:
                misses.append(g)
        print(f"{name:<12}{tally['exact'] / len(gold):>8.3f}"
              f"{tally['overlap'] / max(dated, 1):>9.3f}"
              f"{tally['unresolved'] / max(dated, 1):>12.3f}"
              f"{tally['false date'] / max(len(gold) - dated, 1):>12.3f}"
              f"{tally['precision'] / max(dated, 1):>11.3f}")
        for g in misses[: args.examples]:
            print(f"    miss: {g.expression!r} ({g.published[:10]}) gold {g.start}..{g.end}"
                  f" got {system(g)}")
    print("\nexact over all expressions (a duration or a set is exact when given no date); "
          "overlap, unresolved and precision over those with a date; false date over "
          "durations and sets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
