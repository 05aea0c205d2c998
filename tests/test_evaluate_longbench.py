"""LongBench's multi_news metric: the rouge package's ROUGE-L F, uncut, case-sensitive."""

from __future__ import annotations

import pytest

from newsfuse.evaluate.longbench import longbench_rouge_l

REFERENCE = "The storm hit the coast on Monday. Thousands of homes lost power."


def test_identical_text_scores_100() -> None:
    assert longbench_rouge_l(REFERENCE.split(". "), REFERENCE) == pytest.approx(100.0)


def test_empty_prediction_scores_0() -> None:
    assert longbench_rouge_l([], REFERENCE) == 0.0
    assert longbench_rouge_l(["..."], REFERENCE) == 0.0


def test_case_sensitive_and_unstemmed() -> None:
    lower = longbench_rouge_l([REFERENCE.lower()], REFERENCE)
    assert 0.0 < lower < 100.0
    assert longbench_rouge_l(["The storms hits coasts."], REFERENCE) < longbench_rouge_l(
        ["The storm hit the coast."], REFERENCE
    )


def test_output_is_not_cut() -> None:
    # Extra words beyond any budget lower precision: the metric sees the whole output.
    short = longbench_rouge_l(["The storm hit the coast on Monday."], REFERENCE)
    padded = longbench_rouge_l(
        ["The storm hit the coast on Monday " + "and then " * 300 + "."], REFERENCE
    )
    assert padded < short
