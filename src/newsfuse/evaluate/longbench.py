"""LongBench's metric for its multi_news task, to stand beside its published chat-model scores.

LongBench (Bai et al. 2023) scores multi_news with the ROUGE-L F of the PyPI ``rouge``
package (1.0.1, summary-level LCS over sentences split at "."; no stemming, case-sensitive
whitespace tokens) on the whole, uncut prediction, and reports the mean times 100. A
prediction the package cannot score (empty) scores 0, as in LongBench's ``rouge_score``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rouge import Rouge


def longbench_rouge_l(prediction_sentences: Sequence[str], reference: str) -> float:
    """ROUGE-L F x 100 of the sentences (joined by "\\n", uncut) against ``reference``."""
    prediction = "\n".join(prediction_sentences)
    try:
        scores = _rouge().get_scores([prediction], [reference], avg=True)
    except (ValueError, RecursionError):  # empty hypothesis or reference; LongBench: 0
        return 0.0
    return 100.0 * float(scores["rouge-l"]["f"])


@lru_cache(maxsize=1)
def _rouge() -> Rouge:
    return Rouge(metrics=["rouge-l"])
