"""Cross-source alignment: which sentences of different sources report the same thing.

Similarity blends lexical overlap (TF-IDF cosine: shared names and numbers) with meaning
(embedding cosine, after removing the cluster's common direction: every sentence of one
story shares its topic, which would otherwise make all pairs look alike).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.model import Group, Representation, Sentence

Matrix = npt.NDArray[np.float32]

# Weight of the lexical side in the blend. Lexical overlap is the more precise signal in
# news (the same names, numbers and quotes). At 0.5, GloVe's side (centered cosine around
# 0.7-0.8 for sentences that merely share the story's topic) pulled unrelated demo
# sentences into groups ("Kirby ... political track" with "Shoigu announced"); at 0.7 the
# demo's groups, read one by one, were paraphrases.
LEXICAL_WEIGHT = 0.7
# Two sentences report the same thing at or above this blended similarity, by embedder
# (their cosines live on different scales). Chosen on the demo cluster's hand-annotated
# support (15 sentences, 26 supporting sources; tests/test_align.py) for the best F1:
# glove 0.35 gives precision 0.87, recall 0.77; minilm 0.25 gives 0.85, 0.85.
SAME_INFORMATION = {"glove": 0.35, "minilm": 0.25}


def similarity(representation: Representation) -> Matrix:
    """Blended pairwise similarity in [-1, 1] of all sentences (symmetric, diagonal 1)."""
    if len(representation.tfidf) == 0:
        return np.zeros((0, 0), dtype=np.float32)
    lexical = representation.lexical_similarity
    embeddings = representation.embeddings
    centered = embeddings - embeddings.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(centered, axis=1, keepdims=True)
    centered = centered / np.where(norms > 0, norms, 1.0)
    semantic = centered @ centered.T
    blended = LEXICAL_WEIGHT * lexical + (1.0 - LEXICAL_WEIGHT) * semantic
    np.fill_diagonal(blended, 1.0)
    result: Matrix = blended.astype(np.float32)
    return result


def align(sentences: Sequence[Sentence], pair_similarity: Matrix, threshold: float) -> list[Group]:
    """One group per sentence, in sentence order: the sentence itself (the anchor) and,
    from every other source, its most similar sentence at or above ``threshold``.

    Groups overlap on purpose: each answers "which sources report what this sentence
    says", which is what a citation needs; a partition would make a sentence unavailable
    to the second of two overlapping claims. Deterministic (ties go to the earlier
    sentence).
    """
    if not sentences:
        return []
    sources = np.array([s.source for s in sentences])
    # matches[i] collects, per other source, sentence i's closest sentence there
    matches: list[set[int]] = [{i} for i in range(len(sentences))]
    for source in np.unique(sources):
        columns = np.flatnonzero(sources == source)
        closest = columns[pair_similarity[:, columns].argmax(axis=1)]
        reported = pair_similarity[np.arange(len(sentences)), closest] >= threshold
        for i in np.flatnonzero(reported & (sources != source)):
            matches[i].add(int(closest[i]))
    return [
        Group(
            anchor=i,
            members=tuple(sorted(members)),
            support=tuple(sorted({sentences[m].source for m in members})),
        )
        for i, members in enumerate(matches)
    ]
