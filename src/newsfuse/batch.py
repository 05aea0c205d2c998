"""Many clusters: one report per input line, in input order, across worker processes.

A line that is not a usable record (invalid JSON, no ``documents`` list) becomes an error
record ``{"id", "line", "error"}`` in its place, and the batch goes on. A record none of
whose documents is usable keeps its report (each document with its status) but counts as
failed too, as ``fuse`` fails on a cluster with no usable article.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsfuse.model import DEFAULT_WORDS, InputError
from newsfuse.pipeline import fuse_documents
from newsfuse.records import parse_record, record_lines
from newsfuse.render import render_json
from newsfuse.represent import load_embedder
from newsfuse.scorer import DEFAULT_SCORER, load_scorer

# Records handed to a worker at a time: large enough that inter-process traffic is small
# against ~50 ms of work per cluster, small enough that the progress bar moves smoothly.
_CHUNK = 8

_settings: dict[str, Any] = {}


def run_batch(
    input_path: str | Path,
    output_path: str | Path,
    *,
    words: int = DEFAULT_WORDS,
    workers: int = 1,
    embedder: str = "glove",
    scorer: str = DEFAULT_SCORER,
    show_progress: bool = False,
) -> int:
    """Write one JSON report per line of ``input_path`` to ``output_path``; returns the
    number of lines that failed: error records, and reports with no usable document.
    ``InputError`` when the input file itself cannot be read."""
    if workers < 1:
        raise InputError("--workers", f"must be at least 1, not {workers}")
    load_scorer(scorer)  # a missing model fails here, once, not in every worker
    lines = record_lines(input_path)
    first = next(lines, None)  # fail on an unreadable file before creating the output
    jobs = (
        (str(input_path), number, text, words)
        for number, text in itertools.chain([] if first is None else [first], lines)
    )
    failures = 0
    with Path(output_path).open("w", encoding="utf-8") as out, _progress(show_progress) as progress:
        task = progress.add_task("fusing", total=None)
        for line, ok in _reports(jobs, workers, embedder, scorer):
            failures += not ok
            out.write(line + "\n")
            progress.advance(task)
    return failures


Job = tuple[str, int, str, int]  # file, line number, line, word budget


def _reports(
    jobs: Iterator[Job], workers: int, embedder: str, scorer: str
) -> Iterator[tuple[str, bool]]:
    if workers == 1:
        _init_worker(embedder, scorer)
        yield from map(_fuse_record, jobs)
        return
    # MiniLM: spawn, not fork: a forked worker would inherit onnxruntime's threads. GloVe
    # and the scorer are plain arrays: fork workers after loading them here, so a worker
    # starts at once instead of spending ~1.5 s importing and loading (2,000 validation
    # clusters: 1.43x faster with 2 spawned workers than with 1, see the README for fork).
    start = "spawn" if embedder == "minilm" else "fork"
    if start == "fork":
        _init_worker(embedder, scorer)
    context = multiprocessing.get_context(start)
    with context.Pool(workers, initializer=_init_worker, initargs=(embedder, scorer)) as pool:
        yield from pool.imap(_fuse_record, jobs, chunksize=_CHUNK)


def _init_worker(embedder: str, scorer: str) -> None:
    """Load the embedding model and the scorer once per process, before the first record."""
    _settings["embedder"] = embedder
    _settings["scorer"] = scorer
    load_embedder(embedder)
    load_scorer(scorer)


def _fuse_record(job: Job) -> tuple[str, bool]:
    """The output line for one input line, and whether it summarized something (a report
    with at least one usable document, not an error record)."""
    where, number, text, words = job
    record_id: Any = None
    try:
        record = parse_record(where, number, text)
        record_id = record.get("id")
        documents = record.get("documents")
        if not isinstance(documents, list):
            raise InputError(where, f"line {number}: 'documents' must be a list")
        report = fuse_documents(
            documents,
            words,
            report_id=record_id,
            embedder=_settings["embedder"],
            scorer=_settings["scorer"],
        )
    except InputError as error:
        failed = {"id": record_id, "line": number, "error": str(error)}
        return json.dumps(failed, ensure_ascii=False), False
    return render_json(report, indent=None), any(s.status == "used" for s in report.sources)


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        disable=not enabled,
        transient=False,
    )
