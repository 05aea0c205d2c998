"""Evaluation records: JSON Lines files, plain or gzipped, one cluster per line.

A record is ``{"id": str, "documents": [str | {"text": str, ...}, ...], "summary": str}``
(Multi-News as-is); only what evaluation reads is checked here.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from newsfuse.model import InputError


def read_records(path: str | Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a ``.jsonl`` or ``.jsonl.gz`` file, at most ``limit``.

    Blank lines are skipped. Raises ``InputError(path, reason)`` for a missing or unreadable
    file, a line that is not valid JSON (naming the 1-based line number) or not an object.
    """
    where = str(path)
    if limit is not None and limit <= 0:
        return
    count = 0
    try:
        with _open_text(Path(path)) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                yield _parse_line(where, number, line)
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


def document_texts(record: Mapping[str, Any], where: str = "record") -> list[str]:
    """The text of each document of ``record``: a string as-is, an article object's ``text``."""
    documents = record.get("documents")
    if not isinstance(documents, list):
        raise InputError(where, f"record {record.get('id')!r} has no 'documents' list")
    texts: list[str] = []
    for document in documents:
        if isinstance(document, str):
            texts.append(document)
        elif isinstance(document, Mapping) and isinstance(document.get("text"), str):
            texts.append(document["text"])
        else:
            raise InputError(
                where, f"record {record.get('id')!r}: a document is neither text nor has 'text'"
            )
    return texts


def reference_summary(record: Mapping[str, Any], where: str = "record") -> str:
    """The record's reference ``summary``; ``InputError`` when it has none."""
    summary = record.get("summary")
    if not isinstance(summary, str):
        raise InputError(where, f"record {record.get('id')!r} has no reference 'summary'")
    return summary


def _open_text(path: Path) -> TextIO:
    # Decide by name, not by sniffing: a mislabelled file should fail loudly, not be guessed.
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _parse_line(where: str, number: int, line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON at line {number}: {exc.msg}") from None
    if not isinstance(value, dict):
        raise InputError(where, f"line {number} is not a JSON object")
    return value
