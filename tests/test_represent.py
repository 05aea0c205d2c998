"""represent: content words, unit TF-IDF rows, and the GloVe and MiniLM embedders."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse.model import InputError, Sentence
from newsfuse.represent import (
    GloveEmbedder,
    MiniLMEmbedder,
    content_words,
    load_embedder,
    represent,
)

PARAPHRASE = (
    "Russian missiles crashed in Iran.",
    "Four Russian rockets fell in Iran.",
    "The bakery sells fresh bread every morning.",
)


@pytest.fixture(scope="module")
def glove() -> GloveEmbedder:
    embedder = load_embedder("glove")
    assert isinstance(embedder, GloveEmbedder)
    return embedder


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    embedder = load_embedder("minilm")
    assert isinstance(embedder, MiniLMEmbedder)
    return embedder


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(0, 0, len(t), t, i) for i, t in enumerate(texts)]


# --- content words ------------------------------------------------------------------------


def test_content_words_drop_stopwords_and_stem() -> None:
    assert content_words("Missiles crashed") == ["missil", "crash"]


def test_content_words_are_porter_stems() -> None:
    text = "The Pentagon confirmed that four cruise missiles were flying over Iran"
    # Porter's original algorithm ("flying" -> "fly"; nltk's variant says "fli").
    expected = ["pentagon", "confirm", "four", "cruis", "missil", "fly", "iran"]
    assert content_words(text) == expected


def test_content_words_of_only_stopwords_is_empty() -> None:
    assert content_words("It was said that they would be there.") == []


def test_content_words_treat_straight_and_curly_possessive_alike() -> None:
    assert content_words("Russia's missiles") == content_words("Russia\u2019s missiles")


# --- TF-IDF -------------------------------------------------------------------------------


def test_tfidf_rows_are_unit_length_or_zero(glove: GloveEmbedder) -> None:
    rep = represent(
        sentences(
            "Russian missiles crashed in Iran.",
            "Missiles crashed, missiles fell, missiles exploded.",
            "It was what it was.",  # only stopwords: a zero row
            "The bakery sells fresh bread.",
        ),
        glove,
    )
    norms = np.linalg.norm(rep.tfidf, axis=1)
    assert norms == pytest.approx([1.0, 1.0, 0.0, 1.0], abs=1e-5)
    assert rep.tfidf.dtype == np.float32
    assert rep.embeddings.shape == (4, 50)


def test_tfidf_rows_share_terms_only_where_words_are_shared(glove: GloveEmbedder) -> None:
    rep = represent(
        sentences("Missiles crashed in Iran.", "Iran denied it.", "Bread is sold daily."), glove
    )
    overlap = rep.tfidf @ rep.tfidf.T
    assert overlap[0, 1] > 0  # "iran"
    assert overlap[0, 2] == 0
    assert overlap[1, 2] == 0


def test_represent_of_no_sentences_has_no_rows(glove: GloveEmbedder) -> None:
    rep = represent([], glove)
    assert rep.tfidf.shape[0] == 0
    assert rep.embeddings.shape[0] == 0


# --- embedders ----------------------------------------------------------------------------


def cosines(vectors: np.ndarray) -> tuple[float, float]:
    """(paraphrase, unrelated) cosine of PARAPHRASE[0] with PARAPHRASE[1] and [2]."""
    return float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])


def test_glove_is_deterministic_and_unit_length(glove: GloveEmbedder) -> None:
    first = glove.embed(list(PARAPHRASE))
    second = glove.embed(list(PARAPHRASE))
    assert np.array_equal(first, second)
    assert first.shape == (3, 50)
    assert np.linalg.norm(first, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)


def test_glove_ranks_paraphrase_above_unrelated(glove: GloveEmbedder) -> None:
    paraphrase, unrelated = cosines(glove.embed(list(PARAPHRASE)))
    assert paraphrase > unrelated


def test_glove_vector_of_unknown_words_is_zero(glove: GloveEmbedder) -> None:
    vectors = glove.embed(["", "zzqxv qqzzx"])
    assert not vectors.any()


def test_glove_keeps_possessive_names(glove: GloveEmbedder) -> None:
    with_name, without = glove.embed(["Russia's missiles", "missiles"])
    assert float(with_name @ without) < 0.99


def test_minilm_is_deterministic_and_unit_length(minilm: MiniLMEmbedder) -> None:
    first = minilm.embed(list(PARAPHRASE))
    # A different batch composition and order must not change a sentence's vector.
    second = minilm.embed([PARAPHRASE[2], "An extra sentence here.", PARAPHRASE[0], PARAPHRASE[1]])
    assert first.shape == (3, 384)
    assert np.linalg.norm(first, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    assert np.array_equal(first, minilm.embed(list(PARAPHRASE)))
    assert second[[2, 3, 0]] == pytest.approx(first, abs=1e-4)


def test_minilm_ranks_paraphrase_above_unrelated(minilm: MiniLMEmbedder) -> None:
    paraphrase, unrelated = cosines(minilm.embed(list(PARAPHRASE)))
    assert paraphrase > unrelated
    assert paraphrase > 0.5 > unrelated


def test_load_embedder_loads_once(glove: GloveEmbedder, minilm: MiniLMEmbedder) -> None:
    assert load_embedder("glove") is glove
    assert load_embedder("minilm") is minilm


def test_load_embedder_default_is_the_same_glove(glove: GloveEmbedder) -> None:
    assert load_embedder() is glove


def test_load_embedder_rejects_unknown_name() -> None:
    with pytest.raises(InputError, match="unknown embedder 'word2vec'"):
        load_embedder("word2vec")
