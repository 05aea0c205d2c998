"""train: a tiny synthetic corpus made here (no Multi-News needed) trains a model that
loads, scores as the data taught it, and is the same file when trained again."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsfuse.features import FEATURES, LOWERCASED_FEATURES, TRANSFERABLE_FEATURES
from newsfuse.labels import oracle_labels, precision_labels
from newsfuse.model import InputError
from newsfuse.scorer import LearnedScorer, TreeModel
from newsfuse.train import build_examples, feature_importance, train

pytest.importorskip("lightgbm")

TOPICS = "flood fire storm strike election match trial merger".split()
PLACES = "Lisbon Oslo Cairo Lima Perth Quito Dakar Hanoi".split()


def synthetic_records(count: int, seed: int = 7) -> list[dict[str, object]]:
    """Clusters of three reports whose reference summary repeats the reports' lead
    sentences: what a scorer must learn is that leads shared across reports matter."""
    rng = random.Random(seed)
    records = []
    for number in range(count):
        topic, place = rng.choice(TOPICS), rng.choice(PLACES)
        lead = f"A major {topic} hit {place} on day {number}, officials said on Monday."
        filler = [
            f"Local residents shared photos of street market number {rng.randint(1, 999)}.",
            f"The weather elsewhere was mild with light winds, day {rng.randint(1, 99)}.",
            f"Readers can subscribe to the newsletter for gardening tip {rng.randint(1, 99)}.",
        ]
        documents = []
        for source in range(3):
            body = [lead.replace("officials", ["officials", "police", "the mayor"][source])]
            body += rng.sample(filler, len(filler))
            documents.append(" ".join(body))
        records.append({"id": f"s-{number}", "documents": documents, "summary": lead})
    return records


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("train") / "train.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in synthetic_records(60)), encoding="utf-8")
    return path


def test_labels_reward_the_sentences_the_summary_carries() -> None:
    texts = ["A storm hit Oslo on Monday.", "Markets were calm.", "The storm hit Oslo hard."]
    summary = "A storm hit Oslo on Monday."
    precision = precision_labels(texts, summary)
    # "the storm hit oslo hard": 3 of 5 unigrams and 2 of 4 bigrams are the summary's.
    assert precision == pytest.approx([2.0, 0.0, 3 / 5 + 2 / 4])
    assert oracle_labels(texts, summary, 260, [True] * 3) == [1.0, 0.0, 0.0]
    assert oracle_labels(texts, summary, 3, [True] * 3) == [0.0, 0.0, 0.0]  # over budget
    assert oracle_labels(texts, summary, 260, [False, True, True]) == [0.0, 0.0, 1.0]


def test_trained_model_loads_and_prefers_what_the_data_taught(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "model.npz"
    done = train(corpus, output, seed=1)
    # Half the records (the odd ones) give examples; the even half fits word importance.
    assert done["clusters"] == 30 and done["examples"] >= 30 * 9
    model = TreeModel.load(output)
    assert model.meta["clusters"] == 30 and "non-commercial" in model.meta["terms"]
    assert model.importance is not None
    examples = build_examples(corpus, limit=10, importance=model.importance)
    scores = LearnedScorer(model).model.predict(examples.features)
    # The leads (the summary's sentence) score above the filler in every cluster.
    assert scores[examples.oracle == 1].min() > scores[examples.oracle == 0].max()
    names = [name for name, count in feature_importance(model) if count]
    assert names and set(names) <= set(FEATURES)


def test_same_seed_same_file_and_workers_do_not_matter(corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.npz", tmp_path / "two.npz"
    train(corpus, one, seed=3, limit=30)
    train(corpus, two, seed=3, limit=30, workers=2)
    a, b = TreeModel.load(one), TreeModel.load(two)
    probe = np.random.default_rng(0).normal(size=(50, len(FEATURES)))
    np.testing.assert_array_equal(a.predict(probe), b.predict(probe))
    assert one.read_bytes() == two.read_bytes()


def test_records_without_summaries_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "x", "documents": ["Some text here."]}) + "\n")
    with pytest.raises(InputError, match="summary"):
        train(path, tmp_path / "m.npz")


def test_train_command(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "cli.npz"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsfuse",
            "train",
            str(corpus),
            "-o",
            str(output),
            "--limit",
            "20",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "10 clusters" in result.stdout  # the odd half of the first 20
    assert TreeModel.load(output).meta["clusters"] == 10


def test_lowercased_model_reads_all_features_the_transferable_one_the_portable_ones(
    corpus: Path, tmp_path: Path
) -> None:
    output, lowercased = tmp_path / "model.npz", tmp_path / "lowercased.npz"
    done = train(corpus, output, seed=1, limit=30, lowercased_output=lowercased)
    assert done["lowercased_bytes"] == lowercased.stat().st_size
    transferable, cut = TreeModel.load(output), TreeModel.load(lowercased)
    assert transferable.features == TRANSFERABLE_FEATURES
    assert cut.features == LOWERCASED_FEATURES and cut.meta["clusters"] == 15
    # The transferable model is the one trained without the second output.
    train(corpus, tmp_path / "alone.npz", seed=1, limit=30)
    assert (tmp_path / "alone.npz").read_bytes() == output.read_bytes()
