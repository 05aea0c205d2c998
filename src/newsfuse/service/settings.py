"""What a running service is allowed to do: limits and the story store, from flags or env.

``newsfuse serve`` passes its flags to the worker processes through the environment (uvicorn
starts each worker from an import string, so the environment is the one channel they share).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from newsfuse.model import InputError

# 10 MB: a cluster of 50 long articles as text is ~2-3 MB; HTML pages of the same are
# larger, so leave room, but no news cluster needs more.
DEFAULT_MAX_BODY = 10 * 1024 * 1024
# 50 documents: Multi-News clusters have at most 10; a hand-made cluster rarely more than 20.
DEFAULT_MAX_DOCUMENTS = 50
# Fetching addresses is the slowest input (20 s timeout each in ingest): keep it few.
DEFAULT_MAX_ADDRESSES = 10
# 30 s: a 30,000-word cluster fuses in under a second; 30 s bounds a request that queues
# behind 50 others on one worker and still leaves room for fetched pages.
DEFAULT_TIMEOUT = 30.0
# The summary budget a request may ask for; longer is no longer a summary.
MAX_WORDS = 5000

Num = TypeVar("Num", int, float)

_ENV = {
    "store": "NEWSFUSE_STORE",
    "max_body_bytes": "NEWSFUSE_MAX_BODY_BYTES",
    "max_documents": "NEWSFUSE_MAX_DOCUMENTS",
    "max_addresses": "NEWSFUSE_MAX_ADDRESSES",
    "timeout": "NEWSFUSE_TIMEOUT",
    "embedder": "NEWSFUSE_EMBEDDER",
    "workers": "NEWSFUSE_WORKERS",
}


@dataclass(frozen=True)
class Settings:
    """Limits of one service; the defaults are those of ``newsfuse serve``."""

    store: Path | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    max_documents: int = DEFAULT_MAX_DOCUMENTS
    max_addresses: int = DEFAULT_MAX_ADDRESSES
    timeout: float = DEFAULT_TIMEOUT
    embedder: str = "glove"
    workers: int = 1  # pipeline processes (service/workers.py)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``NEWSFUSE_*`` variables; unset ones keep their defaults."""
        env = os.environ if environ is None else environ
        store = env.get(_ENV["store"]) or None
        return cls(
            store=Path(store) if store else None,
            max_body_bytes=_number(env, "max_body_bytes", DEFAULT_MAX_BODY, int),
            max_documents=_number(env, "max_documents", DEFAULT_MAX_DOCUMENTS, int),
            max_addresses=_number(env, "max_addresses", DEFAULT_MAX_ADDRESSES, int),
            timeout=_number(env, "timeout", DEFAULT_TIMEOUT, float),
            embedder=env.get(_ENV["embedder"]) or "glove",
            workers=_number(env, "workers", 1, int),
        )

    def to_env(self) -> dict[str, str]:
        """The variables ``from_env`` reads back into these settings."""
        env = {
            _ENV["max_body_bytes"]: str(self.max_body_bytes),
            _ENV["max_documents"]: str(self.max_documents),
            _ENV["max_addresses"]: str(self.max_addresses),
            _ENV["timeout"]: repr(self.timeout),
            _ENV["embedder"]: self.embedder,
            _ENV["workers"]: str(self.workers),
        }
        if self.store is not None:
            env[_ENV["store"]] = str(self.store)
        return env


def _number(env: Mapping[str, str], key: str, default: Num, kind: type[Num]) -> Num:
    text = env.get(_ENV[key])
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        raise InputError(_ENV[key], f"not a number: {text!r}") from None
    if value <= 0:
        raise InputError(_ENV[key], f"must be positive, not {text}")
    return value
