"""Records: JSON Lines files, plain or gzipped, one JSON object per line.

Shared by ``batch`` (which turns a bad line into an error record and goes on) and the
evaluation commands (which stop at the first bad line).
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from newsfuse.model import InputError


def read_records(path: str | Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a ``.jsonl`` or ``.jsonl.gz`` file, at most ``limit``.

    Blank lines are skipped. Raises ``InputError(path, reason)`` for a missing or unreadable
    file, a line that is not valid JSON (naming the 1-based line number) or not an object.
    """
    for number, line in record_lines(path, limit):
        yield parse_record(str(path), number, line)


def record_lines(path: str | Path, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """``(1-based line number, line)`` for the non-blank lines of the file, at most
    ``limit``; ``InputError`` when the file cannot be read."""
    where = str(path)
    if limit is not None and limit <= 0:
        return
    count = 0
    try:
        with _open_text(Path(path)) as handle:
            for number, line in enumerate(handle, start=1):
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
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not UTF-8 text: {exc.reason}") from None
    # A damaged .gz surfaces as one of these while reading, not when opening.
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(where, f"damaged gzip file: {exc}") from None


def parse_record(where: str, number: int, line: str) -> dict[str, Any]:
    """The JSON object on line ``number``; ``InputError`` naming the line otherwise."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON at line {number}: {exc.msg}") from None
    if not isinstance(value, dict):
        raise InputError(where, f"line {number} is not a JSON object")
    return value


def _open_text(path: Path) -> TextIO:
    # Decide by name, not by sniffing: a mislabelled file should fail loudly, not be guessed.
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")
