"""Fit the clustering's pair score (``newsfuse.corpus.cluster``: _BIAS, _COSINE, _RARE) on
a stream of Multi-News clusters that the stories benchmark does not evaluate.

    python benchmarks/stories/fit_pairs.py validation.jsonl.gz \\
        validation.mnplus_relevance.jsonl --first 5000 --last 5622

The stream is built as in ``run.py`` (shuffled, seed 0; a document the relevance file does
not keep is a story of its own) and placed as ``newsfuse stories`` places it (stubs,
near-duplicates, clustering with the current constants). Every candidate story's members
give one row: the pair features of the article and the member, and whether both are one
gold story. A logistic regression (Newton's method, a small ridge) is fit to the rows; the
coefficients print in the order of the module's constants, with the rows' average
precision for the fit and for the cosine alone. The rows depend on what the current
constants let the clusterer score: put the printed values in place and run again until
they stop changing (two rounds from the previous values).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from run import build_stream

from newsfuse.corpus.cluster import MEMBERS, Article, Clusterer, pair_features
from newsfuse.corpus.dedup import Deduper
from newsfuse.corpus.stories import _place
from newsfuse.corpus.work import Article as StreamArticle
from newsfuse.corpus.work import prepare_chunk
from newsfuse.records import read_records

Rows = list[tuple[float, float, float]]


class Recorder(Clusterer):
    """The clusterer, noting the features and gold label of every pair it scores."""

    def __init__(self, gold: dict[str, str]) -> None:
        super().__init__()
        self.gold = gold
        self.key = ""  # the article being placed
        self.member_keys: dict[int, list[str]] = {}
        self.rows: Rows = []

    def _closest(self, article: Article, published: str | None) -> int | None:
        mine = self.gold[self.key]
        for story in self.candidates(article, published):
            members = self._stories[story].members
            for member, key in zip(members, self.member_keys[story], strict=True):
                # a document judged off-topic is its own gold story: never a positive
                same = float(mine == self.gold[key] and mine != self.key)
                self.rows.append((*pair_features(article, member), same))
        return super()._closest(article, published)

    def _join(self, story_id: int, article: Article, published: str | None) -> None:
        if len(self._stories[story_id].members) < MEMBERS:  # the article becomes a member
            self.member_keys.setdefault(story_id, []).append(self.key)
        super()._join(story_id, article, published)


def record(stream: Path, gold: dict[str, str]) -> Rows:
    """Place the stream's articles in order, as ``newsfuse stories`` does; the rows."""
    clusterer, deduper = Recorder(gold), Deduper()
    articles = [StreamArticle(str(r["id"]), str(r["text"])) for r in read_records(stream)]
    for seq, prepared in enumerate(prepare_chunk(articles)):
        clusterer.key = prepared.article.id
        _place(prepared, seq, clusterer, deduper)
    return clusterer.rows


def fit_logistic(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Bias and weights of a logistic regression (Newton steps; ridge 1e-3 keeps the
    Hessian invertible and does not move the weights measurably)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    ridge = 1e-3 * np.eye(len(weights))
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + ridge
        step = np.linalg.solve(hessian, design.T @ (p - y) + ridge @ weights)
        weights -= step
        if np.abs(step).max() < 1e-9:
            break
    return weights


def average_precision(score: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> float:
    order = np.argsort(-score, kind="stable")
    hits = y[order]
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision[hits == 1].mean())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("data", type=Path, help="Multi-News JSONL(.gz)")
    parser.add_argument("relevance", type=Path, help="the mnplus_relevance JSONL")
    parser.add_argument("--first", type=int, default=5000, help="first cluster (0-based)")
    parser.add_argument("--last", type=int, default=5622, help="one past the last cluster")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        stream = Path(folder) / "stream.jsonl"
        gold = build_stream(args.data, args.relevance, args.last, stream, first=args.first)
        rows = np.array(record(stream, gold))
    x, y = rows[:, :-1], rows[:, -1]
    weights = fit_logistic(x, y)
    print(f"articles {len(gold)}  pairs {len(y)} (same story {int(y.sum())})")
    names = ("_BIAS", "_COSINE", "_RARE")
    print("  ".join(f"{name} = {w:.3f}" for name, w in zip(names, weights, strict=True)))
    fitted = np.hstack([np.ones((len(x), 1)), x]) @ weights
    print(
        f"average precision: fit {average_precision(fitted, y):.3f}, "
        f"cosine alone {average_precision(x[:, 0], y):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
