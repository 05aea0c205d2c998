"""ingest: every input kind becomes Sources; bad inputs become unreadable Sources."""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from local_site import Page, serving
from newsfuse.ingest import MAX_BYTES, read_paths, sources_from_documents
from newsfuse.model import InputError, Source

DATA = Path(__file__).parent / "data"
DEMO = Path(__file__).parent.parent / "examples" / "missiles"

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(40))


def one(sources: list[Source]) -> Source:
    assert len(sources) == 1, sources
    return sources[0]


# --- plain files and folders -------------------------------------------------------------


def test_demo_folder_reads_five_articles_in_name_order() -> None:
    sources = read_paths([str(DEMO)])
    assert [s.index for s in sources] == [0, 1, 2, 3, 4]
    assert [s.name for s in sources] == sorted(p.name for p in DEMO.glob("*.txt"))
    assert all(s.status == "used" and s.error is None for s in sources)
    # Raw text: the chrome is still there (clean removes it), titles are not guessed here.
    assert sources[0].text.startswith("An NPR member station\nPlay Live Radio")
    assert all(s.title is None and s.outlet is None for s in sources)


def test_txt_and_md_line_endings_and_bom(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfFirst line.\r\nSecond line.\rThird.")
    (tmp_path / "b.md").write_text("# Heading\n\nBody text.\n", encoding="utf-8")
    a, b = read_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.md")])
    assert a.text == "First line.\nSecond line.\nThird."
    assert (a.index, a.name, b.index, b.name) == (0, "a.txt", 1, "b.md")
    assert b.text == "# Heading\n\nBody text.\n"


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.article"
    path.write_text("Missiles hit Iran.", encoding="utf-8")
    assert one(read_paths([str(path)])).text == "Missiles hit Iran."


def test_indices_run_across_all_paths(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_text("Last.", encoding="utf-8")
    sources = read_paths([str(DEMO), str(DATA / "cluster.json"), str(tmp_path / "z.txt")])
    assert [s.index for s in sources] == list(range(8))
    assert [s.name for s in sources[5:]] == ["cluster.json#0", "cluster.json#1", "z.txt"]


def test_folder_skips_hidden_files_and_subfolders(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.txt").write_text("nested", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    assert [s.name for s in read_paths([str(tmp_path)])] == ["a.txt", "b.txt"]


# --- structured files --------------------------------------------------------------------


def test_html_file_main_text_and_metadata() -> None:
    s = one(read_paths([str(DATA / "article.html")]))
    assert s.status == "used"
    assert s.title == "Russian Missiles Aimed At Syria Reportedly Hit Iran"
    assert s.outlet == "Example Times"
    assert s.published == "2015-10-08"
    assert s.url == "https://example.com/world/missiles-iran"
    assert s.text.startswith("Russian cruise missiles aimed at Syria reportedly landed in Iran")
    assert "It is not clear if there were any Iranian casualties from the bombing." in s.text
    # Navigation and footer are not main text; the headline lives in title, not the text.
    assert "Politics" not in s.text and "Copyright" not in s.text
    assert not s.text.startswith("Russian Missiles Aimed")


def test_html_without_main_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", "utf-8")
    s = one(read_paths([str(path)]))
    assert s.status == "empty" and s.error


def test_json_article_object() -> None:
    s = one(read_paths([str(DATA / "article.json")]))
    assert s.name == "article.json"
    assert (s.title, s.outlet, s.published, s.url) == (
        "Russian Missiles Hit Iran",
        "The Example Post",
        "2015-10-08",
        "https://example.com/a",
    )
    assert s.text == (
        "Russian missiles aimed at Syria reportedly hit Iran.\n\nThe Pentagon declined to comment."
    )


def test_json_cluster_of_strings_and_objects() -> None:
    a, b = read_paths([str(DATA / "cluster.json")])
    assert (a.name, b.name) == ("cluster.json#0", "cluster.json#1")
    assert a.text.startswith("Russian cruise missiles crashed in Iran")
    assert a.title is None and a.outlet is None
    assert (b.title, b.outlet, b.url, b.published) == (
        "Missiles Land In Iran",
        "NPR",
        "https://npr.example/1",
        "2015-10-08",
    )


def test_jsonl_one_article_per_line_blank_lines_skipped() -> None:
    sources = read_paths([str(DATA / "articles.jsonl")])
    assert [s.name for s in sources] == ["articles.jsonl#0", "articles.jsonl#1", "articles.jsonl#2"]
    assert sources[0].text == "Russian cruise missiles crashed in Iran, officials said."
    assert sources[1].outlet == "Reuters"
    assert sources[2].title == "Kremlin Denies Report"
    assert all(s.status == "used" for s in sources)


# --- bad files ---------------------------------------------------------------------------


def test_bad_files_each_get_a_reason_and_good_files_still_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n\t\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(PNG)
    (tmp_path / "archive.txt").write_bytes(ZIP)
    (tmp_path / "latin1.txt").write_bytes(b"Caf\xe9 owners in Tehran heard a blast.")
    (tmp_path / "broken.json").write_text('{\n  "text": "x",\n  "title": \n}', encoding="utf-8")
    (tmp_path / "good.txt").write_text("Missiles hit Iran.", encoding="utf-8")
    paths = [
        "empty.txt",
        "image.png",
        "archive.txt",
        "latin1.txt",
        "broken.json",
        "nope.txt",
        "good.txt",
    ]
    got = {s.name: s for s in read_paths([str(tmp_path / p) for p in paths])}

    assert got["empty.txt"].status == "empty"
    assert got["image.png"].status == "unreadable"
    assert got["image.png"].error == "not UTF-8 text (binary?)"
    assert got["archive.txt"].error == "not UTF-8 text (binary?)"
    # Invalid UTF-8 that is otherwise text: kept, the bad byte replaced, and said so.
    assert got["latin1.txt"].status == "used"
    assert got["latin1.txt"].text == "Caf\ufffd owners in Tehran heard a blast."
    assert got["latin1.txt"].warning == (
        "not valid UTF-8: 1 invalid byte sequence replaced with U+FFFD (the first at byte 3)"
    )
    assert got["good.txt"].warning is None
    assert got["broken.json"].status == "unreadable"
    assert got["broken.json"].error == "invalid JSON at line 4, column 1: Expecting value"
    # A missing path is named as the user gave it, so the error line points at it.
    missing = got[str(tmp_path / "nope.txt")]
    assert (missing.status, missing.error) == ("unreadable", "no such file")
    assert got["good.txt"].status == "used" and got["good.txt"].text == "Missiles hit Iran."
    assert all(s.text == "" for s in got.values() if s.status == "unreadable")


def test_malformed_jsonl_names_the_line_and_keeps_good_lines() -> None:
    good, bad, number = read_paths([str(DATA / "bad.jsonl")])
    assert good.status == "used" and good.text == "A good line."
    assert bad.status == "unreadable"
    assert (bad.error or "").startswith("line 2: invalid JSON at column ")
    assert number.status == "unreadable" and "not a number" in (number.error or "")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"title": "No text"}', 'article object has no "text" string'),
        ('{"documents": []}', "no documents"),
        ('{"documents": "nope"}', '"documents" must be a list'),
        ('"just a string"', "expected an article object or a cluster, not str"),
    ],
)
def test_json_shapes_that_are_not_articles(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    s = one(read_paths([str(path)]))
    assert (s.status, s.error) == ("unreadable", reason)


def test_empty_folder_and_folder_of_binaries(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    binaries = tmp_path / "binaries"
    binaries.mkdir()
    (binaries / "a.png").write_bytes(PNG)
    (binaries / "b.zip").write_bytes(ZIP)
    good = tmp_path / "good.txt"
    good.write_text("Missiles hit Iran.", encoding="utf-8")
    e, b, g = read_paths([str(empty), str(binaries), str(good)])
    assert (e.name, e.status) == ("empty", "unreadable")
    assert e.error == "no files (hidden files and subfolders are skipped)"
    assert (b.name, b.status) == ("binaries", "unreadable")
    assert b.error == (
        "no usable file (a.png: not UTF-8 text (binary?); b.zip: not UTF-8 text (binary?))"
    )
    assert (g.index, g.status) == (2, "used")


def test_folder_mixing_text_and_binary_reports_the_binary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Missiles hit Iran.", encoding="utf-8")
    (tmp_path / "b.png").write_bytes(PNG)
    a, b = read_paths([str(tmp_path)])
    assert a.status == "used"
    assert (b.name, b.status, b.error) == ("b.png", "unreadable", "not UTF-8 text (binary?)")


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: no 20 MB actually written
        f.truncate(MAX_BYTES + 1)
    s = one(read_paths([str(path)]))
    assert (s.status, s.error) == ("unreadable", "file too large (20.1 MB; limit 20 MB)")


def test_no_paths_at_all_is_an_input_error() -> None:
    with pytest.raises(InputError):
        read_paths([])


# --- stdin and documents -----------------------------------------------------------------


def test_stdin_with_separator_lines() -> None:
    stdin = io.StringIO("First article.\nMore of it.\n|||||\nSecond article.\n|||||\n")
    a, b = read_paths(["-"], stdin=stdin)
    assert (a.name, a.text) == ("stdin#0", "First article.\nMore of it.")
    assert (b.name, b.text) == ("stdin#1", "Second article.")


def test_stdin_with_inline_multinews_separators() -> None:
    stdin = io.StringIO("washington ( cnn ) missiles hit iran . ||||| moscow denied it . ")
    a, b = read_paths(["-"], stdin=stdin)
    assert a.text == "washington ( cnn ) missiles hit iran ."
    assert b.text == "moscow denied it ."


def test_stdin_with_a_long_run_of_whitespace_is_split_at_once() -> None:
    # 200,000 spaces before the text once took the separator pattern 124 s to split.
    stdin = io.StringIO(" " * 200_000 + "Only article.\n|||||\n" + "\t" * 100_000)
    a = one(read_paths(["-"], stdin=stdin))
    assert (a.text, a.status) == ("Only article.", "used")


def test_stdin_empty() -> None:
    s = one(read_paths(["-"], stdin=io.StringIO("\n\n")))
    assert (s.name, s.status) == ("stdin#0", "empty")


def test_sources_from_documents() -> None:
    docs: list[object] = [
        "Plain text article.",
        {"text": "Object article.", "outlet": "CNN", "published": 2015},
        ["not", "a", "document"],
        {"title": "no text"},
        "   ",
    ]
    s = sources_from_documents(docs)
    assert [x.name for x in s] == ["doc#0", "doc#1", "doc#2", "doc#3", "doc#4"]
    assert [x.index for x in s] == [0, 1, 2, 3, 4]
    assert s[0].status == "used" and s[0].text == "Plain text article."
    assert s[1].outlet == "CNN" and s[1].published is None  # not a string: ignored
    assert s[2].status == "unreadable" and "a list" in (s[2].error or "")
    assert s[3].status == "unreadable"
    assert s[4].status == "empty"
    assert sources_from_documents(["x"], name_prefix="rec7")[0].name == "rec7#0"


# --- http(s) -----------------------------------------------------------------------------

HTML_PAGE = (DATA / "article.html").read_bytes()
PAGES: dict[str, Page] = {
    "/article": (200, "text/html; charset=utf-8", HTML_PAGE),
    "/titled": (
        200,
        "text/html",
        b"<html><head><title>Pentagon Says Missiles Hit Iran</title>"
        b'<meta property="og:site_name" content="Wire Daily"></head><body><article>'
        b"<p>Four Russian cruise missiles crashed in Iran on Thursday, U.S. officials said, "
        b"citing monitoring by military and intelligence assets over the region.</p>"
        b"<p>Moscow said every missile hit its target in Syria.</p></article></body></html>",
    ),
    "/note.txt": (200, "text/plain; charset=utf-8", b"Missiles hit Iran.\r\nMoscow denied it."),
    "/image.png": (200, "image/png", PNG),
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(PAGES) as address:
        yield address


def test_http_html_page(server: str) -> None:
    s = one(read_paths([f"{server}/article"]))
    assert s.status == "used"
    assert (s.name, s.url) == (f"{server}/article", f"{server}/article")
    assert s.title == "Russian Missiles Aimed At Syria Reportedly Hit Iran"
    assert s.outlet == "Example Times"
    assert "It is not clear if there were any Iranian casualties" in s.text


def test_http_title_from_title_tag_and_outlet_from_og_site_name(server: str) -> None:
    s = one(read_paths([f"{server}/titled"]))
    assert (s.title, s.outlet) == ("Pentagon Says Missiles Hit Iran", "Wire Daily")
    assert s.text.startswith("Four Russian cruise missiles crashed in Iran")


def test_http_text_png_404_and_refused(server: str) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/x"
    text, png, missing, refused = read_paths(
        [f"{server}/note.txt", f"{server}/image.png", f"{server}/missing", closed]
    )
    assert (text.status, text.text) == ("used", "Missiles hit Iran.\nMoscow denied it.")
    assert (png.status, png.error) == ("unreadable", "not an HTML or text page (image/png)")
    assert (missing.status, missing.error) == ("unreadable", "HTTP 404")
    assert (refused.status, refused.error) == ("unreadable", "connection refused")
    assert [s.index for s in (text, png, missing, refused)] == [0, 1, 2, 3]


def test_utf16_file_and_empty_argument(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("Missiles hit Iran.\r\nMoscow denied it.".encode("utf-16"))
    text, blank = read_paths([str(path), ""])
    assert (text.status, text.text) == ("used", "Missiles hit Iran.\nMoscow denied it.")
    assert (blank.status, blank.error) == ("unreadable", "no such file")
