"""Baselines: round-robin lead order, and sumy rankers that return source sentences."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from pathlib import Path

import nltk
import pytest
from sumy.nlp.tokenizers import Tokenizer

from newsfuse.evaluate.baselines import Summarizer, SumyTokenizer, first_k, lexrank, textrank

DOC_A = "Alpha one here. Alpha two here. Alpha three here."
DOC_B = "Bravo one here. Bravo two here."
DOC_C = "Charlie one here."

CLUSTER = [
    "The storm hit the coast on Monday. Thousands of homes lost power in the storm.\n"
    "Officials said the storm was the worst in a decade. Schools were closed on Tuesday.",
    "A powerful storm struck the coast Monday, cutting power to thousands of homes.\n"
    "The governor declared an emergency. Officials expect power back by Friday.",
    "Power was out for thousands after the storm. The governor toured the damage.\n"
    "Forecasters said another storm could arrive next week.",
]


def input_sentences() -> list[str]:
    # The sentences as written; the toy text has no abbreviations, so ". " ends each one.
    return [
        s if s.endswith(".") else s + "."
        for doc in CLUSTER
        for line in doc.split("\n")
        for s in line.split(". ")
    ]


def test_first_k_round_robin_order() -> None:
    assert first_k([DOC_A, DOC_B, DOC_C], 1000) == [
        "Alpha one here.",
        "Bravo one here.",
        "Charlie one here.",
        "Alpha two here.",
        "Bravo two here.",
        "Alpha three here.",
    ]


def test_first_k_stops_at_the_sentence_reaching_the_budget() -> None:
    # 3 words each: 3, 6 (< 7), 9 >= 7 -> the third is the last one kept.
    assert first_k([DOC_A, DOC_B, DOC_C], 7) == [
        "Alpha one here.",
        "Bravo one here.",
        "Charlie one here.",
    ]
    assert first_k([DOC_A, DOC_B, DOC_C], 6) == ["Alpha one here.", "Bravo one here."]


def test_baselines_on_nothing() -> None:
    for baseline in (first_k, lexrank, textrank):
        assert baseline([], 100) == []
        assert baseline(["", "  "], 100) == []
        assert baseline(CLUSTER, 0) == []


def check_extract(summary: Sequence[str], words: int) -> None:
    sentences = input_sentences()
    assert summary, "an empty summary"
    assert all(s in sentences for s in summary), summary
    assert len(set(summary)) == len(summary)
    # In input order (sumy gives the chosen sentences in document order).
    positions = [sentences.index(s) for s in summary]
    assert positions == sorted(positions)
    # Within budget plus one sentence: everything before the last one is under the budget.
    assert sum(len(s.split()) for s in summary[:-1]) < words


@pytest.mark.parametrize("baseline", [lexrank, textrank])
def test_sumy_baselines_extract_within_budget(baseline: Summarizer) -> None:
    for words in (10, 25, 60):
        summary = baseline(CLUSTER, words)
        check_extract(summary, words)
        assert baseline(CLUSTER, words) == summary  # deterministic
    # A budget larger than the cluster gives every sentence once.
    assert len(baseline(CLUSTER, 10_000)) == len(input_sentences())


@pytest.mark.parametrize("baseline", [lexrank, textrank])
def test_sumy_baselines_need_no_nltk_data_or_network(
    baseline: Summarizer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network or download attempted")

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    # sumy's own tokenizer does need punkt: proof that the data is really absent here.
    with pytest.raises(LookupError):
        Tokenizer("english")
    check_extract(baseline(CLUSTER, 30), 30)


def test_sumy_tokenizer() -> None:
    tokenizer = SumyTokenizer()
    assert tokenizer.language == "english"
    assert tokenizer.to_sentences("The U.S. Army left on Sept. 30. It rained.") == (
        "The U.S. Army left on Sept. 30.",
        "It rained.",
    )
    # Punctuation and numbers dropped, as sumy's Tokenizer drops them.
    assert tokenizer.to_words("Officials said 30 homes weren't hit, he said.") == (
        "Officials",
        "said",
        "homes",
        "were",
        "n't",
        "hit",
        "he",
        "said",
    )


@pytest.mark.filterwarnings("error")
def test_lexrank_on_a_graph_without_edges_is_the_lead() -> None:
    # Two sentences sharing no word: every idf is 0, sumy's ratings are all NaN and its
    # stable sort keeps document order; no numpy warning escapes.
    document = "The bridge reopened after repairs. Traffic returned to normal."
    assert lexrank([document], 4) == ["The bridge reopened after repairs."]


@pytest.mark.parametrize("baseline", [first_k, lexrank, textrank])
def test_sentences_come_back_as_written(baseline: Summarizer) -> None:
    # Runs of spaces inside a sentence are kept (sumy sees them collapsed).
    document = "The storm  hit the coast.  Power was   cut to homes."
    assert baseline([document], 100) == ["The storm  hit the coast.", "Power was   cut to homes."]
