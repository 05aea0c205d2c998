"""Fixtures shared by the service tests: a real ``newsfuse serve`` on a free local port, its
pipeline processes, and a real browser (Playwright driving Debian's Chromium, headless);
and the hypothesis profiles of the property tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest
from hypothesis import HealthCheck, settings
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("NEWSFUSE_CHROMIUM", "/usr/bin/chromium")
# As root in a sandbox Chromium needs --no-sandbox; the rest keep it off the (closed) network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Small limits, so the tests can cross them with small bodies.
SERVICE_ENV = {"NEWSFUSE_MAX_BODY_BYTES": str(256 * 1024), "NEWSFUSE_MAX_DOCUMENTS": "8"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server(NamedTuple):
    """A running ``newsfuse serve``: its base address and the HTTP process id."""

    url: str
    pid: int


@pytest.fixture(scope="session")
def service_url() -> Iterator[str]:
    """``newsfuse serve`` as a user starts it, in a subprocess; its base address."""
    yield from running_service([])


def running_service(extra: list[str]) -> Iterator[str]:
    """``running_server`` as a generator of the base address only (for fixtures)."""
    with running_server(extra) as server:
        yield server.url


@contextmanager
def running_server(extra: list[str], env: dict[str, str] | None = None) -> Iterator[Server]:
    """Start ``newsfuse serve`` with ``extra`` arguments (and ``env`` over ``SERVICE_ENV``)
    on a free port, yield it once /healthz answers, and stop it and its workers after."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsfuse", "serve", "--port", str(port), *extra],
        env={**os.environ, **SERVICE_ENV, **(env or {})},
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
        yield Server(url, process.pid)
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


def worker_pids(server: int) -> list[int]:
    """The pipeline processes of the server with process id ``server``: its children but
    multiprocessing's resource tracker."""
    return [
        pid for pid in _children(server) if _alive(pid) and b"resource_tracker" not in _cmdline(pid)
    ]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium; the test is skipped when the executable is missing (``make test``
    installs it as root)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


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


# Hypothesis: "default" keeps `make test` quick; `make test-slow` runs the property tests
# again under "thorough" (NEWSFUSE_HYPOTHESIS=thorough selects it for any run).
settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,  # the first call loads models; the machine is shared and its timing noisy
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", settings.get_profile("default"), max_examples=3000)
settings.load_profile(os.environ.get("NEWSFUSE_HYPOTHESIS", "default"))
