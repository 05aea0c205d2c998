"""Cluster-relative and neighbour features, derived from a sentence's own feature columns.

Trees split on absolute values; "the most central sentence of this cluster" is invisible
to them when clusters differ in how central anything is. These columns put a sentence's
strongest values in its cluster's and its source's terms, and give it its neighbours'.
Ranks are quantiles (0 for the lowest, 1 for the highest), never counts, so they mean the
same on the cut training copy (~25 sentences a cluster) and on full text (hundreds).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float64]

# The base columns ranked within the cluster: the ones the trees split on most
# (``train.feature_importance`` of the shipped model) that carry the content signal.
CLUSTER_RANKED = (
    "centroid",
    "embedding_centroid",
    "support_mean",
    "bigram_support",
    "importance_mean",
    "importance_sum",
)
# Ranked within the sentence's own source.
SOURCE_RANKED = ("centroid", "importance_sum")
# Given for the previous and the next sentence of the same source.
NEIGHBOUR = ("centroid", "importance_mean")

CONTEXT_FEATURES = (
    *(f"{name}_rank" for name in CLUSTER_RANKED),
    *(f"{name}_z" for name in ("centroid", "importance_sum")),
    *(f"{name}_source_rank" for name in SOURCE_RANKED),
    *(f"previous_{name}" for name in NEIGHBOUR),
    *(f"next_{name}" for name in NEIGHBOUR),
    "previous_lead",
)

# Sentences at positions below this are a source's lead (as ``features.LEAD_SENTENCES``).
_LEAD_SENTENCES = 3


def context_columns(
    columns: Mapping[str, Vector], sources: npt.NDArray[np.int_], positions: Vector
) -> dict[str, Vector]:
    """The ``CONTEXT_FEATURES`` columns from the base ``columns`` (one value per sentence),
    each sentence's source index and its position in its source."""
    out: dict[str, Vector] = {}
    for name in CLUSTER_RANKED:
        out[f"{name}_rank"] = quantile_rank(columns[name])
    for name in ("centroid", "importance_sum"):
        out[f"{name}_z"] = z_score(columns[name])
    for name in SOURCE_RANKED:
        ranks = np.zeros(len(sources))
        for source in np.unique(sources):
            mine = sources == source
            ranks[mine] = quantile_rank(columns[name][mine])
        out[f"{name}_source_rank"] = ranks
    previous, following = neighbours(sources, positions)
    for name in NEIGHBOUR:
        values = np.append(columns[name], 0.0)  # index -1: no neighbour
        out[f"previous_{name}"] = values[previous]
        out[f"next_{name}"] = values[following]
    out["previous_lead"] = ((positions >= 1) & (positions <= _LEAD_SENTENCES)).astype(np.float64)
    return out


def quantile_rank(values: Vector) -> Vector:
    """Each value's rank among ``values`` as a share: 0 lowest, 1 highest, ties share the
    mean of their ranks; 1.0 for a single value."""
    n = len(values)
    if n <= 1:
        return np.ones(n)
    order = np.argsort(values, kind="stable")
    ranks = np.empty(n)
    ranks[order] = np.arange(n, dtype=np.float64)
    # Ties: the mean rank of each distinct value.
    _, inverse = np.unique(values, return_inverse=True)
    mean_rank = np.bincount(inverse, weights=ranks) / np.bincount(inverse)
    return np.asarray(mean_rank[inverse] / (n - 1), dtype=np.float64)


def z_score(values: Vector) -> Vector:
    """``values`` less their mean over their standard deviation (0 when they are all equal)."""
    spread = float(values.std()) if len(values) else 0.0
    if spread == 0:
        return np.zeros(len(values))
    return np.asarray((values - values.mean()) / spread, dtype=np.float64)


def neighbours(
    sources: npt.NDArray[np.int_], positions: Vector
) -> tuple[npt.NDArray[np.int_], npt.NDArray[np.int_]]:
    """For each sentence, the index of the previous and of the next sentence of its source
    (-1 where there is none)."""
    index = {(int(s), int(p)): i for i, (s, p) in enumerate(zip(sources, positions, strict=True))}
    previous = np.array(
        [index.get((int(s), int(p) - 1), -1) for s, p in zip(sources, positions, strict=True)],
        dtype=np.int64,
    )
    following = np.array(
        [index.get((int(s), int(p) + 1), -1) for s, p in zip(sources, positions, strict=True)],
        dtype=np.int64,
    )
    return previous, following
