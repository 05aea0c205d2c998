"""Time one very long cluster: the 10 longest documents of a Multi-News file, fused as one.

    python benchmarks/long_cluster.py path/to/dev_fulltext.jsonl [--runs 3] [--scorer learned]

Prints the cluster's size and the seconds of each run after the models are loaded (the
first, untimed call loads them). Multi-News is non-commercial research data: it is read
from the path given, never copied.
"""

from __future__ import annotations

import argparse
import time

from newsfuse.evaluate.data import document_texts, read_records
from newsfuse.pipeline import fuse_documents
from newsfuse.scorer import DEFAULT_SCORER, SCORERS

DOCUMENTS = 10


def longest_documents(path: str, count: int) -> list[str]:
    """The ``count`` longest documents (by words) of all records in ``path``."""
    documents = [d for record in read_records(path) for d in document_texts(record)]
    return sorted(documents, key=lambda d: (-len(d.split()), d))[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", help="a Multi-News JSONL file (dev_fulltext.jsonl)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scorer", choices=SCORERS, default=DEFAULT_SCORER)
    args = parser.parse_args()
    documents = longest_documents(args.data, DOCUMENTS)
    words = sum(len(d.split()) for d in documents)
    fuse_documents(["Models load here. This call is not timed."], scorer=args.scorer)
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        report = fuse_documents(documents, scorer=args.scorer)
        seconds = time.perf_counter() - started
        print(
            f"run {run}: {len(documents)} documents, {words} words -> "
            f"{len(report.summary.sentences)} sentences, {report.summary.words} words "
            f"in {seconds:.2f} s"
        )


if __name__ == "__main__":
    main()
