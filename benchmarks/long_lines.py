"""Time and peak memory of each stage on one 1 MB line of text, by kind of text.

    python benchmarks/long_lines.py [--size BYTES] [--kinds prose,emoji,...]

A pattern or loop that is super-linear in a line's length shows here as seconds that grow
faster than the size (run twice with --size halved). Each kind runs in its own process,
so its peak resident memory (ru_maxrss, models included) is its own. Prints one row per
kind: seconds of ingest (as .txt, .json and .jsonl), clean, split_sentences and fuse.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable

# One text per kind, repeated to the size asked for: prose and its tokenized form, runs of
# one character or of punctuation, scripts without spaces, and words that never repeat
# (the worst case for the TF-IDF vocabulary).
KINDS: dict[str, Callable[[int], str]] = {
    "prose": lambda n: "The missile hit the town, officials said. " * (n // 42),
    "tokenized": lambda n: "the missile hit , officials said . " * (n // 36),
    "words-no-stop": lambda n: "word " * (n // 5),
    "no-spaces": lambda n: "Russiafired26missiles." * (n // 22),
    "spaces": lambda n: " " * n,
    "dots": lambda n: "." * n,
    "spaced-dots": lambda n: ". " * (n // 2),
    "pipes-spaced": lambda n: "| " * (n // 2),
    "quotes": lambda n: '" ' * (n // 2),
    "emoji": lambda n: "Missiles🚀hit💥Syria. " * (n // 25),
    "arabic": lambda n: "أطلقت روسيا صواريخ. " * (n // 36),
    "chinese": lambda n: "俄罗斯发射了导弹。" * (n // 27),
    "control-chars": lambda n: "".join(map(chr, range(1, 32))).replace("\n", "") * (n // 30),
    "distinct-words": lambda n: " ".join(
        f"w{i:x}" + ("." if i % 20 == 19 else "") for i in range(n // 7)
    ),
}


def measure(kind: str, size: int) -> dict[str, float | str]:
    """Seconds per stage and peak memory (MB) of one kind, in this process."""
    from newsfuse.clean import clean_source
    from newsfuse.ingest import read_upload, sources_from_documents
    from newsfuse.pipeline import fuse_documents
    from newsfuse.segment import split_sentences

    fuse_documents(["Models load here. This call is not timed."])
    text = KINDS[kind](size)
    data = text.encode()
    row: dict[str, float | str] = {"kind": kind, "bytes": len(data)}
    began = time.perf_counter()
    for suffix in (".txt", ".json", ".jsonl"):
        read_upload(f"line{suffix}", data)
    row["ingest"] = time.perf_counter() - began
    [source] = sources_from_documents([text])
    began = time.perf_counter()
    cleaned = clean_source(source)
    row["clean"] = time.perf_counter() - began
    began = time.perf_counter()
    split_sentences(cleaned.text)
    row["segment"] = time.perf_counter() - began
    began = time.perf_counter()
    fuse_documents([text])
    row["fuse"] = time.perf_counter() - began
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes per line")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child process's kind
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.size)))
        return
    print(
        f"{'kind':15} {'bytes':>9} {'ingest':>7} {'clean':>7} {'segment':>8} {'fuse':>7} {'MB':>6}"
    )
    for kind in args.kinds.split(","):
        child = [sys.executable, __file__, "--one", kind, "--size", str(args.size)]
        done = subprocess.run(child, capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.splitlines()[-1])
        print(
            f"{kind:15} {r['bytes']:9} {r['ingest']:7.2f} {r['clean']:7.2f} "
            f"{r['segment']:8.2f} {r['fuse']:7.2f} {r['peak_mb']:6.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
