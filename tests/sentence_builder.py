"""Hand-built sentences for the stage tests: one per (source, text), positions counted per
source, offsets covering the whole text."""

from __future__ import annotations

from newsfuse.model import Sentence


def build(texts: list[tuple[int, str]]) -> list[Sentence]:
    positions: dict[int, int] = {}
    out = []
    for source, text in texts:
        position = positions.get(source, 0)
        positions[source] = position + 1
        out.append(Sentence(source, 0, len(text), text, position))
    return out
