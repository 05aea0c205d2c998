"""The heavy stages, as pure functions of their inputs, so that any engine can run them
anywhere (this process, a Ray worker on another machine) with the same results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from newsfuse.clean import clean_source
from newsfuse.corpus.cluster import term_counts
from newsfuse.corpus.dedup import Signature, signature
from newsfuse.model import Source
from newsfuse.pipeline import fuse
from newsfuse.render import render_json
from newsfuse.represent import load_embedder


@dataclass(frozen=True)
class Article:
    """One article of a stream, as read."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Prepared:
    """An article after the heavy stage: cleaned text and what clustering needs."""

    article: Article
    text: str
    terms: dict[str, int]
    minhash: Signature
    embedding: npt.NDArray[np.float32]


def prepare_chunk(articles: Sequence[Article]) -> list[Prepared]:
    """Clean, count terms, sign (MinHash) and embed (GloVe SIF) each article."""
    cleaned = [
        clean_source(Source(index=0, name=a.id, text=a.text, title=a.title)).text for a in articles
    ]
    embeddings = load_embedder("glove").embed(cleaned)
    return [
        Prepared(a, text, term_counts(text), signature(text), embeddings[row])
        for row, (a, text) in enumerate(zip(articles, cleaned, strict=True))
    ]


def report_chunk(jobs: Sequence[tuple[str, list[dict[str, Any]]]], words: int) -> list[str]:
    """The JSON report (one line) of each (story id, its original articles) job."""
    out = []
    for story, documents in jobs:
        sources = [
            Source(
                index=k,
                name=str(d["id"]),
                text=str(d["text"]),
                title=d.get("title"),
                outlet=d.get("outlet"),
                url=d.get("url"),
                published=d.get("published"),
            )
            for k, d in enumerate(documents)
        ]
        out.append(render_json(fuse(sources, words, report_id=story), indent=None))
    return out
