"""The pipeline's processes: one HTTP process hands each cluster to a pool of N workers.

Why not uvicorn's own ``--workers``: each of its processes accepts connections for itself,
and a keep-alive client stays with the process that accepted it; under 50 clients opened at
once one process took nearly all of them and the other idled (throughput of one worker).
One acceptor and one queue keep every worker busy. Each worker loads the embedder once.

Why not ``concurrent.futures.ProcessPoolExecutor``: one worker killed (the OOM killer, an
operator) breaks that pool for good, every later request failing with ``BrokenProcessPool``;
and a cluster past its time limit cannot be stopped there, so it holds its worker however
long it runs. Here each worker is a process with a pipe of its own: a worker that ends is
replaced at once, and a request past its limit has its worker killed and replaced.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import anyio.to_thread

from newsfuse.model import Report
from newsfuse.pipeline import fuse, fuse_documents
from newsfuse.represent import load_embedder
from newsfuse.service.inputs import Inputs

_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
# Seconds between attempts to start a replacement that failed to start: often enough to
# come back soon after a transient failure (memory), rarely enough not to spin on a lasting
# one (each attempt is logged).
_RESTART_PAUSE = 2.0
# Seconds to wait for a worker to exit after SIGTERM at shutdown before SIGKILL; workers
# hold no state, and the server's own shutdown should not wait on a long cluster.
_STOP_WAIT = 5.0

log = logging.getLogger("newsfuse.service")


class WorkerLost(RuntimeError):
    """A pipeline process ended while it held a request, or before it was ready."""


def warm_up(embedder: str) -> None:
    """Load the embedder and run every stage once, so no request waits on loading."""
    load_embedder(embedder)
    fuse_documents(
        ["Warm up. The service starts.", "The service starts. Warm up."], embedder=embedder
    )


def fuse_inputs(inputs: Inputs, embedder: str) -> Report:
    """The report of one request's inputs (addresses fetched here, off the HTTP process)."""
    return fuse(inputs.ingest(), inputs.words, report_id=inputs.report_id, embedder=embedder)


def _serve(conn: Connection, embedder: str) -> None:
    """A worker process: warm up, say so, then answer one request at a time until the pipe
    closes. Each answer is ``("report", Report)`` or ``("error", exception)``."""
    # Ctrl-C reaches the whole process group; the HTTP process stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(embedder)
    conn.send(True)
    while True:
        try:
            inputs = conn.recv()
        except EOFError:  # the HTTP process is gone
            return
        try:
            answer: tuple[str, object] = ("report", fuse_inputs(inputs, embedder))
        except Exception as error:  # the HTTP process answers 500 with its name
            answer = ("error", error)
        try:
            conn.send(answer)
        except Exception as error:  # an exception that cannot be pickled: its words
            conn.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))


class _Worker:
    """One pipeline process and the pipe to it."""

    def __init__(self, embedder: str) -> None:
        # spawn: the HTTP process runs an event loop and threads, which fork would copy.
        context = multiprocessing.get_context("spawn")
        self._conn, theirs = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_serve, args=(theirs, embedder), name="newsfuse-worker", daemon=True
        )
        self.process.start()
        theirs.close()  # the child holds its end: EOF here when it exits

    @property
    def pid(self) -> int:
        """The process id (known from the start)."""
        assert self.process.pid is not None
        return self.process.pid

    def wait_ready(self) -> None:
        """Block until the warm-up is done; ``WorkerLost`` when the process ends first."""
        try:
            self._conn.recv()
        except (EOFError, OSError):
            self._conn.close()
            self.process.join(_STOP_WAIT)
            raise WorkerLost(
                f"a pipeline process ended while starting (exit code {self.process.exitcode})"
            ) from None

    def call(self, inputs: Inputs) -> tuple[str, object]:
        """Send one request and block for its answer; ``WorkerLost`` when the process ends
        first. Runs in a thread, which owns the pipe until it returns."""
        try:
            self._conn.send(inputs)
            answer: tuple[str, object] = self._conn.recv()
        except (EOFError, OSError):
            self._conn.close()
            raise WorkerLost(
                f"the pipeline process {self.pid} stopped while writing this report"
            ) from None
        return answer


class Workers:
    """A pool of ``count`` worker processes, each warmed up before it takes a request.

    A worker that ends for any reason is replaced by a new process (a new pid) as soon as
    the HTTP process notices, which is at once: it watches each worker's exit.
    """

    def __init__(self, count: int, embedder: str) -> None:
        # One BLAS thread per worker: the workers already take the cores, and OpenBLAS
        # threads on top of them spin against each other. Set before the workers start
        # (they inherit the environment and read it when numpy loads); a user's value wins.
        for name in _BLAS_THREADS:
            os.environ.setdefault(name, "1")
        self._count = count
        self._embedder = embedder
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._ready: dict[int, _Worker] = {}  # pid -> worker: warmed up and not seen to end
        self._starting: set[_Worker] = set()
        self._refills: set[asyncio.Task[None]] = set()
        self._closed = False

    @property
    def ready(self) -> int:
        """How many workers are warmed up and alive."""
        return len(self._ready)

    async def start(self) -> None:
        """Start every process and wait for each to warm up; ``WorkerLost`` if one fails."""
        for worker in await asyncio.gather(*(self._new() for _ in range(self._count))):
            self._idle.put_nowait(worker)

    async def fuse(self, inputs: Inputs) -> Report:
        """The report, from whichever worker is free first.

        A worker that ends while it holds the request (killed, out of memory) costs the
        request one more try on another worker; ``WorkerLost`` when that one ends too.
        Cancelled while a worker runs it (the time limit): that worker is killed, so no
        request holds a worker past its limit, and a new one takes its place.
        """
        tries = 2
        while True:
            worker = await self._idle.get()
            if worker.pid not in self._ready or not worker.process.is_alive():
                continue  # ended while idle: replaced (or about to be) by _ended
            try:
                kind, value = await anyio.to_thread.run_sync(
                    worker.call, inputs, abandon_on_cancel=True
                )
            except WorkerLost:
                worker.process.kill()  # a pipe that failed with the process alive: end it too
                tries -= 1
                if tries == 0:
                    raise
                continue
            except BaseException:  # cancelled: the worker is still busy with the request
                worker.process.kill()
                raise
            self._idle.put_nowait(worker)
            if kind == "error":
                assert isinstance(value, BaseException)
                raise value
            assert isinstance(value, Report)
            return value

    def close(self) -> None:
        """Stop the workers now; a cluster still running is abandoned."""
        self._closed = True
        for task in self._refills:
            task.cancel()
        workers = [*self._ready.values(), *self._starting]
        for worker in workers:
            worker.process.terminate()
        for worker in workers:
            worker.process.join(_STOP_WAIT)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()

    async def _new(self) -> _Worker:
        """A new worker, warmed up, watched, and counted as ready."""
        worker = _Worker(self._embedder)
        self._starting.add(worker)
        try:
            await anyio.to_thread.run_sync(worker.wait_ready, abandon_on_cancel=True)
        finally:
            self._starting.discard(worker)
        self._ready[worker.pid] = worker
        # The sentinel turns readable when the process ends, busy or idle.
        asyncio.get_running_loop().add_reader(worker.process.sentinel, self._ended, worker)
        return worker

    def _ended(self, worker: _Worker) -> None:
        asyncio.get_running_loop().remove_reader(worker.process.sentinel)
        self._ready.pop(worker.pid, None)
        worker.process.join(_STOP_WAIT)  # ended: returns at once, and reaps it
        if self._closed:
            return
        log.warning(
            "newsfuse: pipeline process %d ended (exit code %s); starting another",
            worker.pid,
            worker.process.exitcode,
        )
        task = asyncio.create_task(self._refill())
        self._refills.add(task)
        task.add_done_callback(self._refills.discard)

    async def _refill(self) -> None:
        """Start one worker in place of one that ended; try again until one starts."""
        while not self._closed:
            try:
                worker = await self._new()
            except WorkerLost as error:
                log.warning("newsfuse: %s; trying again in %g s", error, _RESTART_PAUSE)
                await asyncio.sleep(_RESTART_PAUSE)
                continue
            log.warning("newsfuse: pipeline process %d ready", worker.pid)
            self._idle.put_nowait(worker)
            return
