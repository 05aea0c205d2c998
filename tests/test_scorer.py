"""scorer: the shipped model loads offline and differs from the heuristic; the tree layout
predicts as LightGBM does; the heuristic fallback needs no model; errors are input errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import newsfuse.scorer as scorer_module
from copy_form import copy_form
from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.clean import clean_source
from newsfuse.features import FEATURES, LOWERCASED_FEATURES, TRANSFERABLE_FEATURES
from newsfuse.ingest import read_paths
from newsfuse.model import InputError
from newsfuse.pipeline import fuse
from newsfuse.represent import load_embedder, represent
from newsfuse.scorer import (
    DEFAULT_SCORER,
    HeuristicScorer,
    LearnedScorer,
    TreeModel,
    load_scorer,
)
from newsfuse.segment import segment
from newsfuse.train import _flatten

DEMO = Path(__file__).parent.parent / "examples" / "missiles"


def test_shipped_model_loads_and_says_what_it_was_trained_on() -> None:
    scorer = load_scorer("learned")
    assert isinstance(scorer, LearnedScorer)
    assert scorer is load_scorer("learned")  # loaded once per process
    meta = scorer.model.meta
    assert meta["features"] == list(TRANSFERABLE_FEATURES)
    assert "non-commercial" in meta["terms"]
    assert meta["clusters"] > 1000


def test_default_scorer_is_the_learned_one() -> None:
    assert DEFAULT_SCORER == "learned"


def test_learned_and_heuristic_rank_the_demo_differently_both_sensibly() -> None:
    sources = [clean_source(s) for s in read_paths([str(DEMO)])]
    sentences = segment(sources)
    representation = represent(sentences, load_embedder("glove"))
    groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
    learned = load_scorer("learned").score(sentences, representation, groups)
    heuristic = HeuristicScorer().score(sentences, representation, groups)
    assert learned.shape == heuristic.shape == (len(sentences),)
    assert not np.array_equal(np.argsort(-learned), np.argsort(-heuristic))
    # Both put a lead sentence (the news) above the average sentence.
    leads = [i for i, s in enumerate(sentences) if s.position == 0]
    for scores in (learned, heuristic):
        assert scores[leads].mean() > scores.mean()


def test_fuse_with_either_scorer_is_deterministic_and_within_budget() -> None:
    sources = read_paths([str(DEMO)])
    for name in ("learned", "heuristic"):
        first, second = fuse(sources, 120, scorer=name), fuse(sources, 120, scorer=name)
        assert first == second
        assert 0 < first.summary.words <= 120
    assert fuse(sources, 120, scorer="learned") != fuse(sources, 120, scorer="heuristic")


def test_unknown_scorer_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown scorer"):
        load_scorer("oracle")


def test_without_the_model_file_learned_fails_clearly_and_heuristic_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scorer_module, "MODEL_RESOURCE", "no-such-model.npz")
    scorer_module._load_scorer.cache_clear()
    try:
        with pytest.raises(InputError, match="cannot load the model"):
            load_scorer("learned")
        report = fuse(read_paths([str(DEMO)]), 100, scorer="heuristic")
        assert 0 < report.summary.words <= 100
    finally:
        scorer_module._load_scorer.cache_clear()


def test_model_of_other_features_is_refused(tmp_path: Path) -> None:
    model = load_scorer("learned")
    assert isinstance(model, LearnedScorer)
    path = tmp_path / "model.npz"
    model.model.save(path)
    with np.load(path) as stored:
        arrays = {key: stored[key] for key in stored.files}
    arrays["features"] = np.array([*FEATURES[:-1], "something else"])
    with pytest.raises(ValueError, match="features"):
        TreeModel(arrays)


def test_numpy_trees_predict_what_lightgbm_predicts(tmp_path: Path) -> None:
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, len(FEATURES)))
    y = x[:, 0] - 2 * (x[:, 3] > 0.5) + rng.normal(scale=0.1, size=600)
    params = {"objective": "regression", "num_leaves": 7, "verbose": -1, "seed": 0}
    booster = lightgbm.train(params, lightgbm.Dataset(x, y), num_boost_round=25)
    model = _flatten(booster.dump_model(), {}, FEATURES, FEATURES)
    probe = rng.normal(size=(200, len(FEATURES)))
    np.testing.assert_allclose(model.predict(probe), booster.predict(probe), rtol=1e-9, atol=1e-9)
    model.save(tmp_path / "m.npz")
    np.testing.assert_array_equal(
        TreeModel.load(tmp_path / "m.npz").predict(probe), model.predict(probe)
    )


def test_the_lowercased_form_gets_its_own_model_and_cased_text_does_not() -> None:
    scorer = load_scorer("learned")
    assert isinstance(scorer, LearnedScorer) and scorer.lowercased is not None
    assert scorer.lowercased.features == LOWERCASED_FEATURES
    transferable_only = LearnedScorer(scorer.model)
    cased = segment([clean_source(s) for s in read_paths([str(DEMO)])])
    copied = [replace(s, text=copy_form(s.text)) for s in cased]
    scores = {}
    for name, sentences in (("cased", cased), ("copied", copied)):
        representation = represent(sentences, load_embedder("glove"))
        groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
        scores[name] = [
            s.score(sentences, representation, groups) for s in (scorer, transferable_only)
        ]
    np.testing.assert_array_equal(*scores["cased"])
    assert not np.allclose(*scores["copied"])
