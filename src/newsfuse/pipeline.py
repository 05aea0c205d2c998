"""fuse(): the stages in order, nothing else."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.clean import clean_source, mark_duplicates
from newsfuse.compare import compare
from newsfuse.ingest import sources_from_documents
from newsfuse.model import (
    DEFAULT_WORDS,
    Group,
    InputError,
    Report,
    Representation,
    Sentence,
    Source,
    Summary,
)
from newsfuse.represent import load_embedder, represent
from newsfuse.scorer import DEFAULT_SCORER, load_scorer
from newsfuse.segment import segment
from newsfuse.summarize import summarize


def fuse(
    sources: Sequence[Source],
    words: int = DEFAULT_WORDS,
    *,
    report_id: str | None = None,
    embedder: str = "glove",
    scorer: str = DEFAULT_SCORER,
) -> Report:
    """The report of one cluster of ingested sources: clean, segment, represent, align,
    compare, summarize. Every source appears in the report, whatever its status."""
    if words < 1:
        raise InputError("--words", f"must be a positive number of words, not {words}")
    cleaned, aligned = _aligned(sources, embedder)
    if aligned is None:
        return Report(sources=tuple(cleaned), summary=Summary(), id=report_id)
    sentences, representation, pair_similarity, groups = aligned
    comparison = compare(sentences, pair_similarity, groups)
    summary = summarize(sentences, representation, groups, words, load_scorer(scorer))
    return Report(
        sources=tuple(cleaned),
        summary=summary,
        id=report_id,
        facts=comparison.facts,
        disagreements=comparison.disagreements,
        entities=comparison.entities,
        unique=comparison.unique,
    )


_Aligned = tuple[list[Sentence], Representation, npt.NDArray[np.float32], list[Group]]


def _aligned(sources: Sequence[Source], embedder: str) -> tuple[list[Source], _Aligned | None]:
    """The stages before compare and summarize: the cleaned sources and, when there is any
    sentence, the sentences, their representation, pair similarity and alignment."""
    cleaned = mark_duplicates([clean_source(source) for source in sources])
    sentences = segment(cleaned)
    if not sentences:
        return cleaned, None
    representation = represent(sentences, load_embedder(embedder))
    pair_similarity = similarity(representation)
    groups = align(sentences, pair_similarity, SAME_INFORMATION[embedder])
    return cleaned, (sentences, representation, pair_similarity, groups)


def fuse_documents(
    documents: Sequence[object],
    words: int = DEFAULT_WORDS,
    *,
    report_id: str | None = None,
    embedder: str = "glove",
    scorer: str = DEFAULT_SCORER,
) -> Report:
    """``fuse`` over in-memory documents (strings or article objects), as in a Multi-News
    record or an API request."""
    sources = sources_from_documents(documents)
    return fuse(sources, words, report_id=report_id, embedder=embedder, scorer=scorer)


def summarizer(
    embedder: str = "glove", scorer: str = DEFAULT_SCORER
) -> Callable[[Sequence[str], int], list[str]]:
    """newsfuse in the shape ``newsfuse bench`` compares systems in: (documents, words) ->
    the summary sentences. The same summary ``fuse`` writes, without the comparison
    (facts, disagreements, names), which no baseline computes and ``benchmarks/
    comparison`` times on its own."""

    def summarize_documents(documents: Sequence[str], words: int) -> list[str]:
        _, aligned = _aligned(sources_from_documents(documents), embedder)
        if aligned is None:
            return []
        sentences, representation, _, groups = aligned
        summary = summarize(sentences, representation, groups, words, load_scorer(scorer))
        return [s.text for s in summary.sentences]

    return summarize_documents
