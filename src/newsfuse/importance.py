"""Word importance learned from reference summaries: how likely a word of the input is to
be kept in a human summary (Hong and Nenkova 2014's global word importance).

For each lowercased word, ``P(in summary | in input)`` over training clusters, smoothed
toward the mean by ``PRIOR_CLUSTERS`` pseudo-clusters. Words are those of
``represent.words`` (lowercased, clitics apart), which read the lowercased training copy
and cased text alike. Stopwords carry no importance of their own and are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from newsfuse.represent import is_content_word, words

# Words in fewer training inputs than this are left out of the table (they get the
# prior): 20 keeps ~40,000 words of the 45,000 training clusters in ~0.5 MB.
MIN_CLUSTERS = 20
# Smoothing: a word's estimate is pulled toward the overall rate as if seen in this many
# more clusters; 10 keeps a word seen in 20 inputs from swinging to 0 or 1.
PRIOR_CLUSTERS = 10.0


class WordImportance:
    """A table word -> P(kept in the summary | in the input), and the rate for other words."""

    def __init__(self, table: Mapping[str, float], prior: float) -> None:
        self.table = dict(table)
        self.prior = prior

    @classmethod
    def fit(cls, clusters: Iterable[tuple[Sequence[str], str]]) -> WordImportance:
        """From ``(documents, summary)`` pairs: per word, the share of the inputs using it
        whose summary uses it too."""
        inputs: Counter[str] = Counter()
        kept: Counter[str] = Counter()
        for documents, summary in clusters:
            used = {w for d in documents for w in words(d) if is_content_word(w)}
            inputs.update(used)
            kept.update(used & set(words(summary)))
        total_in = sum(inputs.values())
        prior = sum(kept.values()) / total_in if total_in else 0.0
        table = {
            w: (kept[w] + PRIOR_CLUSTERS * prior) / (n + PRIOR_CLUSTERS)
            for w, n in inputs.items()
            if n >= MIN_CLUSTERS
        }
        return cls(table, prior)

    def to_arrays(self) -> dict[str, npt.NDArray[Any]]:
        """The table as sorted ``importance_words`` and ``importance_values`` arrays and the
        ``importance_prior`` (for an ``.npz``)."""
        ordered = sorted(self.table)
        return {
            "importance_words": np.array(ordered, dtype=np.str_),
            "importance_values": np.array([self.table[w] for w in ordered], dtype=np.float32),
            "importance_prior": np.array(self.prior),
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, npt.NDArray[Any]]) -> WordImportance:
        """The inverse of ``to_arrays``."""
        values = arrays["importance_values"].astype(np.float64).tolist()
        table = dict(zip(arrays["importance_words"].tolist(), values, strict=True))
        return cls(table, float(arrays["importance_prior"]))

    def sentence_scores(self, tokens: Sequence[str]) -> tuple[float, float, float]:
        """Mean, highest and summed importance of the content words among ``tokens`` (a
        sentence's ``represent.words``); the prior for a sentence without any."""
        return self.cluster_scores([tokens])[0]

    def cluster_scores(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[tuple[float, float, float]]:
        """``sentence_scores`` of each token list, looking each distinct word up once."""
        distinct = {w for tokens in sentences for w in tokens}
        value = {w: self.table.get(w, self.prior) for w in distinct if is_content_word(w)}
        out = []
        for tokens in sentences:
            values = [value[w] for w in tokens if w in value]
            if values:
                total = sum(values)
                out.append((total / len(values), max(values), total))
            else:
                out.append((self.prior, self.prior, 0.0))
        return out
