"""Text as Multi-News' preprocessed copy writes it, for the tests of the form-specific
scorer: every word lowercased but a sentence's first."""

from __future__ import annotations

import re


def copy_form(sentence: str) -> str:
    """``sentence`` lowercased, its first letter kept as it was."""
    lowered = sentence.lower()
    first = re.search(r"[^\W\d_]", sentence)
    if first is None:
        return lowered
    return lowered[: first.start()] + sentence[first.start()] + lowered[first.start() + 1 :]
