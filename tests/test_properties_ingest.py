"""Properties of ingest over any bytes (hypothesis): every file kind gives Sources with a
status (never an exception), a folder or several paths are indexed 0..n-1, and standard
input splits on '|||||' without losing an article's words."""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from invariants import check_sources
from newsfuse.ingest import read_paths, read_upload, sources_from_documents
from text_strategies import DOCUMENT, SAMPLES

_SURROGATE = re.compile("[\ud800-\udfff]")
SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".html", ".htm", "", ".bin")


def _utf8(text: str) -> bytes:
    """UTF-8 bytes of ``text``; a lone surrogate gives the invalid bytes a broken encoder
    writes."""
    return text.encode("utf-8", "surrogatepass")


_UTF8 = DOCUMENT.map(_utf8)
# JSON-shaped bytes: a value of any shape, or a cluster or article object around text.
_JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | DOCUMENT,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "title", "documents", "outlet", "url", "id", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
_HTML = st.tuples(DOCUMENT, DOCUMENT).map(
    lambda t: (
        f"<html><head><title>{t[0]}</title></head><body><article><p>{t[1]}</p>"
        f"<p>{t[1]}</p></article></body></html>"
    )
)
_BYTES = st.one_of(
    st.binary(max_size=600),
    _UTF8,
    _JSON_VALUE.map(lambda v: _utf8(json.dumps(v, ensure_ascii=False))),
    _HTML.map(_utf8),
)


@given(data=_BYTES, suffix=st.sampled_from(SUFFIXES))
@example(data=b"\xff\xfe" + SAMPLES["arabic"].encode("utf-16-le"), suffix=".txt")
@example(data=b"\xef\xbb\xbf" + SAMPLES["hebrew"].encode(), suffix=".jsonl")
@example(data=b"1" * 5000, suffix=".json")
@example(data=b"[" * 5000, suffix=".jsonl")
@example(data=b"<html>\x00</html>", suffix=".html")
@example(data=SAMPLES["control-chars"].encode(), suffix=".txt")
def test_read_upload_gives_sources_with_a_status(data: bytes, suffix: str) -> None:
    sources = read_upload(f"input{suffix}", data)
    check_sources(sources)
    assert all(s.index == 0 for s in sources)


@given(files=st.lists(st.tuples(_BYTES, st.sampled_from(SUFFIXES)), min_size=1, max_size=4))
def test_read_paths_indexes_every_file_of_a_folder(files: list[tuple[bytes, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for k, (data, suffix) in enumerate(files):
            path = Path(folder) / f"{k:02d}{suffix}"
            path.write_bytes(data)
            paths.append(str(path))
        for sources in (read_paths([folder]), read_paths(paths)):
            check_sources(sources)
            assert [s.index for s in sources] == list(range(len(sources)))


@given(articles=st.lists(DOCUMENT, min_size=0, max_size=5), inline=st.booleans())
@example(articles=[SAMPLES["arabic"], " " * 200_000, SAMPLES["emoji"]], inline=True)
@example(articles=["\ufeff\ufeff", "\ufeffword"], inline=False)
def test_stdin_articles_split_on_the_separator(articles: list[str], inline: bool) -> None:
    text = (" ||||| " if inline else "\n|||||\n").join(articles)
    sources = read_paths(["-"], stdin=io.StringIO(text, newline=""))
    check_sources(sources)
    if "\x00" in text:  # binary on stdin: one unreadable source, by design
        assert [s.status for s in sources] == ["unreadable"]
        return
    # Lone surrogates become U+FFFD and each article's leading byte order marks go; no other
    # word is lost.
    pieces = _SURROGATE.sub("\ufffd", text).lstrip("\ufeff").split("|||||")
    words = [w for piece in pieces for w in piece.strip().lstrip("\ufeff").split()]
    assert [w for s in sources for w in s.text.replace("|||||", " ").split()] == words


@given(documents=st.lists(st.one_of(DOCUMENT, _JSON_VALUE), max_size=5))
def test_sources_from_documents_one_source_per_document(documents: list[object]) -> None:
    sources = sources_from_documents(documents)
    assert [s.index for s in sources] == list(range(len(documents)))
    if sources:
        check_sources(sources)
