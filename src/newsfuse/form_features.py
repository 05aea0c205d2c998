"""Features that only mean something on Multi-News' preprocessed form (each cluster cut to
~500 tokens, names lowercased): where a sentence sits in its cut source and how long the
cut cluster is. The cut-form model reads them; the transferable model does not."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float64]

FORM_FEATURES = (
    "relative_position",  # position over the source's sentence count
    "source_sentences",  # sentences in the sentence's source
    "cluster_sentences",  # sentences in the cluster
    "cluster_words",  # words in the cluster
    "last",  # 1 for a source's last sentence (often cut mid-way)
    "source_word_share",  # the source's words over the cluster's
)


def form_columns(
    sources: npt.NDArray[np.int_], positions: Vector, lengths: Vector
) -> dict[str, Vector]:
    """The ``FORM_FEATURES`` columns from each sentence's source, position and length."""
    count = np.bincount(sources).astype(np.float64)
    words = np.bincount(sources, weights=lengths)
    per_source = count[sources]
    return {
        "relative_position": positions / np.maximum(per_source, 1.0),
        "source_sentences": per_source,
        "cluster_sentences": np.full(len(sources), float(len(sources))),
        "cluster_words": np.full(len(sources), float(lengths.sum())),
        "last": (positions == per_source - 1).astype(np.float64),
        "source_word_share": words[sources] / max(1.0, float(lengths.sum())),
    }
