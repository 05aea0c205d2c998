"""Facts: one piece of information that two or more sources report, with its mentions."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.attribution import attribution
from newsfuse.model import Fact, Group, Mention, Sentence
from newsfuse.summarize import is_prose

Matrix = npt.NDArray[np.float32]

# A fact is one piece of information: sentences longer than this are paragraphs run
# together or lists, and are shown by a shorter member of their group when there is one.
FACT_MAX_WORDS = 45
FACT_MIN_WORDS = 5


def find_facts(
    sentences: Sequence[Sentence], similarity: Matrix, groups: Sequence[Group]
) -> list[Fact]:
    """Facts from the alignment groups, most widely reported first, then the most
    cohesive (members closest to each other). A sentence belongs to at most one fact."""
    candidates = [
        g
        for g in groups
        if len(g.support) >= 2
        and is_prose(sentences[g.anchor].text)
        and FACT_MIN_WORDS <= sentences[g.anchor].words <= FACT_MAX_WORDS
    ]
    ranked = sorted(
        candidates,
        key=lambda g: (-len(g.support), -_cohesion(g.members, similarity), g.anchor),
    )
    matched = [set(g.members) for g in groups]
    used: set[int] = set()
    facts = []
    for group in ranked:
        # Only mutual matches: each member's own group holds the anchor too. A one-way
        # match is a sentence that merely shares the topic with the anchor.
        members = [m for m in group.members if m not in used and group.anchor in matched[m]]
        if group.anchor not in members or len({sentences[m].source for m in members}) < 2:
            continue
        used.update(members)
        facts.append(_fact(sentences, members, similarity))
    # A fact can lose members to a better-supported one; rank again by what is left.
    return sorted(facts, key=lambda f: -len(f.support))


def _cohesion(members: Sequence[int], similarity: Matrix) -> float:
    block = similarity[np.ix_(members, members)]
    n = len(members)
    return float((block.sum() - n) / (n * n - n))


def _fact(sentences: Sequence[Sentence], members: Sequence[int], similarity: Matrix) -> Fact:
    block = similarity[np.ix_(members, members)]
    centrality = block.sum(axis=1)
    shown = max(
        range(len(members)),
        key=lambda k: (
            sentences[members[k]].words <= FACT_MAX_WORDS,
            float(centrality[k]),
            -members[k],
        ),
    )
    text = sentences[members[shown]].text
    return Fact(
        text=text,
        support=tuple(sorted({sentences[m].source for m in members})),
        mentions=tuple(
            Mention(sentences[m].source, sentences[m].start, sentences[m].end)
            for m in sorted(members, key=lambda m: (sentences[m].source, m))
        ),
        attribution=attribution(text),
    )
