"""Inputs that once crashed a reader (ingest, batch, stories ingest, the service), found by
the property tests, the fuzz harness or timing, each kept as the test named for what
broke: every one now gives Sources with a status or a one-line error, never a crash."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import httpx

from newsfuse.ingest import cluster_id, read_paths, read_upload
from newsfuse.jsonvalues import loads
from newsfuse.segment import split_sentences

DATA = Path(__file__).parent / "data" / "fuzz"


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
    path.write_text('{"id": "c\\ud800", "documents": ["Russia fired."]}')
    assert cluster_id([str(path)]) == "c\ufffd"  # the report id, written as UTF-8


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


def test_json_values_with_lone_surrogates_are_mended_at_any_depth() -> None:
    text = '{"id": "a\\ud800", "k\\udfff": [["\\udc80"], {"t": "\\ud83d\\ude00 ok"}], "n": 1}'
    assert loads(text) == {"id": "a\ufffd", "k\ufffd": [["\ufffd"], {"t": "😀 ok"}], "n": 1}
    assert loads(text.encode("utf-16")) == loads(text)
    assert loads('"\\ud800"') == "\ufffd"


# One JSON Lines file for batch and stories: a good record, then each line that crashed
# them ("internal error: RecursionError", "ValueError", "UnicodeEncodeError", DuckDB's
# "InvalidInputException"), which are now reported or mended.
_RECORDS = "\n".join(
    [
        '{"id": "good", "documents": ["Russia fired 26 missiles at Syria."],'
        ' "text": "Russia fired 26 missiles at Syria."}',
        "[" * 100_000,
        "1" * 5_000,
        '{"id": "x\\ud800", "documents": ["Iran \\udfff said four fell."],'
        ' "text": "Iran \\udfff said four fell.", "title": "T\\ud800"}',
    ]
)


def _newsfuse(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsfuse", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_batch_reports_deep_and_long_number_lines_and_mends_a_surrogate_id(
    tmp_path: Path,
) -> None:
    (tmp_path / "in.jsonl").write_text(_RECORDS)
    done = _newsfuse("batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"))
    assert done.returncode == 2, done.stderr
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [line.get("error") for line in lines[1:3]] == [
        f"{tmp_path / 'in.jsonl'}: line 2: invalid JSON: nested too deeply",
        f"{tmp_path / 'in.jsonl'}: line 3: invalid JSON: a number with too many digits",
    ]
    assert lines[3]["id"] == "x\ufffd"
    assert lines[3]["sources"][0]["text"] == "Iran \ufffd said four fell."


def test_stories_ingest_reports_deep_lines_and_stores_mended_text(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(_RECORDS)
    store = str(tmp_path / "store.duckdb")
    done = _newsfuse("stories", "ingest", str(tmp_path / "in.jsonl"), "--store", store)
    assert done.returncode == 2, done.stderr
    assert "line 2: invalid JSON: nested too deeply" in done.stderr
    assert "internal error" not in done.stderr
    listed = _newsfuse("stories", "list", "--store", store, "--min-articles", "1")
    articles = [a for line in listed.stdout.splitlines() for a in json.loads(line)["articles"]]
    assert sorted(articles) == ["good", "x\ufffd"]


def test_service_answers_400_to_a_deep_body_and_mends_a_surrogate_id(service_url: str) -> None:
    url = f"{service_url}/v1/fuse"
    headers = {"Content-Type": "application/json"}
    for body, reason in (
        (b'{"documents": ' + b"[" * 100_000, "nested too deeply"),
        (b'{"documents": ["a"], "words": ' + b"1" * 5_000 + b"}", "too many digits"),
    ):
        answer = httpx.post(url, content=body, headers=headers, timeout=60)
        assert answer.status_code == 400
        assert reason in answer.json()["error"]
    body = b'{"documents": ["Russia fired 26 missiles at Syria."], "id": "x\\ud800"}'
    answer = httpx.post(url, content=body, headers=headers, timeout=60)
    assert answer.status_code == 200
    assert answer.json()["id"] == "x\ufffd"


def test_text_starting_with_two_byte_order_marks_loses_both() -> None:
    # make fuzz (txt), 10,496 inputs in: the second U+FEFF stayed at the start of the text,
    # and a .json file so marked did not parse.
    data = (DATA / "two-byte-order-marks.txt").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    [source] = read_upload("two-byte-order-marks.txt", data)
    assert source.text.startswith("Line one.\nLine two.\nLine\n")
    [article] = read_upload("a.json", b"\xef\xbb\xbf\xef\xbb\xbf" + b'{"text": "Four fell."}')
    assert article.text == "Four fell."


def test_sentence_split_keeps_a_leading_control_character() -> None:
    # blingfire drops U+0008 as blank: the first sentence started after it, and the
    # character was in no sentence (found by the segment property test).
    text = "\x080 A. Then more."
    spans = split_sentences(text)
    assert "".join(text[start:end] for start, end in spans).replace(" ", "") == (
        text.replace(" ", "")
    )
    assert spans[0][0] == 0


def test_sentence_split_of_a_lone_surrogate_does_not_raise() -> None:
    # UnicodeEncodeError from the UTF-8 bytes handed to blingfire (the property test).
    text = "0 A\n\ud800"
    assert [text[start:end] for start, end in split_sentences(text)] == ["0 A", "\ud800"]
