"""The bound that spares most candidate pairs their scoring never lies below a score."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from newsledger.records import Analysis
from newsledger.stories.grouping import (
    GroupingSettings,
    PairWords,
    _texts,
    candidate_arrays,
    score_pair,
)
from newsledger.stories.items import flatten
from newsledger.stories.pair_bounds import NOT_COMPARED, ItemArrays, upper_bounds
from newsledger.stories.report_links import Reports

NAMES = ["samangan-258", "samangan-617", "garissa-750", "garissa-962", "diyarbakir-46",
         "diyarbakir-843", "rukban-polygraph", "manbij-429", "baydha-835", "kismayo-756",
         "kismayo-977", "papua-131", "papua-227", "houthi-drones-78", "houthi-drones-986",
         "paris-395", "paris-397", "mirjaveh-487", "mirjaveh-296"]


def test_no_score_exceeds_its_bound(report: Callable[[str], Analysis], seed: Analysis) -> None:
    items = flatten([seed, *(report(n) for n in NAMES)])
    settings = GroupingSettings()
    first, second = candidate_arrays(items, settings.limits)
    texts = _texts(items, Reports.of(items), settings, first, second)
    words = PairWords(items)
    shared = words.many(first, second)
    bounds = upper_bounds(ItemArrays.of(items), first, second, texts, shared,
                          settings.weights, settings.limits)
    everything = replace(settings, threshold=0.0)
    scored = 0
    for k in range(len(first)):
        a, b = items[int(first[k])], items[int(second[k])]
        link = score_pair(a, b, lambda i, j: 0.0, everything, words,
                          values=(float(texts[k]), float(shared[k])))
        if link is None:  # ruled out on type, days or places
            continue
        scored += 1
        assert bounds[k] != NOT_COMPARED and link.score <= bounds[k] + 1e-3, (a.ref, b.ref)
    assert scored >= 30 and (bounds < settings.threshold).sum() >= 10  # spared pairs
    assert np.all((bounds == NOT_COMPARED) | (bounds >= 0))
