"""conditional: the learned greedy selection stays within the budget, never takes a
repeat of a chosen sentence, is deterministic, and gives way to the independent selection
when the model has no selector. Real text (the demo cluster), the shipped model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.clean import clean_source
from newsfuse.conditional import (
    DYNAMIC_FEATURES,
    HARD_REDUNDANCY,
    POOL,
    SelectionState,
    conditional_select,
    pool,
)
from newsfuse.ingest import read_paths
from newsfuse.model import Group, Representation, Sentence
from newsfuse.represent import load_embedder, represent
from newsfuse.scorer import LearnedScorer, TreeModel, load_scorer
from newsfuse.segment import segment
from newsfuse.summarize import choose, is_candidate, select

DEMO = Path(__file__).parent.parent / "examples" / "missiles"


@dataclasses.dataclass(frozen=True)
class Cluster:
    sentences: list[Sentence]
    representation: Representation
    groups: list[Group]


def analyse(sentences: list[Sentence]) -> Cluster:
    representation = represent(sentences, load_embedder("glove"))
    groups = align(sentences, similarity(representation), SAME_INFORMATION["glove"])
    return Cluster(sentences, representation, groups)


@pytest.fixture(scope="module")
def demo() -> Cluster:
    return analyse(segment([clean_source(s) for s in read_paths([str(DEMO)])]))


@pytest.fixture(scope="module")
def scorer() -> LearnedScorer:
    learned = load_scorer("learned")
    assert isinstance(learned, LearnedScorer)
    assert learned.model.selector is not None, "the shipped model has a selector"
    return learned


def chosen(cluster: Cluster, scorer: LearnedScorer, words: int) -> list[int]:
    scores = scorer.score(cluster.sentences, cluster.representation, cluster.groups)
    return choose(cluster.sentences, scores, cluster.representation, words, scorer)


@pytest.mark.parametrize("words", [30, 60, 120, 260, 600])
def test_within_budget_candidates_only_no_repeats(
    demo: Cluster, scorer: LearnedScorer, words: int
) -> None:
    picked = chosen(demo, scorer, words)
    assert picked
    assert sum(demo.sentences[i].words for i in picked) <= words
    assert all(is_candidate(demo.sentences[i]) for i in picked)
    assert len(set(picked)) == len(picked)
    lexical = demo.representation.lexical_similarity
    for n, i in enumerate(picked):
        assert all(lexical[j, i] <= HARD_REDUNDANCY for j in picked[:n])


def test_a_copy_of_a_chosen_sentence_is_never_taken(demo: Cluster, scorer: LearnedScorer) -> None:
    # A sixth report that copies the first one word for word (cosine 1.0 sentence by
    # sentence): the summary may quote either copy of a sentence, never both.
    copy_source = max(s.source for s in demo.sentences) + 1
    copies = [dataclasses.replace(s, source=copy_source) for s in demo.sentences if s.source == 0]
    with_copy = analyse([*demo.sentences, *copies])
    texts = [with_copy.sentences[i].text for i in chosen(with_copy, scorer, 260)]
    assert set(texts) & {s.text for s in copies}, "the copied report is quoted"
    assert len(texts) == len(set(texts))


def test_deterministic(demo: Cluster, scorer: LearnedScorer) -> None:
    assert chosen(demo, scorer, 260) == chosen(demo, scorer, 260)


def test_without_a_selector_the_independent_selection(demo: Cluster, scorer: LearnedScorer) -> None:
    arrays = {**scorer.model.to_arrays(), **scorer.model.importance.to_arrays()}  # type: ignore[union-attr]
    plain = LearnedScorer(TreeModel(arrays))
    assert plain.model.selector is None
    scores = plain.score(demo.sentences, demo.representation, demo.groups)
    expected = select(demo.sentences, scores, demo.representation.lexical_similarity, 260)
    assert chosen(demo, plain, 260) == expected


def test_selector_saved_and_loaded_predicts_the_same(scorer: LearnedScorer, tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    scorer.model.save(path)
    loaded = TreeModel.load(path)
    assert loaded.selector is not None and scorer.model.selector is not None
    rows = np.random.default_rng(0).normal(size=(30, len(DYNAMIC_FEATURES)))
    np.testing.assert_array_equal(
        loaded.selector.predict(rows), scorer.model.selector.predict(rows)
    )


def test_pool_is_the_best_candidates_by_score(demo: Cluster) -> None:
    scores = np.arange(len(demo.sentences), dtype=np.float64)  # later is better
    best = pool(demo.sentences, scores, is_candidate)
    candidates = [i for i, s in enumerate(demo.sentences) if is_candidate(s)]
    assert best == sorted(candidates, reverse=True)[:POOL]


def test_selection_state_follows_what_is_chosen(demo: Cluster, scorer: LearnedScorer) -> None:
    scores = scorer.score(demo.sentences, demo.representation, demo.groups)
    state = SelectionState(
        demo.sentences,
        pool(demo.sentences, scores, is_candidate),
        scores,
        demo.representation.lexical_similarity,
        260,
        scorer.model.importance,
    )
    options = state.options()
    before = dict(zip(options.tolist(), state.features(options), strict=True))
    state.add(int(options[0]))
    later = state.options()
    after = dict(zip(later.tolist(), state.features(later), strict=True))
    column = DYNAMIC_FEATURES.index
    assert int(options[0]) not in after
    assert all(row[column("max_similarity")] == 0 for row in before.values())
    assert all(row[column("step")] == 1 and row[column("used")] > 0 for row in after.values())
    # What the chosen sentence says is no longer new for the others.
    new = column("new_importance")
    both = set(before) & set(after)
    assert all(after[o][new] <= before[o][new] for o in both)
    assert any(after[o][new] < before[o][new] for o in both)
    assert conditional_select(state, scorer.model.selector.predict)[0] == int(
        state.index[options[0]]
    )  # type: ignore[union-attr]


def test_sentences_without_content_words(scorer: LearnedScorer) -> None:
    # Found by the property tests: candidates with no content word (and so no word rows).
    text = ": : : : : : ;"
    cluster = analyse([Sentence(source=0, start=0, end=len(text), text=text, position=0)])
    picked = chosen(cluster, scorer, 8)
    assert sum(cluster.sentences[i].words for i in picked) <= 8
