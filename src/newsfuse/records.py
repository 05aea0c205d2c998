"""Records: JSON Lines files, plain or gzipped, one JSON object per line.

Shared by ``batch`` (which turns a bad line into an error record and goes on) and the
evaluation commands (which stop at the first bad line).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from newsfuse.decoding import NOT_TEXT, SNIFF_BYTES, looks_binary
from newsfuse.jsonvalues import json_limit_reason, loads
from newsfuse.model import InputError

# Longest line read as one record; a longer one is cut here and reported, not parsed. The
# longest Multi-News line is 58 kB (dev_fulltext.jsonl; 6 kB in train); 20 MB is also the
# most `fuse` reads of one file, so a record can hold any cluster `fuse` would take, and a
# 100 MB line without a newline costs 20 MB of memory, not 100.
MAX_LINE_CHARS = 20 * 1024 * 1024

# A byte that is not UTF-8 reaches parse_record as a lone surrogate (surrogateescape), so
# one bad line is reported as that line and the file goes on.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def read_records(path: str | Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a ``.jsonl`` or ``.jsonl.gz`` file, at most ``limit``.

    Blank lines are skipped. Raises ``InputError(path, reason)`` for a missing or unreadable
    file, or a line that is not a JSON object (the reason starts ``line N:``).
    """
    for number, line in record_lines(path, limit):
        yield parse_record(str(path), number, line)


def record_lines(path: str | Path, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """``(1-based line number, line)`` for the non-blank lines of the file, at most
    ``limit``; ``InputError`` when the file cannot be read. Lines are not checked: bytes
    that are not UTF-8 and lines over ``MAX_LINE_CHARS`` are for ``parse_record`` to refuse."""
    where = str(path)
    if limit is not None and limit <= 0:
        return
    count = 0
    try:
        with _open_text(Path(path)) as handle:
            for number, line in enumerate(_lines(handle), start=1):
                if not line.strip():
                    continue
                yield number, line
                count += 1
                if limit is not None and count >= limit:
                    return
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except IsADirectoryError:
        raise InputError(where, "is a directory, not a file") from None
    except PermissionError:
        raise InputError(where, "permission denied") from None
    # A damaged .gz surfaces as one of these while reading, not when opening.
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(where, f"damaged gzip file: {exc}") from None


def parse_record(where: str, number: int, line: str) -> dict[str, Any]:
    """The JSON object on line ``number``; else ``InputError(where, "line N: reason")``."""
    if len(line) - line.endswith("\n") > MAX_LINE_CHARS:
        reason = f"line {number}: longer than the limit of {MAX_LINE_CHARS:,} characters"
        raise InputError(where, reason)
    if (byte := _ESCAPED_BYTE.search(line)) is not None:
        column = byte.start() + 1
        raise InputError(where, f"line {number}: not UTF-8 text (a bad byte at column {column})")
    try:
        value = loads(line)
    except json.JSONDecodeError as exc:
        reason = f"line {number}: invalid JSON at column {exc.colno}: {exc.msg}"
        raise InputError(where, reason) from None
    except (ValueError, RecursionError) as exc:  # 4,300+ digit numbers, nesting too deep
        raise InputError(where, f"line {number}: invalid JSON: {json_limit_reason(exc)}") from None
    if not isinstance(value, dict):
        raise InputError(where, f"line {number}: not a JSON object")
    return value


def _lines(handle: TextIO) -> Iterator[str]:
    """The file's lines, each cut after ``MAX_LINE_CHARS + 1`` characters (the rest of an
    overlong line is read in pieces and dropped), so one line never fills the memory."""
    while line := handle.readline(MAX_LINE_CHARS + 1):
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            while (rest := handle.readline(MAX_LINE_CHARS)) and not rest.endswith("\n"):
                pass
        yield line


def _open_text(path: Path) -> TextIO:
    """The file as text; ``InputError`` when its first bytes say it is binary (an image, a
    ZIP, a gzip file without ``.gz``), rather than an error for each of its "lines"."""
    # Gzip by name, not by sniffing: a mislabelled file should fail loudly, not be guessed.
    # The text wrapper returned owns the file and closes it (hence no `with` here).
    raw: gzip.GzipFile | io.BufferedReader
    raw = gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")  # noqa: SIM115
    try:
        # peek, not read: a pipe (a FIFO, `<(zcat ...)`) cannot be rewound.
        binary = looks_binary(raw.peek(SNIFF_BYTES)[:SNIFF_BYTES])
    except BaseException:
        raw.close()
        raise
    if binary:
        raw.close()
        raise InputError(str(path), NOT_TEXT)
    return io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape")
