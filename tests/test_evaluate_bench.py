"""The bench: every system on the same toy records, one row each."""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest
from rich.console import Console

from newsfuse.evaluate.baselines import first_k, lexrank
from newsfuse.evaluate.bench import SystemResult, default_systems, format_table, run_bench
from newsfuse.model import InputError

RECORDS = [
    {
        "id": "toy-1",
        "documents": [
            "The storm hit the coast on Monday. Thousands of homes lost power.",
            "A powerful storm struck the coast. The governor declared an emergency.",
        ],
        "summary": "A storm hit the coast on Monday and thousands of homes lost power.",
    },
    {
        "id": "toy-2",
        "documents": [
            "The team won the final on Sunday. Fans celebrated in the streets.",
            {"text": "Fans filled the streets after the team won the final.", "title": "Win"},
        ],
        "summary": "The team won the final. Fans celebrated in the streets.",
    },
    {
        "id": "toy-3",
        "documents": ["The bridge reopened after repairs. Traffic returned to normal."],
        "summary": "The bridge reopened after two months of repairs.",
    },
]


def oracle(documents: Sequence[str], words: int) -> list[str]:
    """Returns the record's own reference summary, verbatim."""
    for record in RECORDS:
        if record["documents"] is documents or _texts(record) == list(documents):
            return [str(record["summary"])]
    raise AssertionError("unknown cluster")


def _texts(record: dict[str, object]) -> list[str]:
    docs = record["documents"]
    assert isinstance(docs, list)
    return [d if isinstance(d, str) else d["text"] for d in docs]


def test_two_real_systems_one_row_each() -> None:
    results = run_bench(RECORDS, {"first-k": first_k, "lexrank": lexrank})
    assert [r.system for r in results] == ["first-k", "lexrank"]
    for result in results:
        assert result.clusters == 3
        for value in (result.rouge1, result.rouge2, result.rouge_lsum, result.longbench):
            assert 0.0 < value <= 100.0
        assert result.rouge1 >= result.rouge2  # bigrams never match more than unigrams
        assert result.ms_median >= 0.0
        assert 0.0 <= result.ms_mean < 5_000.0


def test_reference_verbatim_scores_100() -> None:
    (result,) = run_bench(RECORDS, {"oracle": oracle})
    assert result.rouge1 == pytest.approx(100.0)
    assert result.rouge2 == pytest.approx(100.0)
    assert result.rouge_lsum == pytest.approx(100.0)
    assert result.longbench == pytest.approx(100.0)


def test_warm_up_call_is_not_timed() -> None:
    calls: list[list[str]] = []

    def slow_to_load(documents: Sequence[str], words: int) -> list[str]:
        if not calls:
            time.sleep(0.5)  # a model load: must not show in the timings
        calls.append(list(documents))
        return first_k(documents, words)

    (result,) = run_bench(RECORDS, {"slow": slow_to_load})
    assert len(calls) == 1 + len(RECORDS)
    assert calls[0] == calls[1] == _texts(RECORDS[0])
    assert result.ms_mean < 250.0


def test_format_table_has_every_column_and_row() -> None:
    results = [SystemResult("first-k", 41.5, 13.25, 37.0, 26.75, 8.04, 7.5, 3)]
    console = Console(width=200, record=True)
    console.print(format_table(results))
    text = console.export_text()
    for header in ("system", "R1", "R2", "RLsum", "LongBench RL", "ms/cluster mean", "median"):
        assert header in text
    assert "clusters" in text
    for cell in ("first-k", "41.50", "13.25", "37.00", "26.75", "8.0", "7.5"):
        assert cell in text


def test_default_systems_and_no_records() -> None:
    assert list(default_systems()) == ["first-k", "lexrank", "textrank"]
    with pytest.raises(InputError, match="no records"):
        run_bench([], default_systems())
