"""The incremental clusterer on synthetic word streams: stories found, bounded work per
article, the same state after a replay, the same stories whatever the hash seed."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newsfuse.corpus.cluster import (
    CANDIDATES,
    MIN_TERMS,
    POSTINGS,
    RARE_TERMS,
    THRESHOLD,
    Clusterer,
    Member,
    pair_features,
    pair_score,
    term_counts,
)

COMMON = "report official statement week people city government country police public".split()


def event_words(event: int) -> list[str]:
    """Twenty made-up words of one event (letters only: the stemmer keeps them apart)."""
    rng = random.Random(event)
    return [
        "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))
        for _ in range(20)
    ]


def text_of(event: int, k: int) -> str:
    """An article of ``event``: 30 of its words and 10 common ones, drawn by seed ``k``."""
    rng = random.Random(event * 1000 + k)
    words = rng.choices(event_words(event), k=30) + rng.choices(COMMON, k=10)
    rng.shuffle(words)
    return " ".join(words)


def stream(events: int, per_event: int) -> list[tuple[str, int]]:
    rows = [(f"e{e}-{k}", e) for e in range(events) for k in range(per_event)]
    random.Random(7).shuffle(rows)
    return rows


def cluster(rows: list[tuple[str, int]]) -> dict[str, str]:
    clusterer = Clusterer()
    return {
        key: clusterer.assign(term_counts(text_of(e, int(key.split("-")[1]))), None)
        for key, e in rows
    }


def test_each_event_is_one_story() -> None:
    rows = stream(events=12, per_event=5)
    story = cluster(rows)
    groups: dict[int, set[str]] = {}
    for key, event in rows:
        groups.setdefault(event, set()).add(story[key])
    assert all(len(stories) == 1 for stories in groups.values())
    assert len({s for stories in groups.values() for s in stories}) == 12


def test_a_stub_is_a_story_nothing_joins() -> None:
    clusterer = Clusterer()
    stub = term_counts("page not found please try again later")
    assert sum(stub.values()) < MIN_TERMS
    first, second = clusterer.assign(stub, None), clusterer.assign(stub, None)
    assert first != second


def test_candidates_stay_bounded_as_stories_accumulate() -> None:
    """Every open story holds all the terms of an article: the lookup proposes only
    CANDIDATES of them, from the POSTINGS stories that took those terms last."""
    clusterer = Clusterer()
    shared = event_words(0)[:5]
    stories = 3 * POSTINGS
    for k in range(stories):
        opened = clusterer.assign(term_counts(f"{' '.join(shared)} {text_of(100 + k, 0)}"), None)
        assert opened == f"s{k:07d}"  # each its own story
    article = clusterer.represent(term_counts(" ".join(shared * 5)))
    found = clusterer.candidates(article, None)
    assert len(found) == CANDIDATES
    assert min(found) >= stories - POSTINGS


def test_pair_features_and_score_tell_one_event_from_another() -> None:
    clusterer = Clusterer()
    for k in range(30):  # the common words become frequent, the event words stay rare
        clusterer.assign(term_counts(text_of(200 + k, 0)), None)
    a, b, c = (clusterer.represent(term_counts(text_of(e, k))) for e, k in ((1, 0), (1, 1), (2, 0)))
    cosine, rare = pair_features(a, Member.of(b))
    shared = a.vector.keys() & b.vector.keys()
    assert len(shared) > RARE_TERMS
    assert cosine == pytest.approx(sum(a.vector[t] * b.vector[t] for t in shared))
    assert rare == pytest.approx(sum(sorted((a.idf[t] for t in shared), reverse=True)[:RARE_TERMS]))
    other = pair_features(a, Member.of(c))
    assert other[0] < cosine and other[1] < rare
    assert pair_score(other) < THRESHOLD <= pair_score((cosine, rare))


def test_replay_gives_the_same_state() -> None:
    rows = stream(events=6, per_event=4)
    live, replayed = Clusterer(), Clusterer()
    for key, event in rows:
        terms = term_counts(text_of(event, int(key.split("-")[1])))
        replayed.restore(terms, live.assign(terms, None), None)
    for event in range(8):  # six known events and two new ones
        terms = term_counts(text_of(event, 9))
        assert live.assign(terms, None) == replayed.assign(terms, None)


def test_same_stories_whatever_the_hash_seed() -> None:
    script = (
        "import json, tests.test_cluster as t;"
        "print(json.dumps(t.cluster(t.stream(events=10, per_event=4)), sort_keys=True))"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            cwd=Path(__file__).resolve().parents[1],  # where ``tests`` imports from
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert len(set(json.loads(outputs.pop()).values())) == 10
