"""Which form a cluster's text is in: full, cased text, or Multi-News' preprocessed copy.

The preprocessed copy (the training data, and the validation set) lowercases every word
but a sentence's first ("dan brown has topped oxfam's list") and cuts each cluster to
~500 tokens. The scorer has a second model for that form (``scorer.py``), trained on
features that only mean something there; the decision is taken per cluster, from the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"[^\W\d_][\w'-]*")
# Where a new sentence may start inside a segmented sentence: after closing punctuation or
# a line break (the copy's sentences are not always where the splitter puts them).
_OPENING = re.compile(r"(?<=[.!?:;)\]\"'\u201d\u2019])\s+|\n+")
# A cluster whose words after a sentence's first are capitalised at most this often is in
# the lowercased form. Measured: 0.0 for every one of the first 2,000 clusters of the
# training and the validation copies; 0.036 to 0.25 (median 0.13) on the 99 dev_fulltext
# clusters. 0.01 sits far from both.
LOWERCASED_CAPITALS = 0.01
# Fewer words than this say nothing about casing (a lone headline): take it as full text.
MIN_WORDS = 20
# The decision reads the cluster's first this many words (after each sentence's first):
# the lowercased copy is ~500 tokens a cluster, and full text of hundreds of sentences
# needs no more to show its capitals (the check stays well under 0.1 ms).
SAMPLE_WORDS = 500


def is_lowercased_form(sentences: Sequence[str]) -> bool:
    """True when ``sentences`` (a cluster's, one string each) have names lowercased: the
    share of capitalised words, each sentence's (or clause's) first word and "I" aside, is at
    most ``LOWERCASED_CAPITALS`` of the first ``SAMPLE_WORDS``, and there are ``MIN_WORDS``."""
    capitals = total = 0
    pieces = (piece for sentence in sentences for piece in _OPENING.split(sentence))
    for piece in pieces:
        for word in _WORD.findall(piece)[1:]:
            if word == "I" or word.startswith("I'"):
                continue
            total += 1
            capitals += word[0].isupper()
        if total >= SAMPLE_WORDS:
            break
    return total >= MIN_WORDS and capitals <= LOWERCASED_CAPITALS * total
