"""Load test of ``newsfuse serve``: N concurrent clients posting full-text clusters.

The clients speak plain HTTP/1.1 over asyncio streams: an HTTP library costs the load
generator a core at 50 connections (httpx did), and on 2 cores that core is the server's.

Starts ``newsfuse serve --workers W`` on a free port of 127.0.0.1 (no other address is
ever contacted), measures the single-client request rate, then runs N clients for a fixed
time, and prints requests, answers by status (5xx counted apart), requests left without an
answer, throughput, latency p50/p95, throughput against W x the single-client rate, and the
memory (RSS) of the server's processes at the start and end of the loaded phase. Every
phase is bounded in time; the server is stopped at the end.

    python benchmarks/load.py                                   # the missiles cluster
    python benchmarks/load.py --data ../shared/data/multinews/dev_fulltext.jsonl
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
# Seconds between memory samples under load: a dozen samples over the 60 s run.
RSS_EVERY = 5.0
# Seconds a client waits for one answer before counting the request as unanswered: far
# above any latency seen (p95 under 1 s at 50 clients), so only a hang reaches it.
ANSWER_TIMEOUT = 120.0
NO_ANSWER = 0  # the status of a request that got no answer (reset, closed, timed out)


@dataclass(frozen=True)
class Outcome:
    """One request: when it was sent and answered (monotonic seconds), and its status."""

    began: float
    ended: float
    status: int


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="JSONL of clusters {documents: [...]}; default missiles")
    parser.add_argument("--limit", type=int, default=20, help="clusters taken from --data")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds under load")
    parser.add_argument("--single", type=float, default=20.0, help="seconds of one client")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    bodies = cluster_bodies(args.data, args.limit)
    with serving(args.workers) as (url, server):
        print(f"{len(bodies)} cluster(s), {args.workers} worker(s), server ready", flush=True)
        # One pass over every cluster first: each worker warms up before it is timed.
        asyncio.run(run_clients(url, bodies, clients=args.workers * 2, seconds=5.0))
        time.sleep(1)
        single = _measured(server, lambda: _phase(url, bodies, 1, args.single, server))
        loaded = _measured(server, lambda: _phase(url, bodies, args.clients, args.duration, server))
    _report("1 client", single)
    _report(f"{args.clients} clients", loaded)
    print(
        f"server memory (RSS of the HTTP process and its workers): "
        f"{loaded['rss_start'] / 1024:.0f} MB at the start of the {args.clients}-client run, "
        f"{loaded['rss_end'] / 1024:.0f} MB at its end, at most {loaded['rss_max'] / 1024:.0f} MB"
    )
    expected = args.workers * single["rate"]
    ratio = loaded["rate"] / expected if expected else 0.0
    print(
        f"throughput {loaded['rate']:.1f}/s = {ratio:.0%} of {args.workers} workers x "
        f"{single['rate']:.1f}/s single-client rate (target: at least 80%)"
    )
    return 0 if loaded["errors"] == 0 and ratio >= 0.8 else 1


def cluster_bodies(data: str | None, limit: int) -> list[bytes]:
    """The JSON bodies to post: the missiles cluster, or ``limit`` clusters of ``data``."""
    if data is None:
        texts = [
            p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples/missiles").iterdir())
        ]
        return [json.dumps({"documents": texts}).encode()]
    bodies = []
    with open(data, encoding="utf-8") as lines:
        for line in itertools.islice(lines, limit):
            bodies.append(json.dumps({"documents": json.loads(line)["documents"]}).encode())
    return bodies


@contextmanager
def serving(workers: int, *extra: str) -> Iterator[tuple[str, int]]:
    """``newsfuse serve --workers N`` on a free port of 127.0.0.1: (address, pid), until the
    block ends."""
    port = _free_port()
    command = [sys.executable, "-m", "newsfuse", "serve", "--port", str(port)]
    server = subprocess.Popen([*command, "--workers", str(workers), *extra], cwd=ROOT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait(url)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


async def run_clients(url: str, bodies: list[bytes], clients: int, seconds: float) -> list[Outcome]:
    """``clients`` loops, each on its own keep-alive connection, posting the clusters in turn
    until ``seconds`` have passed; every request's outcome."""
    outcomes: list[Outcome] = []
    deadline = time.monotonic() + seconds
    host, port = url.removeprefix("http://").split(":")
    requests = [_request(host, body) for body in bodies]

    async def client(start: int) -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            for request in itertools.islice(itertools.cycle(requests), start, None):
                if time.monotonic() >= deadline:
                    return
                began = time.monotonic()
                try:
                    writer.write(request)
                    status = await asyncio.wait_for(_response(reader), timeout=ANSWER_TIMEOUT)
                except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
                    outcomes.append(Outcome(began, time.monotonic(), NO_ANSWER))
                    return  # the connection is in an unknown state: this client stops
                outcomes.append(Outcome(began, time.monotonic(), status))
        finally:
            writer.close()

    await asyncio.gather(*(client(k) for k in range(clients)))
    return outcomes


def summary(outcomes: list[Outcome], seconds: float) -> dict[str, float]:
    """Requests, errors (anything but 200), 5xx, unanswered, rate and latency of ``outcomes``."""
    latencies = [o.ended - o.began for o in outcomes if o.status == 200]
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(outcomes),
        "errors": sum(o.status != 200 for o in outcomes),
        "5xx": sum(500 <= o.status < 600 for o in outcomes),
        "unanswered": sum(o.status == NO_ANSWER for o in outcomes),
        "seconds": seconds,
        "rate": len(latencies) / seconds,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
    }


def statuses(outcomes: list[Outcome]) -> str:
    """``"200: 3,100, 503: 1"``: the answers by status, 0 for no answer."""
    counts = Counter(o.status for o in outcomes)
    return ", ".join(f"{status}: {count:,}" for status, count in sorted(counts.items()))


async def _phase(
    url: str, bodies: list[bytes], clients: int, seconds: float, server: int
) -> dict[str, float]:
    """One timed phase, with the server's memory sampled from start to end."""
    samples = [tree_rss(server)]
    began = time.monotonic()
    run = asyncio.ensure_future(run_clients(url, bodies, clients, seconds))
    while not run.done():
        await asyncio.wait([run], timeout=RSS_EVERY)
        samples.append(tree_rss(server))
    outcomes = run.result()
    result = summary(outcomes, time.monotonic() - began)
    result.update(rss_start=samples[0], rss_end=samples[-1], rss_max=max(samples))
    return result


def tree_rss(pid: int) -> int:
    """kB of resident memory of ``pid`` and its descendants, summed (pages they share, such
    as the libraries, count once per process: a ceiling, steady when nothing grows)."""
    total = 0
    for member in _tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        total += next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")),
            0,
        )
    return total


def _request(host: str, body: bytes) -> bytes:
    head = (
        f"POST /v1/fuse HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _response(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length framed, as uvicorn sends it); its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")
    )
    await reader.readexactly(length)
    return status


def _report(name: str, result: dict[str, float]) -> None:
    print(
        f"{name}: {result['requests']:.0f} requests in {result['seconds']:.1f} s, "
        f"{result['errors']:.0f} errors ({result['5xx']:.0f} 5xx, "
        f"{result['unanswered']:.0f} unanswered), {result['rate']:.1f} req/s, "
        f"p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms; "
        f"other processes used {result['others']:.0%} of the machine's CPU meanwhile"
    )


def _measured(
    server: int, phase: Callable[[], Coroutine[Any, Any, dict[str, float]]]
) -> dict[str, float]:
    """Run a phase, and note how much of the machine's CPU went to processes that are not
    this test's (the server, its workers, this client): on a shared machine they skew the
    ratio, since one client needs one core and 50 need them all."""
    busy, ours = _cpu(server)
    result = asyncio.run(phase())
    busy_after, ours_after = _cpu(server)
    capacity = result["seconds"] * (os.cpu_count() or 1)
    result["others"] = max(0.0, (busy_after - busy) - (ours_after - ours)) / capacity
    return result


def _cpu(server: int) -> tuple[float, float]:
    """(CPU seconds the machine spent busy, CPU seconds of this process and the server's
    process tree) from /proc; (0, 0) where there is no /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        fields = Path("/proc/stat").read_text().split("\n")[0].split()[1:]
        values = [int(v) for v in fields]
        busy = sum(values) - values[3] - values[4]  # all but idle and iowait
        ours = sum(_process_ticks(pid) for pid in [os.getpid(), *_tree(server)])
    except OSError:
        return 0.0, 0.0
    return busy / tick, ours / tick


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (from /proc; [] once it has ended)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.extend(int(child) for child in task.read_text().split())
        except OSError:  # the thread ended meanwhile
            continue
    return found


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for child in children(pid):
        pids.extend(_tree(child))
    return pids


def _process_ticks(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


if __name__ == "__main__":
    sys.exit(main())
