"""Evaluation records: the documents and reference summary of a Multi-News record.

A record is ``{"id": str, "documents": [str | {"text": str, ...}, ...], "summary": str}``
(Multi-News as-is); only what evaluation reads is checked here. Reading the files is
``newsfuse.records``' job (re-exported here as ``read_records``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsfuse.model import InputError
from newsfuse.records import read_records

__all__ = ["document_texts", "read_records", "reference_summary"]


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
