"""The HTTP API of ``newsfuse serve`` (CONTRACT.md), against a real server process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from newsfuse import fuse_documents, report_to_dict

ROOT = Path(__file__).resolve().parent.parent
MISSILES = sorted((ROOT / "examples" / "missiles").iterdir())


def _cli_report() -> object:
    done = subprocess.run(
        [sys.executable, "-m", "newsfuse", "fuse", "examples/missiles", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout)


def test_healthz(service_url: str) -> None:
    answer = httpx.get(f"{service_url}/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "embedder": "glove", "store": False, "workers": 1}


def test_files_give_the_report_the_cli_prints(service_url: str) -> None:
    # The CLI reads the folder in name order and names each source by its file name; the
    # same files uploaded in that order with their names are the same cluster.
    files = [("files", (path.name, path.read_bytes(), "text/plain")) for path in MISSILES]
    answer = httpx.post(f"{service_url}/v1/fuse", files=files, timeout=60)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == _cli_report()


def test_json_documents_give_the_report_of_the_same_documents(service_url: str) -> None:
    documents: list[object] = [path.read_text(encoding="utf-8") for path in MISSILES]
    documents[0] = {"text": documents[0], "outlet": "NPR", "title": "Missiles"}
    body = {"documents": documents, "words": 120, "id": "missiles"}
    answer = httpx.post(f"{service_url}/v1/fuse", json=body, timeout=60)
    assert answer.status_code == 200, answer.text
    expected = report_to_dict(fuse_documents(documents, 120, report_id="missiles"))
    assert answer.json() == json.loads(json.dumps(expected))
    assert answer.json()["summary"]["words"] <= 120


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (b"{not json", 400, "not valid JSON"),
        (b"[1, 2]", 422, "JSON object"),
        (b'{"documents": "text"}', 422, '"documents" must be a list'),
        (b'{"documents": []}', 422, "no articles"),
        (b'{"documents": ["a"], "words": 0}', 422, '"words"'),
        (b'{"documents": ["a"], "addresses": ["file:///etc/passwd"]}', 422, "not an http(s)"),
        (b'{"documents": ["", " "]}', 422, "no usable article"),
        (json.dumps({"documents": ["x"] * 9}).encode(), 413, "too many articles"),
        (json.dumps({"documents": ["x" * 300_000]}).encode(), 413, "too large"),
    ],
)
def test_errors_are_json_with_their_status(
    service_url: str, body: bytes, status: int, words: str
) -> None:
    headers = {"content-type": "application/json"}
    answer = httpx.post(f"{service_url}/v1/fuse", content=body, headers=headers, timeout=60)
    assert answer.status_code == status, answer.text
    assert words in answer.json()["error"]


def test_other_content_types_are_refused(service_url: str) -> None:
    answer = httpx.post(
        f"{service_url}/v1/fuse", content=b"text", headers={"content-type": "text/plain"}
    )
    assert answer.status_code == 415
    assert "application/json" in answer.json()["error"]


def test_stories_need_a_store(service_url: str) -> None:
    for path in ("/v1/stories", "/v1/stories/some-story"):
        answer = httpx.get(f"{service_url}{path}")
        assert answer.status_code == 404
        assert answer.json() == {"error": "no store: start serve with --store"}


def test_unknown_routes_and_methods_answer_json(service_url: str) -> None:
    assert httpx.get(f"{service_url}/nowhere").json() == {"error": "Not Found"}
    answer = httpx.get(f"{service_url}/v1/fuse")
    assert answer.status_code == 405
    assert "error" in answer.json()


def test_openapi_and_docs_are_served_locally(service_url: str) -> None:
    spec = httpx.get(f"{service_url}/openapi.json").json()
    body = spec["paths"]["/v1/fuse"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    docs = httpx.get(f"{service_url}/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower()
    assert "'sha256-" in docs.headers["content-security-policy"]
    assert httpx.get(f"{service_url}/static/docs/swagger-ui-bundle.js").status_code == 200
