"""Engines run the heavy stages (``work.py``) over chunks: ``local`` in this process,
``ray`` as Ray tasks (``engine_ray.py``). Both return results in input order, so the
stories and reports are the same whichever runs them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from newsfuse.corpus.work import Article, Prepared, prepare_chunk, report_chunk
from newsfuse.model import InputError

ENGINES = ("local", "ray")
ReportJob = tuple[str, list[dict[str, Any]]]


class Engine(Protocol):
    def prepare(self, articles: Sequence[Article]) -> list[Prepared]: ...

    def reports(self, jobs: Sequence[ReportJob], words: int) -> list[str]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Everything in this process."""

    def prepare(self, articles: Sequence[Article]) -> list[Prepared]:
        return prepare_chunk(articles)

    def reports(self, jobs: Sequence[ReportJob], words: int) -> list[str]:
        return report_chunk(jobs, words)

    def close(self) -> None:
        pass


def open_engine(name: str, address: str | None = None, num_cpus: int | None = None) -> Engine:
    """The named engine; ``address`` is a Ray cluster's (``ray`` only; none starts a local
    Ray instance with ``num_cpus`` CPUs)."""
    if name == "local":
        if address is not None:
            raise InputError("--address", "only with --engine ray")
        return LocalEngine()
    if name == "ray":
        try:
            from newsfuse.corpus.engine_ray import RayEngine
        except ImportError:
            raise InputError(
                "--engine", "ray is not installed (pip install 'newsfuse[ray]')"
            ) from None
        return RayEngine(address, num_cpus)
    raise InputError("--engine", f"unknown engine {name!r} (choose from {ENGINES})")
