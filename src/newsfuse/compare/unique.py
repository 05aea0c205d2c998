"""Details only one source gives: informative sentences no other source reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.entities import NameMention
from newsfuse.model import Group, Sentence, UniqueDetail
from newsfuse.quantities import quantities

Matrix = npt.NDArray[np.float32]

# At most this many details per source and in all: the point is what a reader would miss,
# not every leftover sentence (the demo's five sources give 8).
PER_SOURCE = 2
IN_ALL = 10
MIN_WORDS = 8
MAX_WORDS = 45


def find_unique(
    sentences: Sequence[Sentence],
    similarity: Matrix,
    groups: Sequence[Group],
    names: Sequence[NameMention],
    prose: Collection[int],
) -> list[UniqueDetail]:
    """Per source, its prose sentences (``prose``: their indices) that no other source
    reports (``groups[i]`` cites only sentence i's source) and that carry a name or a
    number, in source order. Sentences
    naming what no other source names come first (Kerry's call to Lavrov), then those
    closest to the story (an aside about an unrelated war comes last)."""
    if not sentences:
        return []
    sources = np.array([s.source for s in sentences])
    on_topic = np.where(sources[:, None] != sources[None, :], similarity, 0.0).mean(axis=1)
    named_by: dict[str, set[int]] = defaultdict(set)
    for m in names:
        named_by[m.form].add(m.source)
    novel: dict[int, int] = defaultdict(int)
    for m in names:
        novel[m.sentence] += named_by[m.form] == {m.source}
    candidates = [
        i
        for i, s in enumerate(sentences)
        if groups[i].support == (s.source,)
        and MIN_WORDS <= s.words <= MAX_WORDS
        and i in prose
        and (i in novel or quantities(s.text))
    ]
    ranked = sorted(candidates, key=lambda i: (-min(novel.get(i, 0), 2), -float(on_topic[i]), i))
    chosen: list[int] = []
    per_source: dict[int, int] = defaultdict(int)
    for i in ranked:
        if per_source[sentences[i].source] < PER_SOURCE and len(chosen) < IN_ALL:
            chosen.append(i)
            per_source[sentences[i].source] += 1
    return [UniqueDetail(sentences[i].source, sentences[i].text) for i in sorted(chosen)]
