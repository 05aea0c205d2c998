"""`newsfuse batch` and `newsfuse stories ingest` on bad lines and bad files: a bad line is
reported with its number and reason and the rest goes on; the exit status says so (2)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from newsfuse.cli import main
from newsfuse.records import MAX_LINE_CHARS
from newsfuse.render import load_schema

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples/missiles").iterdir())]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfuse", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def _line(value: object) -> bytes:
    return json.dumps(value).encode() + b"\n"


def test_batch_writes_an_error_record_for_each_bad_line_and_goes_on(tmp_path: Path) -> None:
    cut_off = b'{"id": "r2", "documents": ["cut off'  # the newline ends it inside a string
    latin1 = b'{"id": "r5", "documents": ["Caf\xe9 owners heard it."]}'
    data = tmp_path / "clusters.jsonl"
    data.write_bytes(
        _line({"id": "r1", "documents": ARTICLES[:2]})
        + cut_off
        + b"\n[1, 2]\n"
        + _line({"id": "r4", "documents": "one string"})
        + latin1
        + b"\n"
        + _line({"id": "r6", "documents": ["", "   "]})
        + b"\n"  # blank: skipped, not a record
        + b'"'
        + b"x" * MAX_LINE_CHARS
        + b'"\n'
        + _line({"id": "r9", "documents": ARTICLES[2:4]})
    )
    out = tmp_path / "out.jsonl"
    result = run("batch", str(data), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"newsfuse: {data}: 6 record(s) could not be summarized (an error record, or a report "
        "with no usable document, in their place)"
    ]
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = {line["line"]: (line["id"], line["error"]) for line in lines if "error" in line}
    assert errors == {
        2: (
            None,
            f"{data}: line 2: invalid JSON at column {len(cut_off) + 1}: "
            "Invalid control character at",
        ),
        3: (None, f"{data}: line 3: not a JSON object"),
        4: ("r4", f"{data}: line 4: 'documents' must be a list"),
        5: (
            None,
            f"{data}: line 5: not UTF-8 text (a bad byte at column {latin1.index(0xE9) + 1})",
        ),
        8: (None, f"{data}: line 8: longer than the limit of {MAX_LINE_CHARS:,} characters"),
    }
    reports = {line["id"]: line for line in lines if "error" not in line}
    assert list(reports) == ["r1", "r6", "r9"]
    for report in reports.values():
        jsonschema.Draft202012Validator(load_schema()).validate(report)
    assert reports["r1"]["summary"]["sentences"] and reports["r9"]["summary"]["sentences"]
    # Nothing usable: a report listing each document's status, counted as failed above.
    assert [s["status"] for s in reports["r6"]["sources"]] == ["empty", "empty"]
    assert [line.get("id") for line in lines] == ["r1", None, None, "r4", None, "r6", None, "r9"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jsonl", PNG),
        ("clusters.jsonl", gzip.compress(_line({"id": "a", "documents": ARTICLES[:2]}))),
        ("dump.jsonl", None),  # 100 MB of zero bytes (sparse)
    ],
)
def test_batch_refuses_a_binary_file_at_once(tmp_path: Path, name: str, content: bytes) -> None:
    data = tmp_path / name
    if content is None:
        with data.open("wb") as handle:
            handle.truncate(100 * 1024 * 1024)
    else:
        data.write_bytes(content)
    out = tmp_path / "out.jsonl"
    result = run("batch", str(data), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"newsfuse: {data}: not UTF-8 text (binary?)"]
    assert not out.exists()


def test_stories_ingest_skips_bad_lines_and_bad_streams_and_keeps_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = b'{"id": "a3", "text": "Caf\xe9 owners heard it."}'
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(
        _line({"id": "a1", "text": ARTICLES[0]})
        + b"{oops\n"
        + latin1
        + b"\n"
        + _line({"id": "a4", "title": "no text"})
        + _line({"id": "a5", "text": ARTICLES[1]})
    )
    picture, missing = tmp_path / "picture.jsonl", tmp_path / "missing.jsonl"
    picture.write_bytes(PNG)
    store = tmp_path / "s.duckdb"
    status = main(
        ["stories", "ingest", str(feed), str(picture), str(missing), "--store", str(store)]
    )
    assert status == 2
    assert capsys.readouterr().err.splitlines() == [
        f"newsfuse: {feed}: line 2: invalid JSON at column 2: "
        "Expecting property name enclosed in double quotes",
        f"newsfuse: {feed}: line 3: not UTF-8 text (a bad byte at column {latin1.index(0xE9) + 1})",
        f'newsfuse: {feed}: line 4: an article needs a "text" (string)',
        f"newsfuse: {picture}: not UTF-8 text (binary?)",
        f"newsfuse: {missing}: no such file",
        f"newsfuse: {store}: 2 read, 2 added (0 near-duplicates), 0 already stored, "
        "1 reports written",
    ]
    assert main(["stories", "list", "--store", str(store)]) == 0
    stories = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [sorted(story["articles"]) for story in stories] == [["a1", "a5"]]
    assert stories[0]["report"]["summary"]["sentences"]
