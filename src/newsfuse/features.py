"""Per-sentence features for the learned scorer: one row per sentence, ``FEATURES`` columns.

The scorer is trained on Multi-News' preprocessed copy (lowercased names, tokenized, each
cluster cut to ~500 tokens) and applied to full, cased text. The transferable model reads
``TRANSFERABLE_FEATURES``, each chosen to mean the same thing in both forms:

- words are compared lowercased and stemmed (``represent.content_words``): no casing signal;
- position is the absolute index of the sentence in its source, never its share of the
  source (a cut source makes every sentence look late), capped where training data thins;
- nothing counts the cluster's sentences or words (the cut makes those a property of the
  copy, not of the story); cluster-level values enter only as ratios to the cluster's best.

The model for the copy's own form (``scorer.LearnedScorer``, chosen per cluster by
``textform``) also reads the cluster-relative and neighbour columns of
``context_features`` and the cut-form columns of ``form_features`` (shares of the cut
source, cluster length), which break those rules on purpose.

Quote marks are normalised (``"`` ``''`` and curly ones are one kind), since the copies
write them differently.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.context_features import CONTEXT_FEATURES, context_columns
from newsfuse.form_features import FORM_FEATURES, form_columns
from newsfuse.importance import WordImportance
from newsfuse.model import Group, Representation, Sentence
from newsfuse.represent import words

Vector = npt.NDArray[np.float64]
FeatureMatrix = npt.NDArray[np.float64]

BASE_FEATURES = (
    "centroid",  # closeness to the terms the sources share (TF-IDF cosine)
    "centroid_rel",  # centroid / the cluster's highest centroid
    "embedding_centroid",  # embedding cosine with the cluster's mean embedding
    "support_mean",  # mean lexical similarity to the nearest sentences of other sources
    "support_max",  # highest lexical similarity to a sentence of another source
    "bigram_support",  # mean share of other sources that use each of its word bigrams
    "bigram_any",  # share of its word bigrams found in some other source
    "term_share",  # mean share of sources that use each of its content words
    "importance_mean",  # mean learned word importance (importance.py) of its content words
    "importance_max",  # highest of those
    "importance_sum",  # their sum
    "support_sources",  # other sources reporting the same thing (alignment group)
    "support_share",  # that count over the other sources of the cluster
    "lead_support",  # highest similarity to a lead sentence (first 3) of another source
    "group_position",  # mean position of the sentence's aligned sentences across sources
    "position",  # index of the sentence in its source, capped
    "lead",  # 1 / sqrt(1 + position)
    "first",  # 1 for a source's first sentence
    "words",  # length in words, capped
    "content_share",  # content words over words
    "source_centrality",  # cosine of the sentence's source with the rest of the cluster
    "sources",  # used sources in the cluster, capped
    "source_index",  # order of the sentence's source in the cluster, capped
    "digits",  # has a digit
    "quote",  # has a quote mark
    "attribution",  # says who said it ("said", "told", "according to")
    "dangling",  # opens with a word that points back to an earlier sentence
    "question",  # ends with a question mark
)
FEATURES = (*BASE_FEATURES, *CONTEXT_FEATURES, *FORM_FEATURES)
# What each model reads (``scorer.LearnedScorer``): the transferable model, for text of
# any form, the columns that mean the same on the cut training copy and on full text; the
# model for Multi-News' lowercased form all of them. The context columns did not carry
# over to full text: a transferable model with them lost on dev_fulltext (R1 / R2 46.86 /
# 15.77 against 46.99 / 16.30, both trained on 10,000 clusters) for +0.07 R1 on the first
# 600 validation clusters.
TRANSFERABLE_FEATURES = BASE_FEATURES
LOWERCASED_FEATURES = FEATURES

# Positions and lengths beyond these are rare in the training copy (a source there has
# rarely more than 25 sentences); capping keeps full-text sentences 40 or 120 deep in the
# range the model was fitted on.
POSITION_CAP = 25
WORDS_CAP = 80
SOURCES_CAP = 10
# Cross-source support looks at this many nearest sentences of other sources (as the
# heuristic does: a fact in three reports is news).
SUPPORT_NEIGHBOURS = 3
# Sentences at positions below this are a source's lead.
LEAD_SENTENCES = 3

_QUOTE = re.compile(r"[\"“”«»]|''|``")
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to|reported|reports)\b", re.I)
_DANGLING = re.compile(
    r"^\W*(?:he|she|it|they|this|that|these|those|but|and|also|however|still|his|her|its|"
    r"their|there)\b",
    re.I,
)
_DIGIT = re.compile(r"\d")


def sentence_features(
    sentences: Sequence[Sentence],
    representation: Representation,
    groups: Sequence[Group],
    importance: WordImportance | None = None,
    *,
    extended: bool = True,
) -> FeatureMatrix:
    """The feature matrix: row i for sentence i, columns in ``FEATURES`` order (float64,
    finite). ``groups[i]`` is sentence i's alignment group; without ``importance`` the
    word-importance columns are 0; without ``extended`` only ``TRANSFERABLE_FEATURES`` are
    computed and the other columns are 0 (the transferable model reads no more)."""
    n = len(sentences)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    zeros = np.zeros(n)
    tfidf = representation.tfidf
    lexical = representation.lexical_similarity.astype(np.float64)
    sources = np.array([s.source for s in sentences])
    positions = np.array([s.position for s in sentences], dtype=np.float64)
    distinct = np.unique(sources)
    other = sources[:, None] != sources[None, :]

    present = tfidf > 0
    source_share = _source_share(present, sources)
    centroid = tfidf @ _unit(tfidf.sum(axis=0) * source_share)
    terms = present.sum(axis=1).astype(np.float64)
    term_share = (present.astype(np.float32) @ source_share.astype(np.float32)) / np.maximum(
        terms, 1.0
    )
    tokens = [words(s.text) for s in sentences]
    bigram_support, bigram_any = _bigram_support(sentences, tokens, len(distinct))
    top = float(centroid.max())
    embeddings = representation.embeddings.astype(np.float64)
    mean_embedding = embeddings.mean(axis=0)
    norm = float(np.linalg.norm(mean_embedding))
    embedding_centroid = embeddings @ (mean_embedding / norm) if norm > 0 else np.zeros(n)

    support_count = np.array([len(g.support) - 1 for g in groups], dtype=np.float64)
    others = max(1, len(distinct) - 1)
    masked = np.where(other, lexical, -np.inf)
    support_max = np.where(other.any(axis=1), masked.max(axis=1), 0.0)
    lead_columns = other & (positions[None, :] < LEAD_SENTENCES)
    lead_support = np.where(
        lead_columns.any(axis=1), np.where(lead_columns, lexical, -np.inf).max(axis=1), 0.0
    )
    position_of = [s.position for s in sentences]
    group_position = np.array(
        [sum(position_of[m] for m in g.members) / len(g.members) for g in groups],
        dtype=np.float64,
    )
    lengths = np.array([max(1, s.words) for s in sentences], dtype=np.float64)
    texts = [s.text for s in sentences]
    importances = (
        np.array(importance.cluster_scores(tokens)) if importance is not None else np.zeros((n, 3))
    )

    columns = {
        "centroid": centroid,
        "centroid_rel": centroid / top if top > 0 else np.zeros(n),
        "embedding_centroid": embedding_centroid,
        "support_mean": cross_source_support(lexical, sources),
        "support_max": support_max,
        "bigram_support": bigram_support,
        "bigram_any": bigram_any,
        "term_share": term_share,
        "importance_mean": importances[:, 0],
        "importance_max": importances[:, 1],
        "importance_sum": importances[:, 2],
        "support_sources": support_count,
        "support_share": support_count / others,
        "lead_support": lead_support,
        "group_position": np.minimum(group_position, POSITION_CAP),
        "position": np.minimum(positions, POSITION_CAP),
        "lead": 1.0 / np.sqrt(1.0 + positions),
        "first": (positions == 0).astype(np.float64),
        "words": np.minimum(lengths, WORDS_CAP),
        "content_share": terms / lengths,
        "source_centrality": source_centrality(tfidf, sources)[sources],
        "sources": np.full(n, float(min(len(distinct), SOURCES_CAP))),
        "source_index": np.minimum(np.searchsorted(distinct, sources), SOURCES_CAP),
        "digits": _flags(_DIGIT, texts),
        "quote": _flags(_QUOTE, texts),
        "attribution": _flags(_ATTRIBUTION, texts),
        "dangling": np.array([bool(_DANGLING.match(t)) for t in texts], dtype=np.float64),
        "question": np.array([t.rstrip(" \"'”’)").endswith("?") for t in texts], dtype=np.float64),
    }
    if extended:
        columns.update(context_columns(columns, sources, positions))
        columns.update(form_columns(sources, positions, lengths))
    matrix = np.column_stack(
        [np.asarray(columns.get(name, zeros), dtype=np.float64) for name in FEATURES]
    )
    return np.nan_to_num(matrix, nan=0.0, posinf=0.0, neginf=0.0)


def _source_share(present: npt.NDArray[np.bool_], sources: npt.NDArray[np.int_]) -> Vector:
    """Per term, the share of the cluster's sources that use it (``present``: which
    sentence has which term)."""
    distinct = np.unique(sources)
    used = np.zeros(present.shape[1])
    for source in distinct:
        used += present[sources == source].any(axis=0)
    return used / len(distinct)


def _unit(vector: Vector) -> Vector:
    norm = float(np.linalg.norm(vector))
    return np.asarray(vector / norm if norm > 0 else vector, dtype=np.float64)


def _bigram_support(
    sentences: Sequence[Sentence], tokens: Sequence[list[str]], source_count: int
) -> tuple[Vector, Vector]:
    """Per sentence: the mean share of the other sources using each of its word bigrams
    (``tokens[i]`` are sentence i's lowercased words), and the share of its bigrams that
    some other source uses."""
    ids: dict[tuple[str, str], int] = {}
    owner: list[int] = []  # the sentence of each bigram occurrence
    bigram: list[int] = []
    for i, words_of in enumerate(tokens):
        for pair in itertools.pairwise(words_of):
            bigram.append(ids.setdefault(pair, len(ids)))
            owner.append(i)
    n = len(sentences)
    if not bigram:
        return np.zeros(n), np.zeros(n)
    occurrences = np.array(bigram)
    rows = np.array(owner)
    source = np.array([s.source for s in sentences])[rows]
    # Sources using each bigram; an occurrence's own source is always one of them.
    used = np.unique(occurrences * (int(source.max()) + 1) + source) // (int(source.max()) + 1)
    others_using = (np.bincount(used, minlength=len(ids)) - 1)[occurrences]
    pairs = np.bincount(rows, minlength=n).astype(np.float64)
    total = np.bincount(rows, weights=others_using, minlength=n)
    found = np.bincount(rows, weights=others_using > 0, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(pairs > 0, total / (pairs * max(1, source_count - 1)), 0.0)
        share = np.where(pairs > 0, found / pairs, 0.0)
    return mean, share


def shared_centroid(tfidf: npt.NDArray[np.float32], sources: npt.NDArray[np.int_]) -> Vector:
    """Unit sum of TF-IDF rows with each term weighted by the share of sources using it."""
    return _unit(tfidf.sum(axis=0) * _source_share(tfidf > 0, sources))


def cross_source_support(
    lexical: npt.NDArray[np.floating], sources: npt.NDArray[np.int_]
) -> Vector:
    """Mean similarity of each sentence to its ``SUPPORT_NEIGHBOURS`` nearest sentences in
    other sources (0 when no other source has a sentence)."""
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


def source_centrality(tfidf: npt.NDArray[np.float32], sources: npt.NDArray[np.int_]) -> Vector:
    """Cosine of each source's text with the rest of the cluster, indexed by source; 1.0
    for a source with nothing to compare to."""
    centrality = np.ones(int(sources.max()) + 1)
    for source in np.unique(sources):
        mine = tfidf[sources == source].sum(axis=0)
        rest = tfidf[sources != source].sum(axis=0)
        norms = np.linalg.norm(mine) * np.linalg.norm(rest)
        if norms > 0:
            centrality[int(source)] = max(0.0, float(mine @ rest) / float(norms))
    return centrality


def _flags(pattern: re.Pattern[str], texts: Sequence[str]) -> Vector:
    return np.array([pattern.search(t) is not None for t in texts], dtype=np.float64)
