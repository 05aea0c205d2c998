"""Inputs that once crashed or stalled ingest (found by fuzzing or timing), each kept as
the test named for what broke: every one now gives Sources with a status, never an
exception."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from newsfuse.ingest import cluster_id, read_paths, read_upload


def test_json_number_of_a_million_digits_is_an_unreadable_source() -> None:
    # json.loads raised ValueError (int max str digits), not JSONDecodeError.
    data = b"1" * 1_000_000
    for name in ("big.json", "big.jsonl"):
        [source] = read_upload(name, data)
        assert source.status == "unreadable"
        assert source.error is not None and "too many digits" in source.error


def test_json_nested_deeper_than_the_stack_is_an_unreadable_source() -> None:
    # json.loads raised RecursionError on 100,000 open brackets.
    for data in (b"[" * 100_000, b'{"a":' * 100_000):
        for name in ("deep.json", "deep.jsonl"):
            [source] = read_upload(name, data)
            assert source.status == "unreadable"
            assert source.error == (
                "invalid JSON: nested too deeply"
                if name.endswith(".json")
                else "line 1: invalid JSON: nested too deeply"
            )


def test_jsonl_bad_lines_of_both_kinds_keep_the_good_line() -> None:
    data = b'"a good article"\n' + b"[" * 50_000 + b"\n" + b"9" * 5_000 + b"\n"
    sources = read_upload("mixed.jsonl", data)
    assert [s.status for s in sources] == ["used", "unreadable", "unreadable"]
    assert [s.error for s in sources[1:]] == [
        "line 2: invalid JSON: nested too deeply",
        "line 3: invalid JSON: a number with too many digits",
    ]


def test_cluster_id_of_a_deeply_nested_json_file_is_none(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000)
    assert cluster_id([str(path)]) is None


def test_json_lone_surrogate_escape_becomes_a_replacement_character() -> None:
    # json.loads turns "\ud800" into a lone surrogate, which no UTF-8 writer takes.
    data = b'{"text": "Russia fired 26 missiles \\ud800 at Syria.", "title": "T \\udfff"}'
    [source] = read_upload("article.json", data)
    assert source.text == "Russia fired 26 missiles \ufffd at Syria."
    assert source.title == "T \ufffd"


def test_fuse_of_a_json_file_with_a_lone_surrogate_writes_its_report(tmp_path: Path) -> None:
    # Exit 1 "internal error: UnicodeEncodeError" before: the report could not be printed.
    path = tmp_path / "article.json"
    path.write_text('{"text": "Russia fired 26 missiles \\ud800 at Syria. Four fell in Iran."}')
    for form in ("md", "json", "html"):
        done = subprocess.run(
            [sys.executable, "-m", "newsfuse", "fuse", str(path), "--format", form],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Russia fired 26 missiles \ufffd at Syria." in done.stdout


def test_text_stream_with_a_lone_surrogate_on_stdin_is_read() -> None:
    # stdin without a byte buffer (a StringIO) was encoded with surrogateescape, which
    # raised UnicodeEncodeError on a surrogate outside U+DC80-U+DCFF.
    stream = io.StringIO("Russia fired \ud800 missiles.\n|||||\nIran said \udcff no.", newline="")
    first, second = read_paths(["-"], stdin=stream)
    assert first.text == "Russia fired \ufffd missiles."
    assert second.text == "Iran said \ufffd no."  # an escaped byte: invalid UTF-8, replaced
    assert second.warning is not None and "1 invalid byte sequence" in second.warning
