"""Many clusters: one report per input record, in input order, across worker processes."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsfuse.evaluate.data import read_records
from newsfuse.model import DEFAULT_WORDS, InputError
from newsfuse.pipeline import fuse_documents
from newsfuse.render import render_json
from newsfuse.represent import load_embedder

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
    show_progress: bool = False,
) -> int:
    """Write one JSON report per record of ``input_path`` to ``output_path``; returns the
    number of records whose report is an error record (``{"id", "error"}``)."""
    if workers < 1:
        raise InputError("--workers", f"must be at least 1, not {workers}")
    records = list(read_records(input_path))
    failures = 0
    with Path(output_path).open("w", encoding="utf-8") as out, _progress(show_progress) as progress:
        task = progress.add_task("fusing", total=len(records))
        for line, ok in _reports(records, words, workers, embedder):
            failures += not ok
            out.write(line + "\n")
            progress.advance(task)
    return failures


def _reports(
    records: list[dict[str, Any]], words: int, workers: int, embedder: str
) -> Iterator[tuple[str, bool]]:
    jobs = ((record, words) for record in records)
    if workers == 1:
        _init_worker(embedder)
        yield from map(_fuse_record, jobs)
        return
    # spawn, not fork: a forked worker would inherit the parent's threads (onnxruntime).
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(embedder,)) as pool:
        yield from pool.imap(_fuse_record, jobs, chunksize=_CHUNK)


def _init_worker(embedder: str) -> None:
    """Load the embedding model once per process, before the first record."""
    _settings["embedder"] = embedder
    load_embedder(embedder)


def _fuse_record(job: tuple[dict[str, Any], int]) -> tuple[str, bool]:
    """The report line of one record and whether it is a report (not an error record)."""
    record, words = job
    record_id = record.get("id")
    documents = record.get("documents")
    if not isinstance(documents, list):
        error = f"record {record_id}: 'documents' must be a list"
        return json.dumps({"id": record_id, "error": error}, ensure_ascii=False), False
    try:
        report = fuse_documents(
            documents, words, report_id=record_id, embedder=_settings["embedder"]
        )
    except InputError as error:
        return json.dumps({"id": record_id, "error": str(error)}, ensure_ascii=False), False
    return render_json(report, indent=None), True


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        disable=not enabled,
        transient=False,
    )
