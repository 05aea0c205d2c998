"""Scoring, selection, ordering and citation of summary sentences.

Untrained and deterministic. A sentence is salient when it is close to what the sources
have in common (terms weighted by how many sources use them), when other sources report
the same thing, and when it comes early in its source (news puts the main facts first);
sentences of a source far from the others (an off-topic page, a cookie wall) count less.
Selection is greedy within the word budget and skips sentences too close to one already
chosen; the chosen sentences are ordered by where their information sits in the sources.

Every weight below was chosen on Multi-News dev_fulltext (99 clusters) and the first 300
validation clusters with ``newsfuse bench``; the figures are in the README.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.model import Group, Representation, Sentence, Summary, SummarySentence

Vector = npt.NDArray[np.float64]
Matrix = npt.NDArray[np.float32]

# Sentences outside this length range are not candidates: shorter ones are fragments,
# captions and datelines; longer ones are run-on lists or unsplit paragraphs. Raising the
# minimum to 10 or lowering the maximum to 50 cost ROUGE on dev_fulltext.
MIN_WORDS = 6
MAX_WORDS = 80
# A sentence whose words are mostly capitalised is a headline, a promo link or a photo
# credit, not prose: above this share of capitalised words (first word excepted) it is
# not a candidate. 0.6 lets through prose dense with names ("Defense Secretary Ashton
# Carter lashed out at Russia from NATO headquarters in Brussels." is 0.5).
HEADLINE_CAPITALS = 0.6

# Weights of the three salience features (closeness to the common centroid = 1.0).
# Cross-source support 0.5 and lead position 0.6 were the best of a small grid
# (support 0, 0.5, 1; position 0.3 to 1.5): position above 1.0 turns it into First-k.
SUPPORT_WEIGHT = 0.5
POSITION_WEIGHT = 0.6
# Position feature is 1 / (1 + position) ** POSITION_DECAY; 0.5 beat 1.0 (R2 +0.2).
POSITION_DECAY = 0.5
# Support of a sentence: mean similarity to its closest sentences in other sources,
# over this many of them (3: a fact in three reports is news; more rewards long lists).
SUPPORT_NEIGHBOURS = 3
# A candidate this close (TF-IDF cosine) to a chosen sentence repeats it. Low on purpose:
# sources repeat each other heavily; 0.25 beat 0.5 by +1.7 R1 on dev_fulltext, 0.15 lost R2.
REDUNDANCY = 0.25
# When the remaining budget is smaller than this many words, stop looking for a sentence
# short enough to fill it (no sentence that short is worth reading).
FILL_MIN_WORDS = 8


def summarize(
    sentences: Sequence[Sentence],
    representation: Representation,
    groups: Sequence[Group],
    words: int,
) -> Summary:
    """The summary: salient, non-redundant sentences within ``words`` words, in reading
    order, each citing the support of its alignment group (``groups[i]`` anchors
    sentence i)."""
    if not sentences:
        return Summary()
    scores = salience(sentences, representation)
    chosen = select(sentences, scores, representation.tfidf, words)
    ordered = reading_order(sentences, chosen)
    return Summary(
        tuple(
            SummarySentence(
                text=sentences[i].text,
                source=sentences[i].source,
                start=sentences[i].start,
                end=sentences[i].end,
                support=groups[i].support,
            )
            for i in ordered
        )
    )


def salience(sentences: Sequence[Sentence], representation: Representation) -> Vector:
    """One score per sentence; higher is more worth including."""
    tfidf = representation.tfidf
    sources = np.array([s.source for s in sentences])
    centroid_closeness = tfidf @ _shared_centroid(tfidf, sources)
    positions = np.array([s.position for s in sentences], dtype=np.float64)
    lead = 1.0 / (1.0 + positions) ** POSITION_DECAY
    score = (
        centroid_closeness
        + SUPPORT_WEIGHT * _cross_source_support(representation.lexical_similarity, sources)
        + POSITION_WEIGHT * lead
    )
    return np.asarray(score * _source_centrality(tfidf, sources)[sources], dtype=np.float64)


def select(sentences: Sequence[Sentence], scores: Vector, tfidf: Matrix, words: int) -> list[int]:
    """Indices of the chosen sentences: best first, skipping repeats, within ``words``."""
    chosen: list[int] = []
    used = 0
    for i in np.argsort(-scores, kind="stable"):
        length = sentences[i].words
        if not MIN_WORDS <= length <= MAX_WORDS or not is_prose(sentences[i].text):
            continue
        if chosen and float(np.max(tfidf[chosen] @ tfidf[i])) > REDUNDANCY:
            continue
        if used + length > words:
            if words - used < FILL_MIN_WORDS:
                break
            continue
        chosen.append(int(i))
        used += length
    return chosen


def is_prose(text: str) -> bool:
    """False for headlines, promo links and lead-ins ("The paper reports:"): lines that
    do not stand as a sentence of the account."""
    if text.rstrip().endswith(":"):
        return False
    words = [w for w in text.split()[1:] if w[:1].isalpha()]
    capitals = sum(w[0].isupper() for w in words)
    return not words or capitals / len(words) <= HEADLINE_CAPITALS


def reading_order(sentences: Sequence[Sentence], chosen: Sequence[int]) -> list[int]:
    """Chosen sentences by relative position in their source, then by source: the lead
    facts of all sources first, background and reactions after."""
    length = {s.source: s.position + 1 for s in sentences}  # sentences per source
    return sorted(
        chosen,
        key=lambda i: (sentences[i].position / length[sentences[i].source], sentences[i].source),
    )


def _shared_centroid(tfidf: Matrix, sources: npt.NDArray[np.int_]) -> Vector:
    """Sum of rows with each term weighted by the share of sources that use it."""
    present = np.zeros(tfidf.shape[1])
    for source in np.unique(sources):
        present += (tfidf[sources == source] > 0).any(axis=0)
    centroid = (tfidf * (present / len(np.unique(sources)))).sum(axis=0)
    norm = np.linalg.norm(centroid)
    return np.asarray(centroid / norm if norm > 0 else centroid, dtype=np.float64)


def _cross_source_support(lexical: Matrix, sources: npt.NDArray[np.int_]) -> Vector:
    """Mean similarity of each sentence to its nearest sentences in other sources (0 when
    no other source has a sentence), from the pairwise similarity ``lexical``."""
    k = min(SUPPORT_NEIGHBOURS, len(sources))
    if k == 0:
        return np.zeros(0)
    negated = -lexical.astype(np.float64)
    negated[sources[:, None] == sources[None, :]] = np.nan
    # The k smallest of the negated row are the k nearest; NaN (same source) sorts last.
    nearest = -np.partition(negated, k - 1, axis=1)[:, :k]
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # rows with no other source
        support: Vector = np.nan_to_num(np.nanmean(nearest, axis=1), nan=0.0)
    return support


def _source_centrality(tfidf: Matrix, sources: npt.NDArray[np.int_]) -> Vector:
    """Cosine of each source's text with the rest of the cluster, indexed by source;
    1.0 for a source with nothing to compare to."""
    centrality = np.ones(int(sources.max()) + 1)
    for source in np.unique(sources):
        mine = tfidf[sources == source].sum(axis=0)
        rest = tfidf[sources != source].sum(axis=0)
        norms = np.linalg.norm(mine) * np.linalg.norm(rest)
        if norms > 0:
            centrality[int(source)] = max(0.0, float(mine @ rest) / float(norms))
    return centrality
