"""align: for every sentence, the sources that report the same thing; deterministic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.clean import clean_source
from newsfuse.ingest import read_paths
from newsfuse.model import Group, Representation, Sentence
from newsfuse.represent import load_embedder, represent
from newsfuse.segment import segment
from sentence_builder import build

# (source, text). Sentence 0 (source 0) and 3 (source 1) are near-paraphrases; 5 (source 1)
# says a vaguer version of the same thing, so source 1 has two candidates for 0's group.
TEXTS: list[tuple[int, str]] = [
    (0, "At least four Russian cruise missiles crashed in Iran on Wednesday, U.S. officials said."),
    (0, "The bakery on Main Street sells fresh bread every morning."),
    (0, "Local schools will close early for the winter holidays."),
    (
        1,
        "Four of the Russian cruise missiles fired at Syria crashed in Iran, a U.S. official said.",
    ),
    (1, "The football team lost its third game in a row on Sunday."),
    (1, "A U.S. official said some Russian missiles came down in Iran."),
    (2, "A new art exhibit opens downtown next month."),
    (2, "Farmers expect a strong apple harvest this autumn."),
]


@pytest.fixture(scope="module")
def sentences() -> list[Sentence]:
    return build(TEXTS)


@pytest.fixture(scope="module")
def groups(sentences: list[Sentence]) -> list[Group]:
    rep = represent(sentences, load_embedder("glove"))
    return align(sentences, similarity(rep), SAME_INFORMATION["glove"])


def test_one_group_per_sentence_anchored_on_it(
    sentences: list[Sentence], groups: list[Group]
) -> None:
    assert [g.anchor for g in groups] == list(range(len(sentences)))
    for group in groups:
        assert group.anchor in group.members
        assert list(group.members) == sorted(group.members)


def test_paraphrases_in_different_sources_support_each_other(groups: list[Group]) -> None:
    assert 3 in groups[0].members and groups[0].support == (0, 1)
    assert 0 in groups[3].members and groups[3].support == (0, 1)


def test_unrelated_sentences_have_only_their_own_support(
    sentences: list[Sentence], groups: list[Group]
) -> None:
    for member in (1, 2, 4, 6, 7):
        assert groups[member].members == (member,)
        assert groups[member].support == (sentences[member].source,)


def test_at_most_one_sentence_per_source_in_a_group(
    sentences: list[Sentence], groups: list[Group]
) -> None:
    for group in groups:
        sources = [sentences[m].source for m in group.members]
        assert len(sources) == len(set(sources))
        assert group.support == tuple(sorted(set(sources)))
    # Sentence 5 also paraphrases 0, but source 1 is represented by its closer sentence 3.
    assert 5 not in groups[0].members


def test_align_is_repeatable(sentences: list[Sentence]) -> None:
    matrix = similarity(represent(sentences, load_embedder("glove")))
    assert align(sentences, matrix, 0.35) == align(sentences, matrix, 0.35)


SCRIPT = """
import json, sys
from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.model import Sentence
from newsfuse.represent import load_embedder, represent
sentences = [Sentence(*row) for row in json.loads(sys.argv[1])]
matrix = similarity(represent(sentences, load_embedder("glove")))
groups = align(sentences, matrix, SAME_INFORMATION["glove"])
print(json.dumps([[list(g.members), list(g.support)] for g in groups]))
"""


def test_align_is_independent_of_hash_seed(sentences: list[Sentence]) -> None:
    rows = json.dumps([[s.source, s.start, s.end, s.text, s.position] for s in sentences])
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, rows],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]
    assert [0, 3] in [members for members, _ in outputs[0]]


# --- align's rules on hand-made similarity matrices ------------------------------------


def three(sources: tuple[int, int, int]) -> list[Sentence]:
    return [Sentence(s, 0, 1, "x", i) for i, s in enumerate(sources)]


def test_each_sentence_takes_its_closest_match_per_source() -> None:
    # 1 and 2 are one source; 0 is closer to 2 than to 1.
    matrix = np.array([[1.0, 0.5, 0.9], [0.5, 1.0, 0.2], [0.9, 0.2, 1.0]], dtype=np.float32)
    assert align(three((0, 1, 1)), matrix, 0.4) == [
        Group(0, (0, 2), (0, 1)),
        Group(1, (0, 1), (0, 1)),
        Group(2, (0, 2), (0, 1)),
    ]


def test_same_source_pair_never_supports() -> None:
    matrix = np.array([[1.0, 0.95, 0.1], [0.95, 1.0, 0.1], [0.1, 0.1, 1.0]], dtype=np.float32)
    groups = align(three((0, 0, 1)), matrix, 0.4)
    assert [g.support for g in groups] == [(0,), (0,), (1,)]


def test_threshold_is_inclusive() -> None:
    pair = [Sentence(0, 0, 1, "x", 0), Sentence(1, 0, 1, "x", 0)]
    matrix = np.array([[1.0, 0.39], [0.39, 1.0]], dtype=np.float32)
    assert [g.support for g in align(pair, matrix, 0.4)] == [(0,), (1,)]
    matrix[0, 1] = matrix[1, 0] = 0.4
    assert [g.support for g in align(pair, matrix, 0.4)] == [(0, 1), (0, 1)]


def test_align_of_nothing_is_empty() -> None:
    assert align([], np.zeros((0, 0), dtype=np.float32), 0.4) == []


def test_similarity_is_symmetric_with_unit_diagonal(sentences: list[Sentence]) -> None:
    matrix = similarity(represent(sentences, load_embedder("glove")))
    assert matrix.shape == (len(sentences), len(sentences))
    assert np.allclose(matrix, matrix.T, atol=1e-6)
    assert np.all(np.diag(matrix) == 1.0)
    assert matrix.min() >= -1.0 - 1e-6 and matrix.max() <= 1.0 + 1e-6


def test_similarity_of_identical_rows_is_one() -> None:
    rows = np.array([[0.6, 0.8], [0.6, 0.8], [1.0, 0.0]], dtype=np.float32)
    embeddings = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    matrix = similarity(Representation(tfidf=rows, embeddings=embeddings))
    assert matrix[0, 1] == pytest.approx(1.0, abs=1e-6)


# --- support on the demo cluster against a hand annotation -----------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "missiles"

# Hand annotation of the demo cluster: for each sentence, every source that reports it.
DEMO_SUPPORT = json.loads(
    (Path(__file__).parent / "data" / "missiles_support.json").read_text(encoding="utf-8")
)["sentences"]


@pytest.mark.parametrize("embedder", ["glove", "minilm"])
def test_demo_support_precision_and_recall(embedder: str) -> None:
    sources = [clean_source(s) for s in read_paths([str(EXAMPLES)])]
    demo = segment(sources)
    matrix = similarity(represent(demo, load_embedder(embedder)))
    groups = align(demo, matrix, SAME_INFORMATION[embedder])
    hits = claimed = expected = 0
    for row in DEMO_SUPPORT:
        source, opening, gold = row["source"], row["opening"], set(row["support"])
        (index,) = [
            i for i, s in enumerate(demo) if s.source == source and s.text.startswith(opening)
        ]
        predicted = set(groups[index].support) - {source}
        hits += len(predicted & (gold - {source}))
        claimed += len(predicted)
        expected += len(gold - {source})
    precision, recall = hits / claimed, hits / expected
    assert precision >= 0.8, f"{embedder}: precision {precision:.2f}"
    assert recall >= 0.7, f"{embedder}: recall {recall:.2f}"
