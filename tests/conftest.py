"""Fixtures shared by the service tests: a real ``newsfuse serve`` on a free local port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent

# Small limits, so the tests can cross them with small bodies.
SERVICE_ENV = {"NEWSFUSE_MAX_BODY_BYTES": str(256 * 1024), "NEWSFUSE_MAX_DOCUMENTS": "8"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def service_url() -> Iterator[str]:
    """``newsfuse serve`` as a user starts it, in a subprocess; its base address."""
    yield from running_service([])


def running_service(extra: list[str]) -> Iterator[str]:
    """Start ``newsfuse serve`` with ``extra`` arguments on a free port, yield its base
    address once /healthz answers, and stop it and its workers after."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsfuse", "serve", "--port", str(port), *extra],
        env={**os.environ, **SERVICE_ENV},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"newsfuse serve exited: {process.stderr and process.stderr.read()}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("newsfuse serve did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        children = _children(process.pid)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    # The pipeline workers stop with the server (they once outlived it).
    time.sleep(0.5)
    left = [pid for pid in children if _alive(pid)]
    assert not left, f"worker processes outlived the server: {left}"


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found.extend(int(child) for child in task.read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
