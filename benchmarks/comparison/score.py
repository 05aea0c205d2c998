"""Score newsfuse's comparison (facts, disagreements, name variants) against the hand
annotations in ``annotations/`` (GUIDELINES.md), and time it against the rest of ``fuse``.

    python benchmarks/comparison/score.py ../shared/data/multinews/dev_fulltext.jsonl

Matching rules (the same for every cluster, fixed before the scores were read):

- A gold mention is the sentence of newsfuse's cleaned source text that contains the
  annotation's snippet. A system fact matches a gold fact when two or more of its
  mentions, in different sources, are mentions of that gold fact.
- A system disagreement matches a gold one of the same kind when two of its sides match
  two different gold sides: for ``number`` and ``name``, the side cites a source the gold
  side cites and states its value; for ``polarity`` and ``claim``, the side's sentence
  (or, for a claim that is a fact, one of the fact's sentences) is one the gold side
  names.
- Name variants are scored as pairs of forms written for one entity.

Precision is the share of system items that match an annotation; recall the share of
annotations matched by a system item.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from annotated import SETS, annotation_files, load_records

from newsfuse import Disagreement, Report, Side, fuse_documents
from newsfuse.align import SAME_INFORMATION, align, similarity
from newsfuse.clean import clean_source, mark_duplicates
from newsfuse.compare import compare
from newsfuse.ingest import sources_from_documents
from newsfuse.represent import load_embedder, represent
from newsfuse.segment import segment, split_sentences
from newsfuse.summarize import summarize


@dataclass
class Tally:
    """Matched and total counts on the system side and the gold side."""

    system_matched: int = 0
    system: int = 0
    gold_matched: int = 0
    gold: int = 0

    def add(self, system_matched: int, system: int, gold_matched: int, gold: int) -> None:
        self.system_matched += system_matched
        self.system += system
        self.gold_matched += gold_matched
        self.gold += gold

    def row(self, name: str) -> str:
        precision = self.system_matched / self.system if self.system else float("nan")
        recall = self.gold_matched / self.gold if self.gold else float("nan")
        return (
            f"| {name} | {precision:.2f} ({self.system_matched}/{self.system}) "
            f"| {recall:.2f} ({self.gold_matched}/{self.gold}) |"
        )


def locate(report: Report, doc: int, snippet: str) -> tuple[int, int] | None:
    """The (source, sentence start) of the sentence holding ``snippet``, or None when the
    cleaner removed it."""
    words = r"\s+".join(re.escape(w) for w in snippet.split())
    found = re.search(words, report.sources[doc].text)
    if found is None:
        return None
    at = found.start()
    for start, end in sentence_spans_of(report, doc):
        if start <= at < end:
            return doc, start
    return None


_SPANS: dict[str, list[tuple[int, int]]] = {}


def sentence_spans_of(report: Report, doc: int) -> list[tuple[int, int]]:
    text = report.sources[doc].text
    if text not in _SPANS:
        _SPANS[text] = split_sentences(text)
    return _SPANS[text]


def score_facts(report: Report, gold: Sequence[dict[str, Any]]) -> tuple[int, int, int, int]:
    gold_sentences = [
        {
            loc
            for doc, snippet in g["mentions"].items()
            if (loc := locate(report, int(doc), snippet))
        }
        for g in gold
    ]
    matched_gold: set[int] = set()
    matched_system = 0
    for fact in report.facts:
        mine = {(m.source, m.start) for m in fact.mentions}
        hits = [n for n, g in enumerate(gold_sentences) if len({s for s, _ in mine & g}) >= 2]
        matched_system += bool(hits)
        matched_gold.update(hits)
    return matched_system, len(report.facts), len(matched_gold), len(gold)


def _side_sentences(report: Report, side: Side) -> set[tuple[int, int]]:
    """The sentences a side stands for: its own text where a cited source has it, and the
    mentions of the fact it quotes (a claim's side is a fact)."""
    found = set()
    for source in side.sources:
        at = report.sources[source].text.find(side.text)
        starts = [start for start, end in sentence_spans_of(report, source) if start <= at < end]
        if at >= 0 and starts:
            found.add((source, starts[0]))
    for fact in report.facts:
        if fact.text == side.text:
            found.update((m.source, m.start) for m in fact.mentions)
    return found


def _side_matches(report: Report, kind: str, side: Side, gold_side: dict[str, Any]) -> bool:
    """Numbers and names: a cited source in common and the gold value stated. Claims and
    polarity: one of the gold side's sentences is one the side stands for."""
    if kind in {"number", "name"}:
        gold_sources = {int(d) for d in gold_side["mentions"]}
        return bool(gold_sources & set(side.sources)) and _normal(
            str(gold_side["value"])
        ) in _normal(side.text)
    gold = {
        loc
        for doc, snippet in gold_side["mentions"].items()
        if (loc := locate(report, int(doc), snippet))
    }
    return bool(gold & _side_sentences(report, side))


def _normal(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def _disagreement_matches(
    report: Report, system: Disagreement, gold: dict[str, Any], any_kind: bool
) -> bool:
    if not any_kind and system.kind != gold["kind"]:
        return False
    for a, b in combinations(range(len(system.sides)), 2):
        for ga, gb in combinations(gold["sides"], 2):
            kind = gold["kind"]
            straight = _side_matches(report, kind, system.sides[a], ga) and _side_matches(
                report, kind, system.sides[b], gb
            )
            crossed = _side_matches(report, kind, system.sides[a], gb) and _side_matches(
                report, kind, system.sides[b], ga
            )
            if straight or crossed:
                return True
    return False


def score_disagreements(
    report: Report, gold: Sequence[dict[str, Any]], any_kind: bool = False
) -> tuple[int, int, int, int]:
    system = report.disagreements
    matched_system = sum(
        any(_disagreement_matches(report, d, g, any_kind) for g in gold) for d in system
    )
    matched_gold = sum(
        any(_disagreement_matches(report, d, g, any_kind) for d in system) for g in gold
    )
    return matched_system, len(system), matched_gold, len(gold)


def _form_pairs(groups: Iterator[Sequence[str]]) -> set[frozenset[str]]:
    return {
        frozenset((_normal(a), _normal(b)))
        for forms in groups
        for a, b in combinations(forms, 2)
        if _normal(a) != _normal(b)
    }


def score_variants(report: Report, gold: Sequence[dict[str, Any]]) -> tuple[int, int, int, int]:
    mine = _form_pairs(iter([list(e.variants) for e in report.entities]))
    theirs = _form_pairs(iter([list(g["forms"]) for g in gold]))
    return len(mine & theirs), len(mine), len(mine & theirs), len(theirs)


def time_compare(documents: Sequence[object], embedder: str) -> tuple[float, float]:
    """Seconds for ``fuse`` without the comparison, and for the comparison alone."""
    started = time.perf_counter()
    cleaned = mark_duplicates([clean_source(s) for s in sources_from_documents(documents)])
    sentences = segment(cleaned)
    representation = represent(sentences, load_embedder(embedder))
    pair_similarity = similarity(representation)
    groups = align(sentences, pair_similarity, SAME_INFORMATION[embedder])
    summarize(sentences, representation, groups, 260)
    rest = time.perf_counter() - started
    started = time.perf_counter()
    compare(sentences, pair_similarity, groups)
    return rest, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="dev_fulltext.jsonl")
    parser.add_argument("--embedder", default="glove", choices=sorted(SAME_INFORMATION))
    parser.add_argument("--show", action="store_true", help="print each cluster's misses")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="dev",
        help="dev: the clusters the rules were tuned on; heldout: annotated after, never tuned on",
    )
    parser.add_argument("--no-time", action="store_true", help="skip the timing")
    args = parser.parse_args()
    records = load_records(args.data)
    tallies = {name: Tally() for name in ("facts", "disagreements", "any kind", "variants")}
    kinds: dict[str, Tally] = {}
    paths = annotation_files(args.set)
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        record = records[gold["cluster"]]
        report = fuse_documents(record["documents"], report_id=record["id"], embedder=args.embedder)
        tallies["facts"].add(*score_facts(report, gold["facts"]))
        tallies["disagreements"].add(*score_disagreements(report, gold["disagreements"]))
        tallies["any kind"].add(*score_disagreements(report, gold["disagreements"], True))
        tallies["variants"].add(*score_variants(report, gold["variants"]))
        for kind in ("number", "polarity", "claim", "name"):
            mine = [d for d in report.disagreements if d.kind == kind]
            theirs = [g for g in gold["disagreements"] if g["kind"] == kind]
            kinds.setdefault(kind, Tally()).add(
                *score_disagreements(
                    Report(report.sources, report.summary, disagreements=tuple(mine)), theirs
                )
            )
        if args.show:
            _show(report, gold)
    print(f"{len(paths)} annotated clusters ({args.set}), embedder {args.embedder}\n")
    print("| part | precision | recall |\n|---|---|---|")
    for name, tally in tallies.items():
        print(tally.row(name))
    for kind, tally in kinds.items():
        print(tally.row(f"disagreements: {kind}"))
    if args.no_time:
        return 0
    rest_times, compare_times = [], []
    for record in records.values():
        rest, alone = time_compare(record["documents"], args.embedder)
        rest_times.append(rest)
        compare_times.append(alone)
    ratios = [c / r for c, r in zip(compare_times, rest_times, strict=True)]
    print(
        f"\ntime on {len(records)} clusters: fuse without comparison "
        f"{1000 * statistics.mean(rest_times):.1f} ms mean, comparison "
        f"{1000 * statistics.mean(compare_times):.1f} ms mean "
        f"(+{100 * sum(compare_times) / sum(rest_times):.0f}% in total, "
        f"median per cluster +{100 * statistics.median(ratios):.0f}%, "
        f"max +{100 * max(ratios):.0f}%)"
    )
    return 0


def _show(report: Report, gold: dict[str, Any]) -> None:
    print(f"== {gold['cluster']}")
    for d in report.disagreements:
        ok = any(_disagreement_matches(report, d, g, False) for g in gold["disagreements"])
        print(
            f"  system {'ok ' if ok else 'BAD'} {d.kind} {d.topic!r}: "
            + " | ".join(f"{s.text[:70]!r} {list(s.sources)}" for s in d.sides)
        )
    for g in gold["disagreements"]:
        ok = any(_disagreement_matches(report, d, g, False) for d in report.disagreements)
        if not ok:
            print(
                f"  gold MISSED {g['kind']} {g['topic']!r}: "
                + " | ".join(f"{s['value']!r} {list(s['mentions'])}" for s in g["sides"])
            )


if __name__ == "__main__":
    sys.exit(main())
