"""Stories benchmark: a shuffled stream of Multi-News documents, grouped back into stories.

    python benchmarks/stories/run.py validation.jsonl.gz validation.mnplus_relevance.jsonl \\
        --clusters 1000 [--engine ray]

The stream: every non-empty document of the first N clusters, shuffled (seed 0), article id
= cluster id + "#" + document index. Gold: the clusters, except that a document the
relevance file does not keep is a story of its own. Prints B-cubed P/R/F1, ARI, articles
per second and the process's peak resident memory. Nothing is written outside a temporary
folder; the data stay where they are.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

from newsfuse.corpus import ingest
from newsfuse.corpus.store import Store
from newsfuse.records import read_records


def build_stream(
    data: Path, relevance: Path, clusters: int, out: Path, first: int = 0
) -> dict[str, str]:
    """Write the shuffled stream of clusters ``first`` to ``clusters - 1``; return the gold
    story of every article id."""
    kept = {r["id"]: set(r["mnplus_kept_document_indices"]) for r in read_records(relevance)}
    articles, gold = [], {}
    for record in islice(read_records(data, clusters), first, None):
        cluster = str(record["id"])
        for index, text in enumerate(record["documents"]):
            if not str(text).strip():
                continue
            key = f"{cluster}#{index}"
            articles.append({"id": key, "text": text})
            gold[key] = cluster if index in kept.get(cluster, set()) else key
    random.Random(0).shuffle(articles)
    with out.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article) + "\n")
    return gold


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998), averaged over items."""
    both = Counter(zip(gold, predicted, strict=True))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(
        both[g, p] / predicted_sizes[p] for g, p in zip(gold, predicted, strict=True)
    ) / len(gold)
    recall = sum(both[g, p] / gold_sizes[g] for g, p in zip(gold, predicted, strict=True)) / len(
        gold
    )
    return precision, recall, 2 * precision * recall / (precision + recall)


def adjusted_rand(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Adjusted Rand index (Hubert and Arabie 1985) from the contingency counts."""

    def pairs(count: int) -> float:
        return count * (count - 1) / 2

    index = sum(pairs(c) for c in Counter(zip(gold, predicted, strict=True)).values())
    gold_pairs = sum(pairs(c) for c in Counter(gold).values())
    predicted_pairs = sum(pairs(c) for c in Counter(predicted).values())
    expected = gold_pairs * predicted_pairs / pairs(len(gold))
    top = (gold_pairs + predicted_pairs) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("data", type=Path, help="Multi-News JSONL(.gz)")
    parser.add_argument("relevance", type=Path, help="the mnplus_relevance JSONL")
    parser.add_argument("--clusters", type=int, default=1000, metavar="N")
    parser.add_argument("--engine", choices=("local", "ray"), default="local")
    parser.add_argument("--num-cpus", type=int, default=2)
    parser.add_argument("--no-reports", action="store_true", help="stories only")
    parser.add_argument("--save", type=Path, default=None, help="write assignments here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        stream = Path(folder) / "stream.jsonl"
        gold_of = build_stream(args.data, args.relevance, args.clusters, stream)
        store_path = Path(folder) / "stories.duckdb"
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        marks: list[tuple[int, float, float]] = []

        def mark(added: int) -> None:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            marks.append((added, time.perf_counter() - start, rss))

        result = ingest(
            [stream],
            store_path,
            engine=args.engine,
            num_cpus=args.num_cpus,
            words=1 if args.no_reports else 260,
            batch=512,
            on_batch=mark,
        )
        total = time.perf_counter() - start
        clustered = marks[-1][1] if marks else total
        with Store(store_path) as store:
            rows = store.assignments()
    ids = [key for key, _, _ in rows]
    predicted = [story for _, story, _ in rows]
    gold = [gold_of[key] for key in ids]
    precision, recall, f1 = bcubed(gold, predicted)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"clusters {args.clusters}  articles {len(ids)}  engine {args.engine}")
    print(
        f"stories {len(set(predicted))} (gold {len(set(gold))})  near-duplicates "
        f"{result.duplicates}  reports {result.reports}"
    )
    ari = adjusted_rand(gold, predicted)
    print(f"B-cubed P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  ARI {ari:.3f}")
    print(
        f"time: stories {clustered:.1f} s ({len(ids) / clustered:.0f} articles/s), "
        f"with reports {total:.1f} s ({len(ids) / total:.0f} articles/s)"
    )
    print(f"peak RSS {peak:.0f} MB (before ingest {base:.0f} MB); per batch (articles, s, MB):")
    step = max(1, math.ceil(len(marks) / 6))
    print("  " + "  ".join(f"({a}, {t:.1f}, {m:.0f})" for a, t, m in marks[::step]))
    if args.save:
        args.save.write_text(
            "".join(f"{k}\t{s}\n" for k, s in zip(ids, predicted, strict=True)), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
