"""ROUGE against hand-counted n-grams (rouge-score tokenizes: lowercase, alphanumerics only,
Porter stemming of tokens longer than 3 characters; short words here are never stemmed)."""

from __future__ import annotations

import pytest

from newsfuse.evaluate.rouge import cut_words, rouge_scores


def f1(precision: float, recall: float) -> float:
    return 100.0 * 2 * precision * recall / (precision + recall)


def test_cut_words_keeps_first_words_and_line_breaks() -> None:
    assert cut_words("a b\nc d\ne", 3) == "a b\nc"
    assert cut_words("a b\nc d\ne", 4) == "a b\nc d"
    assert cut_words("a  b\nc", 10) == "a  b\nc"
    assert cut_words("a b", 0) == ""
    assert cut_words("", 5) == ""


def test_rouge1_and_rouge2_hand_counted() -> None:
    # prediction: the cat sat on the mat    reference: the cat was on the mat
    # unigrams: pred {the:2, cat, sat, on, mat} (6), ref {the:2, cat, was, on, mat} (6)
    #   overlap = the 2 + cat 1 + on 1 + mat 1 = 5 -> P = 5/6, R = 5/6, F = 5/6 = 83.33
    # bigrams: pred the-cat cat-sat sat-on on-the the-mat (5)
    #          ref  the-cat cat-was was-on on-the the-mat (5)
    #   overlap = the-cat, on-the, the-mat = 3 -> P = R = F = 3/5 = 60
    # LCS = the cat on the mat = 5 -> F = 5/6
    scores = rouge_scores(["The cat sat on the mat."], "The cat was on the mat.")
    assert scores["R1"] == pytest.approx(100 * 5 / 6)
    assert scores["R2"] == pytest.approx(60.0)
    assert scores["RLsum"] == pytest.approx(100 * 5 / 6)


def test_stemming_is_on() -> None:
    # Porter: cats -> cat, runs -> run; every unigram then matches: F = 3/3.
    assert rouge_scores(["the cats runs"], "the cat run")["R1"] == pytest.approx(100.0)


def test_rouge_lsum_reads_sentences() -> None:
    # pred lines: "the dog ran" / "the cat sat"; reference sentences: "the cat sat" / "the dog ran"
    # Summary-level LCS: each reference sentence is fully matched by one prediction line:
    #   hits = 3 + 3 = 6 of 6 reference and 6 prediction tokens -> F = 100.
    # Unigrams: identical bags -> 100. Bigrams: pred the-dog dog-ran ran-the the-cat cat-sat,
    #   ref the-cat cat-sat sat-the the-dog dog-ran: overlap 4 of 5 each -> F = 80.
    scores = rouge_scores(["The dog ran.", "The cat sat."], "The cat sat. The dog ran.")
    assert scores["R1"] == pytest.approx(100.0)
    assert scores["R2"] == pytest.approx(80.0)
    assert scores["RLsum"] == pytest.approx(100.0)


def test_prediction_is_cut_at_words() -> None:
    # The reference again has 6 unigrams, 5 of them in "the cat sat on the mat".
    # words=6 cuts the extra words away: P = 5/6, R = 5/6 -> 83.33.
    # words=10 keeps 4 extra non-matching words: P = 5/10, R = 5/6 (unchanged)
    #   -> F = 2 * 0.5 * 0.8333 / 1.3333 = 62.5.
    prediction = ["The cat sat on the mat.", "Dog dog dog dog dog dog."]
    reference = "The cat was on the mat."
    assert rouge_scores(prediction, reference, words=6)["R1"] == pytest.approx(f1(5 / 6, 5 / 6))
    assert rouge_scores(prediction, reference, words=10)["R1"] == pytest.approx(62.5)
    assert f1(5 / 10, 5 / 6) == pytest.approx(62.5)


def test_empty_prediction_scores_zero() -> None:
    assert rouge_scores([], "The cat sat.") == {"R1": 0.0, "R2": 0.0, "RLsum": 0.0}
