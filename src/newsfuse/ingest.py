"""Inputs -> ``list[Source]``: files, folders, HTML, JSON/JSONL, web addresses, stdin.

Every input yields at least one ``Source``; an input that cannot be read becomes a Source
with ``status="unreadable"`` and the reason in ``error`` (never an exception, never a silent
drop). Text is raw here (line endings normalised, BOM stripped); ``clean`` removes chrome.
Title, outlet, url and published come only from structure (JSON fields, HTML metadata).
"""

from __future__ import annotations

import json
import math
import re
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

import trafilatura

from newsfuse.decoding import NOT_TEXT, decode, valid_text
from newsfuse.jsonvalues import json_limit_reason, loads
from newsfuse.model import InputError, Source

# Largest file or web page we read. 20 MB is ~3 million words, far beyond any news
# article (a long feature is ~50 kB of text, a heavy HTML page ~2-5 MB), so anything
# larger is a data dump or a mistake and would only stall the pipeline.
MAX_BYTES = 20 * 1024 * 1024
_LIMIT_TEXT = f"limit {MAX_BYTES // (1024 * 1024)} MB"

# Seconds to wait on a web address (connect and each read). 20 s covers slow news sites
# behind consent redirects; longer and a dead host holds up the whole cluster.
FETCH_TIMEOUT = 20.0

# Some sites refuse urllib's default agent; name ourselves honestly instead.
USER_AGENT = "newsfuse/0.1"

# Files of a folder named in the reason when none of them is usable; the rest are counted.
# Three fit on one terminal line with their reasons and say what kind of folder it is.
SHOWN_IN_FOLDER = 3

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# A Multi-News cluster joins its articles with "|||||", on a line of its own or inline.
# The pieces are stripped after the split: a pattern with "\s*" on both sides backtracks
# quadratically on a long run of whitespace (200,000 spaces took 124 s).
SEPARATOR = re.compile(r"\|{5}")
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body)", re.IGNORECASE)


def read_paths(paths: Sequence[str], stdin: TextIO | None = None) -> list[Source]:
    """Read files, folders, ``http(s)://`` addresses and ``-`` (stdin) into Sources.

    Sources are indexed 0..n-1 in input order. Raises ``InputError`` only when there is
    no input at all; a bad input becomes an unreadable Source.
    """
    if not paths:
        raise InputError("arguments", "no input paths given")
    sources: list[Source] = []
    for arg in paths:
        if arg == "-":
            sources.extend(_read_stdin(stdin if stdin is not None else sys.stdin))
        elif not arg.strip():  # Path("") would mean the current folder
            sources.append(_unreadable(arg, "no such file"))
        elif arg.lower().startswith(("http://", "https://")):
            sources.append(_read_url(arg))
        elif (missing := _stat_problem(Path(arg))) is not None:  # named as given
            sources.append(_unreadable(arg, missing))
        else:
            sources.extend(_read_path(Path(arg)))
    return [replace(s, index=i) for i, s in enumerate(sources)]


def cluster_id(paths: Sequence[str]) -> str | None:
    """The ``id`` of a JSON cluster file given alone (``{"id", "documents": [...]}``, a
    Multi-News record saved as a file), else None. Never raises: reading problems are
    ``read_paths``' to report."""
    if len(paths) != 1 or Path(paths[0]).suffix.lower() != ".json":
        return None
    path = Path(paths[0])
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        data = loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    value = data.get("id") if isinstance(data, dict) and "documents" in data else None
    return value if isinstance(value, str) else None


def sources_from_documents(documents: Sequence[object], name_prefix: str = "doc") -> list[Source]:
    """Sources from a cluster's ``documents`` (str or article object each), named
    ``<prefix>#k``; an item of any other type becomes an unreadable Source. An empty
    list gives an empty list: whether that is an error is the caller's call."""
    return [
        replace(_from_item(item, f"{name_prefix}#{k}"), index=k) for k, item in enumerate(documents)
    ]


# --- small constructors ------------------------------------------------------------------


def _unreadable(name: str, reason: str, url: str | None = None) -> Source:
    return Source(index=0, name=name, text="", url=url, status="unreadable", error=reason)


def _text_source(
    name: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Source:
    """A Source from raw text: normalised, and ``empty`` when only whitespace."""
    text = _normalise(text)
    return Source(
        index=0,
        name=name,
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        status="used" if text.strip() else "empty",
    )


def _normalise(text: str) -> str:
    # All leading U+FEFF: a second one (files joined, or a BOM saved twice) is no text either.
    return valid_text(text).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# The lone surrogates that surrogateescape does not stand for a byte with (it uses
# U+DC80-U+DCFF): a text stream may hold them, and encoding them back to bytes fails.
_NOT_AN_ESCAPED_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")


def _warned(sources: list[Source], warning: str | None) -> list[Source]:
    """The sources of one input with its decoding warning, if any, on those that show a
    replaced byte (U+FFFD in text or title); on all when none does (the byte was in JSON
    syntax, say), so the warning is never lost."""
    if warning is None:
        return sources
    marked = ["\ufffd" in s.text or "\ufffd" in (s.title or "") for s in sources]
    flag = marked if any(marked) else [True] * len(sources)
    return [replace(s, warning=warning) if f else s for s, f in zip(sources, flag, strict=True)]


def _str_field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if isinstance(value, str) and value.strip():
        return valid_text(value.strip())
    return None


# --- articles from structured data -------------------------------------------------------


def _from_item(item: object, name: str) -> Source:
    """One document of a cluster: a str or an article object."""
    if isinstance(item, str):
        return _text_source(name, item)
    if isinstance(item, dict):
        return _from_article(item, name)
    return _unreadable(name, f"a document must be text or an article object, not {_kind(item)}")


def _from_article(obj: dict[str, Any], name: str) -> Source:
    text = obj.get("text")
    if not isinstance(text, str):
        return _unreadable(name, 'article object has no "text" string')
    return _text_source(
        name,
        text,
        title=_str_field(obj, "title"),
        outlet=_str_field(obj, "outlet"),
        url=_str_field(obj, "url"),
        published=_str_field(obj, "published"),
    )


def _kind(value: object) -> str:
    names = {list: "a list", int: "a number", float: "a number", bool: "a boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _json_error(err: json.JSONDecodeError) -> str:
    return f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}"


def _from_json(text: str, name: str) -> list[Source]:
    """A ``.json`` file: one article object, or a cluster ``{"documents": [...]}`` (a bare
    list of documents is accepted as a cluster too)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return [_unreadable(name, _json_error(err))]
    except (ValueError, RecursionError) as err:
        return [_unreadable(name, f"invalid JSON: {json_limit_reason(err)}")]
    if isinstance(data, dict) and "documents" in data:
        data = data["documents"]
        if not isinstance(data, list):
            return [_unreadable(name, '"documents" must be a list')]
    if isinstance(data, list):
        if not data:
            return [_unreadable(name, "no documents")]
        return [_from_item(item, f"{name}#{k}") for k, item in enumerate(data)]
    if isinstance(data, dict):
        return [_from_article(data, name)]
    return [_unreadable(name, f"expected an article object or a cluster, not {_kind(data)}")]


def _from_jsonl(text: str, name: str) -> list[Source]:
    """A ``.jsonl`` file: one article (str or object) per non-blank line. A bad line is
    one unreadable Source whose error starts ``line N:``; the other lines still count."""
    sources: list[Source] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        item_name = f"{name}#{len(sources)}"
        try:
            source = _from_item(json.loads(line), item_name)
        except json.JSONDecodeError as err:
            source = _unreadable(item_name, f"invalid JSON at column {err.colno}: {err.msg}")
        except (ValueError, RecursionError) as err:
            source = _unreadable(item_name, f"invalid JSON: {json_limit_reason(err)}")
        if source.error is not None:
            source = replace(source, error=f"line {lineno}: {source.error}")
        sources.append(source)
    return sources or [_text_source(name, "")]


def _from_html(data: bytes, name: str, url: str | None = None) -> Source:
    """Main text and metadata of an HTML page (trafilatura); a leading copy of the
    title in the text is dropped, since it lives in ``title``."""
    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    except Exception as err:  # a parser failure on one page must not stop the cluster
        return _unreadable(name, f"could not parse the HTML page ({type(err).__name__})", url)
    text = _normalise(str(getattr(doc, "text", None) or ""))
    title = getattr(doc, "title", None) or None
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        text = rest
    meta_url = getattr(doc, "url", None) or None
    source = _text_source(
        name,
        text,
        title=title,
        outlet=getattr(doc, "sitename", None) or None,
        url=url or meta_url,
        published=getattr(doc, "date", None) or None,
    )
    if source.status == "empty":
        return replace(source, error="no main text found in the HTML page")
    return source


# --- files and folders -------------------------------------------------------------------


def _read_path(path: Path) -> list[Source]:
    if path.is_dir():
        return _read_dir(path)
    return _read_file(path, _shown_name(path))


def _shown_name(path: Path) -> str:
    """The name a source goes by: a file name's undecodable bytes (``caf\\xe9.txt`` on a
    UTF-8 system) become U+FFFD, as in texts, or every UTF-8 writer of the report fails."""
    return valid_text(path.name or str(path))


def _read_dir(path: Path) -> list[Source]:
    """Every regular, non-hidden file of a folder in name order (not recursive)."""
    name = _shown_name(path.resolve())
    try:
        entries = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError as err:
        return [_unreadable(name, _os_reason(err))]
    sources: list[Source] = []
    for entry in entries:
        if not entry.name.startswith(".") and entry.is_file():
            sources.extend(_read_file(entry, _shown_name(entry)))
    if not any(s.status == "used" for s in sources):
        return [_unreadable(name, _no_usable_file(sources))]
    return sources


def _no_usable_file(sources: list[Source]) -> str:
    """Why a folder gave nothing: its first files and their reasons, the rest counted."""
    if not sources:
        return "no files (hidden files and subfolders are skipped)"
    shown = "; ".join(f"{s.name}: {s.error or 'no text'}" for s in sources[:SHOWN_IN_FOLDER])
    more = len(sources) - SHOWN_IN_FOLDER
    return f"no usable file ({shown}{f'; {more} more' if more > 0 else ''})"


def _stat_problem(path: Path) -> str | None:
    """Why ``path`` cannot be opened at all (missing, a symlink loop, ...), else None."""
    try:
        path.stat()
    except OSError as err:
        return _os_reason(err)
    return None


def _os_reason(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a folder"
    return (err.strerror or str(err)).lower()


def _read_file(path: Path, name: str) -> list[Source]:
    """One file by its suffix: .html/.htm, .json, .jsonl, anything else as text."""
    try:
        if not path.exists():
            return [_unreadable(name, "no such file")]
        if not path.is_file():
            return [_unreadable(name, "not a regular file")]
        size = path.stat().st_size
        if size > MAX_BYTES:  # refused from its size: nothing of it is read
            return [_unreadable(name, f"file too large ({_megabytes(size)}; {_LIMIT_TEXT})")]
        data = path.read_bytes()
    except OSError as err:
        return [_unreadable(name, _os_reason(err))]
    return read_upload(name, data)


def read_upload(name: str, data: bytes) -> list[Source]:
    """The Sources of one file's bytes, its kind from its name's suffix, exactly as if the
    file had been read from disk (an uploaded file, say). Indexes are left at 0."""
    if len(data) > MAX_BYTES:
        return [_unreadable(name, f"file too large ({_megabytes(len(data))}; {_LIMIT_TEXT})")]
    suffix = Path(name).suffix.lower()
    decoded = decode(data)
    if decoded is None:
        return [_unreadable(name, NOT_TEXT)]
    text, warning = decoded
    if suffix in HTML_SUFFIXES:  # trafilatura decodes the page itself, by its charset
        return [_from_html(data, name)]
    if suffix == ".json":
        return _warned(_from_json(_normalise(text), name), warning)
    if suffix == ".jsonl":
        return _warned(_from_jsonl(_normalise(text), name), warning)
    return _warned([_text_source(name, text)], warning)


def _megabytes(size: int) -> str:
    # Rounded up, so a file just over the limit does not read as exactly the limit.
    return f"{math.ceil(size * 10 / (1024 * 1024)) / 10:.1f} MB"


# --- stdin and the web -------------------------------------------------------------------


def _read_stdin(stream: TextIO) -> list[Source]:
    """Articles on standard input, separated by ``|||||`` (own line or inline), decoded
    and limited as a file is."""
    binary = getattr(stream, "buffer", None)  # a real stdin: its bytes, not its locale's view
    try:
        if binary is not None:
            data: bytes = binary.read(MAX_BYTES + 1)
        else:
            text = _NOT_AN_ESCAPED_BYTE.sub("\ufffd", stream.read(MAX_BYTES + 1))
            data = text.encode("utf-8", errors="surrogateescape")
    except (UnicodeDecodeError, OSError) as err:
        reason = NOT_TEXT if isinstance(err, UnicodeDecodeError) else _os_reason(err)
        return [_unreadable("stdin#0", reason)]
    if len(data) > MAX_BYTES:
        return [_unreadable("stdin#0", f"input too large ({_LIMIT_TEXT})")]
    decoded = decode(data)
    if decoded is None:
        return [_unreadable("stdin#0", NOT_TEXT)]
    text, warning = decoded
    # Blank pieces are separator artefacts (a trailing "|||||"), not articles.
    pieces = [p.strip() for p in SEPARATOR.split(_normalise(text)) if p.strip()] or [""]
    return _warned([_text_source(f"stdin#{k}", piece) for k, piece in enumerate(pieces)], warning)


def _read_url(url: str) -> Source:
    """Fetch one address: HTML -> main text, text/plain -> text, else unreadable."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            content_type = response.headers.get_content_type()
            has_type = response.headers.get("Content-Type") is not None
            charset = response.headers.get_content_charset() or "utf-8"
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as err:
        return _unreadable(url, f"HTTP {err.code}", url=url)
    except urllib.error.URLError as err:
        return _unreadable(url, _net_reason(err.reason), url=url)
    except (OSError, ValueError) as err:  # timeouts mid-read, resets, malformed address
        return _unreadable(url, _net_reason(err), url=url)
    if len(data) > MAX_BYTES:
        return _unreadable(url, f"page too large ({_LIMIT_TEXT})", url=url)
    if not has_type:  # no Content-Type header: judge by the bytes
        content_type = "text/html" if _HTML_START.match(data) else "text/plain"
    if content_type in ("text/html", "application/xhtml+xml"):
        return _from_html(data, url, url=url)
    if content_type == "text/plain":
        decoded = decode(data, charset)
        if decoded is None:
            return _unreadable(url, NOT_TEXT, url=url)
        text, warning = decoded
        return replace(_text_source(url, text, url=url), warning=warning)
    return _unreadable(url, f"not an HTML or text page ({content_type})", url=url)


def _net_reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return f"timed out after {FETCH_TIMEOUT:g} s"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or type(reason).__name__
