"""The data model every stage speaks: plain, immutable dataclasses.

Stages take these and return new ones (``dataclasses.replace``); none keeps hidden state.
Offsets are always character offsets into ``Source.text`` (the cleaned text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import sparse

SCHEMA = "newsfuse.report/1"
DEFAULT_WORDS = 260

Status = Literal["used", "empty", "duplicate", "unreadable", "off-topic"]
DisagreementKind = Literal["number", "polarity", "name", "claim"]


@dataclass(frozen=True)
class Removed:
    """A line the cleaner took out of a source, and why."""

    text: str
    why: str


@dataclass(frozen=True)
class Source:
    """One input article. ``text`` is raw after ingest and cleaned after clean."""

    index: int
    name: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    status: Status = "used"
    error: str | None = None  # why an unreadable or empty source has no usable text
    warning: str | None = None  # what was repaired in a used one (invalid bytes replaced)
    removed: tuple[Removed, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Sentence:
    """A sentence of one source: exactly ``sources[source].text[start:end]``."""

    source: int
    start: int
    end: int
    text: str
    position: int  # 0-based index of the sentence within its source

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, eq=False)
class Representation:
    """Per-sentence vectors, row i for sentence i: unit TF-IDF rows over stemmed content words
    (lexical overlap) and unit embedding rows (meaning)."""

    tfidf: npt.NDArray[np.float32]
    embeddings: npt.NDArray[np.float32]

    @cached_property
    def lexical_similarity(self) -> npt.NDArray[np.float32]:
        """TF-IDF cosine of every pair of sentences, computed once: align and summarize
        both need it, and it is the one quadratic product of a cluster. A sentence has ~10
        of the cluster's hundreds to thousands of terms: the sparse product takes 1,500
        full-text sentences in milliseconds where the dense one took a second, and it runs
        no BLAS threads (which, on a busy machine, made even a 70-sentence product cost
        30 ms)."""
        rows = sparse.csr_matrix(self.tfidf)
        product: npt.NDArray[np.float32] = (rows @ rows.T).toarray()
        return product


@dataclass(frozen=True)
class Group:
    """Sentences of different sources that report what the ``anchor`` sentence says
    (indices into the sentence list, anchor included); ``support`` is the sorted set of
    their sources."""

    anchor: int
    members: tuple[int, ...]
    support: tuple[int, ...]


@dataclass(frozen=True)
class SummarySentence:
    text: str
    source: int
    start: int
    end: int
    support: tuple[int, ...]


@dataclass(frozen=True)
class Summary:
    sentences: tuple[SummarySentence, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.sentences)

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)


@dataclass(frozen=True)
class Mention:
    source: int
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """One piece of information reported by two or more sources."""

    text: str
    support: tuple[int, ...]
    mentions: tuple[Mention, ...]
    attribution: str | None = None


@dataclass(frozen=True)
class Side:
    text: str
    sources: tuple[int, ...]
    attribution: str | None = None


@dataclass(frozen=True)
class Disagreement:
    kind: DisagreementKind
    topic: str
    sides: tuple[Side, ...]


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    sources: tuple[int, ...]
    variants: dict[str, tuple[int, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class UniqueDetail:
    source: int
    text: str


@dataclass(frozen=True)
class Comparison:
    """What compare finds across a cluster's sources: the report's last four parts."""

    facts: tuple[Fact, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    entities: tuple[Entity, ...] = ()
    unique: tuple[UniqueDetail, ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything newsfuse says about one cluster (CONTRACT.md, ``newsfuse.report/1``)."""

    sources: tuple[Source, ...]
    summary: Summary
    id: str | None = None
    facts: tuple[Fact, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    entities: tuple[Entity, ...] = ()
    unique: tuple[UniqueDetail, ...] = ()
    schema: str = SCHEMA


class InputError(Exception):
    """Bad input or arguments: reported as one line naming the file and the reason (exit 2)."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason
