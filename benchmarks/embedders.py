"""Which embedder: speed and two quality measures for every shipped embedder, beside
plain TF-IDF (no embedding) as the bar to clear.

    python benchmarks/embedders.py path/to/dev_fulltext.jsonl [--limit N]

1. Summary-to-source retrieval on Multi-News: for each reference-summary sentence, the
   source sentence with the highest ROUGE-2 F against it is its match (rouge-score). A hit
   is when the candidate's nearest source sentence (cosine) is that match: hit@1, hit@3.
   The match is defined lexically, so this measure favours lexical overlap.
2. Citation support on the demo cluster against the hand annotation in
   tests/data/missiles_support.json: precision and recall of "source j reports what this
   sentence says", with the similarity newsfuse uses (align.similarity), at the shipped
   threshold and at the best threshold for F1 (found on the same data: an upper bound).

Speed is sentences per second, after the model is loaded.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rich.console import Console
from rich.table import Table
from rouge_score import rouge_scorer

from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.clean import clean_source
from newsfuse.evaluate.data import read_records
from newsfuse.ingest import read_paths
from newsfuse.model import Sentence
from newsfuse.represent import EMBEDDERS, Embedder, load_embedder, represent
from newsfuse.segment import segment, split_sentences


class LexicalBaseline:
    """TF-IDF rows as "embeddings" (IDF over the texts of one call): what the embedders
    must beat to be worth their time."""

    name = "tfidf"

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        sentences = [Sentence(0, 0, len(t), t, i) for i, t in enumerate(texts)]
        return represent(sentences, _NO_EMBEDDING).tfidf


class _NoEmbedding:
    name = "none"

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.zeros((len(texts), 1), dtype=np.float32)


_NO_EMBEDDING = _NoEmbedding()

# Reference sentences whose best ROUGE-2 match is weaker than this have no clear source
# sentence (the editor combined several): they would only add noise to hit@k.
MIN_MATCH = 0.2


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
    clusters: list[tuple[list[str], list[str], list[int]]] = []  # sources, references, matches
    for record in read_records(args.data, args.limit):
        sources = [s for doc in record["documents"] for s in _sentences(str(doc))]
        references: list[str] = []
        matches: list[int] = []
        for reference in _sentences(record["summary"]) if sources else []:
            scores = [scorer.score(reference, s)["rouge2"].fmeasure for s in sources]
            best = int(np.argmax(scores))
            if scores[best] >= MIN_MATCH:
                references.append(reference)
                matches.append(best)
        if references:
            clusters.append((sources, references, matches))
    cases = sum(len(matches) for _, _, matches in clusters)
    table = Table(title=f"embedders on {cases} reference sentences with a clear match")
    for column in ("embedder", "load s", "sentences/s", "hit@1", "hit@3"):
        table.add_column(column, justify="right" if column != "embedder" else "left")
    candidates: list[tuple[str, Callable[[], Embedder]]] = [
        ("tf-idf (no embedding)", LexicalBaseline),
        *((name, partial(load_embedder, name)) for name in EMBEDDERS),
    ]
    for name, load in candidates:
        started = time.perf_counter()
        embedder = load()
        loaded = time.perf_counter() - started
        hits1 = hits3 = embedded = 0
        spent = 0.0
        for sources, references, matches in clusters:
            started = time.perf_counter()
            vectors = embedder.embed([*sources, *references])
            source_vectors, reference_vectors = vectors[: len(sources)], vectors[len(sources) :]
            spent += time.perf_counter() - started
            embedded += len(sources) + len(references)
            rankings = np.argsort(-(reference_vectors @ source_vectors.T), axis=1, kind="stable")
            hits1 += int(np.sum(rankings[:, 0] == matches))
            hits3 += sum(int(best in row[:3]) for row, best in zip(rankings, matches, strict=True))
        table.add_row(
            name,
            f"{loaded:.1f}",
            f"{embedded / spent:,.0f}",
            f"{hits1 / cases:.3f}",
            f"{hits3 / cases:.3f}",
        )
    Console().print(table)
    Console().print(_support_table())


def _support_table() -> Table:
    root = Path(__file__).resolve().parent.parent
    annotation = json.loads(
        (root / "tests" / "data" / "missiles_support.json").read_text(encoding="utf-8")
    )["sentences"]
    sentences = segment(
        [clean_source(s) for s in read_paths([str(root / "examples" / "missiles")])]
    )
    anchors = [
        next(
            i
            for i, s in enumerate(sentences)
            if s.source == row["source"] and s.text.startswith(row["opening"])
        )
        for row in annotation
    ]
    gold = [set(row["support"]) - {row["source"]} for row in annotation]
    table = Table(title="citation support on the demo cluster (hand annotation)")
    for column in ("similarity", "threshold", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column != "similarity" else "left")
    tfidf = represent(sentences, _NO_EMBEDDING).tfidf
    candidates = [("tf-idf cosine", tfidf @ tfidf.T, None)]
    for name in EMBEDDERS:
        matrix = similarity(represent(sentences, load_embedder(name)))
        candidates.append((f"blend with {name}", matrix, SAME_INFORMATION[name]))
    for label, matrix, shipped in candidates:
        scored = [
            (threshold, *_precision_recall(sentences, matrix, anchors, gold, threshold))
            for threshold in np.arange(0.10, 0.65, 0.05).round(2)
        ]
        best = max(scored, key=lambda row: (_f1(row[1], row[2]), -row[0]))
        rows = [("best", best)]
        if shipped is not None:
            rows.insert(0, ("shipped", next(r for r in scored if r[0] == round(shipped, 2))))
        for kind, (threshold, precision, recall) in rows:
            table.add_row(
                label,
                f"{threshold:.2f} ({kind})",
                f"{precision:.2f}",
                f"{recall:.2f}",
                f"{_f1(precision, recall):.2f}",
            )
    return table


def _precision_recall(
    sentences: Sequence[Sentence],
    matrix: npt.NDArray[np.float32],
    anchors: list[int],
    gold: list[set[int]],
    threshold: float,
) -> tuple[float, float]:
    groups = align(sentences, matrix, threshold)
    hits = claimed = expected = 0
    for anchor, truth in zip(anchors, gold, strict=True):
        predicted = set(groups[anchor].support) - {sentences[anchor].source}
        hits += len(predicted & truth)
        claimed += len(predicted)
        expected += len(truth)
    return hits / max(claimed, 1), hits / max(expected, 1)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


if __name__ == "__main__":
    main()
