"""Which embedder: speed and a meaning-match score for every shipped embedder.

    python benchmarks/embedders.py path/to/dev_fulltext.jsonl [--limit N]

Quality proxy: for each reference-summary sentence (written by an editor, in other words
than the sources), the source sentence with the highest ROUGE-2 F against it is taken as
its match (rouge-score, independent of any embedder). An embedder scores a hit when its
nearest source sentence (cosine) is that match; the table gives hit@1 and hit@3. Speed is
sentences per second over all source sentences of the clusters, after the model is loaded.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from rich.console import Console
from rich.table import Table
from rouge_score import rouge_scorer

from newsfuse.evaluate.data import read_records
from newsfuse.represent import EMBEDDERS, load_embedder
from newsfuse.segment import split_sentences

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
    for name in EMBEDDERS:
        started = time.perf_counter()
        embedder = load_embedder(name)
        loaded = time.perf_counter() - started
        hits1 = hits3 = embedded = 0
        spent = 0.0
        for sources, references, matches in clusters:
            started = time.perf_counter()
            source_vectors = embedder.embed(sources)
            reference_vectors = embedder.embed(references)
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


if __name__ == "__main__":
    main()
