"""The story store behind ``GET /v1/stories`` (corpus mode), kept behind one small interface.

The store itself (``newsfuse.corpus``: DuckDB, ``stories ingest/list``) is built elsewhere;
until it is part of the package, ``open_store`` refuses a store path with a clear message,
and the endpoints answer 404 when the service was started without ``--store``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Protocol

from newsfuse.model import InputError

NO_STORE = "no store: start serve with --store"


class StoryStore(Protocol):
    """What the service needs of a story store."""

    def list_stories(self) -> list[dict[str, Any]]:
        """One entry per story: id, size, outlets, first and last time."""
        ...

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its report, or None when there is no such story."""
        ...


def open_store(path: Path | None) -> StoryStore | None:
    """The store at ``path`` (None without one); ``InputError`` when it cannot be opened."""
    if path is None:
        return None
    try:
        # Imported by name: the corpus package is optional until it lands on main.
        corpus = importlib.import_module("newsfuse.corpus")
    except ImportError:
        raise InputError(str(path), "stories need newsfuse.corpus, not in this build") from None
    return _CorpusStore(corpus, path)


class _CorpusStore:
    """Adapts ``newsfuse.corpus`` (``list_stories(store_path)``) to ``StoryStore``.

    PLUG-IN POINT: once ``newsfuse.corpus`` exists, check these two methods against its
    API (summaries for the list, the full record with its report for one story).
    """

    def __init__(self, corpus: Any, path: Path) -> None:
        self._corpus = corpus
        self._path = path

    def list_stories(self) -> list[dict[str, Any]]:
        return list(self._corpus.list_stories(self._path))

    def story(self, story_id: str) -> dict[str, Any] | None:
        for entry in self.list_stories():
            if entry.get("story") == story_id:
                return entry
        return None
