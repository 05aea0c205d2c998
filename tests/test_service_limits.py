"""The request limits of ``newsfuse serve``, set small by its flags and environment, against
a real server: body size and article count answer 413 with a JSON error that says which
limit (the page's form: the form again with the reason)."""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from conftest import ROOT, running_server

MISSILES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples/missiles").iterdir())]
LIMIT_MB = 0.0625  # 64 kB: the missiles cluster (14 kB) fits, five copies of it do not
TOO_LARGE = f"request body too large (limit {LIMIT_MB:g} MB)"


@pytest.fixture(scope="module")
def small_url() -> Iterator[str]:
    """A server whose flags set limits below SERVICE_ENV's (256 kB, 8 articles): flags win."""
    flags = ["--max-body-mb", str(LIMIT_MB), "--max-documents", "3"]
    with running_server(flags, env={"NEWSFUSE_MAX_ADDRESSES": "1"}) as server:
        yield server.url


def _raw(url: str, head: str, body: Iterator[bytes]) -> tuple[int, dict[str, object], float]:
    """Send a request as written; its status, JSON body and seconds until the answer."""
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    began = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head.encode())
        for chunk in body:
            # Stop sending once the server has answered: more bytes after it closed would
            # make its kernel reset the connection, and the answer with it.
            if select.select([sock], [], [], 0.2)[0]:
                break
            sock.sendall(chunk)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    seconds = time.monotonic() - began
    top, _, payload = data.partition(b"\r\n\r\n")
    return int(top.split()[1]), json.loads(payload), seconds


def test_a_body_over_the_limit_answers_413(small_url: str) -> None:
    big = "\n\n".join(MISSILES * 5)
    assert len(big.encode()) > LIMIT_MB * 1024 * 1024
    answers = [
        httpx.post(f"{small_url}/v1/fuse", json={"documents": [big]}, timeout=60),
        httpx.post(f"{small_url}/v1/fuse", data={"text": big}, timeout=60),
        httpx.post(f"{small_url}/v1/fuse", files={"files": ("big.txt", big.encode())}),
        httpx.post(f"{small_url}/report", files={"files": ("big.txt", big.encode())}),
    ]
    for answer in answers:
        assert answer.status_code == 413
        assert answer.json() == {"error": TOO_LARGE}
    fits = httpx.post(f"{small_url}/v1/fuse", json={"documents": MISSILES[:3]}, timeout=60)
    assert fits.status_code == 200, fits.text


def test_a_chunked_body_and_a_false_length_are_refused_too(small_url: str) -> None:
    host = urlsplit(small_url).netloc
    chunked = (
        f"POST /v1/fuse HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    chunks = (b"4000\r\n" + b"x" * 0x4000 + b"\r\n" for _ in range(8))  # 128 kB, no length
    status, body, _ = _raw(small_url, chunked, chunks)
    assert (status, body) == (413, {"error": TOO_LARGE})
    # A length past the limit is refused at once, without waiting for a body never sent.
    declared = (
        f"POST /v1/fuse HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000000000\r\n\r\n"
    )
    status, body, seconds = _raw(small_url, declared, iter([]))
    assert (status, body) == (413, {"error": TOO_LARGE})
    assert seconds < 10


def test_more_articles_than_the_limit_answer_413(small_url: str) -> None:
    four = MISSILES[:4]
    files = [("files", (f"{k}.txt", text.encode())) for k, text in enumerate(four)]
    answers = [
        httpx.post(f"{small_url}/v1/fuse", json={"documents": four}, timeout=60),
        httpx.post(f"{small_url}/v1/fuse", data={"text": "\n|||||\n".join(four)}, timeout=60),
        httpx.post(f"{small_url}/v1/fuse", files=files, timeout=60),
        httpx.post(
            f"{small_url}/v1/fuse", files=files[:2], data={"text": "\n|||||\n".join(four[2:])}
        ),
        httpx.post(
            f"{small_url}/v1/fuse",
            json={"documents": four[:3], "addresses": ["http://127.0.0.1:9/"]},
        ),
    ]
    for answer in answers:
        assert answer.status_code == 413, answer.text
        assert answer.json()["error"].startswith("too many articles")
        assert "limit 3 per request" in answer.json()["error"]
    page = httpx.post(f"{small_url}/report", files=files, timeout=60)
    assert page.status_code == 413
    assert 'role="alert"' in page.text and "too many articles" in page.text
    three = httpx.post(f"{small_url}/v1/fuse", json={"documents": four[:3]}, timeout=60)
    assert three.status_code == 200, three.text


def test_more_addresses_than_the_limit_answer_413(small_url: str) -> None:
    addresses = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]
    answer = httpx.post(f"{small_url}/v1/fuse", json={"documents": [], "addresses": addresses})
    assert answer.status_code == 413
    assert answer.json() == {"error": "too many addresses: 2 (limit 1 per request)"}
