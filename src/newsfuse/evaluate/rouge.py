"""ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 as Multi-News papers report them.

Scoring follows rouge-score (Google's reimplementation of the Perl script) with the Porter
stemmer. ROUGE-Lsum is the summary-level LCS over sentences separated by "\\n", so both
sides are put one sentence per line: the prediction by its own sentences, the reference by
``newsfuse.segment.split_sentences``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rouge_score import rouge_scorer

from newsfuse.segment import split_sentences

# The Multi-News reference summaries average ~260 words; papers cut predictions to that.
DEFAULT_WORDS = 260

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
# The names the results use, in ROUGE_TYPES order.
METRICS = ("R1", "R2", "RLsum")

_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _scorer() -> rouge_scorer.RougeScorer:
    # Building a scorer loads the stemmer; one per process is enough (it is stateless).
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def cut_words(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words of ``text``, original spacing kept.

    Line breaks between the kept words stay, so a one-sentence-per-line text is still one
    sentence per line after the cut. ``words <= 0`` gives "".
    """
    if words <= 0:
        return ""
    end = 0
    for count, match in enumerate(_WORD.finditer(text), start=1):
        end = match.end()
        if count == words:
            break
    return text[:end].lstrip()


def one_line(sentence: str) -> str:
    """``sentence`` with every run of whitespace (line breaks included) made one space."""
    return _SPACE.sub(" ", sentence).strip()


def sentences_text(sentences: Sequence[str]) -> str:
    """Non-empty sentences, each on one line, joined by "\\n" (the form ROUGE-Lsum reads)."""
    return "\n".join(line for line in map(one_line, sentences) if line)


def reference_text(reference: str) -> str:
    """The reference summary one sentence per line, split by ``split_sentences``."""
    return sentences_text([reference[start:end] for start, end in split_sentences(reference)])


def rouge_scores(
    prediction_sentences: Sequence[str], reference: str, words: int = DEFAULT_WORDS
) -> dict[str, float]:
    """F1 x 100 of ROUGE-1, -2 and -Lsum as ``{"R1", "R2", "RLsum"}``.

    The prediction is its sentences one per line, cut at ``words`` words; the reference is
    split into sentences. An empty prediction or reference scores 0.
    """
    prediction = cut_words(sentences_text(prediction_sentences), words)
    scores = _scorer().score(reference_text(reference), prediction)
    return {
        name: 100.0 * scores[rouge_type].fmeasure
        for name, rouge_type in zip(METRICS, ROUGE_TYPES, strict=True)
    }
