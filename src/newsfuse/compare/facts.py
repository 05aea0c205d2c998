"""Facts: one piece of information that two or more sources report, with its mentions."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.attribution import attribution
from newsfuse.model import Fact, Group, Mention, Sentence

Matrix = npt.NDArray[np.float32]

# A fact is one piece of information: sentences longer than this are paragraphs run
# together or lists, and are shown by a shorter member of their group when there is one.
FACT_MAX_WORDS = 45
# Shorter sentences ("She responded.", "I know I did.") match each other on a word or two
# and say nothing alone. On the annotated clusters, fact precision/recall was 0.69/0.36
# with no minimum, 0.75/0.36 at 6, 0.76/0.34 at 8, 0.78/0.33 at 10 (which lost a claim).
FACT_MIN_WORDS = 6


def find_facts(
    sentences: Sequence[Sentence],
    similarity: Matrix,
    groups: Sequence[Group],
    prose: Collection[int],
) -> list[Fact]:
    """Facts from the alignment groups (``prose``: the sentences that are prose), most
    widely reported first, then those the sources give earliest. Groups are taken most
    cohesive first (members closest to each other); a sentence is in one fact at most."""
    candidates = [
        g
        for g in groups
        if len(g.support) >= 2
        and _states_something(sentences, g.anchor, prose)
        and sentences[g.anchor].words <= FACT_MAX_WORDS
    ]
    ranked = sorted(
        candidates,
        key=lambda g: (-len(g.support), -_cohesion(g.members, similarity), g.anchor),
    )
    matched = [set(g.members) for g in groups]
    length = {s.source: s.position + 1 for s in sentences}  # sentences per source
    used: set[int] = set()
    facts: list[tuple[float, Fact]] = []
    for group in ranked:
        # Only mutual matches: each member's own group holds the anchor too. A one-way
        # match is a sentence that merely shares the topic with the anchor.
        members = [
            m
            for m in group.members
            if m not in used
            and group.anchor in matched[m]
            and _states_something(sentences, m, prose)
        ]
        if group.anchor not in members or len({sentences[m].source for m in members}) < 2:
            continue
        used.update(members)
        # How early the sources give it (news puts what matters first): the salience of a
        # fact among facts of equal support.
        lead = float(
            np.mean([sentences[m].position / length[sentences[m].source] for m in members])
        )
        facts.append((lead, _fact(sentences, members, similarity)))
    # A fact can lose members to a better-supported one: rank by what is left.
    return [fact for lead, fact in sorted(facts, key=lambda f: (-len(f[1].support), f[0]))]


def _states_something(sentences: Sequence[Sentence], i: int, prose: Collection[int]) -> bool:
    """Prose long enough to carry information: not "Got it?", "Instagram" or a caption."""
    return i in prose and sentences[i].words >= FACT_MIN_WORDS


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
