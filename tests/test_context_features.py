"""context and form features: quantile ranks in [0, 1] that order like the raw values,
neighbours from the same source, and cut-form positions, on the demo's real sentences."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.clean import clean_source
from newsfuse.context_features import CLUSTER_RANKED, quantile_rank
from newsfuse.features import FEATURES, sentence_features
from newsfuse.ingest import read_paths
from newsfuse.model import Sentence
from newsfuse.represent import load_embedder, represent
from newsfuse.scorer import LearnedScorer, load_scorer
from newsfuse.segment import segment

DEMO = Path(__file__).parent.parent / "examples" / "missiles"


@pytest.fixture(scope="module")
def demo() -> tuple[list[Sentence], dict[str, np.ndarray]]:
    sentences = segment([clean_source(s) for s in read_paths([str(DEMO)])])
    representation = represent(sentences, load_embedder("glove"))
    groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
    scorer = load_scorer("learned")
    assert isinstance(scorer, LearnedScorer)
    importance = scorer.model.importance
    matrix = sentence_features(sentences, representation, groups, importance)
    return sentences, dict(zip(FEATURES, matrix.T, strict=True))


def test_cluster_ranks_lie_in_0_1_and_order_like_the_values(
    demo: tuple[list[Sentence], dict[str, np.ndarray]],
) -> None:
    _, column = demo
    for name in CLUSTER_RANKED:
        raw, rank = column[name], column[f"{name}_rank"]
        assert rank.min() >= 0.0 and rank.max() <= 1.0, name  # ties share a rank
        higher = raw[:, None] > raw[None, :]
        assert (rank[:, None] > rank[None, :])[higher].all(), name
        assert (rank[:, None] == rank[None, :])[raw[:, None] == raw[None, :]].all(), name


def test_source_ranks_and_neighbours_stay_in_their_source(
    demo: tuple[list[Sentence], dict[str, np.ndarray]],
) -> None:
    sentences, column = demo
    for source in {s.source for s in sentences}:
        mine = [i for i, s in enumerate(sentences) if s.source == source]
        ranks = column["centroid_source_rank"][mine]
        assert ranks.min() == 0.0 and ranks.max() == 1.0
        by_position = sorted(mine, key=lambda i: sentences[i].position)
        assert column["previous_centroid"][by_position[0]] == 0.0  # nothing before the lead
        for before, after in itertools.pairwise(by_position):
            assert column["previous_centroid"][after] == column["centroid"][before]
            assert column["next_centroid"][before] == column["centroid"][after]


def test_form_features_describe_the_source(
    demo: tuple[list[Sentence], dict[str, np.ndarray]],
) -> None:
    sentences, column = demo
    assert (column["relative_position"] >= 0).all() and (column["relative_position"] < 1).all()
    # One last sentence per source, and the sources' word shares add up to the cluster.
    assert column["last"].sum() == len({s.source for s in sentences})
    assert column["cluster_words"][0] == sum(s.words for s in sentences)
    firsts = [i for i, s in enumerate(sentences) if s.position == 0]
    assert column["source_word_share"][firsts].sum() == pytest.approx(1.0)


def test_quantile_rank_shares_ties_and_handles_one_value() -> None:
    np.testing.assert_allclose(
        quantile_rank(np.array([3.0, 1.0, 3.0, 2.0])), [5 / 6, 0, 5 / 6, 1 / 3]
    )
    np.testing.assert_array_equal(quantile_rank(np.array([0.4])), [1.0])
