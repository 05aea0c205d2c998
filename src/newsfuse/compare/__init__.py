"""compare: what the sources agree on, where they disagree, the names they use, and what only
one of them says (DESIGN.md, "compare")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.compare.claims import claim_disagreements
from newsfuse.compare.disagreements import (
    name_disagreements,
    number_disagreements,
    polarity_disagreements,
)
from newsfuse.compare.facts import find_facts
from newsfuse.compare.names import group_names
from newsfuse.compare.unique import find_unique
from newsfuse.entities import find_names
from newsfuse.model import Comparison, Group, Sentence
from newsfuse.summarize import is_prose

__all__ = ["compare"]


def compare(
    sentences: Sequence[Sentence],
    similarity: npt.NDArray[np.float32],
    groups: Sequence[Group],
) -> Comparison:
    """Facts, disagreements, entities and unique details of one cluster's sentences, given
    their pairwise similarity and alignment groups (``groups[i]`` anchors sentence i)."""
    prose = {i for i, s in enumerate(sentences) if is_prose(s.text)}
    mentions = find_names(sentences, prose)
    names = group_names(sentences, mentions)
    facts = find_facts(sentences, similarity, groups, prose)
    disagreements = (
        number_disagreements(sentences, similarity)
        + polarity_disagreements(sentences, similarity, groups)
        + claim_disagreements(sentences, similarity, facts)
        + name_disagreements(names)
    )
    return Comparison(
        facts=tuple(facts),
        disagreements=tuple(disagreements),
        entities=tuple(n.entity for n in names),
        unique=tuple(find_unique(sentences, similarity, groups, mentions, prose)),
    )
