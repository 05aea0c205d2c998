"""Every system on the same clusters in one process: ROUGE and time per cluster, side by side.

Running the baselines next to newsfuse on the same machine and moment is what makes the
timings comparable (speed is reported as a ratio to them, not as an absolute).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.table import Table

from newsfuse.evaluate.baselines import Summarizer, first_k, lexrank, textrank
from newsfuse.evaluate.data import document_texts, reference_summary
from newsfuse.evaluate.longbench import longbench_rouge_l
from newsfuse.evaluate.rouge import DEFAULT_WORDS, METRICS, rouge_scores
from newsfuse.model import InputError


@dataclass(frozen=True)
class SystemResult:
    """One system's mean ROUGE F1 (x100), LongBench's ROUGE-L (x100, on the uncut output)
    and milliseconds per cluster over ``clusters``."""

    system: str
    rouge1: float
    rouge2: float
    rouge_lsum: float
    longbench: float
    ms_mean: float
    ms_median: float
    clusters: int


@dataclass(frozen=True)
class _Cluster:
    documents: list[str]
    reference: str


def default_systems() -> dict[str, Summarizer]:
    """The reference baselines, by the name the table shows."""
    return {"first-k": first_k, "lexrank": lexrank, "textrank": textrank}


def run_bench(
    records: Iterable[dict[str, Any]],
    systems: Mapping[str, Summarizer],
    words: int = DEFAULT_WORDS,
) -> list[SystemResult]:
    """Run each system on every record and score it against the record's ``summary``.

    One result per system, in ``systems`` order. Each system is first called once on the
    first record, untimed and unscored, so model loading and caches do not count; then every
    record is timed with ``time.perf_counter`` around the system call alone. Raises
    ``InputError`` for no records or a record without documents or summary.
    """
    clusters = [_cluster(record, number) for number, record in enumerate(records, start=1)]
    if not clusters:
        raise InputError("records", "no records to evaluate")
    return [_run_system(name, system, clusters, words) for name, system in systems.items()]


def format_table(results: Sequence[SystemResult]) -> Table:
    """A rich table: system, R1, R2, RLsum, LongBench, ms/cluster mean and median, clusters."""
    table = Table(title="ROUGE F1 x100 and time per cluster")
    table.add_column("system")
    for metric in METRICS:
        table.add_column(metric, justify="right")
    table.add_column("LongBench RL", justify="right")
    table.add_column("ms/cluster mean", justify="right")
    table.add_column("ms/cluster median", justify="right")
    table.add_column("clusters", justify="right")
    for result in results:
        table.add_row(
            result.system,
            f"{result.rouge1:.2f}",
            f"{result.rouge2:.2f}",
            f"{result.rouge_lsum:.2f}",
            f"{result.longbench:.2f}",
            f"{result.ms_mean:.1f}",
            f"{result.ms_median:.1f}",
            str(result.clusters),
        )
    return table


def _cluster(record: Mapping[str, Any], number: int) -> _Cluster:
    where = f"record {number}"
    return _Cluster(
        documents=document_texts(record, where),
        reference=reference_summary(record, where),
    )


def _run_system(
    name: str, system: Summarizer, clusters: Sequence[_Cluster], words: int
) -> SystemResult:
    system(clusters[0].documents, words)  # warm-up: loads models, fills caches
    scores: dict[str, list[float]] = {metric: [] for metric in METRICS}
    longbench: list[float] = []
    times_ms: list[float] = []
    for cluster in clusters:
        started = time.perf_counter()
        sentences = system(cluster.documents, words)
        times_ms.append((time.perf_counter() - started) * 1000.0)
        for metric, value in rouge_scores(sentences, cluster.reference, words).items():
            scores[metric].append(value)
        longbench.append(longbench_rouge_l(sentences, cluster.reference))
    return SystemResult(
        system=name,
        rouge1=statistics.fmean(scores["R1"]),
        rouge2=statistics.fmean(scores["R2"]),
        rouge_lsum=statistics.fmean(scores["RLsum"]),
        longbench=statistics.fmean(longbench),
        ms_mean=statistics.fmean(times_ms),
        ms_median=statistics.median(times_ms),
        clusters=len(clusters),
    )
