"""The service reads no file it was not given: paths, ``file:`` addresses, upload names,
entities and static-route tricks never bring a file's content into an answer.

A canary file with a unique string sits in the test's temporary folder; every request below
names it one way or another, against a real ``newsfuse serve`` on 127.0.0.1, and neither the
canary nor /etc/passwd may appear in any answer.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from conftest import ROOT
from local_site import serving

STATIC = Path(str(resources.files("newsfuse.service") / "static"))
PASSWD = "root:x:0:0"
FIRE = "A fire destroyed the Harbor Chemicals warehouse in Port Alder on Monday, officials said."


class Canary:
    """A file whose content is a string found nowhere else."""

    def __init__(self, folder: Path) -> None:
        self.secret = f"canary-{uuid.uuid4().hex}"
        self.path = folder / "canary.txt"
        self.path.write_text(f"{self.secret} The warehouse fire was set on purpose.\n")

    def assert_absent(self, answer: str) -> None:
        assert self.secret not in answer
        assert PASSWD not in answer


@pytest.fixture
def canary(tmp_path: Path) -> Canary:
    return Canary(tmp_path)


def _raw_get(url: str, target: str) -> tuple[int, str]:
    """GET ``target`` exactly as written (an HTTP client would normalise its dots)."""
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


def test_static_routes_do_not_climb_out(service_url: str, canary: Canary) -> None:
    up = os.path.relpath(canary.path, STATIC)
    passwd = os.path.relpath("/etc/passwd", STATIC)
    targets = []
    for path in (up, passwd):
        targets += [
            f"/static/{path}",
            "/static/" + path.replace("/", "%2f"),
            "/static/" + path.replace("/", "%2F").replace("..", "%2e%2e"),
            "/static/" + path.replace("/", "\\"),
            f"/static/report.css/../{path}",
            f"/static/docs/{path}",
            "/static/docs/" + path.replace("/", "%2f"),
        ]
    for absolute in (str(canary.path), "/etc/passwd"):
        targets += [f"/static/{absolute}", f"/static/{absolute.replace('/', '%2f')}"]
        targets += [f"/stories/{absolute.replace('/', '%2f')}", f"/v1/stories/..%2f..{absolute}"]
    for target in targets:
        status, body = _raw_get(service_url, target)
        assert status in (400, 404), (target, status)
        canary.assert_absent(body)
    assert _raw_get(service_url, "/static/app.js")[0] == 200  # the route itself works


def test_paths_and_file_addresses_in_json_are_text(service_url: str, canary: Canary) -> None:
    file_url = canary.path.as_uri()
    body = {
        "documents": [
            str(canary.path),
            file_url,
            {"text": FIRE, "url": file_url, "title": str(canary.path)},
            {"text": str(canary.path), "outlet": "/etc/passwd"},
            "-",
            FIRE,
        ],
        "id": "../" * 8 + str(canary.path),
    }
    answer = httpx.post(f"{service_url}/v1/fuse", json=body, timeout=60)
    assert answer.status_code == 200, answer.text
    canary.assert_absent(answer.text)
    texts = [s["text"] for s in answer.json()["sources"]]
    assert texts[:2] == [str(canary.path), file_url]  # read as the words they are
    for addresses in ([file_url], ["/etc/passwd"], [str(canary.path)], ["-"]):
        refused = httpx.post(
            f"{service_url}/v1/fuse", json={"documents": [FIRE], "addresses": addresses}
        )
        assert refused.status_code == 422, addresses
        canary.assert_absent(refused.text)


def test_upload_names_and_contents_open_no_file(service_url: str, canary: Canary) -> None:
    climb = os.path.relpath(canary.path, ROOT)  # the server runs in ROOT
    uploads = [
        (climb, b""),
        (str(canary.path), b""),
        ("../" * 12 + "etc/passwd", b""),
        ("feed.json", json.dumps({"documents": [str(canary.path), {"text": FIRE}]}).encode()),
        ("page.html", _entity_page(canary.path)),
        ("page.xhtml", _entity_page(canary.path)),
        ("fire.txt", FIRE.encode()),
    ]
    files = [("files", (name, data, "application/octet-stream")) for name, data in uploads]
    answer = httpx.post(f"{service_url}/v1/fuse", files=files, timeout=60)
    assert answer.status_code == 200, answer.text
    canary.assert_absent(answer.text)
    names = [s["name"] for s in answer.json()["sources"]]
    assert names[:3] == ["canary.txt", "canary.txt", "passwd"]  # the name only, and empty
    assert [s["status"] for s in answer.json()["sources"][:3]] == ["empty"] * 3
    form = {"text": f"{FIRE}\n|||||\n{canary.path}", "addresses": canary.path.as_uri()}
    refused = httpx.post(f"{service_url}/report", data=form, timeout=60)
    assert refused.status_code == 422
    canary.assert_absent(refused.text)


def test_a_fetched_page_cannot_redirect_to_a_file(
    service_url: str, canary: Canary, pages: str
) -> None:
    addresses = [f"{pages}/to-file", f"{pages}/page"]
    body = {"documents": [FIRE], "addresses": addresses}
    answer = httpx.post(f"{service_url}/v1/fuse", json=body, timeout=60)
    assert answer.status_code == 200, answer.text
    canary.assert_absent(answer.text)
    sources = answer.json()["sources"]
    assert sources[1]["status"] == "unreadable"  # the redirect to file: is refused
    assert sources[2]["status"] == "used"  # the page, without what it points at


@pytest.fixture
def pages(canary: Canary) -> Iterator[str]:
    """A web server on 127.0.0.1: ``/to-file`` redirects to the canary's ``file:`` address,
    ``/page`` is an article that embeds and links it."""
    pages = {
        "/to-file": (302, "text/html", b""),
        "/page": (200, "text/html; charset=utf-8", _entity_page(canary.path)),
    }
    with serving(pages, headers={"/to-file": {"Location": canary.path.as_uri()}}) as base:
        yield base


def _entity_page(path: Path) -> bytes:
    """An article page that names the file every way HTML and XML can: an external entity
    (XXE), XInclude, frames, images, a canonical link, a base and a refresh."""
    uri = path.as_uri()
    return f"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY leak SYSTEM "{uri}">]>
<html xmlns:xi="http://www.w3.org/2001/XInclude"><head><title>Fire &leak;</title>
<base href="{uri}"><meta http-equiv="refresh" content="0;url={uri}">
<link rel="canonical" href="{uri}"></head>
<body><article><p>{FIRE} &leak; The roof fell in before dawn and the road was closed.</p>
<xi:include href="{uri}" parse="text"/><iframe src="{uri}"></iframe><img src="{uri}">
<object data="{uri}"></object><p>Forty firefighters fought the blaze for six hours.</p>
</article></body></html>""".encode()
