"""`newsfuse fuse` on bad inputs, as a user meets them: real files, a real FIFO and symlink
loop, a real local web server and a closed port. Each bad input alone: exit 2 and exactly
one stderr line naming it and why. The same input among good articles: the good ones are
still summarized, the bad one is in the report with its status and reason, exit 2."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from local_site import serving
from newsfuse import fuse, read_paths
from newsfuse.cli import main
from newsfuse.render import load_schema, render_html, render_json, render_markdown
from newsfuse.render._json_load import report_from_dict

ROOT = Path(__file__).resolve().parent.parent
MISSILES = ROOT / "examples" / "missiles"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
HUNDRED_MB = 100 * 1024 * 1024


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, stdin: bytes = b"") -> Ran:
    """The command line in its own process, as a user runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "newsfuse", *args],
        input=stdin,  # bytes: stdin that is not UTF-8 must reach newsfuse as it is
        capture_output=True,
        cwd=ROOT,
        timeout=120,  # a FIFO that was opened would block: fail, do not hang
    )
    return Ran(result.returncode, result.stdout.decode(), result.stderr.decode())


@dataclass(frozen=True)
class Bad:
    """A bad input: the argument, the name it has in the report and on stderr, its
    status there and the reason (``error``, or ``warning`` for a repaired used source);
    ``usable`` when the argument alone still has an article to report."""

    arg: str
    name: str
    status: str
    reason: str
    usable: bool = False


def _empty(tmp: Path, site: str) -> Bad:
    (tmp / "empty.txt").write_bytes(b"")
    return Bad(str(tmp / "empty.txt"), "empty.txt", "empty", "no text")


def _png(tmp: Path, site: str) -> Bad:
    (tmp / "photo.png").write_bytes(PNG)
    return Bad(str(tmp / "photo.png"), "photo.png", "unreadable", "not UTF-8 text (binary?)")


def _zip_named_txt(tmp: Path, site: str) -> Bad:
    with zipfile.ZipFile(tmp / "notes.txt", "w") as archive:  # a real ZIP, misnamed
        archive.writestr("article.txt", MISSILES.joinpath(_good_names()[0]).read_text())
    return Bad(str(tmp / "notes.txt"), "notes.txt", "unreadable", "not UTF-8 text (binary?)")


def _latin1(tmp: Path, site: str) -> Bad:
    text = MISSILES.joinpath(_good_names()[2]).read_text(encoding="utf-8")
    data = text.encode("utf-8") + " Caf\xe9 owners in T\xe9h\xe9ran heard it.".encode("latin-1")
    (tmp / "latin1.txt").write_bytes(data)
    first = len(text.encode("utf-8")) + len(" Caf")
    reason = (
        f"not valid UTF-8: 3 invalid byte sequences replaced with U+FFFD (the first at byte "
        f"{first})"
    )
    return Bad(str(tmp / "latin1.txt"), "latin1.txt", "used", reason, usable=True)


def _hundred_mb(tmp: Path, site: str) -> Bad:
    with (tmp / "dump.txt").open("wb") as handle:  # sparse: quick to make, 100 MB to read
        handle.truncate(HUNDRED_MB)
    reason = "file too large (100.0 MB; limit 20 MB)"  # from its size: nothing of it is read
    return Bad(str(tmp / "dump.txt"), "dump.txt", "unreadable", reason)


def _bad_json(tmp: Path, site: str) -> Bad:
    (tmp / "article.json").write_text('{\n  "title": "Missiles",\n  "text": oops\n}\n')
    reason = "invalid JSON at line 3, column 11: Expecting value"
    return Bad(str(tmp / "article.json"), "article.json", "unreadable", reason)


def _bad_jsonl(tmp: Path, site: str) -> Bad:
    good = json.dumps({"text": "Four Russian missiles crashed in Iran, U.S. officials said."})
    (tmp / "feed.jsonl").write_text(f'{good}\n{{"text": "cut off\n')
    reason = "line 2: invalid JSON at column 10: Unterminated string starting at"
    return Bad(str(tmp / "feed.jsonl"), "feed.jsonl#1", "unreadable", reason, usable=True)


def _closed_port(tmp: Path, site: str) -> Bad:
    with socket.socket() as sock:  # bound, then closed: nobody listens there
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/story"
    return Bad(url, url, "unreadable", "connection refused")


def _page(path: str, reason: str) -> Callable[[Path, str], Bad]:
    """A case: the address ``path`` on the test site, unreadable for ``reason``."""

    def case(tmp: Path, site: str) -> Bad:
        return Bad(f"{site}{path}", f"{site}{path}", "unreadable", reason)

    return case


def _useless_folder(tmp: Path, site: str) -> Bad:
    folder = tmp / "downloads"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b" \n\n")
    (folder / "b.png").write_bytes(PNG)
    (folder / ".hidden.txt").write_text("Missiles hit Iran.")  # hidden: not read
    reason = "no usable file (a.txt: no text; b.png: not UTF-8 text (binary?))"
    return Bad(str(folder), "downloads", "unreadable", reason)


def _empty_folder(tmp: Path, site: str) -> Bad:
    (tmp / "nothing").mkdir()
    reason = "no files (hidden files and subfolders are skipped)"
    return Bad(str(tmp / "nothing"), "nothing", "unreadable", reason)


def _missing(tmp: Path, site: str) -> Bad:
    return Bad(str(tmp / "nope.txt"), str(tmp / "nope.txt"), "unreadable", "no such file")


def _symlink_loop(tmp: Path, site: str) -> Bad:
    (tmp / "loop-a").symlink_to(tmp / "loop-b")
    (tmp / "loop-b").symlink_to(tmp / "loop-a")
    reason = "too many levels of symbolic links"
    return Bad(str(tmp / "loop-a"), str(tmp / "loop-a"), "unreadable", reason)


def _fifo(tmp: Path, site: str) -> Bad:
    os.mkfifo(tmp / "pipe.txt")  # nobody writes to it: opening it would block for ever
    return Bad(str(tmp / "pipe.txt"), "pipe.txt", "unreadable", "not a regular file")


CASES: dict[str, Callable[[Path, str], Bad]] = {
    "empty": _empty,
    "png": _png,
    "zip-named-txt": _zip_named_txt,
    "invalid-utf8": _latin1,
    "100mb": _hundred_mb,
    "malformed-json": _bad_json,
    "malformed-jsonl": _bad_jsonl,
    "unreachable": _closed_port,
    "png-address": _page("/chart.png", "not an HTML or text page (image/png)"),
    "pdf-address": _page("/report.pdf", "not an HTML or text page (application/pdf)"),
    "404-address": _page("/gone", "HTTP 404"),
    "folder-no-usable-file": _useless_folder,
    "empty-folder": _empty_folder,
    "missing": _missing,
    "symlink-loop": _symlink_loop,
    "fifo": _fifo,
}


def _good_names() -> list[str]:
    return sorted(p.name for p in MISSILES.iterdir())


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A PNG and a PDF under their true types, 404 for anything else."""
    pages = {"/chart.png": (200, "image/png", PNG), "/report.pdf": (200, "application/pdf", PDF)}
    with serving(pages) as address:
        yield address


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_input_alone_exits_2_with_one_line(case: str, tmp_path: Path, site: str) -> None:
    bad = CASES[case](tmp_path, site)
    out = tmp_path / "report.json"
    result = run("fuse", bad.arg, "--format", "json", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"newsfuse: {bad.name}: {bad.reason}"]
    assert out.exists() == bad.usable, "a report exactly when there is an article"


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_input_among_good_ones_is_listed_and_the_rest_summarized(
    case: str, tmp_path: Path, site: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = CASES[case](tmp_path, site)
    good = [str(MISSILES / name) for name in _good_names()[:2]]
    out = tmp_path / "report.json"
    status = main(["fuse", good[0], bad.arg, good[1], "--format", "json", "-o", str(out)])
    assert status == 2
    assert capsys.readouterr().err.splitlines() == [f"newsfuse: {bad.name}: {bad.reason}"]
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(load_schema()).validate(report)
    by_name = {s["name"]: s for s in report["sources"]}
    assert [by_name[Path(p).name]["status"] for p in good] == ["used", "used"]
    listed = by_name[bad.name]
    assert listed["status"] == bad.status
    if bad.status == "used":
        assert listed["warning"] == bad.reason and "\ufffd" in listed["text"]
    else:
        assert listed.get("error") == (None if bad.status == "empty" else bad.reason)
    summarized = {s["source"] for s in report["summary"]["sentences"]}
    assert summarized & {by_name[Path(p).name]["index"] for p in good}


def test_a_folder_of_good_and_bad_files_names_each_bad_one(tmp_path: Path, site: str) -> None:
    folder = tmp_path / "cluster"
    folder.mkdir()
    for name in _good_names()[:2]:
        shutil.copy(MISSILES / name, folder / name)
    expected = []
    for case in ("empty", "png", "zip-named-txt", "100mb", "malformed-json"):
        bad = CASES[case](folder, site)
        expected.append(f"newsfuse: {bad.name}: {bad.reason}")
    result = run("fuse", str(folder), "--format", "json")
    assert result.returncode == 2
    assert sorted(result.stderr.splitlines()) == sorted(expected)
    report = json.loads(result.stdout)
    assert sum(s["status"] == "used" for s in report["sources"]) == 2
    assert len(report["sources"]) == 2 + len(expected)
    assert report["summary"]["sentences"]


def test_several_bad_inputs_and_no_good_one_say_nothing_was_written(tmp_path: Path) -> None:
    empty, png = _empty(tmp_path, ""), _png(tmp_path, "")
    out = tmp_path / "report.md"
    result = run("fuse", empty.arg, png.arg, "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"newsfuse: {empty.name}: {empty.reason}",
        f"newsfuse: {png.name}: {png.reason}",
        "newsfuse: no usable article among the 2 inputs, nothing written",
    ]
    assert not out.exists()


def test_stdin_that_is_not_valid_utf8_is_repaired_and_said_so() -> None:
    first = MISSILES.joinpath(_good_names()[0]).read_bytes() + b"\n|||||\n"
    second = MISSILES.joinpath(_good_names()[1]).read_bytes().replace(b"missile", b"m\xefssile")
    result = run("fuse", "-", "--format", "json", stdin=first + second)
    assert result.returncode == 2
    count, at = second.count(b"\xef"), len(first) + second.index(b"\xef")
    warning = (
        f"not valid UTF-8: {count} invalid byte sequences replaced with U+FFFD "
        f"(the first at byte {at})"
    )
    # Only the article with the bad bytes is flagged, not the whole input.
    assert result.stderr.splitlines() == [f"newsfuse: stdin#1: {warning}"]
    sources = json.loads(result.stdout)["sources"]
    assert [(s["status"], s.get("warning")) for s in sources] == [("used", None), ("used", warning)]


def test_binary_stdin_is_refused() -> None:
    result = run("fuse", "-", stdin=PNG)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["newsfuse: stdin#0: not UTF-8 text (binary?)"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file, whatever its mode")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    shutil.copy(MISSILES / _good_names()[0], secret)
    secret.chmod(0o000)
    good = [str(MISSILES / name) for name in _good_names()[1:3]]
    result = run("fuse", *good, str(secret), "--format", "json")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["newsfuse: secret.txt: permission denied"]
    statuses = [s["status"] for s in json.loads(result.stdout)["sources"]]
    assert statuses == ["used", "used", "unreadable"]


def test_the_warning_shows_in_every_format_and_survives_json(tmp_path: Path) -> None:
    bad = _latin1(tmp_path, "")
    report = fuse(read_paths([str(MISSILES / _good_names()[0]), bad.arg]))
    assert [s.warning for s in report.sources] == [None, bad.reason]
    again = report_from_dict(json.loads(render_json(report)))
    assert [s.warning for s in again.sources] == [None, bad.reason]
    words = report.sources[1].words
    assert f"(latin1.txt), {words} words, used: {bad.reason}\n" in render_markdown(report)
    assert f'<p class="why">{bad.reason}</p>' in render_html(report)


def test_a_file_name_that_is_not_utf8_is_shown_with_a_replacement_character(
    tmp_path: Path,
) -> None:
    # A name of raw bytes, as copied from an old Latin-1 system: the report must still be
    # UTF-8 (it was written with the raw byte, which no JSON reader accepts).
    articles = sorted(MISSILES.iterdir())[:2]
    shutil.copy(articles[0], tmp_path / os.fsdecode(b"caf\xe9.txt"))
    shutil.copy(articles[1], tmp_path / "plain.txt")
    result = run("fuse", str(tmp_path), "--format", "json")  # run() decodes strictly
    assert result.returncode == 0, result.stderr
    names = [source["name"] for source in json.loads(result.stdout)["sources"]]
    assert names == ["caf\ufffd.txt", "plain.txt"]
