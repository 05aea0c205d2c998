"""Faults under load: a pipeline worker of ``newsfuse serve`` killed (SIGKILL) mid-request
while N clients keep posting clusters.

Starts ``newsfuse serve --workers W`` on a free port of 127.0.0.1, runs N clients for
``--duration`` seconds and, ``--kill-at`` seconds in, kills the first worker process (under
load every worker holds a request). It then watches for the new worker process and for
/healthz to count W workers again, and prints: the killed and the new pid and how long the
replacement took, the answers to the requests in flight at the kill, and the answers before
and after, by status. Exit status 0 when every request was answered and none with a 5xx.

    python benchmarks/faults.py                     # 50 clients, 30 s, the kill at 10 s
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import httpx

from load import Outcome, children, cluster_bodies, run_clients, serving, statuses, summary

# Seconds between looks for the new worker: fine enough to time a start of about a second.
POLL = 0.05


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds under load")
    parser.add_argument("--kill-at", type=float, default=10.0, help="seconds into the load")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    bodies = cluster_bodies(None, 1)
    with serving(args.workers) as (url, server):
        # One pass first: each worker warms up before the run.
        asyncio.run(run_clients(url, bodies, clients=args.workers * 2, seconds=5.0))
        outcomes, fault = asyncio.run(_run(url, server, bodies, args))
    killed_at = fault["killed_at"]
    in_flight = [o for o in outcomes if o.began <= killed_at <= o.ended]
    before = [o for o in outcomes if o.ended < killed_at]
    after = [o for o in outcomes if o.began > fault["ready_at"]]
    whole = summary(outcomes, args.duration)
    print(
        f"killed worker {fault['killed']:.0f} {args.kill_at:g} s into the load; new worker "
        f"{fault['new']:.0f} started after {fault['new_at'] - killed_at:.2f} s, "
        f"{args.workers} workers ready again after {fault['ready_at'] - killed_at:.2f} s"
    )
    slowest = max((o.ended - o.began for o in in_flight), default=0.0)
    print(
        f"{len(in_flight)} requests in flight at the kill: {statuses(in_flight)} "
        f"(slowest answered in {slowest:.2f} s)"
    )
    print(f"before the kill: {statuses(before)}; after the replacement: {statuses(after)}")
    print(
        f"all {args.clients} clients, {args.duration:g} s: {whole['requests']:.0f} requests, "
        f"{statuses(outcomes)}; {whole['5xx']:.0f} 5xx, {whole['unanswered']:.0f} unanswered, "
        f"p50 {whole['p50']:.0f} ms, p95 {whole['p95']:.0f} ms"
    )
    return 0 if whole["5xx"] == 0 and whole["unanswered"] == 0 else 1


async def _run(
    url: str, server: int, bodies: list[bytes], args: argparse.Namespace
) -> tuple[list[Outcome], dict[str, float]]:
    load = asyncio.ensure_future(run_clients(url, bodies, args.clients, args.duration))
    fault = await _kill_one(url, server, args.kill_at, args.workers)
    return await load, fault


async def _kill_one(url: str, server: int, after: float, count: int) -> dict[str, float]:
    """SIGKILL one worker ``after`` seconds from now; when it happened, when a new worker
    process appeared and when /healthz counted ``count`` workers again (monotonic s)."""
    await asyncio.sleep(after)
    before = _workers(server)
    victim = before[0]
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    while not (new := [pid for pid in _workers(server) if pid not in before]):
        await asyncio.sleep(POLL)
    new_at = time.monotonic()
    async with httpx.AsyncClient() as client:
        while (await client.get(f"{url}/healthz")).json()["workers"] < count:
            await asyncio.sleep(POLL)
    return {
        "killed": victim,
        "killed_at": killed_at,
        "new": new[0],
        "new_at": new_at,
        "ready_at": time.monotonic(),
    }


def _workers(server: int) -> list[int]:
    """The server's pipeline processes: its children but multiprocessing's resource
    tracker."""
    found = []
    for pid in children(server):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in command:
            found.append(pid)
    return found


if __name__ == "__main__":
    sys.exit(main())
