"""Conditional selection: greedy by a learned marginal value of each sentence given the
sentences already chosen.

The per-sentence score says what a sentence is worth alone; what the summary gains from
it depends on what the summary holds already. At each greedy step the best-scored
remaining candidates (``TOP_K`` by the per-sentence score) get ``DYNAMIC_FEATURES``
relative to the chosen set (overlap with it, the learned importance of the words it would
add, its bigrams not yet covered, the budget used), and a small tree model (the
``selector`` in the learned scorer's file, trained by ``selection_examples.py`` to
imitate a greedy oracle) says which one adds most. Sentences too close to a chosen one
(``HARD_REDUNDANCY``) and ones that do not fit the budget are never options.
Deterministic; NumPy only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.context_features import z_score
from newsfuse.importance import WordImportance
from newsfuse.model import Sentence
from newsfuse.represent import is_content_word, words

Vector = npt.NDArray[np.float64]
Matrix = npt.NDArray[np.float64]
Predict = Callable[[Matrix], Vector]

DYNAMIC_FEATURES = (
    "static",  # the per-sentence score, standardised over the pool
    "static_gap",  # its distance below the best option's
    "rank",  # its rank among the options by that score
    "max_similarity",  # highest TF-IDF cosine with a chosen sentence
    "mean_similarity",  # mean TF-IDF cosine with the chosen sentences
    "same_source",  # chosen sentences from its source
    "step",  # sentences chosen so far
    "used",  # share of the budget used so far
    "new_importance",  # summed word importance of its content words not chosen yet, per word
    "new_importance_sum",  # the same, summed
    "new_bigrams",  # share of its word bigrams no chosen sentence has
)

# Options weighed by the conditional model at each step: the best this many by the
# per-sentence score. The training rollouts weigh 20 (``selection_examples``; their
# oracle did as well from the best 20 as from all candidates: R1 50.00 / R2 19.47 both,
# first 200 validation clusters). At inference 10 beat 20 on dev_fulltext (R1 / R2 / LB
# 47.43 / 16.52 / 31.81 against 47.30 / 16.35 / 31.60; 5: 47.02 / 16.35 / 31.66) and gave
# the same summaries on the first 600 validation clusters (46.06 / 16.38 / 31.96).
TOP_K = 10
# Only the best this many candidates by per-sentence score enter the selection: a
# full-text summary takes ~14 of them, and building the word rows of all 100-400
# candidates of a full-text cluster cost ~1 ms.
POOL = 40
# A candidate this close (TF-IDF cosine) to a chosen sentence is never an option; below
# it, the model weighs overlap against value. With the selector trained at each value,
# 0.6 beat 0.3 (the independent selection's threshold) on the first 300 validation
# clusters (R1 / R2 46.00 / 16.28 against 45.72 / 15.92); 1.0 (no threshold) lost (45.30
# / 15.79, without the importance features).
HARD_REDUNDANCY = 0.6
# When the remaining budget is smaller than this many words, stop looking for a sentence
# short enough to fill it (no sentence that short is worth reading). Both selections use it.
FILL_MIN_WORDS = 8


class SelectionState:
    """The greedy selection over a pool of candidate sentences so far: what is chosen, the
    words used, and each candidate's overlap with the chosen set."""

    def __init__(
        self,
        sentences: Sequence[Sentence],
        pool: Sequence[int],
        static: Vector,
        similarity: npt.NDArray[np.floating],
        words: int,
        importance: WordImportance | None,
    ) -> None:
        """``pool``: candidate sentence indices, best ``static`` score first."""
        self.index = np.asarray(pool, dtype=np.int64)
        self.static = z_score(static[self.index])
        self.similarity = np.asarray(similarity[np.ix_(self.index, self.index)], np.float64)
        self.lengths = np.array([sentences[i].words for i in self.index], dtype=np.float64)
        self.sources = np.array([sentences[i].source for i in self.index])
        self.budget = words
        self.used = 0
        self.chosen: list[int] = []  # positions in self.index
        self.alive = np.ones(len(self.index), dtype=bool)
        self.max_similarity = np.zeros(len(self.index))
        self.sum_similarity = np.zeros(len(self.index))
        self.per_source: dict[int, int] = {}
        self.unigrams, self.bigrams, weights, tokens = _word_rows(
            [sentences[i].text for i in self.index]
        )
        table = importance.table if importance is not None else {}
        prior = importance.prior if importance is not None else 1.0
        weight = np.zeros(self.unigrams.shape[1])  # one column even without any word
        weight[: len(weights)] = [table.get(w, prior) for w in weights]
        self.weighted = self.unigrams * weight
        self.word_count = np.maximum(tokens, 1.0)
        self.bigram_count = np.maximum(self.bigrams.sum(axis=1), 1.0)
        self.covered_words = np.zeros(self.unigrams.shape[1])
        self.covered_bigrams = np.zeros(self.bigrams.shape[1])

    def options(self, top: int = TOP_K) -> npt.NDArray[np.int64]:
        """Positions (in the pool) of the candidates to weigh at this step: the ``top``
        best by static score that fit the budget and repeat no chosen one."""
        left = self.budget - self.used
        if left < FILL_MIN_WORDS:
            return np.zeros(0, dtype=np.int64)
        valid = self.alive & (self.lengths <= left) & (self.max_similarity <= HARD_REDUNDANCY)
        return np.flatnonzero(valid)[:top]

    def features(self, options: npt.NDArray[np.int64]) -> Matrix:
        """``DYNAMIC_FEATURES`` rows of ``options``."""
        step = len(self.chosen)
        static = self.static[options]
        same = [self.per_source.get(int(s), 0) for s in self.sources[options]]
        new_weight = self.weighted[options] @ (1.0 - self.covered_words)
        new_bigrams = self.bigrams[options] @ (1.0 - self.covered_bigrams)
        columns = (
            static,
            static.max() - static,
            np.arange(len(options), dtype=np.float64),
            self.max_similarity[options],
            self.sum_similarity[options] / max(1, step),
            np.array(same, dtype=np.float64),
            np.full(len(options), float(step)),
            np.full(len(options), self.used / max(1, self.budget)),
            new_weight / self.word_count[options],
            new_weight,
            new_bigrams / self.bigram_count[options],
        )
        return np.column_stack(columns)

    def add(self, option: int) -> None:
        """Choose the candidate at pool position ``option``."""
        self.chosen.append(option)
        self.alive[option] = False
        self.used += int(self.lengths[option])
        row = self.similarity[option]
        self.max_similarity = np.maximum(self.max_similarity, row)
        self.sum_similarity += row
        self.covered_words = np.maximum(self.covered_words, self.unigrams[option])
        self.covered_bigrams = np.maximum(self.covered_bigrams, self.bigrams[option])
        source = int(self.sources[option])
        self.per_source[source] = self.per_source.get(source, 0) + 1

    def selected(self) -> list[int]:
        """The chosen sentence indices, in the order chosen."""
        return [int(self.index[o]) for o in self.chosen]


def _word_rows(texts: Sequence[str]) -> tuple[Matrix, Matrix, list[str], Vector]:
    """0/1 rows over the texts' distinct content words and over their distinct word
    bigrams, the content words in column order, and each text's number of words."""
    unigrams: dict[str, int] = {}
    bigrams: dict[tuple[str, str], int] = {}
    unigram_columns: list[list[int]] = []
    bigram_columns: list[list[int]] = []
    counts = np.zeros(len(texts))
    for row, text in enumerate(texts):
        tokens = words(text)
        counts[row] = len(tokens)
        content = [w for w in tokens if is_content_word(w)]
        unigram_columns.append([unigrams.setdefault(w, len(unigrams)) for w in content])
        pairs = itertools.pairwise(tokens)
        bigram_columns.append([bigrams.setdefault(b, len(bigrams)) for b in pairs])
    return (
        _rows(unigram_columns, len(unigrams)),
        _rows(bigram_columns, len(bigrams)),
        list(unigrams),
        counts,
    )


def _rows(columns: list[list[int]], width: int) -> Matrix:
    """A 0/1 matrix with a 1 at each row's listed columns."""
    matrix = np.zeros((len(columns), max(1, width)))
    lengths = [len(c) for c in columns]
    rows = np.repeat(np.arange(len(columns)), lengths)
    matrix[rows, np.fromiter(itertools.chain.from_iterable(columns), np.int64, sum(lengths))] = 1
    return matrix


def pool(
    sentences: Sequence[Sentence], static: Vector, candidate: Callable[[Sentence], bool]
) -> list[int]:
    """The best ``POOL`` sentences by ``static`` score (ties: earlier first) that pass
    ``candidate``, best first."""
    out: list[int] = []
    for i in np.argsort(-static, kind="stable"):
        if candidate(sentences[i]):
            out.append(int(i))
            if len(out) == POOL:
                break
    return out


def conditional_select(state: SelectionState, predict: Predict) -> list[int]:
    """Greedy selection: at each step the option whose ``DYNAMIC_FEATURES`` row
    ``predict`` values highest (ties: the better static score), until none fits."""
    while len(options := state.options()):
        values = predict(state.features(options))
        state.add(int(options[int(np.argmax(values))]))
    return state.selected()
