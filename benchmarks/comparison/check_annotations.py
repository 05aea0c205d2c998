"""Check that every annotation snippet occurs verbatim, once, in its document.

    python benchmarks/comparison/check_annotations.py ../shared/data/multinews/dev_fulltext.jsonl

Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from annotated import SETS, annotation_files, document_texts, load_records


def snippets(annotation: dict[str, object]) -> Iterator[tuple[str, int, str]]:
    """(where, document index, snippet) for every snippet of one annotation file."""
    for n, fact in enumerate(annotation.get("facts", [])):  # type: ignore[arg-type]
        for doc, snippet in fact["mentions"].items():
            yield f"facts[{n}]", int(doc), snippet
    for n, disagreement in enumerate(annotation.get("disagreements", [])):  # type: ignore[arg-type]
        for m, side in enumerate(disagreement["sides"]):
            for doc, snippet in side["mentions"].items():
                yield f"disagreements[{n}].sides[{m}]", int(doc), snippet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="dev_fulltext.jsonl")
    args = parser.parse_args()
    records = load_records(args.data)
    problems = 0
    for path in annotation_files(*SETS):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        texts = document_texts(records[annotation["cluster"]])
        for where, doc, snippet in snippets(annotation):
            count = texts[doc].count(snippet) if doc < len(texts) else -1
            if count != 1:
                problems += 1
                found = "no such document" if count < 0 else f"found {count} times"
                print(f"{path.name}: {where} document {doc}: {found}: {snippet!r}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
