"""Fine-tune the last layers of all-MiniLM-L6-v2 to type event sentences: the event
classifier's second reader (``newsledger/events/vector_head.py``).

Used by ``scripts/train_event_model.py`` (``make train-events``); the only code of the
project that needs PyTorch (``requirements-train.lock``: the CPU build, 2.13.0, installed by
the Makefile into ``.venv/train``, a folder only this module puts on its path). The package
itself runs the result on numpy (``nlp.embeddings.TunedLayers``).

The model: the shipped MiniLM's first ``base`` layers, frozen (their token states are
computed once per sentence), then its last ``layers`` layers trained with a linear layer over
their mean-pooled states, for NONE and the event codes; cross-entropy, AdamW, a linear
warm-up and decay, dropout 0.1 as in BERT. The held-out report trains on a seeded 85% of the
sentences (the split of ``events.training.train``) and types the rest's event sentences; the
shipped layers are then trained on all of them. Deterministic on one machine: a fixed seed,
a fixed number of threads, deterministic algorithms, batches drawn from a seeded generator.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

# PyTorch lies apart from the package's environment (the Makefile's .venv/train), so that
# spaCy's thinc, which imports torch whenever it can, never loads it in newsledger's own
# processes; appended, so that every other package still comes from the environment.
TORCH_SITE = Path(__file__).resolve().parent.parent / ".venv" / "train"
if TORCH_SITE.is_dir() and str(TORCH_SITE) not in sys.path:
    sys.path.append(str(TORCH_SITE))

try:
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError as exc:  # pragma: no cover - the Makefile installs it
    raise SystemExit(
        f"PyTorch is needed to tune the event reader and is not in {TORCH_SITE} ({exc}): "
        "run `make train-events`, which installs it from requirements-train.lock") from exc

from newsledger.events.prediction import NONE  # noqa: E402
from newsledger.events.training import Example  # noqa: E402
from newsledger.nlp.embeddings import DIMENSION, EncoderLayer  # noqa: E402


@dataclass(frozen=True)
class TuningPlan:
    """How the reader is tuned (the defaults are what ``make train-events`` ships)."""

    layers: int = 3  # of 6; held-out event typing: 2 layers (3 epochs) 0.931, 3 (4 epochs) 0.943
    epochs: int = 4
    batch: int = 32
    lr: float = 5e-5  # the tuned layers'
    head_lr: float = 1e-3  # the new linear layer's
    warmup: float = 0.06  # share of the steps
    weight_decay: float = 0.01
    dropout: float = 0.1
    threads: int = 2
    heldout_share: float = 0.15


def _tensor(array: np.ndarray) -> torch.Tensor:
    return torch.tensor(np.asarray(array, dtype=np.float32))


class Layer(nn.Module):
    """One BERT layer in the layout of ``nlp.embeddings.EncoderLayer`` (post-layer-norm,
    exact GELU), starting from its weights."""

    def __init__(self, layer: EncoderLayer, heads: int, eps: float, dropout: float) -> None:
        super().__init__()
        self.weights = nn.ParameterDict({
            name: nn.Parameter(_tensor(getattr(layer, name))) for name in
            ("qkv", "qkv_bias", "out", "out_bias", "up", "up_bias", "down", "down_bias")})
        self.ln1 = _layer_norm(layer.ln1, eps)
        self.ln2 = _layer_norm(layer.ln2, eps)
        self.heads = heads
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        size = hidden // self.heads
        w = self.weights
        qkv = (x @ w["qkv"] + w["qkv_bias"]).view(batch, length, 3, self.heads, size)
        q, k, v = (qkv[:, :, i].transpose(1, 2) for i in range(3))
        attention = self.drop(torch.softmax(q @ k.transpose(-1, -2) / size ** 0.5 + bias, -1))
        context = (attention @ v).transpose(1, 2).reshape(batch, length, hidden)
        x = self.ln1(x + self.drop(context @ w["out"] + w["out_bias"]))
        up = F.gelu(x @ w["up"] + w["up_bias"])
        return self.ln2(x + self.drop(up @ w["down"] + w["down_bias"]))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The layer's weights as ``nlp.embeddings.LAYER_ARRAYS`` name them (float16)."""
        out = {f"{prefix}.{n}": p.detach().numpy() for n, p in self.weights.items()}
        for name, norm in (("ln1", self.ln1), ("ln2", self.ln2)):
            out[f"{prefix}.{name}_weight"] = norm.weight.detach().numpy()
            out[f"{prefix}.{name}_bias"] = norm.bias.detach().numpy()
        return {k: v.astype(np.float16) for k, v in out.items()}


def _layer_norm(params: tuple[np.ndarray, np.ndarray], eps: float) -> nn.LayerNorm:
    norm = nn.LayerNorm(DIMENSION, eps=eps)
    with torch.no_grad():
        norm.weight.copy_(_tensor(params[0]))
        norm.bias.copy_(_tensor(params[1]))
    return norm


class Reader(nn.Module):
    """The tuned layers and the linear layer over their mean-pooled states."""

    def __init__(self, model: Any, base: int, classes: int, dropout: float) -> None:
        super().__init__()
        self.layers = nn.ModuleList(Layer(layer, model.heads, model.eps, dropout)
                                    for layer in model.layers[base:])
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(DIMENSION, classes)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        bias = ((1.0 - mask) * torch.finfo(torch.float32).min)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True)
        out: torch.Tensor = self.head(self.drop(pooled))
        return out


def base_states(model: Any, texts: Sequence[str], base: int) -> list[torch.Tensor]:
    """Each text's token states after the model's first ``base`` layers (float16), computed
    once: those layers are not trained."""
    frozen = [Layer(layer, model.heads, model.eps, 0.0).eval() for layer in model.layers[:base]]
    words, positions = _tensor(model.words), _tensor(model.positions)
    token_type, norm = _tensor(model.token_type), _layer_norm(model.ln, model.eps)
    ids = [e.ids for e in model.tokenizer.encode_batch(list(texts))]
    out: list[torch.Tensor] = [torch.empty(0)] * len(ids)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    with torch.no_grad():
        for start in range(0, len(order), 64):
            chunk = order[start:start + 64]
            length = max(len(ids[i]) for i in chunk)
            batch = torch.zeros(len(chunk), length, dtype=torch.long)
            mask = torch.zeros(len(chunk), length)
            for row, i in enumerate(chunk):
                batch[row, :len(ids[i])] = torch.tensor(ids[i])
                mask[row, :len(ids[i])] = 1
            bias = ((1.0 - mask) * torch.finfo(torch.float32).min)[:, None, None, :]
            x = norm(words[batch] + positions[:length] + token_type)
            for layer in frozen:
                x = layer(x, bias)
            for row, i in enumerate(chunk):
                out[i] = x[row, :len(ids[i])].to(torch.float16)
    return out


def _padded(states: Sequence[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    length = max(len(s) for s in states)
    x = torch.zeros(len(states), length, DIMENSION)
    mask = torch.zeros(len(states), length)
    for i, s in enumerate(states):
        x[i, :len(s)] = s.float()
        mask[i, :len(s)] = 1
    return x, mask


def _batches(rows: np.ndarray, states: Sequence[torch.Tensor], size: int,
             rng: np.random.Generator) -> list[list[int]]:
    """Shuffled batches of sentences of similar length (sorted within shuffled pools of 100
    batches: little padding, no fixed order)."""
    rows = rng.permutation(rows)
    batches: list[list[int]] = []
    for start in range(0, len(rows), size * 100):
        pool = sorted(rows[start:start + size * 100].tolist(), key=lambda i: len(states[i]))
        batches += [pool[j:j + size] for j in range(0, len(pool), size)]
    order = rng.permutation(len(batches))
    return [batches[i] for i in order]


def fit(model: Any, states: Sequence[torch.Tensor], y: np.ndarray, rows: np.ndarray,
        plan: TuningPlan, seed: int, classes: int, log: Any = print) -> Reader:
    """The reader trained on the sentences ``rows``."""
    torch.manual_seed(seed)
    reader = Reader(model, len(model.layers) - plan.layers, classes, plan.dropout)
    optimiser = torch.optim.AdamW(
        [{"params": reader.layers.parameters(), "lr": plan.lr},
         {"params": reader.head.parameters(), "lr": plan.head_lr}],
        weight_decay=plan.weight_decay)
    steps = plan.epochs * -(-len(rows) // plan.batch)
    warm = max(1.0, plan.warmup * steps)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / steps))
    rng = np.random.default_rng(seed)
    targets = torch.tensor(y)
    for epoch in range(plan.epochs):
        reader.train()
        total, batches = 0.0, _batches(rows, states, plan.batch, rng)
        for batch in batches:
            x, mask = _padded([states[i] for i in batch])
            loss = F.cross_entropy(reader(x, mask), targets[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
        log(f"  epoch {epoch + 1} of {plan.epochs}: mean loss {total / len(batches):.4f}")
    return reader.eval()


def probabilities(reader: Reader, states: Sequence[torch.Tensor]) -> np.ndarray:
    """Rows of NONE and event-code probabilities, in the order of ``states``."""
    out = np.zeros((len(states), reader.head.out_features), dtype=np.float32)
    order = sorted(range(len(states)), key=lambda i: len(states[i]))
    with torch.no_grad():
        for start in range(0, len(order), 128):
            chunk = order[start:start + 128]
            x, mask = _padded([states[i] for i in chunk])
            out[chunk] = torch.softmax(reader(x, mask), -1).numpy()
    return out


def tune_reader(examples: Sequence[Example], labels: Sequence[str], model: Any, *,
                seed: int = 13, plan: TuningPlan | None = None, heldout: bool = True,
                log: Any = print) -> tuple[dict[str, np.ndarray], float | None]:
    """The reader's arrays (``events.vector_head``) and its held-out accuracy in typing the
    event sentences (NONE aside; None when ``heldout`` is False)."""
    plan = plan or TuningPlan()
    torch.set_num_threads(plan.threads)
    torch.use_deterministic_algorithms(True)
    all_labels = [NONE, *sorted(set(labels))]
    base = len(model.layers) - plan.layers
    y = np.array([all_labels.index(e.label) for e in examples])
    states = base_states(model, [e.text for e in examples], base)
    accuracy = None
    if heldout:
        order = np.random.default_rng(seed).permutation(len(examples))
        cut = int(len(examples) * (1 - plan.heldout_share))
        train_rows, held_rows = np.sort(order[:cut]), np.sort(order[cut:])
        log(f"tuning the last {plan.layers} layers on {len(train_rows)} sentences "
            "(held-out report)")
        reader = fit(model, states, y, train_rows, plan, seed, len(all_labels), log)
        events = held_rows[y[held_rows] != 0]
        p = probabilities(reader, [states[i] for i in events])
        p[:, 0] = -1.0  # typing only: the event sentences' likeliest event code
        accuracy = round(float((p.argmax(axis=1) == y[events]).mean()), 4)
    log(f"tuning the last {plan.layers} layers on all {len(examples)} sentences")
    reader = fit(model, states, y, np.arange(len(examples)), plan, seed, len(all_labels), log)
    return reader_arrays(reader, base, all_labels), accuracy


def reader_arrays(reader: Reader, base: int, labels: Sequence[str]) -> dict[str, np.ndarray]:
    """What ``events.vector_head.VectorHead`` reads: the labels, the number of the model's
    layers run as shipped, the tuned layers (float16) and the linear layer."""
    arrays: dict[str, np.ndarray] = {"labels": np.array(list(labels)), "base": np.array(base)}
    for i, layer in enumerate(reader.layers):
        arrays |= layer.arrays(f"layer{i}")
    arrays["head_weights"] = reader.head.weight.detach().numpy().T.astype(np.float32)
    arrays["head_bias"] = reader.head.bias.detach().numpy().astype(np.float32)
    return arrays
