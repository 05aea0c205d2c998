"""features: one finite row per sentence, the same for cased text and its lowercased copy."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.clean import clean_source
from newsfuse.features import FEATURES, POSITION_CAP, sentence_features
from newsfuse.ingest import read_paths
from newsfuse.model import Source
from newsfuse.represent import load_embedder, represent
from newsfuse.segment import segment
from sentence_builder import build

DEMO = Path(__file__).parent.parent / "examples" / "missiles"


def features_of(sources: list[Source], lowercase: bool = False) -> np.ndarray:
    sentences = segment(sources)
    if lowercase:
        sentences = [replace(s, text=s.text.lower()) for s in sentences]
    representation = represent(sentences, load_embedder("glove"))
    groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
    return sentence_features(sentences, representation, groups)


@pytest.fixture(scope="module")
def demo_sources() -> list[Source]:
    return [clean_source(s) for s in read_paths([str(DEMO)])]


def test_one_finite_row_per_sentence(demo_sources: list[Source]) -> None:
    matrix = features_of(demo_sources)
    assert matrix.shape == (len(segment(demo_sources)), len(FEATURES))
    assert np.isfinite(matrix).all()
    column = dict(zip(FEATURES, matrix.T, strict=True))
    assert column["position"].max() <= POSITION_CAP
    assert column["first"].sum() == len(demo_sources)  # one lead sentence per source
    assert (column["support_share"] >= 0).all() and (column["support_share"] <= 1).all()
    assert column["support_sources"].max() >= 2  # the demo's reports repeat each other


def test_lowercased_copy_has_the_same_features(demo_sources: list[Source]) -> None:
    # The training copy is lowercased: features must not see case, or they would not carry
    # over to real, cased input. (Same sentences: syntok needs case to split them.)
    cased, lower = features_of(demo_sources), features_of(demo_sources, lowercase=True)
    np.testing.assert_allclose(cased, lower, atol=1e-5)


def test_support_features_see_other_sources_only() -> None:
    sentences = build(
        [
            (0, "The river flooded the old town on Monday night."),
            (0, "The river flooded the old town on Monday night, again."),
            (1, "Officials counted the cost of the flood in the old town."),
            (1, "A football match went ahead in another city."),
        ]
    )
    representation = represent(sentences, load_embedder("glove"))
    groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
    column = dict(
        zip(FEATURES, sentence_features(sentences, representation, groups).T, strict=True)
    )
    # Sentence 0's near-copy sits in its own source: no bigram support from it.
    assert column["bigram_any"][3] == 0.0
    assert column["bigram_support"][0] < 1.0
    assert column["support_max"][2] > column["support_max"][3]


def test_no_sentences_no_rows() -> None:
    representation = represent([], load_embedder("glove"))
    assert sentence_features([], representation, []).shape == (0, len(FEATURES))
