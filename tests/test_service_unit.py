"""Service parts in process: settings, the body limit on chunked bodies, the time limit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsfuse.model import InputError
from newsfuse.service.app import create_app
from newsfuse.service.settings import Settings
from newsfuse.service.stories import open_store


def test_settings_round_trip_through_the_environment() -> None:
    settings = Settings(store=Path("s.duckdb"), max_body_bytes=1000, max_documents=3, timeout=2.5)
    assert Settings.from_env(settings.to_env()) == settings
    assert Settings.from_env({}) == Settings()


def test_settings_refuse_nonsense() -> None:
    with pytest.raises(InputError, match="NEWSFUSE_TIMEOUT"):
        Settings.from_env({"NEWSFUSE_TIMEOUT": "soon"})
    with pytest.raises(InputError, match="positive"):
        Settings.from_env({"NEWSFUSE_MAX_DOCUMENTS": "0"})


def test_a_store_needs_the_corpus_package() -> None:
    assert open_store(None) is None
    try:
        import newsfuse.corpus  # noqa: F401
    except ImportError:
        with pytest.raises(InputError, match=r"newsfuse\.corpus"):
            open_store(Path("stories.duckdb"))


def test_a_chunked_body_over_the_limit_is_refused() -> None:
    client = TestClient(create_app(Settings(max_body_bytes=1000)))

    def chunks() -> Iterator[bytes]:
        yield b'{"documents": ["'
        for _ in range(20):
            yield b"x" * 100
        yield b'"]}'

    answer = client.post("/v1/fuse", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert "too large" in answer.json()["error"]


def test_a_report_over_the_time_limit_answers_503() -> None:
    client = TestClient(create_app(Settings(timeout=0.001)))
    documents = ["Missiles crashed in Iran on Thursday, officials said. " * 200] * 4
    answer = client.post("/v1/fuse", json={"documents": documents})
    assert answer.status_code == 503
    assert "limit of 0.001 s" in answer.json()["error"]


def test_uploads_are_named_by_their_file_name_only() -> None:
    client = TestClient(create_app())
    files = [
        ("files", ("../../etc/a.txt", b"Missiles crashed in Iran, officials said.", "text/plain")),
        ("files", ("C:\\news\\b.json", b'{"text": "Officials said missiles crashed in Iran."}')),
        ("files", ("", b"", "application/octet-stream")),  # a file field left empty
    ]
    answer = client.post("/v1/fuse", files=files, data={"words": "50"})
    assert answer.status_code == 200, answer.text
    names = [s["name"] for s in answer.json()["sources"]]
    assert names == ["a.txt", "b.json"]


def test_pasted_text_may_be_larger_than_a_default_form_part() -> None:
    # Starlette caps a form field at 1 MB unless told otherwise; the body limit is the cap.
    client = TestClient(create_app(Settings(max_body_bytes=3 * 1024 * 1024)))
    answer = client.post("/v1/fuse", data={"text": " " * (1536 * 1024)})
    assert answer.status_code == 422  # read, and found empty: not 400 "cannot read"
    assert "no articles" in answer.json()["error"]
