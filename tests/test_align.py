"""align: cross-source groups of paraphrases, one sentence per source, deterministic."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from newsfuse.align import LINK_FLOOR, SAME_INFORMATION, align, similarity, support_of
from newsfuse.model import Group, Representation, Sentence
from newsfuse.represent import load_embedder, represent

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


def build(texts: list[tuple[int, str]]) -> list[Sentence]:
    positions: dict[int, int] = {}
    out = []
    for source, text in texts:
        position = positions.get(source, 0)
        positions[source] = position + 1
        out.append(Sentence(source, 0, len(text), text, position))
    return out


@pytest.fixture(scope="module")
def sentences() -> list[Sentence]:
    return build(TEXTS)


@pytest.fixture(scope="module")
def groups(sentences: list[Sentence]) -> list[Group]:
    return align(sentences, similarity(represent(sentences, load_embedder("glove"))))


def group_of(groups: list[Group], member: int) -> Group:
    (found,) = [g for g in groups if member in g.members]
    return found


def test_paraphrases_in_different_sources_share_a_group(groups: list[Group]) -> None:
    group = group_of(groups, 0)
    assert 3 in group.members
    assert group.support == (0, 1)


def test_unrelated_sentences_stay_alone(groups: list[Group]) -> None:
    for member in (1, 2, 4, 6, 7):
        assert group_of(groups, member).members == (member,)


def test_no_group_has_two_sentences_of_one_source(
    sentences: list[Sentence], groups: list[Group]
) -> None:
    for group in groups:
        sources = [sentences[m].source for m in group.members]
        assert len(sources) == len(set(sources))
        assert group.support == tuple(sorted(set(sources)))
    # Sentence 5 also paraphrases 0, but source 1 is already there through sentence 3.
    assert 5 not in group_of(groups, 0).members


def test_every_sentence_in_exactly_one_group(
    sentences: list[Sentence], groups: list[Group]
) -> None:
    members = sorted(m for g in groups for m in g.members)
    assert members == list(range(len(sentences)))


def test_groups_in_order_of_first_sentence(groups: list[Group]) -> None:
    firsts = [g.members[0] for g in groups]
    assert firsts == sorted(firsts)
    assert all(list(g.members) == sorted(g.members) for g in groups)


def test_align_is_repeatable(sentences: list[Sentence]) -> None:
    rep = represent(sentences, load_embedder("glove"))
    assert align(sentences, similarity(rep)) == align(sentences, similarity(rep))


SCRIPT = """
import json, sys
from newsfuse.align import align, similarity
from newsfuse.model import Sentence
from newsfuse.represent import load_embedder, represent
sentences = [Sentence(*row) for row in json.loads(sys.argv[1])]
groups = align(sentences, similarity(represent(sentences, load_embedder("glove"))))
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


def test_no_chaining_through_a_middle_sentence() -> None:
    # A~B and B~C are the same information, A and C are not even loosely related.
    matrix = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.8], [0.1, 0.8, 1.0]], dtype=np.float32)
    assert LINK_FLOOR > 0.1
    assert align(three((0, 1, 2)), matrix) == [
        Group((0, 1), (0, 1)),
        Group((2,), (2,)),
    ]


def test_loosely_related_third_joins_when_above_floor() -> None:
    matrix = np.array([[1.0, 0.9, 0.35], [0.9, 1.0, 0.8], [0.35, 0.8, 1.0]], dtype=np.float32)
    assert LINK_FLOOR <= 0.35
    assert align(three((0, 1, 2)), matrix) == [Group((0, 1, 2), (0, 1, 2))]


def test_same_source_pair_never_grouped() -> None:
    matrix = np.array([[1.0, 0.95, 0.5], [0.95, 1.0, 0.6], [0.5, 0.6, 1.0]], dtype=np.float32)
    # 0 and 1 are one source; the best cross pair (1, 2) wins, 0 is left alone.
    assert align(three((0, 0, 1)), matrix) == [
        Group((0,), (0,)),
        Group((1, 2), (0, 1)),
    ]


def test_pair_below_threshold_stays_apart() -> None:
    below = SAME_INFORMATION - 0.01
    matrix = np.array([[1.0, below], [below, 1.0]], dtype=np.float32)
    pair = [Sentence(0, 0, 1, "x", 0), Sentence(1, 0, 1, "x", 0)]
    assert align(pair, matrix) == [Group((0,), (0,)), Group((1,), (1,))]
    matrix[0, 1] = matrix[1, 0] = SAME_INFORMATION
    assert align(pair, matrix) == [Group((0, 1), (0, 1))]


def test_align_of_nothing_is_empty() -> None:
    assert align([], np.zeros((0, 0), dtype=np.float32)) == []


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


def test_support_of_maps_each_sentence_to_its_group_support() -> None:
    groups = [Group((0, 2), (0, 1)), Group((1,), (0,)), Group((3,), (2,))]
    assert support_of(groups, 4) == [(0, 1), (0,), (0, 1), (2,)]
