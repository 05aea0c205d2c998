"""Near-duplicates: MinHash signatures of word shingles and an LSH index over a window of
recent articles (reprints and syndicated copies of an original)."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

from newsfuse.represent import words

Signature = npt.NDArray[np.uint64]

# 64 permutations: the Jaccard estimate's standard error at J = 0.8 is ~0.05, enough to
# tell a reprint from a different report. Not tuned: no other value was measured.
NUM_PERM = 64
# A reprint or a syndicated copy shares >= 80% of its word 3-grams with the original
# (copy edits, a changed headline or byline); the usual threshold for near-duplicate web
# pages (Broder 1997). Not tuned on the validation stream.
THRESHOLD = 0.8
_SHINGLE = 3
# Articles the index remembers: enough for days of a busy feed; the oldest leave first,
# which bounds memory (estimated ~1 KB per article, not measured).
WINDOW = 100_000
_SEED = 1
_SCHEME = "affine32"  # datasketch 2's default, named so stored signatures stay readable


def signature(text: str) -> Signature:
    """MinHash signature of the text's word 3-grams (lowercased words)."""
    tokens = words(text)
    shingles = {
        " ".join(tokens[i : i + _SHINGLE]).encode()
        for i in range(max(1, len(tokens) - _SHINGLE + 1))
    }
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    minhash.update_batch(sorted(shingles))
    values: Signature = np.asarray(minhash.hashvalues, dtype=np.uint64)
    return values


class Deduper:
    """Finds the original an article copies, among the last ``window`` articles seen."""

    def __init__(self, window: int = WINDOW) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._order: deque[str] = deque()
        self._seq: dict[str, int] = {}
        self._story: dict[str, str] = {}
        self._minhash: dict[str, MinHash] = {}
        self._window = window

    def original(self, values: Signature) -> tuple[str, str] | None:
        """(id, story) of the earliest remembered article whose estimated Jaccard
        similarity to ``values`` reaches the threshold, or None."""
        minhash = _minhash(values)
        matches = [
            key
            for key in self._lsh.query(minhash)
            if self._minhash[key].jaccard(minhash) >= THRESHOLD
        ]
        if not matches:
            return None
        first = min(matches, key=lambda key: self._seq[key])
        return first, self._story[first]

    def add(self, key: str, seq: int, story: str, values: Signature) -> None:
        """Remember an original (duplicates need not be remembered: they match it)."""
        minhash = _minhash(values)
        self._lsh.insert(key, minhash)
        self._order.append(key)
        self._seq[key] = seq
        self._story[key] = story
        self._minhash[key] = minhash
        while len(self._order) > self._window:
            old = self._order.popleft()
            self._lsh.remove(old)
            del self._seq[old], self._story[old], self._minhash[old]

    def add_all(self, rows: Sequence[tuple[str, int, str, Signature]]) -> None:
        """Remember many originals, in order (reopening a store)."""
        for key, seq, story, values in rows[-self._window :]:
            self.add(key, seq, story, values)


def _minhash(values: Signature) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=values, scheme=_SCHEME)
