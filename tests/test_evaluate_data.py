"""Reading evaluation records from .jsonl and .jsonl.gz files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsfuse.evaluate.data import document_texts, read_records, reference_summary
from newsfuse.model import InputError

LINES = [
    '{"id": "a", "documents": ["one", "two"], "summary": "s1"}',
    "",
    '{"id": "b", "documents": [{"text": "three", "title": "T"}], "summary": "s2"}',
    '{"id": "c", "documents": [], "summary": "s3"}',
]


@pytest.mark.parametrize("name", ["records.jsonl", "records.jsonl.gz"])
def test_reads_plain_and_gzip(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    text = "\n".join(LINES) + "\n"
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    records = list(read_records(path))
    assert [r["id"] for r in records] == ["a", "b", "c"]  # the blank line is skipped
    assert [r["id"] for r in read_records(str(path), limit=2)] == ["a", "b"]
    assert list(read_records(path, limit=0)) == []
    assert document_texts(records[0]) == ["one", "two"]
    assert document_texts(records[1]) == ["three"]
    assert reference_summary(records[2]) == "s3"


def test_bad_line_names_its_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(LINES[0] + "\n\n" + '{"id": "b", "documents": [\n', encoding="utf-8")
    records = read_records(path)
    assert next(records)["id"] == "a"
    with pytest.raises(InputError) as error:
        next(records)
    assert error.value.where == str(path)
    assert error.value.reason.startswith("line 3: invalid JSON at column ")


def test_line_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonl"
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: not a JSON object"):
        list(read_records(path))


def test_missing_and_damaged_files(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        list(read_records(tmp_path / "nope.jsonl"))
    assert error.value.reason == "no such file"
    damaged = tmp_path / "damaged.jsonl.gz"
    damaged.write_bytes(b"not gzip at all")
    with pytest.raises(InputError, match="damaged gzip"):
        list(read_records(damaged))


def test_records_without_documents_or_summary() -> None:
    with pytest.raises(InputError, match="'documents'"):
        document_texts({"id": "x"})
    with pytest.raises(InputError, match="neither text"):
        document_texts({"id": "x", "documents": [3]})
    with pytest.raises(InputError, match="'summary'"):
        reference_summary({"id": "x", "documents": []})
