"""Reference extractive baselines: round-robin lead, LexRank and TextRank (sumy).

Each is a ``Summarizer``: ``(documents, words) -> summary sentences in order``. All split
sentences with ``newsfuse.segment.split_sentences`` on each document's own text, so every
system in a bench sees the same sentences, and return them verbatim. A summary stops at the
first sentence that reaches the word budget (so it may exceed it by that one sentence; the
scorer cuts at the budget, as for every system).

sumy's own ``Tokenizer("english")`` needs nltk's punkt data, which cannot be downloaded
here; ``SumyTokenizer`` stands in for it and needs no nltk data at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import numpy
from nltk.tokenize import NLTKWordTokenizer
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from newsfuse.evaluate.rouge import one_line
from newsfuse.segment import split_sentences

Summarizer = Callable[[Sequence[str], int], list[str]]

LANGUAGE = "english"

# sumy's Tokenizer keeps only tokens that look like words (letters, inner ' and -); the
# same pattern keeps the graph baselines' similarity what sumy's authors intended.
_SUMY_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")


class SumyTokenizer:
    """A drop-in for ``sumy.nlp.tokenizers.Tokenizer`` that needs no nltk data.

    Sentences come from ``newsfuse.segment.split_sentences``, words from nltk's
    ``NLTKWordTokenizer`` (rule-based, no punkt model), filtered as sumy filters them.
    """

    language = LANGUAGE

    def __init__(self) -> None:
        self._words = NLTKWordTokenizer()

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """The sentences of ``paragraph``, stripped, in order."""
        return tuple(paragraph[start:end] for start, end in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """The word tokens of ``sentence`` (punctuation and numbers dropped)."""
        return tuple(w for w in self._words.tokenize(sentence) if _SUMY_WORD.match(w))


def document_sentences(document: str) -> list[str]:
    """The sentences of one document, verbatim, in order."""
    return [document[start:end] for start, end in split_sentences(document)]


def word_count(sentence: str) -> int:
    """Whitespace words, the unit of the budget (as ``rouge.cut_words`` counts them)."""
    return len(sentence.split())


def fill_budget(sentences: Sequence[str], words: int) -> list[str]:
    """The leading ``sentences`` up to and including the one that reaches ``words`` words."""
    kept: list[str] = []
    total = 0
    for sentence in sentences:
        if total >= words:
            break
        kept.append(sentence)
        total += word_count(sentence)
    return kept


def first_k(documents: Sequence[str], words: int) -> list[str]:
    """Round-robin lead: sentence 1 of every document in order, then sentence 2, ...

    Stops at the sentence that reaches ``words`` words (that one is kept).
    """
    return fill_budget(list(_round_robin([document_sentences(d) for d in documents])), words)


def lexrank(documents: Sequence[str], words: int) -> list[str]:
    """LexRank (sumy, English stemmer and stop words) over all documents' sentences.

    The best-rated sentences that fill ``words`` words, in document order.
    """
    return _sumy_summary(_lexrank_summarizer(), documents, words)


def textrank(documents: Sequence[str], words: int) -> list[str]:
    """TextRank (sumy, English stemmer and stop words) over all documents' sentences.

    The best-rated sentences that fill ``words`` words, in document order.
    """
    return _sumy_summary(_textrank_summarizer(), documents, words)


def _round_robin(columns: list[list[str]]) -> Iterator[str]:
    depth = max((len(column) for column in columns), default=0)
    for position in range(depth):
        for column in columns:
            if position < len(column):
                yield column[position]


class _FillBudget:
    """sumy's ``sentences_count`` as a callable: the best-rated sentences that fill a budget.

    sumy calls it with the sentence infos sorted best first and then puts the kept ones back
    in document order; asking by words rather than a fixed count is what makes every
    baseline spend the same budget.
    """

    def __init__(self, words: int) -> None:
        self._words = words

    def __call__(self, infos: Sequence[Any]) -> list[Any]:
        kept: list[Any] = []
        total = 0
        for info in infos:
            if total >= self._words:
                break
            kept.append(info)
            total += word_count(str(info.sentence))
        return kept


def _sumy_summary(summarizer: Any, documents: Sequence[str], words: int) -> list[str]:
    # One sentence per paragraph, so sumy sees exactly the sentences split_sentences finds on
    # each original document (sumy's parser would otherwise join a paragraph's lines with
    # spaces, merging headlines into the next sentence), and a blank line between them, so
    # the parser never joins two. Internal line breaks are made spaces for the same reason.
    # A sentence repeated across documents (shared wire copy) is given once: sumy rates
    # sentences by text, so copies would share one rating and all be picked together.
    # (sumy's parser treats an ALL-CAPS line as a heading and does not rate it.)
    sentences = [s for document in documents for s in document_sentences(document)]
    originals: dict[str, str] = {}
    for sentence in sentences:
        originals.setdefault(one_line(sentence), sentence)
    if not originals or words <= 0:
        return []
    text = "\n\n".join(originals)
    parser = PlaintextParser.from_string(text, _tokenizer())
    # On a graph with no edges (e.g. two sentences sharing no word: every idf is 0) sumy's
    # LexRank power method divides by a zero norm; all ratings become NaN, its stable sort
    # keeps document order, and the summary is the lead. That is sumy's behaviour and stays;
    # only numpy's RuntimeWarning about it is silenced, as it would print in every bench.
    with numpy.errstate(invalid="ignore", divide="ignore"):
        chosen = summarizer(parser.document, _FillBudget(words))
    # Back to the source's own text (whitespace as written); a sentence sumy's tokenizer
    # split further (rare: a one-line sentence re-split) is kept as sumy gives it.
    return fill_budget([originals.get(str(s), str(s)) for s in chosen], words)


@lru_cache(maxsize=1)
def _tokenizer() -> SumyTokenizer:
    return SumyTokenizer()


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer:
    return Stemmer(LANGUAGE)


@lru_cache(maxsize=1)
def _lexrank_summarizer() -> LexRankSummarizer:
    summarizer = LexRankSummarizer(_stemmer())
    summarizer.stop_words = get_stop_words(LANGUAGE)
    return summarizer


@lru_cache(maxsize=1)
def _textrank_summarizer() -> TextRankSummarizer:
    summarizer = TextRankSummarizer(_stemmer())
    summarizer.stop_words = get_stop_words(LANGUAGE)
    return summarizer
