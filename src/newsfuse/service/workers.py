"""The pipeline's processes: one HTTP process hands each cluster to a pool of N workers.

Why not uvicorn's own ``--workers``: each of its processes accepts connections for itself,
and a keep-alive client stays with the process that accepted it; under 50 clients opened at
once one process took nearly all of them and the other idled (throughput of one worker).
One acceptor and one queue keep every worker busy. Each worker loads the embedder once.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from newsfuse.model import Report
from newsfuse.pipeline import fuse, fuse_documents
from newsfuse.represent import load_embedder
from newsfuse.service.inputs import Inputs

_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def warm_up(embedder: str) -> None:
    """Load the embedder and run every stage once, so no request waits on loading."""
    load_embedder(embedder)
    fuse_documents(
        ["Warm up. The service starts.", "The service starts. Warm up."], embedder=embedder
    )


def fuse_inputs(inputs: Inputs, embedder: str) -> Report:
    """The report of one request's inputs (addresses fetched here, off the HTTP process)."""
    return fuse(inputs.ingest(), inputs.words, report_id=inputs.report_id, embedder=embedder)


class Workers:
    """A pool of ``count`` processes, each warmed up before the service takes requests."""

    def __init__(self, count: int, embedder: str) -> None:
        # One BLAS thread per worker: the workers already take the cores, and OpenBLAS
        # threads on top of them spin against each other. Set before the workers start
        # (they inherit the environment and read it when numpy loads); a user's value wins.
        for name in _BLAS_THREADS:
            os.environ.setdefault(name, "1")
        # spawn: the HTTP process runs an event loop and threads, which fork would copy.
        self._pool = ProcessPoolExecutor(
            max_workers=count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm_up,
            initargs=(embedder,),
        )
        self._count = count
        self._embedder = embedder

    async def start(self) -> None:
        """Start every process now (the pool would start them one request at a time)."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(
            *(loop.run_in_executor(self._pool, _ready) for _ in range(self._count))
        )

    async def fuse(self, inputs: Inputs) -> Report:
        """The report, from whichever worker is free first."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, fuse_inputs, inputs, self._embedder)

    def close(self) -> None:
        """Stop the workers now; a cluster still running is abandoned."""
        # shutdown() alone left both workers running after the server exited (seen here:
        # orphans after SIGTERM), so they are ended outright; they hold no state.
        # _processes is the executor's own (private) table: pid -> Process.
        handles = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in handles:
            process.terminate()
        for process in handles:
            process.join(timeout=5)


def _ready() -> bool:
    return True
