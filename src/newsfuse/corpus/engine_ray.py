"""The ``ray`` engine: the heavy stages as Ray tasks, on an existing cluster (``address``)
or on a Ray instance started here. Results are gathered in input order."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import ray

from newsfuse.corpus.engines import ReportJob
from newsfuse.corpus.work import Article, Prepared, prepare_chunk, report_chunk
from newsfuse.model import InputError

T = TypeVar("T")
R = TypeVar("R")

# Tasks per CPU of the cluster for one batch: a few, so a slow task does not leave the
# other CPUs idle, and not many, since each task costs ~1 ms of scheduling.
_TASKS_PER_CPU = 2


class RayEngine:
    """Ray tasks; shuts down only a Ray instance it started itself."""

    def __init__(self, address: str | None, num_cpus: int | None) -> None:
        self._owns = not ray.is_initialized()
        if self._owns:
            try:
                if address is None:
                    ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
                else:
                    ray.init(address=address, log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise InputError("--address", f"cannot reach Ray: {error}") from None
        resources: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
        self._cpus = max(1, int(resources.get("CPU", 1)))
        self._prepare = ray.remote(prepare_chunk)
        self._report = ray.remote(report_chunk)

    def prepare(self, articles: Sequence[Article]) -> list[Prepared]:
        return self._scatter(self._prepare.remote, list(articles))

    def reports(self, jobs: Sequence[ReportJob], words: int) -> list[str]:
        return self._scatter(lambda chunk: self._report.remote(chunk, words), list(jobs))

    def _scatter(self, submit: Callable[[list[T]], Any], items: list[T]) -> list[R]:
        if not items:
            return []
        size = math.ceil(len(items) / (self._cpus * _TASKS_PER_CPU))
        refs = [submit(items[i : i + size]) for i in range(0, len(items), size)]
        return [result for chunk in ray.get(refs) for result in chunk]

    def close(self) -> None:
        if self._owns:
            ray.shutdown()
